// write_ordered: items formatted on several threads come out in item order, the same bytes for
// any thread count and chunk size, and an exception in one item reaches the caller.
#include <catch2/catch.hpp>

#include <sstream>
#include <stdexcept>
#include <string>

#include "core/util/ordered_writer.hpp"

namespace {

// The formatter appends to a stream or, in the `append` form, to a string.
std::string numbers(std::size_t n, unsigned threads, std::size_t chunk, bool append = false) {
    std::ostringstream out;
    if (append)
        polgraph::write_ordered(
            out, n,
            [](std::size_t i, std::string& o) { o += (i ? "," : "") + std::to_string(i * i); },
            threads, chunk);
    else
        polgraph::write_ordered(
            out, n, [](std::size_t i, std::ostream& o) { o << (i ? "," : "") << i * i; }, threads,
            chunk);
    return out.str();
}

} // namespace

TEST_CASE("write_ordered gives a one-thread loop's bytes for any threads and chunks",
          "[exporters]") {
    for (std::size_t n : {0u, 1u, 7u, 1000u, 12345u}) {
        std::string expected;
        for (std::size_t i = 0; i < n; ++i) expected += (i ? "," : "") + std::to_string(i * i);
        for (unsigned threads : {1u, 2u, 3u, 4u})
            for (std::size_t chunk : {1u, 5u, 64u, 4096u}) {
                INFO("n " << n << " threads " << threads << " chunk " << chunk);
                CHECK(numbers(n, threads, chunk) == expected);
                CHECK(numbers(n, threads, chunk, true) == expected);
            }
    }
}

TEST_CASE("write_ordered passes an item's exception to the caller", "[exporters]") {
    std::ostringstream out;
    auto fail_at = [](std::size_t bad) {
        return [bad](std::size_t i, std::ostream& o) {
            if (i == bad) throw std::runtime_error("item " + std::to_string(i));
            o << i;
        };
    };
    CHECK_THROWS_WITH(polgraph::write_ordered(out, 100, fail_at(77), 3, 8), "item 77");
    CHECK_THROWS_WITH(polgraph::write_ordered(out, 100, fail_at(0), 2, 8), "item 0");
}
