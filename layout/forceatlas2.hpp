#pragma once
/// ForceAtlas2, the force-directed layout of Gephi (Jacomy, Venturini, Heymann & Bastian,
/// "ForceAtlas2, a continuous graph layout algorithm for handy network visualization designed for
/// the Gephi software", PLoS ONE 9(6): e98679, 2014), on a plain graph: a node count and a list
/// of weighted edges, nothing of polgraph's own types.
///
/// Forces on a node n (deg(n) = its edge ends, mass(n) = deg(n) + 1 unless masses are given):
/// - repulsion from every other node m: scaling_ratio * mass(n) * mass(m) / d(n, m), exact
///   (every pair) or by the Barnes-Hut approximation (a quadtree, far cells as one body);
/// - attraction along each edge: w^edge_weight_influence * d (LinLog: * log(1 + d) / d; with
///   outbound attraction distribution divided by the mass of the edge's source);
/// - gravity towards the origin: gravity * mass(n) (strong gravity: * d(n, origin)).
/// Each iteration then moves every node by its force times a speed: a global speed adapted from
/// the total swinging (forces changing direction) and traction (forces keeping it) with the
/// jitter tolerance, and a node's own speed lowered by its swinging and capped so that no node
/// moves more than `max_displacement` in one iteration (the paper's k_smax = 10).
///
/// The result depends only on the graph, the settings and the seed: not on the number of
/// threads, not on the run. Every node's force is summed by one thread in a fixed order, and
/// global sums are taken over fixed chunks in chunk order; bit-identical positions for any
/// `threads`.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace polgraph {

/// (x, y) of one node.
using LayoutPoint = std::array<double, 2>;

/// One edge of the graph to lay out. Direction does not matter to the forces, except with
/// outbound attraction distribution (divided by the mass of `source`). Self-loops exert no force
/// but count in the degree.
struct LayoutEdge {
    std::size_t source = 0;
    std::size_t target = 0;
    double weight = 1; ///< >= 0 (+inf allowed: attraction is capped); NaN and < 0 are refused
};

/// Settings of forceatlas2(). The defaults are Gephi's (0.9/0.10), except gravity, which follows
/// the paper and graphology: its force does not grow with the scaling ratio.
struct ForceAtlas2Settings {
    /// When to use the Barnes-Hut approximation of repulsion.
    enum class BarnesHut { Auto, On, Off };

    int iterations = 100;   ///< >= 0
    std::uint64_t seed = 1; ///< initial positions (splitmix64), when `start` is not given
    unsigned threads = 1; ///< threads counting the caller (0: 1); the result does not depend on it

    /// Repulsion strength. Unset: 10 below 100 nodes, else 2 (Gephi's choice).
    std::optional<double> scaling_ratio;
    double gravity = 1.0;               ///< >= 0
    bool strong_gravity = false;        ///< gravity grows with the distance to the origin
    double edge_weight_influence = 1.0; ///< attraction uses weight^this (0: weights ignored)
    bool lin_log = false;               ///< logarithmic attraction (tighter clusters)
    bool outbound_attraction_distribution = false; ///< hubs attract less (authorities central)

    /// Auto: on from kBarnesHutAutoNodes nodes, where it became faster than the exact sum on
    /// this implementation (see README, "Benchmark").
    BarnesHut barnes_hut = BarnesHut::Auto;
    static constexpr std::size_t kBarnesHutAutoNodes = 500;
    /// Barnes-Hut accuracy: a cell of width s at distance d from a node (to its centre of mass)
    /// counts as one body when s / d < theta (Gephi's criterion and default; graphology's
    /// barnesHutTheta compares 2s / d, so its theta is twice this one for the same cells).
    double theta = 1.2;

    double jitter_tolerance = 1.0;  ///< > 0; more: faster and less precise
    double max_displacement = 10.0; ///< > 0; longest move of a node in one iteration
};

/// Lays out `node_count` nodes joined by `edges` and returns their positions (index = node).
/// `masses`: one per node, each in (0, 1e12], or empty for degree + 1. `start`: one initial
/// position per node, each coordinate of magnitude at most 1e100, or empty for positions drawn
/// from `seed` uniformly in a disc of radius 10 * sqrt(node_count).
/// Returns finite positions for any graph, including the empty one, a single node, isolated
/// nodes and nodes at the same position (pushed apart in a direction drawn from their indices).
/// Throws polgraph::Error for an edge end >= node_count, a weight < 0 or NaN, a mass or start
/// position out of range, sizes of `masses`/`start` other than node_count, or a setting out of
/// range (iterations or gravity < 0, theta, jitter tolerance, max displacement or scaling ratio
/// not > 0, scaling ratio or gravity above 1e12, theta and the others above 1e100). Thread-safe:
/// calls share nothing.
std::vector<LayoutPoint> forceatlas2(std::size_t node_count, std::span<const LayoutEdge> edges,
                                     const ForceAtlas2Settings& settings = {},
                                     std::span<const double> masses = {},
                                     std::span<const LayoutPoint> start = {});

/// True when forceatlas2() uses Barnes-Hut for `node_count` nodes with these settings.
bool uses_barnes_hut(const ForceAtlas2Settings& settings, std::size_t node_count);

} // namespace polgraph
