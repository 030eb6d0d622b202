#include "exporters/gexf_exporter.hpp"

#include <cstdio>
#include <unordered_map>

#include "core/util/ordered_writer.hpp"
#include "exporters/escape.hpp"
#include "exporters/keys.hpp"

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

void append_attvalues(std::string& o, const Attrs& attrs, const char* skip) {
    o += "<attvalues>";
    for (const auto& a : attrs) {
        if (a.json_only || a.name == skip) continue;
        o += "<attvalue for=\"";
        o += xml_escape(a.name);
        o += "\" value=\"";
        o += xml_attr_text(a.value);
        o += "\"/>";
    }
    o += "</attvalues>";
}

} // namespace

void GexfExporter::write(const GraphView& view, std::ostream& out, std::size_t) const {
    const KnowledgeGraph& g = *view.graph;
    const bool directed = view.directed();
    const bool dynamic = opts_.dynamic;
    std::string description = "polgraph " + view.name + " view";
    if (!view.filters.empty()) description += " (" + view.filters + ")";

    // The 1.2 draft has its own namespaces; what polgraph writes is the same in both versions.
    const bool v12 = opts_.gexf_version == "1.2";
    const char* ns = v12 ? "http://www.gexf.net/1.2draft" : "http://gexf.net/1.3";
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gexf xmlns=\"" << ns << "\" xmlns:viz=\""
        << ns
        << "/viz\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
           "xsi:schemaLocation=\""
        << ns << " " << ns << "/gexf.xsd\" version=\"" << (v12 ? "1.2" : "1.3")
        << "\">\n"
           "  <meta>\n    <creator>polgraph</creator>\n    <description>"
        << xml_escape(description) << "</description>\n  </meta>\n";
    // A graph with both kinds of edges is written as directed, each edge with its `directed`
    // attribute: NetworkX refuses GEXF with per-edge types that differ from the default.
    out << "  <graph defaultedgetype=\"" << (directed ? "directed" : "undirected") << "\" mode=\""
        << (dynamic ? "dynamic\" timeformat=\"date\"" : "static\"") << ">\n";
    write_attribute_decls(out, "node", collect_node_keys(view), "label");
    write_attribute_decls(out, "edge", collect_edge_keys(view), "weight");

    // Node ids escaped once (each is written again at every edge); nodes and edges are
    // formatted on several threads and written in order (core/util/ordered_writer.hpp).
    const XmlNodeIds ids(view);
    const auto degrees = view.degrees();
    out << "    <nodes count=\"" << view.nodes.size() << "\">\n";
    write_ordered(out, view.nodes.size(), [&](std::size_t i, std::string& o) {
        const auto v = view.nodes[i];
        const Node& n = g.node(v);
        o += "      <node id=\"";
        o += ids[i];
        o += "\" label=\"";
        o += xml_escape(n.label);
        o += '"';
        if (dynamic)
            if (auto start = view.node_start(v); !start.empty()) o += " start=\"" + start + '"';
        o += '>';
        append_attvalues(o, view.node_attrs(v), "label");
        o += "<viz:color " + viz_color(type_color(n.type)) + "/>";
        if (!view.positions.empty()) {
            o += "<viz:position x=\"";
            o += format_coordinate(view.positions[i][0]);
            o += "\" y=\"";
            o += format_coordinate(view.positions[i][1]);
            o += "\"/>";
        }
        o += "<viz:size value=\"";
        o += format_number(node_size(n, degrees[i]));
        o += "\"/></node>\n";
    });
    out << "    </nodes>\n    <edges count=\"" << view.edges.size() << "\">\n";
    write_ordered(out, view.edges.size(), [&](std::size_t i, std::string& o) {
        const ViewEdge e = view.edges[i];
        o += "      <edge ";
        ids.append_edge(o, i, e);
        o += " weight=\"";
        o += format_number(e.weight);
        o += "\" kind=\"";
        o += xml_escape(e.kind);
        o += '"';
        if (dynamic)
            if (auto start = view.edge_start(e); !start.empty()) o += " start=\"" + start + '"';
        o += '>';
        append_attvalues(o, view.edge_attrs(e), "weight");
        o += "</edge>\n";
    });
    out << "    </edges>\n  </graph>\n</gexf>\n";
}

} // namespace polgraph
