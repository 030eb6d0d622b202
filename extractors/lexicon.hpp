#pragma once
/// Word lists for the discovery rules (data/patterns.json), the given-name list
/// (data/names/given_names.txt), the family-name lists by origin (data/names/surnames_*.txt) with
/// the syllables a given name of that origin is made of (data/names/syllables_*.txt), and the
/// keyphrase stop words (data/stopwords.txt) as common words that are no one's name. Immutable
/// after loading; thread-safe.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace polgraph {

/// Where a family name comes from: how names of that origin are written.
struct NameOrigin {
    std::string name;          ///< file stem after "surnames_": "chinese", "korean" ...
    bool family_first = false; ///< written family name first ("Lee Jae-myung")
    /// Syllables a given name of this origin is made of (empty: any capitalised word).
    std::unordered_set<std::string> syllables;
};

/// One family name: the origins it belongs to, as bits of indices in Lexicon::name_origins.
struct SurnameInfo {
    std::uint16_t origins = 0;   ///< listed plainly
    std::uint16_t ambiguous = 0; ///< listed with '~': also a common word, needs a cue
};

struct Lexicon {
    std::unordered_set<std::string> person_titles, role_words, reporting_verbs, org_suffixes,
        org_heads_with_of, org_context_before, org_context_after, model_version_words,
        model_context, model_family_exclude, not_entity_followers, function_words,
        weak_org_suffixes, policy_suffixes, bill_prefixes, name_particles, not_names, months,
        weekdays, given_names, post_nominals, peerage_titles, not_person_words, common_words,
        position_words, org_apposition_heads;
    std::vector<NameOrigin> name_origins;                  ///< at most 16
    std::unordered_map<std::string, SurnameInfo> surnames; ///< case-folded family name -> origins

    /// Loads patterns.json, names/given_names.txt, names/surnames_*.txt (with
    /// names/syllables_*.txt) and stopwords.txt from `data_dir` (missing files give empty lists;
    /// malformed ones throw ParseError naming the file).
    static Lexicon load(const std::string& data_dir);
    /// Parses the patterns.json text (used by load and tests).
    void add_patterns_json(std::string_view text, const std::string& file);
    /// Adds given names, one per line ('#' comments).
    void add_given_names(std::string_view text);
    /// Adds the family names of one origin: whitespace-separated, '#' comments, a '~' prefix for a
    /// name that is also a common word, and a line "[family-name-first]" saying how names of that
    /// origin are written. Throws ParseError past 16 origins.
    void add_surnames(std::string_view text, const std::string& origin, const std::string& file);
    /// Adds the syllables of an origin's given names (whitespace-separated, '#' comments).
    void add_syllables(std::string_view text, const std::string& origin);
    /// Adds common words (stopwords.txt; section markers such as "[keep]" are skipped).
    void add_common_words(std::string_view text);

    /// Index of `origin` in name_origins, added if missing.
    std::size_t origin_index(const std::string& origin);
};

/// The fewest syllables of `syllables` that `word` (case-folded) is made of, or 0 when it is not
/// made of them. Linear in the word's length.
int syllable_count(std::string_view word, const std::unordered_set<std::string>& syllables);

} // namespace polgraph
