#pragma once
/// A curation overlay (`extract --overlay FILE`): an analyst's corrections to extraction, kept
/// beside the corpus instead of in a copy of data/. A TSV file, one directive a line, '#'
/// comments and blank lines ignored:
///
///     alias  ENTITY_ID  FORM              an extra surface form of a gazetteer entity
///     add    TYPE  NAME  ALIAS;ALIAS      a new gazetteer entity (aliases optional)
///     never  FORM                         a text that is never an entity (any case)
///     merge  ENTITY_ID  INTO_ID           one entity folded into another
///     drop   ENTITY_ID | type:TYPE        an entity, or a whole type, left out
///     type   ENTITY_ID  TYPE              a corrected type (the id takes the new type's prefix)
///
/// alias, add and never change the gazetteer the extractor matches with (apply_to); merge, drop
/// and type rewrite each record (apply), before the fold, so the graph, the records (--jsonl) and
/// every export agree. Parsing checks everything it can without the gazetteer and throws
/// ParseError naming the file and line; apply_to throws the same for an alias of an unknown id.
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/record.hpp"

namespace polgraph {

class Gazetteer;

class Overlay {
public:
    /// Parses an overlay's text; `file` names it in errors.
    static Overlay parse(std::string_view text, const std::string& file);
    /// Reads and parses a file. Throws IoError when it cannot be read.
    static Overlay load(const std::string& path);

    /// Adds the aliases, new entities and never-forms to `g` (before Gazetteer::finalize), and
    /// takes the gazetteer names of merge targets.
    void apply_to(Gazetteer& g);
    /// Rewrites a record: merges, type corrections and drops (relations follow their ends; a
    /// relation whose two ends became one is dropped). The record stays canonical.
    void apply(ArticleRecord& r) const;

    /// True when the overlay rewrites records (merge, drop, type).
    bool rewrites_records() const {
        return !into_.empty() || !drops_.empty() || !drop_types_.empty();
    }
    /// The file's content hash: what --update's fingerprint records.
    const std::string& hash() const { return hash_; }
    const std::string& file() const { return file_; }
    /// Number of directives read.
    std::size_t size() const { return directives_; }

private:
    struct Alias {
        std::string id, form;
        int line = 0;
    };
    std::string file_, hash_;
    std::size_t directives_ = 0;
    std::vector<Alias> aliases_;
    struct Added {
        std::string type, name;
        std::vector<std::string> aliases;
    };
    std::vector<Added> added_;
    std::vector<std::string> never_;
    std::map<std::string, std::string> into_; ///< merge and type: old id -> final id
    std::set<std::string> drops_, drop_types_;
    std::map<std::string, std::string> names_; ///< merge targets' gazetteer names (apply_to)
};

} // namespace polgraph
