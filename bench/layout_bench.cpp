// layout_bench: polgraph's ForceAtlas2 (layout/forceatlas2) against graphology-layout-forceatlas2
// (what Gephi Lite runs) on the same graph, from the same start positions, with the same settings
// and the same number of iterations. Prints figures; never fails on time.
//
//   layout_bench GRAPH.graphology.json [--iterations N] [--repeats R] [--barnes-hut on|off]
//                [--threads 1,2] [--no-graphology]
//
// GRAPH is a file of `polgraph export --format graphology` (e.g. the entities view of a generated
// corpus); both sides read the same file: its nodes, its edges and their `weight`. The settings
// are ForceAtlas2's defaults on both sides (scaling ratio 2, or 10 below 100 nodes; gravity 1;
// no LinLog, no outbound attraction distribution, edge weight influence 1), with Barnes-Hut on
// or off on both, at the same accuracy: our theta 1.2 compares a cell's width with its distance,
// graphology's barnesHutTheta twice the width, so it gets 2.4. The adaptive speeds differ (ours
// is Gephi's, graphology has its own), which changes where nodes go, not what an iteration costs.
//
// Each side runs R times (default 5), interleaved; the table shows the medians, as nodes x
// iterations per second, and their ratios, and for polgraph the CPU time of a run. graphology runs
// in Node.js (bench/fa2_graphology.mjs, modules from $POLGRAPH_INTEROP_MODULES as for the interop
// tests), single-threaded: its synchronous forceAtlas2(graph, {iterations, settings}), timed after
// a first run that compiles it. Neither side's time includes reading the file; both include setting
// up their arrays.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <sys/resource.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "layout/forceatlas2.hpp"

namespace {

struct Options {
    std::string graph;
    int iterations = 100;
    int repeats = 5;
    bool barnes_hut = false;
    std::vector<unsigned> threads{1, 2};
    bool graphology = true;
};

struct Input {
    std::vector<std::string> keys;
    std::vector<polgraph::LayoutEdge> edges;
};

Input read_graph(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) throw std::runtime_error(path + ": cannot open");
    const auto doc = nlohmann::json::parse(f);
    Input in;
    std::map<std::string, std::size_t> at;
    for (const auto& n : doc.at("nodes")) {
        at.emplace(n.at("key").get<std::string>(), in.keys.size());
        in.keys.push_back(n.at("key").get<std::string>());
    }
    for (const auto& e : doc.at("edges")) {
        double w = 1;
        if (auto a = e.find("attributes"); a != e.end())
            if (auto wt = a->find("weight"); wt != a->end() && wt->is_number())
                w = wt->get<double>();
        in.edges.push_back({at.at(e.at("source").get<std::string>()),
                            at.at(e.at("target").get<std::string>()), w});
    }
    return in;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n == 0 ? 0 : n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

std::string sh_quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

// CPU time of this process, user and system: on a shared machine the wall time includes waiting
// for a core, and with two threads the CPU time shows whether both ran at once.
double cpu_seconds() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    auto sec = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
    };
    return sec(ru.ru_utime) + sec(ru.ru_stime);
}

std::string load_average() {
    std::ifstream f("/proc/loadavg");
    std::string a, b, c;
    f >> a >> b >> c;
    return a + " " + b + " " + c;
}

// One graphology run: the Node script runs the layout twice and reports both; the second, with
// the code compiled by the first, is the one that counts.
double run_graphology(const Options& o, const std::string& start_file,
                      const polgraph::ForceAtlas2Settings& s) {
    nlohmann::json settings = {{"scalingRatio", *s.scaling_ratio},
                               {"gravity", s.gravity},
                               {"strongGravityMode", false},
                               {"linLogMode", false},
                               {"outboundAttractionDistribution", false},
                               {"edgeWeightInfluence", 1},
                               {"slowDown", 1},
                               {"barnesHutOptimize", o.barnes_hut},
                               {"barnesHutTheta", 2 * s.theta}};
    const std::string cmd = "node " + sh_quote(LAYOUT_BENCH_SCRIPT) + " " + sh_quote(o.graph) +
                            " " + sh_quote(start_file) + " " + std::to_string(o.iterations) +
                            " 2 " + sh_quote(settings.dump());
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) throw std::runtime_error("cannot run node");
    std::string out;
    char buf[4096];
    for (std::size_t got; (got = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, got);
    const int status = pclose(p);
    std::vector<double> seconds;
    std::istringstream lines(out);
    for (std::string line; std::getline(lines, line);)
        if (!line.empty()) seconds.push_back(nlohmann::json::parse(line).at("seconds"));
    if (status != 0 || seconds.size() != 2)
        throw std::runtime_error("graphology run failed (" + cmd + "): " + out);
    return seconds.back();
}

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) throw std::runtime_error(a + " needs a value");
            return argv[++i];
        };
        if (a == "--iterations") o.iterations = std::stoi(value());
        else if (a == "--repeats") o.repeats = std::max(1, std::stoi(value()));
        else if (a == "--barnes-hut") o.barnes_hut = value() == "on";
        else if (a == "--no-graphology") o.graphology = false;
        else if (a == "--threads") {
            o.threads.clear();
            std::istringstream list(value());
            for (std::string t; std::getline(list, t, ',');)
                o.threads.push_back(static_cast<unsigned>(std::stoul(t)));
        } else if (o.graph.empty() && a[0] != '-') o.graph = a;
        else throw std::runtime_error("unknown argument " + a);
    }
    if (o.graph.empty())
        throw std::runtime_error("usage: layout_bench GRAPH.graphology.json [--iterations N] "
                                 "[--repeats R] [--barnes-hut on|off] [--threads 1,2] "
                                 "[--no-graphology]");
    return o;
}

} // namespace

