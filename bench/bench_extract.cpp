// bench_extract: end-to-end throughput of `polgraph extract` against a parse-only baseline, on the
// synthetic corpus of bench/gen_corpus. Prints figures; never fails on time.
//
//   bench_extract [--work DIR] [--repeats R] [--jobs 1,2] [--no-update] [SIZE...]
//   bench_extract --profile DIR        one-thread, in-process breakdown by stage
//
// For each SIZE (default 1000 10000) the corpus is generated once under DIR/corpus-SIZE. Every
// measurement runs in a child process and is read with wait4(): wall time, CPU time and peak RSS.
//   extract     the real CLI: polgraph extract CORPUS -o out.json -j N -q
//   parse-only  this program's --parse-only mode: the same input walk and read_article() per file
//               (read + front matter + markdown + gumbo) on N threads, results thrown away
//   update      polgraph extract --files-from all --update seeded.json -o upd.json, where the
//               seeded graph holds 99% of the corpus (every 100th file is new); upd-snap is the
//               same with the graph kept as a snapshot (seeded.pgsnap -> upd.pgsnap), against
//               full-snap, a full run writing a snapshot
// Runs are interleaved and repeated; the table shows medians. The page cache is warm after the
// first (untimed) pass, so reading is from memory.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/graph.hpp"
#include "core/record.hpp"
#include "core/util/allocator.hpp"
#include "core/view.hpp"
#include "exporters/exporter.hpp"
#include "extractors/pipeline.hpp"
#include "extractors/reader.hpp"
#include "store/graph_io.hpp"
#include "store/graph_snapshot.hpp"
#include "store/inputs.hpp"

namespace fs = std::filesystem;
using namespace polgraph;

