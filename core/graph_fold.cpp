// The fold: records -> KnowledgeGraph (KnowledgeGraph::build). Three passes over the records in
// id order: count topic cues and keyphrases over the corpus, weigh each record's topics and
// keyphrases against those counts, then add each article's node and edges and sum the entities,
// topics, relations and co-occurrences. The result depends only on the set of records.
#include <algorithm>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include "core/error.hpp"
#include "core/graph.hpp"
#include "core/graph_impl.hpp"
#include "core/record_pack.hpp"
#include "core/topic_weights.hpp"
#include "core/util/hash.hpp"
#include "core/util/make_ahead.hpp"
#include "core/util/memory.hpp"
#include "core/util/radix_sort.hpp"
#include "core/util/text.hpp"

namespace polgraph {

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
    std::sort(out.begin(), out.end(),
              [](const auto* a, const auto* b) { return a->first < b->first; });
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
std::string keyphrase_node_id(const std::string& text) {
    return "keyphrase:" + slugify(text);
}

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
    std::unordered_map<std::string, std::pair<std::string, int>, IdHash>
        keyphrases; // id -> (text, articles)
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
            for (const auto& [k, v] : e.attrs)
                a.attrs.try_emplace(k, v); // no node made for a known key
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
            p.name =
                !t.parent_name.empty() ? t.parent_name : t.parent.substr(t.parent.find(':') + 1);
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
        n.attrs = {{"source", a.source},
                   {"confidence", round_score(a.confidence)},
                   {"forms", forms},
                   {"attrs", a.attrs}};
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
                part.pairs.emplace_back(
                    cooc.key(entity_index[i], entity_index[j]),
                    shared_sentences(r.entities[i].sentences, r.entities[j].sentences));
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

} // namespace polgraph
