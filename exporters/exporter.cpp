#include "exporters/exporter.hpp"

#include "core/error.hpp"
#include "core/util/text.hpp"
#include "exporters/csv_exporter.hpp"
#include "exporters/gexf_exporter.hpp"
#include "exporters/graphml_exporter.hpp"
#include "exporters/graphology_exporter.hpp"
#include "exporters/html_exporter.hpp"
#include "exporters/json_exporter.hpp"
#include "exporters/neo4j_exporter.hpp"
#include "exporters/snapshot_exporter.hpp"
#include "store/atomic_file.hpp"

namespace polgraph {

const std::vector<ExporterEntry>& exporter_registry() {
    static const std::vector<ExporterEntry> table = {
        {"json", {".json"}, "node-link JSON (NetworkX node_link_graph; lossless, reloadable)",
         [](const ExportOptions&) { return std::make_unique<JsonExporter>(); }, true},
        {"graphml", {".graphml"}, "GraphML with typed keys (Gephi, NetworkX, igraph, yEd)",
         [](const ExportOptions&) { return std::make_unique<GraphmlExporter>(); }, false, true},
        {"gexf", {".gexf"},
         "GEXF 1.3 with types, colours, sizes; --dynamic adds the timeline (Gephi)",
         [](const ExportOptions& o) { return std::make_unique<GexfExporter>(o); }, false, true},
        {"graphology", {".graphology.json"},
         "graphology JSON (Gephi Lite, sigma.js: Graph.from)",
         [](const ExportOptions&) { return std::make_unique<GraphologyExporter>(); }, false,
         true},
        {"csv", {".csv"}, "Gephi spreadsheet CSV: BASE.nodes.csv + BASE.edges.csv",
         [](const ExportOptions&) { return std::make_unique<CsvExporter>(); }},
        {"neo4j", {".neo4j"},
         "neo4j-admin import CSV: BASE.neo4j.nodes.csv + BASE.neo4j.relationships.csv",
         [](const ExportOptions&) { return std::make_unique<Neo4jExporter>(); }},
        {"html", {".html", ".htm"},
         "self-contained HTML page to explore the view in a browser (offline: search, details, "
         "filters)",
         [](const ExportOptions&) { return std::make_unique<HtmlExporter>(); }, false, true},
        {"snapshot", {".pgsnap"},
         "binary snapshot of the whole graph (polgraph only; loads in seconds at any size)",
         [](const ExportOptions&) { return std::make_unique<SnapshotExporter>(); }, true},
    };
    return table;
}

const ExporterEntry* find_exporter(const std::string& format, const std::string& path) {
    const auto& table = exporter_registry();
    if (!format.empty()) {
        for (const auto& e : table)
            if (e.name == format) return &e;
        return nullptr;
    }
    std::string p = casefold(path);
    const ExporterEntry* best = nullptr;
    std::size_t best_len = 0;
    for (const auto& e : table)
        for (const auto& s : e.suffixes)
            if (p.size() >= s.size() && p.compare(p.size() - s.size(), s.size(), s) == 0 &&
                s.size() > best_len) {
                best = &e;
                best_len = s.size();
            }
    return best;
}

const ExporterEntry& exporter_for(const std::string& format, const std::string& path) {
    if (const ExporterEntry* e = find_exporter(format, path)) return *e;
    if (!format.empty())
        throw UsageError("unknown format " + format + "; known: " + exporter_names());
    throw UsageError(path + ": cannot tell the output format from the suffix; use --format (" +
                     exporter_names() + ")");
}

std::string exporter_names() {
    std::string s;
    for (const auto& e : exporter_registry()) {
        if (!s.empty()) s += ", ";
        s += e.name;
    }
    return s;
}

void export_view(const GraphView& view, const ExporterEntry& entry, const ExportOptions& opts,
                 const std::string& path) {
    auto exporter = entry.make(opts);
    exporter->check(view);
    auto files = exporter->output_files(path);
    std::vector<std::unique_ptr<AtomicFile>> outs;
    for (std::size_t i = 0; i < files.size(); ++i) {
        outs.push_back(std::make_unique<AtomicFile>(files[i]));
        exporter->write(view, outs.back()->stream(), i);
    }
    for (auto& o : outs) o->commit();
}

} // namespace polgraph
