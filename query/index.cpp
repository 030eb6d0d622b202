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
#include "query/index_impl.hpp"

namespace polgraph {

using detail::Adj;
using detail::kNone;
using detail::NameTable;
using detail::NI;
using detail::Posting;
using detail::Scope;
using nlohmann::json;

namespace {

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

} // namespace

const std::vector<std::string>& centrality_names() {
    static const std::vector<std::string> names = {"degree", "weighted", "pagerank", "betweenness"};
    return names;
}

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
    whole_scope = std::make_shared<const detail::Scope>(compute_scope(QueryFilters{}));
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
    af_edge.resize(items.size());
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
            af_edge[i] = it.edge;
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
        const auto articles = static_cast<std::uint32_t>(p.weight); // co_occurs: articles
        adj[next[p.a]++] = {p.b, p.weight, p.sentences, articles};
        adj[next[p.b]++] = {p.a, p.weight, p.sentences, articles};
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

} // namespace polgraph
