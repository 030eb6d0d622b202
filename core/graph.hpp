#pragma once
/// KnowledgeGraph: a Boost.Graph adjacency_list of articles, entities, topics and keyphrases,
/// folded from ArticleRecords. Only core/graph.* touches Boost types; everyone else uses the small
/// API below. A built graph is immutable and safe to read from several threads.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/record.hpp"

namespace polgraph {

enum class NodeKind { Article, Entity, Topic, Keyphrase };
const char* node_kind_name(NodeKind k);

struct Node {
    std::string id;    ///< "000_seed", "person:dario-amodei", "topic:export-controls"
    NodeKind kind = NodeKind::Entity;
    std::string type;  ///< "article", an entity type, "topic" or "keyphrase"
    std::string label; ///< title, canonical name or topic label
    std::string date;  ///< article date; for entities the first date they are mentioned
    double mentions = 0;  ///< entities: total mentions; topics: summed scores
    int articles = 0;     ///< entities/topics/keyphrases: number of articles
    nlohmann::json attrs = nlohmann::json::object(); ///< everything else (sorted keys)
};

/// Evidence for a relation edge: which article and sentence state it.
struct Evidence {
    std::string article;
    std::uint32_t sentence = 0;
    std::string text;
};

struct Edge {
    std::string kind; ///< mentions, co_occurs, has_topic, has_keyphrase, or a relation type
    double weight = 0;
    bool directed = true;
    // mentions
    std::vector<std::string> forms;
    std::vector<std::uint32_t> sentence_ids;
    std::string source;       ///< gazetteer or pattern
    double confidence = 1.0;
    bool in_lead = false;
    std::string name;         ///< the record's entity name when it differs from the node label
    // co_occurs
    std::uint32_t sentences = 0; ///< sentences in which both entities appear
    // relations
    std::vector<Evidence> evidence;
};

/// Names of the relation edge kinds (directed entity -> entity edges with evidence).
bool is_relation_kind(const std::string& kind);

class KnowledgeGraph {
public:
    using NodeIndex = std::size_t;

    KnowledgeGraph();
    ~KnowledgeGraph();
    KnowledgeGraph(KnowledgeGraph&&) noexcept;
    KnowledgeGraph& operator=(KnowledgeGraph&&) noexcept;

    /// Folds records into a graph. Records are put in id order first, so the result (node
    /// order, edge order, attribute values) depends only on the set of records. Two records with
    /// the same id: the one with the greater content hash wins (deterministic, commutative).
    /// Topic and keyphrase weights are computed against the whole set (core/topic_weights.hpp):
    /// has_topic/has_keyphrase edges are derived from the records' candidates, which the article
    /// nodes keep so that to_records() gives back the records as extracted.
    static KnowledgeGraph build(std::vector<ArticleRecord> records);

    /// The records the graph was folded from, recovered from its nodes and edges (lossless).
    std::vector<ArticleRecord> to_records() const;

    std::size_t node_count() const;
    std::size_t edge_count() const;
    const Node& node(NodeIndex v) const;
    std::optional<NodeIndex> find(const std::string& id) const;

    /// Calls f(source, target, edge) for every edge, in the graph's canonical order.
    void for_each_edge(const std::function<void(NodeIndex, NodeIndex, const Edge&)>& f) const;
    /// Out- and in-edges of one node, in canonical order.
    void for_each_out_edge(NodeIndex v,
                           const std::function<void(NodeIndex, const Edge&)>& f) const;
    void for_each_in_edge(NodeIndex v, const std::function<void(NodeIndex, const Edge&)>& f) const;

    /// Loads a graph written by the node-link JSON exporter (exporters/json_exporter), validating it (bad JSON, missing fields, edges to
    /// missing nodes, duplicate ids are errors naming the problem). Throws polgraph::Error.
    static KnowledgeGraph read_json(std::istream& in, const std::string& name);
    static KnowledgeGraph read_json_file(const std::string& path);
    /// The records of a node-link JSON graph, validated as read_json does, without building the
    /// graph (for merge and --update, which fold them together with other records).
    static std::vector<ArticleRecord> read_json_records(std::istream& in, const std::string& name);
    static std::vector<ArticleRecord> read_json_records_file(const std::string& path);

    /// PageRank over the entity co-occurrence network (weighted), indexed by node.
    std::vector<double> entity_pagerank(int iterations = 50, double damping = 0.85) const;
    /// Brandes betweenness centrality over the entity co-occurrence network (unweighted).
    std::vector<double> entity_betweenness() const;
    /// Connected components of the whole graph: component id per node, and the count.
    std::pair<std::vector<int>, int> components() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// One undirected weighted edge of a network over nodes 0..n-1 that a query computed (e.g. the
/// co-occurrences within one topic's articles); each edge is listed once.
struct NetworkEdge {
    std::size_t a = 0, b = 0;
    double weight = 1;
};

/// Weighted PageRank of an undirected network by power iteration (Boost's page_rank is
/// unweighted and needs a directed graph); the mass of isolated nodes is spread uniformly.
std::vector<double> network_pagerank(std::size_t n, const std::vector<NetworkEdge>& edges,
                                     int iterations = 50, double damping = 0.85);
/// Brandes betweenness (Boost.Graph) of an undirected network, ignoring weights: the sum over
/// unordered pairs {s, t} of the share of shortest s-t paths through the node, not normalised
/// (NetworkX's betweenness_centrality(normalized=False)).
std::vector<double> network_betweenness(std::size_t n, const std::vector<NetworkEdge>& edges);
/// Connected components (Boost.Graph) of an undirected network: component per node, count.
/// Number of sentence ids two entities share in an article (both lists sorted ascending): the
/// `sentences` of a co-occurrence edge, in the fold and in the views alike.
std::uint32_t shared_sentences(const std::vector<std::uint32_t>& s1,
                               const std::vector<std::uint32_t>& s2);

std::pair<std::vector<int>, int> network_components(std::size_t n,
                                                    const std::vector<NetworkEdge>& edges);

} // namespace polgraph
