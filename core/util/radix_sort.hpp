#pragma once
/// An in-place radix sort by an unsigned integer key: most significant byte first, each byte
/// sorted by the "American flag" permutation (swaps in place, 2 KB of counts per level, no copy
/// of the data), small ranges by insertion. Not stable. The fold sorts tens of millions of
/// co-occurrence pairs with it, where std::sort spent a quarter of the fold's time and a
/// buffered (LSD) radix sort would have needed as much memory again as the pairs.
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <utility>

namespace polgraph {

namespace detail {

/// Sorts [first, last) by the bits of key() below `top`; the elements agree on every bit above.
template <class It, class Key> void radix_sort_below(It first, It last, const Key& key, int top) {
    const std::size_t n = static_cast<std::size_t>(last - first);
    if (n < 2 || top <= 0) return;
    if (n <= 32) {
        for (It i = std::next(first); i != last; ++i) {
            auto v = std::move(*i);
            const auto k = key(v);
            It j = i;
            for (; j != first && key(*std::prev(j)) > k; --j) *j = std::move(*std::prev(j));
            *j = std::move(v);
        }
        return;
    }
    const int shift = top > 8 ? top - 8 : 0;
    auto digit = [&](const auto& v) { return static_cast<unsigned>((key(v) >> shift) & 0xffu); };
    std::array<std::size_t, 256> count{}, next{};
    for (It it = first; it != last; ++it) ++count[digit(*it)];
    std::size_t sum = 0;
    for (unsigned b = 0; b < 256; ++b) {
        next[b] = sum;
        sum += count[b];
    }
    // Every element goes straight to the next free slot of its bucket; the one it displaces is
    // placed in turn, until an element of the bucket being filled comes back.
    const std::array<std::size_t, 256> start = next;
    for (unsigned b = 0; b < 256; ++b) {
        const std::size_t end = start[b] + count[b];
        while (next[b] < end) {
            auto v = std::move(first[static_cast<std::ptrdiff_t>(next[b])]);
            for (unsigned d = digit(v); d != b; d = digit(v))
                std::swap(v, first[static_cast<std::ptrdiff_t>(next[d]++)]);
            first[static_cast<std::ptrdiff_t>(next[b]++)] = std::move(v);
        }
    }
    if (shift == 0) return;
    for (unsigned b = 0; b < 256; ++b)
        if (count[b] > 1)
            radix_sort_below(first + static_cast<std::ptrdiff_t>(start[b]),
                             first + static_cast<std::ptrdiff_t>(start[b] + count[b]), key, shift);
}

} // namespace detail

/// Sorts [first, last) (random-access iterators) in ascending order of key(element), an
/// unsigned integer of at most 64 bits. Elements with equal keys end up in no particular order.
template <class It, class Key> void radix_sort(It first, It last, const Key& key) {
    if (last - first < 2) return;
    // Only the bits in which the keys differ are sorted on: keys are taken relative to the
    // smallest, and the levels above the highest bit of (largest - smallest) are skipped.
    auto lo = key(*first), hi = lo;
    for (It it = first; it != last; ++it) {
        const auto k = key(*it);
        lo = k < lo ? k : lo;
        hi = k > hi ? k : hi;
    }
    const std::uint64_t range = static_cast<std::uint64_t>(hi - lo);
    const int bits = static_cast<int>(std::bit_width(range));
    detail::radix_sort_below(
        first, last, [&](const auto& v) { return static_cast<std::uint64_t>(key(v) - lo); }, bits);
}

} // namespace polgraph
