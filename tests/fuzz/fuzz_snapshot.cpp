// Fuzz target: loading a binary graph snapshot. The input is a snapshot payload, sealed here
// with a valid header and checksum so that the fuzzer explores the parser rather than the
// checksum (an input starting with "RAW" is taken whole, header included). Either
// read_snapshot (store/graph_snapshot) rejects it with a polgraph::Error, or the graph it loads
// writes a snapshot that loads again to the same bytes, and the JSON exporter writes strict, valid
// JSON.
#include <sstream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/graph.hpp"
#include "core/graph_impl.hpp"
#include "core/view.hpp"
#include "exporters/exporter.hpp"
#include "store/graph_snapshot.hpp"
#include "tests/fuzz/fuzz_check.hpp"
#include "tests/fuzz/fuzz_target.hpp"

using namespace polgraph;

namespace {

std::string snapshot_of(const KnowledgeGraph& g) {
    std::ostringstream out;
    write_snapshot(g, out);
    return out.str();
}

} // namespace

POLGRAPH_FUZZ_TARGET(snapshot) {
    const std::string bytes = input.substr(0, 3) == "RAW"
                                  ? std::string(input.substr(3))
                                  : snapshot_header(input) + std::string(input);
    KnowledgeGraph g;
    if (!fuzz::only_polgraph_errors([&] { g = read_snapshot(bytes, "fuzz.pgsnap"); })) return;
    const std::string once = snapshot_of(g);
    KnowledgeGraph g2;
    if (!fuzz::only_polgraph_errors([&] { g2 = read_snapshot(once, "again"); }))
        fuzz::fail("a snapshot written from a loaded one does not load");
    if (snapshot_of(g2) != once) fuzz::fail("load -> write is not a fixed point");
    std::ostringstream json;
    find_exporter("json", "")->make(ExportOptions{})->write(full_view(g), json, 0);
    try {
        fuzz::check_json_strings(nlohmann::json::parse(json.str()), "exported graph");
    } catch (const nlohmann::json::exception& e) {
        fuzz::fail("the exporter wrote invalid JSON: ", e.what());
    }
}
