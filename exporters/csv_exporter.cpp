#include "exporters/csv_exporter.hpp"

#include <algorithm>

#include "core/util/ordered_writer.hpp"
#include "core/util/text.hpp"
#include "exporters/escape.hpp"
#include "exporters/keys.hpp"

namespace polgraph {

std::string strip_suffix(const std::string& path, const std::vector<std::string>& suffixes) {
    const std::string folded = casefold(path);
    for (const auto& s : suffixes)
        if (folded.size() > s.size() && folded.compare(folded.size() - s.size(), s.size(), s) == 0)
            return path.substr(0, path.size() - s.size());
    return path;
}

std::vector<std::string> CsvExporter::output_files(const std::string& path) const {
    std::string base = strip_suffix(path, {".csv"});
    return {base + ".nodes.csv", base + ".edges.csv"};
}

namespace {

// Writes the header (fixed columns, then the attribute columns) and one row per item.
template <class Items, class Fixed, class AttrsOf>
void write_table(std::ostream& out, const std::vector<std::string>& fixed_header,
                 const std::vector<AttrKey>& keys, const std::vector<std::string>& skip,
                 const Items& items, Fixed fixed, AttrsOf attrs_of) {
    std::vector<std::string> columns;
    for (const auto& k : keys)
        if (std::find(skip.begin(), skip.end(), k.name) == skip.end()) columns.push_back(k.name);
    bool first = true;
    for (const auto& h : fixed_header) {
        out << (first ? "" : ",") << csv_field(h);
        first = false;
    }
    for (const auto& c : columns) out << ',' << csv_field(c);
    out << "\r\n";
    // Rows are formatted on several threads and written in order (core/util/ordered_writer.hpp).
    write_ordered(out, items.size(), [&](std::size_t i, std::string& o) {
        const auto item = items[i];
        bool first_field = true;
        for (const auto& f : fixed(item)) {
            if (!first_field) o += ',';
            o += csv_field(f);
            first_field = false;
        }
        const Attrs attrs = attrs_of(item);
        for (const auto& c : columns) {
            o += ',';
            for (const auto& a : attrs)
                if (a.name == c && !a.json_only) {
                    o += csv_field(attr_text(a.value));
                    break;
                }
        }
        o += "\r\n";
    });
}

} // namespace

void CsvExporter::write(const GraphView& view, std::ostream& out, std::size_t index) const {
    const KnowledgeGraph& g = *view.graph;
    if (index == 0) {
        write_table(
            out, {"Id", "Label", "Type"}, collect_node_keys(view), {"label", "type", "node_id"},
            view.nodes,
            [&](KnowledgeGraph::NodeIndex v) {
                const Node& n = g.node(v);
                return std::vector<std::string>{n.id, n.label, n.type};
            },
            [&](KnowledgeGraph::NodeIndex v) { return view.node_attrs(v); });
    } else {
        write_table(
            out, {"Source", "Target", "Type", "Kind", "Weight"}, collect_edge_keys(view),
            {"kind", "weight", "directed"}, view.edges,
            [&](const ViewEdge& e) {
                return std::vector<std::string>{g.node(e.source).id, g.node(e.target).id,
                                                e.directed ? "Directed" : "Undirected", std::string(e.kind),
                                                format_number(e.weight)};
            },
            [&](const ViewEdge& e) { return view.edge_attrs(e); });
    }
}

} // namespace polgraph
