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

/// What every question may be restricted to (`--since`, `--until`, `--topic`, `--types`,
/// `--exclude-types`, `--drop-hubs`, `--weight`): which articles count, which entities may take
/// part (be a result, a feature of a similarity, a hop of a path, a member of a ranked network),
/// and how a co-occurrence weighs. The default restricts nothing. Entities named in the question
/// itself (a path's two ends, the entity whose neighbours are asked) always take part.
struct QueryFilters {
    /// Article dates, inclusive: YYYY, YYYY-MM or YYYY-MM-DD (a month or year bound covers all
    /// of it). Articles without a date are left out when either is set.
    std::string since, until;
    std::string topic;                      ///< only articles on this topic or a subtopic
    std::vector<std::string> types;         ///< entity types that may take part (empty: all)
    std::vector<std::string> exclude_types; ///< entity types that may not
    std::size_t drop_hubs = 0;              ///< leave out the K entities in most (kept) articles
    /// Co-occurrence weight: count (articles mentioning both) or fractional (each article
    /// spreads a total of 1 over the pairs of its entities that take part).
    std::string weight = "count";

    bool restricts_articles() const { return !since.empty() || !until.empty() || !topic.empty(); }
    bool restricts_entities() const {
        return !types.empty() || !exclude_types.empty() || drop_hubs > 0;
    }
    bool is_default() const {
        return !restricts_articles() && !restricts_entities() && weight == "count";
    }
    /// The filters in command-line form ("--since 2025 --exclude-types location"), "" for none.
    std::string describe() const;
};

/// Names accepted by QueryFilters::weight.
const std::vector<std::string>& query_weight_names();

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
    std::string filters;                 ///< QueryFilters::describe()
    std::vector<RelatedArticle> results; ///< by score (desc), then id; only scores > 0
};

/// One article on a topic (`related --topic`).
struct TopicArticle {
    NodeRef article;
    double score = 0; ///< the article's score for the topic (or the subtopic that holds it)
    NodeRef via;      ///< the topic itself or the subtopic the article has
};

struct TopicArticlesResult {
    NodeRef topic;
    std::string filters;
    std::size_t total = 0;             ///< articles on the topic (within the filters)
    std::vector<TopicArticle> results; ///< score (desc), then date (newest first), then id
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
    std::string filters;
    std::size_t total = 0;              ///< articles mentioning the entity (within the filters)
    std::vector<EntityMention> results; ///< in_lead first, then count (desc), date (desc), id
};

// ---- neighbors -----------------------------------------------------------------------------

struct Neighbor {
    NodeRef entity;
    int distance = 1; ///< 1: co-occurs with the entity; 2: through an intermediate entity
    /// distance 1: the co-occurrence weight (articles mentioning both, or with --weight
    /// fractional their shares); distance 2: the sum over intermediates m of
    /// min(w(entity, m), w(m, neighbour)).
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
    std::string filters;
    std::size_t total = 0;         ///< neighbours before --top
    std::vector<Neighbor> results; ///< distance, then weight (desc), then id
};

// ---- path ----------------------------------------------------------------------------------

/// One sentence in which two entities occur together, read back from its article file.
struct EvidenceSentence {
    NodeRef article;
    std::uint32_t sentence = 0; ///< article-wide sentence index (title and description count)
    std::string text;           ///< the sentence; empty when it could not be read (see status)
    std::string marked;         ///< the sentence with both names in [[double brackets]]
    std::string file;           ///< the file read (the graph's path, under the article root)
    /// ok; missing (the file is not where the graph says); changed (its content hash differs
    /// from the one extracted: the sentence is not quoted, never misquoted); unreadable.
    std::string status = "ok";

    static EvidenceSentence with_status(std::string status) {
        EvidenceSentence e;
        e.status = std::move(status);
        return e;
    }
};

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
    double weight = 0;                 ///< co-occurrence weight (articles mentioning both)
    std::uint32_t sentences = 0;       ///< sentences mentioning both
    std::vector<std::string> articles; ///< evidence: articles mentioning both (up to 5)
    std::vector<HopRelation> relations;
    /// With PathOptions::evidence: one sentence that names both (status "none" when no kept
    /// article puts them in one sentence); else status "".
    EvidenceSentence evidence = EvidenceSentence::with_status("");
};

/// What a path may be made of, beyond the filters.
struct PathOptions {
    std::size_t max_hops = 0;   ///< longest path accepted (0: any)
    bool via_sentences = false; ///< only hops whose two entities share a sentence
    bool evidence = false;      ///< read one sentence per hop back from the article files
};

struct PathResult {
    NodeRef from;
    NodeRef to;
    std::string filters; ///< QueryFilters::describe() and the path options
    bool found = false;
    /// Why no path was found: "" when found, else a sentence for people.
    std::string reason;
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
    std::string filters;
    std::size_t network_entities = 0;   ///< entities in the network the scores were computed on
    std::vector<CentralEntity> results; ///< score (desc), then id
};

// ---- topics --------------------------------------------------------------------------------

