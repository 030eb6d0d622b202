// ByteHasher (core/util/hash.hpp): hashing bytes in pieces gives hash_bytes of the whole, wherever
// the pieces are cut (the snapshot writer checksums its payload piece by piece).
#include <cstring>
#include <random>
#include <string>

#include <catch2/catch.hpp>

#include "core/util/hash.hpp"

using namespace polgraph;

TEST_CASE("ByteHasher over pieces equals hash_bytes of the whole", "[hash]") {
    std::mt19937_64 rng(7);
    for (std::size_t size :
         {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 63, 64, 65, 1000, 4099}) {
        std::string bytes(size, '\0');
        for (auto& c : bytes) c = static_cast<char>(rng());
        const std::uint64_t whole = hash_bytes(bytes);
        for (int round = 0; round < 50; ++round) {
            ByteHasher h(bytes.size());
            std::size_t at = 0;
            while (at < bytes.size()) {
                // Pieces of 0 to 20 bytes: empty ones, ones inside a word and ones across words.
                const std::size_t n = std::min<std::size_t>(rng() % 21, bytes.size() - at);
                h.add(std::string_view(bytes).substr(at, n));
                at += n;
            }
            REQUIRE(h.finish() == whole);
        }
    }
    // The size is part of the hash: the same bytes announced with another size differ.
    ByteHasher wrong(5);
    wrong.add("abcd");
    CHECK(wrong.finish() != hash_bytes("abcd"));
}

TEST_CASE("hash_bytes reads a short tail as the zero-padded word memcpy gives", "[hash]") {
    // hash_bytes values are stored (snapshot checksums): its fixed-size loads must give the
    // very word that copying the tail into a zeroed word gives, for every tail length and byte.
    std::mt19937_64 rng(11);
    for (int round = 0; round < 2000; ++round) {
        char bytes[8];
        for (auto& c : bytes) c = static_cast<char>(rng());
        for (std::size_t n = 0; n < 8; ++n) {
            std::uint64_t expected = 0;
            std::memcpy(&expected, bytes, n);
            REQUIRE(hash_detail::tail_word(bytes, n) == expected);
        }
    }
}
