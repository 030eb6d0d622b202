// Making views: the options (names, checks, date bounds), the selection of nodes, the
// projections (co-occurrence, shared entities, entity-topic), weights and the backbone.
#include "core/view.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "core/error.hpp"
#include "core/util/text.hpp"

namespace polgraph {

using NodeIndex = KnowledgeGraph::NodeIndex;

// ---- Options ---------------------------------------------------------------------------------

namespace {

std::string format_double(double x) {
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, x);
    return std::string(buf, r.ptr);
}

} // namespace

const std::vector<std::string>& view_names() {
    static const std::vector<std::string> names = {"bipartite", "entities", "articles",
                                                   "entity-topic"};
    return names;
}

const std::vector<std::string>& weight_names() {
    static const std::vector<std::string> names = {"count", "fractional", "association", "jaccard"};
    return names;
}

bool ViewOptions::is_default() const {
    return describe().empty();
}

std::string ViewOptions::describe() const {
    std::string s;
    auto add = [&](const std::string& opt, const std::string& value) {
        if (!s.empty()) s += ' ';
        s += opt + ' ' + value;
    };
    if (view != "bipartite") add("--view", view);
    if (!types.empty()) {
        std::string t;
        for (const auto& x : types) t += (t.empty() ? "" : ",") + x;
        add("--types", t);
    }
    if (!since.empty()) add("--since", since);
    if (!until.empty()) add("--until", until);
    if (min_articles != 0) add("--min-articles", std::to_string(min_articles));
    if (drop_hubs != 0) add("--drop-hubs", std::to_string(drop_hubs));
    if (top != 0) add("--top", std::to_string(top));
    if (weight != "count") add("--weight", weight);
    if (backbone != 0) add("--backbone", format_double(backbone));
    if (min_weight != 0) add("--min-weight", format_double(min_weight));
    return s;
}

std::string parse_date_bound(const std::string& value, const std::string& option) {
    if (value.empty()) return value;
    auto digits = [&](std::size_t at, std::size_t len) {
        for (std::size_t i = at; i < at + len; ++i)
            if (value[i] < '0' || value[i] > '9') return false;
        return true;
    };
    if (value.size() == 4 && digits(0, 4)) return value;
    if (value.size() == 7 && digits(0, 4) && value[4] == '-' && digits(5, 2)) {
        int m = std::stoi(value.substr(5, 2));
        if (m >= 1 && m <= 12) return value;
    }
    std::string d = normalize_date(value);
    if (d.empty())
        throw UsageError(option + " " + value + ": not a date (use YYYY-MM-DD, YYYY-MM or YYYY)");
    return d;
}

std::pair<std::string, std::string> parse_date_range(const std::string& since_value,
                                                     const std::string& until_value) {
    std::string since = parse_date_bound(since_value, "--since");
    std::string until = parse_date_bound(until_value, "--until");
    if (!since.empty() && !until.empty() && since > until &&
        since.compare(0, until.size(), until) > 0)
        throw UsageError("--since " + since_value + " is after --until " + until_value);
    return {since, until};
}

bool in_date_range(const std::string& date, const std::string& since, const std::string& until) {
    if (since.empty() && until.empty()) return true;
    if (date.empty()) return false;
    if (!since.empty() && date < since) return false;
    if (!until.empty() && date.compare(0, until.size(), until) > 0) return false;
    return true;
}

