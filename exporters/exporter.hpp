#pragma once
/// Exporter interface and the registry of formats. Each format lives in its own file pair and is
/// listed once in the registry table (exporters/exporter.cpp). The CLI picks `--format` first,
/// then the output file's suffix.
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "core/view.hpp"
#include "layout/view_layout.hpp"

namespace polgraph {

struct ExportOptions {
    bool dynamic = false; ///< GEXF: mode="dynamic" with a timeline from article dates
    /// GEXF: "1.3" (default), or "1.2" (the 1.2draft namespaces) for readers that do not know
    /// 1.3, such as NetworkX 2.8 (Debian 12).
    std::string gexf_version = "1.3";
    LayoutOptions layout; ///< --layout: node positions, computed once per view (layout_view)
};

class Exporter {
public:
    virtual ~Exporter() = default;
    /// Output files written for a requested path (most formats: just the path).
    virtual std::vector<std::string> output_files(const std::string& path) const { return {path}; }
    /// Throws UsageError when this format cannot hold `view` (called before any file is
    /// written, so that a refused view leaves no partial output).
    virtual void check(const GraphView&) const {}
    /// Writes file number `index` of output_files(). Must only produce valid output.
    virtual void write(const GraphView& view, std::ostream& out, std::size_t index) const = 0;
};

struct ExporterEntry {
    std::string name;                  ///< --format value
    std::vector<std::string> suffixes; ///< file suffixes, lower case, with the dot
    std::string description;
    std::function<std::unique_ptr<Exporter>(const ExportOptions&)> make;
    /// Writes the whole, reloadable graph: `extract` gives it the full graph whatever the view
    /// options (which shape the other outputs), and with --update it gets the stat cache.
    bool whole_graph = false;
    /// Writes the view's positions when it has some (--layout).
    bool positions = false;
};

/// Every format, in the order `--help` lists them.
const std::vector<ExporterEntry>& exporter_registry();

/// The exporter for `format` (if not empty) or else for the suffix of `path`; nullptr if none.
const ExporterEntry* find_exporter(const std::string& format, const std::string& path);

/// The exporter that writes `path`: the one named `format` when it is not empty, else the one its
/// suffix gives. Throws UsageError saying which names exist ("unknown format gml; known: json,
/// graphml, ...") or that the suffix says nothing.
const ExporterEntry& exporter_for(const std::string& format, const std::string& path);

/// Comma-separated format names, for messages.
std::string exporter_names();

/// Writes `view` to `path` atomically with the chosen exporter (every file it produces).
void export_view(const GraphView& view, const ExporterEntry& entry, const ExportOptions& opts,
                 const std::string& path);

} // namespace polgraph
