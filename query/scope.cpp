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

std::shared_ptr<const Scope> QueryIndex::Impl::scope(const QueryFilters& f) const {
    if (f.is_default()) return whole_scope;
    // An unknown name throws in compute_scope, and nothing is kept.
    auto s =
        scopes.get(f.describe(), [&] { return std::make_shared<const Scope>(compute_scope(f)); });
    if (s->by_pairs()) recount_questions.fetch_add(1, std::memory_order_relaxed);
    if (s->counted) s->counted->questions.fetch_add(1, std::memory_order_relaxed);
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
        s.pair_share.assign(articles.size(), 0);
        for (std::uint32_t a = 0; a < articles.size(); ++a) {
            if (!s.article(a)) continue;
            std::size_t n = 0;
            each_entity(a, [&](std::uint32_t e, const Edge*) { n += s.entity(e) ? 1 : 0; });
            s.pair_share[a] = detail::share_units(n);
        }
    }

    // The kept articles in date order: a range of ranks (no article filter, or dates alone), or
    // a flag per rank.
    if (s.recount()) {
        s.counted = std::make_shared<detail::ScopeAdjacency>();
        const detail::DateOrder& order = date_order();
        const auto N = static_cast<std::uint32_t>(articles.size());
        if (s.article_ok.empty()) {
            s.ranged = true;
            s.rank_hi = N;
        } else {
            std::uint32_t lo = N, hi = 0, kept = 0;
            for (std::uint32_t r = 0; r < N; ++r)
                if (s.article_ok[order.by_rank[r]]) {
                    lo = std::min(lo, r);
                    hi = r + 1;
                    ++kept;
                }
            s.ranged = kept == 0 || kept == hi - lo;
            s.rank_lo = kept == 0 ? 0 : lo;
            s.rank_hi = kept == 0 ? 0 : hi;
            if (!s.ranged) {
                s.rank_ok.resize(N);
                for (std::uint32_t r = 0; r < N; ++r) s.rank_ok[r] = s.article_ok[order.by_rank[r]];
            }
        }
    }
    return s;
}

bool QueryIndex::pair_index_built() const {
    return impl_->pairs_built.load(std::memory_order_acquire);
}

bool QueryIndex::Impl::use_pairs(const Scope& scope) const {
    if (!scope.by_pairs()) return false;
    if (pairs_built.load(std::memory_order_acquire)) return true;
    // A one-off question walks its articles (about as fast as building the index); a session or
    // a batch that keeps asking builds it once.
    if (recount_questions.load(std::memory_order_relaxed) <= kWalksBeforePairs) return false;
    pair_index();
    return true;
}

const detail::DateOrder& QueryIndex::Impl::date_order() const {
    std::call_once(date_order_once, [&] {
        detail::DateOrder& o = date_order_;
        const auto N = static_cast<std::uint32_t>(articles.size());
        o.by_rank.resize(N);
        for (std::uint32_t a = 0; a < N; ++a) o.by_rank[a] = a;
        std::stable_sort(o.by_rank.begin(), o.by_rank.end(), [&](std::uint32_t x, std::uint32_t y) {
            return g.node(articles[x]).date < g.node(articles[y]).date;
        });
        o.rank_of.resize(N);
        for (std::uint32_t r = 0; r < N; ++r) o.rank_of[o.by_rank[r]] = r;
    });
    return date_order_;
}

