#pragma once
/// What the exporters share: attribute keys and their types (collected in first-seen order),
/// the text form of values for formats without lists, node ids for XML and JSON (escaped or
/// quoted once per export), and attribute values written as JSON. Thread-safe: every function is
/// reentrant, and the id tables are immutable after construction.
#include <cstddef>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "core/graph.hpp"
#include "core/view.hpp"

namespace polgraph {

/// Key schema shared by the exporters with typed columns or keys: attribute names in first-seen
/// order with their type.
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

/// True for a plain token ([A-Za-z0-9._:-], 1 to 200 characters), usable as an XML id or key as
/// it is.
bool plain_token(const std::string& s);

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

/// Every node id of a graph as a JSON string, quoted once (back to back): the edges of an export
/// write an id at each end, 2 * 6.2 M times for the graph of 10^5 articles.
class JsonNodeIds {
public:
    explicit JsonNodeIds(const KnowledgeGraph& g);
    /// Appends node v's id, quoted.
    void append(std::string& o, KnowledgeGraph::NodeIndex v) const {
        o.append(quoted_, at_[v], at_[v + 1] - at_[v]);
    }

private:
    std::string quoted_;
    std::vector<std::size_t> at_; ///< node v's text is [at_[v], at_[v + 1])
};

/// Writes (appends) one attribute value as JSON.
void write_json_value(std::ostream& out, const AttrValue& v);
void append_json_value(std::string& out, const AttrValue& v);

} // namespace polgraph