struct TopicSummary {
    NodeRef topic;
    NodeRef parent;           ///< empty id for a top-level topic
    std::size_t articles = 0; ///< articles on the topic or a subtopic (within the filters)
    std::string first_date, last_date;
    std::vector<NodeRef> entities;   ///< the entities in most of those articles
    std::vector<std::size_t> counts; ///< their article counts, aligned with `entities`
};

struct TopicsResult {
    std::string filters;
    std::vector<TopicSummary> results; ///< articles (desc), then id; topics without any left out
};

// ---- evidence ------------------------------------------------------------------------------

struct EvidenceResult {
    NodeRef a, b;
    std::string filters;
    std::size_t total = 0;                 ///< sentences with both (within the filters)
    std::vector<EvidenceSentence> results; ///< newest article first, then article id, sentence
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

    /// Checks filters (dates, topic, types, weight); throws UsageError naming the bad value.
    void check_filters(const QueryFilters& f) const;
    /// Whether co-occurrences counted again (dates, topic, fractional weights) are now read from
    /// the pair index, built after the first few such questions (for tests and benchmarks).
    bool pair_index_built() const;

    /// Articles like `article`, ranked by IDF-weighted cosine similarity of their entity and
    /// topic vectors. Weights: entity = (1 + ln count) * idf, topic = idf, idf = ln(N / df)
    /// over the whole graph. Filters restrict the candidate articles and the entities counted.
    RelatedResult related(std::string_view article, std::size_t top = 10,
                          const QueryFilters& filters = {}) const;
    /// Articles on a topic (or one of its subtopics), by their score for it.
    TopicArticlesResult topic_articles(std::string_view topic, std::size_t top = 10,
                                       const QueryFilters& filters = {}) const;
    /// Articles mentioning an entity, the most prominent mention first.
    EntityArticlesResult entity_articles(std::string_view entity, std::size_t top = 10,
                                         const QueryFilters& filters = {}) const;
    /// Co-occurring entities; `type` filters the results; depth 1 or 2.
    NeighborsResult neighbors(std::string_view entity, std::string_view type = "",
                              std::size_t top = 10, int depth = 1,
                              const QueryFilters& filters = {}) const;
    /// Shortest path in the entity co-occurrence network: fewest hops; among those the path
    /// whose weakest hop is strongest, then the greatest summed weight, then the smallest node
    /// ids hop by hop from `from`. Filters decide which co-occurrences count and which entities
    /// a path may pass through.
    PathResult path(std::string_view from, std::string_view to, const QueryFilters& filters = {},
                    const PathOptions& options = {}) const;
    /// Central entities. `by`: degree, weighted, pagerank (weighted), betweenness (unweighted,
    /// over unordered pairs), over the network of the entities that take part, from the
    /// co-occurrences in the kept articles (filters.topic: articles with that topic or one of
    /// its subtopics); `type` filters the ranked entities.
    TopResult top(std::string_view by = "degree", std::string_view type = "", std::size_t top = 10,
                  const QueryFilters& filters = {}) const;
    /// Topics with their article counts, first and last dates and top entities (`top`: how
    /// many entities per topic).
    TopicsResult topics(std::size_t top = 5, const QueryFilters& filters = {}) const;
    /// Where relative article paths are read from (evidence): the directory extract ran in,
    /// which the graph does not record. Default: the current directory.
    void set_article_root(std::string dir);
    /// Sentences in which both entities occur, read back from the article files (the paths in
    /// the graph, relative ones under the article root); a file that moved or changed since
    /// extraction is reported as such, never quoted. Reading is done again with the library's
    /// reader and tokenizer, which split sentences as extraction did.
    EvidenceResult evidence(std::string_view a, std::string_view b, std::size_t top = 10,
                            const QueryFilters& filters = {}) const;
    StatsResult stats() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// Names accepted by QueryIndex::top's `by`.
const std::vector<std::string>& centrality_names();

nlohmann::json to_json(const RelatedResult& r);
nlohmann::json to_json(const TopicArticlesResult& r);
nlohmann::json to_json(const TopicsResult& r);
nlohmann::json to_json(const EvidenceResult& r);
nlohmann::json to_json(const EntityArticlesResult& r);
nlohmann::json to_json(const NeighborsResult& r);
nlohmann::json to_json(const PathResult& r);
nlohmann::json to_json(const TopResult& r);
nlohmann::json to_json(const StatsResult& r);

/// Runs one query object ({"query": "related", "article": "000_seed", "top": 5}, ...) and
/// returns its JSON result. Unknown queries or keys, and values of the wrong type, throw
/// UsageError; unknown names throw UsageError with the closest matches.
nlohmann::json run_query(const QueryIndex& index, const nlohmann::json& query);

/// How deep containers may nest in a `--batch` line below its outermost value (as in a graph file).
inline constexpr int kMaxQueryDepth = 64;

/// The `--batch` code path for one input line: parses it, runs it and returns one line of JSON
/// (no newline). Never throws for a bad line: the result is then {"error": "..."} (with the
/// "query" name when there is one) and `*failed`, if given, is set; a line nested deeper than
/// kMaxQueryDepth is such a line. When the query object has an "id" member it is copied into the
/// result.
std::string answer_line(const QueryIndex& index, std::string_view line, bool* failed = nullptr);

} // namespace polgraph
