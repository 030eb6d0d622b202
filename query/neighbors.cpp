// The network queries: an entity's co-occurring neighbours (one or two hops) and the shortest
// path between two entities, with the articles and relations of each hop.
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

} // namespace polgraph
