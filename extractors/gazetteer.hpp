#pragma once
/// The gazetteer: reviewed lists of known entities (data/gazetteer/<type>.tsv, see
/// data/README.md) compiled into token patterns for the matcher. Immutable after finalize();
/// safe to share between threads.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/util/text.hpp"

namespace polgraph {

class Overlay;

/// Entity types, in the order records and reports list them.
const std::vector<std::string>& entity_types();

struct GazetteerEntry {
    std::string id;   ///< "type:slug"
    std::string type;
    std::string name; ///< canonical name
    std::vector<std::string> aliases; ///< as written in the file, '~' marks ambiguous ones
    std::map<std::string, std::string> attrs;
    std::uint32_t line = 0; ///< line in its file (0: added in code), for polgraph eval --details
};

/// One surface form of an entry, tokenised for matching.
struct AliasPattern {
    std::vector<std::string> tokens;   ///< case-folded tokens
    std::vector<std::uint8_t> case_rule; ///< per token: 0 any case, 1 capital first, 2 all
                                         ///< capitals, 3 as written or all capitals
    std::uint32_t entry = 0;
    bool ambiguous = false; ///< '~' alias or derived surname: needs confirmation in context
    bool canonical = false; ///< the entry's canonical name
};

class Gazetteer {
public:
    /// Loads every data/gazetteer/<type>.tsv under `data_dir`. Throws ParseError naming the file
    /// and line of a malformed row (wrong column count, empty name, unknown header).
    /// An overlay's aliases, entities and never-forms are added before the index is built.
    static Gazetteer load(const std::string& data_dir, Overlay* overlay = nullptr);

    /// Parses one TSV file's text as entries of `type` (used by load and by tests/fuzzing).
    void add_tsv(std::string_view text, const std::string& type, const std::string& file);

    /// Adds one entry programmatically (aliases may carry the '~' marker).
    void add(GazetteerEntry e);

    /// Before finalize: the first entry added with this id, or nullptr.
    const GazetteerEntry* unfinalized_entry(const std::string& id) const;
    /// A text that is never an entity, in any case (an overlay's `never`).
    void add_never(std::string_view form);
    /// True when `form` (a mention's surface text, spaces collapsed) is never an entity.
    bool is_never(std::string_view form) const { return never_.count(casefold(form)) > 0; }
    bool has_never_forms() const { return !never_.empty(); }

    /// Builds the match index. Must be called once after the last add.
    void finalize();

    const std::vector<GazetteerEntry>& entries() const { return entries_; }
    const GazetteerEntry& entry(std::uint32_t i) const { return entries_[i]; }
    const AliasPattern& pattern(std::uint32_t i) const { return patterns_[i]; }
    std::size_t pattern_count() const { return patterns_.size(); }
    /// Patterns whose first token is `norm`, longest first; nullptr if none.
    const std::vector<std::uint32_t>* candidates(const std::string& norm) const;
    /// Entry with this id.
    std::optional<std::uint32_t> find_id(const std::string& id) const;
    /// Entries whose canonical name or unambiguous alias equals `name` (case-insensitive).
    std::vector<std::uint32_t> find_name(std::string_view name) const;
    /// First tokens of model names and model families ("gpt", "claude", "qwen"...).
    bool is_model_family(const std::string& norm) const { return model_families_.count(norm) > 0; }
    /// All of those first tokens, with how many names use them.
    const std::unordered_map<std::string, int>& model_families() const { return model_families_; }

private:
    std::vector<GazetteerEntry> entries_;
    std::vector<AliasPattern> patterns_;
    std::unordered_map<std::string, std::vector<std::uint32_t>> index_;
    std::unordered_map<std::string, std::uint32_t> by_id_;
    std::unordered_map<std::string, std::vector<std::uint32_t>> by_name_;
    std::unordered_map<std::string, int> model_families_;
    std::unordered_set<std::string> never_; ///< casefolded
};

/// Resolves the data directory: `explicit_dir` if set, else $POLGRAPH_DATA, else the source tree's
/// data/ (development builds), else the installed share/polgraph. Throws Error if none exists.
std::string resolve_data_dir(const std::string& explicit_dir);

} // namespace polgraph
