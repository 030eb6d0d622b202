// Queries over a KnowledgeGraph. The QueryIndex flattens the graph once into compressed arrays
// (article -> features, feature -> articles, entity -> co-occurring entities) so that each query
// touches only the postings it needs.
//
// Why IDF-weighted cosine for `related` (and not Adamic–Adar): both make rare shared entities
// count more than ubiquitous ones, but Adamic–Adar (sum over shared features of 1 / ln df) has no
// length normalisation, so a long round-up article that mentions everything becomes everyone's
// nearest neighbour. The cosine divides by both vector norms, bounds scores to (0, 1] so they
// compare across queries, and it decomposes exactly into one term per shared feature: the
// "contribution" each result lists sums to its score, which is what explains a ranking.
#include "query/query.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <exception>
#include <filesystem>
#include <limits>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <tuple>
#include <unordered_map>

#include "core/error.hpp"
#include "core/util/text.hpp"

namespace polgraph {

using nlohmann::json;
using NI = KnowledgeGraph::NodeIndex;

namespace {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

// Levenshtein distance on bytes, giving up (returning limit + 1) once it must exceed `limit`.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
    if (a.size() > b.size()) std::swap(a, b);
    if (b.size() - a.size() > limit) return limit + 1;
    std::vector<std::size_t> row(a.size() + 1);
    for (std::size_t i = 0; i <= a.size(); ++i) row[i] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
        std::size_t diag = row[0], best = row[0] = j;
        for (std::size_t i = 1; i <= a.size(); ++i) {
            std::size_t up = row[i];
            row[i] = std::min({row[i] + 1, row[i - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
            best = std::min(best, row[i]);
        }
        if (best > limit) return limit + 1;
    }
    return row[a.size()];
}

// The part of an id after "type:".
std::string_view id_slug(const std::string& id) {
    auto p = id.find(':');
    return p == std::string::npos ? std::string_view(id) : std::string_view(id).substr(p + 1);
}

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

json num(double x) {
    if (std::isfinite(x) && std::floor(x) == x && std::fabs(x) < 1e15)
        return static_cast<std::int64_t>(x);
    return std::isfinite(x) ? std::round(x * 1e6) / 1e6 : 0.0;
}

json ref_json(const NodeRef& r) {
    return {{"id", r.id}, {"label", r.label}, {"type", r.type}, {"date", r.date}};
}

} // namespace

const std::vector<std::string>& centrality_names() {
    static const std::vector<std::string> names = {"degree", "weighted", "pagerank", "betweenness"};
    return names;
}

struct QueryIndex::Impl {
    const KnowledgeGraph& g;

    std::vector<NI> articles;              // article number -> node
    std::vector<std::uint32_t> article_of; // node -> article number or kNone
    std::vector<NI> features;              // feature number -> node (entities, then topics)
    std::vector<std::uint32_t> feature_of; // node -> feature number or kNone
    std::vector<double> idf;               // per feature
    std::vector<NI> entities;              // entity number -> node
    std::vector<std::uint32_t> entity_of;  // node -> entity number or kNone

    // article -> (feature, weight), sorted by feature
    std::vector<std::size_t> af_off;
    std::vector<std::pair<std::uint32_t, double>> af;
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

