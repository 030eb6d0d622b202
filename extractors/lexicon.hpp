#pragma once
/// Word lists for the discovery rules (data/patterns.json) and the given-name list
/// (data/names/given_names.txt). Immutable after loading; thread-safe.
#include <string>
#include <string_view>
#include <unordered_set>

namespace polgraph {

struct Lexicon {
    std::unordered_set<std::string> person_titles, role_words, reporting_verbs, org_suffixes,
        org_heads_with_of, org_context_before, org_context_after, model_version_words,
        model_context, model_family_exclude, not_entity_followers, function_words, weak_org_suffixes, policy_suffixes, bill_prefixes, name_particles, not_names, months,
        weekdays, given_names;

    /// Loads patterns.json and names/given_names.txt from `data_dir` (missing files give empty
    /// lists; malformed ones throw ParseError naming the file).
    static Lexicon load(const std::string& data_dir);
    /// Parses the patterns.json text (used by load and tests).
    void add_patterns_json(std::string_view text, const std::string& file);
    /// Adds given names, one per line ('#' comments).
    void add_given_names(std::string_view text);
};

} // namespace polgraph
