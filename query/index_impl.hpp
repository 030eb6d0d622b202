#pragma once
/// The inside of QueryIndex, shared by the files that answer queries (query/index.cpp builds it;
/// related.cpp, neighbors.cpp and centrality.cpp read it). Nobody else includes it.
#include <atomic>
#include <cmath>
#include <cstdint>
#include <limits>
#include <list>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "core/graph.hpp"
#include "core/util/text.hpp"
#include "query/query.hpp"

namespace polgraph::detail {

using NI = KnowledgeGraph::NodeIndex;

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

// Names of one kind of node, looked up level by level: the first level with a match wins.
struct NameTable {
    std::string what; // "entity", "article", "topic"
    struct Level {
        bool fold = true;  // keys are case-folded
        bool slug = false; // keys are slugs
        std::unordered_map<std::string, std::vector<NI>> keys;
    };
    std::vector<Level> levels;

    void add(std::size_t level, const std::string& key, NI v) {
        if (key.empty()) return;
        const Level& l = levels[level];
        auto& vs = levels[level].keys[l.slug ? key : l.fold ? casefold(key) : key];
        if (std::find(vs.begin(), vs.end(), v) == vs.end()) vs.push_back(v);
    }

    // Nodes of the first level that knows the name; empty when none does.
    std::vector<NI> lookup(std::string_view name) const {
        const std::string folded = casefold(name), slug = slugify(name);
        for (const auto& l : levels) {
            const std::string& key = l.slug ? slug : l.fold ? folded : std::string(name);
            if (key.empty()) continue;
            if (auto it = l.keys.find(key); it != l.keys.end()) return it->second;
        }
        return {};
    }
};

struct Posting {
    std::uint32_t article = 0;
    double weight = 0;          // tf * idf
    const Edge* edge = nullptr; // the mentions or has_topic edge
};

struct Adj {
    std::uint32_t other = 0; // entity number
    double weight = 0;
    std::uint32_t sentences = 0;
    std::uint32_t articles = 0; // articles that mention both
};

/// Fractional weights are summed in fixed point (units of 2^-36): a sum is then the same
/// whatever the order of its terms, so every way of counting (article by article, or running
/// sums over a date range) gives the same bits.
constexpr double kShareScale = 68719476736.0; // 2^36
/// An article with n entities gives each of its n(n-1)/2 pairs 2 / (n(n-1)), in units.
inline std::int64_t share_units(std::size_t n) {
    if (n < 2) return 0;
    const double nd = static_cast<double>(n);
    return static_cast<std::int64_t>(std::llround(2.0 * kShareScale / (nd * (nd - 1.0))));
}
inline double from_units(std::int64_t u) {
    return static_cast<double>(u) / kShareScale;
}

/// The articles in date order (undated first, then ties by article number).
struct DateOrder {
    std::vector<std::uint32_t> by_rank; ///< date rank -> article number
    std::vector<std::uint32_t> rank_of; ///< article number -> date rank
};

/// Co-occurrences article by article, built on the first query that must count them again from
/// a date range or with fractional weights: for each entity, the entities it co-occurs with (by
/// entity number), each with the articles both mention in date order and running sums of their
/// shared sentences and fractional weight, so that a date range costs two binary searches per
/// neighbour instead of a pass over every article of the entity.
struct PairIndex {
    std::vector<std::size_t> off;        ///< entity -> first group; size entities + 1
    std::vector<std::uint32_t> other;    ///< group -> the co-occurring entity
    std::vector<std::size_t> first;      ///< group -> first posting; size groups + 1
    std::vector<std::uint32_t> rank;     ///< posting -> the article's date rank
    std::vector<std::uint32_t> sent_sum; ///< posting -> shared sentences, running sum in the group
    std::vector<std::int64_t> unit_sum;  ///< posting -> fractional units, running sum in the group
};

/// What a query takes in, made from its QueryFilters once (query/scope.cpp): the articles that
/// count and the entities that may take part.
/// The co-occurrences of a scope's kept articles, for every entity (the entity filter is applied
/// when they are read), made once a scope has been asked about often enough (ScopeCounts).
struct ScopeAdjacency {
    std::atomic<unsigned> questions{0}; ///< how often the scope was asked for
    std::once_flag once;
    std::atomic<bool> built{false};
    std::vector<std::size_t> off; ///< entity -> first entry; size entities + 1
    std::vector<Adj> adj;         ///< in entity order, with sentences
};

struct Scope {
    std::vector<char> article_ok; ///< per article number; empty: every article
    std::vector<char> entity_ok;  ///< per entity number; empty: every entity
    bool fractional = false;
    /// Fractional weights: per article number, 1 spread over the pairs of its entities that take
    /// part (0 for fewer than two).
    std::vector<std::int64_t> pair_share; ///< in units (share_units)
    /// With a recount: the kept articles as date ranks [rank_lo, rank_hi) when they are exactly
    /// such a range (no filter, or only dates), which PairIndex answers with binary searches.
    bool ranged = false;
    std::uint32_t rank_lo = 0, rank_hi = 0;
    /// With a recount that is not ranged: per date rank, whether the article is kept.
    std::vector<char> rank_ok;
    /// With a recount; shared by the copies of this scope (path's, which only lets its two ends
    /// take part): the adjacency depends on the kept articles alone.
    std::shared_ptr<ScopeAdjacency> counted;
    /// With entity_ok: per article number, the norm of its vector over the features that count
    /// (related's cosine).
    std::vector<double> norm;
    std::string described; ///< QueryFilters::describe()

