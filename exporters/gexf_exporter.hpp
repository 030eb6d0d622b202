#pragma once
/// GEXF 1.3 (gexf.net/1.3) for Gephi: attributes declared with their types, `viz:color` (r/g/b,
/// which every reader understands, unlike `hex`) per node type from type_color(), `viz:size`
/// from node_size(), the edge kind as GEXF `kind` (Gephi keeps parallel edges of different
/// kinds). A view with directed and undirected edges is written as a directed graph whose
/// edges carry a `directed` attribute (NetworkX cannot read mixed GEXF). With
/// ExportOptions::dynamic the graph is `mode="dynamic" timeformat="date"`: nodes and edges carry
/// `start` (GraphView::node_start/edge_start), so Gephi's timeline replays the corpus. Valid
/// against the GEXF 1.3 XSD and RelaxNG (see ../shared/schemas/README.md). With
/// ExportOptions::gexf_version "1.2" the same graph is written in the GEXF 1.2 draft namespaces,
/// which NetworkX 2.8 (Debian 12) reads.
#include "exporters/exporter.hpp"

namespace polgraph {

class GexfExporter : public Exporter {
public:
    explicit GexfExporter(const ExportOptions& opts) : opts_(opts) {}
    void write(const GraphView& view, std::ostream& out, std::size_t index) const override;

private:
    ExportOptions opts_;
};

} // namespace polgraph
