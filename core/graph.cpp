#include "core/graph.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <thread>
#include <unordered_map>

#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/page_rank.hpp>

#include "core/error.hpp"
#include "core/graph_impl.hpp"
#include "core/record_pack.hpp"
#include "core/topic_weights.hpp"
#include "core/util/hash.hpp"
#include "core/util/make_ahead.hpp"
#include "core/util/memory.hpp"
#include "core/util/radix_sort.hpp"
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

namespace {

struct EntityAgg {
    std::string type, name, first_date, source = "pattern";
    double mentions = 0, confidence = 0;
    int articles = 0;
    std::map<std::string, std::string> attrs;
    std::vector<std::string> forms;
};

struct TopicAgg {
    std::string name, parent, parent_name, source;
    double score = 0;
    int articles = 0;
};

struct RelationAgg {
    std::vector<Evidence> evidence;
    std::vector<std::string> articles;
};

// The fold's aggregates are hash maps (one probe per entity of a record, not a walk down a tree
// of strings), read in key order once complete.
struct IdHash {
    std::size_t operator()(const std::string& s) const { return hash_bytes(s); }
};
using RelationKey = std::tuple<std::string, std::string, std::string>; // type, source, target
struct RelationKeyHash {
    std::size_t operator()(const RelationKey& k) const {
        const auto& [type, source, target] = k;
        return hash_bytes(type) ^ (hash_bytes(source) * 0x9e3779b97f4a7c15ull) ^
               (hash_bytes(target) * 0xc2b2ae3d27d4eb4full);
    }
};

// The entries of `m`, in key order.
template <class Map> std::vector<typename Map::value_type*> in_key_order(Map& m) {
    std::vector<typename Map::value_type*> out;
    out.reserve(m.size());
    for (auto& kv : m) out.push_back(&kv);
    std::sort(out.begin(), out.end(), [](const auto* a, const auto* b) { return a->first < b->first; });
    return out;
}

// Co-occurrence counts per entity pair, as a flat vector that is sorted and summed from time
// to time (cheaper in time and memory than a hash map with millions of pairs). The sums do not
// depend on the order of the additions. A pair's key is lower * nodes + higher (node indices), so
// that key order is pair order and the radix sort has no bits to skip.
class CoPairs {
public:
    struct Pair {
        std::uint64_t key;
        std::uint32_t articles;
        std::uint32_t sentences;
    };
    /// Pairs of nodes of a graph of `nodes` nodes.
    explicit CoPairs(std::size_t nodes) : nodes_(std::max<std::size_t>(nodes, 1)) {}
    std::uint64_t key(std::size_t a, std::size_t b) const {
        return static_cast<std::uint64_t>(std::min(a, b)) * nodes_ + std::max(a, b);
    }
    std::size_t lower(std::uint64_t key) const { return static_cast<std::size_t>(key / nodes_); }
    std::size_t higher(std::uint64_t key) const { return static_cast<std::size_t>(key % nodes_); }

    void add(std::uint64_t key, std::uint32_t sentences) {
        pairs_.push_back({key, 1, sentences});
        if (pairs_.size() >= next_reduce_) {
            reduce();
            next_reduce_ = std::max<std::size_t>(2 * pairs_.size(), 1u << 20);
        }
    }
    /// The pairs, in key order, each once; none may be added after. Trimmed to their number:
    /// they are held while the graph's edge list grows to take them (at 10^5 articles the
    /// vector had room for up to twice as many pairs as it kept).
    const std::vector<Pair>& reduced() {
        if (!final_) {
            reduce();
            pairs_.shrink_to_fit();
            final_ = true;
        }
        return pairs_;
    }

private:
    void reduce() {
        radix_sort(pairs_.begin(), pairs_.end(), [](const Pair& p) { return p.key; });
        std::size_t out = 0;
        for (std::size_t i = 0; i < pairs_.size(); ++i) {
            if (out > 0 && pairs_[out - 1].key == pairs_[i].key) {
                pairs_[out - 1].articles += pairs_[i].articles;
                pairs_[out - 1].sentences += pairs_[i].sentences;
            } else {
                pairs_[out++] = pairs_[i];
            }
        }
        pairs_.resize(out);
    }
    std::uint64_t nodes_;
    std::vector<Pair> pairs_;
    std::size_t next_reduce_ = 1u << 20;
    bool final_ = false;
};

void merge_forms(std::vector<std::string>& into, const std::vector<std::string>& more) {
    for (const auto& f : more)
        if (std::find(into.begin(), into.end(), f) == into.end()) into.push_back(f);
}

} // namespace

