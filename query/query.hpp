#pragma once
/// Queries over a loaded KnowledgeGraph: related articles (with the reasons), an entity's
/// neighbours, the shortest path between two entities, central entities, and graph statistics.
///
/// A QueryIndex is built once from a graph (posting lists, feature weights, the entity
/// co-occurrence adjacency, the name tables) so that a session (`polgraph query --batch`) answers
/// many queries without rescanning the graph. Results are plain structs; `to_json` gives the form
/// the CLI prints with `--json` and writes per line in `--batch`.
///
/// Names: every function that takes a name resolves it case-insensitively through node ids,
/// canonical names (labels), aliases (an entity's surface forms), slugs and, for articles, file
/// paths. A name that matches nothing throws UsageError listing the closest matches ("did you
/// mean ..."); a name that matches several nodes equally well throws UsageError listing them.
///
/// Thread safety: a QueryIndex is immutable after construction except for centralities, which
/// are computed on first use under a lock; every function may be called from several threads.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/graph.hpp"

namespace polgraph {

/// A node as shown in results.
struct NodeRef {
    std::string id;
    std::string label;
    std::string type; ///< "article", an entity type or "topic"
    std::string date;
};

// ---- related -------------------------------------------------------------------------------

/// One feature (entity or topic) shared by the query article and a result.
struct SharedFeature {
    NodeRef node;
    double idf = 0;          ///< ln(N / df): N articles, df articles with the feature
    double contribution = 0; ///< this feature's term of the cosine; the terms sum to the score
};

struct RelatedArticle {
    NodeRef article;
    double score = 0;                  ///< IDF-weighted cosine similarity, in (0, 1]
    std::vector<SharedFeature> shared; ///< by contribution (desc), then id
};

struct RelatedResult {
    NodeRef article;
    std::vector<RelatedArticle> results; ///< by score (desc), then id; only scores > 0
};

/// One article mentioning an entity (`related --entity`).
struct EntityMention {
    NodeRef article;
    bool in_lead = false; ///< mentioned in the title, subtitle, description or first paragraph
    int count = 0;        ///< mentions in the article
    std::vector<std::string> forms;
};

struct EntityArticlesResult {
    NodeRef entity;
    std::size_t total = 0;              ///< articles mentioning the entity
    std::vector<EntityMention> results; ///< in_lead first, then count (desc), date (desc), id
};

// ---- neighbors -----------------------------------------------------------------------------

struct Neighbor {
    NodeRef entity;
    int distance = 1; ///< 1: co-occurs with the entity; 2: through an intermediate entity
    /// distance 1: articles mentioning both (the co-occurrence weight); distance 2: the sum over
    /// intermediates m of min(w(entity, m), w(m, neighbour)).
    double weight = 0;
    std::uint32_t shared_articles = 0; ///< distance 1: articles mentioning both; 2: 0
    std::uint32_t sentences = 0;       ///< distance 1: sentences mentioning both
    std::vector<std::string> examples; ///< article ids (distance 2: one per hop of the best via)
    std::vector<NodeRef> via;          ///< distance 2: the strongest intermediates (up to 3)
};

struct NeighborsResult {
    NodeRef entity;
    int depth = 1;
    std::string type;              ///< entity type filter, "" for all
    std::size_t total = 0;         ///< neighbours before --top
    std::vector<Neighbor> results; ///< distance, then weight (desc), then id
};

// ---- path ----------------------------------------------------------------------------------

/// A relation edge (develops, affiliated_with, jurisdiction) between the two ends of a hop.
struct HopRelation {
    std::string type;
    NodeRef source;
    NodeRef target;
    std::string article;
    std::uint32_t sentence = 0;
    std::string text;
};

struct PathHop {
    NodeRef from;
    NodeRef to;
    double weight = 0;                 ///< articles mentioning both
    std::vector<std::string> articles; ///< evidence: articles mentioning both (up to 5)
    std::vector<HopRelation> relations;
};

struct PathResult {
    NodeRef from;
    NodeRef to;
    bool found = false;
    std::vector<PathHop> hops;
};

// ---- top -----------------------------------------------------------------------------------

struct CentralEntity {
    NodeRef entity;
    double score = 0;
    std::size_t degree = 0;   ///< distinct co-occurring entities (in the topic's articles)
    double weighted = 0;      ///< summed co-occurrence weights (in the topic's articles)
    std::size_t articles = 0; ///< articles mentioning the entity (with the topic)
};

struct TopResult {
    std::string by;                     ///< degree, weighted, pagerank or betweenness
    std::string type;                   ///< "" or the entity type filter
    NodeRef topic;                      ///< empty id: no topic filter
    std::size_t network_entities = 0;   ///< entities in the network the scores were computed on
    std::vector<CentralEntity> results; ///< score (desc), then id
};

// ---- stats ---------------------------------------------------------------------------------

struct Count {
    std::string name;
    std::size_t count = 0;
};

struct StatsResult {
    std::size_t nodes = 0, edges = 0;
    std::vector<Count> node_types; ///< article, entity types, topic, keyphrase (count desc, name)
    std::vector<Count> edge_kinds; ///< count desc, name
    std::string first_date, last_date;
    std::size_t undated_articles = 0;
    std::vector<Count> sources; ///< articles per source, count desc, name ("" = unknown)
    std::size_t components = 0; ///< connected components of the whole graph
    std::size_t largest_component = 0;
    std::size_t entity_components = 0; ///< of the entity co-occurrence network
    std::size_t largest_entity_component = 0;
    std::size_t isolated_entities = 0; ///< entities that co-occur with no other
};

// ---- the index -----------------------------------------------------------------------------

class QueryIndex {
public:
    /// Indexes `g`, which must outlive the index. Linear in the size of the graph.
    explicit QueryIndex(const KnowledgeGraph& g);
    ~QueryIndex();
    QueryIndex(const QueryIndex&) = delete;
    QueryIndex& operator=(const QueryIndex&) = delete;

