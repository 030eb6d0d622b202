// Loading node-link JSON written by exporters/json_exporter back into a KnowledgeGraph.
// The file is validated as it is read; every problem is reported with the node or edge at fault.
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "core/error.hpp"
#include "core/graph.hpp"
#include "core/text.hpp"

namespace polgraph {

using nlohmann::json;

namespace {

constexpr int kMaxGraphJsonDepth = 64;

// A field of the wrong type or out of range. Thrown by the getters below and reported with the
// node or edge it belongs to (see with_context).
struct FieldError : Error {
    using Error::Error;
};

[[noreturn]] void bad_field(const char* k, const char* what) {
    throw FieldError(std::string("field \"") + k + "\" must be " + what);
}

// Absent or null: the default. Present with another type: an error, never a silent default.
std::string get_str(const json& j, const char* k) {
    auto it = j.find(k);
    if (it == j.end() || it->is_null()) return std::string();
    if (!it->is_string()) bad_field(k, "a string");
    // Cleaned as every writer cleans it, so that what is derived from a loaded value is what the
    // next load of the written file derives (load -> write is a fixed point).
    return sanitize_utf8(it->get_ref<const std::string&>());
}

std::vector<std::string> get_strs(const json& j, const char* k) {
    std::vector<std::string> out;
    auto it = j.find(k);
    if (it == j.end() || it->is_null()) return out;
    if (!it->is_array()) bad_field(k, "an array of strings");
    for (const auto& v : *it) {
        if (!v.is_string()) bad_field(k, "an array of strings");
        out.push_back(sanitize_utf8(v.get_ref<const std::string&>()));
    }
    return out;
}

double get_num(const json& j, const char* k, double def) {
    auto it = j.find(k);
    if (it == j.end() || it->is_null()) return def;
    if (!it->is_number()) bad_field(k, "a number");
    double v = it->get<double>();
    if (!std::isfinite(v)) bad_field(k, "a finite number");
    return v;
}

// A whole number in [lo, hi] (checked before any conversion: a cast out of range is undefined).
template <class T> T to_count(const json& v, const char* k, double lo, double hi) {
    if (!v.is_number()) bad_field(k, "a whole number");
    double d = v.get<double>();
    if (!(d >= lo && d <= hi) || d != std::floor(d)) {
        std::string range = "a whole number from " + std::to_string(static_cast<long long>(lo)) +
                            " to " + std::to_string(static_cast<unsigned long long>(hi));
        bad_field(k, range.c_str());
    }
    return static_cast<T>(d);
}

template <class T> T get_count(const json& j, const char* k, T def, double lo = 0,
                               double hi = static_cast<double>(std::numeric_limits<T>::max())) {
    auto it = j.find(k);
    if (it == j.end() || it->is_null()) return def;
    return to_count<T>(*it, k, lo, hi);
}

template <class T> std::vector<T> get_counts(const json& j, const char* k) {
    std::vector<T> out;
    auto it = j.find(k);
    if (it == j.end() || it->is_null()) return out;
    if (!it->is_array()) bad_field(k, "an array of whole numbers");
    for (const auto& v : *it)
        out.push_back(to_count<T>(v, k, 0, static_cast<double>(std::numeric_limits<T>::max())));
    return out;
}

// Runs f, turning a FieldError into an Error that names the file and the node or edge.
template <class F> void with_context(const std::string& where, F&& f) {
    try {
        f();
    } catch (const FieldError& e) {
        throw Error(where + ": " + e.what());
    }
}

std::string item_name(const char* what, std::size_t i, const json& j) {
    std::string s = std::string(what) + " #" + std::to_string(i);
    if (j.is_object())
        if (auto id = j.find("id"); id != j.end() && id->is_string())
            s += " (\"" + id->get<std::string>() + "\")";
    return s;
}

} // namespace

KnowledgeGraph KnowledgeGraph::read_json(std::istream& in, const std::string& name) {
    return build(read_json_records(in, name));
}

std::vector<ArticleRecord> KnowledgeGraph::read_json_records(std::istream& in,
                                                             const std::string& name) {
    // Streamed: each node and edge is handled as soon as it is parsed and then dropped, so memory
    // holds the records and the small non-article nodes, never the whole document (a graph of
    // 10^5 articles is gigabytes of JSON).
    auto check_header = [&](const json& g) {
        if (!g.is_object()) return;
        std::string view = get_str(g, "view");
        if (!view.empty() && view != "bipartite")
            throw Error(name + ": holds the \"" + view +
                        "\" view, which cannot be reloaded; export the bipartite view to keep a "
                        "reloadable graph");
        if (auto f = g.find("filtered"); f != g.end() && f->is_boolean() && f->get<bool>())
            throw Error(name + ": holds a filtered view (" + get_str(g, "filters") +
                        "), which cannot be reloaded; export without view options to keep a "
                        "reloadable graph");
    };

    std::unordered_map<std::string, json> nodes; // id -> node (articles: just their kind)
    std::vector<ArticleRecord> records;
    std::unordered_map<std::string, std::size_t> article_pos;
    std::vector<std::pair<bool, bool>> candidates_stored; // per record: topics, keyphrases
    std::size_t i = 0;
    auto on_node = [&](const json& n) {
        ++i;
        if (!n.is_object()) throw Error(name + ": node #" + std::to_string(i) + " is not an object");
        auto idit = n.find("id");
        if (idit == n.end() || !idit->is_string() || idit->get<std::string>().empty())
            throw Error(name + ": node #" + std::to_string(i) + " has no string \"id\"");
        std::string id = sanitize_utf8(idit->get_ref<const std::string&>());
        std::string kind = get_str(n, "kind");
        if (!nodes.emplace(id, kind == "article" ? json{{"kind", kind}} : n).second)
            throw Error(name + ": duplicate node id \"" + id + "\"");
        if (kind != "article" && kind != "entity" && kind != "topic" && kind != "keyphrase")
            throw Error(name + ": node \"" + id + "\" has a missing or unknown \"kind\"");
        if (kind == "entity" && get_str(n, "type").empty())
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
        auto meta = get_strs(n, "meta");
        if (meta.size() % 2 != 0) bad_field("meta", "an array of key, value pairs");
        for (std::size_t m = 0; m + 1 < meta.size(); m += 2) r.meta[meta[m]] = meta[m + 1];
        // Topic and keyphrase candidates as extracted; graphs written before they were stored
        // give their has_topic/has_keyphrase edges instead (taken as given).
        r.min_topic_score = get_num(n, "min_topic_score", 1.0);
        r.topic_cues = get_strs(n, "topic_cues");
        const bool topics_stored = n.contains("topic_candidates");
        const bool keyphrases_stored = n.contains("keyphrase_candidates");
        try {
            for (const auto& c : get_strs(n, "topic_candidates"))
                r.topics.push_back(topic_from_json(json::parse(c), r.id));
            for (const auto& c : get_strs(n, "keyphrase_candidates"))
                r.keyphrases.push_back(keyphrase_from_json(json::parse(c), r.id));
        } catch (const std::exception& e) {
            throw Error(name + ": node \"" + id + "\" has a bad topic or keyphrase candidate (" +
                        e.what() + ")");
        }
        candidates_stored.push_back({topics_stored, keyphrases_stored});
        article_pos[id] = records.size();
        records.push_back(std::move(r));
    };
    std::size_t li = 0;
    auto on_link = [&](const json& l) {
        std::size_t i = ++li;
        const std::string where = name + ": edge #" + std::to_string(i);
        if (!l.is_object()) throw Error(where + " is not an object");
        std::string s = get_str(l, "source"), t = get_str(l, "target");
        if (s.empty() || t.empty()) throw Error(where + " has no string \"source\"/\"target\"");
        auto sn = nodes.find(s), tn = nodes.find(t);
        if (sn == nodes.end()) throw Error(where + " starts at a missing node \"" + s + "\"");
        if (tn == nodes.end()) throw Error(where + " ends at a missing node \"" + t + "\"");
        std::string kind = get_str(l, "kind");
        if (kind.empty()) throw Error(where + " has no \"kind\"");
        const json& tgt = tn->second;
        if (kind == "mentions") {
            auto ap = article_pos.find(s);
            if (ap == article_pos.end() || get_str(tgt, "kind") != "entity")
                throw Error(where + ": a mentions edge must go from an article to an entity");
            EntityRecord e;
            e.id = t;
            e.type = get_str(tgt, "type");
            e.name = get_str(l, "name");
            if (e.name.empty()) e.name = get_str(tgt, "label");
            e.count = get_count<int>(l, "weight", 1, 1);
            e.forms = get_strs(l, "forms");
            e.sentences = get_counts<std::uint32_t>(l, "sentence_ids");
            e.source = get_str(l, "extraction");
            if (e.source.empty()) e.source = "gazetteer";
            e.confidence = get_num(l, "confidence", 1.0);
            if (auto b = l.find("in_lead"); b != l.end() && !b->is_null()) {
                if (!b->is_boolean()) bad_field("in_lead", "true or false");
                e.in_lead = *b;
            }
            for (auto a = tgt.begin(); a != tgt.end(); ++a)
                if (a.key().rfind("attr_", 0) == 0 && a.value().is_string())
                    e.attrs[sanitize_utf8(a.key().substr(5))] = sanitize_utf8(a.value().get_ref<const std::string&>());
            records[ap->second].entities.push_back(std::move(e));
        } else if (kind == "has_topic") {
            auto ap = article_pos.find(s);
            if (ap == article_pos.end() || get_str(tgt, "kind") != "topic")
                throw Error(where + ": a has_topic edge must go from an article to a topic");
            if (candidates_stored[ap->second].first) return;
            TopicRecord tr{t, get_str(tgt, "label"), get_num(l, "weight", 0),
                           get_str(tgt, "parent"), get_str(tgt, "source"), "", {}};
            if (tr.source.empty()) tr.source = "taxonomy";
            records[ap->second].topics.push_back(std::move(tr));
        } else if (kind == "has_keyphrase") {
            auto ap = article_pos.find(s);
            if (ap == article_pos.end())
                throw Error(where + ": a has_keyphrase edge must start at an article");
            if (candidates_stored[ap->second].second) return;
            records[ap->second].keyphrases.push_back(
                {get_str(tgt, "label"), get_num(l, "weight", 0)});
        } else if (is_relation_kind(kind)) {
            if (get_str(sn->second, "kind") != "entity" || get_str(tgt, "kind") != "entity")
                throw Error(where + ": a " + kind + " edge must join two entities");
            auto arts = get_strs(l, "evidence_articles");
            auto texts = get_strs(l, "evidence");
            auto sents = get_counts<std::uint32_t>(l, "evidence_sentences");
            for (std::size_t k = 0; k < arts.size(); ++k) {
                auto ap = article_pos.find(arts[k]);
                if (ap == article_pos.end())
                    throw Error(where + ": evidence names a missing article \"" + arts[k] + "\"");
                records[ap->second].relations.push_back(
                    {kind, s, t, k < sents.size() ? sents[k] : 0, k < texts.size() ? texts[k] : ""});
            }
        } else if (kind == "co_occurs" || kind == "subtopic_of") {
            // derived from the records when the graph is rebuilt
        } else {
            throw Error(where + " has an unknown kind \"" + kind + "\"");
        }
    };

    // Top-level keys are at depth 1, the elements of "nodes" and "links" at depth 2. Edges that
    // come before the nodes (other writers may order keys differently) wait for them.
    std::string section;
    bool have_nodes = false, have_links = false;
    std::vector<json> early_links;
    auto callback = [&](int depth, json::parse_event_t event, json& parsed) -> bool {
        using E = json::parse_event_t;
        // polgraph writes at most five levels; a deeper value is not a graph, and copying it
        // (recursive in nlohmann::json) could exhaust the stack.
        if ((event == E::object_start || event == E::array_start) && depth > kMaxGraphJsonDepth)
            throw Error(name + ": JSON nested deeper than " + std::to_string(kMaxGraphJsonDepth) +
                        " levels (is this a polgraph graph file?)");
        if (depth == 1 && event == E::key) {
            section = parsed.get<std::string>();
            return true;
        }
        const bool is_links = section == "links" || section == "edges";
        if (depth == 2 &&
            (event == E::object_end || event == E::array_end || event == E::value) &&
            (section == "nodes" || is_links)) {
            if (section == "nodes")
                with_context(name + ": " + item_name("node", i + 1, parsed), [&] { on_node(parsed); });
            else if (have_nodes)
                with_context(name + ": " + item_name("edge", li + 1, parsed), [&] { on_link(parsed); });
            else early_links.push_back(std::move(parsed));
            return false;
        }
        if (depth == 1 && (event == E::array_end || event == E::object_end || event == E::value)) {
            if (section == "nodes" && event == E::array_end) {
                have_nodes = true;
                for (const auto& l : early_links)
                    with_context(name + ": " + item_name("edge", li + 1, l), [&] { on_link(l); });
                early_links.clear();
            }
            if (is_links && event == E::array_end) have_links = true;
            if (section == "graph") with_context(name + ": \"graph\"", [&] { check_header(parsed); });
        }
        return true;
    };
    json doc;
    try {
        doc = json::parse(in, callback);
    } catch (const json::exception& e) { // syntax, or a number beyond double such as 1e400
        throw Error(name + ": not valid JSON (" + std::string(e.what()) + ")");
    }
    if (!doc.is_object()) throw Error(name + ": a graph file must hold a JSON object");
    if (!have_nodes)
        throw Error(name + ": missing \"nodes\" array (is this a polgraph graph file?)");
    if (!have_links) throw Error(name + ": missing \"links\" array");
    for (auto& r : records) canonicalize(r);
    return records;
}

KnowledgeGraph KnowledgeGraph::read_json_file(const std::string& path) {
    return build(read_json_records_file(path));
}

std::vector<ArticleRecord> KnowledgeGraph::read_json_records_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw IoError(path + ": cannot open graph file");
    return read_json_records(in, path);
}

} // namespace polgraph
