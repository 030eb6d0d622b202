#pragma once
/// The inside of KnowledgeGraph, shared by the files that implement it (core/graph*.cpp: the
/// structure, the fold and the algorithms) and by the formats that read and write it whole
/// (store/graph_snapshot.cpp). Nobody else includes it: the rest of polgraph sees only the API of
/// core/graph.hpp.
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>

#include <boost/graph/adjacency_list.hpp>

#include "core/graph.hpp"

namespace polgraph {

// Edges in one vector (EdgeList = vecS) rather than a node per edge: a graph is built once and
// never loses an edge, and loaders that know the edge count reserve it (reserve_edges).
using BoostGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, Node,
                                         Edge, boost::no_property, boost::vecS>;

struct KnowledgeGraph::Impl {
    BoostGraph g;
    std::unordered_map<std::string, NodeIndex> index;
    /// The edges' details (Edge::detail points here): a deque, so that they never move.
    std::deque<EdgeDetail> details;

    /// Stores `d` for the edge about to be added; the pointer stays valid as long as the graph.
    const EdgeDetail* keep(EdgeDetail&& d) { return &details.emplace_back(std::move(d)); }

    void reserve_edges(std::size_t n) { g.m_edges.reserve(n); }
    /// Room for n nodes, when a loader knows how many (a node is ~570 bytes with its edge lists).
    void reserve_nodes(std::size_t n) { g.m_vertices.reserve(n); }
    /// Room for a node's out- and in-edges, when a loader knows its degrees.
    void reserve_degree(NodeIndex v, std::size_t out, std::size_t in) {
        g.out_edge_list(v).reserve(out);
        in_edge_list(g, v).reserve(in);
    }

    NodeIndex add_node(Node n) {
        auto id = n.id;
        NodeIndex v = boost::add_vertex(std::move(n), g);
        index.emplace(std::move(id), v);
        return v;
    }
};

/// The inside of a graph, for the code that builds or serialises one whole.
struct GraphInternals {
    static KnowledgeGraph::Impl& of(KnowledgeGraph& g) { return *g.impl_; }
    static const KnowledgeGraph::Impl& of(const KnowledgeGraph& g) { return *g.impl_; }
};

} // namespace polgraph
