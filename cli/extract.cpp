// `polgraph extract`: read articles and extract their records in parallel (extractors/batch.hpp,
// the run Python's polgraph.extract makes too), fold them into a graph and write the requested
// outputs. With --update, start from a graph written earlier: files the stat cache
// (store/stat_cache.hpp) shows unchanged keep their records without being read again.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <unordered_set>

#include <unistd.h>

#include "cli/commands.hpp"
#include "cli/view_options.hpp"
#include "core/error.hpp"
#include "core/graph.hpp"
#include "core/util/memory.hpp"
#include "core/util/ordered_writer.hpp"
#include "core/util/text.hpp"
#include "core/view.hpp"
#include "exporters/escape.hpp"
#include "exporters/exporter.hpp"
#include "extractors/batch.hpp"
#include "extractors/reader.hpp"
#include "store/atomic_file.hpp"
#include "store/graph_snapshot.hpp"
#include "store/inputs.hpp"
#include "store/stat_cache.hpp"

namespace polgraph::cli {

int g_exit_code = kOk;

namespace {

struct ExtractOptions {
    std::vector<std::string> paths;
    std::vector<std::string> outputs;
    std::string format;
    std::string jsonl;
    std::string errors_file;
    std::string files_from;
    bool quiet = false;
    bool verbose = false;
    bool allow_empty = false;
    BatchOptions batch; ///< --data, --glob, --stdin-name, -j, --max-bytes, --keyphrases, ...
    ViewOptions view;   ///< applies to -o files other than node-link JSON
    ExportOptions exp;
};

std::string fmt_seconds(double s) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", s);
    return buf;
}

/// --files-from: one path per line ("-" reads the list from stdin); blank lines are skipped.
std::vector<std::string> read_path_list(const std::string& file) {
    std::ifstream f;
    if (file != "-") {
        f.open(file, std::ios::binary);
        if (!f) throw IoError(file + ": cannot open the --files-from list");
    }
    std::istream& in = file == "-" ? std::cin : f;
    std::vector<std::string> out;
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!line.empty()) out.push_back(line);
    }
    return out;
}

/// --errors: one JSON line per failed input ({"path", "reason"}), then one per warning about an
/// input that was read ({"path", "warning"}), each group in path order.
void write_error_report(const std::string& file, const std::vector<InputError>& failures,
                        std::vector<InputError> warnings) {
    if (file.empty()) return;
    std::stable_sort(warnings.begin(), warnings.end(),
                     [](const InputError& a, const InputError& b) { return a.path < b.path; });
    AtomicFile f(file);
    for (const auto& fl : failures)
        f.stream() << "{\"path\":" << json_quote(fl.path) << ",\"reason\":" << json_quote(fl.reason)
                   << "}\n";
    for (const auto& w : warnings)
        f.stream() << "{\"path\":" << json_quote(w.path) << ",\"warning\":" << json_quote(w.reason)
                   << "}\n";
    f.commit();
}

/// The progress line: files done/total, MB/s, errors, ETA; redrawn in place on a terminal.
void show_progress(const BatchProgress& p) {
    double mbps = p.seconds > 0 ? static_cast<double>(p.bytes) / 1e6 / p.seconds : 0;
    double eta =
        p.done > 0 ? p.seconds * static_cast<double>(p.total - p.done) / static_cast<double>(p.done)
                   : 0;
    std::fprintf(stderr, "\r%zu/%zu files  %.1f MB/s  %zu errors  ETA %.0fs   ", p.done, p.total,
                 mbps, p.failed, eta);
}

