#pragma once
/// One fast 64-bit hash of bytes, for in-memory tables (core/util/word_table.hpp) and the
/// snapshot checksum (store/graph_snapshot.cpp). Not cryptographic; stable across runs and hosts
/// of the same byte order.
#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace polgraph {

namespace hash_detail {
inline std::uint64_t start(std::size_t size) {
    return 0x9E3779B97F4A7C15ull ^ size;
}
inline std::uint64_t mix(std::uint64_t h, std::uint64_t w) {
    h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
    return h ^ (h >> 31);
}
inline std::uint64_t finish(std::uint64_t h) {
    h *= 0x94D049BB133111EBull;
    return h ^ (h >> 29);
}
inline std::uint64_t load32(const char* p) {
    std::uint32_t w;
    std::memcpy(&w, p, 4);
    return w;
}
/// The n < 8 bytes at p as one zero-padded little-endian word (what memcpy into a zeroed word
/// gives), read with fixed-size loads: a variable-size memcpy is a library call, and most
/// words hashed (tokens, ids) are shorter than 8 bytes. Two loads that overlap write the same
/// bytes to the same places.
inline std::uint64_t tail_word(const char* p, std::size_t n) {
    if constexpr (std::endian::native != std::endian::little) {
        std::uint64_t w = 0;
        std::memcpy(&w, p, n);
        return w;
    }
    if (n >= 4) return load32(p) | load32(p + n - 4) << (8 * (n - 4));
    if (n == 0) return 0;
    const auto byte = [&](std::size_t i) {
        return std::uint64_t{static_cast<unsigned char>(p[i])};
    };
    return byte(0) | byte(n / 2) << (8 * (n / 2)) | byte(n - 1) << (8 * (n - 1));
}
} // namespace hash_detail

/// 8 bytes at a time with multiply-xorshift mixing (the tail as one zero-padded word), then a
/// final avalanche so that every output bit depends on every input bit.
inline std::uint64_t hash_bytes(std::string_view s) {
    std::uint64_t h = hash_detail::start(s.size());
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        std::uint64_t w;
        std::memcpy(&w, s.data() + i, 8);
        h = hash_detail::mix(h, w);
    }
    if (i < s.size()) h = hash_detail::mix(h, hash_detail::tail_word(s.data() + i, s.size() - i));
    return hash_detail::finish(h);
}

/// hash_bytes of bytes given in pieces: ByteHasher(total size), add() each piece in order, then
/// finish() equals hash_bytes of the pieces joined (the size must be known up front).
class ByteHasher {
public:
    explicit ByteHasher(std::size_t total_size) : h_(hash_detail::start(total_size)) {}
    void add(std::string_view s) {
        std::size_t i = 0;
        if (carried_ > 0) { // complete the word left over from the previous piece
            const std::size_t take = std::min<std::size_t>(8 - carried_, s.size());
            std::memcpy(carry_ + carried_, s.data(), take);
            carried_ += take;
            i = take;
            if (carried_ < 8) return;
            h_ = hash_detail::mix(h_, word(carry_, 8));
            carried_ = 0;
        }
        for (; i + 8 <= s.size(); i += 8) h_ = hash_detail::mix(h_, word(s.data() + i, 8));
        carried_ = s.size() - i;
        std::memcpy(carry_, s.data() + i, carried_);
    }
    std::uint64_t finish() const {
        std::uint64_t h = h_;
        if (carried_ > 0) h = hash_detail::mix(h, word(carry_, carried_));
        return hash_detail::finish(h);
    }

private:
    static std::uint64_t word(const char* p, std::size_t n) {
        std::uint64_t w = 0;
        std::memcpy(&w, p, n);
        return w;
    }
    std::uint64_t h_;
    char carry_[8] = {};
    std::size_t carried_ = 0;
};

} // namespace polgraph
