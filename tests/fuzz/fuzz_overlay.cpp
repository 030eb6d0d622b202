// Fuzz target: the curation overlay (`extract --overlay FILE`). The input is the overlay file.
// Either Overlay::parse, or apply_to on a gazetteer, refuses it with a ParseError that names the
// file and a line of the input, or: the gazetteer it extends (the data/ entries of the sample
// corpus's entities; a copy each input) finalizes to entries that are found by their ids, which
// are TYPE:slug (slugify's); the records of data/sample that it rewrites stay canonical, relations
// between two kept entities, and a second rewrite changes nothing; and the graph folded from them
// is written by the JSON exporter as strict, valid JSON that loads again to the same bytes.
#include <algorithm>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/graph.hpp"
#include "core/record.hpp"
#include "core/util/text.hpp"
#include "extractors/gazetteer.hpp"
#include "extractors/overlay.hpp"
#include "tests/fuzz/fuzz_check.hpp"
#include "tests/fuzz/fuzz_data.hpp"
#include "tests/fuzz/fuzz_target.hpp"

using namespace polgraph;

namespace {

// The data/ gazetteer entries of the entities the sample corpus names.
const std::vector<GazetteerEntry>& sample_entries() {
    static const std::vector<GazetteerEntry> entries = [] {
        const Gazetteer& g = fuzz::resources()->gazetteer;
        std::vector<GazetteerEntry> out;
        for (const ArticleRecord& r : fuzz::sample_records())
            for (const EntityRecord& e : r.entities)
                if (auto i = g.find_id(e.id)) out.push_back(g.entry(*i));
        return out;
    }();
    return entries;
}

// A refusal names the file and one of the input's lines.
void check_refusal(const ParseError& e, std::string_view input) {
    if (e.file() != "fuzz.tsv") fuzz::fail("an overlay error does not name the file: ", e.what());
    std::size_t lines = 0;
    for (std::size_t pos = 0; pos < input.size(); ++lines) {
        const std::size_t eol = input.find('\n', pos);
        pos = eol == std::string_view::npos ? input.size() : eol + 1;
    }
    if (e.line() < 1 || static_cast<std::size_t>(e.line()) > lines)
        fuzz::fail("an overlay error names no line of the file: ", e.what());
    fuzz::check_utf8(e.what(), "overlay error");
}

// Runs `f`; true when it returns. A ParseError is checked as a refusal; any other exception,
// polgraph::Error included (the CLI would report it without the file and line), is a finding.
template <class F> bool parsed(std::string_view input, F&& f) {
    try {
        f();
        return true;
    } catch (const ParseError& e) {
        check_refusal(e, input);
        return false;
    } catch (const std::exception& e) {
        fuzz::fail("an overlay refused without a ParseError: ", e.what());
    }
}

std::string type_of(const std::string& id) {
    const auto colon = id.find(':');
    return colon == std::string::npos ? std::string() : id.substr(0, colon);
}

// TYPE:slug, a known type and a slug as slugify makes it.
bool is_entity_id(const std::string& id) {
    const std::string t = type_of(id);
    const auto& ts = entity_types();
    if (t.empty() || std::find(ts.begin(), ts.end(), t) == ts.end()) return false;
    const std::string slug = id.substr(t.size() + 1);
    return !slug.empty() && slugify(slug) == slug;
}

void check_gazetteer(const Gazetteer& g) {
    for (std::uint32_t i = 0; i < g.entries().size(); ++i) {
        const GazetteerEntry& e = g.entry(i);
        fuzz::check_utf8(e.id, "entry id");
        fuzz::check_utf8(e.name, "entry name");
        for (const auto& a : e.aliases) fuzz::check_utf8(a, "entry alias");
        if (!is_entity_id(e.id) || type_of(e.id) != e.type)
            fuzz::fail("a gazetteer entry's id is not TYPE:slug of its type: ", e.id);
        auto found = g.find_id(e.id);
        if (!found || *found != i) fuzz::fail("a gazetteer entry is not found by its id: ", e.id);
    }
}

void check_record(const ArticleRecord& r) {
    const std::string text = to_json(r).dump();
    ArticleRecord c = r;
    canonicalize(c);
    if (to_json(c).dump() != text) fuzz::fail("an overlay leaves a record not canonical: ", r.id);
    std::vector<std::string> ids;
    for (const EntityRecord& e : r.entities) {
        if (!is_entity_id(e.id) || type_of(e.id) != e.type)
            fuzz::fail("an entity's id is not TYPE:slug of its type: ", e.id);
        if (!ids.empty() && ids.back() == e.id) fuzz::fail("an entity listed twice: ", e.id);
        if (e.count < 1) fuzz::fail("an entity with no mention: ", e.id);
        ids.push_back(e.id);
    }
    for (const RelationRecord& rel : r.relations) {
        if (rel.source == rel.target) fuzz::fail("a relation of an entity with itself");
        if (!std::binary_search(ids.begin(), ids.end(), rel.source) ||
            !std::binary_search(ids.begin(), ids.end(), rel.target))
            fuzz::fail("a relation to an entity the record lacks");
    }
}

} // namespace

POLGRAPH_FUZZ_TARGET(overlay) {
    std::optional<Overlay> o;
    if (!parsed(input, [&] { o = Overlay::parse(input, "fuzz.tsv"); })) return;
    Gazetteer g;
    for (const GazetteerEntry& e : sample_entries()) g.add(e);
    if (!parsed(input, [&] {
            o->apply_to(g);
            g.finalize();
        }))
        return;
    check_gazetteer(g);
    if (!o->rewrites_records()) return;

    std::vector<ArticleRecord> records = fuzz::sample_records();
    for (ArticleRecord& r : records) {
        o->apply(r);
        check_record(r);
        ArticleRecord again = r;
        o->apply(again);
        if (to_json(again).dump() != to_json(r).dump())
            fuzz::fail("a second rewrite by the overlay changes a record: ", r.id);
    }
    fuzz::check_json_round_trip(KnowledgeGraph::build(std::move(records)));
}