void run_extract(const ExtractOptions& o) {
    using clock = std::chrono::steady_clock;
    const auto t0 = clock::now();
    const std::string& update = o.batch.update; // the graph to update, or ""
    const bool updating = !update.empty();
    // --update without -o rewrites the graph in place.
    std::vector<std::string> outputs = o.outputs;
    // Without -o, --update rewrites the graph in place, in the form it has (snapshot or JSON).
    std::string in_place_format;
    if (updating && outputs.empty()) {
        in_place_format =
            is_snapshot_file(update) || find_exporter("", update) == find_exporter("snapshot", "")
                ? "snapshot"
                : "json";
        if (!o.format.empty() && o.format != in_place_format)
            throw UsageError("--update rewrites " + update + " in place as " + in_place_format +
                             "; give -o FILE for --format " + o.format);
        outputs.push_back(update);
    }
    // Check the outputs before doing any work.
    std::vector<const ExporterEntry*> exporters;
    for (const auto& out : outputs)
        exporters.push_back(
            &exporter_for(in_place_format.empty() ? o.format : in_place_format, out));
    if (outputs.empty() && o.jsonl.empty())
        throw UsageError("nothing to write: give -o FILE and/or --jsonl FILE");
    check_output_paths(exporters, outputs, o.exp, {o.jsonl, o.errors_file});
    std::vector<std::string> paths = o.paths;
    if (!o.files_from.empty()) {
        if (o.files_from == "-" && std::count(paths.begin(), paths.end(), "-"))
            throw UsageError("--files-from - and the input - both want stdin");
        for (auto& p : read_path_list(o.files_from)) paths.push_back(std::move(p));
    }
    if (paths.empty() && o.files_from.empty())
        throw UsageError("no input: give files, directories, - (stdin) or --files-from FILE");
    // The graph to update may not exist yet when it is one of the files written.
    if (updating && !stat_file(update)) {
        if (std::find(outputs.begin(), outputs.end(), update) == outputs.end())
            throw IoError(update + ": cannot open the graph to update");
        if (!o.quiet)
            std::cerr << "polgraph: " << update << " does not exist yet: starting a new graph\n";
    }

    // -j threads read, fold the records, write --jsonl and format the outputs.
    if (o.batch.jobs > 0) set_export_threads(static_cast<unsigned>(o.batch.jobs));
    const std::vector<std::string>& globs = o.batch.globs.empty() ? default_globs() : o.batch.globs;
    BatchHooks hooks;
    hooks.on_inputs = [&](const BatchResult& r) {
        if (o.verbose && r.cache_discarded)
            std::cerr << "polgraph: " << stat_cache_path(update)
                      << " was made by another polgraph build, data or options: every file "
                         "is read again\n";
        if (!o.verbose || o.quiet) return;
        std::size_t n_skipped = 0;
        for (const auto& [suffix, n] : r.skipped) n_skipped += n;
        std::cerr << "polgraph: --glob " << join(globs, ",") << ": " << r.inputs << " file"
                  << (r.inputs == 1 ? "" : "s") << " taken, " << n_skipped << " skipped"
                  << (n_skipped ? " (" + describe_skipped(r.skipped) + ")" : "") << "\n";
    };
    const bool progress = !o.quiet && isatty(2);
    if (progress) hooks.on_progress = show_progress;
    BatchResult batch = extract_batch(paths, o.batch, hooks);
    if (progress) std::fprintf(stderr, "\r%*s\r", 70, "");
    const double mb_extracted = batch.resident_mb_extracted;
    const unsigned jobs = batch.threads;
    if (o.verbose && !o.quiet)
        for (const auto& w : batch.warnings)
            std::cerr << "polgraph: " << printable(w.path) << ": warning: " << printable(w.reason)
                      << "\n";
    if (!o.quiet)
        for (const auto& f : batch.failures)
            std::cerr << "polgraph: " << printable(f.path) << ": " << printable(f.reason) << "\n";

    std::vector<PackedRecord>& records = batch.records;
    // A run that read nothing writes nothing: an existing graph is never replaced by an empty one
    // because of a typo in a path or a --glob that matches no file.
    if (records.empty() && !o.allow_empty) {
        write_error_report(o.errors_file, batch.failures, batch.warnings);
        std::vector<std::string> kept;
        for (const auto& out : outputs)
            if (stat_file(out)) kept.push_back(out);
        if (!o.jsonl.empty() && o.jsonl != "-" && stat_file(o.jsonl)) kept.push_back(o.jsonl);
        throw Error("0 articles: " + empty_batch_reason(batch, paths, o.batch.globs, !o.quiet) +
                    "; nothing written" +
                    (kept.empty() ? ""
                                  : " (" + join(kept, ", ") + " left as " +
                                        (kept.size() == 1 ? "it was" : "they were") + ")") +
                    "; --allow-empty writes an empty graph");
    }
    if (!o.jsonl.empty()) {
        if (o.jsonl == "-") {
            write_records_jsonl(std::cout, records, jobs);
            std::cout.flush();
        } else {
            AtomicFile f(o.jsonl);
            write_records_jsonl(f.stream(), records, jobs);
            f.commit();
        }
    }
    const std::size_t n_articles = records.size();
    // A map step (--jsonl only) writes no graph: it is not folded, which would cost as much time
    // and memory as the extraction at 10^5 articles; the summary then counts distinct entities.
    std::size_t n_entities = 0;
    if (outputs.empty()) {
        std::unordered_set<std::string> ids;
        for (const auto& p : records)
            for (auto& e : unpack(p, RecordPart::Fold).entities) ids.insert(std::move(e.id));
        n_entities = ids.size();
    }
    const auto t_fold = clock::now();
    const double mb_records = o.verbose ? resident_mb() : 0;
    KnowledgeGraph g =
        outputs.empty() ? KnowledgeGraph{} : KnowledgeGraph::build(std::move(records), jobs);
    release_free_memory(); // the records and the fold's temporaries, before the outputs
    const auto t_folded = clock::now();
    const double mb_folded = o.verbose ? resident_mb() : 0;
    for (std::size_t v = 0; v < g.node_count(); ++v)
        if (g.node(v).kind == NodeKind::Entity) ++n_entities;
    // Node-link JSON stays the whole, reloadable graph; the view options shape the other files.
    GraphView full = full_view(g);
    GraphView view = o.view.is_default() ? GraphView{} : make_view(g, o.view);
    std::vector<const ExporterEntry*> view_outputs; // the -o files that get the view
    for (const auto* e : exporters)
        if (!e->whole_graph) view_outputs.push_back(e);
    layout_for_outputs(view.graph ? view : full, view_outputs, o.exp, o.quiet);
    for (std::size_t k = 0; k < outputs.size(); ++k)
        export_view(exporters[k]->whole_graph || !view.graph ? full : view, *exporters[k], o.exp,
                    outputs[k]);
    if (!o.quiet && view.filtered) std::cerr << "polgraph: " << view_summary(view) << "\n";
    if (updating)
        for (std::size_t k = 0; k < outputs.size(); ++k)
            if (exporters[k]->whole_graph) batch.cache.save(stat_cache_path(outputs[k]));
    write_error_report(o.errors_file, batch.failures, batch.warnings);
    const auto t_end = clock::now();
    double secs = std::chrono::duration<double>(t_end - t0).count();
    if (o.verbose && !o.quiet) {
        auto span = [](clock::time_point a, clock::time_point b) {
            return fmt_seconds(std::chrono::duration<double>(b - a).count());
        };
        // Where the time went: reading and extracting (jobs threads), collecting and sorting the
        // records and writing --jsonl, folding them into the graph, writing the outputs.
        // With --update, loading the graph's records (and its stat cache) comes first.
        std::cerr << "polgraph: time: ";
        if (updating) std::cerr << "load " << span(t0, batch.loaded) << " s, ";
        std::cerr << "read+extract " << span(updating ? batch.loaded : t0, batch.extracted)
                  << " s (" << batch.readers << (batch.readers == 1 ? " thread" : " threads")
                  << "), records+jsonl " << span(batch.extracted, t_fold) << " s, fold "
                  << span(t_fold, t_folded) << " s, write " << span(t_folded, t_end) << " s\n";
        // Memory: resident after each of those steps, and the peak (which the write may set).
        auto mb = [](double v) { return std::to_string(static_cast<long>(v + 0.5)); };
        std::cerr << "polgraph: memory: peak " << mb(peak_resident_mb())
                  << " MB; resident after read+extract " << mb(mb_extracted) << " MB, records+jsonl "
                  << mb(mb_records) << " MB, fold " << mb(mb_folded) << " MB\n";
    }
    if (!o.quiet) {
        std::cerr << "polgraph: " << n_articles << " articles";
        if (updating)
            std::cerr << " (" << n_articles - batch.reused - batch.kept << " read, " << batch.reused
                      << " unchanged, " << batch.kept << " kept from " << update << ")";
        std::cerr << ", " << n_entities << " entities, ";
        if (!outputs.empty())
            std::cerr << g.node_count() << " nodes, " << g.edge_count() << " edges, ";
        std::cerr << batch.failures.size() << " errors, " << fmt_seconds(secs) << " s\n";
    }
    g_exit_code = batch.failures.empty() ? kOk : kSomeFailed;
    // Everything is written: the graph is left for the system to take back at exit.
    keep_until_exit(std::move(g));
}

} // namespace

