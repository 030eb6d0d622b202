#pragma once
/// The inside of QueryIndex, shared by the files that answer queries (query/index.cpp builds it;
/// related.cpp, neighbors.cpp and centrality.cpp read it). Nobody else includes it.
#include <cstdint>
#include <limits>
#include <list>
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
};

/// What a query takes in, made from its QueryFilters once (query/scope.cpp): the articles that
/// count and the entities that may take part.
struct Scope {
    std::vector<char> article_ok; ///< per article number; empty: every article
    std::vector<char> entity_ok;  ///< per entity number; empty: every entity
    bool fractional = false;
    /// Fractional weights: per article number, 1 spread over the pairs of its entities that take
    /// part (0 for fewer than two).
    std::vector<double> pair_share;
    /// With entity_ok: per article number, the norm of its vector over the features that count
    /// (related's cosine).
    std::vector<double> norm;
    std::string described; ///< QueryFilters::describe()

    bool article(std::uint32_t a) const { return article_ok.empty() || article_ok[a]; }
    bool entity(std::uint32_t e) const { return entity_ok.empty() || entity_ok[e]; }
    /// True when co-occurrences must be counted again from the kept articles rather than read
    /// from the graph's co_occurs edges.
    bool recount() const { return !article_ok.empty() || fractional; }
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
    detail::Scope scope(const QueryFilters& filters) const;
    detail::Scope compute_scope(const QueryFilters& filters) const;
    static constexpr std::size_t kScopesKept = 8;
    mutable std::mutex scopes_mutex;
    mutable std::list<detail::Scope> scopes; // most recently used first
    /// The topic and its subtopics, the topic first.
    std::vector<NI> topic_family(NI topic) const;
    /// Article numbers with the topic or one of its subtopics, ascending.
    std::vector<std::uint32_t> topic_articles(NI topic) const;
    /// Entities co-occurring with entity e within the scope (e itself never), in an order that
    /// depends only on the graph: the graph's co-occurrences when only entities are filtered,
    /// else counted again from the kept articles (weights and shared sentences).
    /// Without `sentences`, a recount leaves Adj::sentences 0 (counting them is most of its
    /// cost; shared_sentence_count gives them for the pairs that are shown).
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
