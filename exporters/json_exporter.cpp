#include "exporters/json_exporter.hpp"

#include "core/util/ordered_writer.hpp"
#include "exporters/escape.hpp"
#include "exporters/keys.hpp"

namespace polgraph {

void JsonExporter::write(const GraphView& view, std::ostream& out, std::size_t) const {
    const KnowledgeGraph& g = *view.graph;
    // Projections are undirected graphs; the whole graph is a directed multigraph.
    const bool directed = view.directed();
    out << "{\"directed\":" << (directed ? "true" : "false") << ",\"multigraph\":"
        << (directed || view.has_parallel_edges() ? "true" : "false")
        << ",\"graph\":{\"name\":\"polgraph\",\"format\":\"polgraph-graph-1\",\"view\":";
    write_json_string(out, view.name);
    if (view.filtered) {
        // KnowledgeGraph::read_json refuses such a file: it is not the whole graph.
        out << ",\"filtered\":true,\"filters\":";
        write_json_string(out, view.filters);
    }
    out << "},\n\"nodes\":[";
    // Items are appended to the chunk's text: a stream operation per token cost more than the
    // rest of the formatting.
    auto attrs = [](std::string& o, const Attrs& list) {
        for (const auto& a : list) {
            o += ',';
            append_json_string(o, a.name);
            o += ':';
            append_json_value(o, a.value);
        }
        o += '}';
    };
    const JsonNodeIds ids(g);
    write_ordered(out, view.nodes.size(), [&](std::size_t i, std::string& o) {
        const auto v = view.nodes[i];
        o += i == 0 ? "\n{\"id\":" : ",\n{\"id\":";
        ids.append(o, v);
        attrs(o, view.node_attrs(v));
    });
    out << "],\n\"links\":[";
    write_ordered(out, view.edges.size(), [&](std::size_t i, std::string& o) {
        const auto& e = view.edges[i];
        o += i == 0 ? "\n{\"source\":" : ",\n{\"source\":";
        ids.append(o, e.source);
        o += ",\"target\":";
        ids.append(o, e.target);
        attrs(o, view.edge_attrs(e));
    });
    out << "]}\n";
}

} // namespace polgraph
