#pragma once
// Command-line options shared by the subcommands that write graph files (extract, export, merge):
// the view and filter options of core/view.hpp, the export options of exporters/exporter.hpp, and
// the checks of the output files made before any work.
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/view.hpp"
#include "exporters/exporter.hpp"

namespace polgraph::cli {

/// Declares --view, --types, --since, --until, --min-weight, --min-articles, --top, --drop-hubs,
/// --weight and --backbone (in their own --help group), with validators for their values.
/// `o` must outlive the parse.
/// `tables`: --view also takes the flat tables (export only: exporters/tables.hpp).
void add_view_options(CLI::App* app, ViewOptions& o, bool tables = false);

/// Declares --dynamic (GEXF timeline), --gexf-version, and the layout options --layout,
/// --layout-iterations and --seed (in their own --help group).
void add_export_options(CLI::App* app, ExportOptions& o);

/// Checks, before any work, every file the outputs will write: each exporter's files for its -o
/// (`exporters[k]` writes `outputs[k]`) and the `extra` files (--jsonl, --errors; "" and "-" are
/// skipped). A file named twice is a UsageError; a file that cannot be written (missing or
/// read-only directory, a directory in its place) an IoError naming it (check_output_path).
void check_output_paths(const std::vector<const ExporterEntry*>& exporters,
                        const std::vector<std::string>& outputs, const ExportOptions& exp,
                        const std::vector<std::string>& extra);

/// Computes the positions of `view` (o.layout) when one of `exporters` writes them, once for all
/// of them, on the export threads (-j). Unless `quiet`, prints one line with the iterations and
/// the time.
void layout_for_outputs(GraphView& view, const std::vector<const ExporterEntry*>& exporters,
                        const ExportOptions& o, bool quiet);

/// One line for the summary: "entities view (--view entities --top 50): 50 nodes, 312 edges".
std::string view_summary(const GraphView& view);

} // namespace polgraph::cli
