#include "layout/view_layout.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/util/ordered_writer.hpp"
#include "layout/forceatlas2.hpp"

namespace polgraph {

const std::vector<std::string>& layout_names() {
    static const std::vector<std::string> names = {"none", "fa2"};
    return names;
}

int default_layout_iterations(std::size_t nodes, std::size_t edges) {
    // An iteration costs about 200 ns per node (Barnes-Hut) and 5 ns per edge (README,
    // "Benchmark"): nodes + edges / 40 counts it in nodes.
    const double work = static_cast<double>(nodes) + static_cast<double>(edges) / 40;
    return static_cast<int>(std::clamp(3e6 / std::max(work, 1.0), 20.0, 500.0));
}

int layout_view(GraphView& view, const LayoutOptions& o, unsigned threads) {
    if (o.algorithm == "none") return 0;
    if (o.algorithm != "fa2")
        throw UsageError("--layout " + o.algorithm + ": unknown layout (none, fa2)");
    if (o.iterations < 0) throw UsageError("--layout-iterations must be >= 0");
    std::vector<std::size_t> at(view.graph->node_count(), 0);
    for (std::size_t i = 0; i < view.nodes.size(); ++i) at[view.nodes[i]] = i;
    std::vector<LayoutEdge> edges;
    edges.reserve(view.edges.size());
    for (const ViewEdge& e : view.edges)
        edges.push_back({at[e.source], at[e.target], e.weight >= 0 ? e.weight : 0.0});
    ForceAtlas2Settings s;
    s.iterations = o.iterations > 0 ? o.iterations
                                    : default_layout_iterations(view.nodes.size(), edges.size());
    s.seed = o.seed;
    s.threads = threads ? threads : export_threads();
    view.positions = forceatlas2(view.nodes.size(), edges, s);
    return s.iterations;
}

} // namespace polgraph
