// `polgraph merge`: the reduce step of a sharded run. Reads record files (`extract --jsonl`) and
// graph files (`-o graph.json`), takes the union of their records and folds it into one graph.
// KnowledgeGraph::build sorts the records by id and breaks ties by content hash, so merging is
// associative and commutative and merge(extract(A), extract(B)) equals extract(A ∪ B) byte for byte.
#include <algorithm>
#include <chrono>
#include <iostream>
#include <thread>

#include "cli/commands.hpp"
#include "cli/view_options.hpp"
#include "core/error.hpp"
#include "core/graph.hpp"
#include "core/util/memory.hpp"
#include "core/view.hpp"
#include "exporters/exporter.hpp"
#include "store/atomic_file.hpp"
#include "store/record_files.hpp"

namespace polgraph::cli {

namespace {

struct MergeOptions {
    std::vector<std::string> inputs;
    std::vector<std::string> outputs;
    std::string format;
    std::string jsonl;
    bool quiet = false;
    bool allow_empty = false;
};

void run_merge(const MergeOptions& o) {
    const auto t0 = std::chrono::steady_clock::now();
    std::vector<const ExporterEntry*> exporters;
    for (const auto& out : o.outputs) exporters.push_back(&exporter_for(o.format, out));
    if (o.outputs.empty() && o.jsonl.empty())
        throw UsageError("nothing to write: give -o FILE and/or --jsonl FILE");
    check_output_paths(exporters, o.outputs, ExportOptions{}, {o.jsonl});
    if (std::count(o.inputs.begin(), o.inputs.end(), "-") > 1)
        throw UsageError("stdin (-) can be given only once");

    MergeInputs in = read_merge_inputs(o.inputs, !o.quiet);
    const std::size_t n_read = in.records.size();
    // Inputs that hold no record (empty record files, empty graphs) never replace a graph.
    if (n_read == 0 && !o.allow_empty)
        throw Error("0 records in " + std::to_string(o.inputs.size()) + " input" +
                    (o.inputs.size() == 1 ? "" : "s") +
                    "; nothing written; --allow-empty writes an empty graph");
    for (const auto& c : in.conflicts) std::cerr << "polgraph: warning: " << c << "\n";
    std::vector<PackedRecord> records = std::move(in.records);

    const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    KnowledgeGraph g = KnowledgeGraph::build(std::move(records), threads);
    release_free_memory(); // the inputs and the fold's temporaries, before the outputs
    if (!o.jsonl.empty()) {
        const std::vector<PackedRecord> merged = g.packed_records();
        if (o.jsonl == "-") {
            write_records_jsonl(std::cout, merged, threads);
            std::cout.flush();
        } else {
            AtomicFile f(o.jsonl);
            write_records_jsonl(f.stream(), merged, threads);
            f.commit();
        }
    }
    GraphView view = full_view(g);
    for (std::size_t k = 0; k < o.outputs.size(); ++k)
        export_view(view, *exporters[k], ExportOptions{}, o.outputs[k]);
    if (!o.quiet) {
        std::size_t articles = 0, entities = 0;
        for (std::size_t v = 0; v < g.node_count(); ++v) {
            articles += g.node(v).kind == NodeKind::Article;
            entities += g.node(v).kind == NodeKind::Entity;
        }
        double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::fprintf(stderr,
                     "polgraph: merged %zu records from %zu inputs: %zu articles, %zu entities, "
                     "%zu nodes, %zu edges, %.2f s\n",
                     n_read, o.inputs.size(), articles, entities, g.node_count(), g.edge_count(),
                     secs);
    }
    g_exit_code = kOk;
    keep_until_exit(std::move(g)); // everything is written: left for the system to take back
}

} // namespace

void setup_merge(CLI::App& app) {
    auto o = std::make_shared<MergeOptions>();
    auto* cmd = app.add_subcommand(
        "merge", "Merge record files (extract --jsonl), JSON graphs and snapshots into one graph");
    cmd->add_option("inputs", o->inputs,
                    "Record files (.jsonl, one record per line), JSON graphs (.json), snapshots "
                    "(.pgsnap), or - for stdin; other names are recognised by their content")
        ->required();
    cmd->add_option("-o,--output", o->outputs, "Output graph file; repeatable (format from --format or the suffix: " + exporter_names() + ")");
    cmd->add_option("--format", o->format, "Output format for every -o: " + exporter_names());
    cmd->add_option("--jsonl", o->jsonl, "Also write the merged records, one JSON line each, to FILE (- for stdout)");
    cmd->add_flag("-q,--quiet", o->quiet, "No summary or warnings");
    cmd->add_flag("--allow-empty", o->allow_empty,
                  "Write the outputs even when the inputs hold no record (an empty graph); without "
                  "it such a merge writes nothing and exits 3");
    cmd->footer(
        "The same article id in several inputs: the record with the greater content hash "
        "is kept, whatever the input order (a warning names both).\n"
        "Exit status: 0 merged; 2 usage error; 3 fatal error, nothing written: an input is "
        "unreadable or not a record/graph file, the inputs hold no record, an output cannot "
        "be written; 130/143 interrupted (previous outputs left intact).");
    cmd->callback([o]() { run_merge(*o); });
}

} // namespace polgraph::cli
