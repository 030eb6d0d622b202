#pragma once
// Command-line options shared by the subcommands that write graph files (extract, export): the
// view and filter options of core/view.hpp and the export options of exporters/exporter.hpp.
#include <string>

#include <CLI/CLI.hpp>

#include "core/view.hpp"
#include "exporters/exporter.hpp"

namespace polgraph::cli {

/// Declares --view, --types, --since, --until, --min-weight, --min-articles, --top, --drop-hubs,
/// --weight and --backbone (in their own --help group), with validators for their values.
/// `o` must outlive the parse.
void add_view_options(CLI::App* app, ViewOptions& o);

/// Declares --dynamic (GEXF timeline).
void add_export_options(CLI::App* app, ExportOptions& o);

/// One line for the summary: "entities view (--view entities --top 50): 50 nodes, 312 edges".
std::string view_summary(const GraphView& view);

} // namespace polgraph::cli