    const KnowledgeGraph& graph() const;

    /// Name resolution; each throws UsageError with the closest matches when nothing matches.
    KnowledgeGraph::NodeIndex resolve_entity(std::string_view name) const;
    KnowledgeGraph::NodeIndex resolve_article(std::string_view name_or_path) const;
    KnowledgeGraph::NodeIndex resolve_topic(std::string_view name) const;
    /// Checks an entity type filter ("" passes); throws UsageError naming the known types.
    void check_type(std::string_view type) const;

    NodeRef ref(KnowledgeGraph::NodeIndex v) const;

    /// Articles like `article`, ranked by IDF-weighted cosine similarity of their entity and
    /// topic vectors. Weights: entity = (1 + ln count) * idf, topic = idf, idf = ln(N / df).
    RelatedResult related(std::string_view article, std::size_t top = 10) const;
    /// Articles mentioning an entity, the most prominent mention first.
    EntityArticlesResult entity_articles(std::string_view entity, std::size_t top = 10) const;
    /// Co-occurring entities; `type` filters the results; depth 1 or 2.
    NeighborsResult neighbors(std::string_view entity, std::string_view type = "",
                              std::size_t top = 10, int depth = 1) const;
    /// Shortest path in the entity co-occurrence network: fewest hops; among those the path
    /// whose weakest hop is strongest, then the greatest summed weight, then the smallest node
    /// ids hop by hop from `from`.
    PathResult path(std::string_view from, std::string_view to) const;
    /// Central entities. `by`: degree, weighted, pagerank (weighted), betweenness (unweighted,
    /// over unordered pairs). `topic` restricts the network to the co-occurrences in articles
    /// with that topic or one of its subtopics; `type` filters the ranked entities.
    TopResult top(std::string_view by = "degree", std::string_view type = "",
                  std::string_view topic = "", std::size_t top = 10) const;
    StatsResult stats() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// Names accepted by QueryIndex::top's `by`.
const std::vector<std::string>& centrality_names();

nlohmann::json to_json(const RelatedResult& r);
nlohmann::json to_json(const EntityArticlesResult& r);
nlohmann::json to_json(const NeighborsResult& r);
nlohmann::json to_json(const PathResult& r);
nlohmann::json to_json(const TopResult& r);
nlohmann::json to_json(const StatsResult& r);

/// Runs one query object ({"query": "related", "article": "000_seed", "top": 5}, ...) and
/// returns its JSON result. Unknown queries or keys, and values of the wrong type, throw
/// UsageError; unknown names throw UsageError with the closest matches.
nlohmann::json run_query(const QueryIndex& index, const nlohmann::json& query);

/// The `--batch` code path for one input line: parses it, runs it and returns one line of JSON
/// (no newline). Never throws for a bad line: the result is then {"error": "..."} (with the
/// "query" name when there is one) and `*failed`, if given, is set. When the query object has an
/// "id" member it is copied into the result.
std::string answer_line(const QueryIndex& index, std::string_view line, bool* failed = nullptr);

} // namespace polgraph
