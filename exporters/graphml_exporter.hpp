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
/// The keys of items 0..n-1 (attrs_of(i) gives an item's attributes) in first-seen order, each
/// with the type all its values share ("string" when they differ); json_only ones are left out.
/// Chunks of `chunk` items are read on several threads; the result is the same.
std::vector<AttrKey> collect_keys(std::size_t n, const std::function<Attrs(std::size_t)>& attrs_of,
                                  std::size_t chunk = 4096);
std::vector<AttrKey> collect_node_keys(const GraphView& view);
std::vector<AttrKey> collect_edge_keys(const GraphView& view);

/// Text form of a value for formats without lists: lists are joined with "; ".
std::string attr_text(const AttrValue& v);

/// XML-safe node ids: the node's own id when it is a plain token ([A-Za-z0-9._:-]), else "n<i>".
std::vector<std::string> xml_node_ids(const GraphView& view);

/// attr_text, escaped for XML.
std::string xml_attr_text(const AttrValue& v);

/// The view's node ids as written in XML (xml_node_ids, escaped once), by position in
/// view.nodes, and the attributes that name an edge and its ends.
class XmlNodeIds {
public:
    explicit XmlNodeIds(const GraphView& view);
    /// The id of view.nodes[i].
    const std::string& operator[](std::size_t i) const { return ids_[i]; }
    /// Appends `id="e<i>" source="..." target="..."` for e, the view's i-th edge. Throws
    /// std::out_of_range when an end is not in the view.
    void append_edge(std::string& o, std::size_t i, const ViewEdge& e) const;

private:
    std::vector<std::string> ids_;
    std::vector<std::size_t> at_; ///< by node index: its position in view.nodes, or -1
};

} // namespace polgraph
