// The binary graph snapshot: the folded graph written field by field, so that loading it is a
// linear scan with no JSON parsing and no fold. Layout (integers little-endian, doubles IEEE 754):
//
//   magic (kSnapshotMagic) | u32 version | u64 payload bytes | u64 payload checksum | payload
//   payload: u32 edge kinds, each a string
//            u64 nodes, each: id, u8 kind, type, label, date, f64 mentions, i32 articles,
//                             attrs (a JSON object: type byte, then the value; see Writer::value)
//            u64 edges, each: u32 source, u32 target, u8 kind, u8 flags, f64 weight,
//                             u32 sentences, [detail: mention fields, evidence]
//   string: u32 length, UTF-8 bytes
//
// The reader trusts nothing: the checksum catches damage, and every length, index, kind and
// string is still checked (a file can be hand-made), each failure naming the file and the place.
#include "store/graph_snapshot.hpp"

#include <array>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstring>
#include <exception>
#include <fstream>
#include <iostream>
#include <iterator>
#include <thread>

#include "core/error.hpp"
#include "core/graph_impl.hpp"
#include "core/record.hpp"
#include "core/util/byte_writer.hpp"
#include "core/util/file_bytes.hpp"
#include "core/util/hash.hpp"
#include "core/util/text.hpp"

namespace polgraph {

static_assert(std::endian::native == std::endian::little,
              "the snapshot is read and written in the host byte order (little-endian)");

namespace {

constexpr std::size_t kHeaderBytes = kSnapshotMagic.size() + 4 + 8 + 8;
constexpr int kMaxAttrDepth = 8; // node attributes are at most three levels deep
// Node attributes are decoded on a second thread from this many bytes on (read_snapshot).
constexpr std::size_t kAttrThreadBytes = std::size_t{256} << 10;

enum EdgeFlags : std::uint8_t { kDirected = 1, kDetail = 2 };
enum ValueType : std::uint8_t {
    kNull,
    kFalse,
    kTrue,
    kInt,
    kUint,
    kFloat,
    kString,
    kArray,
    kObject
};

} // namespace

std::string snapshot_header(std::string_view payload, std::uint32_t version) {
    return snapshot_header(payload.size(), hash_bytes(payload), version);
}

std::string snapshot_header(std::uint64_t size, std::uint64_t checksum, std::uint32_t version) {
    std::string h(kSnapshotMagic);
    auto put = [&](auto v) { h.append(reinterpret_cast<const char*>(&v), sizeof v); };
    put(version);
    put(size);
    put(checksum);
    return h;
}

namespace {

// The payload is written by one routine (write_payload) into either of two sinks with the
// interface of ByteWriter: Counter, which only adds up its size, and Stream, which hashes it and
// writes it out in pieces. The header before it holds the payload's size and checksum, and the
// checksum is seeded with the size (core/util/hash.hpp): the size is counted first, then the
// payload is written once, its checksum patched into the header afterwards on a stream that can
// seek back (a file), or hashed in a pass of its own and then written on one that cannot. Either
// way the snapshot is never held in memory (at 10^5 articles it is 0.7 GB).

/// Where a JSON value (node attributes) goes: a type byte, then the value.
template <class Out> void put_value(Out& w, const nlohmann::json& j) {
    using T = nlohmann::json::value_t;
    switch (j.type()) {
    case T::boolean:
        w.template pod<std::uint8_t>(j.get<bool>() ? kTrue : kFalse);
        break;
    case T::number_integer:
        w.template pod<std::uint8_t>(kInt), w.template pod<std::int64_t>(j.get<std::int64_t>());
        break;
    case T::number_unsigned:
        w.template pod<std::uint8_t>(kUint), w.template pod<std::uint64_t>(j.get<std::uint64_t>());
        break;
    case T::number_float:
        w.template pod<std::uint8_t>(kFloat), w.template pod<double>(j.get<double>());
        break;
    case T::string:
        w.template pod<std::uint8_t>(kString), w.str(j.get_ref<const std::string&>());
        break;
    case T::array:
        w.template pod<std::uint8_t>(kArray);
        w.template pod<std::uint32_t>(static_cast<std::uint32_t>(j.size()));
        for (const auto& v : j) put_value(w, v);
        break;
    case T::object:
        w.template pod<std::uint8_t>(kObject);
        w.template pod<std::uint32_t>(static_cast<std::uint32_t>(j.size()));
        for (auto it = j.begin(); it != j.end(); ++it) {
            w.str(it.key());
            put_value(w, it.value());
        }
        break;
    default:
        w.template pod<std::uint8_t>(kNull);
        break;
    }
}

/// An article's attributes, as put_value writes a JSON object of its fields (14 keys, in key
/// order, as ArticleInfo::from_json reads them), but straight from the fields rather than
/// through a JSON object made twice per article (once for the size, once for the bytes).
template <class Out> void put_article(Out& w, const ArticleInfo& a) {
    auto key = [&](std::string_view k) { w.str(k); };
    auto text = [&](std::string_view k, std::string_view v) {
        key(k);
        w.template pod<std::uint8_t>(kString);
        w.str(v);
    };
    auto unsigned_number = [&](std::string_view k, std::uint64_t v) {
        key(k);
        w.template pod<std::uint8_t>(kUint);
        w.template pod<std::uint64_t>(v);
    };
    auto texts = [&](std::string_view k, const auto& v) {
        key(k);
        w.template pod<std::uint8_t>(kArray);
        w.template pod<std::uint32_t>(static_cast<std::uint32_t>(v.size()));
        for (const auto& s : v) {
            w.template pod<std::uint8_t>(kString);
            w.str(std::string_view(s));
        }
    };
    w.template pod<std::uint8_t>(kObject);
    w.template pod<std::uint32_t>(14);
    texts("authors", a.authors);
    unsigned_number("bytes", a.bytes);
    text("hash", a.hash);
    texts("keyphrase_candidates", a.keyphrase_candidates);
    key("meta");
    w.template pod<std::uint8_t>(kObject);
    w.template pod<std::uint32_t>(static_cast<std::uint32_t>(a.meta.size()));
    for (const auto& [k, v] : a.meta) text(k, v);
    key("min_topic_score");
    w.template pod<std::uint8_t>(kFloat);
    w.template pod<double>(a.min_topic_score);
    text("path", a.path);
    unsigned_number("sentences", a.sentences);
    text("source", a.source);
    texts("tags", a.tags);
    text("title", a.title);
    texts("topic_candidates", a.topic_candidates);
    texts("topic_cues", a.topic_cues);
    text("url", a.url);
}

/// Counts the bytes a payload takes.
class Counter {
public:
    template <class T> void pod(T) { n_ += sizeof(T); }
    void str(std::string_view s) { n_ += 4 + s.size(); }
    void strs(const std::vector<std::string>& v) {
        n_ += 4;
        for (const auto& s : v) str(s);
    }
    void u32s(const std::vector<std::uint32_t>& v) { n_ += 4 + 4 * v.size(); }
    std::size_t size() const { return n_; }
    void patch_u64(std::size_t, std::uint64_t) {}
    void item_done() {}

private:
    std::size_t n_ = 0;
};

/// Hashes the payload (ByteHasher, seeded with its size) and writes it to `out` (if any) in
/// pieces of about 8 MB.
class Stream : public ByteWriter {
public:
    Stream(std::ostream* out, std::uint64_t size) : out_(out), sum_(size) {
        bytes().reserve(std::size_t{9} << 20);
    }
    /// The position in the current piece, for patch_u64.
    std::size_t size() { return bytes().size(); }
    void patch_u64(std::size_t at, std::uint64_t v) { std::memcpy(bytes().data() + at, &v, 8); }
    /// Between items (never while a length waits to be patched): passes a full piece on.
    void item_done() {
        if (bytes().size() >= (std::size_t{8} << 20)) pass_on();
    }
    std::uint64_t checksum() {
        pass_on();
        return sum_.finish();
    }

private:
    void pass_on() {
        sum_.add(bytes());
        if (out_) out_->write(bytes().data(), static_cast<std::streamsize>(bytes().size()));
        bytes().clear();
    }
    std::ostream* out_;
    ByteHasher sum_;
};

template <class Out>
void write_payload(const BoostGraph& g, const std::vector<std::string>& kinds,
                   const std::unordered_map<std::string, std::uint8_t>& kind_code, Out& w) {
    using NodeIndex = KnowledgeGraph::NodeIndex;
    w.strs(kinds);
    w.template pod<std::uint64_t>(boost::num_vertices(g));
    for (NodeIndex v = 0; v < boost::num_vertices(g); ++v) {
        const Node& n = g[v];
        w.str(n.id);
        w.template pod<std::uint8_t>(static_cast<std::uint8_t>(n.kind));
        w.str(n.type);
        w.str(n.label);
        w.str(n.date);
        w.template pod<double>(n.mentions);
        w.template pod<std::int32_t>(n.articles);
        w.template pod<std::uint32_t>(static_cast<std::uint32_t>(boost::out_degree(v, g)));
        w.template pod<std::uint32_t>(static_cast<std::uint32_t>(boost::in_degree(v, g)));
        // Length-prefixed, so that the reader can decode the attributes on another thread.
        const std::size_t at = w.size();
        w.template pod<std::uint64_t>(0);
        if (n.kind == NodeKind::Article) put_article(w, n.article);
        else put_value(w, n.attrs);
        w.patch_u64(at, w.size() - at - 8);
        w.item_done();
    }
    w.template pod<std::uint64_t>(boost::num_edges(g));
    // Edges in insertion order (Boost's global edge list), so that the rebuilt graph has the
    // same out- and in-edge order at every node as this one.
    for (auto [it, end] = boost::edges(g); it != end; ++it) {
        const Edge& e = g[*it];
        w.template pod<std::uint32_t>(static_cast<std::uint32_t>(boost::source(*it, g)));
        w.template pod<std::uint32_t>(static_cast<std::uint32_t>(boost::target(*it, g)));
        w.template pod<std::uint8_t>(kind_code.at(e.kind));
        w.template pod<std::uint8_t>((e.directed ? kDirected : 0) | (e.detail ? kDetail : 0));
        w.template pod<double>(e.weight);
        w.template pod<std::uint32_t>(e.sentences);
        if (e.detail) {
            const EdgeDetail& d = *e.detail;
            w.strs(d.forms);
            w.u32s(d.sentence_ids);
            w.str(d.source);
            w.template pod<double>(d.confidence);
            w.template pod<std::uint8_t>(d.in_lead ? 1 : 0);
            w.str(d.name.str());
            w.template pod<std::uint32_t>(static_cast<std::uint32_t>(d.evidence.size()));
            for (const auto& ev : d.evidence) {
                w.str(ev.article);
                w.template pod<std::uint32_t>(ev.sentence);
                w.str(ev.text);
            }
        }
        w.item_done();
    }
}

/// Reports to read_snapshot's done_with, in ranges of about `step` bytes, what a cursor that
/// only moves forward has left behind.
struct DoneBehind {
    const std::function<void(std::size_t, std::size_t)>& done_with;
    std::size_t step;
    std::size_t released; ///< where the range not yet reported begins
    void upto(std::size_t at) {
        if (at - released < step) return;
        done_with(released, at);
        released = at;
    }
};

class Reader {
public:
    Reader(std::string_view data, const std::string& name, std::size_t base)
        : data_(data), name_(name), base_(base) {}

