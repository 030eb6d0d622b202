// radix_sort: the same key order as std::sort, and the same elements (a permutation), for sizes
// on both sides of the insertion-sort cut-off, keys that span few or all 64 bits, many equal
// keys, keys far from zero, and already sorted or reversed input.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "core/util/radix_sort.hpp"

namespace {

struct Item {
    std::uint64_t key;
    std::uint32_t tag; // the input position: tells elements with equal keys apart
};

auto by_key = [](const Item& i) { return i.key; };

// Sorts `items` both ways and checks keys in order and the multiset of (key, tag) unchanged.
void check_sorts(std::vector<Item> items) {
    std::vector<Item> expect = items;
    std::sort(expect.begin(), expect.end(), [](const Item& a, const Item& b) {
        return a.key < b.key || (a.key == b.key && a.tag < b.tag);
    });
    polgraph::radix_sort(items.begin(), items.end(), by_key);
    for (std::size_t i = 1; i < items.size(); ++i) REQUIRE(items[i - 1].key <= items[i].key);
    // Equal keys may come in any order: compare with ties put in tag order.
    std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
        return a.key < b.key || (a.key == b.key && a.tag < b.tag);
    });
    for (std::size_t i = 0; i < items.size(); ++i) {
        REQUIRE(items[i].key == expect[i].key);
        REQUIRE(items[i].tag == expect[i].tag);
    }
}

std::vector<Item> random_items(std::size_t n, std::uint64_t base, std::uint64_t span,
                               std::uint32_t seed) {
    std::mt19937_64 rng(seed);
    std::vector<Item> v(n);
    for (std::size_t i = 0; i < n; ++i)
        v[i] = {base + (span == 0 ? 0 : rng() % span), static_cast<std::uint32_t>(i)};
    return v;
}

} // namespace

TEST_CASE("radix_sort orders like std::sort and keeps every element", "[radix_sort]") {
    const std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
    for (std::size_t n : {0u, 1u, 2u, 31u, 32u, 33u, 257u, 5000u, 200000u})
        for (std::uint64_t span : {std::uint64_t{1}, std::uint64_t{3}, std::uint64_t{256},
                                   std::uint64_t{1} << 20, std::uint64_t{1} << 34, max}) {
            CAPTURE(n, span);
            check_sorts(random_items(n, 0, span, static_cast<std::uint32_t>(n + span)));
        }
}

TEST_CASE("radix_sort handles keys far from zero, sorted, reversed and extreme input",
          "[radix_sort]") {
    const std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
    // Keys in a narrow band high up (as co-occurrence keys are, above the article nodes).
    check_sorts(random_items(100000, (std::uint64_t{1} << 40) + 12345, 5000, 7));
    // The two ends of the range.
    std::vector<Item> ends;
    for (std::uint32_t i = 0; i < 1000; ++i) ends.push_back({i % 2 ? max : 0, i});
    check_sorts(ends);
    auto sorted = random_items(50000, 0, 1u << 30, 11);
    std::sort(sorted.begin(), sorted.end(),
              [](const Item& a, const Item& b) { return a.key < b.key; });
    check_sorts(sorted);
    std::reverse(sorted.begin(), sorted.end());
    check_sorts(sorted);
}

TEST_CASE("radix_sort sorts other element types through the key function", "[radix_sort]") {
    std::vector<std::string> words = {"delta", "alpha", "charlie", "bravo", "echo", "alpha"};
    // By length, then nothing else: only the key order is promised.
    polgraph::radix_sort(words.begin(), words.end(),
                         [](const std::string& w) { return static_cast<std::uint32_t>(w.size()); });
    for (std::size_t i = 1; i < words.size(); ++i) CHECK(words[i - 1].size() <= words[i].size());
    CHECK(std::count(words.begin(), words.end(), "alpha") == 2);
}
