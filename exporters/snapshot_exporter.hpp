#pragma once
/// The binary graph snapshot (KnowledgeGraph::write_snapshot) as an output format, so that
/// `extract`, `merge` and `export` can write a graph that `query`, `export`, `merge` and
/// `extract --update` load without parsing JSON. It holds the whole graph or nothing: a
/// projection or a filtered view is refused (UsageError) before anything is written.
#include "exporters/exporter.hpp"

namespace polgraph {

class SnapshotExporter : public Exporter {
public:
    void check(const GraphView& view) const override;
    void write(const GraphView& view, std::ostream& out, std::size_t index) const override;
};

} // namespace polgraph
