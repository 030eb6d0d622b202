#pragma once
/// graphology's own serialisation (`Graph.from(json)`), which Gephi Lite opens and sigma.js
/// renders directly: {attributes, options: {type, multi, allowSelfLoops}, nodes: [{key,
/// attributes}], edges: [{key, source, target, undirected?, attributes}]}. `options.type` is
/// directed, undirected or mixed after the view's edges. Node attributes carry sigma's drawing
/// attributes (label, x, y, size, color); because sigma reserves `type` for its node programs,
/// the node type is written as `node_type`. Lists are joined with "; " as in GraphML and GEXF.
#include "exporters/exporter.hpp"

namespace polgraph {

class GraphologyExporter : public Exporter {
public:
    void write(const GraphView& view, std::ostream& out, std::size_t index) const override;
};

} // namespace polgraph
