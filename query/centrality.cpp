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
using nlohmann::json;

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

} // namespace polgraph
