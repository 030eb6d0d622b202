// The node-link JSON exporter writes each link as its source, its target and the attributes
// GraphView::edge_attrs() gives, in that order (the ids quoted once for the whole export):
// checked line by line against those lists, for the whole graph and for views whose edges are
// computed, on the graph of data/sample.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "core/graph.hpp"
#include "core/record.hpp"
#include "core/view.hpp"
#include "exporters/escape.hpp"
#include "exporters/json_exporter.hpp"
#include "exporters/keys.hpp"
#include "tests/support.hpp"

using namespace polgraph;

namespace {

KnowledgeGraph sample_graph() {
    test::TempDir tmp;
    std::istringstream lines(test::extract_sample_jsonl(tmp.file("sample.jsonl")));
    std::vector<ArticleRecord> records;
    int n = 0;
    for (std::string line; std::getline(lines, line);)
        if (!line.empty()) records.push_back(record_from_jsonl_line(line, "sample.jsonl", ++n));
    REQUIRE(records.size() > 5);
    return KnowledgeGraph::build(std::move(records));
}

// The links of an exported file: one a line after "links":[, the last one followed by ]}.
std::vector<std::string> link_lines(const std::string& text) {
    const std::size_t from = text.find("\"links\":[");
    REQUIRE(from != std::string::npos);
    std::vector<std::string> out;
    std::istringstream in(text.substr(from));
    std::string line;
    std::getline(in, line); // "links":[
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        const bool last = line.size() >= 2 && line.compare(line.size() - 2, 2, "]}") == 0;
        line.erase(line.size() - (last ? 2 : line.back() == ',' ? 1 : 0));
        if (!line.empty()) out.push_back(line);
        if (last) break;
    }
    return out;
}

// A link as the list of its attributes writes it.
std::string expected_link(const GraphView& v, const ViewEdge& e) {
    std::string o = "{\"source\":" + json_quote(v.graph->node(e.source).id) +
                    ",\"target\":" + json_quote(v.graph->node(e.target).id);
    for (const auto& a : v.edge_attrs(e)) {
        o += ',' + json_quote(a.name) + ':';
        append_json_value(o, a.value);
    }
    return o + '}';
}

} // namespace

TEST_CASE("node-link JSON links hold edge_attrs() in order, for every view", "[exporters]") {
    const KnowledgeGraph g = sample_graph();
    std::size_t co_occurs = 0;
    for (const char* view : {"bipartite", "entities", "entity-topic"}) {
        for (const char* weight : {"count", "jaccard"}) {
            ViewOptions o;
            o.view = view;
            o.weight = weight;
            const GraphView v = make_view(g, o);
            std::ostringstream out;
            JsonExporter{}.write(v, out, 0);
            const auto lines = link_lines(out.str());
            INFO(view << " " << weight);
            REQUIRE(lines.size() == v.edges.size());
            REQUIRE(!lines.empty());
            for (std::size_t i = 0; i < lines.size(); ++i) {
                const ViewEdge e = v.edges[i];
                co_occurs += e.base && e.kind == "co_occurs";
                INFO("link " << i);
                REQUIRE(lines[i] == expected_link(v, e));
            }
        }
    }
    CHECK(co_occurs > 100); // the whole graph's co-occurrence edges were among them
}
