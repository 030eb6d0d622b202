// `polgraph extract`: read articles, extract records in parallel, fold them into a graph and write
// the requested outputs.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <mutex>
#include <thread>

#include <unistd.h>

#include "cli/commands.hpp"
#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/graph.hpp"
#include "core/inputs.hpp"
#include "core/view.hpp"
#include "exporters/escape.hpp"
#include "exporters/exporter.hpp"
#include "extractors/pipeline.hpp"
#include "extractors/reader.hpp"

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
    std::vector<std::string> globs;
    int jobs = 0;
    bool quiet = false;
    bool verbose = false;
    std::uint64_t max_bytes = kDefaultMaxBytes;
    bool keyphrases = false;
    double min_topic_score = 1.0;
};

struct Failure {
    std::string path;
    std::string reason;
};

std::string fmt_seconds(double s) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", s);
    return buf;
}

void run_extract(const ExtractOptions& o) {
    using clock = std::chrono::steady_clock;
    const auto t0 = clock::now();
    // Check the outputs before doing any work.
    std::vector<const ExporterEntry*> exporters;
    for (const auto& out : o.outputs) {
        const ExporterEntry* e = find_exporter(o.format, out);
        if (!e)
            throw UsageError(out + ": cannot tell the output format from the suffix; use --format (" +
                             exporter_names() + ")");
        exporters.push_back(e);
    }
    if (o.outputs.empty() && o.jsonl.empty())
        throw UsageError("nothing to write: give -o FILE and/or --jsonl FILE");

    auto res = Resources::load(resolve_data_dir(o.data_dir));
    PipelineOptions popts;
    popts.keyphrases = o.keyphrases;
    popts.min_topic_score = o.min_topic_score;
    Pipeline pipeline(res, popts);

    std::vector<InputError> walk_errors;
    auto inputs = collect_inputs(o.paths, o.globs.empty() ? default_globs() : o.globs, walk_errors);
    std::vector<Failure> failures;
    for (auto& e : walk_errors) failures.push_back({e.path, e.reason});

    const std::size_t total = inputs.size();
    std::vector<std::optional<ArticleRecord>> results(total);
    std::vector<std::optional<Failure>> errors(total);
    std::atomic<std::size_t> next{0}, done{0}, failed{0};
    std::atomic<std::uint64_t> bytes{0};
    int jobs = o.jobs > 0 ? o.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    jobs = static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(jobs), std::max<std::size_t>(total, 1)));

    auto worker = [&]() {
        for (;;) {
            std::size_t i = next.fetch_add(1);
            if (i >= total) return;
            const auto& in = inputs[i];
            try {
                Article a = read_article(in.path, in.id, o.max_bytes);
                bytes += a.bytes;
                if (o.verbose)
                    for (const auto& w : a.warnings) std::cerr << in.path << ": warning: " << w << "\n";
                results[i] = pipeline.run(a);
            } catch (const ParseError& e) {
                errors[i] = Failure{in.path, e.line() > 0 ? "line " + std::to_string(e.line()) + ": " + e.reason() : e.reason()};
                ++failed;
            } catch (const IoError& e) {
                std::string msg = e.what();
                if (msg.rfind(in.path + ": ", 0) == 0) msg = msg.substr(in.path.size() + 2);
                errors[i] = Failure{in.path, msg};
                ++failed;
            } catch (const std::exception& e) {
                errors[i] = Failure{in.path, std::string("unexpected error: ") + e.what()};
                ++failed;
            }
            ++done;
        }
    };
    const bool progress = !o.quiet && isatty(2);
    std::vector<std::thread> threads;
    for (int k = 0; k < jobs; ++k) threads.emplace_back(worker);
    if (progress) {
        while (done.load() < total) {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            double secs = std::chrono::duration<double>(clock::now() - t0).count();
            std::size_t d = done.load();
            double mbps = secs > 0 ? static_cast<double>(bytes.load()) / 1e6 / secs : 0;
            double eta = d > 0 ? secs * static_cast<double>(total - d) / static_cast<double>(d) : 0;
            std::fprintf(stderr, "\r%zu/%zu files  %.1f MB/s  %zu errors  ETA %.0fs   ", d, total,
                         mbps, failed.load(), eta);
        }
        std::fprintf(stderr, "\r%*s\r", 70, "");
    }
    for (auto& th : threads) th.join();

    std::vector<ArticleRecord> records;
    records.reserve(total);
    for (std::size_t i = 0; i < total; ++i) {
        if (results[i]) records.push_back(std::move(*results[i]));
        if (errors[i]) failures.push_back(std::move(*errors[i]));
    }
    std::sort(failures.begin(), failures.end(),
              [](const Failure& a, const Failure& b) { return a.path < b.path; });
    if (!o.quiet)
        for (const auto& f : failures) std::cerr << "polgraph: " << f.path << ": " << f.reason << "\n";

    std::sort(records.begin(), records.end(),
              [](const ArticleRecord& a, const ArticleRecord& b) { return a.id < b.id; });
    if (!o.jsonl.empty()) {
        auto write_lines = [&](std::ostream& out) {
            for (const auto& r : records)
                out << to_json(r).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
        };
        if (o.jsonl == "-") {
            write_lines(std::cout);
            std::cout.flush();
        } else {
            AtomicFile f(o.jsonl);
            write_lines(f.stream());
            f.commit();
        }
    }
    const std::size_t n_articles = records.size();
    KnowledgeGraph g = KnowledgeGraph::build(std::move(records));
    GraphView view = full_view(g);
    for (std::size_t k = 0; k < o.outputs.size(); ++k)
        export_view(view, *exporters[k], ExportOptions{}, o.outputs[k]);
    if (!o.errors_file.empty()) {
        AtomicFile f(o.errors_file);
        for (const auto& fl : failures)
            f.stream() << "{\"path\":" << json_quote(fl.path) << ",\"reason\":" << json_quote(fl.reason) << "}\n";
        f.commit();
    }
    std::size_t n_entities = 0;
    for (std::size_t v = 0; v < g.node_count(); ++v)
        if (g.node(v).kind == NodeKind::Entity) ++n_entities;
    double secs = std::chrono::duration<double>(clock::now() - t0).count();
    if (!o.quiet)
        std::cerr << "polgraph: " << n_articles << " articles, " << n_entities << " entities, "
                  << g.node_count() << " nodes, " << g.edge_count() << " edges, "
                  << failures.size() << " errors, " << fmt_seconds(secs) << " s\n";
    g_exit_code = failures.empty() ? kOk : kSomeFailed;
}

} // namespace

