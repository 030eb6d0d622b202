#pragma once
/// KnowledgeGraph: a Boost.Graph adjacency_list of articles, entities, topics and keyphrases,
/// folded from ArticleRecords. Only core/graph* and the graph formats of store/ (through
/// core/graph_impl.hpp) touch Boost types; everyone else uses the small API below. A built graph
/// is immutable and safe to read from several threads. Reading and writing graph files is
/// store/graph_io.hpp (node-link JSON, either form) and store/graph_snapshot.hpp (the snapshot).
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/record.hpp"
#include "core/record_pack.hpp"

namespace polgraph {

enum class NodeKind { Article, Entity, Topic, Keyphrase };

const char* node_kind_name(NodeKind k);

/// A name from a small, open set (edge kinds, mention sources, topic cues), stored once for the
/// whole process: a value is the name's 16-bit number (2 bytes where a std::string takes 32, on
/// 6.3 M edges, 2 M mentions and 3 M topic cues at 10^5 articles). Reads as a const std::string& or a
/// std::string_view; compares with either. At most 65,536 distinct names: one more throws
/// polgraph::Error.
class InternedName {
public:
    InternedName() : i_(intern({})) {}
    InternedName(std::string_view name) : i_(intern(name)) {}
    InternedName(const char* name) : InternedName(std::string_view(name)) {}
    InternedName(const std::string& name) : InternedName(std::string_view(name)) {}

    const std::string& str() const { return *names_[i_]; }
    operator const std::string&() const { return str(); }
    operator std::string_view() const { return str(); }
    bool empty() const { return str().empty(); }

    friend bool operator==(const InternedName& a, const InternedName& b) { return a.i_ == b.i_; }
    friend bool operator==(const InternedName& a, std::string_view b) { return a.str() == b; }
    friend bool operator==(const InternedName& a, const char* b) { return a.str() == b; }
    friend bool operator==(const InternedName& a, const std::string& b) { return a.str() == b; }

private:
    /// The number of `name`, stored on first use (thread-safe; never freed: edges may outlive
    /// static destructors).
    static std::uint16_t intern(std::string_view name);
    /// Each number's name. An entry is written once, before intern returns its number.
    inline static const std::string* names_[1 << 16] = {};
    std::uint16_t i_;
};

/// The names as strings, and strings as names.
std::vector<std::string> to_strings(const std::vector<InternedName>& names);
std::vector<InternedName> to_names(const std::vector<std::string>& strings);

/// What an article node holds besides its id, title and date: the fields of its record, and its
/// topic and keyphrase candidates (one JSON object each, as text) from which the has_topic and
/// has_keyphrase edges are derived, so that to_records() gives back the records as extracted.
/// Typed rather than JSON: at 10^5 articles a JSON object per article took 12.6 KB, this ~3 KB.
struct ArticleInfo {
    std::string title, source, url, path, hash;
    std::uint64_t bytes = 0;
    std::uint32_t sentences = 0;
    std::vector<std::string> authors, tags;
    std::map<std::string, std::string> meta; ///< front-matter fields
    double min_topic_score = 1.0;
    std::vector<InternedName> topic_cues; ///< ~30 an article, from the taxonomy's few hundred
    std::vector<std::string> topic_candidates;
    std::vector<std::string> keyphrase_candidates;

