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
using detail::Scope;
using nlohmann::json;

NeighborsResult QueryIndex::neighbors(std::string_view entity, std::string_view type,
                                      std::size_t top, int depth,
                                      const QueryFilters& filters) const {
    const Impl& m = *impl_;
    if (depth != 1 && depth != 2) throw UsageError("depth must be 1 or 2");
    check_type(type);
    const auto scoped = m.scope(filters);
    const Scope& scope = *scoped;
    NI v = resolve_entity(entity);
    const std::uint32_t e = m.entity_of[v];
    NeighborsResult res;
    res.entity = m.ref(v);
    res.depth = depth;
    res.type = std::string(type);
    res.filters = scope.described;
    auto type_ok = [&](std::uint32_t x) {
        return type.empty() || m.g.node(m.entities[x]).type == type;
    };
    // Ring 1: by weight, then sentences, then entity number (= id order).
    std::vector<Adj> near;
    m.co_occurring(e, scope, near);
    std::vector<const Adj*> ring;
    for (const Adj& n : near)
        if (type_ok(n.other)) ring.push_back(&n);
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
        nb.shared_articles = n.articles;
        nb.sentences = n.sentences;
        nb.examples = m.shared_articles(e, n.other, 3, scope);
        res.results.push_back(std::move(nb));
    }
    if (depth == 1) return res;

    // Second ring: entities reached through a neighbour m but not co-occurring with e. A path
    // e - m - x is as strong as its weaker hop; x's weight sums that over the intermediates.
    const std::size_t E = m.entities.size();
    std::vector<char> ring1(E, 0);
    ring1[e] = 1;
    for (const Adj& n : near) ring1[n.other] = 1;
    struct Via {
        double weight = 0;
        std::array<std::pair<double, std::uint32_t>, 3> best{};
        std::size_t n = 0;
    };
    std::unordered_map<std::uint32_t, Via> ring2;
    std::vector<Adj> far;
    for (const Adj& hop1 : near) {
        const std::uint32_t mid = hop1.other;
        const double w1 = hop1.weight;
        m.co_occurring(mid, scope, far, false);
        for (const Adj& hop2 : far) {
            const std::uint32_t x = hop2.other;
            if (ring1[x] || !type_ok(x)) continue;
            const double s = std::min(w1, hop2.weight);
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
        for (auto& id : m.shared_articles(e, mid, 1, scope)) nb.examples.push_back(std::move(id));
        for (auto& id : m.shared_articles(mid, x, 1, scope)) nb.examples.push_back(std::move(id));
        res.results.push_back(std::move(nb));
    }
    return res;
}

