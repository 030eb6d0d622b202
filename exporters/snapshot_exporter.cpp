#include "exporters/snapshot_exporter.hpp"

#include "core/error.hpp"
#include "store/graph_snapshot.hpp"

namespace polgraph {

void SnapshotExporter::check(const GraphView& view) const {
    if (view.filtered || view.name != "bipartite")
        throw UsageError("the snapshot format holds the whole graph; it cannot hold the view " +
                         (view.filters.empty() ? view.name : view.filters) +
                         " (write the snapshot without view options)");
}

void SnapshotExporter::write(const GraphView& view, std::ostream& out, std::size_t) const {
    check(view);
    write_snapshot(*view.graph, out);
}

} // namespace polgraph
