// make_ahead: use sees every made item once, in index order, for any number of makers and any
// chunk size; made items are destroyed by the makers, not by the thread that uses them; an
// exception from make or from use reaches the caller once every maker has stopped.
#include <catch2/catch.hpp>

#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "core/util/make_ahead.hpp"

namespace {

// An item that records, when it is destroyed while still owning its value, which thread did it.
struct Tracked {
    std::unique_ptr<std::size_t> value;
    std::mutex* m = nullptr;
    std::vector<std::thread::id>* destroyed_on = nullptr;
    Tracked(std::size_t v, std::mutex& mu, std::vector<std::thread::id>& on)
        : value(std::make_unique<std::size_t>(v)), m(&mu), destroyed_on(&on) {}
    Tracked(Tracked&&) noexcept = default;
    Tracked& operator=(Tracked&&) noexcept = default;
    ~Tracked() {
        if (!value) return; // moved from
        std::lock_guard lock(*m);
        destroyed_on->push_back(std::this_thread::get_id());
    }
};

} // namespace

TEST_CASE("make_ahead uses every item once, in order, for any makers and chunk", "[core]") {
    for (std::size_t n : {0u, 1u, 255u, 256u, 257u, 1000u})
        for (unsigned makers : {0u, 1u, 2u, 3u, 5u})
            for (std::size_t chunk : {1u, 7u, 256u}) {
                INFO("n " << n << " makers " << makers << " chunk " << chunk);
                std::vector<std::size_t> seen;
                polgraph::make_ahead(
                    n, makers, [](std::size_t i) { return std::to_string(i * 3); },
                    [&](std::size_t i, std::string&& s) {
                        CHECK(s == std::to_string(i * 3));
                        seen.push_back(i);
                    },
                    chunk);
                REQUIRE(seen.size() == n);
                for (std::size_t i = 0; i < n; ++i) CHECK(seen[i] == i);
            }
}

TEST_CASE("make_ahead destroys what use leaves on the maker threads", "[core]") {
    std::mutex m;
    std::vector<std::thread::id> destroyed_on;
    const auto caller = std::this_thread::get_id();
    std::size_t sum = 0;
    polgraph::make_ahead(
        1000, 2, [&](std::size_t i) { return Tracked(i, m, destroyed_on); },
        [&](std::size_t, const Tracked& t) { sum += *t.value; }, 16);
    CHECK(sum == 999u * 1000u / 2u);
    REQUIRE(destroyed_on.size() == 1000);
    for (const auto& id : destroyed_on) CHECK(id != caller);
}

TEST_CASE("make_ahead passes an exception from make or from use to the caller", "[core]") {
    auto make = [](std::size_t i) {
        if (i == 300) throw std::runtime_error("make 300");
        return i;
    };
    for (unsigned makers : {0u, 1u, 3u})
        CHECK_THROWS_WITH(polgraph::make_ahead(
                              1000, makers, make, [](std::size_t, std::size_t) {}, 8),
                          "make 300");
    auto use = [](std::size_t i, std::size_t) {
        if (i == 41) throw std::runtime_error("use 41");
    };
    for (unsigned makers : {0u, 1u, 3u})
        CHECK_THROWS_WITH(polgraph::make_ahead(
                              1000, makers, [](std::size_t i) { return i; }, use, 8),
                          "use 41");
}
