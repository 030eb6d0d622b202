#pragma once
/// A small open-addressing hash table from words (case-folded token texts) to values, for the
/// per-token look-ups of the extractors: one probe sequence over a flat array, the full hash
/// compared before the bytes, no allocation on look-up. Filled once (insert), then read-only and
/// safe to share between threads. Values live in a vector in insertion order; pointers to them
/// stay valid until the next insert.
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace polgraph {

template <class V> class WordTable {
public:
    /// The value of `word`, or nullptr.
    const V* find(std::string_view word) const {
        if (slots_.empty()) return nullptr;
        const std::uint64_t h = hash(word);
        for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
            const Slot& s = slots_[i];
            if (s.entry == kEmpty) return nullptr;
            if (s.hash == h && keys_[s.entry] == word) return &values_[s.entry];
        }
    }
    V* find(std::string_view word) {
        return const_cast<V*>(static_cast<const WordTable&>(*this).find(word));
    }

    /// The value of `word`, inserted as V() when missing.
    V& insert(std::string_view word) {
        if (V* v = find(word)) return *v;
        if ((keys_.size() + 1) * 2 > slots_.size()) rehash(slots_.empty() ? 64 : slots_.size() * 2);
        const std::uint64_t h = hash(word);
        std::size_t i = h & mask_;
        while (slots_[i].entry != kEmpty) i = (i + 1) & mask_;
        slots_[i] = {h, static_cast<std::uint32_t>(keys_.size())};
        keys_.emplace_back(word);
        values_.emplace_back();
        return values_.back();
    }

    std::size_t size() const { return keys_.size(); }
    /// Words and values in insertion order.
    const std::vector<std::string>& keys() const { return keys_; }
    std::vector<V>& values() { return values_; }
    const std::vector<V>& values() const { return values_; }

private:
    static constexpr std::uint32_t kEmpty = 0xffffffffu;
    struct Slot {
        std::uint64_t hash = 0;
        std::uint32_t entry = kEmpty;
    };

    // 8 bytes at a time, multiply-xorshift mixing; words are short.
    static std::uint64_t hash(std::string_view s) {
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

    void rehash(std::size_t capacity) {
        slots_.assign(capacity, Slot{});
        mask_ = capacity - 1;
        for (std::uint32_t e = 0; e < keys_.size(); ++e) {
            const std::uint64_t h = hash(keys_[e]);
            std::size_t i = h & mask_;
            while (slots_[i].entry != kEmpty) i = (i + 1) & mask_;
            slots_[i] = {h, e};
        }
    }

    std::vector<Slot> slots_;
    std::size_t mask_ = 0;
    std::vector<std::string> keys_;
    std::vector<V> values_;
};

} // namespace polgraph
