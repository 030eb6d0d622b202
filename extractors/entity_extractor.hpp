#pragma once
/// Entity extraction: gazetteer matching (longest match over case-folded tokens), discovery
/// rules for names no list has (source "pattern"), per-article alias resolution (surnames,
/// acronyms defined in the text, short model names, ambiguous names decided by context) and
/// relations stated in a sentence. Const after construction and safe to share between threads.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/article.hpp"
#include "core/record.hpp"
#include "core/util/word_table.hpp"
#include "extractors/gazetteer.hpp"
#include "extractors/lexicon.hpp"
#include "extractors/tokenizer.hpp"

namespace polgraph {

namespace detail {
struct Scan;
}

/// One resolved mention: tokens [first, last] refer to an entity.
struct Mention {
    std::size_t first = 0, last = 0;
    std::string id, type, name;
    std::string source = "gazetteer";
    double confidence = 1.0;
};

struct EntityResult {
    std::vector<Mention> mentions;         ///< in text order
    std::vector<EntityRecord> entities;    ///< aggregated, sorted by id
    std::vector<RelationRecord> relations; ///< with sentence evidence
};

class EntityExtractor {
public:
    /// Both references must outlive the extractor.
    EntityExtractor(const Gazetteer& gazetteer, const Lexicon& lexicon);

    EntityResult extract(const Article& a, const Tokenized& t) const;

private:
    // The phases of extract(), in order, over one article's detail::Scan.
    void look_up_words(detail::Scan& s) const;                        // entity_extractor.cpp
    void match_gazetteer(detail::Scan& s) const;                      // entity_matching.cpp
    void discover_models(detail::Scan& s) const;                      // entity_discovery.cpp
    void discover_bills(detail::Scan& s) const;                       //   "
    void discover_capitalised(detail::Scan& s) const;                 //   "
    void discover_by_context(detail::Scan& s) const;                  //   "
    void propagate_short_forms(detail::Scan& s) const;                // entity_resolution.cpp
    void resolve_ambiguous(detail::Scan& s) const;                    //   "
    EntityResult aggregate(detail::Scan& s) const;                    //   "
    void add_relations(const detail::Scan& s, EntityResult& r) const; // entity_relations.cpp

    /// Adds a discovered name over tokens [f, l] unless a strong candidate covers one of them;
    /// a gazetteer entry of the same type and name takes its place.
    void add_pattern(detail::Scan& s, std::size_t f, std::size_t l, const std::string& type,
                     std::string name, double conf) const;
    /// Whether the article names (strong_ids) an entity that confirms entry `e` (vouchers_).
    bool vouched(const detail::Scan& s, std::uint32_t e) const;
    bool is_type(std::uint32_t entry, std::uint8_t type) const {
        return entry_type_[entry] == type;
    }

    /// What the extractor knows about one case-folded word: an id (equal ids, equal words) and
    /// the word lists it is in (bits of the internal WordFlag).
    static constexpr std::uint32_t kNoNode = 0xffffffffu;
    struct WordInfo {
        std::uint64_t flags = 0;
        std::uint32_t id = 0;
        std::uint32_t trie = kNoNode; ///< gazetteer names starting with the word
    };
    /// The gazetteer's patterns as a trie over word ids: a node is reached by a name's first
    /// words and lists the patterns that end there (in Gazetteer::candidates order), each with
    /// its entry and its case rules (shared by the patterns that have the same, so that they are
    /// tested once).
    struct PatternEnd {
        std::uint32_t entry = 0;
        std::uint32_t rules = 0; ///< index in TrieNode::rules
        bool ambiguous = false;
    };
    struct TrieNode {
        std::vector<std::pair<std::uint32_t, std::uint32_t>> next; ///< (word id, node), sorted
        std::vector<PatternEnd> ends;
        std::vector<std::vector<std::uint8_t>> rules; ///< AliasPattern::case_rule, distinct
    };
    std::uint32_t trie_child(std::uint32_t node, std::uint32_t word) const;
    /// The word's entry, or nullptr for a word no list or gazetteer pattern has.
    const WordInfo* word(std::string_view norm) const;
    /// The word's entry, added (with a new id and no lists) if missing. Construction only.
    WordInfo& intern(std::string_view norm);
    void add_words(const std::unordered_set<std::string>& list, std::uint64_t flag);

    const Gazetteer& gaz_;
    const Lexicon& lex_;
    // Every word the rules look up, interned once so that an article costs one hash lookup per
    // token instead of one per rule.
    WordTable<WordInfo> words_;
    std::vector<TrieNode> trie_;
    std::vector<std::uint8_t> entry_type_; ///< per entry, index in entity_types()
    /// Per entry: ids whose presence in an article confirms it (its developer, affiliation,
    /// maker, jurisdiction or parent, and their parents).
    std::vector<std::vector<std::string>> vouchers_;
    /// Per policy entry with a jurisdiction: (jurisdiction entry, its forms as word ids).
    using FormWords = std::vector<std::vector<std::uint32_t>>;
    std::unordered_map<std::uint32_t, std::vector<std::pair<std::uint32_t, FormWords>>>
        jurisdiction_forms_;
};

} // namespace polgraph
