#include "core/record.hpp"

#include <cmath>
#include <limits>

#include "core/error.hpp"
#include "core/util/text.hpp"
#include "store/json_scan.hpp"

namespace polgraph {

using nlohmann::json;

double round_score(double x) {
    if (!std::isfinite(x)) return 0;
    return std::round(x * 10000.0) / 10000.0;
}

void canonicalize(ArticleRecord& r) {
    std::sort(r.entities.begin(), r.entities.end(),
              [](const EntityRecord& a, const EntityRecord& b) { return a.id < b.id; });
    for (auto& e : r.entities) {
        std::sort(e.forms.begin(), e.forms.end());
        e.forms.erase(std::unique(e.forms.begin(), e.forms.end()), e.forms.end());
        std::sort(e.sentences.begin(), e.sentences.end());
        e.sentences.erase(std::unique(e.sentences.begin(), e.sentences.end()), e.sentences.end());
        e.confidence = round_score(e.confidence);
    }
    for (auto& t : r.topics) {
        t.score = round_score(t.score);
        for (auto& [cue, v] : t.cues) v = round_score(v);
    }
    r.min_topic_score = round_score(r.min_topic_score);
    std::sort(r.topic_cues.begin(), r.topic_cues.end());
    r.topic_cues.erase(std::unique(r.topic_cues.begin(), r.topic_cues.end()), r.topic_cues.end());
    std::sort(r.topics.begin(), r.topics.end(), [](const TopicRecord& a, const TopicRecord& b) {
        if (a.score != b.score) return a.score > b.score;
        return a.id < b.id;
    });
    std::sort(r.relations.begin(), r.relations.end(),
              [](const RelationRecord& a, const RelationRecord& b) {
                  return std::tie(a.type, a.source, a.target, a.sentence, a.evidence) <
                         std::tie(b.type, b.source, b.target, b.sentence, b.evidence);
              });
    r.relations.erase(std::unique(r.relations.begin(), r.relations.end(),
                                  [](const RelationRecord& a, const RelationRecord& b) {
                                      return a.type == b.type && a.source == b.source &&
                                             a.target == b.target && a.sentence == b.sentence;
                                  }),
                      r.relations.end());
    for (auto& k : r.keyphrases) k.score = round_score(k.score);
    std::sort(r.keyphrases.begin(), r.keyphrases.end(),
              [](const KeyphraseRecord& a, const KeyphraseRecord& b) {
                  if (a.score != b.score) return a.score > b.score;
                  return a.text < b.text;
              });
}

json to_json(const ArticleRecord& r) {
    json j;
    j["id"] = r.id;
    j["path"] = r.path;
    j["title"] = r.title;
    j["date"] = r.date;
    j["source"] = r.source;
    j["url"] = r.url;
    j["hash"] = r.hash;
    j["bytes"] = r.bytes;
    j["sentences"] = r.sentences;
    j["authors"] = r.authors;
    j["tags"] = r.tags;
    j["meta"] = json::object();
    for (const auto& [k, v] : r.meta) j["meta"][k] = v;
    json ents = json::array();
    for (const auto& e : r.entities) {
        json je = {{"id", e.id},         {"type", e.type},           {"name", e.name},
                   {"count", e.count},   {"forms", e.forms},         {"sentences", e.sentences},
                   {"source", e.source}, {"confidence", e.confidence}, {"in_lead", e.in_lead}};
        if (!e.attrs.empty()) je["attrs"] = e.attrs;
        ents.push_back(std::move(je));
    }
    j["entities"] = std::move(ents);
    json topics = json::array();
    for (const auto& t : r.topics) topics.push_back(to_json(t));
    j["topics"] = std::move(topics);
    j["min_topic_score"] = r.min_topic_score;
    if (!r.topic_cues.empty()) j["topic_cues"] = r.topic_cues;
    json rels = json::array();
    for (const auto& rel : r.relations)
        rels.push_back({{"type", rel.type}, {"source", rel.source}, {"target", rel.target},
                        {"sentence", rel.sentence}, {"evidence", rel.evidence}});
    j["relations"] = std::move(rels);
    if (!r.keyphrases.empty()) {
        json kps = json::array();
        for (const auto& k : r.keyphrases) kps.push_back(to_json(k));
        j["keyphrases"] = std::move(kps);
    }
    return j;
}

namespace {

const JsonValue& need(const JsonValue& j, const char* key, const std::string& where) {
    const JsonValue* v = j.find(key);
    if (!v) throw Error(where + ": missing field \"" + key + "\"");
    return *v;
}

std::string need_string(const JsonValue& j, const char* key, const std::string& where) {
    const JsonValue& v = need(j, key, where);
    if (!v.is_string()) throw Error(where + ": field \"" + key + "\" must be a string");
    return std::string(v.str());
}

// Absent or null: the default.
const JsonValue* opt(const JsonValue& j, const char* key) {
    const JsonValue* v = j.find(key);
    return v && !v->is_null() ? v : nullptr;
}

std::string opt_string(const JsonValue& j, const char* key, const std::string& where) {
    const JsonValue* v = opt(j, key);
    if (!v) return "";
    if (!v->is_string()) throw Error(where + ": field \"" + key + "\" must be a string");
    return std::string(v->str());
}

double opt_number(const JsonValue& j, const char* key, double def, const std::string& where) {
    const JsonValue* v = j.find(key);
    if (!v) return def;
    if (!v->is_number()) throw Error(where + ": field \"" + key + "\" must be a number");
    return v->number();
}

// A whole number in [lo, hi], checked before the conversion (a cast out of range is undefined).
template <class T>
T opt_count(const JsonValue& j, const char* key, T def, const std::string& where, double lo = 0,
            double hi = static_cast<double>(std::numeric_limits<T>::max())) {
    const JsonValue* v = opt(j, key);
    if (!v) return def;
    double d = v->is_number() ? v->number() : -1.0;
    if (!v->is_number() || !(d >= lo && d <= hi) || d != std::floor(d))
        throw Error(where + ": field \"" + key + "\" must be a whole number from " +
                    std::to_string(static_cast<long long>(lo)) + " to " +
                    std::to_string(static_cast<unsigned long long>(hi)));
    return static_cast<T>(d);
}

std::vector<std::string> opt_strings(const JsonValue& j, const char* key, const std::string& where) {
    std::vector<std::string> out;
    const JsonValue* v = opt(j, key);
    if (!v) return out;
    if (!v->is_array()) throw Error(where + ": field \"" + key + "\" must be an array");
    out.reserve(v->items().size());
    for (const auto& x : v->items()) {
        if (!x.is_string()) throw Error(where + ": \"" + key + "\" must hold strings");
        out.emplace_back(x.str());
    }
    return out;
}

std::span<const JsonValue> opt_array(const JsonValue& j, const char* key, const std::string& where) {
    const JsonValue* v = opt(j, key);
    if (!v) return {};
    if (!v->is_array()) throw Error(where + ": field \"" + key + "\" must be an array");
    return v->items();
}

// Records nest four levels; anything deeper is not a record.
constexpr int kMaxRecordDepth = 16;

// One JSON value from text, parsed into a per-thread document (reused: no allocation once warm).
template <class F> auto from_text(std::string_view text, F&& f) {
    thread_local JsonDoc doc;
    JsonScanner scan(text, kMaxRecordDepth);
    scan.start();
    const JsonValue& v = scan.parse(doc, 0);
    scan.finish();
    return f(v);
}

} // namespace

json to_json(const TopicRecord& t) {
    json j = {{"id", t.id}, {"name", t.name}, {"score", t.score}, {"parent", t.parent},
              {"source", t.source}};
    if (!t.parent_name.empty()) j["parent_name"] = t.parent_name;
    if (!t.cues.empty()) j["cues"] = t.cues;
    return j;
}

TopicRecord topic_from_json(const JsonValue& jt, const std::string& where) {
    if (!jt.is_object()) throw Error(where + ": a topic must be an object");
    TopicRecord t;
    t.id = need_string(jt, "id", where + " topic");
    const std::string tw = where + " topic " + t.id;
    t.name = opt_string(jt, "name", tw);
    t.score = opt_number(jt, "score", 0, tw);
    t.parent = opt_string(jt, "parent", tw);
    std::string src = opt_string(jt, "source", tw);
    t.source = src.empty() ? "taxonomy" : src;
    t.parent_name = opt_string(jt, "parent_name", tw);
    if (const JsonValue* cues = opt(jt, "cues")) {
        if (!cues->is_object()) throw Error(tw + ": \"cues\" must be an object");
        for (const auto& c : cues->items()) {
            if (!c.is_number()) throw Error(tw + ": cue weights must be numbers");
            t.cues[std::string(c.key())] = c.number();
        }
    }
    return t;
}

TopicRecord topic_from_json(std::string_view text, const std::string& where) {
    return from_text(text, [&](const JsonValue& v) { return topic_from_json(v, where); });
}

json to_json(const KeyphraseRecord& k) { return {{"text", k.text}, {"score", k.score}}; }

namespace {

// A string as nlohmann's dump() writes it; false, and nothing written, when `s` is not UTF-8,
// which dump() refuses.
bool append_dumped_string(std::string& out, std::string_view s) {
    if (!is_valid_utf8(s)) return false;
    append_json_escaped(out, s);
    return true;
}

// A number as dump() writes it: nlohmann's own shortest form, null when not finite.
void append_dumped_number(std::string& out, double x) {
    if (!std::isfinite(x)) {
        out += "null";
        return;
    }
    char buf[64];
    out.append(buf, nlohmann::detail::to_chars(buf, buf + sizeof buf, x));
}

} // namespace

std::string topic_json_text(const TopicRecord& t) {
    // Made in a reused buffer and returned at its size: a graph keeps ~10^6 of these texts.
    thread_local std::string out;
    out.clear();
    bool ok = true;
    auto field = [&](const char* key, std::string_view v) {
        out += key;
        ok = append_dumped_string(out, v) && ok;
    };
    out += '{';
    if (!t.cues.empty()) {
        out += "\"cues\":{";
        for (const auto& [cue, v] : t.cues) {
            if (out.back() != '{') out += ',';
            ok = append_dumped_string(out, cue) && ok;
            out += ':';
            append_dumped_number(out, v);
        }
        out += "},";
    }
    field("\"id\":", t.id);
    field(",\"name\":", t.name);
    field(",\"parent\":", t.parent);
    if (!t.parent_name.empty()) field(",\"parent_name\":", t.parent_name);
    out += ",\"score\":";
    append_dumped_number(out, t.score);
    field(",\"source\":", t.source);
    out += '}';
    return ok ? std::string(out) : to_json(t).dump(); // (which throws, as it always did)
}

std::string keyphrase_json_text(const KeyphraseRecord& k) {
    thread_local std::string out;
    out = "{\"score\":";
    append_dumped_number(out, k.score);
    out += ",\"text\":";
    if (!append_dumped_string(out, k.text)) return to_json(k).dump();
    out += '}';
    return std::string(out);
}

KeyphraseRecord keyphrase_from_json(const JsonValue& jk, const std::string& where) {
    if (!jk.is_object()) throw Error(where + ": a keyphrase must be an object");
    return {need_string(jk, "text", where + " keyphrase"), opt_number(jk, "score", 0, where)};
}

KeyphraseRecord keyphrase_from_json(std::string_view text, const std::string& where) {
    return from_text(text, [&](const JsonValue& v) { return keyphrase_from_json(v, where); });
}

std::string article_id_from_stem(std::string stem) {
    if (stem.find_first_of(":%") == std::string::npos) return stem;
    std::string out;
    for (char c : stem) {
        if (c == ':') out += "%3A";
        else if (c == '%') out += "%25"; // keeps the mapping one-to-one
        else out += c;
    }
    return out;
}

void check_article_id(const std::string& id, const std::string& where) {
    if (id.empty()) throw Error(where + ": empty \"id\"");
    if (id.find(':') != std::string::npos)
        throw Error(where + ": article id \"" + id +
                    "\" contains ':', which only entity, topic and keyphrase ids have");
}

ArticleRecord record_from_json(const JsonValue& j) {
    if (!j.is_object()) throw Error("record: expected a JSON object");
    ArticleRecord r;
    r.id = need_string(j, "id", "record");
    check_article_id(r.id, "record");
    const std::string where = "record " + r.id;
    r.path = opt_string(j, "path", where);
    r.title = opt_string(j, "title", where);
    r.date = opt_string(j, "date", where);
    r.source = opt_string(j, "source", where);
    r.url = opt_string(j, "url", where);
    r.hash = opt_string(j, "hash", where);
    r.bytes = opt_count<std::uint64_t>(j, "bytes", 0, where, 0, 9007199254740992.0);
    r.sentences = opt_count<std::uint32_t>(j, "sentences", 0, where);
    r.authors = opt_strings(j, "authors", where);
    r.tags = opt_strings(j, "tags", where);
    if (const JsonValue* meta = j.find("meta"); meta && meta->is_object())
        for (const auto& m : meta->items())
            if (m.is_string()) r.meta[std::string(m.key())] = m.str();
    for (const auto& je : opt_array(j, "entities", where)) {
        if (!je.is_object()) throw Error(where + ": an entity must be an object");
        EntityRecord e;
        e.id = need_string(je, "id", where + " entity");
        const std::string ew = where + " entity " + e.id;
        e.type = need_string(je, "type", ew);
        e.name = need_string(je, "name", ew);
        e.count = opt_count<int>(je, "count", 1, ew, 1);
        e.forms = opt_strings(je, "forms", ew);
        for (const auto& s : opt_array(je, "sentences", ew)) {
            if (!s.is_unsigned() || s.unsigned_value() > 0xFFFFFFFFu)
                throw Error(ew + ": \"sentences\" must hold integers from 0 to 4294967295");
            e.sentences.push_back(static_cast<std::uint32_t>(s.unsigned_value()));
        }
        std::string src = opt_string(je, "source", ew);
        e.source = src.empty() ? "gazetteer" : src;
        e.confidence = opt_number(je, "confidence", 1.0, ew);
        if (const JsonValue* b = je.find("in_lead"); b && b->is_boolean()) e.in_lead = b->boolean();
        if (const JsonValue* attrs = je.find("attrs"); attrs && attrs->is_object())
            for (const auto& a : attrs->items())
                if (a.is_string()) e.attrs[std::string(a.key())] = a.str();
        r.entities.push_back(std::move(e));
    }
    for (const auto& jt : opt_array(j, "topics", where)) r.topics.push_back(topic_from_json(jt, where));
    r.min_topic_score = opt_number(j, "min_topic_score", 1.0, where);
    r.topic_cues = opt_strings(j, "topic_cues", where);
    for (const auto& jr : opt_array(j, "relations", where)) {
        if (!jr.is_object()) throw Error(where + ": a relation must be an object");
        RelationRecord rel;
        rel.type = need_string(jr, "type", where + " relation");
        rel.source = need_string(jr, "source", where + " relation");
        rel.target = need_string(jr, "target", where + " relation");
        rel.sentence = opt_count<std::uint32_t>(jr, "sentence", 0, where);
        rel.evidence = opt_string(jr, "evidence", where);
        r.relations.push_back(std::move(rel));
    }
    for (const auto& jk : opt_array(j, "keyphrases", where))
        r.keyphrases.push_back(keyphrase_from_json(jk, where));
    canonicalize(r);
    return r;
}

ArticleRecord record_from_json(std::string_view text) {
    return from_text(text, [](const JsonValue& v) { return record_from_json(v); });
}

void write_record_line(std::ostream& out, const ArticleRecord& r) {
    out << to_json(r).dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
}

ArticleRecord record_from_jsonl_line(std::string_view line, const std::string& name, int line_no) {
    try {
        return record_from_json(line);
    } catch (const ParseError&) {
        throw;
    } catch (const JsonSyntaxError& e) {
        throw ParseError(name, std::string("not a JSON record: ") + e.what(), line_no);
    } catch (const JsonDepthError& e) {
        throw ParseError(name, std::string("not a JSON record: ") + e.what(), line_no);
    } catch (const Error& e) {
        throw ParseError(name, e.what(), line_no);
    }
}

std::vector<ArticleRecord> read_records_jsonl(std::istream& in, const std::string& name) {
    std::vector<ArticleRecord> out;
    std::string line;
    int line_no = 0;
    while (std::getline(in, line)) {
        ++line_no;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        out.push_back(record_from_jsonl_line(line, name, line_no));
    }
    if (in.bad()) throw IoError(name + ": read failed");
    return out;
}

} // namespace polgraph
