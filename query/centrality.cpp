// Rankings and counts: central entities (degree, weighted degree, PageRank, betweenness; overall,
// by type or within a topic's articles) and the graph's statistics.
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

TopResult QueryIndex::top(std::string_view by, std::string_view type, std::size_t top,
                          const QueryFilters& filters) const {
    const Impl& m = *impl_;
    const auto& names = centrality_names();
    if (std::find(names.begin(), names.end(), by) == names.end())
        throw UsageError("unknown centrality \"" + std::string(by) +
                         "\"; use degree, weighted, pagerank or betweenness");
    check_type(type);
    const auto scoped = m.scope(filters);
    const Scope& scope = *scoped;
    TopResult res;
    res.by = std::string(by);
    res.type = std::string(type);
    res.filters = scope.described;
    if (!filters.topic.empty()) res.topic = m.ref(resolve_topic(filters.topic));

    // The network: entity numbers `members` (local index = position) and edges between them.
    std::vector<std::uint32_t> members;
    std::vector<NetworkEdge> edges;
    std::vector<std::size_t> mentions; // articles per member
    const bool whole = filters.is_default();
    if (!scope.recount()) {
        // The graph's co-occurrences, among the entities that take part.
        std::vector<std::uint32_t> local(m.entities.size(), kNone);
        for (std::uint32_t e = 0; e < m.entities.size(); ++e)
            if (scope.entity(e)) {
                local[e] = static_cast<std::uint32_t>(members.size());
                members.push_back(e);
                mentions.push_back(m.df(m.entity_feature(e)));
            }
        for (std::uint32_t e : members)
            for (std::size_t i = m.adj_off[e]; i < m.adj_off[e + 1]; ++i)
                if (m.adj[i].other > e && local[m.adj[i].other] != kNone)
                    edges.push_back({local[e], local[m.adj[i].other], m.adj[i].weight});
    } else {
        // Counted again from the kept articles: the entities that take part and occur in one,
        // and the pairs among them.
        std::vector<std::uint32_t> local(m.entities.size(), kNone);
        for (std::uint32_t e = 0; e < m.entities.size(); ++e) {
            if (!scope.entity(e)) continue;
            const std::uint32_t fe = m.entity_feature(e);
            std::size_t kept = 0;
            for (std::size_t p = m.fa_off[fe]; p < m.fa_off[fe + 1]; ++p)
                kept += scope.article(m.fa[p].article) ? 1 : 0;
            if (kept == 0) continue;
            local[e] = static_cast<std::uint32_t>(members.size());
            members.push_back(e);
            mentions.push_back(kept);
        }
        if (m.use_pairs(scope)) {
            const detail::PairIndex& P = m.pair_index();
            for (std::uint32_t e : members)
                for (std::size_t g = P.off[e]; g < P.off[e + 1]; ++g) {
                    const std::uint32_t x = P.other[g];
                    if (x < e || local[x] == kNone) continue;
                    const detail::PairCount c = m.count_pair(g, scope);
                    if (c.articles > 0) edges.push_back({local[e], local[x], c.weight(scope)});
                }
        } else {
            // Article by article (fractional weights with an entity filter, whose shares depend
            // on the entities kept, or before the pair index is built).
            std::unordered_map<std::uint64_t, std::int64_t> pairs;
            std::vector<std::uint32_t> ents;
            for (std::uint32_t a = 0; a < m.n_articles(); ++a) {
                if (!scope.article(a)) continue;
                ents.clear();
                m.each_entity(a, [&](std::uint32_t x, const Edge*) {
                    if (scope.entity(x)) ents.push_back(x);
                });
                for (std::size_t i = 0; i < ents.size(); ++i)
                    for (std::size_t j = i + 1; j < ents.size(); ++j)
                        pairs[(static_cast<std::uint64_t>(std::min(ents[i], ents[j])) << 32) |
                              std::max(ents[i], ents[j])] +=
                            scope.fractional ? scope.pair_share[a] : 1;
            }
            for (const auto& [key, sum] : pairs)
                edges.push_back(
                    {local[key >> 32], local[key & 0xffffffffu],
                     scope.fractional ? detail::from_units(sum) : static_cast<double>(sum)});
        }
    }
    std::sort(edges.begin(), edges.end(), [](const NetworkEdge& x, const NetworkEdge& y) {
        return x.a != y.a ? x.a < y.a : x.b < y.b;
    });
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
            score = m.scoped_centralities.get("pagerank\n" + scope.described,
                                              [&] { return network_pagerank(n, edges); });
        }
    } else {
        if (whole) {
            std::call_once(m.betweenness_once,
                           [&] { m.betweenness = network_betweenness(n, edges); });
            score = m.betweenness;
        } else {
            score = m.scoped_centralities.get("betweenness\n" + scope.described,
                                              [&] { return network_betweenness(n, edges); });
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

TopicsResult QueryIndex::topics(std::size_t top, const QueryFilters& filters) const {
    const Impl& m = *impl_;
    const auto scoped = m.scope(filters);
    const Scope& scope = *scoped;
    TopicsResult res;
    res.filters = scope.described;
    // Every topic node, with the kept articles on it or a subtopic.
    std::vector<NI> topic_nodes;
    for (std::size_t f = m.entities.size(); f < m.features.size(); ++f)
        topic_nodes.push_back(m.features[f]);
    std::vector<std::size_t> count(m.entities.size(), 0);
    std::vector<std::uint32_t> touched;
    for (NI t : topic_nodes) {
        TopicSummary ts;
        ts.topic = m.ref(t);
        m.g.for_each_out_edge(t, [&](NI parent, const Edge& e) {
            if (e.kind == "subtopic_of") ts.parent = m.ref(parent);
        });
        for (std::uint32_t a : m.topic_articles(t)) {
            if (!scope.article(a)) continue;
            ++ts.articles;
            const std::string& d = m.g.node(m.articles[a]).date;
            if (!d.empty() && (ts.first_date.empty() || d < ts.first_date)) ts.first_date = d;
            if (!d.empty() && d > ts.last_date) ts.last_date = d;
            m.each_entity(a, [&](std::uint32_t x, const Edge*) {
                if (!scope.entity(x)) return;
                if (count[x]++ == 0) touched.push_back(x);
            });
        }
        if (ts.articles == 0) continue;
        std::sort(touched.begin(), touched.end(), [&](std::uint32_t x, std::uint32_t y) {
            return count[x] != count[y] ? count[x] > count[y] : x < y;
        });
        for (std::size_t i = 0; i < touched.size() && i < top; ++i) {
            ts.entities.push_back(m.ref(m.entities[touched[i]]));
            ts.counts.push_back(count[touched[i]]);
        }
        for (std::uint32_t x : touched) count[x] = 0;
        touched.clear();
        res.results.push_back(std::move(ts));
    }
    std::sort(
        res.results.begin(), res.results.end(), [](const TopicSummary& x, const TopicSummary& y) {
            return x.articles != y.articles ? x.articles > y.articles : x.topic.id < y.topic.id;
        });
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

} // namespace polgraph
