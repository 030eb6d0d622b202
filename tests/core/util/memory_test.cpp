// core/memory: the resident and peak figures of extract --verbose, giving freed memory back, and
// keeping a command's result undestroyed until exit.
#include <catch2/catch.hpp>

#include <memory>
#include <vector>

#include "core/util/memory.hpp"

TEST_CASE("resident and peak memory are read, and freed memory is given back", "[memory]") {
    using polgraph::peak_resident_mb;
    using polgraph::resident_mb;
    const double before = resident_mb();
    REQUIRE(before > 0);
    CHECK(peak_resident_mb() >= before);
    // 256 MB in a million small blocks, written so that the pages are resident, then freed: the
    // allocator keeps them until release_free_memory().
    double full = 0;
    {
        std::vector<std::unique_ptr<char[]>> blocks;
        blocks.reserve(1 << 20);
        for (int i = 0; i < (1 << 20); ++i) {
            blocks.emplace_back(new char[256]);
            for (int k = 0; k < 256; k += 64) blocks.back()[k] = static_cast<char>(i + k);
        }
        full = resident_mb();
        CHECK(full >= before + 200);
        CHECK(peak_resident_mb() >= full);
    }
    polgraph::release_free_memory();
    if (polgraph::kAddressSanitizer)
        WARN("AddressSanitizer has its own allocator: not checking what release_free_memory gives "
             "back");
    else CHECK(resident_mb() < full - 150);
}

namespace {
// Counts its destructions, moved-from copies aside.
struct Counted {
    int* destroyed;
    explicit Counted(int* d) : destroyed(d) {}
    Counted(Counted&& o) noexcept : destroyed(o.destroyed) { o.destroyed = nullptr; }
    ~Counted() {
        if (destroyed) ++*destroyed;
    }
};
} // namespace

TEST_CASE("keep_until_exit keeps an object undestroyed, except under AddressSanitizer",
          "[memory]") {
    int destroyed = 0;
    {
        Counted c(&destroyed);
        polgraph::keep_until_exit(std::move(c));
    }
    CHECK(destroyed == (polgraph::kAddressSanitizer ? 1 : 0));
}
