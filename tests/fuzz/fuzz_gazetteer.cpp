// Fuzz target: the gazetteer loader. The input is one data/gazetteer/<type>.tsv file (the type
// chosen by the input's size); Gazetteer::add_tsv + finalize must either reject it with a
// polgraph::Error or build an index in which every entry is found by its id, and matching a
// text made of the entries' own names must keep every mention inside its tokens.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/article.hpp"
#include "core/util/text.hpp"
#include "extractors/entity_extractor.hpp"
#include "extractors/gazetteer.hpp"
#include "extractors/tokenizer.hpp"
#include "tests/fuzz/fuzz_check.hpp"
#include "tests/fuzz/fuzz_data.hpp"
#include "tests/fuzz/fuzz_target.hpp"

using namespace polgraph;

POLGRAPH_FUZZ_TARGET(gazetteer) {
    const Lexicon& lexicon = fuzz::resources()->lexicon;
    const auto& types = entity_types();
    const std::string& type = types[input.size() % types.size()];
    Gazetteer g;
    if (!fuzz::only_polgraph_errors([&] {
            g.add_tsv(input, type, "fuzz.tsv");
            g.finalize();
        }))
        return;
    Article a;
    a.id = "fuzz";
    Block b;
    for (std::uint32_t i = 0; i < g.entries().size(); ++i) {
        const GazetteerEntry& e = g.entry(i);
        fuzz::check_utf8(e.id, "entry id");
        fuzz::check_utf8(e.name, "entry name");
        auto found = g.find_id(e.id);
        if (!found || g.entry(*found).id != e.id) fuzz::fail("entry not found by its id: ", e.id);
        b.text += normalize_text(e.name) + ". ";
        for (const auto& al : e.aliases) b.text += normalize_text(al) + " and ";
    }
    b.text = collapse_spaces(b.text);
    a.blocks.push_back(b);
    Tokenized t = tokenize(a);
    EntityExtractor ex(g, lexicon);
    EntityResult er = ex.extract(a, t);
    fuzz::check_offsets(a, t, &er);
    for (const auto& e : er.entities) {
        fuzz::check_utf8(e.id, "entity id");
        if (e.count < 1) fuzz::fail("entity with no mention");
    }
}
