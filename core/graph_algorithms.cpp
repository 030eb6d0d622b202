// Algorithms over the graph and over networks a query computes: weighted PageRank, Brandes
// betweenness (Boost.Graph), connected components (union-find over the edges as they are).
#include <algorithm>
#include <vector>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/betweenness_centrality.hpp>
#include <boost/pending/disjoint_sets.hpp>

#include "core/graph.hpp"
#include "core/graph_impl.hpp"

namespace polgraph {

namespace {

using UGraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property,
                          boost::property<boost::edge_weight_t, double>>;

UGraph make_ugraph(std::size_t n, const std::vector<NetworkEdge>& edges) {
    UGraph u(n);
    for (const auto& e : edges) boost::add_edge(e.a, e.b, e.weight, u);
    return u;
}

// The entity co-occurrence network as an edge list over entity numbers; to_full maps an entity
// number back to its node.
std::vector<NetworkEdge> entity_network(const BoostGraph& g, std::vector<std::size_t>& to_full) {
    std::vector<long> to_sub(boost::num_vertices(g), -1);
    for (std::size_t v = 0; v < boost::num_vertices(g); ++v)
        if (g[v].kind == NodeKind::Entity) {
            to_sub[v] = static_cast<long>(to_full.size());
            to_full.push_back(v);
        }
    std::vector<NetworkEdge> edges;
    for (auto [it, end] = boost::edges(g); it != end; ++it) {
        const Edge& e = g[*it];
        if (e.kind != "co_occurs") continue;
        edges.push_back({static_cast<std::size_t>(to_sub[boost::source(*it, g)]),
                         static_cast<std::size_t>(to_sub[boost::target(*it, g)]), e.weight});
    }
    return edges;
}

std::vector<double> to_node_values(std::size_t nodes, const std::vector<std::size_t>& to_full,
                                   const std::vector<double>& values) {
    std::vector<double> result(nodes, 0.0);
    for (std::size_t i = 0; i < to_full.size(); ++i) result[to_full[i]] = values[i];
    return result;
}

// Connected components by union-find over the edges that `each_edge(join)` passes to join(a, b),
// without copying them into another graph (on a graph of 6.3 M edges the copy took 2 s and
// 0.5 GB). Components are numbered in the order of their lowest node, as Boost's DFS-based
// connected_components numbers them.
template <class EachEdge>
std::pair<std::vector<int>, int> label_components(std::size_t n, EachEdge&& each_edge) {
    std::vector<std::size_t> rank(n), parent(n);
    boost::disjoint_sets<std::size_t*, std::size_t*> sets(rank.data(), parent.data());
    for (std::size_t v = 0; v < n; ++v) sets.make_set(v);
    each_edge([&](std::size_t a, std::size_t b) { sets.union_set(a, b); });
    std::vector<int> comp(n), label(n, -1);
    int count = 0;
    for (std::size_t v = 0; v < n; ++v) {
        int& l = label[sets.find_set(v)];
        if (l < 0) l = count++;
        comp[v] = l;
    }
    return {comp, count};
}

} // namespace

std::vector<double> network_pagerank(std::size_t n, const std::vector<NetworkEdge>& edges,
                                     int iterations, double damping) {
    if (n == 0) return {};
    std::vector<double> strength(n, 0.0), pr(n, 1.0 / static_cast<double>(n)), next(n);
    for (const auto& e : edges) {
        strength[e.a] += e.weight;
        strength[e.b] += e.weight;
    }
    for (int iter = 0; iter < iterations; ++iter) {
        double dangling = 0;
        for (std::size_t v = 0; v < n; ++v)
            if (strength[v] == 0) dangling += pr[v];
        double base =
            (1.0 - damping) / static_cast<double>(n) + damping * dangling / static_cast<double>(n);
        std::fill(next.begin(), next.end(), base);
        for (const auto& e : edges) {
            next[e.b] += damping * pr[e.a] * e.weight / strength[e.a];
            next[e.a] += damping * pr[e.b] * e.weight / strength[e.b];
        }
        pr.swap(next);
    }
    return pr;
}

std::vector<double> network_betweenness(std::size_t n, const std::vector<NetworkEdge>& edges) {
    UGraph u = make_ugraph(n, edges);
    std::vector<double> centrality(n, 0.0);
    if (n == 0) return centrality;
    boost::brandes_betweenness_centrality(
        u, boost::centrality_map(boost::make_iterator_property_map(
               centrality.begin(), boost::get(boost::vertex_index, u))));
    return centrality;
}

std::uint32_t shared_sentences(const std::vector<std::uint32_t>& s1,
                               const std::vector<std::uint32_t>& s2) {
    std::uint32_t shared = 0;
    std::size_t x = 0, y = 0;
    while (x < s1.size() && y < s2.size()) {
        if (s1[x] < s2[y]) ++x;
        else if (s2[y] < s1[x]) ++y;
        else {
            ++shared;
            ++x;
            ++y;
        }
    }
    return shared;
}

std::pair<std::vector<int>, int> network_components(std::size_t n,
                                                    const std::vector<NetworkEdge>& edges) {
    return label_components(n, [&](auto&& join) {
        for (const auto& e : edges) join(e.a, e.b);
    });
}

std::vector<double> KnowledgeGraph::entity_pagerank(int iterations, double damping) const {
    std::vector<std::size_t> to_full;
    auto edges = entity_network(impl_->g, to_full);
    return to_node_values(node_count(), to_full,
                          network_pagerank(to_full.size(), edges, iterations, damping));
}

std::vector<double> KnowledgeGraph::entity_betweenness() const {
    std::vector<std::size_t> to_full;
    auto edges = entity_network(impl_->g, to_full);
    return to_node_values(node_count(), to_full, network_betweenness(to_full.size(), edges));
}

std::pair<std::vector<int>, int> KnowledgeGraph::components() const {
    const auto& g = impl_->g;
    return label_components(boost::num_vertices(g), [&](auto&& join) {
        for (auto [it, end] = boost::edges(g); it != end; ++it)
            join(boost::source(*it, g), boost::target(*it, g));
    });
}

} // namespace polgraph
