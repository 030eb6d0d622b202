#include "exporters/graphml_exporter.hpp"

#include <unordered_map>
#include <unordered_set>

#include "exporters/escape.hpp"

namespace polgraph {

namespace {

void add_keys(std::vector<AttrKey>& keys, std::unordered_map<std::string, std::size_t>& pos,
              const Attrs& attrs) {
    for (const auto& a : attrs) {
        if (a.json_only) continue;
        std::string type = attr_type_name(a.value);
        auto it = pos.find(a.name);
        if (it == pos.end()) {
            pos.emplace(a.name, keys.size());
            keys.push_back({a.name, type});
        } else if (keys[it->second].type != type) {
            keys[it->second].type = "string";
        }
    }
}

bool plain_token(const std::string& s) {
    if (s.empty() || s.size() > 200) return false;
    for (char c : s) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '.' || c == '_' || c == ':' || c == '-';
        if (!ok) return false;
    }
    return true;
}

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
        std::string name = k.name;
        for (char& c : name)
            if (!plain_token(std::string(1, c))) c = '_';
        if (name.empty()) name = "_";
        while (!names.insert(name).second) name += "_";
        std::string id = k.name == special ? special : domain.substr(0, 1) + "_" + name;
        ids[k.name] = id;
        out << "  <key id=\"" << id << "\" for=\"" << domain << "\" attr.name=\"" << name
            << "\" attr.type=\"" << k.type << "\"/>\n";
    }
    return ids;
}

} // namespace

std::vector<AttrKey> collect_node_keys(const GraphView& view) {
    std::vector<AttrKey> keys;
    std::unordered_map<std::string, std::size_t> pos;
    for (auto v : view.nodes) add_keys(keys, pos, view.node_attrs(v));
    return keys;
}

std::vector<AttrKey> collect_edge_keys(const GraphView& view) {
    std::vector<AttrKey> keys;
    std::unordered_map<std::string, std::size_t> pos;
    for (const auto& e : view.edges) add_keys(keys, pos, view.edge_attrs(e));
    return keys;
}

std::string attr_text(const AttrValue& v) {
    return std::visit(
        [](const auto& x) -> std::string {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, bool>) return x ? "true" : "false";
            else if constexpr (std::is_same_v<T, std::int64_t>) return std::to_string(x);
            else if constexpr (std::is_same_v<T, double>) return format_number(x);
            else if constexpr (std::is_same_v<T, std::string>) return x;
            else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
                std::string s;
                for (std::size_t i = 0; i < x.size(); ++i) s += (i ? "; " : "") + x[i];
                return s;
            } else {
                std::string s;
                for (std::size_t i = 0; i < x.size(); ++i)
                    s += (i ? "; " : "") + std::to_string(x[i]);
                return s;
            }
        },
        v);
}

std::vector<std::string> xml_node_ids(const GraphView& view) {
    std::vector<std::string> ids;
    ids.reserve(view.nodes.size());
    std::unordered_set<std::string> seen;
    for (std::size_t i = 0; i < view.nodes.size(); ++i) {
        const std::string& id = view.graph->node(view.nodes[i]).id;
        std::string x = plain_token(id) ? id : "n" + std::to_string(view.nodes[i]);
        while (!seen.insert(x).second) x += "_";
        ids.push_back(std::move(x));
    }
    return ids;
}

void GraphmlExporter::write(const GraphView& view, std::ostream& out, std::size_t) const {
    const auto node_keys = collect_node_keys(view);
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
    const auto ids = xml_node_ids(view);
    std::unordered_map<std::size_t, std::size_t> pos;
    for (std::size_t i = 0; i < view.nodes.size(); ++i) {
        pos[view.nodes[i]] = i;
        out << "    <node id=\"" << xml_escape(ids[i]) << "\">";
        for (const auto& a : view.node_attrs(view.nodes[i])) {
            if (a.json_only) continue;
            out << "<data key=\"" << nkey.at(a.name) << "\">"
                << xml_escape(attr_text(a.value)) << "</data>";
        }
        out << "</node>\n";
    }
    std::size_t n = 0;
    for (const auto& e : view.edges) {
        out << "    <edge id=\"e" << n++ << "\" source=\"" << xml_escape(ids[pos.at(e.source)])
            << "\" target=\"" << xml_escape(ids[pos.at(e.target)]) << "\">";
        for (const auto& a : view.edge_attrs(e)) {
            if (a.json_only) continue;
            out << "<data key=\"" << ekey.at(a.name) << "\">"
                << xml_escape(attr_text(a.value)) << "</data>";
        }
        out << "</edge>\n";
    }
    out << "  </graph>\n</graphml>\n";
}

} // namespace polgraph
