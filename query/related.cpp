// The related-articles queries: articles like an article (IDF-weighted cosine over entities
// and topics, explained by each shared feature's contribution) and the articles about an entity.
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

RelatedResult QueryIndex::related(std::string_view article, std::size_t top,
                                  const QueryFilters& filters) const {
    const Impl& m = *impl_;
    const auto scoped = m.scope(filters);
    const Scope& scope = *scoped;
    NI v = m.resolve_article(article);
    const std::uint32_t a = m.article_of[v];
    RelatedResult res;
    res.article = m.ref(v);
    res.filters = scope.described;
    const std::size_t E = m.entities.size();
    // A feature counts unless it is an entity that does not take part.
    auto counts = [&](std::uint32_t f) { return f >= E || scope.entity(f); };
    // Norms over the features that count: the stored ones when every entity does.
    auto norm = [&](std::uint32_t x) {
        return scope.entity_ok.empty() ? m.norm[x] : scope.norm[x];
    };
    const double norm_a = norm(a);
    if (norm_a == 0) return res;
    // Accumulate dot products over the postings of the article's features.
    std::vector<double> dot(m.n_articles(), 0.0);
    std::vector<std::uint32_t> touched;
    for (std::size_t i = m.af_off[a]; i < m.af_off[a + 1]; ++i) {
        const auto [f, wa] = m.af[i];
        if (wa == 0 || !counts(f)) continue;
        for (std::size_t p = m.fa_off[f]; p < m.fa_off[f + 1]; ++p) {
            const Posting& post = m.fa[p];
            if (post.article == a || post.weight == 0 || !scope.article(post.article)) continue;
            if (dot[post.article] == 0) touched.push_back(post.article);
            dot[post.article] += wa * post.weight;
        }
    }
    std::vector<std::pair<double, std::uint32_t>> scored;
    scored.reserve(touched.size());
    std::vector<double> norms(m.n_articles(), 0.0);
    for (std::uint32_t b : touched) {
        norms[b] = norm(b);
        scored.emplace_back(dot[b] / (norm_a * norms[b]), b);
    }
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
                double c = m.af[i].second * m.af[j].second / (norm_a * norms[b]);
                if (c > 0 && counts(f)) ra.shared.push_back({m.ref(m.features[f]), m.idf[f], c});
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

TopicArticlesResult QueryIndex::topic_articles(std::string_view topic, std::size_t top,
                                               const QueryFilters& filters) const {
    const Impl& m = *impl_;
    const auto scoped = m.scope(filters);
    const Scope& scope = *scoped;
    NI tv = resolve_topic(topic);
    TopicArticlesResult res;
    res.topic = m.ref(tv);
    res.filters = scope.described;
    // Each article once, with its best score among the topic and its subtopics.
    std::unordered_map<std::uint32_t, TopicArticle> best;
    for (NI t : m.topic_family(tv)) {
        const std::uint32_t f = m.feature_of[t];
        for (std::size_t p = m.fa_off[f]; p < m.fa_off[f + 1]; ++p) {
            const Posting& post = m.fa[p];
            if (!scope.article(post.article)) continue;
            const double score = post.edge->weight;
            auto [it, fresh] = best.try_emplace(post.article);
            if (fresh || score > it->second.score ||
                (score == it->second.score && m.g.node(t).id < it->second.via.id))
                it->second = {m.ref(m.articles[post.article]), score, m.ref(t)};
        }
    }
    std::vector<TopicArticle> all;
    all.reserve(best.size());
    for (auto& [a, ta] : best) all.push_back(std::move(ta));
    res.total = all.size();
    const std::size_t k = top == 0 ? all.size() : std::min(top, all.size());
    std::partial_sort(all.begin(), all.begin() + static_cast<long>(k), all.end(),
                      [](const TopicArticle& x, const TopicArticle& y) {
                          if (x.score != y.score) return x.score > y.score;
                          if (x.article.date != y.article.date)
                              return x.article.date > y.article.date;
                          return x.article.id < y.article.id;
                      });
    all.resize(k);
    res.results = std::move(all);
    return res;
}

EntityArticlesResult QueryIndex::entity_articles(std::string_view entity, std::size_t top,
                                                 const QueryFilters& filters) const {
    const Impl& m = *impl_;
    const auto scoped = m.scope(filters);
    const Scope& scope = *scoped;
    NI v = resolve_entity(entity);
    const std::uint32_t f = m.feature_of[v];
    EntityArticlesResult res;
    res.entity = m.ref(v);
    res.filters = scope.described;
    const bool all = scope.article_ok.empty();
    if (all) res.total = m.df(f);
    for (std::size_t i = m.fa_off[f]; i < m.fa_off[f + 1]; ++i) {
        const Posting& p = m.fa[m.fa_prominent[i]];
        if (!scope.article(p.article)) continue;
        if (!all) ++res.total;
        if (top != 0 && res.results.size() >= top) {
            if (all) break;
            continue;
        }
        res.results.push_back({m.ref(m.articles[p.article]), p.edge->more().in_lead,
                               static_cast<int>(p.edge->weight), p.edge->more().forms});
    }
    return res;
}

} // namespace polgraph
