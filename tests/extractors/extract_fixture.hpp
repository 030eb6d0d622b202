#pragma once
// A small inline gazetteer plus the project's own word and name lists (data/), and look-ups over
// what the entity extractor found: the fixture of the extractor tests that write their own
// sentences (person_test, organization_test, relation_test, overlay_test).
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "extractors/entity_extractor.hpp"
#include "extractors/overlay.hpp"
#include "extractors/reader.hpp"
#include "tests/support.hpp"

namespace polgraph::test {

struct ExtractFixture {
    /// (type, TSV text) per gazetteer file.
    using Files = std::vector<std::pair<std::string, std::string>>;
    Gazetteer gaz;
    Lexicon lex;
    /// `overlay`: the text of a curation overlay whose aliases, entities and never-forms the
    /// gazetteer takes (none when empty).
    explicit ExtractFixture(const Files& tsv, const std::string& overlay = "") {
        for (const auto& [type, text] : tsv)
            gaz.add_tsv(text, type, type + ".tsv");
        if (!overlay.empty()) Overlay::parse(overlay, "overlay.tsv").apply_to(gaz);
        gaz.finalize();
        lex = Lexicon::load(source_dir() + "/data");
    }
    /// Extracts from an HTML body (no title block).
    EntityResult run(const std::string& html) const {
        Article a = parse_article("---\ntitle: x\n---\n```html\n" + html + "\n```\n", "t.md", "t",
                                  InputKind::Markdown);
        a.blocks.erase(a.blocks.begin());
        EntityExtractor ex(gaz, lex);
        return ex.extract(a, tokenize(a));
    }
};

inline const EntityRecord* named(const EntityResult& r, const std::string& type,
                                 const std::string& name) {
    for (const auto& e : r.entities)
        if (e.type == type && e.name == name)
            return &e;
    return nullptr;
}

inline std::size_t of_type(const EntityResult& r, const std::string& type) {
    return static_cast<std::size_t>(
        std::count_if(r.entities.begin(), r.entities.end(),
                      [&](const EntityRecord& e) { return e.type == type; }));
}

inline bool has_form(const EntityRecord* e, const std::string& form) {
    return e && std::find(e->forms.begin(), e->forms.end(), form) != e->forms.end();
}

inline bool has_relation(const EntityResult& r, const std::string& type, const std::string& source,
                         const std::string& target) {
    for (const auto& x : r.relations)
        if (x.type == type && x.source == source && x.target == target)
            return true;
    return false;
}

} // namespace polgraph::test
