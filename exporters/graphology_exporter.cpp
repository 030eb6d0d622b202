#include "exporters/graphology_exporter.hpp"

#include <cmath>

#include "exporters/escape.hpp"
#include "exporters/graphml_exporter.hpp"
#include "exporters/json_exporter.hpp"

namespace polgraph {

namespace {

void write_attrs(std::ostream& out, const Attrs& attrs, bool first) {
    for (const auto& a : attrs) {
        if (a.json_only) continue;
        if (!first) out << ',';
        first = false;
        // sigma.js picks a node program by the `type` attribute (see the header).
        write_json_string(out, a.name == "type" ? "node_type" : a.name);
        out << ':';
        if (a.value.index() >= 4) write_json_string(out, attr_text(a.value));
        else write_json_value(out, a.value);
    }
}

double round3(double x) { return std::round(x * 1000.0) / 1000.0; }

} // namespace

void GraphologyExporter::write(const GraphView& view, std::ostream& out, std::size_t) const {
    const KnowledgeGraph& g = *view.graph;
    const bool directed = view.directed(), undirected = view.has_undirected();
    const char* type = directed && undirected ? "mixed" : directed ? "directed" : "undirected";
    out << "{\"attributes\":{\"name\":\"polgraph\",\"view\":";
    write_json_string(out, view.name);
    if (view.filtered) {
        out << ",\"filtered\":true,\"filters\":";
        write_json_string(out, view.filters);
    }
    out << "},\n\"options\":{\"type\":\"" << type
        << "\",\"multi\":" << (view.has_parallel_edges() ? "true" : "false")
        << ",\"allowSelfLoops\":" << (view.has_self_loops() ? "true" : "false")
        << "},\n\"nodes\":[";
    const auto degrees = view.degrees();
    for (std::size_t i = 0; i < view.nodes.size(); ++i) {
        const auto v = view.nodes[i];
        const Node& n = g.node(v);
        // A deterministic starting layout (Vogel's sunflower spiral), so that sigma.js can draw
        // the file as it is; Gephi Lite's layouts take it from there.
        const double r = 10.0 * std::sqrt(static_cast<double>(i) + 0.5);
        const double theta = static_cast<double>(i) * 2.399963229728653;
        out << (i ? ",\n" : "\n") << "{\"key\":";
        write_json_string(out, n.id);
        out << ",\"attributes\":{\"x\":" << format_number(round3(r * std::cos(theta)))
            << ",\"y\":" << format_number(round3(r * std::sin(theta)))
            << ",\"size\":" << format_number(node_size(n, degrees[i])) << ",";
        write_attrs(out, view.node_attrs(v), true);
        out << "}}";
    }
    out << "],\n\"edges\":[";
    std::size_t k = 0;
    for (const auto& e : view.edges) {
        out << (k ? ",\n" : "\n") << "{\"key\":\"e" << k << "\",\"source\":";
        ++k;
        write_json_string(out, g.node(e.source).id);
        out << ",\"target\":";
        write_json_string(out, g.node(e.target).id);
        if (!e.directed) out << ",\"undirected\":true";
        out << ",\"attributes\":{";
        write_attrs(out, view.edge_attrs(e), true);
        out << "}}";
    }
    out << "]}\n";
}

} // namespace polgraph
