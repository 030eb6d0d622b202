// Fuzz target: loading a graph file (what export, query, merge and --update do). Either
// read_graph_json (store/graph_io) rejects the input with a polgraph::Error, or the graph it loads
// is written back by the real JSON exporter as strict, valid JSON that loads again and writes the
// same bytes (the node-link file is lossless). Loaded on one thread (fuzz::load_graph_json).
#include <exception>
#include <sstream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/graph.hpp"
#include "core/view.hpp"
#include "exporters/exporter.hpp"
#include "tests/fuzz/fuzz_check.hpp"
#include "tests/fuzz/fuzz_data.hpp"
#include "tests/fuzz/fuzz_target.hpp"

using namespace polgraph;

namespace {

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
    if (!fuzz::only_polgraph_errors([&] { g = fuzz::load_graph_json(input, "fuzz.json"); })) return;
    const std::string once = write_json(g);
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(once);
    } catch (const std::exception& e) {
        fuzz::fail("the exporter wrote invalid JSON: ", e.what());
    }
    fuzz::check_json_strings(doc, "exported graph");
    KnowledgeGraph g2;
    if (!fuzz::only_polgraph_errors([&] { g2 = fuzz::load_graph_json(once, "again.json"); }))
        fuzz::fail("a graph written by the exporter does not load again");
    if (write_json(g2) != once) fuzz::fail("load -> write is not a fixed point");
}
