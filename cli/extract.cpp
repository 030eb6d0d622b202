// `polgraph extract`: read articles, extract records in parallel, fold them into a graph and write
// the requested outputs. With --update, start from a graph written earlier: files the stat cache
// (store/stat_cache.hpp) shows unchanged keep their records without being read again.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string_view>
#include <thread>
#include <unordered_map>
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
#include "extractors/pipeline.hpp"
#include "extractors/reader.hpp"
#include "store/atomic_file.hpp"
#include "store/graph_io.hpp"
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
    std::string data_dir;
    std::string overlay; ///< --overlay FILE
    std::string files_from;
    std::string update;
    std::string stdin_name;
    std::vector<std::string> globs;
    int jobs = 0;
    bool quiet = false;
    bool verbose = false;
    std::uint64_t max_bytes = kDefaultMaxBytes;
    bool keyphrases = false;
    bool allow_empty = false;
    double min_topic_score = 1.0;
    ViewOptions view;    ///< applies to -o files other than node-link JSON
    ExportOptions exp;
};

struct Failure {
    std::string path;
    std::string reason;
};

/// What became of one input file.
struct Outcome {
    std::optional<PackedRecord> record; ///< packed in the worker (core/record_pack.hpp)
    std::optional<Failure> failure;
    std::vector<std::string> warnings;
    std::optional<FileStat> stat; ///< taken before reading (--update only)
    bool reused = false;          ///< record taken from the --update graph, file not read
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

std::string join(const std::vector<std::string>& parts, const char* sep) {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
    return out;
}

std::string join_globs(const std::vector<std::string>& globs) {
    return join(globs, ",");
}

/// --errors: one JSON line per failed input ({"path", "reason"}), then one per warning about an
/// input that was read ({"path", "warning"}), each group in path order.
void write_error_report(const std::string& file, const std::vector<Failure>& failures,
                        std::vector<Failure> warnings) {
    if (file.empty()) return;
    std::stable_sort(warnings.begin(), warnings.end(),
                     [](const Failure& a, const Failure& b) { return a.path < b.path; });
    AtomicFile f(file);
    for (const auto& fl : failures)
        f.stream() << "{\"path\":" << json_quote(fl.path) << ",\"reason\":" << json_quote(fl.reason)
                   << "}\n";
    for (const auto& w : warnings)
        f.stream() << "{\"path\":" << json_quote(w.path) << ",\"warning\":" << json_quote(w.reason)
                   << "}\n";
    f.commit();
}

Failure describe_failure(const std::string& path, std::exception_ptr ep) {
    try {
        std::rethrow_exception(ep);
    } catch (const ParseError& e) {
        return {path, e.line() > 0 ? "line " + std::to_string(e.line()) + ": " + e.reason()
                                   : e.reason()};
    } catch (const IoError& e) {
        std::string msg = e.what();
        if (msg.rfind(path + ": ", 0) == 0) msg = msg.substr(path.size() + 2);
        return {path, msg};
    } catch (const std::exception& e) {
        return {path, std::string("unexpected error: ") + e.what()};
    }
}

/// What a record depends on besides the file: this program (its executable's path, size and
/// mtime, so that any rebuild counts), the data files and the options that change records. --update trusts a
/// stat cache only when its fingerprint is this one.
std::string extraction_fingerprint(const std::string& data_dir, const ExtractOptions& o,
                                   const Overlay* overlay) {
    namespace fs = std::filesystem;
    std::string all = std::string(POLGRAPH_VERSION_STRING) + "\n";
    std::error_code ec;
    auto exe = fs::read_symlink("/proc/self/exe", ec);
    if (auto st = ec ? std::nullopt : stat_file(exe.string()))
        all += exe.string() + " " + std::to_string(st->size) + " " + std::to_string(st->mtime_ns);
    std::vector<std::string> files;
    for (auto it = fs::recursive_directory_iterator(data_dir, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
        if (it->is_regular_file() && it->path().string().find("/sample/") == std::string::npos)
            files.push_back(it->path().string());
    std::sort(files.begin(), files.end());
    for (const auto& f : files)
        all += "\n" + f.substr(data_dir.size()) + " " + content_hash(read_file_bytes(f, 1ull << 40));
    char opts[64];
    std::snprintf(opts, sizeof opts, "\nkeyphrases=%d min_topic_score=%.6g", o.keyphrases ? 1 : 0,
                  o.min_topic_score);
    if (overlay) all += "\noverlay " + overlay->hash();
    return content_hash(all + opts);
}

/// The progress line: files done/total, MB/s, errors, ETA; redrawn in place on a terminal.
void show_progress(std::size_t done, std::size_t total, std::uint64_t bytes, std::size_t failed,
                   double secs) {
    double mbps = secs > 0 ? static_cast<double>(bytes) / 1e6 / secs : 0;
    double eta = done > 0 ? secs * static_cast<double>(total - done) / static_cast<double>(done) : 0;
    std::fprintf(stderr, "\r%zu/%zu files  %.1f MB/s  %zu errors  ETA %.0fs   ", done, total, mbps,
                 failed, eta);
}

void run_extract(const ExtractOptions& o) {
    using clock = std::chrono::steady_clock;
    const auto t0 = clock::now();
    const std::int64_t run_start_ns = wall_clock_ns();
    const bool updating = !o.update.empty();
    // --update without -o rewrites the graph in place.
    std::vector<std::string> outputs = o.outputs;
    // Without -o, --update rewrites the graph in place, in the form it has (snapshot or JSON).
    std::string in_place_format;
    if (updating && outputs.empty()) {
        in_place_format = is_snapshot_file(o.update) ||
                                  find_exporter("", o.update) == find_exporter("snapshot", "")
                              ? "snapshot"
                              : "json";
        if (!o.format.empty() && o.format != in_place_format)
            throw UsageError("--update rewrites " + o.update + " in place as " + in_place_format +
                             "; give -o FILE for --format " + o.format);
        outputs.push_back(o.update);
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

    // The graph being updated: its records, indexed by id, and the stat cache written with it.
    std::vector<PackedRecord> previous;
    StatCache cache;
    if (updating) {
        if (stat_file(o.update)) {
            previous =
                load_packed_records(o.update, o.jobs > 0 ? static_cast<unsigned>(o.jobs) : 0);
            cache = StatCache::load(stat_cache_path(o.update));
        } else if (std::find(outputs.begin(), outputs.end(), o.update) != outputs.end()) {
            if (!o.quiet)
                std::cerr << "polgraph: " << o.update << " does not exist yet: starting a new graph\n";
        } else {
            throw IoError(o.update + ": cannot open the graph to update");
        }
    }
    const auto t_loaded = clock::now();
    std::unordered_map<std::string, std::size_t> previous_by_id;
    for (std::size_t i = 0; i < previous.size(); ++i) previous_by_id.emplace(previous[i].id, i);

    const std::string data_dir = resolve_data_dir(o.data_dir);
    std::shared_ptr<Overlay> overlay;
    if (!o.overlay.empty()) overlay = std::make_shared<Overlay>(Overlay::load(o.overlay));
    StatCache new_cache;
    if (updating) {
        new_cache.set_fingerprint(extraction_fingerprint(data_dir, o, overlay.get()));
        if (cache.size() > 0 && cache.fingerprint() != new_cache.fingerprint()) {
            if (o.verbose)
                std::cerr << "polgraph: " << stat_cache_path(o.update)
                          << " was made by another polgraph build, data or options: every file "
                             "is read again\n";
            cache = StatCache{};
        }
    }
    std::vector<InputError> walk_errors;
    SkippedFiles skipped;
    const std::vector<std::string>& globs = o.globs.empty() ? default_globs() : o.globs;
    auto inputs = collect_inputs(paths, globs, walk_errors, &skipped);
    std::size_t n_skipped = 0;
    for (const auto& [suffix, n] : skipped) n_skipped += n;
    if (o.verbose && !o.quiet)
        std::cerr << "polgraph: --glob " << join_globs(globs) << ": " << inputs.size() << " file"
                  << (inputs.size() == 1 ? "" : "s") << " taken, " << n_skipped << " skipped"
                  << (n_skipped ? " (" + describe_skipped(skipped) + ")" : "") << "\n";
    // --stdin-name: the article on stdin gets a real name (its id is that name's stem).
    if (!o.stdin_name.empty())
        for (auto& in : inputs)
            if (in.path == "-") in.id = article_id_from_stem(std::filesystem::path(o.stdin_name).stem().string());
    std::vector<Failure> failures;
    for (auto& e : walk_errors) failures.push_back({e.path, e.reason});

    const std::size_t total = inputs.size();
    std::vector<Outcome> outcomes(total);
    // --update: a file the stat cache vouches for (same path, size and mtime as when its record
    // was made) keeps the graph's record and is not read.
    std::size_t n_reused = 0;
    if (updating)
        for (std::size_t i = 0; i < total; ++i) {
            const auto& in = inputs[i];
            Outcome& out = outcomes[i];
            if (in.path == "-") continue;
            out.stat = stat_file(in.path);
            const StatCache::Entry* e = out.stat ? cache.find(in.path) : nullptr;
            auto p = previous_by_id.find(in.id);
            if (e && e->stat == *out.stat && p != previous_by_id.end() &&
                previous[p->second].path == in.path && previous[p->second].hash == e->hash) {
                out.record = std::move(previous[p->second]);
                previous[p->second] = PackedRecord{}; // taken: not kept a second time below
                out.reused = true;
                ++n_reused;
            }
        }
    // The data (gazetteers, taxonomy) is loaded only when some file is to be read.
    std::optional<Pipeline> pipeline;
    if (n_reused < total) {
        PipelineOptions popts;
        popts.keyphrases = o.keyphrases;
        popts.min_topic_score = o.min_topic_score;
        pipeline.emplace(Resources::load(data_dir, overlay), popts);
    }
    std::atomic<std::size_t> next{0}, done{n_reused}, failed{0};
    std::atomic<std::uint64_t> bytes{0};
    // -j threads fold the records, write --jsonl and format the outputs; no more read than
    // there are files (an --update with one new file still folds the whole graph on every
    // thread).
    const int jobs =
        o.jobs > 0 ? o.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    if (o.jobs > 0) set_export_threads(static_cast<unsigned>(o.jobs));
    const int readers = static_cast<int>(
        std::min<std::size_t>(static_cast<std::size_t>(jobs), std::max<std::size_t>(total, 1)));

    // Each worker takes the next file, so records come back in any order; they are put in id
    // order before folding, which makes the output independent of -j and of the input order.
    // The Article (the text) dies at the end of each iteration: only records are kept.
    auto worker = [&]() {
        for (;;) {
            std::size_t i = next.fetch_add(1);
            if (i >= total) return;
            const auto& in = inputs[i];
            Outcome& out = outcomes[i];
            if (out.reused) continue;
            try {
                Article a = in.path == "-" && !o.stdin_name.empty()
                                ? parse_article(read_file_bytes("-", o.max_bytes), o.stdin_name,
                                                in.id, input_kind_for_path(o.stdin_name))
                                : read_article(in.path, in.id, o.max_bytes);
                bytes += a.bytes;
                out.warnings = std::move(a.warnings);
                out.record = pack(pipeline->run(a));
            } catch (...) {
                out.failure = describe_failure(in.path, std::current_exception());
                ++failed;
            }
            ++done;
        }
    };
    const bool progress = !o.quiet && isatty(2);
    std::vector<std::thread> threads;
    for (int k = 0; k < readers; ++k) threads.emplace_back(worker);
    if (progress) {
        for (;;) {
            std::size_t d = done.load();
            show_progress(d, total, bytes.load(), failed.load(),
                          std::chrono::duration<double>(clock::now() - t0).count());
            if (d >= total) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
        }
        std::fprintf(stderr, "\r%*s\r", 70, "");
    }
    for (auto& th : threads) th.join();
    const auto t_extracted = clock::now();
    release_free_memory(); // what the workers freed while parsing (their arenas keep it)
    const double mb_extracted = o.verbose ? resident_mb() : 0;

    std::vector<PackedRecord> records;
    records.reserve(total + previous.size());
    std::unordered_set<std::string> input_ids, input_paths;
    std::vector<Failure> warnings; // (path, warning), for --errors
    for (std::size_t i = 0; i < total; ++i) {
        Outcome& out = outcomes[i];
        input_ids.insert(inputs[i].id);
        input_paths.insert(inputs[i].path);
        for (auto& w : out.warnings) {
            if (o.verbose && !o.quiet)
                std::cerr << "polgraph: " << printable(inputs[i].path)
                          << ": warning: " << printable(w) << "\n";
            warnings.push_back({inputs[i].path, std::move(w)});
        }
        if (out.record && out.stat)
            new_cache.set(inputs[i].path, *out.stat, out.record->hash, run_start_ns);
        if (out.record) records.push_back(std::move(*out.record));
        if (out.failure) failures.push_back(std::move(*out.failure));
    }
    // --update: the inputs replace the graph's records with the same id or path (a listed file
    // that now fails is dropped, as a rebuild would drop it); every other record is kept.
    std::size_t n_kept = 0;
    for (auto& r : previous) {
        if (r.id.empty() || input_ids.count(r.id) || input_paths.count(r.path)) continue;
        ++n_kept;
        if (const StatCache::Entry* e = cache.find(r.path); e && e->hash == r.hash)
            new_cache.set(r.path, e->stat, e->hash, run_start_ns);
        records.push_back(std::move(r));
    }
    previous.clear();
    outcomes.clear();
    std::sort(failures.begin(), failures.end(),
              [](const Failure& a, const Failure& b) { return a.path < b.path; });
    if (!o.quiet)
        for (const auto& f : failures)
            std::cerr << "polgraph: " << printable(f.path) << ": " << printable(f.reason) << "\n";

    sort_unique(records);
    // A run that read nothing writes nothing: an existing graph is never replaced by an empty one
    // because of a typo in a path or a --glob that matches no file.
    if (records.empty() && !o.allow_empty) {
        write_error_report(o.errors_file, failures, warnings);
        std::string why;
        if (total == 0 && failures.empty()) {
            why = "no file matched " + join_globs(globs) +
                  (n_skipped           ? "; skipped " + describe_skipped(skipped)
                   : paths.size() == 1 ? "; " + paths[0] + " holds no file"
                                       : "; the inputs hold no file");
        } else {
            why = "no input could be read (" + std::to_string(failures.size()) + " error" +
                  (failures.size() == 1 ? "" : "s") + (o.quiet ? ")" : " above)");
        }
        std::vector<std::string> kept;
        for (const auto& out : outputs)
            if (stat_file(out)) kept.push_back(out);
        if (!o.jsonl.empty() && o.jsonl != "-" && stat_file(o.jsonl)) kept.push_back(o.jsonl);
        throw Error("0 articles: " + why + "; nothing written" +
                    (kept.empty() ? ""
                                  : " (" + join(kept, ", ") + " left as " +
                                        (kept.size() == 1 ? "it was" : "they were") + ")") +
                    "; --allow-empty writes an empty graph");
    }
    if (!o.jsonl.empty()) {
        if (o.jsonl == "-") {
            write_records_jsonl(std::cout, records, static_cast<unsigned>(jobs));
            std::cout.flush();
        } else {
            AtomicFile f(o.jsonl);
            write_records_jsonl(f.stream(), records, static_cast<unsigned>(jobs));
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
        outputs.empty() ? KnowledgeGraph{}
                        : KnowledgeGraph::build(std::move(records), static_cast<unsigned>(jobs));
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
            if (exporters[k]->whole_graph) new_cache.save(stat_cache_path(outputs[k]));
    write_error_report(o.errors_file, failures, warnings);
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
        if (updating) std::cerr << "load " << span(t0, t_loaded) << " s, ";
        std::cerr << "read+extract " << span(updating ? t_loaded : t0, t_extracted) << " s ("
                  << readers << (readers == 1 ? " thread" : " threads") << "), records+jsonl "
                  << span(t_extracted, t_fold) << " s, fold " << span(t_fold, t_folded)
                  << " s, write " << span(t_folded, t_end) << " s\n";
        // Memory: resident after each of those steps, and the peak (which the write may set).
        auto mb = [](double v) { return std::to_string(static_cast<long>(v + 0.5)); };
        std::cerr << "polgraph: memory: peak " << mb(peak_resident_mb())
                  << " MB; resident after read+extract " << mb(mb_extracted) << " MB, records+jsonl "
                  << mb(mb_records) << " MB, fold " << mb(mb_folded) << " MB\n";
    }
    if (!o.quiet) {
        std::cerr << "polgraph: " << n_articles << " articles";
        if (updating)
            std::cerr << " (" << n_articles - n_reused - n_kept << " read, " << n_reused
                      << " unchanged, " << n_kept << " kept from " << o.update << ")";
        std::cerr << ", " << n_entities << " entities, ";
        if (!outputs.empty())
            std::cerr << g.node_count() << " nodes, " << g.edge_count() << " edges, ";
        std::cerr << failures.size() << " errors, " << fmt_seconds(secs) << " s\n";
    }
    g_exit_code = failures.empty() ? kOk : kSomeFailed;
    // Everything is written: the graph is left for the system to take back at exit.
    keep_until_exit(std::move(g));
}

} // namespace

void setup_extract(CLI::App& app) {
    auto o = std::make_shared<ExtractOptions>();
    auto* cmd = app.add_subcommand("extract", "Extract entities and topics from articles and build the graph");
    cmd->add_option("paths", o->paths, "Files, directories (recursed) or - for one article on stdin");
    cmd->add_option("--files-from", o->files_from, "Also read the input paths from FILE, one per line (- for stdin)");
    cmd->add_option("--stdin-name", o->stdin_name, "Path to record for the article read from - (its id is the file stem; its suffix picks the format), e.g. when piping `hdfs dfs -cat PATH`");
    cmd->add_option("-o,--output", o->outputs, "Output graph file; repeatable (format from --format or the suffix: " + exporter_names() + ")");
    cmd->add_option("--format", o->format, "Output format for every -o: " + exporter_names());
    cmd->add_option("--jsonl", o->jsonl, "Write one JSON record per article to FILE (- for stdout)");
    cmd->add_option("--update", o->update, "Start from this graph (JSON or snapshot): add new articles, replace changed ones, keep the rest; files unchanged since (GRAPH.stat) are not read again. Without -o, GRAPH is rewritten in place, in its own format");
    cmd->add_option("--errors", o->errors_file, "Write one JSON line per failed input (path, reason) to FILE");
    cmd->add_option("--data", o->data_dir, "Data directory (gazetteers, topics); default: built-in");
    cmd->add_option("--overlay", o->overlay,
                    "Curation overlay (TSV: alias, add, never, merge, drop, type; README, "
                    "\"Curation overlay\"), applied to every record; --update re-reads every "
                    "file when it changes")
        ->check(CLI::ExistingFile);
    cmd->add_option("--glob", o->globs, "File patterns to take from directories (default *.md,*.markdown,*.html,*.htm,*.txt)")->delimiter(',');
    cmd->add_option("-j,--jobs", o->jobs,
                    "Worker threads; they also lay out and format the outputs (default: all cores)")
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("--max-bytes", o->max_bytes, "Skip (and report) input files larger than this (default 67108864 = 64 MiB)");
    cmd->add_flag("--keyphrases", o->keyphrases, "Also extract keyphrases (keyphrase nodes)");
    cmd->add_flag("--allow-empty", o->allow_empty,
                  "Write the outputs even when no article could be read (an empty graph); without "
                  "it such a run writes nothing and exits 3");
    cmd->add_option("--min-topic-score", o->min_topic_score, "Minimum score for an article's topic, after common cues are damped over the whole corpus (default 1.0; front-matter tags are always kept)");
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
