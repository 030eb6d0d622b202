#pragma once
/// GraphML (graphml.graphdrawing.org/xmlns) with typed keys (boolean, long, double, string only,
/// which Gephi, Gephi Lite, NetworkX and igraph all read), a lowercase `label`, a `type` and a
/// `color` on every node, `weight` and `directed` on every edge. Valid against the GraphML XSD.
#include "exporters/exporter.hpp"

namespace polgraph {

class GraphmlExporter : public Exporter {
public:
    void write(const GraphView& view, std::ostream& out, std::size_t index) const override;
};

} // namespace polgraph