const detail::PairIndex& QueryIndex::Impl::pair_index() const {
    std::call_once(pair_index_once, [&] {
        const detail::DateOrder& order = date_order();
        detail::PairIndex& P = pair_index_;
        const std::size_t E = entities.size(), N = articles.size();
        std::vector<std::int64_t> units(N, 0); // fractional share of each pair of an article
        for (std::uint32_t a = 0; a < N; ++a) {
            std::size_t n = 0;
            each_entity(a, [&](std::uint32_t, const Edge*) { ++n; });
            units[a] = detail::share_units(n);
        }
        // The groups are the adjacency's entries, and their articles its weights: reserve all.
        std::size_t postings = 0;
        for (const Adj& n : adj) postings += n.articles;
        P.off.assign(E + 1, 0);
        P.other.reserve(adj.size());
        P.first.reserve(adj.size() + 1);
        P.first.assign(1, 0);
        P.rank.reserve(postings);
        P.sent_sum.reserve(postings);
        P.unit_sum.reserve(postings);
        std::vector<std::uint32_t> group(E, detail::kNone), others, count;
        std::vector<std::pair<std::uint32_t, std::size_t>> mine; // (date rank, posting of e)
        for (std::uint32_t e = 0; e < E; ++e) {
            const std::uint32_t fe = entity_feature(e);
            mine.clear();
            for (std::size_t p = fa_off[fe]; p < fa_off[fe + 1]; ++p)
                mine.emplace_back(order.rank_of[fa[p].article], p);
            std::sort(mine.begin(), mine.end());
            // The entities e co-occurs with, by entity number, and how many articles each shares.
            others.clear();
            for (const auto& [r, p] : mine)
                each_entity(fa[p].article, [&](std::uint32_t x, const Edge*) {
                    if (x == e) return;
                    if (group[x] == detail::kNone) {
                        group[x] = 0;
                        others.push_back(x);
                    }
                });
            std::sort(others.begin(), others.end());
            count.assign(others.size(), 0);
            for (std::uint32_t i = 0; i < others.size(); ++i) group[others[i]] = i;
            for (const auto& [r, p] : mine)
                each_entity(fa[p].article, [&](std::uint32_t x, const Edge*) {
                    if (x != e) ++count[group[x]];
                });
            const std::size_t base = P.rank.size();
            std::vector<std::size_t> next(others.size());
            std::size_t at = base;
            for (std::uint32_t i = 0; i < others.size(); ++i) {
                next[i] = at;
                at += count[i];
                P.other.push_back(others[i]);
                P.first.push_back(at);
            }
            P.off[e + 1] = P.other.size();
            P.rank.resize(at);
            P.sent_sum.resize(at);
            P.unit_sum.resize(at);
            for (const auto& posting : mine) {
                const std::uint32_t r = posting.first; // captured below: not a binding
                const std::uint32_t a = fa[posting.second].article;
                const Edge* me = fa[posting.second].edge;
                each_entity(a, [&](std::uint32_t x, const Edge* them) {
                    if (x == e) return;
                    const std::size_t q = next[group[x]]++;
                    P.rank[q] = r;
                    P.sent_sum[q] =
                        shared_sentences(me->more().sentence_ids, them->more().sentence_ids);
                    P.unit_sum[q] = units[a];
                });
            }
            // Running sums within each group.
            for (std::uint32_t i = 0; i < others.size(); ++i) {
                const std::size_t g0 = P.first[P.off[e] + i], g1 = P.first[P.off[e] + i + 1];
                for (std::size_t q = g0 + 1; q < g1; ++q) {
                    P.sent_sum[q] += P.sent_sum[q - 1];
                    P.unit_sum[q] += P.unit_sum[q - 1];
                }
                group[others[i]] = detail::kNone;
            }
        }
        pairs_built.store(true, std::memory_order_release);
    });
    return pair_index_;
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

const detail::ScopeAdjacency* QueryIndex::Impl::scope_adjacency(const Scope& scope) const {
    if (!scope.counted) return nullptr;
    detail::ScopeAdjacency& own = *scope.counted;
    if (own.built.load(std::memory_order_acquire)) return &own;
    if (own.questions.load(std::memory_order_relaxed) < kQuestionsBeforeAdjacency ||
        !use_pairs(scope))
        return nullptr;
    std::call_once(own.once, [&] {
        const detail::PairIndex& P = pair_index_;
        own.off.assign(entities.size() + 1, 0);
        for (std::uint32_t e = 0; e < entities.size(); ++e) {
            for (std::size_t g = P.off[e]; g < P.off[e + 1]; ++g) {
                const detail::PairCount c = count_pair(g, scope);
                if (c.articles > 0)
                    own.adj.push_back({P.other[g], c.weight(scope), c.sentences, c.articles});
            }
            own.off[e + 1] = own.adj.size();
        }
        own.adj.shrink_to_fit();
        own.built.store(true, std::memory_order_release);
    });
    return &own;
}

detail::PairCount QueryIndex::Impl::count_pair(std::size_t g, const Scope& scope) const {
    // The pair's shared articles within the kept ranks: two binary searches and the running
    // sums when they are a range of dates, else a pass over the shared articles.
    const detail::PairIndex& P = pair_index_;
    const std::size_t g0 = P.first[g], g1 = P.first[g + 1];
    detail::PairCount c;
    if (scope.ranged) {
        const auto* b = P.rank.data() + g0;
        const auto* end = P.rank.data() + g1;
        const bool all = scope.rank_lo == 0 && scope.rank_hi == n_articles();
        const auto* i = all ? b : std::lower_bound(b, end, scope.rank_lo);
        const auto* j = all ? end : std::lower_bound(i, end, scope.rank_hi);
        if (i == j) return c;
        const std::size_t qi = g0 + static_cast<std::size_t>(i - b),
                          qj = g0 + static_cast<std::size_t>(j - b);
        c.articles = static_cast<std::uint32_t>(qj - qi);
        c.sentences = P.sent_sum[qj - 1] - (qi > g0 ? P.sent_sum[qi - 1] : 0);
        c.units = P.unit_sum[qj - 1] - (qi > g0 ? P.unit_sum[qi - 1] : 0);
        return c;
    }
    std::uint32_t prev_sent = 0;
    std::int64_t prev_units = 0;
    for (std::size_t q = g0; q < g1; ++q) {
        if (scope.rank_ok[P.rank[q]]) {
            ++c.articles;
            c.sentences += P.sent_sum[q] - prev_sent;
            c.units += P.unit_sum[q] - prev_units;
        }
        prev_sent = P.sent_sum[q];
        prev_units = P.unit_sum[q];
    }
    return c;
}

void QueryIndex::Impl::co_occurring(std::uint32_t e, const Scope& scope, std::vector<Adj>& out,
                                    bool sentences) const {
    out.clear();
    if (!scope.recount()) {
        for (std::size_t i = adj_off[e]; i < adj_off[e + 1]; ++i)
            if (scope.entity(adj[i].other)) out.push_back(adj[i]);
        return;
    }
    if (const detail::ScopeAdjacency* own = scope_adjacency(scope)) {
        for (std::size_t i = own->off[e]; i < own->off[e + 1]; ++i)
            if (scope.entity(own->adj[i].other)) out.push_back(own->adj[i]);
        return;
    }
    if (use_pairs(scope)) {
        // Each neighbour's shared articles within the kept ranks: two binary searches and the
        // running sums when the kept articles are a range of dates, else a pass over its shared
        // articles.
        const detail::PairIndex& P = pair_index();
        for (std::size_t g = P.off[e]; g < P.off[e + 1]; ++g) {
            const std::uint32_t x = P.other[g];
            if (!scope.entity(x)) continue;
            const detail::PairCount c = count_pair(g, scope);
            if (c.articles == 0) continue;
            out.push_back({x, c.weight(scope), c.sentences, c.articles});
        }
        return;
    }
    // Counted again article by article (fractional weights with an entity filter: the shares
    // depend on the entities kept): over e's kept articles, every other entity that takes part.
    // A dense slot per entity (kept between calls on this thread) and the list of those touched.
    thread_local std::vector<std::uint32_t> slot;
    thread_local std::vector<std::int64_t> units;
    if (slot.size() < entities.size()) slot.assign(entities.size(), detail::kNone);
    units.clear();
    const std::uint32_t fe = entity_feature(e);
    for (std::size_t p = fa_off[fe]; p < fa_off[fe + 1]; ++p) {
        const std::uint32_t a = fa[p].article;
        if (!scope.article(a)) continue;
        const Edge* mine = fa[p].edge;
        each_entity(a, [&](std::uint32_t x, const Edge* theirs) {
            if (x == e || !scope.entity(x)) return;
            if (slot[x] == detail::kNone) {
                slot[x] = static_cast<std::uint32_t>(out.size());
                out.push_back({x, 0.0, 0, 0});
                units.push_back(0);
            }
            Adj& n = out[slot[x]];
            ++n.articles;
            units[slot[x]] += scope.fractional ? scope.pair_share[a] : 0;
            if (sentences)
                n.sentences +=
                    shared_sentences(mine->more().sentence_ids, theirs->more().sentence_ids);
        });
    }
    for (Adj& n : out) {
        n.weight = scope.weight(n.articles, units[slot[n.other]]);
        if (!sentences) n.sentences = detail::kNone;
        slot[n.other] = detail::kNone;
    }
    // In entity order, as the pair index gives them: callers that sum over the list (a second
    // ring) then add in the same order either way.
    std::sort(out.begin(), out.end(), [](const Adj& x, const Adj& y) { return x.other < y.other; });
}

} // namespace polgraph
