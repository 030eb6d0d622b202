#pragma once
/// One fast 64-bit hash of bytes, for in-memory tables (extractors/word_table.hpp) and the
/// snapshot checksum (core/graph_snapshot.cpp). Not cryptographic; stable across runs and hosts
/// of the same byte order.
#include <cstdint>
#include <cstring>
#include <string_view>

namespace polgraph {

/// 8 bytes at a time with multiply-xorshift mixing (the tail as one zero-padded word), then a
/// final avalanche so that every output bit depends on every input bit.
inline std::uint64_t hash_bytes(std::string_view s) {
    std::uint64_t h = 0x9E3779B97F4A7C15ull ^ s.size();
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        std::uint64_t w;
        std::memcpy(&w, s.data() + i, 8);
        h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
        h ^= h >> 31;
    }
    if (i < s.size()) {
        std::uint64_t w = 0;
        std::memcpy(&w, s.data() + i, s.size() - i);
        h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
        h ^= h >> 31;
    }
    h *= 0x94D049BB133111EBull;
    return h ^ (h >> 29);
}

} // namespace polgraph
