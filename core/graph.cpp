// KnowledgeGraph's structure and accessors, interned names, and the records a graph gives back
// (to_records, packed_records). The fold is core/graph_fold.cpp, the algorithms
// core/graph_algorithms.cpp.
#include "core/graph.hpp"

#include <algorithm>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <thread>
#include <unordered_map>

#include "core/error.hpp"
#include "core/graph_impl.hpp"
#include "core/record_pack.hpp"
#include "core/util/make_ahead.hpp"
#include "core/util/memory.hpp"
#include "core/util/text.hpp"

namespace polgraph {

const char* node_kind_name(NodeKind k) {
    switch (k) {
    case NodeKind::Article: return "article";
    case NodeKind::Entity: return "entity";
    case NodeKind::Topic: return "topic";
    case NodeKind::Keyphrase: return "keyphrase";
    }
    return "entity";
}

std::uint16_t InternedName::intern(std::string_view name) {
    // The names every graph has (edge kinds, mention sources) are found without a lock, in a
    // table made once; the others (topic cues, relation types from a file) are added once.
    static const char* const known[] = {"",         "mentions",    "co_occurs",
                                        "has_topic", "has_keyphrase", "subtopic_of",
                                        "affiliated_with", "develops", "jurisdiction",
                                        "gazetteer", "pattern"};
    constexpr std::size_t n_known = std::size(known);
    static const bool ready = [] {
        for (std::size_t i = 0; i < n_known; ++i) names_[i] = new std::string(known[i]);
        return true;
    }();
    (void)ready;
    for (std::size_t i = 0; i < n_known; ++i)
        if (*names_[i] == name) return static_cast<std::uint16_t>(i);
    // Looked up by the threads that unpack records (topic cues): readers share the lock.
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    static std::shared_mutex m;
    static auto* more = new std::unordered_map<std::string, std::uint16_t, Hash, std::equal_to<>>();
    {
        std::shared_lock read(m);
        if (auto it = more->find(name); it != more->end()) return it->second;
    }
    std::unique_lock write(m);
    if (auto it = more->find(name); it != more->end()) return it->second;
    const std::size_t next = n_known + more->size();
    if (next >= std::size(names_))
        throw Error("more than " + std::to_string(std::size(names_)) +
                    " distinct edge kinds, mention sources and topic cues; the first not stored: \"" +
                    std::string(name) + "\"");
    auto it = more->emplace(std::string(name), static_cast<std::uint16_t>(next)).first;
    names_[next] = &it->first;
    return it->second;
}

std::vector<std::string> to_strings(const std::vector<InternedName>& names) {
    return {names.begin(), names.end()};
}

std::vector<InternedName> to_names(const std::vector<std::string>& strings) {
    return {strings.begin(), strings.end()};
}

bool is_relation_kind(const std::string& kind) {
    return kind == "affiliated_with" || kind == "develops" || kind == "jurisdiction";
}

KnowledgeGraph::KnowledgeGraph() : impl_(std::make_unique<Impl>()) {}
KnowledgeGraph::~KnowledgeGraph() = default;
KnowledgeGraph::KnowledgeGraph(KnowledgeGraph&&) noexcept = default;
KnowledgeGraph& KnowledgeGraph::operator=(KnowledgeGraph&&) noexcept = default;

std::size_t KnowledgeGraph::node_count() const { return boost::num_vertices(impl_->g); }
std::size_t KnowledgeGraph::edge_count() const { return boost::num_edges(impl_->g); }
const Node& KnowledgeGraph::node(NodeIndex v) const { return impl_->g[v]; }

std::optional<KnowledgeGraph::NodeIndex> KnowledgeGraph::find(const std::string& id) const {
    auto it = impl_->index.find(id);
    if (it == impl_->index.end()) return std::nullopt;
    return it->second;
}

void KnowledgeGraph::for_each_edge(
    const std::function<void(NodeIndex, NodeIndex, const Edge&)>& f) const {
    const auto& g = impl_->g;
    for (NodeIndex v = 0; v < boost::num_vertices(g); ++v)
        for (auto [it, end] = boost::out_edges(v, g); it != end; ++it)
            f(v, boost::target(*it, g), g[*it]);
}

std::size_t KnowledgeGraph::out_degree(NodeIndex v) const {
    return boost::out_degree(v, impl_->g);
}

std::pair<KnowledgeGraph::NodeIndex, const Edge*> KnowledgeGraph::out_edge(NodeIndex v,
                                                                            std::size_t k) const {
    const auto& g = impl_->g;
    auto it = boost::out_edges(v, g).first + static_cast<std::ptrdiff_t>(k);
    return {boost::target(*it, g), &g[*it]};
}

void KnowledgeGraph::for_each_out_edge(NodeIndex v,
                                       const std::function<void(NodeIndex, const Edge&)>& f) const {
    const auto& g = impl_->g;
    for (auto [it, end] = boost::out_edges(v, g); it != end; ++it) f(boost::target(*it, g), g[*it]);
}

void KnowledgeGraph::for_each_in_edge(NodeIndex v,
                                      const std::function<void(NodeIndex, const Edge&)>& f) const {
    const auto& g = impl_->g;
    for (auto [it, end] = boost::in_edges(v, g); it != end; ++it) f(boost::source(*it, g), g[*it]);
}

ArticleInfo ArticleInfo::from_json(const nlohmann::json& j) {
    ArticleInfo a;
    auto str = [&](const char* k, std::string& to) {
        if (auto it = j.find(k); it != j.end()) to = it->get<std::string>();
    };
    str("title", a.title);
    str("source", a.source);
    str("url", a.url);
    str("path", a.path);
    str("hash", a.hash);
    a.bytes = j.value("bytes", std::uint64_t{0});
    a.sentences = j.value("sentences", std::uint32_t{0});
    a.authors = j.value("authors", std::vector<std::string>{});
    a.tags = j.value("tags", std::vector<std::string>{});
    a.meta = j.value("meta", std::map<std::string, std::string>{});
    a.min_topic_score = j.value("min_topic_score", 1.0);
    a.topic_cues = to_names(j.value("topic_cues", std::vector<std::string>{}));
    a.topic_candidates = j.value("topic_candidates", std::vector<std::string>{});
    a.keyphrase_candidates = j.value("keyphrase_candidates", std::vector<std::string>{});
    return a;
}

std::vector<ArticleRecord> KnowledgeGraph::to_records() const {
    std::vector<ArticleRecord> out;
    for (const auto& p : packed_records()) out.push_back(unpack(p));
    return out;
}

namespace {

/// x, moved out when the graph is being consumed, else copied.
template <class T> T take(T& x, bool consume) { return consume ? std::move(x) : T(x); }

/// The records of a graph. With `consume`, each article's fields and mention details are moved
/// into its record rather than copied, so that the graph shrinks as the records are made (the
/// graph is left with its structure and entities only; --update and merge of a snapshot).
std::vector<PackedRecord> records_of(BoostGraph& g, unsigned threads, bool consume) {
    using NodeIndex = KnowledgeGraph::NodeIndex;
    // Relations first: each edge's evidence goes to the record of the article that states it.
    std::unordered_map<std::string, std::size_t> pos; // article id -> its place in the output
    std::vector<NodeIndex> articles;
    for (NodeIndex v = 0; v < boost::num_vertices(g); ++v)
        if (g[v].kind == NodeKind::Article) {
            pos.emplace(g[v].id, pos.size());
            articles.push_back(v);
        }
    std::vector<std::vector<RelationRecord>> relations(pos.size());
    // The gazetteer attributes of each entity that articles mention, converted once rather
    // than once per mention (2 M of them at 10^5 articles).
    using AttrMap = std::map<std::string, std::string>;
    std::vector<std::optional<AttrMap>> entity_attrs(boost::num_vertices(g));
    for (auto [it, end] = boost::edges(g); it != end; ++it) {
        const Edge& e = g[*it];
        if (e.kind == "mentions") {
            auto& attrs = entity_attrs[boost::target(*it, g)];
            if (!attrs) attrs = g[boost::target(*it, g)].attrs.value("attrs", AttrMap{});
            continue;
        }
        if (!is_relation_kind(e.kind) || !e.detail) continue; // (no detail: no evidence)
        const Node& s = g[boost::source(*it, g)];
        const Node& t = g[boost::target(*it, g)];
        // The graph owns its details (KnowledgeGraph::Impl::details), unconst.
        for (auto& ev : const_cast<EdgeDetail&>(*e.detail).evidence) {
            auto p = pos.find(ev.article);
            if (p == pos.end()) continue;
            relations[p->second].push_back({e.kind, s.id, t.id, ev.sentence, take(ev.text, consume)});
        }
    }
    // Then each article's record, on `threads` threads (each reads the graph and takes from its
    // own article node and mention edges only); in canonical order, as extracted.
    auto record = [&](std::size_t k) {
        const NodeIndex v = articles[k];
        Node& n = g[v];
        ArticleRecord r;
        r.id = n.id;
        ArticleInfo& a = n.article;
        r.title = take(a.title, consume);
        r.date = n.date;
        r.source = take(a.source, consume);
        r.url = take(a.url, consume);
        r.path = take(a.path, consume);
        r.hash = take(a.hash, consume);
        r.bytes = a.bytes;
        r.sentences = a.sentences;
        r.authors = take(a.authors, consume);
        r.tags = take(a.tags, consume);
        r.meta = take(a.meta, consume);
        r.min_topic_score = a.min_topic_score;
        r.topic_cues = to_strings(a.topic_cues);
        for (const auto& c : a.topic_candidates)
            r.topics.push_back(topic_from_json(std::string_view(c), r.id));
        for (const auto& c : a.keyphrase_candidates)
            r.keyphrases.push_back(keyphrase_from_json(std::string_view(c), r.id));
        if (consume) a = ArticleInfo{};
        EdgeDetail none; // for a mention without detail (a hand-made snapshot): the defaults
        for (auto [it, end] = boost::out_edges(v, g); it != end; ++it) {
            const Edge& edge = g[*it];
            if (edge.kind != "mentions") continue;
            auto& e = edge.detail ? const_cast<EdgeDetail&>(*edge.detail) : none;
            const Node& t = g[boost::target(*it, g)];
            EntityRecord er;
            er.id = t.id;
            er.type = t.type;
            er.name = e.name.empty() ? t.label : e.name.str();
            er.count = static_cast<int>(edge.weight);
            er.forms = take(e.forms, consume);
            er.sentences = take(e.sentence_ids, consume);
            er.source = e.source;
            er.confidence = e.confidence;
            er.in_lead = e.in_lead;
            er.attrs = *entity_attrs[boost::target(*it, g)];
            r.entities.push_back(std::move(er));
        }
        r.relations = std::move(relations[k]);
        return pack(std::move(r));
    };
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    std::vector<PackedRecord> out;
    out.reserve(articles.size());
    make_ahead(articles.size(), threads > 1 ? threads : 0, record,
               [&](std::size_t k, PackedRecord&& p) {
                   out.push_back(std::move(p));
                   // What the records took from the graph is freed in article order, so pages
                   // empty as they go: given back every 2048 records, the graph shrinks as the
                   // records grow (merge of a 10^5-article snapshot: peak 2554 -> 2176 MB).
                   if (consume && k % 2048 == 2047) release_free_memory();
               }, 64);
    return out;
}

} // namespace

std::vector<PackedRecord> KnowledgeGraph::packed_records(unsigned threads) const& {
    // Copies only: nothing of the graph is written.
    return records_of(const_cast<BoostGraph&>(impl_->g), threads, false);
}

std::vector<PackedRecord> KnowledgeGraph::packed_records(unsigned threads) && {
    auto out = records_of(impl_->g, threads, true);
    *this = KnowledgeGraph();
    return out;
}

} // namespace polgraph