KnowledgeGraph KnowledgeGraph::build(std::vector<ArticleRecord> records) {
    return build(pack_all(std::move(records)), 1);
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

namespace {

// The article node of a record: its fields, and the topic and keyphrase candidates themselves
// (has_topic/has_keyphrase edges are derived from them), so that to_records() and read_json()
// give back the records as extracted.
Node article_node(const ArticleRecord& r) {
    Node n;
    n.id = r.id;
    n.kind = NodeKind::Article;
    n.type = "article";
    n.label = r.title.empty() ? r.id : r.title;
    n.date = r.date;
    n.mentions = 0;
    for (const auto& e : r.entities) n.mentions += e.count;
    n.articles = 1;
    ArticleInfo& a = n.article;
    a.title = r.title;
    a.source = r.source;
    a.url = r.url;
    a.path = r.path;
    a.hash = r.hash;
    a.bytes = r.bytes;
    a.sentences = r.sentences;
    a.authors = r.authors;
    a.tags = r.tags;
    a.meta = r.meta;
    a.min_topic_score = r.min_topic_score;
    a.topic_cues = to_names(r.topic_cues);
    a.topic_candidates.reserve(r.topics.size());
    for (const auto& t : r.topics) a.topic_candidates.push_back(topic_json_text(t));
    a.keyphrase_candidates.reserve(r.keyphrases.size());
    for (const auto& k : r.keyphrases) a.keyphrase_candidates.push_back(keyphrase_json_text(k));
    return n;
}

// The node id of a keyphrase.
std::string keyphrase_node_id(const std::string& text) { return "keyphrase:" + slugify(text); }

// One record as the fold needs it in its second pass: its entities, relations and date, and the
// topics and keyphrases the corpus weights keep.
struct Weighed {
    ArticleRecord record;
    std::vector<TopicRecord> topics;
    std::vector<KeyphraseRecord> keyphrases;
    std::vector<std::string> keyphrase_ids; ///< keyphrase_node_id, per keyphrase
};

// One article ready to join the graph (third pass): its node, its out-edges (mentions,
// has_topic, has_keyphrase, in that order), the details of its mentions (one each, for the
// first edges; the graph stores them as it adds the edges) and its co-occurring entity pairs.
struct ArticlePart {
    Node node;
    std::vector<std::pair<std::size_t, Edge>> edges;
    std::vector<EdgeDetail> details;
    std::vector<std::pair<std::uint64_t, std::uint32_t>> pairs; // key, shared sentences
};

} // namespace

KnowledgeGraph KnowledgeGraph::build(std::vector<PackedRecord> records, unsigned threads) {
    sort_unique(records);
    // Three passes over the packed records, each unpacking one record at a time (only as much
    // of it as the pass needs), so that the fold never holds the records unpacked:
    // 1. document frequencies of topic cues and keyphrases (core/topic_weights.hpp): topics and
    //    keyphrases are weighted against the whole set of records;
    // 2. entities, topics, keyphrases and relations aggregated in sorted maps, so that node
    //    and edge order depend only on ids;
    // 3. article nodes and their edges, and co-occurrences.
    // With two threads or more, records are unpacked (and what depends only on them made) on
    // that many other threads while this one folds (make_ahead).
    const unsigned ahead = threads > 1 ? threads : 0;
    CorpusWeights weights;
    make_ahead(
        records.size(), ahead, [&](std::size_t i) { return weight_keys(records[i]); },
        [&](std::size_t, const WeightKeys& k) { weights.count(k); });

    std::unordered_map<std::string, EntityAgg, IdHash> entities;
    std::unordered_map<std::string, TopicAgg, IdHash> topics;
    std::unordered_map<std::string, std::pair<std::string, int>, IdHash> keyphrases; // id -> (text, articles)
    std::unordered_map<RelationKey, RelationAgg, RelationKeyHash> relations;
    std::size_t article_edges = 0;
    auto weigh = [&](std::size_t i) {
        Weighed w{unpack(records[i], RecordPart::Fold), {}, {}, {}};
        w.topics = weights.topics(w.record);
        w.keyphrases = weights.keyphrases(w.record);
        for (const auto& k : w.keyphrases) w.keyphrase_ids.push_back(keyphrase_node_id(k.text));
        return w;
    };
    make_ahead(records.size(), ahead, weigh, [&](std::size_t, const Weighed& w) {
        const ArticleRecord& r = w.record;
        const auto& kept_topics = w.topics;
        const auto& kept_keyphrases = w.keyphrases;
        article_edges += r.entities.size() + kept_topics.size() + kept_keyphrases.size();
        for (const auto& e : r.entities) {
            auto [it, fresh] = entities.try_emplace(e.id);
            EntityAgg& a = it->second;
            if (fresh) {
                a.type = e.type;
                a.name = e.name;
                a.attrs = e.attrs;
            }
            for (const auto& [k, v] : e.attrs) a.attrs.try_emplace(k, v); // no node made for a known key
            a.mentions += e.count;
            a.articles += 1;
            a.confidence = std::max(a.confidence, e.confidence);
            if (e.source == "gazetteer") a.source = "gazetteer";
            if (!r.date.empty() && (a.first_date.empty() || r.date < a.first_date))
                a.first_date = r.date;
            if (a.forms.size() < 64) merge_forms(a.forms, e.forms);
        }
        for (const auto& t : kept_topics) {
            auto [it, fresh] = topics.try_emplace(t.id);
            if (fresh) {
                it->second.name = t.name;
                it->second.parent = t.parent;
                it->second.parent_name = t.parent_name;
                it->second.source = t.source;
            }
            it->second.score += t.score;
            it->second.articles += 1;
        }
        for (std::size_t k = 0; k < kept_keyphrases.size(); ++k) {
            auto& kp = keyphrases[w.keyphrase_ids[k]];
            if (kp.first.empty()) kp.first = kept_keyphrases[k].text;
            kp.second += 1;
        }
        for (const auto& rel : r.relations) {
            auto& agg = relations[{rel.type, rel.source, rel.target}];
            agg.evidence.push_back({r.id, rel.sentence, rel.evidence});
            if (agg.articles.empty() || agg.articles.back() != r.id) agg.articles.push_back(r.id);
        }
    });
    // Parent topics referenced by children exist as nodes too.
    for (const auto* entry : in_key_order(topics)) // (pointers to entries survive a rehash)
        if (const TopicAgg& t = entry->second; !t.parent.empty() && !topics.count(t.parent)) {
            TopicAgg p;
            p.name = !t.parent_name.empty() ? t.parent_name
                                            : t.parent.substr(t.parent.find(':') + 1);
            p.source = "taxonomy";
            topics.emplace(t.parent, p);
        }

    KnowledgeGraph kg;
    Impl& im = *kg.impl_;
    im.reserve_nodes(records.size() + entities.size() + topics.size() + keyphrases.size());
    // Article nodes come first, in id order; they are filled in by pass 3.
    for (const auto& p : records) {
        Node n;
        n.id = p.id;
        n.kind = NodeKind::Article;
        im.add_node(std::move(n));
    }
    for (const auto* entry : in_key_order(entities)) {
        const auto& [id, a] = *entry;
        Node n;
        n.id = id;
        n.kind = NodeKind::Entity;
        n.type = a.type;
        n.label = a.name;
        n.date = a.first_date;
        n.mentions = a.mentions;
        n.articles = a.articles;
        auto forms = a.forms;
        std::sort(forms.begin(), forms.end());
        n.attrs = {{"source", a.source}, {"confidence", round_score(a.confidence)},
                   {"forms", forms}, {"attrs", a.attrs}};
        // Its mentions: one in-edge per article (edge lists are reserved to their final size
        // where it is known, rather than grown by doubling).
        im.reserve_degree(im.add_node(std::move(n)), 0, static_cast<std::size_t>(a.articles));
    }
    entities.clear();
    const auto sorted_topics = in_key_order(topics);
    for (const auto* entry : sorted_topics) {
        const auto& [id, t] = *entry;
        Node n;
        n.id = id;
        n.kind = NodeKind::Topic;
        n.type = "topic";
        n.label = t.name;
        n.mentions = round_score(t.score);
        n.articles = t.articles;
        n.attrs = {{"parent", t.parent}, {"source", t.source}};
        im.add_node(std::move(n));
    }
    for (const auto* entry : in_key_order(keyphrases)) {
        const auto& [id, k] = *entry;
        Node n;
        n.id = id;
        n.kind = NodeKind::Keyphrase;
        n.type = "keyphrase";
        n.label = k.first;
        n.articles = k.second;
        im.add_node(std::move(n));
    }
    // Topic hierarchy edges (child -> parent).
    for (const auto* entry : sorted_topics)
        if (const auto& [id, t] = *entry; !t.parent.empty()) {
            Edge e;
            e.kind = "subtopic_of";
            e.weight = 1;
            boost::add_edge(im.index.at(id), im.index.at(t.parent), std::move(e), im.g);
        }

    // Article edges: mentions, has_topic, has_keyphrase, in article order. Each packed record is
    // released once folded.
    im.reserve_edges(boost::num_edges(im.g) + article_edges);
    // The node, edges and pairs of an article depend only on its record and on the nodes made
    // above, which this pass reads and does not change.
    CoPairs cooc(boost::num_vertices(im.g));
    auto prepare = [&](std::size_t ri) {
        ArticleRecord r = unpack(records[ri], RecordPart::All);
        // Freed here: moved out, not assigned an empty record (a std::string assigned a short
        // string keeps its buffer; that held 0.64 GB of records at 10^5 articles until the end
        // of this pass).
        { PackedRecord gone = std::move(records[ri]); }
        ArticlePart part;
        part.node = article_node(r);
        std::vector<std::size_t> entity_index;
        entity_index.reserve(r.entities.size());
        for (const auto& e : r.entities) entity_index.push_back(im.index.at(e.id));
        // Co-occurrence: every pair of entities in the article; sentence-level count from the
        // intersection of their sentence lists.
        const std::size_t n = r.entities.size();
        part.pairs.reserve(n < 2 ? 0 : n * (n - 1) / 2);
        for (std::size_t i = 0; i < r.entities.size(); ++i)
            for (std::size_t j = i + 1; j < r.entities.size(); ++j)
                part.pairs.emplace_back(cooc.key(entity_index[i], entity_index[j]),
                                        shared_sentences(r.entities[i].sentences,
                                                         r.entities[j].sentences));
        for (std::size_t i = 0; i < r.entities.size(); ++i) {
            EntityRecord& e = r.entities[i];
            Edge ed;
            ed.kind = "mentions";
            ed.weight = e.count;
            EdgeDetail& d = part.details.emplace_back();
            d.forms = std::move(e.forms);
            d.sentence_ids = std::move(e.sentences);
            d.source = e.source;
            d.confidence = e.confidence;
            d.in_lead = e.in_lead;
            if (e.name != im.g[entity_index[i]].label) d.name = e.name;
            part.edges.emplace_back(entity_index[i], std::move(ed));
        }
        for (const auto& t : weights.topics(r)) {
            Edge ed;
            ed.kind = "has_topic";
            ed.weight = t.score;
            part.edges.emplace_back(im.index.at(t.id), std::move(ed));
        }
        for (const auto& k : weights.keyphrases(r)) {
            Edge ed;
            ed.kind = "has_keyphrase";
            ed.weight = k.score;
            part.edges.emplace_back(im.index.at(keyphrase_node_id(k.text)), std::move(ed));
        }
        return part;
    };
    make_ahead(records.size(), ahead, prepare, [&](std::size_t ri, ArticlePart&& part) {
        im.g[ri] = std::move(part.node);
        im.reserve_degree(ri, part.edges.size(), 0);
        for (std::size_t k = 0; k < part.details.size(); ++k)
            part.edges[k].second.detail = im.keep(std::move(part.details[k]));
        for (auto& [target, ed] : part.edges) boost::add_edge(ri, target, std::move(ed), im.g);
        for (const auto& [key, shared] : part.pairs) cooc.add(key, shared);
    });
    records = {};
    release_free_memory(); // the records, before the edge list grows by the co-occurrences
    im.reserve_edges(boost::num_edges(im.g) + cooc.reduced().size() + relations.size());
    // The co-occurrence and relation edges each entity gets, to reserve its lists once.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> more(boost::num_vertices(im.g)); // out, in
    for (const auto& c : cooc.reduced()) {
        ++more[cooc.lower(c.key)].first;
        ++more[cooc.higher(c.key)].second;
    }
    const auto sorted_relations = in_key_order(relations);
    for (const auto* entry : sorted_relations) {
        const auto& key = entry->first;
        auto s = im.index.find(std::get<1>(key)), t = im.index.find(std::get<2>(key));
        if (s == im.index.end() || t == im.index.end()) continue;
        ++more[s->second].first;
        ++more[t->second].second;
    }
    for (NodeIndex v = 0; v < more.size(); ++v)
        if (more[v].first + more[v].second > 0)
            im.reserve_degree(v, boost::out_degree(v, im.g) + more[v].first,
                              boost::in_degree(v, im.g) + more[v].second);
    more = {};
    for (const auto& c : cooc.reduced()) {
        const std::uint64_t key = c.key;
        Edge ed;
        ed.kind = "co_occurs";
        ed.directed = false;
        ed.weight = c.articles;
        ed.sentences = c.sentences;
        boost::add_edge(cooc.lower(key), cooc.higher(key), std::move(ed), im.g);
    }
    cooc = CoPairs(1); // its memory, before the relations
    // The evidence moves into the edges (at 10^5 articles it is about 0.2 GB of sentences).
    for (auto* entry : sorted_relations) {
        auto& [key, agg] = *entry;
        const auto& [type, src, tgt] = key;
        auto s = im.index.find(src), t = im.index.find(tgt);
        if (s == im.index.end() || t == im.index.end()) continue;
        Edge ed;
        ed.kind = type;
        ed.weight = static_cast<double>(agg.articles.size());
        EdgeDetail d;
        d.evidence = std::move(agg.evidence);
        ed.detail = im.keep(std::move(d));
        boost::add_edge(s->second, t->second, std::move(ed), im.g);
    }
    return kg;
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

namespace {

using UGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS,
                                     boost::no_property,
                                     boost::property<boost::edge_weight_t, double>>;

UGraph make_ugraph(std::size_t n, const std::vector<NetworkEdge>& edges) {
    UGraph u(n);
    for (const auto& e : edges) boost::add_edge(e.a, e.b, e.weight, u);
    return u;
}

// The entity co-occurrence network as an edge list over entity numbers; to_full maps an entity
// number back to its node.
std::vector<NetworkEdge> entity_network(const BoostGraph& g, std::vector<std::size_t>& to_full) {
    std::vector<long> to_sub(boost::num_vertices(g), -1);
    for (std::size_t v = 0; v < boost::num_vertices(g); ++v)
        if (g[v].kind == NodeKind::Entity) {
            to_sub[v] = static_cast<long>(to_full.size());
            to_full.push_back(v);
        }
    std::vector<NetworkEdge> edges;
    for (auto [it, end] = boost::edges(g); it != end; ++it) {
        const Edge& e = g[*it];
        if (e.kind != "co_occurs") continue;
        edges.push_back({static_cast<std::size_t>(to_sub[boost::source(*it, g)]),
                         static_cast<std::size_t>(to_sub[boost::target(*it, g)]), e.weight});
    }
    return edges;
}

std::vector<double> to_node_values(std::size_t nodes, const std::vector<std::size_t>& to_full,
                                   const std::vector<double>& values) {
    std::vector<double> result(nodes, 0.0);
    for (std::size_t i = 0; i < to_full.size(); ++i) result[to_full[i]] = values[i];
    return result;
}

} // namespace

std::vector<double> network_pagerank(std::size_t n, const std::vector<NetworkEdge>& edges,
                                     int iterations, double damping) {
    if (n == 0) return {};
    std::vector<double> strength(n, 0.0), pr(n, 1.0 / static_cast<double>(n)), next(n);
    for (const auto& e : edges) {
        strength[e.a] += e.weight;
        strength[e.b] += e.weight;
    }
    for (int iter = 0; iter < iterations; ++iter) {
        double dangling = 0;
        for (std::size_t v = 0; v < n; ++v)
            if (strength[v] == 0) dangling += pr[v];
        double base = (1.0 - damping) / static_cast<double>(n) +
                      damping * dangling / static_cast<double>(n);
        std::fill(next.begin(), next.end(), base);
        for (const auto& e : edges) {
            next[e.b] += damping * pr[e.a] * e.weight / strength[e.a];
            next[e.a] += damping * pr[e.b] * e.weight / strength[e.b];
        }
        pr.swap(next);
    }
    return pr;
}

std::vector<double> network_betweenness(std::size_t n, const std::vector<NetworkEdge>& edges) {
    UGraph u = make_ugraph(n, edges);
    std::vector<double> centrality(n, 0.0);
    if (n == 0) return centrality;
    boost::brandes_betweenness_centrality(
        u, boost::centrality_map(boost::make_iterator_property_map(
               centrality.begin(), boost::get(boost::vertex_index, u))));
    return centrality;
}

std::uint32_t shared_sentences(const std::vector<std::uint32_t>& s1,
                               const std::vector<std::uint32_t>& s2) {
    std::uint32_t shared = 0;
    std::size_t x = 0, y = 0;
    while (x < s1.size() && y < s2.size()) {
        if (s1[x] < s2[y]) ++x;
        else if (s2[y] < s1[x]) ++y;
        else { ++shared; ++x; ++y; }
    }
    return shared;
}

std::pair<std::vector<int>, int> network_components(std::size_t n,
                                                    const std::vector<NetworkEdge>& edges) {
    UGraph u = make_ugraph(n, edges);
    std::vector<int> comp(n);
    int count = n == 0 ? 0 : boost::connected_components(u, comp.data());
    return {comp, count};
}

std::vector<double> KnowledgeGraph::entity_pagerank(int iterations, double damping) const {
    std::vector<std::size_t> to_full;
    auto edges = entity_network(impl_->g, to_full);
    return to_node_values(node_count(), to_full,
                          network_pagerank(to_full.size(), edges, iterations, damping));
}

std::vector<double> KnowledgeGraph::entity_betweenness() const {
    std::vector<std::size_t> to_full;
    auto edges = entity_network(impl_->g, to_full);
    return to_node_values(node_count(), to_full, network_betweenness(to_full.size(), edges));
}

std::pair<std::vector<int>, int> KnowledgeGraph::components() const {
    const auto& g = impl_->g;
    using U = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
    U u(boost::num_vertices(g));
    for (auto [it, end] = boost::edges(g); it != end; ++it)
        boost::add_edge(boost::source(*it, g), boost::target(*it, g), u);
    std::vector<int> comp(boost::num_vertices(g));
    int n = comp.empty() ? 0 : boost::connected_components(u, comp.data());
    return {comp, n};
}

} // namespace polgraph
