#include "exporters/keys.hpp"

#include <stdexcept>
#include <unordered_map>
#include <unordered_set>
#include <variant>

#include "core/util/make_ahead.hpp"
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

} // namespace

bool plain_token(const std::string& s) {
    if (s.empty() || s.size() > 200) return false;
    for (char c : s) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '.' || c == '_' || c == ':' || c == '-';
        if (!ok) return false;
    }
    return true;
}

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
    return collect_keys(view.nodes.size(),
                        [&](std::size_t i) { return view.node_attrs(view.nodes[i]); });
}

std::vector<AttrKey> collect_edge_keys(const GraphView& view) {
    return collect_keys(view.edges.size(),
                        [&](std::size_t i) { return view.edge_attrs(view.edges[i]); });
}

std::string attr_text(const AttrValue& v) {
    return std::visit(
        [](const auto& x) -> std::string {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, bool>) return x ? "true" : "false";
            else if constexpr (std::is_same_v<T, std::int64_t>) return std::to_string(x);
            else if constexpr (std::is_same_v<T, double>) return format_number(x);
            else if constexpr (std::is_same_v<T, std::string>) return x;
            else if constexpr (std::is_same_v<T, JsonText>) return x.text;
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

std::string xml_attr_text(const AttrValue& v) {
    return xml_escape(attr_text(v));
}

void append_json_value(std::string& out, const AttrValue& v) {
    std::visit(
        [&](const auto& x) {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, bool>) out += x ? "true" : "false";
            else if constexpr (std::is_same_v<T, std::int64_t>) append_integer(out, x);
            else if constexpr (std::is_same_v<T, double>) out += format_number(x);
            else if constexpr (std::is_same_v<T, std::string>) append_json_string(out, x);
            else if constexpr (std::is_same_v<T, JsonText>) out += x.text;
            else { // a list of strings or of integers
                out += '[';
                for (std::size_t i = 0; i < x.size(); ++i) {
                    if (i) out += ',';
                    if constexpr (std::is_same_v<T, std::vector<std::string>>)
                        append_json_string(out, x[i]);
                    else append_integer(out, x[i]);
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

} // namespace polgraph
