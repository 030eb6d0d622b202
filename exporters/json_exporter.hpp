#pragma once
/// Node-link JSON as NetworkX's node_link_graph reads it (edges under "links"). With the full
/// view the file is lossless: read_graph_json (store/graph_io.hpp) rebuilds the same graph from it.
#include "exporters/exporter.hpp"

namespace polgraph {

class JsonExporter : public Exporter {
public:
    void write(const GraphView& view, std::ostream& out, std::size_t index) const override;
};

} // namespace polgraph
