#include "core/view.hpp"

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
    a.push_back({"label", n.label});
    a.push_back({"node_id", n.id}); // XML formats may have to replace the id itself
    a.push_back({"kind", std::string(node_kind_name(n.kind))});
    a.push_back({"type", n.type});
    a.push_back({"color", std::string(type_color(n.type))});
    a.push_back({"date", n.date});
    a.push_back({"mentions", n.mentions});
    a.push_back({"articles", static_cast<std::int64_t>(n.articles)});
    switch (n.kind) {
    case NodeKind::Article: {
        a.push_back({"title", jstr(n.attrs, "title")});
        a.push_back({"source", jstr(n.attrs, "source")});
        a.push_back({"url", jstr(n.attrs, "url")});
        a.push_back({"path", jstr(n.attrs, "path")});
        a.push_back({"hash", jstr(n.attrs, "hash")});
        a.push_back({"bytes", static_cast<std::int64_t>(n.attrs.value("bytes", 0ll))});
        a.push_back({"sentences", static_cast<std::int64_t>(n.attrs.value("sentences", 0ll))});
        a.push_back({"authors", jstrs(n.attrs, "authors")});
        a.push_back({"tags", jstrs(n.attrs, "tags")});
        // Front-matter fields, in the lossless form only.
        std::vector<std::string> meta;
        if (auto it = n.attrs.find("meta"); it != n.attrs.end() && it->is_object())
            for (auto m = it->begin(); m != it->end(); ++m)
                if (m.value().is_string()) {
                    meta.push_back(m.key());
                    meta.push_back(m.value().get<std::string>());
                }
        a.push_back({"meta", meta, true});
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
    a.push_back({"kind", e.kind});
    a.push_back({"weight", e.weight});
    a.push_back({"directed", e.directed});
    if (e.base) {
        const Edge& b = *e.base;
        if (b.kind == "mentions") {
            a.push_back({"forms", b.forms});
            std::vector<std::int64_t> s(b.sentence_ids.begin(), b.sentence_ids.end());
            a.push_back({"sentence_ids", s, true});
            a.push_back({"extraction", b.source});
            a.push_back({"confidence", b.confidence});
            a.push_back({"in_lead", b.in_lead});
            if (!b.name.empty()) a.push_back({"name", b.name, true});
        } else if (b.kind == "co_occurs") {
            a.push_back({"sentences", static_cast<std::int64_t>(b.sentences)});
        } else if (is_relation_kind(b.kind)) {
            std::vector<std::string> arts, texts;
            std::vector<std::int64_t> sents;
            for (const auto& ev : b.evidence) {
                arts.push_back(ev.article);
                sents.push_back(ev.sentence);
                texts.push_back(ev.text);
            }
            a.push_back({"evidence_articles", arts});
            a.push_back({"evidence", texts});
            a.push_back({"evidence_sentences", sents, true});
        }
    }
    for (const auto& x : e.extra) a.push_back(x);
    return a;
}

GraphView full_view(const KnowledgeGraph& g) {
    GraphView v;
    v.graph = &g;
    v.name = "bipartite";
    v.nodes.reserve(g.node_count());
    for (std::size_t i = 0; i < g.node_count(); ++i) v.nodes.push_back(i);
    v.edges.reserve(g.edge_count());
    g.for_each_edge([&](std::size_t s, std::size_t t, const Edge& e) {
        v.edges.push_back({s, t, e.kind, e.weight, e.directed, &e, {}});
    });
    return v;
}

} // namespace polgraph