namespace {

void validate(const ViewOptions& o) {
    const auto& views = view_names();
    if (std::find(views.begin(), views.end(), o.view) == views.end())
        throw UsageError("--view " + o.view +
                         ": unknown view (bipartite, entities, articles, "
                         "entity-topic)");
    const auto& weights = weight_names();
    if (std::find(weights.begin(), weights.end(), o.weight) == weights.end())
        throw UsageError("--weight " + o.weight +
                         ": unknown weighting (count, fractional, association, jaccard)");
    if (!(o.backbone >= 0 && o.backbone < 1))
        throw UsageError("--backbone must be a significance level between 0 and 1, e.g. 0.05");
    if (!(o.min_weight >= 0) || !std::isfinite(o.min_weight))
        throw UsageError("--min-weight must be zero or positive");
    if (o.min_articles < 0 || o.top < 0 || o.drop_hubs < 0)
        throw UsageError("--min-articles, --top and --drop-hubs take a count (0 or more)");
}

// A projection edge being computed: both ends, the number of articles behind it, the shared
// sentences (co-occurrence only) and the first date.
struct Projected {
    NodeIndex a = 0, b = 0;
    std::int64_t count = 0;
    std::int64_t sentences = 0;
    double fraction = 0; ///< fractional count: each unit spread 1 over the pairs it makes
    std::string start;
};

class ProjectionAcc {
public:
    Projected& at(NodeIndex a, NodeIndex b) {
        auto [it, fresh] =
            index_.try_emplace((static_cast<std::uint64_t>(a) << 32) | b, items_.size());
        if (fresh) items_.push_back({a, b, 0, 0, 0.0, {}});
        return items_[it->second];
    }
    /// The edges sorted by (a, b).
    std::vector<Projected> take() {
        std::sort(items_.begin(), items_.end(), [](const Projected& x, const Projected& y) {
            return x.a != y.a ? x.a < y.a : x.b < y.b;
        });
        return std::move(items_);
    }

private:
    std::unordered_map<std::uint64_t, std::size_t> index_;
    std::vector<Projected> items_;
};

double weigh(const std::string& how, const Projected& p, double ci, double cj) {
    const double cij = static_cast<double>(p.count);
    if (how == "fractional") return p.fraction;
    if (how == "association") return ci > 0 && cj > 0 ? cij / (ci * cj) : 0.0;
    if (how == "jaccard") return ci + cj - cij > 0 ? cij / (ci + cj - cij) : 0.0;
    return cij;
}

// Everything make_view needs to know about the kept articles and nodes.
struct Selection {
    std::vector<NodeIndex> articles; ///< within the dates, index order
    std::vector<int> count;          ///< per node: articles of the view it is in
    std::vector<char> keep;          ///< per node: entity/topic/keyphrase kept
    std::vector<std::vector<std::pair<NodeIndex, const Edge*>>> ents; ///< per kept article
    std::vector<std::vector<NodeIndex>> topics; ///< per kept article (kept topics)
};

Selection select(const KnowledgeGraph& g, const ViewOptions& o, const std::string& since,
                 const std::string& until) {
    const std::size_t n = g.node_count();
    Selection s;
    s.count.assign(n, 0);
    s.keep.assign(n, 0);
    std::vector<NodeIndex> last(n, n);
    for (NodeIndex v = 0; v < n; ++v) {
        const Node& nd = g.node(v);
        if (nd.kind != NodeKind::Article || !in_date_range(nd.date, since, until)) continue;
        s.articles.push_back(v);
        g.for_each_out_edge(v, [&](NodeIndex t, const Edge& e) {
            if (is_article_edge(e.kind) && last[t] != v) {
                last[t] = v;
                ++s.count[t];
            }
        });
    }
    auto type_ok = [&](const std::string& type) {
        return o.types.empty() || std::find(o.types.begin(), o.types.end(), type) != o.types.end();
    };
    std::vector<NodeIndex> entities;
    for (NodeIndex v = 0; v < n; ++v) {
        const Node& nd = g.node(v);
        if (s.count[v] == 0) continue;
        switch (nd.kind) {
        case NodeKind::Entity:
            if (type_ok(nd.type) && s.count[v] >= o.min_articles) entities.push_back(v);
            break;
        case NodeKind::Topic:
            s.keep[v] = o.view == "entity-topic" || type_ok("topic");
            break;
        case NodeKind::Keyphrase:
            s.keep[v] = type_ok("keyphrase");
            break;
        case NodeKind::Article:
            break;
        }
    }
    // Parent topics (which may have no article of their own) stay with their kept subtopics.
    for (bool grew = o.view == "bipartite"; grew;) {
        grew = false;
        g.for_each_edge([&](NodeIndex child, NodeIndex parent, const Edge& e) {
            if (e.kind == "subtopic_of" && s.keep[child] && !s.keep[parent]) {
                s.keep[parent] = 1;
                grew = true;
            }
        });
    }
    std::stable_sort(entities.begin(), entities.end(), [&](NodeIndex a, NodeIndex b) {
        if (s.count[a] != s.count[b]) return s.count[a] > s.count[b];
        return g.node(a).id < g.node(b).id;
    });
    std::size_t from =
        std::min<std::size_t>(entities.size(), static_cast<std::size_t>(o.drop_hubs));
    std::size_t to = o.top > 0 ? std::min(entities.size(), from + static_cast<std::size_t>(o.top))
                               : entities.size();
    for (std::size_t i = from; i < to; ++i) s.keep[entities[i]] = 1;

    s.ents.resize(s.articles.size());
    s.topics.resize(s.articles.size());
    std::fill(last.begin(), last.end(), n);
    for (std::size_t i = 0; i < s.articles.size(); ++i) {
        NodeIndex a = s.articles[i];
        g.for_each_out_edge(a, [&](NodeIndex t, const Edge& e) {
            if (!s.keep[t] || last[t] == a) return; // a node once per article
            last[t] = a;
            if (e.kind == "mentions") s.ents[i].push_back({t, &e});
            else if (e.kind == "has_topic") s.topics[i].push_back(t);
        });
        std::sort(s.ents[i].begin(), s.ents[i].end());
        std::sort(s.topics[i].begin(), s.topics[i].end());
    }
    return s;
}

void check_types(const KnowledgeGraph& g, const std::vector<std::string>& types) {
    if (types.empty()) return;
    std::vector<std::string> present = {"topic", "keyphrase"};
    for (NodeIndex v = 0; v < g.node_count(); ++v) {
        const Node& nd = g.node(v);
        if (nd.kind == NodeKind::Entity &&
            std::find(present.begin(), present.end(), nd.type) == present.end())
            present.push_back(nd.type);
    }
    for (const auto& t : types)
        if (std::find(present.begin(), present.end(), t) == present.end()) {
            std::sort(present.begin(), present.end());
            std::string list;
            for (const auto& p : present) list += (list.empty() ? "" : ", ") + p;
            throw UsageError("--types " + t +
                             ": no node of that type in the graph (types: " + list + ")");
        }
}

// 1 spread over the pairs that n items make (0 when they make none): what one article adds to
// each of its pairs under fractional counting, so that a long list does not outweigh a story.
double pair_share(std::size_t n) {
    return n < 2 ? 0.0 : 2.0 / (static_cast<double>(n) * static_cast<double>(n - 1));
}

std::vector<Projected> co_occurrences(const KnowledgeGraph& g, const Selection& s) {
    ProjectionAcc acc;
    for (std::size_t i = 0; i < s.articles.size(); ++i) {
        const auto& es = s.ents[i];
        const std::string& date = g.node(s.articles[i]).date;
        const double share = pair_share(es.size());
        for (std::size_t x = 0; x < es.size(); ++x)
            for (std::size_t y = x + 1; y < es.size(); ++y) {
                Projected& p = acc.at(es[x].first, es[y].first);
                p.count += 1;
                p.fraction += share;
                p.sentences += shared_sentences(es[x].second->more().sentence_ids,
                                                es[y].second->more().sentence_ids);
                detail::take_min_date(p.start, date);
            }
    }
    return acc.take();
}

std::vector<Projected> shared_entities(const KnowledgeGraph& g, const Selection& s) {
    std::unordered_map<NodeIndex, std::vector<std::size_t>> by_entity; // entity -> article slots
    for (std::size_t i = 0; i < s.articles.size(); ++i)
        for (const auto& [e, edge] : s.ents[i]) by_entity[e].push_back(i);
    std::vector<NodeIndex> ents;
    for (const auto& [e, list] : by_entity) ents.push_back(e);
    std::sort(ents.begin(), ents.end());
    ProjectionAcc acc;
    for (NodeIndex e : ents) {
        const auto& list = by_entity[e];
        const double share = pair_share(list.size());
        for (std::size_t x = 0; x < list.size(); ++x)
            for (std::size_t y = x + 1; y < list.size(); ++y) {
                NodeIndex a = s.articles[list[x]], b = s.articles[list[y]];
                Projected& p = acc.at(a, b);
                p.count += 1;
                p.fraction += share;
                // The link exists once both articles are out.
                const std::string &da = g.node(a).date, &db = g.node(b).date;
                if (is_iso_date(da) && is_iso_date(db)) p.start = std::max(da, db);
            }
    }
    return acc.take();
}

std::vector<Projected> entity_topics(const KnowledgeGraph& g, const Selection& s) {
    ProjectionAcc acc;
    for (std::size_t i = 0; i < s.articles.size(); ++i) {
        const std::size_t pairs = s.ents[i].size() * s.topics[i].size();
        const double share = pairs ? 1.0 / static_cast<double>(pairs) : 0.0;
        for (const auto& [e, edge] : s.ents[i])
            for (NodeIndex t : s.topics[i]) {
                Projected& p = acc.at(e, t);
                p.count += 1;
                p.fraction += share;
                detail::take_min_date(p.start, g.node(s.articles[i]).date);
            }
    }
    return acc.take();
}

// Backbone, weighting and --min-weight on projection edges; returns the view edges.
std::vector<ViewEdge> finish_projection(std::vector<Projected> proj, std::string_view kind,
                                        const ViewOptions& o,
                                        const std::function<double(NodeIndex)>& c) {
    std::vector<bool> keep(proj.size(), true);
    if (o.backbone > 0) {
        std::vector<WeightedPair> pairs;
        pairs.reserve(proj.size());
        for (const auto& p : proj) pairs.push_back({p.a, p.b, static_cast<double>(p.count)});
        keep = disparity_filter(pairs, o.backbone);
    }
    std::vector<ViewEdge> out;
    for (std::size_t i = 0; i < proj.size(); ++i) {
        if (!keep[i]) continue;
        const Projected& p = proj[i];
        double w = weigh(o.weight, p, c(p.a), c(p.b));
        if (w < o.min_weight) continue;
        ViewEdge e;
        e.source = p.a;
        e.target = p.b;
        e.kind = kind;
        e.weight = w;
        e.directed = false;
        auto c = std::make_shared<ComputedEdge>();
        c->start = p.start;
        if (kind == "co_occurs") {
            c->extra.push_back({"sentences", p.sentences});
            c->extra.push_back({"count", p.count});
        } else if (kind == "shares_entities") {
            c->extra.push_back({"shared", p.count});
        } else {
            c->extra.push_back({"count", p.count});
        }
        e.computed = std::move(c);
        out.push_back(std::move(e));
    }
    return out;
}

} // namespace