    /// Reads the fields from one JSON object (the snapshot's layout of an article's attributes,
    /// keyed by field name, which store/graph_snapshot.cpp writes); a missing field keeps its
    /// default. Throws nlohmann's exceptions on a field of the wrong type.
    static ArticleInfo from_json(const nlohmann::json& j);
};

struct Node {
    std::string id;    ///< "000_seed", "person:dario-amodei", "topic:export-controls"
    NodeKind kind = NodeKind::Entity;
    std::string type;  ///< "article", an entity type, "topic" or "keyphrase"
    std::string label; ///< title, canonical name or topic label
    std::string date;  ///< article date; for entities the first date they are mentioned
    double mentions = 0;  ///< entities: total mentions; topics: summed scores
    int articles = 0;     ///< entities/topics/keyphrases: number of articles
    /// Entities and topics: everything else (sorted keys). Empty for articles, which keep
    /// theirs in `article`.
    nlohmann::json attrs = nlohmann::json::object();
    ArticleInfo article; ///< articles only
};

/// Evidence for a relation edge: which article and sentence state it.
struct Evidence {
    std::string article;
    std::uint32_t sentence = 0;
    std::string text;
};

/// An edge's kind: mentions, co_occurs, has_topic, has_keyphrase, subtopic_of or a relation type.
using EdgeKind = InternedName;

/// A string that is almost always empty, in 8 bytes where a std::string takes 32: when it is
/// not empty it is on the heap.
class RareString {
public:
    RareString() = default;
    RareString(const RareString& o) : p_(o.p_ ? std::make_unique<std::string>(*o.p_) : nullptr) {}
    RareString(RareString&&) noexcept = default;
    RareString& operator=(const RareString& o) { return *this = o.str(); }
    RareString& operator=(RareString&&) noexcept = default;
    RareString& operator=(std::string s) {
        p_ = s.empty() ? nullptr : std::make_unique<std::string>(std::move(s));
        return *this;
    }
    bool empty() const { return !p_; }
    const std::string& str() const {
        static const std::string none;
        return p_ ? *p_ : none;
    }

private:
    std::unique_ptr<std::string> p_;
};

/// What only mentions and relation edges carry, kept out of Edge so that the millions of
/// co-occurrence edges of a large graph stay small. The graph owns it (one store per graph, no
/// allocation or reference count of its own); edges point to it.
struct EdgeDetail {
    // mentions
    std::vector<std::string> forms;
    std::vector<std::uint32_t> sentence_ids;
    RareString name;          ///< the record's entity name when it differs from the node label
    double confidence = 1.0;
    InternedName source;      ///< gazetteer or pattern
    bool in_lead = false;
    // relations
    std::vector<Evidence> evidence;
};
static_assert(sizeof(void*) != 8 || sizeof(EdgeDetail) <= 96, "EdgeDetail grew: 2 M of them at 10^5 articles");

/// 24 bytes: at 10^5 articles the graph holds 6.3 M of them.
struct Edge {
    double weight = 0;
    const EdgeDetail* detail = nullptr; ///< mentions and relations (owned by the graph); null for the others
    std::uint32_t sentences = 0; ///< co_occurs: sentences in which both entities appear
    EdgeKind kind; ///< mentions, co_occurs, has_topic, has_keyphrase, or a relation type
    bool directed = true;

    /// The detail, or an empty one (default values) for edges without.
    const EdgeDetail& more() const {
        static const EdgeDetail none;
        return detail ? *detail : none;
    }
};
static_assert(sizeof(void*) != 8 || sizeof(Edge) == 24, "Edge grew: 6.3 M of them at 10^5 articles");

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
    /// The same fold over packed records (core/record_pack.hpp), which it releases as it goes:
    /// what a large run uses, so that the records never all exist unpacked. With `threads` > 1
    /// that many other threads unpack records ahead of the fold; the graph is the same.
    static KnowledgeGraph build(std::vector<PackedRecord> records, unsigned threads = 1);

    /// The records the graph was folded from, recovered from its nodes and edges (lossless).
    std::vector<ArticleRecord> to_records() const;
    /// The same records, each packed as soon as it is made (for --update and merge), made on
    /// `threads` threads (0: one a core).
    std::vector<PackedRecord> packed_records(unsigned threads = 0) const&;
    /// The same from a graph that is done with: its articles' fields and mention details move
    /// into the records as they are made, so that the graph and its records are never both
    /// whole in memory (a snapshot's records for --update and merge). Leaves the graph empty.
    std::vector<PackedRecord> packed_records(unsigned threads = 0) &&;

    std::size_t node_count() const;
    std::size_t edge_count() const;
    const Node& node(NodeIndex v) const;
    std::optional<NodeIndex> find(const std::string& id) const;

    /// Calls f(source, target, edge) for every edge, in the graph's canonical order.
    void for_each_edge(const std::function<void(NodeIndex, NodeIndex, const Edge&)>& f) const;
    /// Out-degree of node v, and its k-th out-edge (target and edge) in canonical order: with
    /// them the whole graph's edges can be read by position without being copied.
    std::size_t out_degree(NodeIndex v) const;
    std::pair<NodeIndex, const Edge*> out_edge(NodeIndex v, std::size_t k) const;
    /// Out- and in-edges of one node, in canonical order.
    void for_each_out_edge(NodeIndex v,
                           const std::function<void(NodeIndex, const Edge&)>& f) const;
    void for_each_in_edge(NodeIndex v, const std::function<void(NodeIndex, const Edge&)>& f) const;

    /// PageRank over the entity co-occurrence network (weighted), indexed by node.
    std::vector<double> entity_pagerank(int iterations = 50, double damping = 0.85) const;
    /// Brandes betweenness centrality over the entity co-occurrence network (unweighted).
    std::vector<double> entity_betweenness() const;
    /// Connected components of the whole graph: component id per node, and the count.
    std::pair<std::vector<int>, int> components() const;

    struct Impl;

private:
    friend struct GraphInternals; // core/graph_impl.hpp
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