namespace {

struct Measure {
    double wall = 0, cpu = 0;
    long rss_kb = 0;
    int status = 0;
};

// Runs argv in a child (stdout/stderr to files when given) and measures it.
Measure run_child(const std::vector<std::string>& argv, const std::string& out_file = "/dev/null",
                  const std::string& err_file = "/dev/null") {
    auto t0 = std::chrono::steady_clock::now();
    pid_t pid = fork();
    if (pid < 0) {
        std::perror("fork");
        std::exit(1);
    }
    if (pid == 0) {
        int o = open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int e = open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (o >= 0) dup2(o, 1);
        if (e >= 0) dup2(e, 2);
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        execv(args[0], args.data());
        _exit(127);
    }
    int status = 0;
    rusage ru{};
    wait4(pid, &status, 0, &ru);
    Measure m;
    m.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    m.cpu = static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
            static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
    m.rss_kb = ru.ru_maxrss;
    m.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return m;
}

std::string self_path() {
    std::error_code ec;
    auto p = fs::read_symlink("/proc/self/exe", ec);
    return ec ? std::string("bench_extract") : p.string();
}

// --parse-only DIR JOBS: the baseline, in its own process so that its RSS is its own.
int parse_only(const std::string& dir, int jobs) {
    std::vector<InputError> errs;
    auto inputs = collect_inputs({dir}, default_globs(), errs);
    std::atomic<std::size_t> next{0}, blocks{0};
    auto worker = [&]() {
        for (;;) {
            std::size_t i = next.fetch_add(1);
            if (i >= inputs.size()) return;
            try {
                Article a = read_article(inputs[i].path, inputs[i].id);
                blocks += a.blocks.size();
            } catch (const std::exception&) {
            }
        }
    };
    std::vector<std::thread> th;
    for (int k = 0; k < jobs; ++k) th.emplace_back(worker);
    for (auto& t : th) t.join();
    std::printf("%zu files, %zu blocks\n", inputs.size(), blocks.load());
    return 0;
}

// Resident set size of this process now, in MB.
double rss_mb() {
    long pages = 0, resident = 0;
    if (FILE* f = std::fopen("/proc/self/statm", "r")) {
        if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
        std::fclose(f);
    }
    return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / 1e6;
}

// --profile DIR: where one thread spends its time, stage by stage (manual timers), and the
// resident memory after each stage.
int profile(const std::string& dir) {
    using clock = std::chrono::steady_clock;
    std::map<std::string, double> t, mem;
    auto lap = [&](const char* name, clock::time_point& since) {
        auto now = clock::now();
        t[name] += std::chrono::duration<double>(now - since).count();
        mem[name] = rss_mb();
        since = now;
    };
    auto since = clock::now();
    auto res = Resources::load(resolve_data_dir(""));
    Pipeline pipeline(res, PipelineOptions{});
    // The pipeline's own extractor: a second one would hold a second copy of the word index and
    // the trie, and the two would evict each other from the cache between stages 5 and 6.
    const EntityExtractor& entities = pipeline.entity_extractor();
    lap("00 load data", since);
    std::vector<InputError> errs;
    auto inputs = collect_inputs({dir}, default_globs(), errs);
    lap("01 walk", since);
    std::vector<ArticleRecord> records;
    std::uint64_t bytes = 0;
    double matched = 0, run_total = 0;
    for (const auto& in : inputs) {
        std::string data = read_file_bytes(in.path, kDefaultMaxBytes);
        bytes += data.size();
        lap("02 read bytes", since);
        Article a = parse_article(data, in.path, in.id, input_kind_for_path(in.path));
        lap("03 parse (front matter, markdown, gumbo)", since);
        // Stages 4 and 5 are timed on their own; pipeline.run repeats them, and what it spends
        // beyond them is topics, keyphrases and assembling the record (stage 6).
        Tokenized tok = tokenize(a);
        lap("04 tokenize", since);
        EntityResult er = entities.extract(a, tok);
        matched += static_cast<double>(er.mentions.size());
        lap("05 entities (gazetteer, rules, relations)", since);
        records.push_back(pipeline.run(a));
        auto now = clock::now();
        run_total += std::chrono::duration<double>(now - since).count();
        since = now;
    }
    t["06 topics + record (run - 4 - 5)"] =
        run_total - t["04 tokenize"] - t["05 entities (gazetteer, rules, relations)"];
    std::ostringstream jsonl;
    for (const auto& r : records)
        jsonl << to_json(r).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    lap("07 records to JSONL (only with --jsonl)", since);
    KnowledgeGraph g = KnowledgeGraph::build(records);
    lap("08 fold (KnowledgeGraph::build)", since);
    GraphView view = full_view(g);
    std::ostringstream json;
    find_exporter("json", "")->make(ExportOptions{})->write(view, json, 0);
    lap("09 write graph JSON", since);
    std::ostringstream snap;
    write_snapshot(g, snap);
    lap("10 write snapshot", since);
    KnowledgeGraph g3 = read_snapshot(snap.str(), "graph.pgsnap");
    lap("11 read snapshot back (query, --update, merge)", since);
    std::istringstream back(json.str());
    KnowledgeGraph g2 = read_graph_json(back, "graph.json");
    lap("12 read graph JSON back (query, --update, merge)", since);
    double total = 0, extract = 0;
    for (const auto& [k, v] : t) {
        total += v;
        if (k < "10" && !k.starts_with("07")) extract += v; // -o graph.json packs, no JSONL
    }
    std::printf("profile: %zu articles, %.1f MB, %.0f mentions, graph %zu nodes %zu edges, "
                "JSON %.1f MB, JSONL %.1f MB\n",
                inputs.size(), static_cast<double>(bytes) / 1e6, matched, g.node_count(),
                g.edge_count(), static_cast<double>(json.str().size()) / 1e6,
                static_cast<double>(jsonl.str().size()) / 1e6);
    for (const auto& [k, v] : t)
        std::printf("  %-48s %8.3f s  %5.1f%%   RSS %6.0f MB\n", k.c_str(), v, 100 * v / total,
                    mem[k]);
    std::printf("  %-48s %8.3f s\n", "total", total);
    std::printf("  %-48s %8.3f s\n", "an extract -o graph.json run (00-06, 08, 09)", extract);
    return g2.node_count() == g.node_count() && g3.edge_count() == g.edge_count() ? 0 : 1;
}

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

struct Series {
    std::vector<double> wall, cpu, rss_mb;
    void add(const Measure& m) {
        wall.push_back(m.wall);
        cpu.push_back(m.cpu);
        rss_mb.push_back(static_cast<double>(m.rss_kb) / 1024.0);
    }
};

std::vector<std::string> list_files(const std::string& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file() && e.path().extension() == ".md") out.push_back(e.path().string());
    std::sort(out.begin(), out.end());
    return out;
}

