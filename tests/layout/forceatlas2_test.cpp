// ForceAtlas2 (layout/forceatlas2): determinism across threads and runs, what the layout does
// to clustered graphs, Barnes-Hut against the exact sum, degenerate graphs and bad input.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <set>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "layout/forceatlas2.hpp"

using polgraph::ForceAtlas2Settings;
using polgraph::LayoutEdge;
using polgraph::LayoutPoint;
using BarnesHut = ForceAtlas2Settings::BarnesHut;

namespace {

struct Graph {
    std::size_t nodes = 0;
    std::vector<LayoutEdge> edges;
    std::vector<int> cluster; ///< planted cluster of each node
};

std::uint64_t next(std::uint64_t& s) {
    std::uint64_t z = (s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

// `k` clusters of `size` nodes: each pair inside a cluster is an edge with probability p_in,
// each pair across clusters with probability p_out; weights 1 to 3.
Graph planted(int k, int size, double p_in, double p_out, std::uint64_t seed) {
    Graph g;
    g.nodes = static_cast<std::size_t>(k * size);
    for (std::size_t v = 0; v < g.nodes; ++v) g.cluster.push_back(static_cast<int>(v) / size);
    for (std::size_t a = 0; a < g.nodes; ++a)
        for (std::size_t b = a + 1; b < g.nodes; ++b) {
            const double u = static_cast<double>(next(seed) >> 11) * 0x1.0p-53;
            if (u < (g.cluster[a] == g.cluster[b] ? p_in : p_out))
                g.edges.push_back({a, b, 1.0 + static_cast<double>(next(seed) % 3)});
        }
    return g;
}

std::vector<LayoutPoint> layout(const Graph& g, ForceAtlas2Settings s) {
    return polgraph::forceatlas2(g.nodes, g.edges, s);
}

double dist(const LayoutPoint& a, const LayoutPoint& b) {
    return std::hypot(a[0] - b[0], a[1] - b[1]);
}

// Mean distance between nodes of different clusters over mean distance inside clusters.
double separation(const Graph& g, const std::vector<LayoutPoint>& p) {
    double in = 0, out = 0;
    long n_in = 0, n_out = 0;
    for (std::size_t a = 0; a < g.nodes; ++a)
        for (std::size_t b = a + 1; b < g.nodes; ++b) {
            if (g.cluster[a] == g.cluster[b]) {
                in += dist(p[a], p[b]);
                ++n_in;
            } else {
                out += dist(p[a], p[b]);
                ++n_out;
            }
        }
    return (out / static_cast<double>(n_out)) / (in / static_cast<double>(n_in));
}

bool all_finite(const std::vector<LayoutPoint>& p) {
    for (const auto& q : p)
        if (!std::isfinite(q[0]) || !std::isfinite(q[1])) return false;
    return true;
}

} // namespace

TEST_CASE("forceatlas2 gives bit-identical positions for any thread count", "[layout]") {
    // 3 chunks of 256 nodes and a remainder; edges across the chunks.
    const Graph g = planted(6, 130, 0.08, 0.004, 11);
    for (BarnesHut bh : {BarnesHut::Off, BarnesHut::On}) {
        ForceAtlas2Settings s;
        s.iterations = 60;
        s.barnes_hut = bh;
        s.threads = 1;
        const auto one = layout(g, s);
        REQUIRE(one.size() == g.nodes);
        for (unsigned threads : {2u, 4u, 8u}) {
            s.threads = threads;
            INFO("Barnes-Hut " << (bh == BarnesHut::On) << ", threads " << threads);
            CHECK(layout(g, s) == one); // exact double equality, element by element
        }
        s.threads = 2;
        CHECK(layout(g, s) == layout(g, s));
        // And the layout moved the nodes: the same settings without iterations differ.
        s.iterations = 0;
        CHECK(layout(g, s) != one);
    }
}

TEST_CASE("forceatlas2: the seed chooses the start, and options change the result", "[layout]") {
    const Graph g = planted(3, 40, 0.2, 0.01, 5);
    ForceAtlas2Settings s;
    s.iterations = 30;
    const auto base = layout(g, s);
    s.seed = 2;
    const auto other = layout(g, s);
    REQUIRE(other.size() == base.size());
    std::size_t moved = 0;
    for (std::size_t v = 0; v < g.nodes; ++v) moved += dist(base[v], other[v]) > 1e-6;
    CHECK(moved == g.nodes);
    s.seed = 1;
    CHECK(layout(g, s) == base);

    auto differs = [&](ForceAtlas2Settings t) { return layout(g, t) != base; };
    ForceAtlas2Settings t = s;
    t.lin_log = true;
    CHECK(differs(t));
    t = s;
    t.outbound_attraction_distribution = true;
    CHECK(differs(t));
    t = s;
    t.strong_gravity = true;
    CHECK(differs(t));
    t = s;
    t.edge_weight_influence = 0;
    CHECK(differs(t));
    t = s;
    t.scaling_ratio = 3.0;
    CHECK(differs(t));
}

TEST_CASE("forceatlas2 separates two dense clusters joined by one edge", "[layout]") {
    Graph g;
    g.nodes = 60;
    for (std::size_t a = 0; a < g.nodes; ++a) g.cluster.push_back(a < 30 ? 0 : 1);
    for (std::size_t a = 0; a < g.nodes; ++a)
        for (std::size_t b = a + 1; b < g.nodes; ++b)
            if (g.cluster[a] == g.cluster[b]) g.edges.push_back({a, b, 1});
    g.edges.push_back({0, 30, 1});
    for (BarnesHut bh : {BarnesHut::Off, BarnesHut::On}) {
        ForceAtlas2Settings s;
        s.iterations = 300;
        s.barnes_hut = bh;
        const auto p = layout(g, s);
        REQUIRE(all_finite(p));
        // Spread: mean distance of a cluster's nodes to its centre; then the two centres.
        LayoutPoint c[2] = {{0, 0}, {0, 0}};
        for (std::size_t v = 0; v < g.nodes; ++v)
            for (int k = 0; k < 2; ++k) c[g.cluster[v]][k] += p[v][k] / 30;
        double spread = 0;
        for (std::size_t v = 0; v < g.nodes; ++v) spread += dist(p[v], c[g.cluster[v]]) / 60;
        INFO("Barnes-Hut " << (bh == BarnesHut::On) << ": centres " << dist(c[0], c[1])
                           << " apart, spread " << spread << ", separation " << separation(g, p));
        CHECK(dist(c[0], c[1]) > 10 * spread);
        CHECK(separation(g, p) > 10);
        // From the random start, where the clusters overlap.
        s.iterations = 0;
        CHECK(separation(g, layout(g, s)) < 1.2);
    }
}

TEST_CASE("forceatlas2: Barnes-Hut comes close to the exact sum", "[layout]") {
    const Graph g = planted(8, 100, 0.06, 0.002, 3);
    ForceAtlas2Settings s;
    // One iteration from the same start: the moves (force times speed) nearly agree.
    s.iterations = 0;
    const auto start = layout(g, s);
    s.iterations = 1;
    s.barnes_hut = BarnesHut::Off;
    const auto exact = polgraph::forceatlas2(g.nodes, g.edges, s, {}, start);
    s.barnes_hut = BarnesHut::On;
    const auto approx = polgraph::forceatlas2(g.nodes, g.edges, s, {}, start);
    std::vector<double> errors;
    for (std::size_t v = 0; v < g.nodes; ++v) {
        const double move = dist(exact[v], start[v]);
        REQUIRE(move > 0);
        errors.push_back(dist(exact[v], approx[v]) / move);
    }
    std::sort(errors.begin(), errors.end());
    INFO("relative error of a move: median " << errors[errors.size() / 2] << ", 90th percentile "
                                             << errors[errors.size() * 9 / 10]);
    CHECK(errors[errors.size() / 2] < 0.01);
    CHECK(errors[errors.size() * 9 / 10] < 0.05);
    CHECK(errors.back() > 0); // it is an approximation, not the exact sum again

    // After a whole layout, the clusters are as well separated.
    s.iterations = 300;
    s.barnes_hut = BarnesHut::Off;
    const double q_exact = separation(g, layout(g, s));
    s.barnes_hut = BarnesHut::On;
    const double q_bh = separation(g, layout(g, s));
    INFO("separation: exact " << q_exact << ", Barnes-Hut " << q_bh);
    CHECK(q_exact > 2);
    CHECK(q_bh > 0.9 * q_exact);
}

TEST_CASE("forceatlas2 gives finite positions for degenerate graphs", "[layout]") {
    ForceAtlas2Settings s;
    s.iterations = 50;
    for (BarnesHut bh : {BarnesHut::Off, BarnesHut::On}) {
        s.barnes_hut = bh;
        INFO("Barnes-Hut " << (bh == BarnesHut::On));
        CHECK(polgraph::forceatlas2(0, {}, s).empty());

        const std::vector<LayoutPoint> origin{{0, 0}};
        const auto one = polgraph::forceatlas2(1, {}, s, {}, origin);
        CHECK(one == origin); // no force on a lone node at the centre
        CHECK(all_finite(polgraph::forceatlas2(1, {}, s)));

        // Isolated nodes, a self-loop, a zero weight, huge and infinite weights.
        const double inf = std::numeric_limits<double>::infinity();
        const std::vector<LayoutEdge> odd{{0, 1, 1e300},
                                          {1, 2, inf},
                                          {2, 2, 5},
                                          {3, 4, 0},
                                          {4, 5, std::numeric_limits<double>::max()}};
        for (bool strong : {false, true})
            for (bool lin_log : {false, true})
                for (bool oad : {false, true}) {
                    ForceAtlas2Settings t = s;
                    t.strong_gravity = strong;
                    t.lin_log = lin_log;
                    t.outbound_attraction_distribution = oad;
                    t.edge_weight_influence = lin_log ? 2.0 : 1.0;
                    CHECK(all_finite(polgraph::forceatlas2(12, odd, t)));
                }

        // Long runs where nothing swings (a lone node, a settled pair): the speed stays finite.
        ForceAtlas2Settings longer = s;
        longer.iterations = 3000;
        CHECK(all_finite(polgraph::forceatlas2(1, {}, longer)));
        CHECK(polgraph::forceatlas2(1, {}, longer, {}, origin) == origin);
        const std::vector<LayoutEdge> pair{{0, 1, 1}};
        CHECK(all_finite(polgraph::forceatlas2(2, pair, longer)));
        CHECK(all_finite(polgraph::forceatlas2(3, {}, longer)));

        // Every node at one position: pushed apart, all to different places.
        for (std::size_t n : {2u, 7u, 40u}) {
            std::vector<LayoutPoint> same(n, LayoutPoint{3.5, -2});
            std::vector<LayoutEdge> ring;
            for (std::size_t v = 0; v < n; ++v) ring.push_back({v, (v + 1) % n, 1});
            const auto p = polgraph::forceatlas2(n, ring, s, {}, same);
            REQUIRE(all_finite(p));
            std::set<std::pair<double, double>> distinct;
            for (const auto& q : p) distinct.insert({q[0], q[1]});
            CHECK(distinct.size() == n);
        }
    }
}

TEST_CASE("forceatlas2 refuses bad input with polgraph::Error", "[layout]") {
    const std::vector<LayoutEdge> ok{{0, 1, 1}};
    CHECK_NOTHROW(polgraph::forceatlas2(2, ok));
    const std::vector<LayoutEdge> outside{{0, 2, 1}};
    CHECK_THROWS_AS(polgraph::forceatlas2(2, outside), polgraph::Error);
    const std::vector<LayoutEdge> negative{{0, 1, -1}};
    CHECK_THROWS_AS(polgraph::forceatlas2(2, negative), polgraph::Error);
    const std::vector<LayoutEdge> nan{{0, 1, std::nan("")}};
    CHECK_THROWS_AS(polgraph::forceatlas2(2, nan), polgraph::Error);
    const std::vector<double> one_mass{1.0};
    CHECK_THROWS_AS(polgraph::forceatlas2(2, ok, {}, one_mass), polgraph::Error);
    const std::vector<double> zero_mass{1.0, 0.0};
    CHECK_THROWS_AS(polgraph::forceatlas2(2, ok, {}, zero_mass), polgraph::Error);
    const std::vector<LayoutPoint> far{{0, 0}, {std::numeric_limits<double>::infinity(), 0}};
    CHECK_THROWS_AS(polgraph::forceatlas2(2, ok, {}, {}, far), polgraph::Error);
    auto bad = [&](auto change) {
        ForceAtlas2Settings s;
        change(s);
        return polgraph::forceatlas2(2, ok, s);
    };
    CHECK_THROWS_AS(bad([](auto& s) { s.iterations = -1; }), polgraph::Error);
    CHECK_THROWS_AS(bad([](auto& s) { s.theta = 0; }), polgraph::Error);
    CHECK_THROWS_AS(bad([](auto& s) { s.scaling_ratio = -2.0; }), polgraph::Error);
    CHECK_THROWS_AS(bad([](auto& s) { s.gravity = std::nan(""); }), polgraph::Error);
    CHECK_THROWS_AS(bad([](auto& s) { s.jitter_tolerance = 0; }), polgraph::Error);
    CHECK_THROWS_AS(bad([](auto& s) { s.max_displacement = -1; }), polgraph::Error);
}

TEST_CASE("forceatlas2 uses Barnes-Hut from the documented node count", "[layout]") {
    ForceAtlas2Settings s;
    const std::size_t at = ForceAtlas2Settings::kBarnesHutAutoNodes;
    CHECK_FALSE(polgraph::uses_barnes_hut(s, at - 1));
    CHECK(polgraph::uses_barnes_hut(s, at));
    s.barnes_hut = BarnesHut::Off;
    CHECK_FALSE(polgraph::uses_barnes_hut(s, 10 * at));
    s.barnes_hut = BarnesHut::On;
    CHECK(polgraph::uses_barnes_hut(s, 2));
}
