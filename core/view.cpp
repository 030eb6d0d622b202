// GraphView itself: the attributes of its nodes and edges, its edge list, whole-view checks, and
// the dates and sizes the exporters draw. Views are made in core/view_make.cpp.
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

using NodeIndex = KnowledgeGraph::NodeIndex;

void detail::take_min_date(std::string& into, const std::string& d) {
    if (is_iso_date(d) && (into.empty() || d < into)) into = d;
}

bool is_article_edge(std::string_view kind) {
    return kind == "mentions" || kind == "has_topic" || kind == "has_keyphrase";
}

std::string GraphView::node_start(NodeIndex v) const {
    const Node& n = graph->node(v);
    if (n.kind == NodeKind::Article || n.kind == NodeKind::Entity)
        return is_iso_date(n.date) ? n.date : std::string();
    std::string first;
    graph->for_each_in_edge(v, [&](NodeIndex s, const Edge& e) {
        if (is_article_edge(e.kind)) detail::take_min_date(first, graph->node(s).date);
    });
    return first;
}

std::string GraphView::edge_start(const ViewEdge& e) const {
    if (!e.base)
        return e.computed && is_iso_date(e.computed->start) ? e.computed->start : std::string();
    const Edge& b = *e.base;
    std::string first;
    if (is_article_edge(b.kind)) {
        detail::take_min_date(first, graph->node(e.source).date);
    } else if (is_relation_kind(b.kind)) {
        for (const auto& ev : b.more().evidence)
            if (auto a = graph->find(ev.article))
                detail::take_min_date(first, graph->node(*a).date);
    } else if (b.kind == "co_occurs") {
        std::unordered_set<NodeIndex> with_source;
        graph->for_each_in_edge(e.source, [&](NodeIndex a, const Edge& m) {
            if (m.kind == "mentions") with_source.insert(a);
        });
        graph->for_each_in_edge(e.target, [&](NodeIndex a, const Edge& m) {
            if (m.kind == "mentions" && with_source.count(a))
                detail::take_min_date(first, graph->node(a).date);
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

} // namespace polgraph
