#include "exporters/json_exporter.hpp"

#include "core/util/ordered_writer.hpp"
#include "exporters/escape.hpp"

namespace polgraph {

void append_json_value(std::string& out, const AttrValue& v) {
    std::visit(
        [&](const auto& x) {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, bool>) out += x ? "true" : "false";
            else if constexpr (std::is_same_v<T, std::int64_t>) append_integer(out, x);
            else if constexpr (std::is_same_v<T, double>) out += format_number(x);
            else if constexpr (std::is_same_v<T, std::string>) append_json_string(out, x);
            else { // a list of strings or of integers
                out += '[';
                for (std::size_t i = 0; i < x.size(); ++i) {
                    if (i) out += ',';
                    if constexpr (std::is_same_v<T, std::vector<std::string>>)
                        append_json_string(out, x[i]);
                    else
                        append_integer(out, x[i]);
                }
                out += ']';
            }
        },
        v);
}

JsonNodeIds::JsonNodeIds(const KnowledgeGraph& g) : at_(g.node_count() + 1, 0) {
    for (std::size_t v = 0; v < g.node_count(); ++v) {
        append_json_string(quoted_, g.node(v).id);
        at_[v + 1] = quoted_.size();
    }
}

void write_json_value(std::ostream& out, const AttrValue& v) {
    std::string text;
    append_json_value(text, v);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
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