void setup_extract(CLI::App& app) {
    auto o = std::make_shared<ExtractOptions>();
    auto* cmd = app.add_subcommand("extract", "Extract entities and topics from articles and build the graph");
    cmd->add_option("paths", o->paths, "Files, directories (recursed) or - for stdin")->required();
    cmd->add_option("-o,--output", o->outputs, "Output graph file; repeatable (format from --format or the suffix: " + exporter_names() + ")");
    cmd->add_option("--format", o->format, "Output format for every -o: " + exporter_names());
    cmd->add_option("--jsonl", o->jsonl, "Write one JSON record per article to FILE (- for stdout)");
    cmd->add_option("--errors", o->errors_file, "Write one JSON line per failed input (path, reason) to FILE");
    cmd->add_option("--data", o->data_dir, "Data directory (gazetteers, topics); default: built-in");
    cmd->add_option("--glob", o->globs, "File patterns to take from directories (default *.md,*.markdown,*.html,*.htm,*.txt)")->delimiter(',');
    cmd->add_option("-j,--jobs", o->jobs, "Worker threads (default: all cores)")->check(CLI::NonNegativeNumber);
    cmd->add_option("--max-bytes", o->max_bytes, "Skip (and report) input files larger than this (default 67108864 = 64 MiB)");
    cmd->add_flag("--keyphrases", o->keyphrases, "Also extract keyphrases (keyphrase nodes)");
    cmd->add_option("--min-topic-score", o->min_topic_score, "Minimum score for an article's topic (default 1.0)");
    cmd->add_flag("-q,--quiet", o->quiet, "No progress, summary or per-file messages");
    cmd->add_flag("-v,--verbose", o->verbose, "Also print warnings for files that were read");
    cmd->footer("Exit status: 0 all inputs processed; 1 outputs written but some inputs failed "
                "(listed on stderr and in --errors); 2 usage error; 3 fatal error (nothing written); "
                "130/143 interrupted (previous outputs left intact).");
    cmd->callback([o]() { run_extract(*o); });
}

} // namespace polgraph::cli