    [[noreturn]] void fail(const std::string& what) const {
        throw Error(name_ + ": damaged snapshot at byte " + std::to_string(base_ + pos_) + ": " +
                    what);
    }
    template <class T> T pod(const char* what) {
        if (data_.size() - pos_ < sizeof(T)) fail(std::string("truncated ") + what);
        T v;
        std::memcpy(&v, data_.data() + pos_, sizeof(T));
        pos_ += sizeof(T);
        return v;
    }
    double num(const char* what) {
        double d = pod<double>(what);
        if (!std::isfinite(d)) fail(std::string(what) + " is not a finite number");
        return d;
    }
    std::string_view bytes(std::size_t n, const char* what) {
        if (data_.size() - pos_ < n) fail(std::string("truncated ") + what);
        std::string_view s = data_.substr(pos_, n);
        pos_ += n;
        return s;
    }
    /// A string, cleaned as the writers clean text (as the JSON loader does), so that what a
    /// hand-made file holds cannot reach an exporter unclean.
    std::string str(const char* what) {
        auto n = pod<std::uint32_t>(what);
        std::string_view s = bytes(n, what);
        return sanitize_utf8(s);
    }
    std::vector<std::string> strs(const char* what) {
        auto n = count(what, 4);
        std::vector<std::string> v;
        v.reserve(n);
        for (std::size_t i = 0; i < n; ++i) v.push_back(str(what));
        return v;
    }
    /// A count of items of at least `min_bytes` each: larger than what is left is damage (and
    /// must not become a huge allocation).
    template <class N = std::uint32_t> std::size_t count(const char* what, std::size_t min_bytes) {
        const auto n = pod<N>(what);
        if (n > (data_.size() - pos_) / min_bytes) fail(std::string("impossible count of ") + what);
        return static_cast<std::size_t>(n);
    }
    /// A JSON value written by Writer::value; nesting deeper than kMaxAttrDepth is damage (and
    /// would otherwise recurse without bound on a hand-made file).
    nlohmann::json value(int depth = 0) {
        const auto type = pod<std::uint8_t>("attribute type");
        switch (type) {
        case kNull:
            return nullptr;
        case kFalse:
            return false;
        case kTrue:
            return true;
        case kInt:
            return pod<std::int64_t>("attribute");
        case kUint:
            return pod<std::uint64_t>("attribute");
        case kFloat:
            return num("attribute");
        case kString:
            return str("attribute");
        case kArray:
        case kObject: {
            if (depth >= kMaxAttrDepth) fail("attributes nested too deep");
            const auto n = count("attribute items", type == kArray ? 1 : 5);
            nlohmann::json j = type == kArray ? nlohmann::json::array() : nlohmann::json::object();
            if (type == kArray) j.get_ref<nlohmann::json::array_t&>().reserve(n);
            for (std::size_t i = 0; i < n; ++i) {
                if (type == kArray) {
                    j.push_back(value(depth + 1));
                } else {
                    std::string key = str("attribute name");
                    j[std::move(key)] = value(depth + 1);
                }
            }
            return j;
        }
        default:
            fail("unknown attribute type " + std::to_string(type));
        }
    }
    bool done() const { return pos_ == data_.size(); }
    std::size_t offset() const { return pos_; }
    void seek(std::size_t pos) { pos_ = pos; }
    /// A string's bytes as stored (not cleaned): for comparing with a known name.
    std::string_view raw_str(const char* what) { return bytes(pod<std::uint32_t>(what), what); }

private:
    std::string_view data_;
    const std::string& name_;
    std::size_t base_;
    std::size_t pos_ = 0;
};

/// An article's attributes laid out as put_article writes them, decoded straight into `a`. The
/// bytes are read in the order, and with the checks, of Reader::value(), so that damage fails
/// here as it would there; at the first byte that differs from put_article's layout (a
/// snapshot made otherwise), the reader goes back and the result is false, for value() and
/// ArticleInfo::from_json to take the attributes as any JSON object.
bool read_article(Reader& r, ArticleInfo& a) {
    const std::size_t start = r.offset();
    bool ok = true;
    auto type = [&](ValueType t) { return ok = ok && r.pod<std::uint8_t>("attribute type") == t; };
    auto key = [&](std::string_view k) { return ok = ok && r.raw_str("attribute name") == k; };
    auto text = [&](std::string_view k, std::string& to) {
        if (key(k) && type(kString)) to = r.str("attribute");
    };
    auto texts = [&](std::string_view k, auto& to) {
        if (!key(k) || !type(kArray)) return;
        const std::size_t n = r.count("attribute items", 1);
        to.reserve(n);
        for (std::size_t i = 0; i < n && type(kString); ++i) to.emplace_back(r.str("attribute"));
    };
    auto unsigned_number = [&](std::string_view k) -> std::uint64_t {
        return key(k) && type(kUint) ? r.pod<std::uint64_t>("attribute") : 0;
    };
    if (!type(kObject) || r.count("attribute items", 5) != 14) ok = false;
    texts("authors", a.authors);
    a.bytes = unsigned_number("bytes");
    text("hash", a.hash);
    texts("keyphrase_candidates", a.keyphrase_candidates);
    if (key("meta") && type(kObject)) {
        const std::size_t n = r.count("attribute items", 5);
        for (std::size_t i = 0; i < n && ok; ++i) {
            std::string k = r.str("attribute name");
            if (type(kString)) a.meta.insert_or_assign(std::move(k), r.str("attribute"));
        }
    }
    if (key("min_topic_score") && type(kFloat)) a.min_topic_score = r.num("attribute");
    text("path", a.path);
    a.sentences = static_cast<std::uint32_t>(unsigned_number("sentences"));
    text("source", a.source);
    texts("tags", a.tags);
    text("title", a.title);
    texts("topic_candidates", a.topic_candidates);
    std::vector<std::string> cues;
    texts("topic_cues", cues);
    text("url", a.url);
    if (ok) {
        a.topic_cues = to_names(cues);
        return true;
    }
    r.seek(start);
    a = ArticleInfo{};
    return false;
}

/// An article's topic and keyphrase candidates are JSON texts that exporters copy as they are, so
/// each must be the canonical text of a candidate (as the fold writes it): anything else, from a
/// damaged or hand-made snapshot, would make the node-link JSON invalid.
bool candidates_canonical(const ArticleInfo& a) {
    try {
        for (const auto& t : a.topic_candidates)
            if (topic_json_text(topic_from_json(t, "")) != t) return false;
        for (const auto& k : a.keyphrase_candidates)
            if (keyphrase_json_text(keyphrase_from_json(k, "")) != k) return false;
    } catch (const std::exception&) {
        return false;
    }
    return true;
}

// The node kinds an edge of each kind joins (source, target); relation kinds join entities.
bool edge_fits(const std::string& kind, NodeKind s, NodeKind t) {
    if (kind == "mentions") return s == NodeKind::Article && t == NodeKind::Entity;
    if (kind == "has_topic") return s == NodeKind::Article && t == NodeKind::Topic;
    if (kind == "has_keyphrase") return s == NodeKind::Article && t == NodeKind::Keyphrase;
    if (kind == "subtopic_of") return s == NodeKind::Topic && t == NodeKind::Topic;
    if (kind == "co_occurs" || is_relation_kind(kind))
        return s == NodeKind::Entity && t == NodeKind::Entity;
    return false;
}

} // namespace

bool is_snapshot(std::string_view head) {
    return head.substr(0, kSnapshotMagic.size()) == kSnapshotMagic;
}

void write_snapshot(const KnowledgeGraph& graph, std::ostream& out) {
    const BoostGraph& g = GraphInternals::of(graph).g;
    std::vector<std::string> kinds;
    std::unordered_map<std::string, std::uint8_t> kind_code;
    for (auto [it, end] = boost::edges(g); it != end; ++it) {
        const std::string& k = g[*it].kind;
        if (kind_code.count(k)) continue;
        if (kinds.size() == 255) throw Error("snapshot: more than 255 edge kinds");
        kind_code.emplace(k, static_cast<std::uint8_t>(kinds.size()));
        kinds.push_back(k);
    }
    Counter count;
    write_payload(g, kinds, kind_code, count);
    const std::uint64_t size = count.size();
    const auto start = out.tellp();
    const bool can_seek = start != std::ostream::pos_type(-1);
    auto put_header = [&](std::uint64_t checksum) {
        const std::string header = snapshot_header(size, checksum);
        out.write(header.data(), static_cast<std::streamsize>(header.size()));
    };
    std::uint64_t checksum = 0; // patched in afterwards on a stream that can seek back
    if (!can_seek) {
        Stream hash(nullptr, size);
        write_payload(g, kinds, kind_code, hash);
        checksum = hash.checksum();
    }
    put_header(checksum);
    Stream write(&out, size);
    write_payload(g, kinds, kind_code, write);
    checksum = write.checksum();
    if (!can_seek) return;
    const auto end = out.tellp();
    out.seekp(start);
    put_header(checksum);
    out.seekp(end);
    if (!out) throw IoError("snapshot: cannot write its header back");
}

KnowledgeGraph read_snapshot(std::string_view bytes, const std::string& name) {
    return read_snapshot(bytes, name, [](std::size_t, std::size_t) {});
}

KnowledgeGraph read_snapshot(std::string_view bytes, const std::string& name,
                             const std::function<void(std::size_t, std::size_t)>& done_with,
                             std::size_t step, bool records_only) {
    if (!is_snapshot(bytes)) throw Error(name + ": not a polgraph snapshot (wrong first bytes)");
    Reader head(bytes.substr(0, kHeaderBytes), name, 0);
    head.bytes(kSnapshotMagic.size(), "magic");
    const auto version = head.pod<std::uint32_t>("header");
    if (version != kSnapshotVersion)
        throw Error(name + ": snapshot version " + std::to_string(version) +
                    " (this polgraph reads version " + std::to_string(kSnapshotVersion) +
                    "); write it again from the graph's JSON with polgraph export");
    const auto size = head.pod<std::uint64_t>("header");
    const auto sum = head.pod<std::uint64_t>("header");
    const std::string_view payload = bytes.substr(kHeaderBytes);
    if (payload.size() != size)
        throw Error(name + ": damaged snapshot: " + std::to_string(payload.size()) +
                    " bytes of data where the header says " + std::to_string(size) +
                    (payload.size() < size ? " (truncated?)" : ""));
    if (hash_bytes(payload) != sum) throw Error(name + ": damaged snapshot: checksum mismatch");

    Reader r(payload, name, kHeaderBytes);
    const auto kinds = r.strs("edge kind");
    // fits[k][source kind][target kind]: may an edge of kind k join such nodes?
    std::vector<std::array<std::array<bool, 4>, 4>> fits(kinds.size());
    for (std::size_t k = 0; k < kinds.size(); ++k) {
        bool any = false;
        for (int a = 0; a < 4; ++a)
            for (int b = 0; b < 4; ++b)
                any |= fits[k][a][b] =
                    edge_fits(kinds[k], static_cast<NodeKind>(a), static_cast<NodeKind>(b));
        if (!any) r.fail("unknown edge kind \"" + kinds[k] + "\"");
    }
    const std::vector<EdgeKind> kind_names(kinds.begin(), kinds.end());
    std::vector<char> keep_kind(kinds.size(), 1);
    if (records_only)
        for (std::size_t k = 0; k < kinds.size(); ++k)
            keep_kind[k] = kinds[k] == "mentions" || is_relation_kind(kinds[k]);

    KnowledgeGraph kg;
    KnowledgeGraph::Impl& im = GraphInternals::of(kg);
    const std::size_t n_nodes = r.count<std::uint64_t>("nodes", 30);
    std::vector<std::pair<std::size_t, std::string_view>> attrs;  // per node: offset, bytes
    std::vector<std::pair<std::uint32_t, std::uint32_t>> degrees; // per node: out, in
    degrees.reserve(n_nodes);
    attrs.reserve(n_nodes);
    im.index.reserve(n_nodes);
    im.reserve_nodes(n_nodes);
    for (std::size_t i = 0; i < n_nodes; ++i) {
        Node n;
        n.id = r.str("node id");
        const auto kind = r.pod<std::uint8_t>("node kind");
        if (kind > static_cast<std::uint8_t>(NodeKind::Keyphrase)) r.fail("unknown node kind");
        n.kind = static_cast<NodeKind>(kind);
        n.type = r.str("node type");
        n.label = r.str("node label");
        n.date = r.str("node date");
        n.mentions = r.num("node mentions");
        n.articles = r.pod<std::int32_t>("node articles");
        const auto out_degree = r.pod<std::uint32_t>("node degree");
        degrees.emplace_back(out_degree, r.pod<std::uint32_t>("node degree"));
        const auto attr_bytes = r.count<std::uint64_t>("node attributes", 1);
        attrs.push_back({r.offset(), r.bytes(attr_bytes, "node attributes")});
        if (n.id.empty()) r.fail("a node without an id");
        if (n.kind == NodeKind::Article) check_article_id(n.id, name);
        if (n.kind == NodeKind::Entity && n.type.empty())
            r.fail("entity node \"" + n.id + "\" has no type");
        if (im.index.count(n.id)) r.fail("duplicate node id \"" + n.id + "\"");
        im.add_node(std::move(n));
    }
    // The attributes (most of a snapshot's bytes) are decoded on a second thread while this one
    // adds the edges; it writes only the nodes' attrs, which the edge pass never touches. A small
    // snapshot's are decoded on this thread after the edges (a thread costs more than it saves
    // there), which keeps its load deterministic, as the fuzz target's coverage needs: either
    // way an error in the edges is reported before one in the attributes.
    std::size_t attr_total = 0;
    for (const auto& a : attrs) attr_total += a.second.size();
    std::exception_ptr attr_error;
    std::atomic<bool> stop{false};
    auto decode_attrs = [&] {
        try {
            // The node section (parsed already, but for the attributes) is done with as far as
            // the attributes decoded so far.
            DoneBehind nodes{done_with, step, kHeaderBytes};
            for (std::size_t v = 0; v < attrs.size() && !stop; ++v) {
                nodes.upto(kHeaderBytes + attrs[v].first);
                Reader ar(attrs[v].second, name, kHeaderBytes + attrs[v].first);
                auto check_candidates = [&] {
                    if (!candidates_canonical(im.g[v].article))
                        ar.fail("bad topic or keyphrase candidate of article \"" + im.g[v].id +
                                "\"");
                };
                if (im.g[v].kind == NodeKind::Article && read_article(ar, im.g[v].article)) {
                    if (!ar.done()) ar.fail("bad attributes of node \"" + im.g[v].id + "\"");
                    check_candidates();
                    continue;
                }
                nlohmann::json j = ar.value();
                if (!j.is_object() || !ar.done())
                    ar.fail("bad attributes of node \"" + im.g[v].id + "\"");
                if (im.g[v].kind != NodeKind::Article) {
                    im.g[v].attrs = std::move(j);
                    continue;
                }
                try {
                    im.g[v].article = ArticleInfo::from_json(j);
                } catch (const nlohmann::json::exception&) {
                    ar.fail("bad attributes of article \"" + im.g[v].id + "\"");
                }
                check_candidates();
            }
        } catch (...) {
            attr_error = std::current_exception();
        }
    };
    std::thread attr_thread;
    if (attr_total >= kAttrThreadBytes) attr_thread = std::thread(decode_attrs);
    struct JoinOnExit { // when the edge pass throws
        std::thread& t;
        std::atomic<bool>& stop;
        ~JoinOnExit() {
            stop = true;
            if (t.joinable()) t.join();
        }
    } join_on_exit{attr_thread, stop};
    const std::size_t n_edges = r.count<std::uint64_t>("edges", 22);
    // The degrees only size the edge lists, and only when they add up (a damaged file must not
    // make a huge allocation); the edges themselves are checked one by one below.
    std::uint64_t out_sum = 0, in_sum = 0;
    for (const auto& [o, i] : degrees) out_sum += o, in_sum += i;
    if (out_sum != n_edges || in_sum != n_edges) r.fail("node degrees do not add up to the edges");
    if (!records_only) { // (the degrees count every kind)
        im.reserve_edges(n_edges);
        for (std::size_t v = 0; v < n_nodes; ++v)
            im.reserve_degree(v, degrees[v].first, degrees[v].second);
    }
    DoneBehind edges{done_with, step, kHeaderBytes + r.offset()}; // behind the reader
    for (std::size_t i = 0; i < n_edges; ++i) {
        edges.upto(kHeaderBytes + r.offset());
        const auto s = r.pod<std::uint32_t>("edge source");
        const auto t = r.pod<std::uint32_t>("edge target");
        const auto k = r.pod<std::uint8_t>("edge kind");
        const auto flags = r.pod<std::uint8_t>("edge flags");
        if (s >= n_nodes || t >= n_nodes)
            r.fail("edge #" + std::to_string(i + 1) + " joins a node that does not exist");
        if (k >= kinds.size()) r.fail("edge #" + std::to_string(i + 1) + " has an unknown kind");
        Edge e;
        e.kind = kind_names[k];
        if (!fits[k][static_cast<int>(im.g[s].kind)][static_cast<int>(im.g[t].kind)])
            r.fail("a " + kinds[k] + " edge cannot join \"" + im.g[s].id + "\" to \"" + im.g[t].id +
                   "\"");
        e.directed = flags & kDirected;
        e.weight = r.num("edge weight");
        e.sentences = r.pod<std::uint32_t>("edge sentences");
        if (flags & kDetail) {
            EdgeDetail d;
            d.forms = r.strs("mention form");
            const auto ns = r.count("sentence ids", 4);
            d.sentence_ids.reserve(ns);
            for (std::size_t j = 0; j < ns; ++j)
                d.sentence_ids.push_back(r.pod<std::uint32_t>("sentence id"));
            d.source = r.str("mention source");
            d.confidence = r.num("mention confidence");
            d.in_lead = r.pod<std::uint8_t>("in_lead") != 0;
            d.name = r.str("mention name");
            const auto ne = r.count("evidence", 12);
            d.evidence.reserve(ne);
            for (std::size_t j = 0; j < ne; ++j) {
                Evidence ev;
                ev.article = r.str("evidence article");
                ev.sentence = r.pod<std::uint32_t>("evidence sentence");
                ev.text = r.str("evidence text");
                d.evidence.push_back(std::move(ev));
            }
            if (keep_kind[k]) e.detail = im.keep(std::move(d));
        }
        if (keep_kind[k]) boost::add_edge(s, t, std::move(e), im.g);
    }
    if (!r.done()) r.fail("data after the last edge");
    if (attr_thread.joinable()) attr_thread.join();
    else decode_attrs();
    if (attr_error) std::rethrow_exception(attr_error);
    return kg;
}

bool is_snapshot_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    char head[kSnapshotMagic.size()] = {};
    in.read(head, sizeof head);
    return in.gcount() > 0 &&
           is_snapshot(std::string_view(head, static_cast<std::size_t>(in.gcount())));
}

} // namespace polgraph