    bool article(std::uint32_t a) const { return article_ok.empty() || article_ok[a]; }
    /// The weight of a co-occurrence: its articles, or its fractional units.
    double weight(std::uint32_t articles, std::int64_t units) const {
        return fractional ? from_units(units) : static_cast<double>(articles);
    }
    bool entity(std::uint32_t e) const { return entity_ok.empty() || entity_ok[e]; }
    /// True when co-occurrences must be counted again from the kept articles rather than read
    /// from the graph's co_occurs edges.
    bool recount() const { return !article_ok.empty() || fractional; }
    /// True when PairIndex's running sums give the recount: the fractional shares are those of
    /// every entity of an article (no entity filter changes them).
    bool by_pairs() const { return recount() && (!fractional || entity_ok.empty()); }
};

/// The values made for the last few keys, most recently used first: each is made once while
/// it is kept, and the lookups of concurrent queries are safe.
template <class V> class Recent {
public:
    explicit Recent(std::size_t keep) : keep_(keep) {}
    template <class Make> V get(const std::string& key, Make&& make) {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            for (auto it = items_.begin(); it != items_.end(); ++it)
                if (it->first == key) {
                    items_.splice(items_.begin(), items_, it);
                    return items_.front().second;
                }
        }
        V made = make(); // when it throws, nothing is kept
        std::lock_guard<std::mutex> lock(mutex_);
        items_.emplace_front(key, made);
        if (items_.size() > keep_) items_.pop_back();
        return made;
    }

private:
    std::size_t keep_;
    std::mutex mutex_;
    std::list<std::pair<std::string, V>> items_;
};

/// What two entities share within a scope (PairIndex::group).
struct PairCount {
    std::uint32_t articles = 0, sentences = 0;
    std::int64_t units = 0; ///< fractional weight, in units
    double weight(const Scope& scope) const { return scope.weight(articles, units); }
};

/// One (article, sentence) in which two entities are both mentioned, with their mention edges.
struct SharedSentence {
    std::uint32_t article = 0;
    std::uint32_t sentence = 0;
    const Edge* a = nullptr;
    const Edge* b = nullptr;
};

} // namespace polgraph::detail

namespace polgraph {

struct QueryIndex::Impl {
    /// How many filter sets a session keeps what it computed for (scopes, centralities).
    static constexpr std::size_t kScopesKept = 8;
    using NameTable = detail::NameTable;
    using NI = detail::NI;
    using Posting = detail::Posting;
    using Adj = detail::Adj;
    const KnowledgeGraph& g;
    std::string article_root; // set_article_root

