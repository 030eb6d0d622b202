#pragma once
/// Entity extraction: gazetteer matching (longest match over case-folded tokens), discovery
/// rules for names no list has (source "pattern"), per-article alias resolution (surnames,
/// acronyms defined in the text, short model names, ambiguous names decided by context) and
/// relations stated in a sentence. Const after construction and safe to share between threads.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/article.hpp"
#include "core/record.hpp"
#include "extractors/gazetteer.hpp"
#include "extractors/lexicon.hpp"
#include "extractors/tokenizer.hpp"

namespace polgraph {

/// One resolved mention: tokens [first, last] refer to an entity.
struct Mention {
    std::size_t first = 0, last = 0;
    std::string id, type, name;
    std::string source = "gazetteer";
    double confidence = 1.0;
};

struct EntityResult {
    std::vector<Mention> mentions;          ///< in text order
    std::vector<EntityRecord> entities;     ///< aggregated, sorted by id
    std::vector<RelationRecord> relations;  ///< with sentence evidence
};

class EntityExtractor {
public:
    /// Both references must outlive the extractor.
    EntityExtractor(const Gazetteer& gazetteer, const Lexicon& lexicon);

    EntityResult extract(const Article& a, const Tokenized& t) const;

private:
    /// What the extractor knows about one case-folded word: an id (equal ids, equal words) and
    /// the word lists it is in (bits of the internal WordFlag).
    struct WordInfo {
        std::uint32_t id = 0;
        std::uint64_t flags = 0;
        const std::vector<std::uint32_t>* gazetteer = nullptr; ///< Gazetteer::candidates
    };
    struct StringHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const {
            return std::hash<std::string_view>{}(s);
        }
    };
    /// The word's entry, or nullptr for a word no list or gazetteer pattern has.
    const WordInfo* word(std::string_view norm) const;
    /// The word's entry, added (with a new id and no lists) if missing. Construction only.
    WordInfo& intern(std::string_view norm);
    void add_words(const std::unordered_set<std::string>& list, std::uint64_t flag);

    const Gazetteer& gaz_;
    const Lexicon& lex_;
    // Every word the rules look up, interned once so that an article costs one hash lookup per
    // token instead of one per rule.
    std::unordered_map<std::string, WordInfo, StringHash, std::equal_to<>> words_;
    std::vector<std::vector<std::uint32_t>> pattern_words_; ///< per gazetteer pattern, word ids
    std::vector<std::uint8_t> entry_type_;                  ///< per entry, index in entity_types()
    /// Per entry: ids whose presence in an article confirms it (its developer, affiliation,
    /// maker, jurisdiction or parent, and their parents).
    std::vector<std::vector<std::string>> vouchers_;
    /// Per policy entry with a jurisdiction: (jurisdiction entry, its forms as word ids).
    using FormWords = std::vector<std::vector<std::uint32_t>>;
    std::unordered_map<std::uint32_t, std::vector<std::pair<std::uint32_t, FormWords>>>
        jurisdiction_forms_;
};

} // namespace polgraph
