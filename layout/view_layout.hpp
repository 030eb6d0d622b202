#pragma once
/// Layouts of a view: what `--layout` computes before the exporters write the positions
/// (GEXF viz:position, GraphML x/y keys, graphology x/y attributes).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/view.hpp"

namespace polgraph {

/// Options of layout_view(), one field per command-line option (cli/view_options.cpp).
struct LayoutOptions {
    std::string algorithm = "none"; ///< --layout: none, fa2 (ForceAtlas2)
    int iterations = 0;             ///< --layout-iterations; 0: default_layout_iterations()
    std::uint64_t seed = 1;         ///< --seed: initial positions
};

/// Names accepted by LayoutOptions::algorithm.
const std::vector<std::string>& layout_names();

/// The iterations of `--layout fa2` when not given: 500, fewer for views where
/// nodes + edges / 40 (an iteration's cost, counted in nodes) exceeds 6000: 3 * 10^6 divided by
/// it, at least 20. A layout then takes a few seconds at most on one thread, up to views of about
/// 10^5 nodes (README, "Benchmark").
int default_layout_iterations(std::size_t nodes, std::size_t edges);

/// Computes view.positions (one per node of view.nodes, in that order) with the chosen
/// algorithm on the view's own nodes and edges: every edge, directed or not, attracts its two
/// ends with its weight in the view (a weight below 0 or NaN counts as 0). "none" leaves the
/// view as it is. Runs on `threads` threads (0: export_threads()); the positions do not depend
/// on it. Returns the iterations run (0 for "none"). Throws UsageError for an unknown algorithm
/// or a negative iteration count.
int layout_view(GraphView& view, const LayoutOptions& options, unsigned threads = 0);

} // namespace polgraph
