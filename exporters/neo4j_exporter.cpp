#include "exporters/neo4j_exporter.hpp"

#include <algorithm>
#include <unordered_map>

#include "core/util/ordered_writer.hpp"
#include "exporters/csv_exporter.hpp"
#include "exporters/escape.hpp"
#include "exporters/keys.hpp"

namespace polgraph {

std::vector<std::string> Neo4jExporter::output_files(const std::string& path) const {
    std::string base = strip_suffix(path, {".neo4j", ".csv"});
    return {base + ".neo4j.nodes.csv", base + ".neo4j.relationships.csv"};
}

namespace {

// A property column: the attribute it comes from and its header (name:type).
struct Column {
    std::string attr;
    std::string header;
};

std::string ident(const std::string& s, bool upper) {
    std::string out;
    for (char c : s) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        out += ok ? (upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c) : '_';
    }
    return out.empty() ? "_" : out;
}

std::string label_of(const Node& n) {
    switch (n.kind) {
    case NodeKind::Article: return "Article";
    case NodeKind::Topic: return "Topic";
    case NodeKind::Keyphrase: return "Keyphrase";
    case NodeKind::Entity: break;
    }
    std::string t = ident(n.type, false);
    if (t[0] >= 'a' && t[0] <= 'z') t[0] = static_cast<char>(t[0] - 'a' + 'A');
    return t == "Entity" ? t : "Entity;" + t;
}

std::string neo4j_type(const AttrValue& v) {
    switch (v.index()) {
    case 0: return "boolean";
    case 1: return "long";
    case 2: return "double";
    case 3: return "string";
    case 4: return "string[]";
    default: return "long[]";
    }
}

// Property columns over every item's attributes, in first-seen order; a name seen with two
// types becomes a string; `date` is a neo4j date when every value is a calendar date.
template <class Items, class AttrsOf>
std::vector<Column> columns(const Items& items, AttrsOf attrs_of,
                            const std::vector<std::string>& skip) {
    std::vector<std::pair<std::string, std::string>> cols; // name, type
    std::unordered_map<std::string, std::size_t> pos;
    std::unordered_map<std::string, bool> all_dates;
    for (const auto& item : items)
        for (const auto& a : attrs_of(item)) {
            if (a.json_only || std::find(skip.begin(), skip.end(), a.name) != skip.end()) continue;
            std::string t = neo4j_type(a.value);
            auto [it, fresh] = pos.try_emplace(a.name, cols.size());
            if (fresh) cols.push_back({a.name, t});
            else if (cols[it->second].second != t) cols[it->second].second = "string";
            if (a.value.index() == 3) {
                const auto& s = std::get<std::string>(a.value);
                auto [d, first] = all_dates.try_emplace(a.name, true);
                if (!s.empty() && !is_iso_date(s)) d->second = false;
            }
        }
    std::vector<Column> out;
    for (auto& [name, type] : cols) {
        if (name == "date" && type == "string" && all_dates["date"]) type = "date";
        out.push_back({name, ident(name, false) + ":" + type});
    }
    return out;
}

std::string value_text(const AttrValue& v) {
    switch (v.index()) {
    case 4: {
        std::string s;
        for (const auto& x : std::get<4>(v)) {
            std::string e = x;
            std::replace(e.begin(), e.end(), ';', ',');
            s += (s.empty() ? "" : ";") + e;
        }
        return s;
    }
    case 5: {
        std::string s;
        for (auto x : std::get<5>(v)) s += (s.empty() ? "" : ";") + std::to_string(x);
        return s;
    }
    default: return attr_text(v);
    }
}

void append_row(std::string& o, const std::vector<std::string>& fixed,
                const std::vector<Column>& cols, const Attrs& attrs) {
    bool first = true;
    for (const auto& f : fixed) {
        if (!first) o += ',';
        o += csv_field(f, true);
        first = false;
    }
    for (const auto& c : cols) {
        o += ',';
        for (const auto& a : attrs)
            if (a.name == c.attr) {
                std::string text = value_text(a.value);
                if (!text.empty()) o += csv_field(text, true);
                break;
            }
    }
    o += '\n';
}

void write_header(std::ostream& out, const std::vector<std::string>& fixed,
                  const std::vector<Column>& cols) {
    bool first = true;
    for (const auto& f : fixed) {
        out << (first ? "" : ",") << f;
        first = false;
    }
    for (const auto& c : cols) out << ',' << csv_field(c.header, true);
    out << '\n';
}

} // namespace

void Neo4jExporter::write(const GraphView& view, std::ostream& out, std::size_t index) const {
    const KnowledgeGraph& g = *view.graph;
    if (index == 0) {
        auto attrs_of = [&](KnowledgeGraph::NodeIndex v) { return view.node_attrs(v); };
        auto cols = columns(view.nodes, attrs_of, {"label", "node_id"});
        write_header(out, {"id:ID", ":LABEL", "name"}, cols);
        // Rows are formatted on several threads and written in order
        // (core/util/ordered_writer.hpp).
        write_ordered(out, view.nodes.size(), [&](std::size_t i, std::string& o) {
            const Node& n = g.node(view.nodes[i]);
            append_row(o, {n.id, label_of(n), n.label}, cols, view.node_attrs(view.nodes[i]));
        });
    } else {
        auto attrs_of = [&](const ViewEdge& e) { return view.edge_attrs(e); };
        auto cols = columns(view.edges, attrs_of, {"kind"});
        write_header(out, {":START_ID", ":END_ID", ":TYPE"}, cols);
        write_ordered(out, view.edges.size(), [&](std::size_t i, std::string& o) {
            const ViewEdge e = view.edges[i];
            append_row(o, {g.node(e.source).id, g.node(e.target).id, ident(std::string(e.kind), true)},
                       cols, view.edge_attrs(e));
        });
    }
}

} // namespace polgraph
