#pragma once
/// Node-link JSON as NetworkX's node_link_graph reads it (edges under "links"). With the full
/// view the file is lossless: KnowledgeGraph::read_json rebuilds the same graph from it.
#include "exporters/exporter.hpp"

namespace polgraph {

class JsonExporter : public Exporter {
public:
    void write(const GraphView& view, std::ostream& out, std::size_t index) const override;
};

/// Writes (appends) one attribute value as JSON.
void write_json_value(std::ostream& out, const AttrValue& v);
void append_json_value(std::string& out, const AttrValue& v);

} // namespace polgraph
