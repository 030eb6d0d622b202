// query_bench: load a graph (node-link JSON or a snapshot, written by extract, merge or export),
// build the query index, then time `related`, `neighbors` and `path` queries through the --batch
// code path (answer_line: parse the JSON query, run it, serialise the JSON answer). Prints figures;
// never fails on time.
//
//   query_bench GRAPH.json|GRAPH.pgsnap [--queries N] [--seed S] [--filters KEYS] [--only KIND]
//   query_bench --records RECORDS.jsonl [--queries N] [--seed S] [--filters KEYS] [--only KIND]
//
// --filters KEYS (the members of a --batch line, e.g. '"since":"2024-01-01","drop_hubs":3')
// times every query twice, interleaved: as drawn, and with KEYS added to the line; a final line
// gives the ratio of the filtered to the unfiltered p50 and p99 of each kind. `top` queries
// (PageRank, n/100 of them) are timed only then, since unfiltered they are answered from a cache.
// --only KIND times one kind of query (related, neighbors, path or top), for a profiler.
//
// The second form folds the records of `polgraph extract --jsonl` into the graph instead of
// reading node-link JSON (the same records -> build path that read_json ends in), for corpora
// whose node-link file is too large to parse into memory on the machine at hand.
//
// Queries are drawn with a fixed PRNG: `related` for uniformly chosen articles; `neighbors` and
// `path` for entities chosen by picking an article and then one of its entities, so popular
// entities (the expensive ones) are asked about as often as analysts would.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <sys/resource.h>
#include <time.h>

#include "core/error.hpp"
#include "core/graph.hpp"
#include "core/record.hpp"
#include "core/util/allocator.hpp"
#include "exporters/escape.hpp"
#include "query/query.hpp"
#include "store/graph_io.hpp"
#include "store/graph_snapshot.hpp"

namespace {

using clock_type = std::chrono::steady_clock;

struct Rng {
    std::uint64_t s;
    std::uint64_t next() {
        std::uint64_t z = (s += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }
    std::size_t below(std::size_t n) { return n ? static_cast<std::size_t>(next() % n) : 0; }
};

double seconds_since(clock_type::time_point t0) {
    return std::chrono::duration<double>(clock_type::now() - t0).count();
}

// CPU time of this thread: on a shared machine, wall-clock latencies include time spent waiting
// for a core; CPU time shows what the query itself costs.
double thread_cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double peak_rss_mb() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_maxrss) / 1024.0; // ru_maxrss is in KiB on Linux
}

void report(const char* name, const char* clock, std::vector<double> ms) {
    if (ms.empty()) return;
    std::sort(ms.begin(), ms.end());
    auto pct = [&](double p) {
        std::size_t i = static_cast<std::size_t>(p * static_cast<double>(ms.size() - 1) + 0.5);
        return ms[std::min(i, ms.size() - 1)];
    };
    double sum = 0;
    for (double x : ms) sum += x;
    std::printf("%-10s %-4s n=%-6zu p50 %8.3f ms  p99 %8.3f ms  mean %8.3f ms  max %8.3f ms\n",
                name, clock, ms.size(), pct(0.5), pct(0.99), sum / static_cast<double>(ms.size()),
                ms.back());
}

} // namespace

