// Fuzz target: loading a graph file (what export, query, merge and --update do). Either
// read_graph_json (store/graph_io) rejects the input with a polgraph::Error, or the graph it loads
// is written back by the real JSON exporter as strict, valid JSON that loads again and writes the
// same bytes (the node-link file is lossless; fuzz::check_json_round_trip). Loaded on one thread
// (fuzz::load_graph_json).
#include <string_view>

#include "core/graph.hpp"
#include "tests/fuzz/fuzz_check.hpp"
#include "tests/fuzz/fuzz_data.hpp"
#include "tests/fuzz/fuzz_target.hpp"

using namespace polgraph;

POLGRAPH_FUZZ_TARGET(graph_json) {
    KnowledgeGraph g;
    if (!fuzz::only_polgraph_errors([&] { g = fuzz::load_graph_json(input, "fuzz.json"); })) return;
    fuzz::check_json_round_trip(g);
}
