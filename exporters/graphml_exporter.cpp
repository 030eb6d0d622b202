#include "exporters/graphml_exporter.hpp"

#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "core/util/ordered_writer.hpp"
#include "exporters/escape.hpp"
#include "exporters/keys.hpp"

namespace polgraph {

namespace {

// Writes the <key> declarations for nodes or edges; returns attribute name -> key id. Key ids
// and attr.name must be NMTOKENs: other characters of a name become '_' (names kept unique).
// Gephi and Gephi Lite read the label and weight from keys with those names.
std::unordered_map<std::string, std::string> write_keys(std::ostream& out,
                                                        const std::vector<AttrKey>& keys,
                                                        const std::string& domain,
                                                        const std::string& special) {
    std::unordered_map<std::string, std::string> ids;
    std::unordered_set<std::string> names;
    for (const auto& k : keys) {
        std::string name = k.name.empty() ? std::string(1, '_') : k.name;
        for (char& c : name)
            if (!plain_token(std::string(1, c))) c = '_';
        while (!names.insert(name).second) name += "_";
        std::string id = k.name == special ? special : domain.substr(0, 1) + "_" + name;
        ids[k.name] = id;
        out << "  <key id=\"" << id << "\" for=\"" << domain << "\" attr.name=\"" << name
            << "\" attr.type=\"" << k.type << "\"/>\n";
    }
    return ids;
}

} // namespace

void GraphmlExporter::write(const GraphView& view, std::ostream& out, std::size_t) const {
    auto node_keys = collect_node_keys(view);
    // Positions as `x` and `y` node keys: the names Gephi's GraphML import reads as coordinates.
    const bool positions = !view.positions.empty();
    if (positions) {
        node_keys.push_back({"x", "double"});
        node_keys.push_back({"y", "double"});
    }
    const auto edge_keys = collect_edge_keys(view);
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
           "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
           "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
           "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
    const auto nkey = write_keys(out, node_keys, "node", "label");
    const auto ekey = write_keys(out, edge_keys, "edge", "weight");
    // Projections are undirected. Mixed graphs stay edgedefault="directed" with the `directed`
    // data key on every edge: NetworkX refuses a per-edge directed="false" in a directed graph.
    out << "  <graph id=\"" << xml_escape("polgraph-" + view.name) << "\" edgedefault=\""
        << (view.directed() ? "directed" : "undirected") << "\">\n";
    // Node ids escaped once (each is written again at every edge); nodes and edges are
    // formatted on several threads and written in order (core/util/ordered_writer.hpp).
    const XmlNodeIds ids(view);
    auto data = [](std::string& o, const std::unordered_map<std::string, std::string>& key,
                   const Attrs& attrs) {
        for (const auto& a : attrs) {
            if (a.json_only) continue;
            o += "<data key=\"";
            o += key.at(a.name);
            o += "\">";
            o += xml_attr_text(a.value);
            o += "</data>";
        }
    };
    write_ordered(out, view.nodes.size(), [&](std::size_t i, std::string& o) {
        o += "    <node id=\"";
        o += ids[i];
        o += "\">";
        data(o, nkey, view.node_attrs(view.nodes[i]));
        if (positions)
            for (std::size_t k = 0; k < 2; ++k) {
                o += "<data key=\"";
                o += nkey.at(k ? "y" : "x");
                o += "\">";
                o += format_coordinate(view.positions[i][k]);
                o += "</data>";
            }
        o += "</node>\n";
    });
    write_ordered(out, view.edges.size(), [&](std::size_t i, std::string& o) {
        const ViewEdge e = view.edges[i];
        o += "    <edge ";
        ids.append_edge(o, i, e);
        o += '>';
        data(o, ekey, view.edge_attrs(e));
        o += "</edge>\n";
    });
    out << "  </graph>\n</graphml>\n";
}

} // namespace polgraph