void write_lines(const std::string& path, const std::vector<std::string>& lines) {
    std::ofstream f(path);
    for (const auto& l : lines) f << l << '\n';
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void check(const Measure& m, const std::string& what) {
    if (m.status != 0) {
        std::fprintf(stderr, "bench_extract: %s exited with status %d\n", what.c_str(), m.status);
        std::exit(1);
    }
}

} // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.size() == 3 && args[0] == "--parse-only") return parse_only(args[1], std::stoi(args[2]));
    if (args.size() == 2 && args[0] == "--profile") return profile(args[1]);
    std::string work = (fs::temp_directory_path() / "polgraph-bench").string();
    int repeats = 3;
    std::vector<int> jobs = {1, 2};
    bool update = true;
    std::vector<std::size_t> sizes;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--work" && i + 1 < args.size()) work = args[++i];
        else if (args[i] == "--repeats" && i + 1 < args.size()) repeats = std::stoi(args[++i]);
        else if (args[i] == "--jobs" && i + 1 < args.size()) {
            jobs.clear();
            std::stringstream ss(args[++i]);
            std::string x;
            while (std::getline(ss, x, ',')) jobs.push_back(std::stoi(x));
        } else if (args[i] == "--no-update") update = false;
        else if (!args[i].empty() && std::isdigit(static_cast<unsigned char>(args[i][0])))
            sizes.push_back(std::stoull(args[i]));
        else {
            std::fprintf(stderr, "usage: bench_extract [--work DIR] [--repeats R] [--jobs 1,2] "
                                 "[--no-update] [SIZE...] | --profile DIR\n");
            return 2;
        }
    }
    if (sizes.empty()) sizes = {1000, 10000};
    fs::create_directories(work);
    const std::string self = self_path();
    // The baseline (this program) and the command must use the same allocator.
    std::printf("allocator: %s (parse-only baseline, this program)\n", allocator_name().c_str());
    std::printf("%7s  %-10s %4s  %8s %8s %10s %9s %9s\n", "articles", "mode", "-j", "wall s",
                "MB/s", "articles/s", "CPU s", "peak MB");
    for (std::size_t n : sizes) {
        std::string corpus = work + "/corpus-" + std::to_string(n);
        if (!fs::exists(corpus + "/.complete")) {
            fs::remove_all(corpus);
            Measure g = run_child({GEN_CORPUS_BIN, std::to_string(n), corpus, "--seed", "7"});
            check(g, "gen_corpus");
            std::ofstream(corpus + "/.complete") << "ok\n";
        }
        auto files = list_files(corpus);
        std::uint64_t bytes = 0;
        for (const auto& f : files) bytes += fs::file_size(f);
        const double mb = static_cast<double>(bytes) / 1e6;
        std::string out = work + "/out-" + std::to_string(n);
        // Untimed warm-up pass: fills the page cache.
        check(run_child({self, "--parse-only", corpus, "2"}), "warm-up");

        std::map<std::pair<std::string, int>, Series> series;
        std::string graph_summary;
        for (int r = 0; r < repeats; ++r)
            for (int j : jobs) {
                Measure p = run_child({self, "--parse-only", corpus, std::to_string(j)});
                check(p, "parse-only");
                series[{"parse-only", j}].add(p);
                std::string err = out + "-j" + std::to_string(j) + ".err";
                Measure e = run_child({POLGRAPH_BIN, "extract", corpus, "-o",
                                       out + "-j" + std::to_string(j) + ".json", "-j",
                                       std::to_string(j)},
                                      "/dev/null", err);
                check(e, "polgraph extract");
                series[{"extract", j}].add(e);
                graph_summary = slurp(err);
            }
        if (update) {
            // Seed a graph with 99% of the files, then time the update that adds the last 1%.
            std::vector<std::string> base;
            for (std::size_t i = 0; i < files.size(); ++i)
                if (i % 100 != 99) base.push_back(files[i]);
            write_lines(out + "-base.txt", base);
            write_lines(out + "-all.txt", files);
            std::string seeded = out + "-seeded.json";
            fs::remove(seeded);
            fs::remove(seeded + ".stat");
            check(run_child({POLGRAPH_BIN, "extract", "--files-from", out + "-base.txt",
                             "--update", seeded, "-q"}),
                  "seeding --update");
            // The same with the graph kept as a snapshot (no JSON to parse or write).
            const std::string seeded_snap = out + "-seeded.pgsnap";
            fs::remove(seeded_snap);
            fs::remove(seeded_snap + ".stat");
            check(run_child({POLGRAPH_BIN, "extract", "--files-from", out + "-base.txt",
                             "--update", seeded_snap, "-q"}),
                  "seeding --update (snapshot)");
            for (int r = 0; r < repeats; ++r) {
                Measure u = run_child({POLGRAPH_BIN, "extract", "--files-from", out + "-all.txt",
                                       "--update", seeded, "-o", out + "-upd.json", "-q"});
                check(u, "polgraph extract --update");
                series[{"update 1%", 0}].add(u);
                Measure f = run_child({POLGRAPH_BIN, "extract", "--files-from", out + "-all.txt",
                                       "-o", out + "-full.json", "-q"});
                check(f, "polgraph extract (full, for --update)");
                series[{"full", 0}].add(f);
                Measure us = run_child({POLGRAPH_BIN, "extract", "--files-from",
                                        out + "-all.txt", "--update", seeded_snap, "-o",
                                        out + "-upd.pgsnap", "-q"});
                check(us, "polgraph extract --update (snapshot)");
                series[{"upd-snap", 0}].add(us);
                Measure fsn = run_child({POLGRAPH_BIN, "extract", "--files-from",
                                         out + "-all.txt", "-o", out + "-full.pgsnap", "-q"});
                check(fsn, "polgraph extract (full, snapshot)");
                series[{"full-snap", 0}].add(fsn);
            }
        }
        auto row = [&](const std::string& mode, int j) {
            const Series& s = series[{mode, j}];
            double w = median(s.wall);
            std::printf("%7zu  %-10s %4s  %8.2f %8.1f %10.0f %9.2f %9.0f\n", n, mode.c_str(),
                        j ? std::to_string(j).c_str() : "all", w, mb / w,
                        static_cast<double>(files.size()) / w, median(s.cpu), median(s.rss_mb));
            return w;
        };
        std::map<std::pair<std::string, int>, double> w;
        for (int j : jobs) {
            w[{"parse-only", j}] = row("parse-only", j);
            w[{"extract", j}] = row("extract", j);
        }
        if (update) {
            w[{"full", 0}] = row("full", 0);
            w[{"update 1%", 0}] = row("update 1%", 0);
            w[{"full-snap", 0}] = row("full-snap", 0);
            w[{"upd-snap", 0}] = row("upd-snap", 0);
        }
        std::printf("  corpus: %zu files, %.1f MB; graph (last -j%d run): %s", files.size(), mb,
                    jobs.back(), graph_summary.c_str());
        std::printf("  graph JSON: %.1f MB\n",
                    static_cast<double>(fs::file_size(out + "-j" + std::to_string(jobs.back()) +
                                                      ".json")) /
                        1e6);
        if (w.count({"extract", 1}) && w.count({"parse-only", 1}))
            std::printf("  ratio extract/parse-only throughput, -j1: %.2f (target >= 0.60)\n",
                        w[{"parse-only", 1}] / w[{"extract", 1}]);
        if (w.count({"extract", 1}) && w.count({"extract", 2}))
            std::printf("  speed-up -j2/-j1: extract %.2fx, parse-only %.2fx (target >= 1.8)\n",
                        w[{"extract", 1}] / w[{"extract", 2}],
                        w[{"parse-only", 1}] / w[{"parse-only", 2}]);
        if (update) {
            std::printf("  --update with 1%% new: %.1f%% of a full run (target <= 5%%)\n",
                        100 * w[{"update 1%", 0}] / w[{"full", 0}]);
            bool same = slurp(out + "-upd.json") == slurp(out + "-full.json");
            std::printf("  --update output identical to the full run: %s\n", same ? "yes" : "NO");
            std::printf("  --update of a snapshot with 1%% new: %.1f%% of a full run to a snapshot, "
                        "%.1f%% of a full run to JSON\n",
                        100 * w[{"upd-snap", 0}] / w[{"full-snap", 0}],
                        100 * w[{"upd-snap", 0}] / w[{"full", 0}]);
            same = slurp(out + "-upd.pgsnap") == slurp(out + "-full.pgsnap");
            std::printf("  --update snapshot identical to the full run's: %s\n", same ? "yes" : "NO");
        }
        for (int j : jobs)
            if (j != jobs.front()) {
                bool same = slurp(out + "-j" + std::to_string(j) + ".json") ==
                            slurp(out + "-j" + std::to_string(jobs.front()) + ".json");
                std::printf("  -j%d output identical to -j%d: %s\n", j, jobs.front(),
                            same ? "yes" : "NO");
            }
        std::fflush(stdout);
    }
    return 0;
}