    std::vector<NI> articles;              // article number -> node
    std::vector<std::uint32_t> article_of; // node -> article number or kNone
    std::vector<NI> features;              // feature number -> node (entities, then topics)
    std::vector<std::uint32_t> feature_of; // node -> feature number or kNone
    std::vector<double> idf;               // per feature
    std::vector<NI> entities;              // entity number -> node
    std::vector<std::uint32_t> entity_of;  // node -> entity number or kNone

    // article -> (feature, weight), sorted by feature, and the mentions or has_topic edge of each
    std::vector<std::size_t> af_off;
    std::vector<std::pair<std::uint32_t, double>> af;
    std::vector<const Edge*> af_edge;
    std::vector<double> norm;
    // feature -> postings sorted by article, and the same postings by prominence
    std::vector<std::size_t> fa_off;
    std::vector<Posting> fa;
    std::vector<std::uint32_t> fa_prominent; // indices into fa
    // entity -> co-occurring entities (in edge order; queries rank them)
    std::vector<std::size_t> adj_off;
    std::vector<Adj> adj;
    // relation edges between two entity nodes (key: lo << 32 | hi)
    std::unordered_map<std::uint64_t, std::vector<std::tuple<NI, NI, const Edge*>>> relations;
    // topic node -> its direct subtopics
    std::unordered_map<NI, std::vector<NI>> subtopics;
    std::set<std::string> entity_types;

    NameTable entity_names, topic_names;
    // Article names beyond exact ids (paths, file names, titles): built on first need, since a
    // session that asks by id never needs them and they cost as much as the rest of the index.
    mutable NameTable article_names;
    mutable std::unordered_map<std::string, NI> paths;
    mutable std::once_flag article_names_once;
    void ensure_article_names() const;

    mutable std::once_flag pagerank_once, betweenness_once, stats_once;
    mutable std::vector<double> pagerank, betweenness; // per entity number
    /// PageRank or betweenness of the network of a scope (per member, in entity order), by
    /// centrality and QueryFilters::describe(): the last few are kept, as the whole graph's are
    /// (a session or a batch asks `top` with the same filters again, by type or for more results).
    mutable detail::Recent<std::vector<double>> scoped_centralities{kScopesKept};
    mutable StatsResult stats;

    explicit Impl(const KnowledgeGraph& graph);
    void build_postings();                               // af, norm, idf, fa, fa_prominent
    void build_adjacency(const std::vector<NI>& topics); // adj, relations, subtopics

    std::size_t n_articles() const { return articles.size(); }
    std::uint32_t entity_feature(std::uint32_t e) const { return feature_of[entities[e]]; }
    std::size_t df(std::uint32_t f) const { return fa_off[f + 1] - fa_off[f]; }

    NodeRef ref(NI v) const {
        const Node& n = g.node(v);
        return {n.id, n.label, n.type, n.date};
    }

    [[noreturn]] void not_found(const NameTable& t, std::string_view name) const;
    NI pick(const NameTable& t, std::vector<NI> found, std::string_view name) const;
    NI resolve(const NameTable& t, std::string_view name) const {
        return pick(t, t.lookup(name), name);
    }
    NI resolve_article(std::string_view name) const;

    bool has_article(std::uint32_t f, std::uint32_t article) const {
        auto b = fa.begin() + static_cast<long>(fa_off[f]),
             e = fa.begin() + static_cast<long>(fa_off[f + 1]);
        auto it = std::lower_bound(b, e, article,
                                   [](const Posting& p, std::uint32_t a) { return p.article < a; });
        return it != e && it->article == article;
    }

    // Up to k articles mentioning both entities (kept by the scope): the rarer entity's most
    // prominent mentions.
    std::vector<std::string> shared_articles(std::uint32_t x, std::uint32_t y, std::size_t k,
                                             const detail::Scope& scope = {}) const {
        std::uint32_t fx = entity_feature(x), fy = entity_feature(y);
        if (df(fx) > df(fy)) std::swap(fx, fy);
        std::vector<std::string> out;
        for (std::size_t i = fa_off[fx]; i < fa_off[fx + 1] && out.size() < k; ++i) {
            std::uint32_t a = fa[fa_prominent[i]].article;
            if (scope.article(a) && has_article(fy, a)) out.push_back(g.node(articles[a]).id);
        }
        return out;
    }

