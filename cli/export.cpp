// `polgraph export`: convert a stored graph (the node-link JSON written by extract or merge) to
// other formats and views without extracting again.
#include <iostream>

#include "cli/commands.hpp"
#include "cli/view_options.hpp"
#include "core/error.hpp"
#include "core/graph.hpp"
#include "core/util/memory.hpp"
#include "core/util/ordered_writer.hpp"
#include "exporters/tables.hpp"
#include "store/atomic_file.hpp"
#include "store/graph_io.hpp"

namespace polgraph::cli {

namespace {

struct ExportCmdOptions {
    std::string graph;
    std::vector<std::string> outputs;
    std::string format;
    ViewOptions view;
    ExportOptions exp;
    bool quiet = false;
    int jobs = 0;
};

// --view mentions|timeline: one CSV table per -o (exporters/tables.hpp).
void run_table_export(const ExportCmdOptions& o) {
    check_table_options(o.view);
    for (const auto& out : o.outputs)
        if (exporter_for(o.format, out).name != "csv")
            throw UsageError("--view " + o.view.view + " is a table: write it as CSV (-o " +
                             o.view.view + ".csv or --format csv), not " + out);
    check_output_paths({}, {}, o.exp, o.outputs);
    KnowledgeGraph g = load_graph(o.graph);
    std::size_t rows = 0;
    for (const auto& out : o.outputs) {
        AtomicFile f(out);
        rows = write_table(g, o.view, f.stream());
        f.commit();
    }
    if (!o.quiet) {
        std::cerr << "polgraph: " << o.view.view << " table: " << rows << " rows ->";
        for (const auto& out : o.outputs) std::cerr << ' ' << out;
        std::cerr << "\n";
    }
    g_exit_code = kOk;
}

void run_export(const ExportCmdOptions& o) {
    if (is_table_view(o.view.view)) return run_table_export(o);
    std::vector<const ExporterEntry*> exporters;
    for (const auto& out : o.outputs) exporters.push_back(&exporter_for(o.format, out));
    check_output_paths(exporters, o.outputs, o.exp, {});
    if (o.jobs > 0) set_export_threads(static_cast<unsigned>(o.jobs));
    KnowledgeGraph g = load_graph(o.graph);
    GraphView view = make_view(g, o.view);
    for (const auto* e : exporters) e->make(o.exp)->check(view);
    layout_for_outputs(view, exporters, o.exp, o.quiet);
    for (std::size_t k = 0; k < o.outputs.size(); ++k)
        export_view(view, *exporters[k], o.exp, o.outputs[k]);
    if (!o.quiet) {
        std::cerr << "polgraph: " << view_summary(view) << " ->";
        for (std::size_t k = 0; k < o.outputs.size(); ++k)
            for (const auto& f : exporters[k]->make(o.exp)->output_files(o.outputs[k]))
                std::cerr << ' ' << f;
        std::cerr << "\n";
    }
    g_exit_code = kOk;
    keep_until_exit(std::move(g)); // everything is written: left for the system to take back
}

} // namespace

void setup_export(CLI::App& app) {
    auto o = std::make_shared<ExportCmdOptions>();
    auto* cmd = app.add_subcommand(
        "export", "Write a stored graph (JSON from extract/merge) in other formats and views");
    cmd->add_option("graph", o->graph, "Graph file written by extract or merge, JSON or snapshot (- for stdin)")
        ->required();
    cmd->add_option("-o,--output", o->outputs,
                    "Output file; repeatable (format from --format or the suffix: " +
                        exporter_names() + ")")
        ->required();
    std::string formats;
    for (const auto& e : exporter_registry())
        formats += "\n  " + e.name + ": " + e.description;
    cmd->add_option("--format", o->format, "Output format for every -o:" + formats);
    add_view_options(cmd, o->view, true);
    add_export_options(cmd, o->exp);
    cmd->add_option("-j,--jobs", o->jobs,
                    "Threads that lay out and format the outputs (default: all cores, at most 4)")
        ->check(CLI::NonNegativeNumber);
    cmd->add_flag("-q,--quiet", o->quiet, "No summary line");
    cmd->footer("Filters apply to every -o file; a filtered or projected JSON records its view and "
                "cannot be loaded back as a graph.\nExit status: 0 written; 2 usage error; 3 "
                "unreadable graph or unwritable output.");
    cmd->callback([o]() { run_export(*o); });
}

} // namespace polgraph::cli