    // Up to k articles mentioning both entities: the rarer entity's most prominent mentions.
    std::vector<std::string> shared_articles(std::uint32_t x, std::uint32_t y,
                                             std::size_t k) const {
        std::uint32_t fx = entity_feature(x), fy = entity_feature(y);
        if (df(fx) > df(fy)) std::swap(fx, fy);
        std::vector<std::string> out;
        for (std::size_t i = fa_off[fx]; i < fa_off[fx + 1] && out.size() < k; ++i) {
            std::uint32_t a = fa[fa_prominent[i]].article;
            if (has_article(fy, a)) out.push_back(g.node(articles[a]).id);
        }
        return out;
    }
};

QueryIndex::Impl::Impl(const KnowledgeGraph& graph) : g(graph) {
    const std::size_t n = g.node_count();
    article_of.assign(n, kNone);
    feature_of.assign(n, kNone);
    entity_of.assign(n, kNone);
    entity_names.what = "entity";
    entity_names.levels.resize(4);
    entity_names.levels[3].slug = true;
    topic_names.what = "topic";
    topic_names.levels.resize(3);
    topic_names.levels[2].slug = true;
    article_names.what = "article";
    article_names.levels.resize(3);

    std::vector<NI> topics;
    for (NI v = 0; v < n; ++v) {
        const Node& node = g.node(v);
        switch (node.kind) {
        case NodeKind::Article:
            article_of[v] = static_cast<std::uint32_t>(articles.size());
            articles.push_back(v);
            break;
        case NodeKind::Entity: {
            entity_of[v] = static_cast<std::uint32_t>(entities.size());
            entities.push_back(v);
            entity_types.insert(node.type);
            entity_names.add(0, node.id, v);
            entity_names.add(1, node.label, v);
            if (auto it = node.attrs.find("forms"); it != node.attrs.end() && it->is_array())
                for (const auto& f : *it)
                    if (f.is_string()) entity_names.add(2, f.get<std::string>(), v);
            entity_names.add(3, std::string(id_slug(node.id)), v);
            break;
        }
        case NodeKind::Topic:
            topics.push_back(v);
            topic_names.add(0, node.id, v);
            topic_names.add(1, node.label, v);
            topic_names.add(2, std::string(id_slug(node.id)), v);
            break;
        case NodeKind::Keyphrase:
            break;
        }
    }
    // Features: entities first, then topics, each in node (= id) order.
    for (NI v : entities) {
        feature_of[v] = static_cast<std::uint32_t>(features.size());
        features.push_back(v);
    }
    for (NI v : topics) {
        feature_of[v] = static_cast<std::uint32_t>(features.size());
        features.push_back(v);
    }

    // The two halves of the index read the graph and fill disjoint members: one on a second
    // thread (a graph of 10^5 articles indexes in half the time on two cores).
    std::exception_ptr error;
    std::thread adjacency([&] {
        try {
            build_adjacency(topics);
        } catch (...) {
            error = std::current_exception();
        }
    });
    try {
        build_postings();
    } catch (...) {
        adjacency.join();
        throw;
    }
    adjacency.join();
    if (error) std::rethrow_exception(error);
}

void QueryIndex::Impl::build_postings() {
    // Article -> features with their term frequencies, and the edges behind them. The graph's
    // Edge objects are large and scattered, so each is read once and the rest works on the
    // compact copies.
    struct Item {
        std::uint32_t feature;
        double tf;
        const Edge* edge;
    };
    std::vector<Item> items;
    af_off.assign(articles.size() + 1, 0);
    std::vector<std::size_t> df_count(features.size(), 0);
    for (std::uint32_t a = 0; a < articles.size(); ++a) {
        const std::size_t begin = items.size();
        g.for_each_out_edge(articles[a], [&](NI t, const Edge& e) {
            const std::uint32_t f = feature_of[t];
            if (f == kNone) return;
            if (e.kind == "mentions")
                items.push_back({f, 1.0 + std::log(std::max(1.0, e.weight)), &e});
            else if (e.kind == "has_topic") items.push_back({f, 1.0, &e});
        });
        auto b = items.begin() + static_cast<long>(begin);
        std::sort(b, items.end(),
                  [](const Item& x, const Item& y) { return x.feature < y.feature; });
        items.erase(
            std::unique(b, items.end(),
                        [](const Item& x, const Item& y) { return x.feature == y.feature; }),
            items.end());
        for (auto it = items.begin() + static_cast<long>(begin); it != items.end(); ++it)
            ++df_count[it->feature];
        af_off[a + 1] = items.size();
    }
    const double N = static_cast<double>(articles.size());
    idf.resize(features.size());
    for (std::size_t f = 0; f < features.size(); ++f)
        idf[f] = df_count[f] > 0 ? std::log(N / static_cast<double>(df_count[f])) : 0.0;

    fa_off.assign(features.size() + 1, 0);
    for (std::size_t f = 0; f < features.size(); ++f) fa_off[f + 1] = fa_off[f] + df_count[f];
    fa.resize(fa_off.back());
    af.resize(items.size());
    std::vector<std::size_t> fill(fa_off.begin(), fa_off.end() - 1);
    norm.assign(articles.size(), 0.0);
    // Prominence key per posting: in the lead, mentions, date rank (newer first), article.
    std::vector<std::uint32_t> date_rank(articles.size());
    {
        std::vector<std::uint32_t> by_date(articles.size());
        for (std::uint32_t a = 0; a < articles.size(); ++a) by_date[a] = a;
        std::stable_sort(by_date.begin(), by_date.end(), [&](std::uint32_t x, std::uint32_t y) {
            return g.node(articles[x]).date < g.node(articles[y]).date;
        });
        for (std::uint32_t r = 0; r < by_date.size(); ++r) date_rank[by_date[r]] = r;
    }
    struct Prominence {
        bool lead;
        double count;
        std::uint32_t date;
        std::uint32_t article;
    };
    std::vector<Prominence> prom(fa.size());
    for (std::uint32_t a = 0; a < articles.size(); ++a) {
        double sq = 0;
        for (std::size_t i = af_off[a]; i < af_off[a + 1]; ++i) {
            const Item& it = items[i];
            const double w = it.tf * idf[it.feature];
            af[i] = {it.feature, w};
            const std::size_t p = fill[it.feature]++;
            fa[p] = {a, w, it.edge};
            prom[p] = {it.edge->more().in_lead, it.edge->weight, date_rank[a], a};
            sq += w * w;
        }
        norm[a] = std::sqrt(sq);
    }
    items.clear();
    items.shrink_to_fit();
    fa_prominent.resize(fa.size());
    for (std::size_t i = 0; i < fa.size(); ++i) fa_prominent[i] = static_cast<std::uint32_t>(i);
    for (std::size_t f = 0; f < features.size(); ++f)
        std::sort(fa_prominent.begin() + static_cast<long>(fa_off[f]),
                  fa_prominent.begin() + static_cast<long>(fa_off[f + 1]),
                  [&](std::uint32_t x, std::uint32_t y) {
                      const Prominence &p = prom[x], &q = prom[y];
                      if (p.lead != q.lead) return p.lead;
                      if (p.count != q.count) return p.count > q.count;
                      if (p.date != q.date) return p.date > q.date;
                      return p.article < q.article;
                  });
}

void QueryIndex::Impl::build_adjacency(const std::vector<NI>& topics) {
    // Entity co-occurrence adjacency and relations: the out-edges of entity nodes (a co_occurs
    // edge leaves the smaller node); the topic hierarchy: the out-edges of topic nodes.
    struct Pair {
        std::uint32_t a, b;
        double weight;
        std::uint32_t sentences;
    };
    std::vector<Pair> pairs;
    std::vector<std::size_t> degree(entities.size(), 0);
    for (std::uint32_t x = 0; x < entities.size(); ++x)
        g.for_each_out_edge(entities[x], [&](NI t, const Edge& e) {
            if (e.kind == "co_occurs") {
                const std::uint32_t y = entity_of[t];
                if (y == kNone || y == x) return;
                pairs.push_back({x, y, e.weight, e.sentences});
                ++degree[x];
                ++degree[y];
            } else if (is_relation_kind(e.kind)) {
                const NI s = entities[x];
                std::uint64_t key =
                    (static_cast<std::uint64_t>(std::min(s, t)) << 32) | std::max(s, t);
                relations[key].emplace_back(s, t, &e);
            }
        });
    for (NI v : topics)
        g.for_each_out_edge(v, [&](NI t, const Edge& e) {
            if (e.kind == "subtopic_of") subtopics[t].push_back(v);
        });
    adj_off.assign(entities.size() + 1, 0);
    for (std::size_t x = 0; x < entities.size(); ++x) adj_off[x + 1] = adj_off[x] + degree[x];
    adj.resize(adj_off.back());
    std::vector<std::size_t> next(adj_off.begin(), adj_off.end() - 1);
    for (const Pair& p : pairs) {
        adj[next[p.a]++] = {p.b, p.weight, p.sentences};
        adj[next[p.b]++] = {p.a, p.weight, p.sentences};
    }
}

void QueryIndex::Impl::ensure_article_names() const {
    std::call_once(article_names_once, [&] {
        for (NI v : articles) {
            const Node& node = g.node(v);
            article_names.add(0, node.id, v);
            const std::string& path = node.article.path;
            if (!path.empty()) {
                paths.emplace(path, v);
                article_names.add(1, std::filesystem::path(path).stem().string(), v);
            }
            article_names.add(2, node.article.title, v);
        }
    });
}

void QueryIndex::Impl::not_found(const NameTable& t, std::string_view name) const {
    const std::string q = casefold(name);
    const std::size_t limit = std::max<std::size_t>(2, q.size() / 3);
    // Best (class, distance) per node: class 0 = one name contains the other, 1 = edit distance.
    std::unordered_map<NI, std::pair<int, std::size_t>> best;
    auto consider = [&](const std::string& key, NI v) {
        std::pair<int, std::size_t> score{2, 0};
        if (key.find(q) != std::string::npos) score = {0, key.size() - q.size()};
        else if (key.size() >= 3 && q.find(key) != std::string::npos)
            score = {0, q.size() - key.size()};
        else if (std::size_t d = edit_distance(q, key, limit); d <= limit) score = {1, d};
        if (score.first == 2) return;
        auto [it, fresh] = best.emplace(v, score);
        if (!fresh && score < it->second) it->second = score;
    };
    for (const auto& level : t.levels)
        if (!level.slug)
            for (const auto& [key, nodes] : level.keys)
                for (NI v : nodes) consider(key, v);
    std::vector<std::pair<std::pair<int, std::size_t>, NI>> ranked;
    for (const auto& [v, s] : best) ranked.push_back({s, v});
    std::sort(ranked.begin(), ranked.end(), [&](const auto& x, const auto& y) {
        if (x.first != y.first) return x.first < y.first;
        const Node &a = g.node(x.second), &b = g.node(y.second);
        if (a.articles != b.articles) return a.articles > b.articles;
        return a.id < b.id;
    });
    std::string msg = "no " + t.what + " named \"" + std::string(name) + "\" in the graph";
    if (ranked.empty()) {
        msg += " (names match ids, names and aliases, case-insensitively)";
    } else {
        msg += "; did you mean ";
        for (std::size_t i = 0; i < ranked.size() && i < 5; ++i) {
            const Node& n = g.node(ranked[i].second);
            if (i > 0) msg += ", ";
            msg += "\"" + (n.kind == NodeKind::Article ? n.id : n.label) + "\"";
            if (n.kind != NodeKind::Article) msg += " (" + n.id + ")";
        }
        msg += "?";
    }
    throw UsageError(msg);
}

NI QueryIndex::Impl::pick(const NameTable& t, std::vector<NI> found, std::string_view name) const {
    if (found.size() == 1) return found.front();
    if (found.empty()) not_found(t, name);
    std::sort(found.begin(), found.end());
    std::string msg = "\"" + std::string(name) + "\" is ambiguous: it names ";
    for (std::size_t i = 0; i < found.size(); ++i) {
        const Node& n = g.node(found[i]);
        if (i > 0) msg += ", ";
        msg += "\"" + n.label + "\" (" + n.id + ")";
    }
    throw UsageError(msg + "; give the id");
}

NI QueryIndex::Impl::resolve_article(std::string_view name) const {
    if (auto v = g.find(std::string(name)); v && article_of[*v] != kNone) return *v;
    ensure_article_names();
    if (auto it = paths.find(std::string(name)); it != paths.end()) return it->second;
    auto found = article_names.lookup(name);
    if (found.empty() && !name.empty()) {
        // A path spelled differently from the one stored (relative, with ./ or ..).
        std::error_code ec;
        std::filesystem::path p(name);
        auto canonical = std::filesystem::weakly_canonical(p, ec);
        if (!ec)
            if (auto it = paths.find(canonical.string()); it != paths.end()) return it->second;
        if (p.has_extension() || p.has_parent_path())
            found = article_names.lookup(p.stem().string());
    }
    return pick(article_names, std::move(found), name);
}

QueryIndex::QueryIndex(const KnowledgeGraph& g) : impl_(std::make_unique<Impl>(g)) {}
QueryIndex::~QueryIndex() = default;

const KnowledgeGraph& QueryIndex::graph() const {
    return impl_->g;
}
NodeRef QueryIndex::ref(NI v) const {
    return impl_->ref(v);
}

NI QueryIndex::resolve_entity(std::string_view name) const {
    return impl_->resolve(impl_->entity_names, name);
}
NI QueryIndex::resolve_article(std::string_view name) const {
    return impl_->resolve_article(name);
}
NI QueryIndex::resolve_topic(std::string_view name) const {
    return impl_->resolve(impl_->topic_names, name);
}

void QueryIndex::check_type(std::string_view type) const {
    if (type.empty() || impl_->entity_types.count(std::string(type))) return;
    std::string known;
    for (const auto& t : impl_->entity_types) known += (known.empty() ? "" : ", ") + t;
    throw UsageError("unknown entity type \"" + std::string(type) +
                     "\"; this graph has: " + (known.empty() ? "no entities" : known));
}

RelatedResult QueryIndex::related(std::string_view article, std::size_t top) const {
    const Impl& m = *impl_;
    NI v = m.resolve_article(article);
    const std::uint32_t a = m.article_of[v];
    RelatedResult res;
    res.article = m.ref(v);
    if (m.norm[a] == 0) return res;
    // Accumulate dot products over the postings of the article's features.
    std::vector<double> dot(m.n_articles(), 0.0);
    std::vector<std::uint32_t> touched;
    for (std::size_t i = m.af_off[a]; i < m.af_off[a + 1]; ++i) {
        const auto [f, wa] = m.af[i];
        if (wa == 0) continue;
        for (std::size_t p = m.fa_off[f]; p < m.fa_off[f + 1]; ++p) {
            const Posting& post = m.fa[p];
            if (post.article == a || post.weight == 0) continue;
            if (dot[post.article] == 0) touched.push_back(post.article);
            dot[post.article] += wa * post.weight;
        }
    }
    std::vector<std::pair<double, std::uint32_t>> scored;
    scored.reserve(touched.size());
    for (std::uint32_t b : touched) scored.emplace_back(dot[b] / (m.norm[a] * m.norm[b]), b);
    auto better = [](const auto& x, const auto& y) {
        return x.first != y.first ? x.first > y.first : x.second < y.second;
    };
    std::size_t k = top == 0 ? scored.size() : std::min(top, scored.size());
    std::partial_sort(scored.begin(), scored.begin() + static_cast<long>(k), scored.end(), better);
    for (std::size_t r = 0; r < k; ++r) {
        const auto [score, b] = scored[r];
        RelatedArticle ra;
        ra.article = m.ref(m.articles[b]);
        ra.score = score;
        // Shared features: merge the two sorted feature lists.
        std::size_t i = m.af_off[a], j = m.af_off[b];
        while (i < m.af_off[a + 1] && j < m.af_off[b + 1]) {
            if (m.af[i].first < m.af[j].first) ++i;
            else if (m.af[j].first < m.af[i].first) ++j;
            else {
                const std::uint32_t f = m.af[i].first;
                double c = m.af[i].second * m.af[j].second / (m.norm[a] * m.norm[b]);
                if (c > 0) ra.shared.push_back({m.ref(m.features[f]), m.idf[f], c});
                ++i;
                ++j;
            }
        }
        std::sort(ra.shared.begin(), ra.shared.end(),
                  [](const SharedFeature& x, const SharedFeature& y) {
                      if (x.contribution != y.contribution) return x.contribution > y.contribution;
                      return x.node.id < y.node.id;
                  });
        res.results.push_back(std::move(ra));
    }
    return res;
}

EntityArticlesResult QueryIndex::entity_articles(std::string_view entity, std::size_t top) const {
    const Impl& m = *impl_;
    NI v = resolve_entity(entity);
    const std::uint32_t f = m.feature_of[v];
    EntityArticlesResult res;
    res.entity = m.ref(v);
    res.total = m.df(f);
    for (std::size_t i = m.fa_off[f]; i < m.fa_off[f + 1]; ++i) {
        if (top != 0 && res.results.size() >= top) break;
        const Posting& p = m.fa[m.fa_prominent[i]];
        res.results.push_back({m.ref(m.articles[p.article]), p.edge->more().in_lead,
                               static_cast<int>(p.edge->weight), p.edge->more().forms});
    }
    return res;
}

NeighborsResult QueryIndex::neighbors(std::string_view entity, std::string_view type,
                                      std::size_t top, int depth) const {
    const Impl& m = *impl_;
    if (depth != 1 && depth != 2) throw UsageError("depth must be 1 or 2");
    check_type(type);
    NI v = resolve_entity(entity);
    const std::uint32_t e = m.entity_of[v];
    NeighborsResult res;
    res.entity = m.ref(v);
    res.depth = depth;
    res.type = std::string(type);
    auto type_ok = [&](std::uint32_t x) {
        return type.empty() || m.g.node(m.entities[x]).type == type;
    };
    // Ring 1: by weight, then sentences, then entity number (= id order).
    std::vector<const Adj*> ring;
    for (std::size_t i = m.adj_off[e]; i < m.adj_off[e + 1]; ++i)
        if (type_ok(m.adj[i].other)) ring.push_back(&m.adj[i]);
    res.total = ring.size();
    const std::size_t k = top == 0 ? ring.size() : std::min(top, ring.size());
    std::partial_sort(ring.begin(), ring.begin() + static_cast<long>(k), ring.end(),
                      [](const Adj* x, const Adj* y) {
                          if (x->weight != y->weight) return x->weight > y->weight;
                          if (x->sentences != y->sentences) return x->sentences > y->sentences;
                          return x->other < y->other;
                      });
    for (std::size_t r = 0; r < k; ++r) {
        const Adj& n = *ring[r];
        Neighbor nb;
        nb.entity = m.ref(m.entities[n.other]);
        nb.weight = n.weight;
        nb.shared_articles = static_cast<std::uint32_t>(n.weight);
        nb.sentences = n.sentences;
        nb.examples = m.shared_articles(e, n.other, 3);
        res.results.push_back(std::move(nb));
    }
    if (depth == 1) return res;

    // Second ring: entities reached through a neighbour m but not co-occurring with e. A path
    // e - m - x is as strong as its weaker hop; x's weight sums that over the intermediates.
    const std::size_t E = m.entities.size();
    std::vector<char> ring1(E, 0);
    ring1[e] = 1;
    for (std::size_t i = m.adj_off[e]; i < m.adj_off[e + 1]; ++i) ring1[m.adj[i].other] = 1;
    struct Via {
        double weight = 0;
        std::array<std::pair<double, std::uint32_t>, 3> best{};
        std::size_t n = 0;
    };
    std::unordered_map<std::uint32_t, Via> ring2;
    for (std::size_t i = m.adj_off[e]; i < m.adj_off[e + 1]; ++i) {
        const std::uint32_t mid = m.adj[i].other;
        const double w1 = m.adj[i].weight;
        for (std::size_t j = m.adj_off[mid]; j < m.adj_off[mid + 1]; ++j) {
            const std::uint32_t x = m.adj[j].other;
            if (ring1[x] || !type_ok(x)) continue;
            const double s = std::min(w1, m.adj[j].weight);
            Via& via = ring2[x];
            via.weight += s;
            // Keep the three strongest intermediates (ties: smaller entity number).
            std::pair<double, std::uint32_t> cand{s, mid};
            auto weaker = [](const auto& p, const auto& q) {
                return p.first != q.first ? p.first < q.first : p.second > q.second;
            };
            if (via.n < 3) via.best[via.n++] = cand;
            else if (weaker(via.best[2], cand)) via.best[2] = cand;
            else continue;
            std::sort(via.best.begin(), via.best.begin() + static_cast<long>(via.n),
                      [&](const auto& p, const auto& q) { return weaker(q, p); });
        }
    }
    std::vector<std::pair<double, std::uint32_t>> order;
    for (const auto& [x, via] : ring2) order.emplace_back(via.weight, x);
    std::sort(order.begin(), order.end(), [](const auto& p, const auto& q) {
        return p.first != q.first ? p.first > q.first : p.second < q.second;
    });
    res.total += order.size();
    for (std::size_t r = 0; r < order.size() && (top == 0 || r < top); ++r) {
        const std::uint32_t x = order[r].second;
        const Via& via = ring2.at(x);
        Neighbor nb;
        nb.entity = m.ref(m.entities[x]);
        nb.distance = 2;
        nb.weight = via.weight;
        for (std::size_t k = 0; k < via.n; ++k)
            nb.via.push_back(m.ref(m.entities[via.best[k].second]));
        const std::uint32_t mid = via.best[0].second;
        for (auto& id : m.shared_articles(e, mid, 1)) nb.examples.push_back(std::move(id));
        for (auto& id : m.shared_articles(mid, x, 1)) nb.examples.push_back(std::move(id));
        res.results.push_back(std::move(nb));
    }
    return res;
}

PathResult QueryIndex::path(std::string_view from, std::string_view to) const {
    const Impl& m = *impl_;
    NI va = resolve_entity(from), vb = resolve_entity(to);
    PathResult res;
    res.from = m.ref(va);
    res.to = m.ref(vb);
    const std::uint32_t A = m.entity_of[va], B = m.entity_of[vb];
    if (A == B) {
        res.found = true;
        return res;
    }
    const std::size_t E = m.entities.size();
    // Breadth-first search from A, stopping when B is reached: every node nearer than B then
    // has its distance. The nodes on shortest paths are those reached back from B through
    // neighbours one step nearer to A.
    std::vector<int> da(E, -1);
    std::vector<std::uint32_t> queue{A};
    da[A] = 0;
    for (std::size_t q = 0; q < queue.size() && da[B] < 0; ++q) {
        const std::uint32_t u = queue[q];
        for (std::size_t i = m.adj_off[u]; i < m.adj_off[u + 1]; ++i) {
            const std::uint32_t w = m.adj[i].other;
            if (da[w] >= 0) continue;
            da[w] = da[u] + 1;
            if (w == B) break;
            queue.push_back(w);
        }
    }
    if (da[B] < 0) return res;
    const std::size_t D = static_cast<std::size_t>(da[B]);
    std::vector<char> on_path(E, 0);
    std::vector<std::vector<std::uint32_t>> layers(D + 1); // on-path nodes by distance from A
    layers[D].push_back(B);
    on_path[B] = 1;
    for (std::size_t k = D; k > 0; --k)
        for (std::uint32_t u : layers[k])
            for (std::size_t i = m.adj_off[u]; i < m.adj_off[u + 1]; ++i) {
                const std::uint32_t w = m.adj[i].other;
                if (da[w] == static_cast<int>(k) - 1 && !on_path[w]) {
                    on_path[w] = 1;
                    layers[k - 1].push_back(w);
                }
            }
    auto next_hops = [&](std::uint32_t u, auto&& f) {
        for (std::size_t i = m.adj_off[u]; i < m.adj_off[u + 1]; ++i) {
            const std::uint32_t w = m.adj[i].other;
            if (on_path[w] && da[w] == da[u] + 1) f(w, m.adj[i].weight);
        }
    };
    // 1. The best bottleneck (weakest hop) from each node to B.
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<double> bottleneck(E, -inf), sum(E, -inf);
    bottleneck[B] = inf;
    for (std::size_t k = D; k-- > 0;)
        for (std::uint32_t u : layers[k])
            next_hops(u, [&](std::uint32_t w, double wt) {
                bottleneck[u] = std::max(bottleneck[u], std::min(wt, bottleneck[w]));
            });
    const double floor = bottleneck[A];
    // 2. Among hops no weaker than that, the greatest summed weight to B.
    sum[B] = 0;
    for (std::size_t k = D; k-- > 0;)
        for (std::uint32_t u : layers[k])
            next_hops(u, [&](std::uint32_t w, double wt) {
                if (wt >= floor && sum[w] > -inf) sum[u] = std::max(sum[u], wt + sum[w]);
            });
    // 3. Walk from A, taking the best next hop; ties go to the smaller id.
    std::uint32_t u = A;
    while (u != B) {
        std::uint32_t pick = kNone;
        double pick_w = 0;
        next_hops(u, [&](std::uint32_t w, double wt) {
            if (wt < floor || sum[w] == -inf || wt + sum[w] != sum[u]) return;
            if (pick == kNone || w < pick) {
                pick = w;
                pick_w = wt;
            }
        });
        PathHop hop;
        hop.from = m.ref(m.entities[u]);
        hop.to = m.ref(m.entities[pick]);
        hop.weight = pick_w;
        hop.articles = m.shared_articles(u, pick, 5);
        const NI nu = m.entities[u], np = m.entities[pick];
        const std::uint64_t key =
            (static_cast<std::uint64_t>(std::min(nu, np)) << 32) | std::max(nu, np);
        if (auto it = m.relations.find(key); it != m.relations.end())
            for (const auto& [s, t, edge] : it->second)
                for (std::size_t k = 0; k < edge->more().evidence.size() && k < 3; ++k) {
                    const Evidence& ev = edge->more().evidence[k];
                    hop.relations.push_back(
                        {edge->kind, m.ref(s), m.ref(t), ev.article, ev.sentence, ev.text});
                }
        res.hops.push_back(std::move(hop));
        u = pick;
    }
    res.found = true;
    return res;
}

TopResult QueryIndex::top(std::string_view by, std::string_view type, std::string_view topic,
                          std::size_t top) const {
    const Impl& m = *impl_;
    const auto& names = centrality_names();
    if (std::find(names.begin(), names.end(), by) == names.end())
        throw UsageError("unknown centrality \"" + std::string(by) +
                         "\"; use degree, weighted, pagerank or betweenness");
    check_type(type);
    TopResult res;
    res.by = std::string(by);
    res.type = std::string(type);

    // The network: entity numbers `members` (local index = position) and edges between them.
    std::vector<std::uint32_t> members;
    std::vector<NetworkEdge> edges;
    std::vector<std::size_t> mentions; // articles per member
    const bool whole = topic.empty();
    if (whole) {
        for (std::uint32_t e = 0; e < m.entities.size(); ++e) {
            members.push_back(e);
            mentions.push_back(m.df(m.entity_feature(e)));
            for (std::size_t i = m.adj_off[e]; i < m.adj_off[e + 1]; ++i)
                if (m.adj[i].other > e) edges.push_back({e, m.adj[i].other, m.adj[i].weight});
        }
        std::sort(edges.begin(), edges.end(), [](const NetworkEdge& x, const NetworkEdge& y) {
            return x.a != y.a ? x.a < y.a : x.b < y.b;
        });
    } else {
        NI tv = resolve_topic(topic);
        res.topic = m.ref(tv);
        // The topic and its subtopics, then the articles with any of them.
        std::vector<NI> stack{tv}, topics;
        std::set<NI> seen{tv};
        while (!stack.empty()) {
            NI t = stack.back();
            stack.pop_back();
            topics.push_back(t);
            if (auto it = m.subtopics.find(t); it != m.subtopics.end())
                for (NI c : it->second)
                    if (seen.insert(c).second) stack.push_back(c);
        }
        std::vector<std::uint32_t> arts;
        for (NI t : topics) {
            const std::uint32_t f = m.feature_of[t];
            for (std::size_t p = m.fa_off[f]; p < m.fa_off[f + 1]; ++p)
                arts.push_back(m.fa[p].article);
        }
        std::sort(arts.begin(), arts.end());
        arts.erase(std::unique(arts.begin(), arts.end()), arts.end());
        std::vector<std::uint32_t> local(m.entities.size(), kNone);
        std::unordered_map<std::uint64_t, double> pairs;
        std::vector<std::uint32_t> ents;
        for (std::uint32_t a : arts) {
            ents.clear();
            for (std::size_t i = m.af_off[a]; i < m.af_off[a + 1]; ++i) {
                NI node = m.features[m.af[i].first];
                if (m.entity_of[node] != kNone) ents.push_back(m.entity_of[node]);
            }
            for (std::uint32_t x : ents) {
                if (local[x] == kNone) {
                    local[x] = 0;
                    members.push_back(x);
                }
            }
            for (std::size_t i = 0; i < ents.size(); ++i)
                for (std::size_t j = i + 1; j < ents.size(); ++j)
                    pairs[(static_cast<std::uint64_t>(std::min(ents[i], ents[j])) << 32) |
                          std::max(ents[i], ents[j])] += 1;
        }
        std::sort(members.begin(), members.end());
        for (std::uint32_t i = 0; i < members.size(); ++i) local[members[i]] = i;
        mentions.assign(members.size(), 0);
        for (std::uint32_t a : arts)
            for (std::size_t i = m.af_off[a]; i < m.af_off[a + 1]; ++i) {
                NI node = m.features[m.af[i].first];
                if (m.entity_of[node] != kNone) ++mentions[local[m.entity_of[node]]];
            }
        for (const auto& [key, w] : pairs)
            edges.push_back({local[key >> 32], local[key & 0xffffffffu], w});
        std::sort(edges.begin(), edges.end(), [](const NetworkEdge& x, const NetworkEdge& y) {
            return x.a != y.a ? x.a < y.a : x.b < y.b;
        });
    }
    const std::size_t n = members.size();
    res.network_entities = n;
    std::vector<std::size_t> degree(n, 0);
    std::vector<double> strength(n, 0.0);
    for (const auto& e : edges) {
        ++degree[e.a];
        ++degree[e.b];
        strength[e.a] += e.weight;
        strength[e.b] += e.weight;
    }
    std::vector<double> score(n, 0.0);
    if (by == "degree") {
        for (std::size_t i = 0; i < n; ++i) score[i] = static_cast<double>(degree[i]);
    } else if (by == "weighted") {
        score = strength;
    } else if (by == "pagerank") {
        if (whole) {
            std::call_once(m.pagerank_once, [&] { m.pagerank = network_pagerank(n, edges); });
            score = m.pagerank;
        } else {
            score = network_pagerank(n, edges);
        }
    } else {
        if (whole) {
            std::call_once(m.betweenness_once,
                           [&] { m.betweenness = network_betweenness(n, edges); });
            score = m.betweenness;
        } else {
            score = network_betweenness(n, edges);
        }
    }
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < n; ++i)
        if (type.empty() || m.g.node(m.entities[members[i]]).type == type) order.push_back(i);
    auto better = [&](std::size_t x, std::size_t y) {
        if (score[x] != score[y]) return score[x] > score[y];
        return members[x] < members[y];
    };
    std::size_t k = top == 0 ? order.size() : std::min(top, order.size());
    std::partial_sort(order.begin(), order.begin() + static_cast<long>(k), order.end(), better);
    for (std::size_t r = 0; r < k; ++r) {
        const std::size_t i = order[r];
        res.results.push_back(
            {m.ref(m.entities[members[i]]), score[i], degree[i], strength[i], mentions[i]});
    }
    return res;
}

StatsResult QueryIndex::stats() const {
    const Impl& m = *impl_;
    std::call_once(m.stats_once, [&] {
        const KnowledgeGraph& g = m.g;
        StatsResult s;
        s.nodes = g.node_count();
        s.edges = g.edge_count();
        std::map<std::string, std::size_t> types, kinds, sources;
        for (NI v = 0; v < g.node_count(); ++v) {
            const Node& n = g.node(v);
            ++types[n.type];
            if (n.kind != NodeKind::Article) continue;
            ++sources[n.article.source];
            if (n.date.empty()) {
                ++s.undated_articles;
                continue;
            }
            if (s.first_date.empty() || n.date < s.first_date) s.first_date = n.date;
            if (s.last_date.empty() || n.date > s.last_date) s.last_date = n.date;
        }
        g.for_each_edge([&](NI, NI, const Edge& e) { ++kinds[e.kind]; });
        auto sorted = [](const std::map<std::string, std::size_t>& counts) {
            std::vector<Count> out;
            for (const auto& [name, c] : counts) out.push_back({name, c});
            std::stable_sort(out.begin(), out.end(),
                             [](const Count& a, const Count& b) { return a.count > b.count; });
            return out;
        };
        s.node_types = sorted(types);
        s.edge_kinds = sorted(kinds);
        s.sources = sorted(sources);
        auto largest = [](const std::vector<int>& comp, int count) {
            std::vector<std::size_t> size(static_cast<std::size_t>(count), 0);
            for (int c : comp) ++size[static_cast<std::size_t>(c)];
            return size.empty() ? std::size_t{0} : *std::max_element(size.begin(), size.end());
        };
        auto [comp, count] = g.components();
        s.components = static_cast<std::size_t>(count);
        s.largest_component = largest(comp, count);
        std::vector<NetworkEdge> edges;
        for (std::uint32_t e = 0; e < m.entities.size(); ++e) {
            if (m.adj_off[e] == m.adj_off[e + 1]) ++s.isolated_entities;
            for (std::size_t i = m.adj_off[e]; i < m.adj_off[e + 1]; ++i)
                if (m.adj[i].other > e) edges.push_back({e, m.adj[i].other, m.adj[i].weight});
        }
        auto [ecomp, ecount] = network_components(m.entities.size(), edges);
        s.entity_components = static_cast<std::size_t>(ecount);
        s.largest_entity_component = largest(ecomp, ecount);
        m.stats = std::move(s);
    });
    return m.stats;
}

// ---- JSON ----------------------------------------------------------------------------------

json to_json(const RelatedResult& r) {
    json results = json::array();
    std::size_t rank = 0;
    for (const auto& a : r.results) {
        json shared = json::array();
        for (const auto& s : a.shared) {
            json js = ref_json(s.node);
            js.erase("date");
            js["idf"] = num(s.idf);
            js["contribution"] = num(s.contribution);
            shared.push_back(std::move(js));
        }
        json j = ref_json(a.article);
        j["rank"] = ++rank;
        j["score"] = num(a.score);
        j["shared"] = std::move(shared);
        results.push_back(std::move(j));
    }
    return {{"query", "related"},
            {"article", ref_json(r.article)},
            {"measure", "idf-cosine"},
            {"results", std::move(results)}};
}

json to_json(const EntityArticlesResult& r) {
    json results = json::array();
    std::size_t rank = 0;
    for (const auto& a : r.results) {
        json j = ref_json(a.article);
        j["rank"] = ++rank;
        j["in_lead"] = a.in_lead;
        j["mentions"] = a.count;
        j["forms"] = a.forms;
        results.push_back(std::move(j));
    }
    return {{"query", "related"},
            {"entity", ref_json(r.entity)},
            {"total", r.total},
            {"results", std::move(results)}};
}

json to_json(const NeighborsResult& r) {
    json results = json::array();
    std::size_t rank = 0;
    for (const auto& n : r.results) {
        json j = ref_json(n.entity);
        j["rank"] = ++rank;
        j["distance"] = n.distance;
        j["weight"] = num(n.weight);
        j["shared_articles"] = n.shared_articles;
        j["sentences"] = n.sentences;
        j["examples"] = n.examples;
        if (n.distance == 2) {
            json via = json::array();
            for (const auto& v : n.via) via.push_back(v.id);
            j["via"] = std::move(via);
        }
        results.push_back(std::move(j));
    }
    return {{"query", "neighbors"}, {"entity", ref_json(r.entity)},
            {"depth", r.depth},     {"type", r.type},
            {"total", r.total},     {"results", std::move(results)}};
}

json to_json(const PathResult& r) {
    json hops = json::array();
    for (const auto& h : r.hops) {
        json rel = json::array();
        for (const auto& x : h.relations)
            rel.push_back({{"type", x.type},
                           {"source", x.source.id},
                           {"target", x.target.id},
                           {"article", x.article},
                           {"sentence", x.sentence},
                           {"text", x.text}});
        hops.push_back({{"from", ref_json(h.from)},
                        {"to", ref_json(h.to)},
                        {"weight", num(h.weight)},
                        {"articles", h.articles},
                        {"relations", std::move(rel)}});
    }
    return {{"query", "path"},
            {"from", ref_json(r.from)},
            {"to", ref_json(r.to)},
            {"found", r.found},
            {"length", r.found ? json(r.hops.size()) : json(nullptr)},
            {"hops", std::move(hops)}};
}

json to_json(const TopResult& r) {
    json results = json::array();
    std::size_t rank = 0;
    for (const auto& c : r.results) {
        json j = ref_json(c.entity);
        j["rank"] = ++rank;
        j["score"] = num(c.score);
        j["degree"] = c.degree;
        j["weighted"] = num(c.weighted);
        j["articles"] = c.articles;
        results.push_back(std::move(j));
    }
    return {{"query", "top"},
            {"by", r.by},
            {"type", r.type},
            {"topic", r.topic.id.empty() ? json(nullptr) : ref_json(r.topic)},
            {"network_entities", r.network_entities},
            {"results", std::move(results)}};
}

json to_json(const StatsResult& s) {
    auto counts = [](const std::vector<Count>& cs) {
        json j = json::array();
        for (const auto& c : cs) j.push_back({{"name", c.name}, {"count", c.count}});
        return j;
    };
    return {{"query", "stats"},
            {"nodes", s.nodes},
            {"edges", s.edges},
            {"node_types", counts(s.node_types)},
            {"edge_kinds", counts(s.edge_kinds)},
            {"dates",
             {{"first", s.first_date}, {"last", s.last_date}, {"undated", s.undated_articles}}},
            {"sources", counts(s.sources)},
            {"components", {{"count", s.components}, {"largest", s.largest_component}}},
            {"entity_components",
             {{"count", s.entity_components},
              {"largest", s.largest_entity_component},
              {"isolated", s.isolated_entities}}}};
}

// ---- batch ---------------------------------------------------------------------------------

namespace {

// Reads the members of one query object, rejecting unknown keys and wrong types.
class QueryArgs {
public:
    QueryArgs(const json& q, std::string name, std::vector<std::string> allowed)
        : q_(q), name_(std::move(name)) {
        allowed.push_back("query");
        allowed.push_back("id");
        for (auto it = q.begin(); it != q.end(); ++it)
            if (std::find(allowed.begin(), allowed.end(), it.key()) == allowed.end()) {
                std::string list;
                for (std::size_t i = 0; i + 2 < allowed.size(); ++i)
                    list += (i ? ", " : "") + allowed[i];
                throw UsageError(
                    "\"" + name_ + "\" query: unknown key \"" + it.key() + "\"" +
                    (list.empty() ? " (it takes no arguments)" : " (known: " + list + ")"));
            }
    }
    bool has(const char* k) const { return q_.contains(k) && !q_.at(k).is_null(); }
    std::string str(const char* k, const std::string& def = "", bool required = false) const {
        if (!has(k)) {
            if (required) throw UsageError("\"" + name_ + "\" query: missing \"" + k + "\"");
            return def;
        }
        const json& v = q_.at(k);
        if (!v.is_string())
            throw UsageError("\"" + name_ + "\" query: \"" + k + "\" must be a string");
        return v.get<std::string>();
    }
    std::size_t count(const char* k, std::size_t def) const {
        if (!has(k)) return def;
        const json& v = q_.at(k);
        if (!v.is_number_integer() || v.get<std::int64_t>() < 0)
            throw UsageError("\"" + name_ + "\" query: \"" + k +
                             "\" must be a non-negative integer");
        return v.get<std::size_t>();
    }

private:
    const json& q_;
    std::string name_;
};

} // namespace

json run_query(const QueryIndex& index, const json& q) {
    if (!q.is_object()) throw UsageError("a query must be a JSON object");
    auto it = q.find("query");
    if (it == q.end() || !it->is_string())
        throw UsageError(
            "a query needs a \"query\" member: related, neighbors, path, top or stats");
    std::string name = it->get<std::string>();
    if (name == "neighbours") name = "neighbors"; // as on the command line
    constexpr std::size_t kTop = 10;
    if (name == "related") {
        QueryArgs a(q, name, {"article", "entity", "top"});
        if (a.has("article") == a.has("entity"))
            throw UsageError("\"related\" query: give either \"article\" or \"entity\"");
        if (a.has("entity"))
            return to_json(index.entity_articles(a.str("entity"), a.count("top", kTop)));
        return to_json(index.related(a.str("article"), a.count("top", kTop)));
    }
    if (name == "neighbors") {
        QueryArgs a(q, name, {"entity", "type", "top", "depth"});
        std::size_t depth = a.count("depth", 1);
        if (depth != 1 && depth != 2)
            throw UsageError("\"neighbors\" query: \"depth\" must be 1 or 2");
        return to_json(index.neighbors(a.str("entity", "", true), a.str("type"),
                                       a.count("top", kTop), static_cast<int>(depth)));
    }
    if (name == "path") {
        QueryArgs a(q, name, {"from", "to"});
        return to_json(index.path(a.str("from", "", true), a.str("to", "", true)));
    }
    if (name == "top") {
        QueryArgs a(q, name, {"by", "type", "topic", "top"});
        return to_json(
            index.top(a.str("by", "degree"), a.str("type"), a.str("topic"), a.count("top", kTop)));
    }
    if (name == "stats") {
        QueryArgs a(q, name, {});
        return to_json(index.stats());
    }
    throw UsageError("unknown query \"" + name + "\"; use related, neighbors, path, top or stats");
}

std::string answer_line(const QueryIndex& index, std::string_view line, bool* failed) {
    json q, out;
    if (failed) *failed = false;
    try {
        try {
            q = json::parse(line.begin(), line.end());
        } catch (const json::exception& e) {
            throw UsageError(std::string("not a JSON object: ") + e.what());
        }
        out = run_query(index, q);
    } catch (const std::exception& e) {
        out = {{"error", e.what()}};
        if (failed) *failed = true;
        if (q.is_object())
            if (auto it = q.find("query"); it != q.end()) out["query"] = *it;
    }
    if (q.is_object())
        if (auto it = q.find("id"); it != q.end()) out["id"] = *it;
    return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

} // namespace polgraph