    // ---- query/scope.cpp

    /// The scope of `filters`, checked (UsageError for an unknown topic, type, date or weight).
    /// The last few scopes are kept (a batch or a session asks many questions with the same
    /// filters, and a scope costs a pass over every article and entity).
    std::shared_ptr<const detail::Scope> scope(const QueryFilters& filters) const;
    detail::Scope compute_scope(const QueryFilters& filters) const;
    mutable detail::Recent<std::shared_ptr<const detail::Scope>> scopes{kScopesKept};
    std::shared_ptr<const detail::Scope> whole_scope; // no filters: made once
    /// Built on first need (query/scope.cpp).
    const detail::DateOrder& date_order() const;
    const detail::PairIndex& pair_index() const;
    /// Group g of the pair index counted within the scope (which must be by_pairs()).
    detail::PairCount count_pair(std::size_t g, const detail::Scope& scope) const;
    /// Whether a recount in `scope` reads the pair index: it must be able to (by_pairs), and the
    /// index is built once a few questions (scopes asked for) have counted article by article.
    bool use_pairs(const detail::Scope& scope) const;
    static constexpr unsigned kWalksBeforePairs = 3;
    /// A scope asked for this many times (with the pair index built) gets its own adjacency:
    /// its questions then read co-occurrences as those without filters do.
    static constexpr unsigned kQuestionsBeforeAdjacency = 4;
    /// The scope's adjacency when it is made (or is to be made now), else null.
    const detail::ScopeAdjacency* scope_adjacency(const detail::Scope& scope) const;
    mutable std::atomic<unsigned> recount_questions{0};
    mutable std::atomic<bool> pairs_built{false};
    mutable std::once_flag date_order_once, pair_index_once;
    mutable detail::DateOrder date_order_;
    mutable detail::PairIndex pair_index_;
    /// The topic and its subtopics, the topic first.
    std::vector<NI> topic_family(NI topic) const;
    /// Article numbers with the topic or one of its subtopics, ascending.
    std::vector<std::uint32_t> topic_articles(NI topic) const;
    /// Entities co-occurring with entity e within the scope (e itself never), in an order that
    /// depends only on the graph: the graph's co-occurrences when only entities are filtered,
    /// else counted again from the kept articles (weights and shared sentences).
    /// A recount from a date range or with fractional weights reads PairIndex (the sentences
    /// come with it); other recounts (fractional weights with an entity filter) go article by
    /// article, and without `sentences` leave Adj::sentences kNone, not counted (counting them
    /// is most of their cost; shared_sentence_count gives them for the pairs that are shown).
    void co_occurring(std::uint32_t e, const detail::Scope& scope, std::vector<Adj>& out,
                      bool sentences = true) const;
    /// Sentences of the scope's articles that mention both entities x and y.
    std::uint32_t shared_sentence_count(std::uint32_t x, std::uint32_t y,
                                        const detail::Scope& scope) const;
    // ---- query/evidence.cpp

    /// Every (article, sentence) of the scope in which entities x and y are both mentioned,
    /// newest article first (then article number), sentences in order.
    std::vector<detail::SharedSentence> shared_sentences_of(std::uint32_t x, std::uint32_t y,
                                                            const detail::Scope& scope) const;
    /// The sentences as results, each article's file read (and its hash checked) once.
    std::vector<EvidenceSentence>
    read_sentences(const std::vector<detail::SharedSentence>& shared) const;
    /// One sentence in which entities x and y occur together, from the newest kept article that
    /// has one that can be read (status "none" when no article has one).
    EvidenceSentence hop_evidence(std::uint32_t x, std::uint32_t y,
                                  const detail::Scope& scope) const;

    /// The entities (entity numbers) of article a, with their mention edges, in entity order.
    template <class F> void each_entity(std::uint32_t a, F&& f) const {
        const std::size_t E = entities.size();
        for (std::size_t i = af_off[a]; i < af_off[a + 1] && af[i].first < E; ++i)
            f(af[i].first, af_edge[i]);
    }
};

} // namespace polgraph
