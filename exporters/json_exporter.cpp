#include "exporters/json_exporter.hpp"

#include "exporters/escape.hpp"
#include "core/ordered_writer.hpp"

namespace polgraph {

void write_json_value(std::ostream& out, const AttrValue& v) {
    std::visit(
        [&](const auto& x) {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, bool>) out << (x ? "true" : "false");
            else if constexpr (std::is_same_v<T, std::int64_t>) out << x;
            else if constexpr (std::is_same_v<T, double>) out << format_number(x);
            else if constexpr (std::is_same_v<T, std::string>) write_json_string(out, x);
            else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
                out << '[';
                for (std::size_t i = 0; i < x.size(); ++i) {
                    if (i) out << ',';
                    write_json_string(out, x[i]);
                }
                out << ']';
            } else {
                out << '[';
                for (std::size_t i = 0; i < x.size(); ++i) {
                    if (i) out << ',';
                    out << x[i];
                }
                out << ']';
            }
        },
        v);
}

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
    write_ordered(out, view.nodes.size(), [&](std::size_t i, std::ostream& o) {
        const auto v = view.nodes[i];
        o << (i == 0 ? "\n" : ",\n") << "{\"id\":";
        write_json_string(o, g.node(v).id);
        for (const auto& a : view.node_attrs(v)) {
            o << ',';
            write_json_string(o, a.name);
            o << ':';
            write_json_value(o, a.value);
        }
        o << '}';
    });
    out << "],\n\"links\":[";
    write_ordered(out, view.edges.size(), [&](std::size_t i, std::ostream& o) {
        const auto& e = view.edges[i];
        o << (i == 0 ? "\n" : ",\n") << "{\"source\":";
        write_json_string(o, g.node(e.source).id);
        o << ",\"target\":";
        write_json_string(o, g.node(e.target).id);
        for (const auto& a : view.edge_attrs(e)) {
            o << ',';
            write_json_string(o, a.name);
            o << ':';
            write_json_value(o, a.value);
        }
        o << '}';
    });
    out << "]}\n";
}

} // namespace polgraph
