// What a query takes in: QueryFilters turned once per query into the kept articles (dates,
// topic) and entities (types, hubs), and the co-occurrences among them, read from the graph when
// nothing but entities is filtered, else counted again from the kept articles.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/view.hpp"
#include "query/index_impl.hpp"
#include "query/query.hpp"

namespace polgraph {

using detail::Adj;
using detail::NI;
using detail::Scope;

const std::vector<std::string>& query_weight_names() {
    static const std::vector<std::string> names = {"count", "fractional"};
    return names;
}

std::string QueryFilters::describe() const {
    std::string s;
    auto add = [&](const std::string& option, const std::string& value) {
        if (!value.empty()) s += (s.empty() ? "" : " ") + option + " " + value;
    };
    auto list = [](const std::vector<std::string>& v) {
        std::string out;
        for (const auto& x : v) out += (out.empty() ? "" : ",") + x;
        return out;
    };
    add("--since", since);
    add("--until", until);
    add("--topic", topic);
    add("--types", list(types));
    add("--exclude-types", list(exclude_types));
    if (drop_hubs > 0) add("--drop-hubs", std::to_string(drop_hubs));
    if (weight != "count") add("--weight", weight);
    return s;
}

void QueryIndex::check_filters(const QueryFilters& f) const {
    (void)impl_->scope(f);
}

std::vector<NI> QueryIndex::Impl::topic_family(NI topic) const {
    std::vector<NI> out{topic}, stack{topic};
    while (!stack.empty()) {
        NI t = stack.back();
        stack.pop_back();
        if (auto it = subtopics.find(t); it != subtopics.end())
            for (NI c : it->second)
                if (std::find(out.begin(), out.end(), c) == out.end()) {
                    out.push_back(c);
                    stack.push_back(c);
                }
    }
    return out;
}

std::vector<std::uint32_t> QueryIndex::Impl::topic_articles(NI topic) const {
    std::vector<std::uint32_t> arts;
    for (NI t : topic_family(topic)) {
        const std::uint32_t f = feature_of[t];
        for (std::size_t p = fa_off[f]; p < fa_off[f + 1]; ++p) arts.push_back(fa[p].article);
    }
    std::sort(arts.begin(), arts.end());
    arts.erase(std::unique(arts.begin(), arts.end()), arts.end());
    return arts;
}

Scope QueryIndex::Impl::scope(const QueryFilters& f) const {
    if (f.is_default()) return compute_scope(f); // nothing to compute
    const std::string key = f.describe();
    {
        std::lock_guard<std::mutex> lock(scopes_mutex);
        for (auto it = scopes.begin(); it != scopes.end(); ++it)
            if (it->described == key) {
                scopes.splice(scopes.begin(), scopes, it);
                return *it;
            }
    }
    Scope s = compute_scope(f); // an unknown name throws here, and nothing is kept
    std::lock_guard<std::mutex> lock(scopes_mutex);
    scopes.push_front(s);
    if (scopes.size() > kScopesKept) scopes.pop_back();
    return s;
}

Scope QueryIndex::Impl::compute_scope(const QueryFilters& f) const {
    Scope s;
    s.described = f.describe();
    const auto& weights = query_weight_names();
    if (std::find(weights.begin(), weights.end(), f.weight) == weights.end())
        throw UsageError("--weight " + f.weight + ": unknown weighting (count, fractional)");
    s.fractional = f.weight == "fractional";
    for (const auto* list : {&f.types, &f.exclude_types})
        for (const auto& t : *list)
            if (!entity_types.count(t)) {
                std::string known;
                for (const auto& k : entity_types) known += (known.empty() ? "" : ", ") + k;
                throw UsageError("unknown entity type \"" + t +
                                 "\"; this graph has: " + (known.empty() ? "no entities" : known));
            }

    // Articles: within the dates, and on the topic.
    const auto [since, until] = parse_date_range(f.since, f.until);
    if (f.restricts_articles()) {
        s.article_ok.assign(articles.size(), 1);
        if (!since.empty() || !until.empty())
            for (std::uint32_t a = 0; a < articles.size(); ++a)
                s.article_ok[a] = in_date_range(g.node(articles[a]).date, since, until);
        if (!f.topic.empty()) {
            std::vector<char> on(articles.size(), 0);
            for (std::uint32_t a : topic_articles(resolve(topic_names, f.topic))) on[a] = 1;
            for (std::uint32_t a = 0; a < articles.size(); ++a) s.article_ok[a] &= on[a];
        }
    }

    // Entities: by type, then the hubs among those (by articles kept, ties by id).
    if (f.restricts_entities()) {
        s.entity_ok.assign(entities.size(), 1);
        auto listed = [](const std::vector<std::string>& v, const std::string& t) {
            return std::find(v.begin(), v.end(), t) != v.end();
        };
        for (std::uint32_t e = 0; e < entities.size(); ++e) {
            const std::string& t = g.node(entities[e]).type;
            s.entity_ok[e] = (f.types.empty() || listed(f.types, t)) && !listed(f.exclude_types, t);
        }
        if (f.drop_hubs > 0) {
            std::vector<std::pair<std::size_t, std::uint32_t>> ranked; // (articles, entity)
            for (std::uint32_t e = 0; e < entities.size(); ++e) {
                if (!s.entity_ok[e]) continue;
                std::size_t n = 0;
                const std::uint32_t fe = entity_feature(e);
                if (s.article_ok.empty()) n = df(fe);
                else
                    for (std::size_t p = fa_off[fe]; p < fa_off[fe + 1]; ++p)
                        n += s.article_ok[fa[p].article] != 0;
                if (n > 0) ranked.emplace_back(n, e);
            }
            const std::size_t k = std::min(f.drop_hubs, ranked.size());
            std::partial_sort(ranked.begin(), ranked.begin() + static_cast<long>(k), ranked.end(),
                              [&](const auto& x, const auto& y) {
                                  if (x.first != y.first) return x.first > y.first;
                                  return x.second < y.second; // entity order is id order
                              });
            for (std::size_t i = 0; i < k; ++i) s.entity_ok[ranked[i].second] = 0;
        }
        s.norm.assign(articles.size(), 0.0);
        for (std::uint32_t a = 0; a < articles.size(); ++a) {
            double sq = 0;
            for (std::size_t i = af_off[a]; i < af_off[a + 1]; ++i)
                if (af[i].first >= entities.size() || s.entity_ok[af[i].first])
                    sq += af[i].second * af[i].second;
            s.norm[a] = std::sqrt(sq);
        }
    }

    if (s.fractional) {
        s.pair_share.assign(articles.size(), 0.0);
        for (std::uint32_t a = 0; a < articles.size(); ++a) {
            if (!s.article(a)) continue;
            double n = 0;
            each_entity(a, [&](std::uint32_t e, const Edge*) { n += s.entity(e); });
            s.pair_share[a] = n < 2 ? 0.0 : 2.0 / (n * (n - 1));
        }
    }
    return s;
}

std::uint32_t QueryIndex::Impl::shared_sentence_count(std::uint32_t x, std::uint32_t y,
                                                      const Scope& scope) const {
    std::uint32_t fx = entity_feature(x), fy = entity_feature(y);
    if (df(fx) > df(fy)) std::swap(fx, fy);
    const auto yb = fa.begin() + static_cast<long>(fa_off[fy]),
               ye = fa.begin() + static_cast<long>(fa_off[fy + 1]);
    std::uint32_t n = 0;
    for (std::size_t p = fa_off[fx]; p < fa_off[fx + 1]; ++p) {
        const std::uint32_t a = fa[p].article;
        if (!scope.article(a)) continue;
        auto it = std::lower_bound(
            yb, ye, a, [](const detail::Posting& q, std::uint32_t art) { return q.article < art; });
        if (it != ye && it->article == a)
            n += shared_sentences(fa[p].edge->more().sentence_ids, it->edge->more().sentence_ids);
    }
    return n;
}

void QueryIndex::Impl::co_occurring(std::uint32_t e, const Scope& scope, std::vector<Adj>& out,
                                    bool sentences) const {
    out.clear();
    if (!scope.recount()) {
        for (std::size_t i = adj_off[e]; i < adj_off[e + 1]; ++i)
            if (scope.entity(adj[i].other)) out.push_back(adj[i]);
        return;
    }
    // Counted again: over e's kept articles, every other entity that takes part. A dense slot
    // per entity (kept between calls on this thread) and the list of those touched.
    thread_local std::vector<std::uint32_t> slot;
    if (slot.size() < entities.size()) slot.assign(entities.size(), detail::kNone);
    const std::uint32_t fe = entity_feature(e);
    for (std::size_t p = fa_off[fe]; p < fa_off[fe + 1]; ++p) {
        const std::uint32_t a = fa[p].article;
        if (!scope.article(a)) continue;
        const Edge* mine = fa[p].edge;
        const double w = scope.fractional ? scope.pair_share[a] : 1.0;
        each_entity(a, [&](std::uint32_t x, const Edge* theirs) {
            if (x == e || !scope.entity(x)) return;
            if (slot[x] == detail::kNone) {
                slot[x] = static_cast<std::uint32_t>(out.size());
                out.push_back({x, 0.0, 0});
            }
            Adj& n = out[slot[x]];
            n.weight += w;
            if (sentences)
                n.sentences +=
                    shared_sentences(mine->more().sentence_ids, theirs->more().sentence_ids);
        });
    }
    for (const Adj& n : out) slot[n.other] = detail::kNone;
}

} // namespace polgraph