int main(int argc, char** argv) {
    using namespace polgraph;
    std::string path;
    bool records = false;
    std::size_t n = 1000;
    std::uint64_t seed = 1;
    std::string filters, only;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a.rfind("--", 0) != 0) {
            path = a;
            continue;
        }
        if (i + 1 >= argc) {
            std::cerr << "query_bench: " << a << " needs a value\n";
            return 2;
        }
        const char* value = argv[++i];
        if (a == "--records") {
            path = value;
            records = true;
        } else if (a == "--queries") {
            n = std::strtoull(value, nullptr, 10);
        } else if (a == "--seed") {
            seed = std::strtoull(value, nullptr, 10);
        } else if (a == "--filters") {
            filters = value;
        } else if (a == "--only") {
            only = value;
        } else {
            std::cerr << "query_bench: unknown option " << a << "\n";
            return 2;
        }
    }
    if (path.empty()) {
        std::cerr << "usage: query_bench GRAPH.json | --records RECORDS.jsonl [--queries N] "
                     "[--seed S] [--filters KEYS] [--only KIND]\n";
        return 2;
    }
    try {
        auto t0 = clock_type::now();
        const double load_cpu0 = thread_cpu_ms();
        KnowledgeGraph g;
        if (records) {
            std::ifstream in(path, std::ios::binary);
            if (!in) throw IoError(path + ": cannot open");
            g = KnowledgeGraph::build(read_records_jsonl(in, path));
        } else {
            g = load_graph(path);
        }
        const double load = seconds_since(t0), load_cpu = (thread_cpu_ms() - load_cpu0) / 1000.0;
        const double rss_load = peak_rss_mb();
        t0 = clock_type::now();
        const double cpu0 = thread_cpu_ms();
        QueryIndex index(g);
        const double build = seconds_since(t0), build_cpu = (thread_cpu_ms() - cpu0) / 1000.0;

        std::vector<std::string> articles;
        std::vector<std::vector<std::string>> article_entities;
        std::size_t entities = 0;
        for (std::size_t v = 0; v < g.node_count(); ++v) {
            const Node& node = g.node(v);
            if (node.kind == NodeKind::Entity) ++entities;
            if (node.kind != NodeKind::Article) continue;
            std::vector<std::string> es;
            g.for_each_out_edge(v, [&](std::size_t t, const Edge& e) {
                if (e.kind == "mentions") es.push_back(g.node(t).id);
            });
            articles.push_back(node.id);
            article_entities.push_back(std::move(es));
        }
        std::printf("graph      %s\n", path.c_str());
        std::printf("allocator  %s\n", allocator_name().c_str());
        std::printf("size       %zu nodes, %zu edges, %zu articles, %zu entities\n",
                    g.node_count(), g.edge_count(), articles.size(), entities);
        std::printf("load       %.3f s (cpu %.3f s in this thread; %s), peak RSS %.0f MB\n", load,
                    load_cpu,
                    records                  ? "read_records_jsonl + build"
                    : is_snapshot_file(path) ? "snapshot"
                                             : "node-link JSON",
                    rss_load);
        std::printf("index      %.3f s (cpu %.3f s, this thread), peak RSS %.0f MB\n", build,
                    build_cpu, peak_rss_mb());
        std::printf("ready      %.3f s (load + index: from the command to the first answer)\n",
                    load + build);
        if (articles.empty()) return 0;

        Rng rng{seed};
        auto random_entity = [&]() -> std::string {
            for (int tries = 0; tries < 100; ++tries) {
                const auto& es = article_entities[rng.below(articles.size())];
                if (!es.empty()) return es[rng.below(es.size())];
            }
            return "";
        };
        struct Timing {
            std::vector<double> wall, cpu;
            std::size_t errors = 0, bytes = 0;
        };
        auto ask = [&](const std::string& line, Timing& t) {
            const auto q0 = clock_type::now();
            const double c0 = thread_cpu_ms();
            bool failed = false;
            const std::string answer = answer_line(index, line, &failed);
            t.cpu.push_back(thread_cpu_ms() - c0);
            t.wall.push_back(seconds_since(q0) * 1000.0);
            if (failed) ++t.errors;
            t.bytes += answer.size();
        };
        auto print = [&](const std::string& name, Timing t) {
            const std::size_t count = t.wall.size();
            report(name.c_str(), "wall", std::move(t.wall));
            report(name.c_str(), "cpu", std::move(t.cpu));
            std::printf("%-10s errors %zu, answers %zu bytes on average\n", name.c_str(), t.errors,
                        t.bytes / std::max<std::size_t>(1, count));
        };
        auto p50_p99 = [](std::vector<double> ms) {
            std::sort(ms.begin(), ms.end());
            auto at = [&](double p) {
                return ms[std::min(
                    ms.size() - 1,
                    static_cast<std::size_t>(p * static_cast<double>(ms.size() - 1) + 0.5))];
            };
            return std::pair{at(0.5), at(0.99)};
        };
        // Lines end in '}': the filtered line is the drawn one with the keys before it.
        auto time_queries = [&](const char* name, auto make_line, std::size_t count) {
            if (!only.empty() && only != name) return;
            std::vector<std::string> lines;
            for (std::size_t i = 0; i < count; ++i) lines.push_back(make_line());
            Timing plain, filtered;
            for (const auto& line : lines) {
                ask(line, plain);
                if (!filters.empty())
                    ask(line.substr(0, line.size() - 1) + "," + filters + "}", filtered);
            }
            if (filters.empty()) return print(name, std::move(plain));
            const auto [p50, p99] = p50_p99(plain.cpu);
            const auto [f50, f99] = p50_p99(filtered.cpu);
            print(name, std::move(plain));
            print(std::string(name) + "+f", std::move(filtered));
            std::printf("%-10s filtered / unfiltered (cpu): p50 %.2fx, p99 %.2fx\n", name,
                        f50 / std::max(p50, 1e-6), f99 / std::max(p99, 1e-6));
        };
        if (!filters.empty()) std::printf("filters    %s\n", filters.c_str());
        time_queries(
            "related",
            [&] {
                return "{\"query\":\"related\",\"article\":" +
                       json_quote(articles[rng.below(articles.size())]) + ",\"top\":10}";
            },
            n);
        time_queries(
            "neighbors",
            [&] {
                return "{\"query\":\"neighbors\",\"entity\":" + json_quote(random_entity()) +
                       ",\"top\":10}";
            },
            n);
        time_queries(
            "path",
            [&] {
                return "{\"query\":\"path\",\"from\":" + json_quote(random_entity()) +
                       ",\"to\":" + json_quote(random_entity()) + "}";
            },
            std::max<std::size_t>(1, n / 10));
        if (!filters.empty())
            time_queries(
                "top", [] { return std::string("{\"query\":\"top\",\"by\":\"pagerank\"}"); },
                std::max<std::size_t>(1, n / 100));
        std::printf("peak RSS   %.0f MB\n", peak_rss_mb());
    } catch (const Error& e) {
        std::cerr << "query_bench: " << e.what() << "\n";
        return 3;
    }
    return 0;
}