PathResult QueryIndex::path(std::string_view from, std::string_view to, const QueryFilters& filters,
                            const PathOptions& options) const {
    const Impl& m = *impl_;
    auto scoped = m.scope(filters);
    NI va = resolve_entity(from), vb = resolve_entity(to);
    PathResult res;
    res.from = m.ref(va);
    res.to = m.ref(vb);
    res.filters = scoped->described;
    auto add_option = [&](const std::string& o) {
        res.filters += (res.filters.empty() ? "" : " ") + o;
    };
    if (options.max_hops > 0) add_option("--max-hops " + std::to_string(options.max_hops));
    if (options.via_sentences) add_option("--via-sentences");
    const std::uint32_t A = m.entity_of[va], B = m.entity_of[vb];
    if (A == B) {
        res.found = true;
        return res;
    }
    // The network a path may use: hops within the scope (the two ends always take part), and
    // with --via-sentences only those whose two entities share a sentence. Each entity's hops
    // are computed once.
    if (!scoped->entity(A) || !scoped->entity(B)) {
        auto both = std::make_shared<Scope>(*scoped);
        both->entity_ok[A] = both->entity_ok[B] = 1;
        scoped = std::move(both);
    }
    const Scope& scope = *scoped;
    std::unordered_map<std::uint32_t, std::vector<Adj>> hops_of;
    auto hops = [&](std::uint32_t u) -> const std::vector<Adj>& {
        auto [it, fresh] = hops_of.try_emplace(u);
        if (fresh) {
            m.co_occurring(u, scope, it->second, options.via_sentences);
            auto& list = it->second;
            if (options.via_sentences)
                list.erase(std::remove_if(list.begin(), list.end(),
                                          [](const Adj& x) { return x.sentences == 0; }),
                           list.end());
        }
        return it->second;
    };
    // Breadth-first search from A, stopping when B is reached: every node nearer than B then
    // has its distance. The nodes on shortest paths are those reached back from B through
    // neighbours one step nearer to A. Only entities that take part are expanded.
    std::unordered_map<std::uint32_t, int> da{{A, 0}};
    auto dist = [&](std::uint32_t x) {
        auto it = da.find(x);
        return it == da.end() ? -1 : it->second;
    };
    std::vector<std::uint32_t> queue{A};
    for (std::size_t q = 0; q < queue.size() && dist(B) < 0; ++q) {
        const std::uint32_t u = queue[q];
        if (options.max_hops > 0 && static_cast<std::size_t>(da[u]) >= options.max_hops) break;
        for (const Adj& h : hops(u)) {
            const std::uint32_t w = h.other;
            if (dist(w) >= 0) continue;
            da[w] = da[u] + 1;
            if (w == B) break;
            queue.push_back(w);
        }
    }
    if (dist(B) < 0) {
        res.reason = options.max_hops > 0
                         ? "no path of at most " + std::to_string(options.max_hops) +
                               (options.max_hops == 1 ? " hop" : " hops")
                         : "they are in different components of the network";
        if (!res.filters.empty()) res.reason += " (with " + res.filters + ")";
        return res;
    }
    const std::size_t D = static_cast<std::size_t>(da[B]);
    std::unordered_map<std::uint32_t, char> on_path{{B, 1}};
    std::vector<std::vector<std::uint32_t>> layers(D + 1); // on-path nodes by distance from A
    layers[D].push_back(B);
    for (std::size_t k = D; k > 0; --k)
        for (std::uint32_t u : layers[k])
            for (const Adj& h : hops(u)) {
                const std::uint32_t w = h.other;
                if (dist(w) == static_cast<int>(k) - 1 && !on_path.count(w)) {
                    on_path[w] = 1;
                    layers[k - 1].push_back(w);
                }
            }
    auto next_hops = [&](std::uint32_t u, auto&& f) {
        for (const Adj& h : hops(u)) {
            const std::uint32_t w = h.other;
            if (on_path.count(w) && dist(w) == dist(u) + 1) f(h);
        }
    };
    // 1. The best bottleneck (weakest hop) from each node to B.
    const double inf = std::numeric_limits<double>::infinity();
    std::unordered_map<std::uint32_t, double> bottleneck{{B, inf}}, sum{{B, 0.0}};
    auto get = [&](const std::unordered_map<std::uint32_t, double>& map, std::uint32_t x) {
        auto it = map.find(x);
        return it == map.end() ? -inf : it->second;
    };
    for (std::size_t k = D; k-- > 0;)
        for (std::uint32_t u : layers[k]) {
            double best = -inf;
            next_hops(u, [&](const Adj& h) {
                best = std::max(best, std::min(h.weight, get(bottleneck, h.other)));
            });
            bottleneck[u] = best;
        }
    const double floor = bottleneck[A];
    // 2. Among hops no weaker than that, the greatest summed weight to B.
    for (std::size_t k = D; k-- > 0;)
        for (std::uint32_t u : layers[k]) {
            double best = -inf;
            next_hops(u, [&](const Adj& h) {
                if (h.weight >= floor && get(sum, h.other) > -inf)
                    best = std::max(best, h.weight + get(sum, h.other));
            });
            sum[u] = best;
        }
    // 3. Walk from A, taking the best next hop; ties go to the smaller id.
    std::uint32_t u = A;
    while (u != B) {
        const Adj* pick = nullptr;
        next_hops(u, [&](const Adj& h) {
            const double rest = get(sum, h.other);
            if (h.weight < floor || rest == -inf || h.weight + rest != sum[u]) return;
            if (!pick || h.other < pick->other) pick = &h;
        });
        PathHop hop;
        hop.from = m.ref(m.entities[u]);
        hop.to = m.ref(m.entities[pick->other]);
        hop.weight = pick->weight;
        hop.sentences = pick->sentences == kNone ? m.shared_sentence_count(u, pick->other, scope)
                                                 : pick->sentences;
        hop.articles = m.shared_articles(u, pick->other, 5, scope);
        const NI nu = m.entities[u], np = m.entities[pick->other];
        const std::uint64_t key =
            (static_cast<std::uint64_t>(std::min(nu, np)) << 32) | std::max(nu, np);
        if (auto it = m.relations.find(key); it != m.relations.end())
            for (const auto& [s, t, edge] : it->second)
                for (std::size_t k = 0; k < edge->more().evidence.size() && k < 3; ++k) {
                    const Evidence& ev = edge->more().evidence[k];
                    if (auto av = m.g.find(ev.article); !av || !scope.article(m.article_of[*av]))
                        continue;
                    hop.relations.push_back(
                        {edge->kind, m.ref(s), m.ref(t), ev.article, ev.sentence, ev.text});
                }
        if (options.evidence) hop.evidence = m.hop_evidence(u, pick->other, scope);
        res.hops.push_back(std::move(hop));
        u = pick->other;
    }
    res.found = true;
    return res;
}

} // namespace polgraph
