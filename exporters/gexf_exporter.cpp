#include "exporters/gexf_exporter.hpp"

#include <cstdio>
#include <unordered_map>

#include "exporters/escape.hpp"
#include "exporters/graphml_exporter.hpp"

namespace polgraph {

namespace {

// "#rrggbb" -> r="..." g="..." b="..."
std::string viz_color(const char* hex) {
    unsigned r = 0, g = 0, b = 0;
    if (std::sscanf(hex, "#%2x%2x%2x", &r, &g, &b) != 3) r = g = b = 102;
    return "r=\"" + std::to_string(r) + "\" g=\"" + std::to_string(g) + "\" b=\"" +
           std::to_string(b) + "\"";
}

// The GEXF type of an attribute: ours are boolean, long, double and string, all GEXF types too.
void write_attribute_decls(std::ostream& out, const char* cls, const std::vector<AttrKey>& keys,
                           const char* skip) {
    out << "    <attributes class=\"" << cls << "\" mode=\"static\">\n";
    for (const auto& k : keys) {
        if (k.name == skip) continue;
        // The id is the name itself: graphology-gexf uses a non-numeric id as the attribute name.
        out << "      <attribute id=\"" << xml_escape(k.name) << "\" title=\""
            << xml_escape(k.name) << "\" type=\"" << k.type << "\"/>\n";
    }
    out << "    </attributes>\n";
}

void write_attvalues(std::ostream& out, const Attrs& attrs, const char* skip) {
    out << "<attvalues>";
    for (const auto& a : attrs) {
        if (a.json_only || a.name == skip) continue;
        out << "<attvalue for=\"" << xml_escape(a.name) << "\" value=\""
            << xml_escape(attr_text(a.value)) << "\"/>";
    }
    out << "</attvalues>";
}

} // namespace

void GexfExporter::write(const GraphView& view, std::ostream& out, std::size_t) const {
    const KnowledgeGraph& g = *view.graph;
    const bool directed = view.directed();
    const bool dynamic = opts_.dynamic;
    std::string description = "polgraph " + view.name + " view";
    if (!view.filters.empty()) description += " (" + view.filters + ")";

    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" "
           "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
           "xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" "
           "version=\"1.3\">\n"
           "  <meta>\n    <creator>polgraph</creator>\n    <description>"
        << xml_escape(description) << "</description>\n  </meta>\n";
    // A graph with both kinds of edges is written as directed, each edge with its `directed`
    // attribute: NetworkX refuses GEXF with per-edge types that differ from the default.
    out << "  <graph defaultedgetype=\"" << (directed ? "directed" : "undirected") << "\" mode=\""
        << (dynamic ? "dynamic\" timeformat=\"date\"" : "static\"") << ">\n";
    write_attribute_decls(out, "node", collect_node_keys(view), "label");
    write_attribute_decls(out, "edge", collect_edge_keys(view), "weight");

    const auto ids = xml_node_ids(view);
    const auto degrees = view.degrees();
    std::unordered_map<KnowledgeGraph::NodeIndex, std::size_t> pos;
    out << "    <nodes count=\"" << view.nodes.size() << "\">\n";
    for (std::size_t i = 0; i < view.nodes.size(); ++i) {
        const auto v = view.nodes[i];
        const Node& n = g.node(v);
        pos[v] = i;
        out << "      <node id=\"" << xml_escape(ids[i]) << "\" label=\"" << xml_escape(n.label)
            << "\"";
        if (dynamic)
            if (auto start = view.node_start(v); !start.empty())
                out << " start=\"" << start << "\"";
        out << ">";
        write_attvalues(out, view.node_attrs(v), "label");
        out << "<viz:color " << viz_color(type_color(n.type)) << "/><viz:size value=\""
            << format_number(node_size(n, degrees[i])) << "\"/></node>\n";
    }
    out << "    </nodes>\n    <edges count=\"" << view.edges.size() << "\">\n";
    std::size_t k = 0;
    for (const auto& e : view.edges) {
        out << "      <edge id=\"e" << k++ << "\" source=\"" << xml_escape(ids[pos.at(e.source)])
            << "\" target=\"" << xml_escape(ids[pos.at(e.target)]) << "\"";
        out << " weight=\"" << format_number(e.weight) << "\" kind=\"" << xml_escape(e.kind)
            << "\"";
        if (dynamic)
            if (auto start = view.edge_start(e); !start.empty())
                out << " start=\"" << start << "\"";
        out << ">";
        write_attvalues(out, view.edge_attrs(e), "weight");
        out << "</edge>\n";
    }
    out << "    </edges>\n  </graph>\n</gexf>\n";
}

} // namespace polgraph