void setup_extract(CLI::App& app) {
    auto o = std::make_shared<ExtractOptions>();
    auto* cmd = app.add_subcommand("extract", "Extract entities and topics from articles and build the graph");
    cmd->add_option("paths", o->paths, "Files, directories (recursed) or - for one article on stdin");
    cmd->add_option("--files-from", o->files_from, "Also read the input paths from FILE, one per line (- for stdin)");
    cmd->add_option("--stdin-name", o->batch.stdin_name,
                    "Path to record for the article read from - (its id is the file stem; its "
                    "suffix picks the format), e.g. when piping `hdfs dfs -cat PATH`");
    cmd->add_option("-o,--output", o->outputs, "Output graph file; repeatable (format from --format or the suffix: " + exporter_names() + ")");
    cmd->add_option("--format", o->format, "Output format for every -o: " + exporter_names());
    cmd->add_option("--jsonl", o->jsonl, "Write one JSON record per article to FILE (- for stdout)");
    cmd->add_option("--update", o->batch.update,
                    "Start from this graph (JSON or snapshot): add new articles, replace changed "
                    "ones, keep the rest; files unchanged since (GRAPH.stat) are not read again. "
                    "Without -o, GRAPH is rewritten in place, in its own format");
    cmd->add_option("--errors", o->errors_file, "Write one JSON line per failed input (path, reason) to FILE");
    cmd->add_option("--data", o->batch.data_dir,
                    "Data directory (gazetteers, topics); default: built-in");
    cmd->add_option("--overlay", o->batch.overlay,
                    "Curation overlay (TSV: alias, add, never, merge, drop, type; README, "
                    "\"Curation overlay\"), applied to every record; --update re-reads every "
                    "file when it changes")
        ->check(CLI::ExistingFile);
    cmd->add_option(
           "--glob", o->batch.globs,
           "File patterns to take from directories (default *.md,*.markdown,*.html,*.htm,*.txt)")
        ->delimiter(',');
    cmd->add_option("-j,--jobs", o->batch.jobs, 
                    "Worker threads; they also lay out and format the outputs (default: all cores)")
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("--max-bytes", o->batch.max_bytes,
                    "Skip (and report) input files larger than this (default 67108864 = 64 MiB)");
    cmd->add_flag("--keyphrases", o->batch.keyphrases, "Also extract keyphrases (keyphrase nodes)");
    cmd->add_flag("--allow-empty", o->allow_empty,
                  "Write the outputs even when no article could be read (an empty graph); without "
                  "it such a run writes nothing and exits 3");
    cmd->add_option("--min-topic-score", o->batch.min_topic_score,
                    "Minimum score for an article's topic, after common cues are damped over the "
                    "whole corpus (default 1.0; front-matter tags are always kept)");
    cmd->add_flag("-q,--quiet", o->quiet, "No progress, summary or per-file messages");
    cmd->add_flag("-v,--verbose", o->verbose, "Also print warnings for files that were read, and the time spent reading and extracting, folding and writing");
    cmd->footer(
        "Exit status: 0 all inputs processed; 1 outputs written but some inputs failed "
        "(listed on stderr and in --errors); 2 usage error; 3 fatal error, nothing written: "
        "no article could be read (a missing path, no file matching --glob), unreadable "
        "data, an output that cannot be written; 130/143 interrupted (previous outputs "
        "left intact).");
    add_view_options(cmd, o->view);
    add_export_options(cmd, o->exp);
    cmd->callback([o]() { run_extract(*o); });
}

} // namespace polgraph::cli
