#include "exporters/graphml_exporter.hpp"

#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "core/util/ordered_writer.hpp"
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

// Chunks of items are scanned on other threads (make_ahead) and merged in item order, which
// gives one scan's order and types: a key new to the merged list goes last, and a type that
// differs from the list's widens to string.
std::vector<AttrKey> collect_keys(std::size_t n, const std::function<Attrs(std::size_t)>& attrs_of,
                                  std::size_t chunk) {
    const std::size_t chunks = (n + chunk - 1) / chunk;
    const unsigned threads = chunks < 2 ? 0 : export_threads();
    std::vector<AttrKey> keys;
    std::unordered_map<std::string, std::size_t> pos;
    auto scan = [&](std::size_t c) {
        std::vector<AttrKey> part;
        std::unordered_map<std::string, std::size_t> part_pos;
        for (std::size_t i = c * chunk; i < std::min(n, (c + 1) * chunk); ++i)
            add_keys(part, part_pos, attrs_of(i));
        return part;
    };
    auto merge = [&](std::size_t, const std::vector<AttrKey>& part) {
        for (const auto& k : part) {
            auto [it, fresh] = pos.try_emplace(k.name, keys.size());
            if (fresh) keys.push_back(k);
            else if (keys[it->second].type != k.type) keys[it->second].type = "string";
        }
    };
    make_ahead(chunks, threads == 1 ? 0 : threads, scan, merge, 1);
    return keys;
}

std::vector<AttrKey> collect_node_keys(const GraphView& view) {
    return collect_keys(view.nodes.size(), [&](std::size_t i) { return view.node_attrs(view.nodes[i]); });
}

std::vector<AttrKey> collect_edge_keys(const GraphView& view) {
    return collect_keys(view.edges.size(), [&](std::size_t i) { return view.edge_attrs(view.edges[i]); });
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

XmlNodeIds::XmlNodeIds(const GraphView& view)
    : ids_(xml_node_ids(view)), at_(view.graph->node_count(), static_cast<std::size_t>(-1)) {
    for (std::size_t i = 0; i < view.nodes.size(); ++i) {
        ids_[i] = xml_escape(ids_[i]);
        at_[view.nodes[i]] = i;
    }
}

void XmlNodeIds::append_edge(std::string& o, std::size_t i, const ViewEdge& e) const {
    auto end = [&](KnowledgeGraph::NodeIndex v) -> const std::string& {
        if (v >= at_.size() || at_[v] == static_cast<std::size_t>(-1))
            throw std::out_of_range("an edge of the view ends at a node outside it");
        return ids_[at_[v]];
    };
    o += "id=\"e";
    append_integer(o, static_cast<std::int64_t>(i));
    o += "\" source=\"";
    o += end(e.source);
    o += "\" target=\"";
    o += end(e.target);
    o += '"';
}

std::string xml_attr_text(const AttrValue& v) { return xml_escape(attr_text(v)); }

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
