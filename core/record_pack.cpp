#include "core/record_pack.hpp"

#include <algorithm>
#include <cstring>
#include <ostream>
#include <stdexcept>
#include <tuple>

#include "core/util/byte_writer.hpp"
#include "core/util/memory.hpp"
#include "core/util/ordered_writer.hpp"

namespace polgraph {

namespace {

// The layout, part by part (RecordPart); strings and lists are u32-counted (ByteWriter).
//   Weights: f64 min_topic_score, topic_cues, topics (id, name, f64 score, parent, source,
//            parent_name, cues: count + (cue, f64)), keyphrases (text, f64 score)
//   Fold:    date, entities (id, type, name, i32 count, forms, sentences (u32s),
//            source, f64 confidence, u8 in_lead, attrs: count + (key, value)),
//            relations (type, source, target, u32 sentence, evidence)
//   All:     title, source, url, u64 bytes, u32 sentences, authors, tags,
//            meta: count + (key, value)

template <class Map> void put_map(ByteWriter& w, const Map& m) {
    w.pod<std::uint32_t>(static_cast<std::uint32_t>(m.size()));
    for (const auto& [k, v] : m) {
        w.str(k);
        if constexpr (std::is_same_v<typename Map::mapped_type, double>) w.pod<double>(v);
        else w.str(v);
    }
}

// Reads what ByteWriter wrote. The buffer is ours, made by pack(), so a short read is a bug,
// not bad input: it throws std::logic_error rather than reporting a file.
class ByteReader {
public:
    explicit ByteReader(std::string_view data) : data_(data) {}
    template <class T> T pod() {
        T v;
        std::memcpy(&v, take(sizeof(T)), sizeof(T));
        return v;
    }
    std::string str() {
        auto n = pod<std::uint32_t>();
        return std::string(take(n), n);
    }
    std::vector<std::uint32_t> u32s() {
        std::vector<std::uint32_t> v(pod<std::uint32_t>());
        for (auto& x : v) x = pod<std::uint32_t>();
        return v;
    }
    std::vector<std::string> strs() {
        std::vector<std::string> v(pod<std::uint32_t>());
        for (auto& s : v) s = str();
        return v;
    }
    /// A string as a view into the buffer.
    std::string_view view() {
        auto n = pod<std::uint32_t>();
        return {take(n), n};
    }
    template <class Map> void map(Map& m) {
        for (auto n = pod<std::uint32_t>(); n > 0; --n) {
            std::string k = str();
            if constexpr (std::is_same_v<typename Map::mapped_type, double>)
                m.emplace_hint(m.end(), std::move(k), pod<double>());
            else
                m.emplace_hint(m.end(), std::move(k), str());
        }
    }

private:
    const char* take(std::size_t n) {
        if (data_.size() - pos_ < n) throw std::logic_error("packed record is truncated");
        const char* p = data_.data() + pos_;
        pos_ += n;
        return p;
    }
    std::string_view data_;
    std::size_t pos_ = 0;
};

} // namespace

PackedRecord pack(ArticleRecord r) {
    canonicalize(r);
    ByteWriter w;
    w.pod<double>(r.min_topic_score);
    w.strs(r.topic_cues);
    w.pod<std::uint32_t>(static_cast<std::uint32_t>(r.topics.size()));
    for (const auto& t : r.topics) {
        w.str(t.id);
        w.str(t.name);
        w.pod<double>(t.score);
        w.str(t.parent);
        w.str(t.source);
        w.str(t.parent_name);
        put_map(w, t.cues);
    }
    w.pod<std::uint32_t>(static_cast<std::uint32_t>(r.keyphrases.size()));
    for (const auto& k : r.keyphrases) {
        w.str(k.text);
        w.pod<double>(k.score);
    }
    // Fold
    w.str(r.date);
    w.pod<std::uint32_t>(static_cast<std::uint32_t>(r.entities.size()));
    for (const auto& e : r.entities) {
        w.str(e.id);
        w.str(e.type);
        w.str(e.name);
        w.pod<std::int32_t>(e.count);
        w.strs(e.forms);
        w.u32s(e.sentences);
        w.str(e.source);
        w.pod<double>(e.confidence);
        w.pod<std::uint8_t>(e.in_lead ? 1 : 0);
        put_map(w, e.attrs);
    }
    w.pod<std::uint32_t>(static_cast<std::uint32_t>(r.relations.size()));
    for (const auto& rel : r.relations) {
        w.str(rel.type);
        w.str(rel.source);
        w.str(rel.target);
        w.pod<std::uint32_t>(rel.sentence);
        w.str(rel.evidence);
    }
    // All
    w.str(r.title);
    w.str(r.source);
    w.str(r.url);
    w.pod<std::uint64_t>(r.bytes);
    w.pod<std::uint32_t>(r.sentences);
    w.strs(r.authors);
    w.strs(r.tags);
    put_map(w, r.meta);
    PackedRecord p{std::move(r.id), std::move(r.hash), std::move(r.path), std::move(w.bytes())};
    p.data.shrink_to_fit();
    return p;
}

std::vector<PackedRecord> pack_all(std::vector<ArticleRecord> records) {
    std::vector<PackedRecord> out;
    out.reserve(records.size());
    for (auto& r : records) {
        out.push_back(pack(std::move(r)));
        r = ArticleRecord{};
    }
    release_free_memory(); // what the unpacked records held: gigabytes at 10^5 articles
    return out;
}

WeightKeys weight_keys(const PackedRecord& p) {
    WeightKeys k;
    ByteReader in(p.data);
    in.pod<double>(); // min_topic_score
    for (auto n = in.pod<std::uint32_t>(); n > 0; --n) k.cues.push_back(in.view());
    for (auto topics = in.pod<std::uint32_t>(); topics > 0; --topics) {
        in.view(), in.view(); // id, name
        in.pod<double>();     // score
        in.view(), in.view(), in.view(); // parent, source, parent_name
        for (auto n = in.pod<std::uint32_t>(); n > 0; --n) {
            k.cues.push_back(in.view());
            in.pod<double>();
        }
    }
    for (auto n = in.pod<std::uint32_t>(); n > 0; --n) {
        k.keyphrases.push_back(in.view());
        in.pod<double>();
    }
    return k;
}

ArticleRecord unpack(const PackedRecord& p, RecordPart part) {
    ArticleRecord r;
    r.id = p.id;
    r.hash = p.hash;
    r.path = p.path;
    ByteReader in(p.data);
    r.min_topic_score = in.pod<double>();
    r.topic_cues = in.strs();
    r.topics.resize(in.pod<std::uint32_t>());
    for (auto& t : r.topics) {
        t.id = in.str();
        t.name = in.str();
        t.score = in.pod<double>();
        t.parent = in.str();
        t.source = in.str();
        t.parent_name = in.str();
        in.map(t.cues);
    }
    r.keyphrases.resize(in.pod<std::uint32_t>());
    for (auto& k : r.keyphrases) {
        k.text = in.str();
        k.score = in.pod<double>();
    }
    if (part == RecordPart::Weights) return r;
    r.date = in.str();
    r.entities.resize(in.pod<std::uint32_t>());
    for (auto& e : r.entities) {
        e.id = in.str();
        e.type = in.str();
        e.name = in.str();
        e.count = in.pod<std::int32_t>();
        e.forms = in.strs();
        e.sentences = in.u32s();
        e.source = in.str();
        e.confidence = in.pod<double>();
        e.in_lead = in.pod<std::uint8_t>() != 0;
        in.map(e.attrs);
    }
    r.relations.resize(in.pod<std::uint32_t>());
    for (auto& rel : r.relations) {
        rel.type = in.str();
        rel.source = in.str();
        rel.target = in.str();
        rel.sentence = in.pod<std::uint32_t>();
        rel.evidence = in.str();
    }
    if (part == RecordPart::Fold) return r;
    r.title = in.str();
    r.source = in.str();
    r.url = in.str();
    r.bytes = in.pod<std::uint64_t>();
    r.sentences = in.pod<std::uint32_t>();
    r.authors = in.strs();
    r.tags = in.strs();
    in.map(r.meta);
    return r;
}

void sort_unique(std::vector<PackedRecord>& records) {
    std::sort(records.begin(), records.end(), [](const PackedRecord& a, const PackedRecord& b) {
        if (a.id != b.id) return a.id < b.id;
        if (a.hash != b.hash) return a.hash > b.hash;
        // Same id and content at two paths: still one answer.
        return std::tie(a.path, a.data) < std::tie(b.path, b.data);
    });
    records.erase(std::unique(records.begin(), records.end(),
                              [](const PackedRecord& a, const PackedRecord& b) {
                                  return a.id == b.id;
                              }),
                  records.end());
}

void write_records_jsonl(std::ostream& out, const std::vector<PackedRecord>& records,
                         unsigned threads) {
    write_ordered(
        out, records.size(),
        [&](std::size_t i, std::ostream& o) { write_record_line(o, unpack(records[i])); },
        std::max(1u, threads), 256);
}

} // namespace polgraph
