#pragma once
/// Entity extraction: gazetteer matching (longest match over case-folded tokens), discovery
/// rules for names no list has (source "pattern"; people of many naming traditions, lists of
/// people), per-article resolution (a bare name to the person named in full, acronyms, ambiguous
/// names decided by context), one id per thing (short forms, variants) and relations stated in a
/// sentence. The phases live in entity_matching, entity_discovery, person_rules, org_rules,
/// person_resolution, entity_resolution, entity_canonical and entity_relations. Const after
/// construction and safe to share between threads.
#include <cstdint>
#include <functional>
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
struct Cand;
} // namespace detail

/// One resolved mention: tokens [first, last] refer to an entity.
struct Mention {
    std::size_t first = 0, last = 0;
    std::string id, type, name;
    std::string source = "gazetteer";
    double confidence = 1.0;
    const char* rule = "gazetteer";    ///< the rule or list that found it (static string)
    std::uint32_t entry = 0xffffffffu; ///< its gazetteer entry, when it has one
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
    void look_up_words(detail::Scan& s) const;                           // entity_extractor.cpp
    void match_gazetteer(detail::Scan& s) const;                         // entity_matching.cpp
    void discover_models(detail::Scan& s) const;                         // entity_discovery.cpp
    void discover_bills(detail::Scan& s) const;                          //   "
    void discover_capitalised(detail::Scan& s) const;                    //   "
    void discover_by_context(detail::Scan& s) const;                     //   "
    void discover_elliptical_models(detail::Scan& s) const;              //   "
    void discover_person_lists(detail::Scan& s) const;                   // person_rules.cpp
    void discover_org_cues(detail::Scan& s) const;                       // org_rules.cpp
    void drop_redefined_acronyms(detail::Scan& s) const;                 // entity_resolution.cpp
    void propagate_short_forms(detail::Scan& s) const;                   //   "
    void resolve_ambiguous(detail::Scan& s) const;                       //   "
    void canonicalize(detail::Scan& s) const;                            // entity_canonical.cpp
    EntityResult aggregate(detail::Scan& s) const;                       //   "
    void add_relations(const detail::Scan& s, EntityResult& r) const;    // entity_relations.cpp
    void add_affiliations(const detail::Scan& s, EntityResult& r) const; //   "

    /// Adds a discovered name over tokens [f, l] unless a strong candidate covers one of them or
    /// it is a never-form; a gazetteer entry of the same type and name takes its place.
    void add_pattern(detail::Scan& s, std::size_t f, std::size_t l, const std::string& type,
                     std::string name, double conf, const char* rule = "pattern") const;

    /// Whether tokens [f, l] are a form an overlay says is never an entity (`never`).
    bool never_form(const detail::Scan& s, std::size_t f, std::size_t l) const;

    /// Where an organisation's name starts in the capitalised run [f, j] that opens with a role
    /// ("Director of Robotics Institute"): after it; f when it does not.
    std::size_t org_start_after_role(const detail::Scan& s, std::size_t f, std::size_t j) const;
    /// The "and" (its token) that joins two bodies' names in the capitalised run [f, j]
    /// ("Orvieto Holdings and Calloway Group"), 0 if none.
    std::size_t and_between_bodies(const detail::Scan& s, std::size_t f, std::size_t j) const;
    /// Whether tokens [f, j] hold a post ("Chair", "Professor") outside "of the ...".
    bool holds_position(const detail::Scan& s, std::size_t f, std::size_t j) const;

    // People (person_rules.cpp).
    struct WordInfo;
    const WordInfo* word_info(const detail::Scan& s, std::size_t k) const;
    /// Syllables of the given name in tokens [b, e] for a family-name origin, 0 if not one.
    int given_syllables(const detail::Scan& s, std::size_t b, std::size_t e,
                        std::size_t origin) const;
    /// ", a professor at ...", ", the company's CEO" after token e.
    bool role_apposition(const detail::Scan& s, std::size_t e) const;
    /// How sure tokens [b, e] are a person's name (0: not one).
    double person_confidence(const detail::Scan& s, std::size_t b, std::size_t e, bool title_cue,
                             bool heading) const;
    /// Tokens of a peerage style and name starting at b ("Lord Browne of Ladyton"), 0 if none.
    std::size_t peerage_name(const detail::Scan& s, std::size_t b) const;
    /// Whether tokens [b, e] are a name written family name first ("Xi Jinping", "Kim Gi-ho").
    bool family_name_first(const detail::Scan& s, std::size_t b, std::size_t e) const;
    /// Bare family and given names bound to a person the article names in full
    /// (person_resolution.cpp).
    void resolve_person_short_forms(detail::Scan& s) const;
    /// The one of `entries` (people with one surname) that a title before token i or a far
    /// greater prominence singles out, or kNoEntry.
    std::uint32_t pick_person(const detail::Scan& s, std::size_t i,
                              const std::vector<std::uint32_t>& entries) const;
    /// People in the capitalised run [f, j] (split at connectors).
    void discover_people_in_run(detail::Scan& s, std::size_t f, std::size_t j, bool heading) const;
    /// Whether ambiguous candidate c stands in a list with two organisations named plainly.
    /// `near`: the candidates around it (a dozen tokens either side).
    bool in_org_list(const detail::Scan& s, const detail::Cand& c,
                     const std::vector<std::reference_wrapper<const detail::Cand>>& near) const;
    /// Whether ambiguous candidate c is online platform `e` that the text says one posts on
    /// ("posted photos on X").
    bool posted_on_platform(const detail::Scan& s, const detail::Cand& c, std::uint32_t e) const;
    bool cited_outlet(const detail::Scan& s, const detail::Cand& c, std::uint32_t e) const;
    /// Whether the article names (strong_ids) an entity that confirms entry `e` (vouchers_).
    bool vouched(const detail::Scan& s, std::uint32_t e) const;
    /// Index in entity_types() of a candidate's type.
    std::uint8_t type_of(const detail::Cand& c) const;
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
        std::uint16_t origins = 0;    ///< SurnameInfo::origins of a family name
        std::uint16_t ambiguous_origins = 0;
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
    /// Family-name-first people's first words as patterns; prominence_ (constructor).
    void add_family_names();

    const Gazetteer& gaz_;
    const Lexicon& lex_;
    // Every word the rules look up, interned once so that an article costs one hash lookup per
    // token instead of one per rule.
    WordTable<WordInfo> words_;
    std::vector<TrieNode> trie_;
    std::vector<std::uint8_t> entry_type_; ///< per entry, index in entity_types()
    std::vector<std::uint8_t> prominence_; ///< per person entry: the prominence column (0-3)
    /// Gazetteer people by their given name (the first word of a name written given name first),
    /// for "Sir Demis".
    std::unordered_map<std::string, std::vector<std::uint32_t>> given_names_;
    /// Model names and aliases by detail::model_version_key (a key two models share: none).
    std::unordered_map<std::string, std::uint32_t> model_keys_;
    /// Per entry: ids whose presence in an article confirms it (its developer, affiliation,
    /// maker, jurisdiction or parent, and their parents).
    std::vector<std::vector<std::string>> vouchers_;
    /// Per policy entry with a jurisdiction: (jurisdiction entry, its forms as word ids).
    using FormWords = std::vector<std::vector<std::uint32_t>>;
    std::unordered_map<std::uint32_t, std::vector<std::pair<std::uint32_t, FormWords>>>
        jurisdiction_forms_;
};

} // namespace polgraph
