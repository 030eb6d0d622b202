// Fuzz target: loading a graph file (what export, query, merge and --update do). Either
// read_graph_json (store/graph_io) rejects the input with a polgraph::Error, or the graph it loads
// is written back by the real JSON exporter as strict, valid JSON that loads again and writes the
// same bytes (the node-link file is lossless). The graph is loaded as read_graph_json loads it,
// its records read and folded, but folded on this thread (read_graph_json folds on every core, to
// the same graph): coverage that depends on how threads ran would make runs with the same PRNG
// seed differ, and CI's smoke run must repeat.
#include <exception>
#include <sstream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/graph.hpp"
#include "core/record_pack.hpp"
#include "core/view.hpp"
#include "exporters/exporter.hpp"
#include "store/graph_io.hpp"
#include "tests/fuzz/fuzz_check.hpp"
#include "tests/fuzz/fuzz_target.hpp"

using namespace polgraph;

namespace {

KnowledgeGraph load(std::string_view text, const std::string& name) {
    return KnowledgeGraph::build(pack_all(read_json_records(text, name)), 1);
}

std::string write_json(const KnowledgeGraph& g) {
    const ExporterEntry* e = find_exporter("json", "");
    if (!e) fuzz::fail("no json exporter");
    std::ostringstream out;
    e->make(ExportOptions{})->write(full_view(g), out, 0);
    return out.str();
}

} // namespace

POLGRAPH_FUZZ_TARGET(graph_json) {
    KnowledgeGraph g;
    if (!fuzz::only_polgraph_errors([&] { g = load(input, "fuzz.json"); })) return;
    const std::string once = write_json(g);
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(once);
    } catch (const std::exception& e) {
        fuzz::fail("the exporter wrote invalid JSON: ", e.what());
    }
    fuzz::check_json_strings(doc, "exported graph");
    KnowledgeGraph g2;
    if (!fuzz::only_polgraph_errors([&] { g2 = load(once, "again.json"); }))
        fuzz::fail("a graph written by the exporter does not load again");
    if (write_json(g2) != once) fuzz::fail("load -> write is not a fixed point");
}