int main(int argc, char** argv) {
    try {
        const Options o = parse(argc, argv);
        const Input in = read_graph(o.graph);
        const std::size_t n = in.keys.size();
        polgraph::ForceAtlas2Settings s;
        s.iterations = o.iterations;
        s.scaling_ratio = n < 100 ? 10.0 : 2.0;
        s.barnes_hut = o.barnes_hut ? polgraph::ForceAtlas2Settings::BarnesHut::On
                                    : polgraph::ForceAtlas2Settings::BarnesHut::Off;
        std::printf("layout_bench: %s: %zu nodes, %zu edges; %d iterations; Barnes-Hut %s "
                    "(theta 1.2, graphology's barnesHutTheta 2.4); scaling ratio %g, gravity %g; "
                    "medians of %d runs\n",
                    o.graph.c_str(), n, in.edges.size(), o.iterations, o.barnes_hut ? "on" : "off",
                    *s.scaling_ratio, s.gravity, o.repeats);
        std::printf("machine: %u cores, load average %s (before)\n",
                    std::thread::hardware_concurrency(), load_average().c_str());

        // The start, the same on both sides: our seeded positions.
        polgraph::ForceAtlas2Settings zero = s;
        zero.iterations = 0;
        const auto start = polgraph::forceatlas2(n, in.edges, zero);
        char start_file[] = "/tmp/layout_bench_start_XXXXXX";
        const int fd = mkstemp(start_file);
        if (fd < 0) throw std::runtime_error("cannot create a temporary file");
        close(fd);
        {
            nlohmann::json j = nlohmann::json::object();
            for (std::size_t v = 0; v < n; ++v) j[in.keys[v]] = {start[v][0], start[v][1]};
            std::ofstream(start_file) << j.dump();
        }

        auto rate = [&](double seconds) { return static_cast<double>(n) * o.iterations / seconds; };
        // Interleaved repeats (polgraph on each thread count, then graphology), so that a
        // change in the load of a shared machine falls on every side alike.
        std::vector<std::vector<double>> seconds(o.threads.size() + 1), cpu(o.threads.size());
        for (int r = 0; r < o.repeats; ++r) {
            for (std::size_t k = 0; k < o.threads.size(); ++k) {
                s.threads = o.threads[k];
                const double cpu0 = cpu_seconds();
                const auto t0 = std::chrono::steady_clock::now();
                const auto p = polgraph::forceatlas2(n, in.edges, s, {}, start);
                seconds[k].push_back(
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
                cpu[k].push_back(cpu_seconds() - cpu0);
                if (p.size() != n) throw std::runtime_error("wrong result size");
            }
            if (o.graphology) seconds.back().push_back(run_graphology(o, start_file, s));
        }
        struct Row {
            std::string name;
            double seconds, cpu; ///< cpu < 0: not measured
        };
        std::vector<Row> rows;
        for (std::size_t k = 0; k < o.threads.size(); ++k)
            rows.push_back({"polgraph, " + std::to_string(o.threads[k]) +
                                (o.threads[k] == 1 ? " thread" : " threads"),
                            median(seconds[k]), median(cpu[k])});
        if (o.graphology)
            rows.push_back({"graphology-layout-forceatlas2 (Node.js)", median(seconds.back()), -1});
        std::remove(start_file);

        std::printf("%-42s %10s %14s %12s %10s\n", "", "seconds", "nodes*it/s", "ms/iteration",
                    "CPU s");
        for (const auto& row : rows) {
            std::printf("%-42s %10.3f %14.4g %12.2f", row.name.c_str(), row.seconds,
                        rate(row.seconds), 1000 * row.seconds / o.iterations);
            if (row.cpu >= 0) std::printf(" %10.3f", row.cpu);
            std::printf("\n");
        }
        if (o.graphology)
            for (std::size_t k = 0; k + 1 < rows.size(); ++k)
                std::printf("ratio %s / graphology: %.2fx\n", rows[k].name.c_str(),
                            rows.back().seconds / rows[k].seconds);
        std::printf("machine: load average %s (after)\n", load_average().c_str());
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "layout_bench: " << e.what() << "\n";
        return 2;
    }
}
