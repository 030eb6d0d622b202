#pragma once
/// Node-link JSON as NetworkX's node_link_graph reads it (edges under "links"). With the full
/// view the file is lossless: KnowledgeGraph::read_json rebuilds the same graph from it.
#include "exporters/exporter.hpp"

namespace polgraph {

class JsonExporter : public Exporter {
public:
    void write(const GraphView& view, std::ostream& out, std::size_t index) const override;
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
