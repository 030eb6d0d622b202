#pragma once
/// A small open-addressing hash table from words to values, for look-ups by the million: the
/// extractors' per-token look-ups (case-folded token texts) and the graph loader's node ids. One
/// probe sequence over a compact array (half of the hash compared before the bytes), the words
/// stored back to back (4 GB at most in all), no allocation on look-up. Filled once (insert),
/// then read-only and safe to share between threads. Values live in a vector in insertion order;
/// pointers to them stay valid until the next insert.
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/hash.hpp"

namespace polgraph {

template <class V> class WordTable {
public:
    /// The value of `word`, or nullptr.
    const V* find(std::string_view word) const {
        if (slots_.empty()) return nullptr;
        const std::uint64_t h = hash_bytes(word);
        const auto tag = static_cast<std::uint32_t>(h >> 32);
        for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
            const Slot s = slots_[i];
            if (s.entry == kEmpty) return nullptr;
            if (s.tag == tag && key(s.entry) == word) return &values_[s.entry];
        }
    }
    V* find(std::string_view word) {
        return const_cast<V*>(static_cast<const WordTable&>(*this).find(word));
    }

    /// The value of `word`, inserted as V() when missing.
    V& insert(std::string_view word) {
        if (V* v = find(word)) return *v;
        // At most 5/8 full: short probe runs in a small array (8 slots a cache line).
        if ((spans_.size() + 1) * 8 > slots_.size() * 5)
            rehash(slots_.empty() ? 64 : slots_.size() * 2);
        spans_.push_back(
            {static_cast<std::uint32_t>(chars_.size()), static_cast<std::uint32_t>(word.size())});
        chars_.append(word);
        values_.emplace_back();
        place(static_cast<std::uint32_t>(spans_.size() - 1));
        return values_.back();
    }

    std::size_t size() const { return spans_.size(); }
    /// The i-th word inserted.
    std::string_view key(std::size_t i) const {
        return std::string_view(chars_).substr(spans_[i].offset, spans_[i].size);
    }
    /// Values in insertion order.
    std::vector<V>& values() { return values_; }
    const std::vector<V>& values() const { return values_; }

private:
    static constexpr std::uint32_t kEmpty = 0xffffffffu;
    struct Slot {
        std::uint32_t tag = 0; ///< high half of the word's hash
        std::uint32_t entry = kEmpty;
    };
    struct Span {
        std::uint32_t offset, size;
    };

    void place(std::uint32_t entry) {
        const std::uint64_t h = hash_bytes(key(entry));
        std::size_t i = h & mask_;
        while (slots_[i].entry != kEmpty) i = (i + 1) & mask_;
        slots_[i] = {static_cast<std::uint32_t>(h >> 32), entry};
    }

    void rehash(std::size_t capacity) {
        slots_.assign(capacity, Slot{});
        mask_ = capacity - 1;
        for (std::uint32_t e = 0; e < spans_.size(); ++e) place(e);
    }

    std::vector<Slot> slots_;
    std::size_t mask_ = 0;
    std::string chars_;       ///< the words, back to back
    std::vector<Span> spans_; ///< per entry, its word in chars_
    std::vector<V> values_;
};

} // namespace polgraph
