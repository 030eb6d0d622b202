// Loading node-link JSON written by exporters/json_exporter back into a KnowledgeGraph, and graph
// files in either form. The file is validated as it is read; every problem is reported with the
// node or edge at fault.
#include "store/graph_io.hpp"

#include <cmath>
#include <fstream>
#include <iostream>
#include <limits>
#include <sstream>
#include <thread>

#include "core/error.hpp"
#include "core/graph.hpp"
#include "core/util/file_bytes.hpp"
#include "core/util/text.hpp"
#include "core/util/word_table.hpp"
#include "store/graph_snapshot.hpp"
#include "store/json_scan.hpp"

namespace polgraph {

namespace {

constexpr int kMaxGraphJsonDepth = 64;

// What a file that is not a node-link graph holds, when it is one of the files people mistake for
// one (another export format, the records of extract --jsonl), as a message that names the fix;
// "" when the start of the file says nothing.
std::string foreign_file_message(std::string_view text, const std::string& name) {
    std::string_view head = text.substr(0, 4096);
    if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
    head = trim(head);
    const std::string low = casefold(head);
    const std::string first_line = low.substr(0, low.find('\n'));
    std::string kind;
    if (head.empty()) {
        return "";
    } else if (head[0] == '<') {
        kind = low.find("<graphml") != std::string::npos ? "GraphML"
               : low.find("<gexf") != std::string::npos  ? "GEXF"
               : low.find("<html") != std::string::npos ||
                       low.find("<!doctype html") != std::string::npos
                   ? "an HTML page"
                   : "XML";
    } else if (head[0] == '{') {
        if (first_line.find("\"id\"") != std::string::npos &&
            first_line.find("\"nodes\"") == std::string::npos &&
            (first_line.find("\"entities\"") != std::string::npos ||
             first_line.find("\"path\"") != std::string::npos))
            return name +
                   " holds article records (extract --jsonl), not a graph; fold them into "
                   "one first: polgraph merge " +
                   name + " -o graph.json";
        if (low.find("\"options\"") != std::string::npos &&
            low.find("\"key\"") != std::string::npos)
            kind = "graphology JSON";
    } else if (first_line.find("source,target") != std::string::npos ||
               first_line.find("id,label") != std::string::npos ||
               first_line.find(":id") != std::string::npos) {
        kind = "a CSV table";
    } else if (low.rfind("graph", 0) == 0 && low.find('[') != std::string::npos) {
        kind = "GML";
    }
    if (kind.empty()) return "";
    return name + " is " + kind +
           "; polgraph reads graphs as the node-link JSON or the snapshot written by extract "
           "(-o graph.json / -o graph.pgsnap)";
}

// Throws `message`, or what foreign_file_message says when `text` is a known other kind of file.
[[noreturn]] void fail_load(std::string_view text, const std::string& name, std::string message) {
    std::string foreign = foreign_file_message(text, name);
    throw Error(foreign.empty() ? message : foreign);
}

// A field of the wrong type or out of range. Thrown by the getters below and reported with the
// node or edge it belongs to (see with_context).
struct FieldError : Error {
    using Error::Error;
};

[[noreturn]] void bad_field(const char* k, const char* what) {
    throw FieldError(std::string("field \"") + k + "\" must be " + what);
}

// Absent or null: the default. Present with another type: an error, never a silent default.
const JsonValue* field(const JsonValue& j, const char* k) {
    const JsonValue* v = j.find(k);
    return v && !v->is_null() ? v : nullptr;
}

std::string get_str(const JsonValue& j, const char* k) {
    const JsonValue* v = field(j, k);
    if (!v) return std::string();
    if (!v->is_string()) bad_field(k, "a string");
    // Cleaned as every writer cleans it, so that what is derived from a loaded value is what the
    // next load of the written file derives (load -> write is a fixed point).
    return sanitize_utf8(v->str());
}

// A string field as every writer cleans it (see get_str), without a copy when it is already clean
// (printable ASCII, as ids and kinds are): a view of the text, or of `buf`.
std::string_view get_view(const JsonValue& j, const char* k, std::string& buf) {
    const JsonValue* v = field(j, k);
    if (!v) return {};
    if (!v->is_string()) bad_field(k, "a string");
    const std::string_view raw = v->str();
    bool plain = true;
    for (char c : raw) plain &= c >= 0x20 && c < 0x7F;
    if (plain) return raw;
    buf = sanitize_utf8(raw);
    return buf;
}

std::vector<std::string> get_strs(const JsonValue& j, const char* k) {
    std::vector<std::string> out;
    const JsonValue* v = field(j, k);
    if (!v) return out;
    if (!v->is_array()) bad_field(k, "an array of strings");
    out.reserve(v->items().size());
    for (const auto& x : v->items()) {
        if (!x.is_string()) bad_field(k, "an array of strings");
        out.push_back(sanitize_utf8(x.str()));
    }
    return out;
}

double get_num(const JsonValue& j, const char* k, double def) {
    const JsonValue* v = field(j, k);
    if (!v) return def;
    if (!v->is_number()) bad_field(k, "a number");
    return v->number(); // always finite: the scanner rejects numbers beyond double
}

// A whole number in [lo, hi] (checked before any conversion: a cast out of range is undefined).
template <class T> T to_count(const JsonValue& v, const char* k, double lo, double hi) {
    if (!v.is_number()) bad_field(k, "a whole number");
    double d = v.number();
    if (!(d >= lo && d <= hi) || d != std::floor(d)) {
        std::string range = "a whole number from " + std::to_string(static_cast<long long>(lo)) +
                            " to " + std::to_string(static_cast<unsigned long long>(hi));
        bad_field(k, range.c_str());
    }
    return static_cast<T>(d);
}

template <class T>
T get_count(const JsonValue& j, const char* k, T def, double lo = 0,
            double hi = static_cast<double>(std::numeric_limits<T>::max())) {
    const JsonValue* v = field(j, k);
    return v ? to_count<T>(*v, k, lo, hi) : def;
}

template <class T> std::vector<T> get_counts(const JsonValue& j, const char* k) {
    std::vector<T> out;
    const JsonValue* v = field(j, k);
    if (!v) return out;
    if (!v->is_array()) bad_field(k, "an array of whole numbers");
    for (const auto& x : v->items())
        out.push_back(to_count<T>(x, k, 0, static_cast<double>(std::numeric_limits<T>::max())));
    return out;
}

// Runs f, turning a FieldError into an Error that names the file and the node or edge (the name is
// only made when there is an error: a graph has millions of edges).
template <class W, class F> void with_context(W&& where, F&& f) {
    try {
        f();
    } catch (const FieldError& e) {
        throw Error(where() + ": " + e.what());
    }
}

std::string item_name(const char* what, std::size_t i, const JsonValue& j) {
    std::string s = std::string(what) + " #" + std::to_string(i);
    if (const JsonValue* id = j.find("id"); id && id->is_string())
        s += " (\"" + std::string(id->str()) + "\")";
    return s;
}

// What an edge needs of the node at its end. An article keeps only its kind; its fields go to
// its record.
struct StoredNode {
    std::string kind, type, label, parent, source;
    std::vector<std::pair<std::string, std::string>> attrs; ///< attr_* fields, "attr_" dropped
    std::size_t record = 0; ///< an article's position in the records
};

// Nodes by id: positions in a vector, found by a view of each edge's ends in an open-addressing
// table (millions of edges: no copies, and one cache line per probe, not a chain of nodes).
struct NodeTable {
    WordTable<std::uint32_t> index;
    std::vector<StoredNode> nodes;
    std::size_t id_bytes = 0; ///< WordTable holds at most 4 GB of words
    /// nullptr when `id` is taken. Throws Error (naming `file`) past 4 GB of ids.
    StoredNode* add(std::string_view id, const std::string& file) {
        if (index.find(id)) return nullptr;
        if ((id_bytes += id.size()) > 0xFFFFFFFFu)
            throw Error(file + ": node ids take more than 4 GB");
        index.insert(id) = static_cast<std::uint32_t>(nodes.size());
        return &nodes.emplace_back();
    }
    const StoredNode* find(std::string_view id) const {
        const std::uint32_t* i = index.find(id);
        return i ? &nodes[*i] : nullptr;
    }
};

// Loading folds on every core, as extract and merge do (the graph is the same on any number).
KnowledgeGraph fold_loaded(std::vector<ArticleRecord> records) {
    return KnowledgeGraph::build(pack_all(std::move(records)),
                                 std::max(1u, std::thread::hardware_concurrency()));
}

} // namespace

KnowledgeGraph read_graph_json(std::istream& in, const std::string& name) {
    return fold_loaded(read_json_records(in, name));
}

KnowledgeGraph read_graph_json(std::string_view text, const std::string& name) {
    return fold_loaded(read_json_records(text, name));
}

std::vector<ArticleRecord> read_json_records(std::istream& in, const std::string& name) {
    std::ostringstream all;
    all << in.rdbuf();
    if (in.bad()) throw IoError(name + ": read error");
    return read_json_records(std::string_view(all.view()), name);
}

std::vector<ArticleRecord>
read_json_records(std::string_view text, const std::string& name,
                  const std::function<void(std::size_t, std::size_t)>& done_with) {
    // Streamed: each node and edge is handled as soon as it is parsed and then dropped, so memory
    // holds the records and the small non-article nodes, never a tree of the whole document (a
    // graph of 10^5 articles is gigabytes of JSON).
    auto check_header = [&](const JsonValue& g) {
        if (!g.is_object()) return;
        std::string view = get_str(g, "view");
        if (!view.empty() && view != "bipartite")
            throw Error(name + ": holds the \"" + view +
                        "\" view, which cannot be reloaded; export the bipartite view to keep a "
                        "reloadable graph");
        if (const JsonValue* f = g.find("filtered"); f && f->is_boolean() && f->boolean())
            throw Error(name + ": holds a filtered view (" + get_str(g, "filters") +
                        "), which cannot be reloaded; export without view options to keep a "
                        "reloadable graph");
    };

    NodeTable nodes;
    std::vector<ArticleRecord> records;
    std::vector<std::pair<bool, bool>> candidates_stored; // per record: topics, keyphrases
    std::size_t i = 0;
    auto on_node = [&](const JsonValue& n) {
        ++i;
        if (!n.is_object())
            throw Error(name + ": node #" + std::to_string(i) + " is not an object");
        const JsonValue* idv = n.find("id");
        if (!idv || !idv->is_string() || idv->str().empty())
            fail_load(text, name, name + ": node #" + std::to_string(i) + " has no string \"id\"");
        std::string id = sanitize_utf8(idv->str());
        const std::string kind = get_str(n, "kind");
        StoredNode stored;
        stored.kind = kind;
        stored.record = records.size();
        if (kind != "article") {
            stored.type = get_str(n, "type");
            stored.label = get_str(n, "label");
            stored.parent = get_str(n, "parent");
            stored.source = get_str(n, "source");
            for (const auto& a : n.items())
                if (a.key().starts_with("attr_") && a.is_string())
                    stored.attrs.emplace_back(sanitize_utf8(a.key().substr(5)),
                                              sanitize_utf8(a.str()));
        }
        const bool missing_type = stored.type.empty();
        StoredNode* slot = nodes.add(id, name);
        if (!slot) throw Error(name + ": duplicate node id \"" + id + "\"");
        *slot = std::move(stored);
        if (kind != "article" && kind != "entity" && kind != "topic" && kind != "keyphrase")
            throw Error(name + ": node \"" + id + "\" has a missing or unknown \"kind\"");
        if (kind == "entity" && missing_type)
            throw Error(name + ": entity node \"" + id + "\" has no \"type\"");
        if (kind != "article") return;
        check_article_id(id, name);
        ArticleRecord r;
        r.id = id;
        r.title = get_str(n, "title");
        r.date = get_str(n, "date");
        r.source = get_str(n, "source");
        r.url = get_str(n, "url");
        r.path = get_str(n, "path");
        r.hash = get_str(n, "hash");
        r.bytes = get_count<std::uint64_t>(n, "bytes", 0, 0, 9007199254740992.0);
        r.sentences = get_count<std::uint32_t>(n, "sentences", 0);
        r.authors = get_strs(n, "authors");
        r.tags = get_strs(n, "tags");
        // Front-matter fields: an object (graphs written before were a flat [k, v, ...] list).
        if (const JsonValue* meta = field(n, "meta"); meta && meta->is_object()) {
            for (const auto& f : meta->items()) {
                if (!f.is_string()) bad_field("meta", "an object of strings");
                r.meta[sanitize_utf8(f.key())] = sanitize_utf8(f.str());
            }
        } else {
            auto flat = get_strs(n, "meta");
            if (flat.size() % 2 != 0) bad_field("meta", "an object of strings");
            for (std::size_t m = 0; m + 1 < flat.size(); m += 2) r.meta[flat[m]] = flat[m + 1];
        }
        // Topic and keyphrase candidates as extracted; graphs written before they were stored
        // give their has_topic/has_keyphrase edges instead (taken as given).
        r.min_topic_score = get_num(n, "min_topic_score", 1.0);
        r.topic_cues = get_strs(n, "topic_cues");
        const bool topics_stored = n.find("topic_candidates") != nullptr;
        const bool keyphrases_stored = n.find("keyphrase_candidates") != nullptr;
        // Candidates: arrays of objects (graphs written before held each as a JSON string).
        auto each_candidate = [&](const char* k, auto&& add) {
            const JsonValue* list = field(n, k);
            if (!list) return;
            if (!list->is_array()) bad_field(k, "an array of objects");
            for (const auto& c : list->items()) {
                if (c.is_string()) add(std::string_view(c.str()));
                else if (c.is_object()) add(c);
                else bad_field(k, "an array of objects");
            }
        };
        try {
            each_candidate("topic_candidates",
                           [&](const auto& c) { r.topics.push_back(topic_from_json(c, r.id)); });
            each_candidate("keyphrase_candidates", [&](const auto& c) {
                r.keyphrases.push_back(keyphrase_from_json(c, r.id));
            });
        } catch (const std::exception& e) {
            throw Error(name + ": node \"" + id + "\" has a bad topic or keyphrase candidate (" +
                        e.what() + ")");
        }
        candidates_stored.push_back({topics_stored, keyphrases_stored});
        records.push_back(std::move(r));
    };
    std::size_t li = 0;
    auto on_link = [&](const JsonValue& l) {
        const std::size_t i = ++li;
        auto where = [&] { return name + ": edge #" + std::to_string(i); };
        if (!l.is_object()) throw Error(where() + " is not an object");
        std::string s_buf, t_buf, kind_buf;
        const std::string_view s = get_view(l, "source", s_buf), t = get_view(l, "target", t_buf);
        if (s.empty() || t.empty()) throw Error(where() + " has no string \"source\"/\"target\"");
        const StoredNode* sn = nodes.find(s);
        const StoredNode* tn = nodes.find(t);
        if (!sn) throw Error(where() + " starts at a missing node \"" + std::string(s) + "\"");
        if (!tn) throw Error(where() + " ends at a missing node \"" + std::string(t) + "\"");
        const std::string_view kind = get_view(l, "kind", kind_buf);
        if (kind.empty()) throw Error(where() + " has no \"kind\"");
        const StoredNode& src = *sn;
        const StoredNode& tgt = *tn;
        const bool from_article = src.kind == "article";
        if (kind == "mentions") {
            if (!from_article || tgt.kind != "entity")
                throw Error(where() + ": a mentions edge must go from an article to an entity");
            EntityRecord e;
            e.id = t;
            e.type = tgt.type;
            e.name = get_str(l, "name");
            if (e.name.empty()) e.name = tgt.label;
            e.count = get_count<int>(l, "weight", 1, 1);
            e.forms = get_strs(l, "forms");
            e.sentences = get_counts<std::uint32_t>(l, "sentence_ids");
            e.source = get_str(l, "extraction");
            if (e.source.empty()) e.source = "gazetteer";
            e.confidence = get_num(l, "confidence", 1.0);
            if (const JsonValue* b = field(l, "in_lead")) {
                if (!b->is_boolean()) bad_field("in_lead", "true or false");
                e.in_lead = b->boolean();
            }
            for (const auto& [k, v] : tgt.attrs) e.attrs[k] = v;
            records[src.record].entities.push_back(std::move(e));
        } else if (kind == "has_topic") {
            if (!from_article || tgt.kind != "topic")
                throw Error(where() + ": a has_topic edge must go from an article to a topic");
            if (candidates_stored[src.record].first) return;
            TopicRecord tr{
                std::string(t), tgt.label, get_num(l, "weight", 0), tgt.parent, tgt.source, "", {}};
            if (tr.source.empty()) tr.source = "taxonomy";
            records[src.record].topics.push_back(std::move(tr));
        } else if (kind == "has_keyphrase") {
            if (!from_article)
                throw Error(where() + ": a has_keyphrase edge must start at an article");
            if (candidates_stored[src.record].second) return;
            records[src.record].keyphrases.push_back({tgt.label, get_num(l, "weight", 0)});
        } else if (kind == "co_occurs" || kind == "subtopic_of") {
            // derived from the records when the graph is rebuilt
        } else if (is_relation_kind(std::string(kind))) {
            if (src.kind != "entity" || tgt.kind != "entity")
                throw Error(where() + ": a " + std::string(kind) + " edge must join two entities");
            auto arts = get_strs(l, "evidence_articles");
            auto texts = get_strs(l, "evidence");
            auto sents = get_counts<std::uint32_t>(l, "evidence_sentences");
            for (std::size_t k = 0; k < arts.size(); ++k) {
                const StoredNode* a = nodes.find(arts[k]);
                if (!a || a->kind != "article")
                    throw Error(where() + ": evidence names a missing article \"" + arts[k] + "\"");
                records[a->record].relations.push_back(
                    {std::string(kind), std::string(s), std::string(t),
                     k < sents.size() ? sents[k] : 0, k < texts.size() ? texts[k] : ""});
            }
        } else {
            throw Error(where() + " has an unknown kind \"" + std::string(kind) + "\"");
        }
    };

    JsonScanner scan(text, kMaxGraphJsonDepth);
    JsonDoc doc;
    // The bytes behind the scanner are not needed again (early links aside, which are read again
    // from the file): handed to done_with every 16 MB.
    std::size_t released = 0;
    auto release_behind = [&] {
        if (done_with && scan.offset() > released && scan.offset() - released >= (16u << 20)) {
            done_with(released, scan.offset());
            released = scan.offset();
        }
    };
    // The elements of the array at the scanner, each parsed (depth 2) and handed to `f`.
    auto each_item = [&](const char* what, std::size_t& counter, auto&& f) {
        scan.open_array();
        while (scan.next_item()) {
            const JsonValue& v = scan.parse(doc, 2);
            with_context([&] { return name + ": " + item_name(what, counter + 1, v); },
                         [&] { f(v); });
            release_behind();
        }
    };
    bool have_nodes = false, have_links = false;
    std::vector<std::size_t> early_links; // offsets of links arrays that came before the nodes
    try {
        if (scan.start() != '{') {
            scan.parse(doc, 0);
            scan.finish();
            fail_load(text, name, name + ": a graph file must hold a JSON object");
        }
        scan.open_object();
        std::string_view key;
        std::string key_buf;
        while (scan.next_member(key, key_buf)) {
            const bool is_links = key == "links" || key == "edges";
            if (key == "nodes" && scan.peek() == '[') {
                each_item("node", i, on_node);
                have_nodes = true;
                // Edges that came before the nodes (other writers may order keys differently).
                const std::size_t resume = scan.offset();
                for (std::size_t at : early_links) {
                    scan.seek(at);
                    each_item("edge", li, on_link);
                }
                early_links.clear();
                scan.seek(resume);
            } else if (is_links && scan.peek() == '[') {
                if (have_nodes) {
                    each_item("edge", li, on_link);
                } else {
                    early_links.push_back(scan.offset());
                    std::size_t none = 0;
                    each_item("edge", none, [](const JsonValue&) {});
                }
                have_links = true;
            } else {
                const bool header = key == "graph";
                const JsonValue& v = scan.parse(doc, 1);
                if (header)
                    with_context([&] { return name + ": \"graph\""; }, [&] { check_header(v); });
            }
        }
        scan.finish();
    } catch (const JsonSyntaxError& e) { // syntax, or a number beyond double such as 1e400
        fail_load(text, name, name + ": not valid JSON (" + std::string(e.what()) + ")");
    } catch (const JsonDepthError& e) {
        fail_load(text, name, name + ": " + e.what() + " (is this a polgraph graph file?)");
    }
    if (!have_nodes)
        fail_load(text, name, name + ": missing \"nodes\" array (is this a polgraph graph file?)");
    if (!have_links) throw Error(name + ": missing \"links\" array");
    for (auto& r : records) canonicalize(r);
    return records;
}

KnowledgeGraph read_graph_json_file(const std::string& path) {
    return fold_loaded(read_json_records_file(path));
}

std::vector<ArticleRecord> read_json_records_file(const std::string& path) {
    FileBytes file(path, FileBytes::Access::sequential);
    return read_json_records(file.view(), path, [&file](std::size_t begin, std::size_t end) {
        file.release(begin, end);
    });
}

KnowledgeGraph load_graph(const std::string& path) {
    if (path == "-") {
        std::string all = read_all(std::cin, "<stdin>");
        if (is_snapshot(all)) return read_snapshot(all, "<stdin>");
        return read_graph_json(std::string_view(all), "<stdin>");
    }
    if (is_snapshot_file(path)) {
        FileBytes file(path);
        return read_snapshot(file.view(), path, [&file](std::size_t begin, std::size_t end) {
            file.release(begin, end);
        });
    }
    return read_graph_json_file(path);
}

std::vector<PackedRecord> load_packed_records(const std::string& path, unsigned threads) {
    if (path != "-" && !is_snapshot_file(path)) return pack_all(read_json_records_file(path));
    if (path == "-") return load_graph(path).packed_records(threads);
    FileBytes file(path);
    return read_snapshot(
               file.view(), path,
               [&file](std::size_t begin, std::size_t end) { file.release(begin, end); },
               std::size_t{16} << 20, true)
        .packed_records(threads);
}

} // namespace polgraph
