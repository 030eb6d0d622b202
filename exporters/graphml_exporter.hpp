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

/// Key schema shared by the XML exporters: attribute names in first-seen order with their type.
struct AttrKey {
    std::string name;
    std::string type; ///< boolean, long, double, string
};
std::vector<AttrKey> collect_node_keys(const GraphView& view);
std::vector<AttrKey> collect_edge_keys(const GraphView& view);

/// Text form of a value for formats without lists: lists are joined with "; ".
std::string attr_text(const AttrValue& v);

/// XML-safe node ids: the node's own id when it is a plain token ([A-Za-z0-9._:-]), else "n<i>".
std::vector<std::string> xml_node_ids(const GraphView& view);

} // namespace polgraph