std::vector<bool> disparity_filter(const std::vector<WeightedPair>& edges, double alpha) {
    std::unordered_map<std::size_t, std::pair<std::size_t, double>> node; // degree, strength
    for (const auto& e : edges) {
        if (e.a == e.b || e.weight <= 0) continue;
        auto& a = node[e.a];
        auto& b = node[e.b];
        a.first += 1;
        a.second += e.weight;
        b.first += 1;
        b.second += e.weight;
    }
    auto significant = [&](std::size_t v, double w) {
        const auto& [k, strength] = node.at(v);
        if (k <= 1) return true;
        double p = w / strength;
        return std::pow(1.0 - p, static_cast<double>(k - 1)) < alpha;
    };
    std::vector<bool> keep(edges.size(), false);
    for (std::size_t i = 0; i < edges.size(); ++i) {
        const auto& e = edges[i];
        if (e.a == e.b || e.weight <= 0) continue;
        keep[i] = significant(e.a, e.weight) || significant(e.b, e.weight);
    }
    return keep;
}

GraphView make_view(const KnowledgeGraph& g, const ViewOptions& o) {
    validate(o);
    if (o.is_default()) return full_view(g);
    check_types(g, o.types);
    const auto [since, until] = parse_date_range(o.since, o.until);
    const Selection s = select(g, o, since, until);

    GraphView v;
    v.graph = &g;
    v.name = o.view;
    v.filtered = true;
    v.filters = o.describe();
    std::vector<int> ents_of(g.node_count(), 0); // kept entities per kept article
    for (std::size_t i = 0; i < s.articles.size(); ++i)
        ents_of[s.articles[i]] = static_cast<int>(s.ents[i].size());
    auto count_of = [&](NodeIndex x) -> double {
        return g.node(x).kind == NodeKind::Article ? ents_of[x] : s.count[x];
    };

    std::vector<char> in_view(g.node_count(), 0);
    for (NodeIndex x : s.articles)
        if (o.view == "bipartite" || o.view == "articles") in_view[x] = 1;
    for (NodeIndex x = 0; x < g.node_count(); ++x) {
        if (!s.keep[x]) continue;
        NodeKind k = g.node(x).kind;
        if (o.view == "bipartite" || (k == NodeKind::Entity && o.view != "articles") ||
            (k == NodeKind::Topic && o.view == "entity-topic"))
            in_view[x] = 1;
    }

    if (o.view == "bipartite") {
        const bool dated = !since.empty() || !until.empty();
        g.for_each_edge([&](NodeIndex a, NodeIndex b, const Edge& e) {
            if (!in_view[a] || !in_view[b] || e.kind == "co_occurs") return;
            double w = e.weight;
            if (is_relation_kind(e.kind) && dated) {
                // Count only the evidence from articles within the dates.
                std::unordered_set<std::string> arts;
                for (const auto& ev : e.more().evidence)
                    if (auto x = g.find(ev.article); x && in_view[*x]) arts.insert(ev.article);
                if (arts.empty()) return;
                w = static_cast<double>(arts.size());
            }
            v.edges.push_back({a, b, e.kind, w, e.directed, &e, {}});
        });
        auto co = finish_projection(co_occurrences(g, s), "co_occurs", o, count_of);
        v.edges.append(std::move(co));
    } else {
        std::vector<Projected> proj = o.view == "entities"   ? co_occurrences(g, s)
                                      : o.view == "articles" ? shared_entities(g, s)
                                                             : entity_topics(g, s);
        const char* kind = o.view == "entities"   ? "co_occurs"
                           : o.view == "articles" ? "shares_entities"
                                                  : "entity_topic";
        v.edges = finish_projection(std::move(proj), kind, o, count_of);
        if (o.backbone > 0 || o.min_weight > 0) {
            // Edge filters also drop the nodes they leave alone (see make_view's comment).
            std::fill(in_view.begin(), in_view.end(), 0);
            for (const auto& e : v.edges) in_view[e.source] = in_view[e.target] = 1;
        }
    }

    for (NodeIndex x = 0; x < g.node_count(); ++x) {
        if (!in_view[x]) continue;
        v.nodes.push_back(x);
        if (g.node(x).kind == NodeKind::Article)
            v.node_extra[x] = {{"entities_in_view", static_cast<std::int64_t>(ents_of[x])}};
        else v.node_extra[x] = {{"articles_in_view", static_cast<std::int64_t>(s.count[x])}};
    }
    v.check();
    return v;
}

} // namespace polgraph
