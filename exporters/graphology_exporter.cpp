#include "exporters/graphology_exporter.hpp"

#include <cmath>

#include "core/util/ordered_writer.hpp"
#include "exporters/escape.hpp"
#include "exporters/keys.hpp"

namespace polgraph {

namespace {

void append_attrs(std::string& o, const Attrs& attrs) {
    bool first = true;
    for (const auto& a : attrs) {
        if (a.json_only) continue;
        if (!first) o += ',';
        first = false;
        // sigma.js picks a node program by the `type` attribute (see the header).
        append_json_string(o, a.name == "type" ? "node_type" : a.name);
        o += ':';
        if (a.value.index() >= 4) append_json_string(o, attr_text(a.value));
        else append_json_value(o, a.value);
    }
}

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
    // Nodes and edges are formatted on several threads and written in order
    // (core/util/ordered_writer.hpp); node ids are quoted once.
    write_ordered(out, view.nodes.size(), [&](std::size_t i, std::string& o) {
        const auto v = view.nodes[i];
        const Node& n = g.node(v);
        // The layout's positions (--layout), else a deterministic starting layout (Vogel's
        // sunflower spiral), so that sigma.js can draw the file as it is; Gephi Lite's layouts
        // take it from there.
        double x = 0, y = 0;
        if (!view.positions.empty()) {
            x = view.positions[i][0];
            y = view.positions[i][1];
        } else {
            const double r = 10.0 * std::sqrt(static_cast<double>(i) + 0.5);
            const double theta = static_cast<double>(i) * 2.399963229728653;
            x = r * std::cos(theta);
            y = r * std::sin(theta);
        }
        o += i ? ",\n{\"key\":" : "\n{\"key\":";
        append_json_string(o, n.id);
        o += ",\"attributes\":{\"x\":" + format_coordinate(x) + ",\"y\":" + format_coordinate(y) +
             ",\"size\":" + format_number(node_size(n, degrees[i])) + ",";
        append_attrs(o, view.node_attrs(v));
        o += "}}";
    });
    out << "],\n\"edges\":[";
    const JsonNodeIds ids(g);
    write_ordered(out, view.edges.size(), [&](std::size_t i, std::string& o) {
        const ViewEdge e = view.edges[i];
        o += i ? ",\n{\"key\":\"e" : "\n{\"key\":\"e";
        append_integer(o, static_cast<std::int64_t>(i));
        o += "\",\"source\":";
        ids.append(o, e.source);
        o += ",\"target\":";
        ids.append(o, e.target);
        if (!e.directed) o += ",\"undirected\":true";
        o += ",\"attributes\":{";
        append_attrs(o, view.edge_attrs(e));
        o += "}}";
    });
    out << "]}\n";
}

} // namespace polgraph
