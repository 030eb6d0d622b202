#include "core/view.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "core/error.hpp"
#include "core/util/text.hpp"

namespace polgraph {

const char* attr_type_name(const AttrValue& v) {
    switch (v.index()) {
    case 0: return "boolean";
    case 1: return "long";
    case 2: return "double";
    default: return "string";
    }
}

const char* type_color(const std::string& type) {
    // Okabe–Ito inspired palette: distinguishable for colour-blind readers.
    if (type == "article") return "#9e9e9e";
    if (type == "person") return "#e69f00";
    if (type == "organization") return "#0072b2";
    if (type == "model") return "#cc79a7";
    if (type == "policy") return "#d55e00";
    if (type == "location") return "#009e73";
    if (type == "product") return "#56b4e9";
    if (type == "topic") return "#f0e442";
    if (type == "keyphrase") return "#bbbbbb";
    return "#666666";
}

namespace {

std::string jstr(const nlohmann::json& j, const char* k) {
    auto it = j.find(k);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> jstrs(const nlohmann::json& j, const char* k) {
    std::vector<std::string> out;
    auto it = j.find(k);
    if (it == j.end() || !it->is_array()) return out;
    for (const auto& v : *it)
        if (v.is_string()) out.push_back(v.get<std::string>());
    return out;
}

} // namespace

Attrs GraphView::node_attrs(KnowledgeGraph::NodeIndex v) const {
    const Node& n = graph->node(v);
    Attrs a;
    a.reserve(24); // an article's, without growing
    a.push_back({"label", n.label});
    a.push_back({"node_id", n.id}); // XML formats may have to replace the id itself
    a.push_back({"kind", std::string(node_kind_name(n.kind))});
    a.push_back({"type", n.type});
    a.push_back({"color", std::string(type_color(n.type))});
    a.push_back({"date", n.date});
    a.push_back({"mentions", n.mentions});
    a.push_back({"articles", static_cast<std::int64_t>(n.articles)});
    if (auto it = node_extra.find(v); it != node_extra.end())
        a.insert(a.end(), it->second.begin(), it->second.end());
    switch (n.kind) {
    case NodeKind::Article: {
        const ArticleInfo& art = n.article;
        a.push_back({"title", art.title});
        a.push_back({"source", art.source});
        a.push_back({"url", art.url});
        a.push_back({"path", art.path});
        a.push_back({"hash", art.hash});
        a.push_back({"bytes", static_cast<std::int64_t>(art.bytes)});
        a.push_back({"sentences", static_cast<std::int64_t>(art.sentences)});
        a.push_back({"authors", art.authors});
        a.push_back({"tags", art.tags});
        // Front-matter fields as an object, in the lossless form only.
        JsonText meta{"{"};
        for (const auto& [k, v] : art.meta) {
            if (meta.text.size() > 1) meta.text += ',';
            append_json_escaped(meta.text, sanitize_utf8(k));
            meta.text += ':';
            append_json_escaped(meta.text, sanitize_utf8(v));
        }
        meta.text += '}';
        a.push_back({"meta", std::move(meta), true});
        // The record's topic and keyphrase candidates (arrays of objects) and its threshold:
        // has_topic/has_keyphrase edges are computed from them when the graph is reloaded.
        auto objects = [](const std::vector<std::string>& texts) {
            JsonText list{"["};
            for (const auto& t : texts) list.text += (list.text.size() > 1 ? "," : "") + t;
            list.text += ']';
            return list;
        };
        a.push_back({"min_topic_score", art.min_topic_score, true});
        a.push_back({"topic_cues", to_strings(art.topic_cues), true});
        a.push_back({"topic_candidates", objects(art.topic_candidates), true});
        a.push_back({"keyphrase_candidates", objects(art.keyphrase_candidates), true});
        break;
    }
    case NodeKind::Entity: {
        a.push_back({"extraction", jstr(n.attrs, "source")});
        a.push_back({"confidence", n.attrs.value("confidence", 1.0)});
        a.push_back({"forms", jstrs(n.attrs, "forms")});
        if (auto it = n.attrs.find("attrs"); it != n.attrs.end() && it->is_object())
            for (auto f = it->begin(); f != it->end(); ++f)
                if (f.value().is_string())
                    a.push_back({"attr_" + f.key(), f.value().get<std::string>()});
        break;
    }
    case NodeKind::Topic:
        a.push_back({"parent", jstr(n.attrs, "parent")});
        a.push_back({"source", jstr(n.attrs, "source")});
        break;
    case NodeKind::Keyphrase:
        break;
    }
    return a;
}

Attrs GraphView::edge_attrs(const ViewEdge& e) const {
    Attrs a;
    a.reserve(9 + (e.computed ? e.computed->extra.size() : 0));
    a.push_back({"kind", std::string(e.kind)});
    a.push_back({"weight", e.weight});
    a.push_back({"directed", e.directed});
    if (e.base) {
        const Edge& b = *e.base;
        const EdgeDetail& d = b.more();
        if (b.kind == "mentions") {
            a.push_back({"forms", d.forms});
            std::vector<std::int64_t> s(d.sentence_ids.begin(), d.sentence_ids.end());
            a.push_back({"sentence_ids", s, true});
            a.push_back({"extraction", d.source});
            a.push_back({"confidence", d.confidence});
            a.push_back({"in_lead", d.in_lead});
            if (!d.name.empty()) a.push_back({"name", d.name.str(), true});
        } else if (b.kind == "co_occurs") {
            a.push_back({"sentences", static_cast<std::int64_t>(b.sentences)});
        } else if (is_relation_kind(b.kind)) {
            std::vector<std::string> arts, texts;
            std::vector<std::int64_t> sents;
            for (const auto& ev : d.evidence) {
                arts.push_back(ev.article);
                sents.push_back(ev.sentence);
                texts.push_back(ev.text);
            }
            a.push_back({"evidence_articles", arts});
            a.push_back({"evidence", texts});
            a.push_back({"evidence_sentences", sents, true});
        }
    }
    if (e.computed)
        for (const auto& x : e.computed->extra) a.push_back(x);
    return a;
}

GraphView full_view(const KnowledgeGraph& g) {
    GraphView v;
    v.graph = &g;
    v.name = "bipartite";
    v.nodes.reserve(g.node_count());
    for (std::size_t i = 0; i < g.node_count(); ++i) v.nodes.push_back(i);
    v.edges = ViewEdges::whole(g);
    return v;
}

ViewEdges ViewEdges::whole(const KnowledgeGraph& g) {
    ViewEdges e;
    e.graph_ = &g;
    e.first_.reserve(g.node_count() + 1);
    e.first_.push_back(0);
    for (std::size_t v = 0; v < g.node_count(); ++v) e.first_.push_back(e.first_.back() + g.out_degree(v));
    return e;
}

ViewEdge ViewEdges::operator[](std::size_t i) const {
    if (!graph_) return list_[i];
    // The node whose out-edges hold position i: the last one whose first position is <= i.
    const std::size_t v =
        static_cast<std::size_t>(std::upper_bound(first_.begin(), first_.end(), i) - first_.begin()) - 1;
    const auto [t, e] = graph_->out_edge(v, i - first_[v]);
    return {v, t, e->kind, e->weight, e->directed, e, {}};
}

void ViewEdges::make_list() {
    if (!graph_) return;
    std::vector<ViewEdge> all;
    all.reserve(size());
    for (std::size_t i = 0; i < size(); ++i) all.push_back((*this)[i]);
    graph_ = nullptr;
    first_.clear();
    list_ = std::move(all);
}

void ViewEdges::append(std::vector<ViewEdge> more) {
    make_list();
    if (list_.empty()) {
        list_ = std::move(more);
        return;
    }
    list_.insert(list_.end(), std::make_move_iterator(more.begin()),
                 std::make_move_iterator(more.end()));
}

// ---- Whole-view queries -------------------------------------------------------------------

bool GraphView::directed() const {
    if (edges.empty()) return name == "bipartite";
    return std::any_of(edges.begin(), edges.end(), [](const ViewEdge& e) { return e.directed; });
}

bool GraphView::has_undirected() const {
    return std::any_of(edges.begin(), edges.end(), [](const ViewEdge& e) { return !e.directed; });
}

bool GraphView::has_parallel_edges() const {
    std::unordered_set<std::uint64_t> seen;
    seen.reserve(edges.size());
    for (const auto& e : edges) {
        auto lo = std::min(e.source, e.target), hi = std::max(e.source, e.target);
        if (!seen.insert((static_cast<std::uint64_t>(lo) << 32) | hi).second) return true;
    }
    return false;
}

bool GraphView::has_self_loops() const {
    return std::any_of(edges.begin(), edges.end(),
                       [](const ViewEdge& e) { return e.source == e.target; });
}

std::vector<std::size_t> GraphView::degrees() const {
    std::unordered_map<KnowledgeGraph::NodeIndex, std::size_t> pos;
    pos.reserve(nodes.size());
    for (std::size_t i = 0; i < nodes.size(); ++i) pos.emplace(nodes[i], i);
    std::vector<std::size_t> deg(nodes.size(), 0);
    for (const auto& e : edges) {
        if (auto it = pos.find(e.source); it != pos.end()) ++deg[it->second];
        if (auto it = pos.find(e.target); it != pos.end()) ++deg[it->second];
    }
    return deg;
}

void GraphView::check() const {
    std::vector<char> in(graph->node_count(), 0);
    std::unordered_set<std::string> ids;
    for (auto v : nodes) {
        if (v >= in.size() || in[v]) throw Error("view " + name + ": node listed twice");
        in[v] = 1;
        if (!ids.insert(graph->node(v).id).second)
            throw Error("view " + name + ": duplicate node id \"" + graph->node(v).id + "\"");
    }
    for (const auto& e : edges)
        if (e.source >= in.size() || e.target >= in.size() || !in[e.source] || !in[e.target])
            throw Error("view " + name + ": a " + std::string(e.kind) + " edge ends outside the view");
}

bool is_iso_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (s[i] < '0' || s[i] > '9') return false;
    auto num = [&](std::size_t at, std::size_t len) {
        int x = 0;
        for (std::size_t i = at; i < at + len; ++i) x = x * 10 + (s[i] - '0');
        return x;
    };
    int y = num(0, 4), m = num(5, 2), d = num(8, 2);
    if (y < 1 || m < 1 || m > 12 || d < 1) return false;
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days[m - 1] + (m == 2 && leap ? 1 : 0);
}

namespace {

using NodeIndex = KnowledgeGraph::NodeIndex;

void take_min_date(std::string& into, const std::string& d) {
    if (is_iso_date(d) && (into.empty() || d < into)) into = d;
}

} // namespace

bool is_article_edge(std::string_view kind) {
    return kind == "mentions" || kind == "has_topic" || kind == "has_keyphrase";
}

std::string GraphView::node_start(NodeIndex v) const {
    const Node& n = graph->node(v);
    if (n.kind == NodeKind::Article || n.kind == NodeKind::Entity)
        return is_iso_date(n.date) ? n.date : std::string();
    std::string first;
    graph->for_each_in_edge(v, [&](NodeIndex s, const Edge& e) {
        if (is_article_edge(e.kind)) take_min_date(first, graph->node(s).date);
    });
    return first;
}

std::string GraphView::edge_start(const ViewEdge& e) const {
    if (!e.base)
        return e.computed && is_iso_date(e.computed->start) ? e.computed->start : std::string();
    const Edge& b = *e.base;
    std::string first;
    if (is_article_edge(b.kind)) {
        take_min_date(first, graph->node(e.source).date);
    } else if (is_relation_kind(b.kind)) {
        for (const auto& ev : b.more().evidence)
            if (auto a = graph->find(ev.article)) take_min_date(first, graph->node(*a).date);
    } else if (b.kind == "co_occurs") {
        std::unordered_set<NodeIndex> with_source;
        graph->for_each_in_edge(e.source, [&](NodeIndex a, const Edge& m) {
            if (m.kind == "mentions") with_source.insert(a);
        });
        graph->for_each_in_edge(e.target, [&](NodeIndex a, const Edge& m) {
            if (m.kind == "mentions" && with_source.count(a))
                take_min_date(first, graph->node(a).date);
        });
    }
    return first;
}

double node_size(const Node& n, std::size_t degree) {
    double x = (n.kind == NodeKind::Entity || n.kind == NodeKind::Topic)
                   ? std::max(0.0, n.mentions)
                   : static_cast<double>(degree);
    return std::round((4.0 + 2.0 * std::sqrt(x)) * 100.0) / 100.0;
}

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

bool ViewOptions::is_default() const { return describe().empty(); }

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
        throw UsageError("--view " + o.view + ": unknown view (bipartite, entities, articles, "
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
        auto [it, fresh] = index_.try_emplace((static_cast<std::uint64_t>(a) << 32) | b,
                                              items_.size());
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
    std::vector<NodeIndex> articles;            ///< within the dates, index order
    std::vector<int> count;                     ///< per node: articles of the view it is in
    std::vector<char> keep;                     ///< per node: entity/topic/keyphrase kept
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
        case NodeKind::Topic: s.keep[v] = o.view == "entity-topic" || type_ok("topic"); break;
        case NodeKind::Keyphrase: s.keep[v] = type_ok("keyphrase"); break;
        case NodeKind::Article: break;
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
            throw UsageError("--types " + t + ": no node of that type in the graph (types: " +
                             list + ")");
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
                take_min_date(p.start, date);
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
                take_min_date(p.start, g.node(s.articles[i]).date);
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
        else
            v.node_extra[x] = {{"articles_in_view", static_cast<std::int64_t>(s.count[x])}};
    }
    v.check();
    return v;
}

} // namespace polgraph
