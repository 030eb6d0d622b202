#pragma once
/// Views: what an exporter or a query sees of a KnowledgeGraph — a selection of its nodes and a
/// list of edges (the graph's own or computed projections) with typed attributes.
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/graph.hpp"

namespace polgraph {

using AttrValue = std::variant<bool, std::int64_t, double, std::string, std::vector<std::string>,
                               std::vector<std::int64_t>>;

/// One attribute of a node or edge. `json_only` attributes (sentence lists, evidence) are kept in
/// the lossless JSON form and left out of the formats people open in Gephi.
struct Attr {
    std::string name;
    AttrValue value;
    bool json_only = false;
};
using Attrs = std::vector<Attr>;

/// Type name of an attribute value for typed formats: boolean, long, double, string.
const char* attr_type_name(const AttrValue& v);

struct ViewEdge {
    KnowledgeGraph::NodeIndex source = 0;
    KnowledgeGraph::NodeIndex target = 0;
    std::string kind;
    double weight = 0;
    bool directed = true;
    const Edge* base = nullptr; ///< the graph edge this is, or nullptr for a computed edge
    Attrs extra;                ///< attributes of computed edges
};

struct GraphView {
    const KnowledgeGraph* graph = nullptr;
    std::string name = "bipartite";
    std::vector<KnowledgeGraph::NodeIndex> nodes; ///< in output order
    std::vector<ViewEdge> edges;                  ///< in output order, both ends in `nodes`

    /// Attributes of a node, always in the same order with the same types for a given node kind.
    Attrs node_attrs(KnowledgeGraph::NodeIndex v) const;
    /// Attributes of an edge (kind, weight, directed, then kind-specific ones).
    Attrs edge_attrs(const ViewEdge& e) const;
};

/// The whole graph: every node and every edge (articles, entities, topics, keyphrases).
GraphView full_view(const KnowledgeGraph& g);

/// A colour per node type, from one palette readable on white and black backgrounds.
const char* type_color(const std::string& type);

} // namespace polgraph
