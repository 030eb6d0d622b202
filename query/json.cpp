// Query results as JSON (what --json prints) and the --batch protocol: one JSON query in, one
// JSON answer out.
#include "query/query.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <exception>
#include <filesystem>
#include <limits>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <tuple>
#include <unordered_map>

#include "core/error.hpp"
#include "core/util/text.hpp"
#include "query/index_impl.hpp"

namespace polgraph {

using detail::Adj;
using detail::kNone;
using detail::NameTable;
using detail::NI;
using detail::Posting;
using detail::Scope;
using nlohmann::json;

namespace {

json num(double x) {
    if (std::isfinite(x) && std::floor(x) == x && std::fabs(x) < 1e15)
        return static_cast<std::int64_t>(x);
    return std::isfinite(x) ? std::round(x * 1e6) / 1e6 : 0.0;
}

json ref_json(const NodeRef& r) {
    return {{"id", r.id}, {"label", r.label}, {"type", r.type}, {"date", r.date}};
}

// The filters a result was computed with, when there were any (unfiltered results keep the form
// they always had).
json with_filters(json j, const std::string& filters) {
    if (!filters.empty()) j["filters"] = filters;
    return j;
}

json evidence_json(const EvidenceSentence& e) {
    json j = {{"article", ref_json(e.article)},
              {"sentence", e.sentence},
              {"status", e.status},
              {"file", e.file}};
    if (e.status == "ok") {
        j["text"] = e.text;
        j["marked"] = e.marked;
    }
    return j;
}

} // namespace

// ---- JSON ----------------------------------------------------------------------------------

json to_json(const RelatedResult& r) {
    json results = json::array();
    std::size_t rank = 0;
    for (const auto& a : r.results) {
        json shared = json::array();
        for (const auto& s : a.shared) {
            json js = ref_json(s.node);
            js.erase("date");
            js["idf"] = num(s.idf);
            js["contribution"] = num(s.contribution);
            shared.push_back(std::move(js));
        }
        json j = ref_json(a.article);
        j["rank"] = ++rank;
        j["score"] = num(a.score);
        j["shared"] = std::move(shared);
        results.push_back(std::move(j));
    }
    return with_filters({{"query", "related"},
                         {"article", ref_json(r.article)},
                         {"measure", "idf-cosine"},
                         {"results", std::move(results)}},
                        r.filters);
}

json to_json(const TopicArticlesResult& r) {
    json results = json::array();
    std::size_t rank = 0;
    for (const auto& a : r.results) {
        json j = ref_json(a.article);
        j["rank"] = ++rank;
        j["score"] = num(a.score);
        j["topic"] = a.via.id;
        results.push_back(std::move(j));
    }
    return with_filters({{"query", "related"},
                         {"topic", ref_json(r.topic)},
                         {"total", r.total},
                         {"results", std::move(results)}},
                        r.filters);
}

json to_json(const TopicsResult& r) {
    json results = json::array();
    for (const auto& t : r.results) {
        json ents = json::array();
        for (std::size_t i = 0; i < t.entities.size(); ++i) {
            json e = ref_json(t.entities[i]);
            e.erase("date");
            e["articles"] = t.counts[i];
            ents.push_back(std::move(e));
        }
        json j = ref_json(t.topic);
        j.erase("date");
        j["parent"] = t.parent.id.empty() ? json(nullptr) : json(t.parent.id);
        j["articles"] = t.articles;
        j["first_date"] = t.first_date;
        j["last_date"] = t.last_date;
        j["entities"] = std::move(ents);
        results.push_back(std::move(j));
    }
    return with_filters({{"query", "topics"}, {"results", std::move(results)}}, r.filters);
}

json to_json(const EvidenceResult& r) {
    json results = json::array();
    for (const auto& e : r.results) results.push_back(evidence_json(e));
    return with_filters({{"query", "evidence"},
                         {"a", ref_json(r.a)},
                         {"b", ref_json(r.b)},
                         {"total", r.total},
                         {"results", std::move(results)}},
                        r.filters);
}

json to_json(const EntityArticlesResult& r) {
    json results = json::array();
    std::size_t rank = 0;
    for (const auto& a : r.results) {
        json j = ref_json(a.article);
        j["rank"] = ++rank;
        j["in_lead"] = a.in_lead;
        j["mentions"] = a.count;
        j["forms"] = a.forms;
        results.push_back(std::move(j));
    }
    return with_filters({{"query", "related"},
                         {"entity", ref_json(r.entity)},
                         {"total", r.total},
                         {"results", std::move(results)}},
                        r.filters);
}

json to_json(const NeighborsResult& r) {
    json results = json::array();
    std::size_t rank = 0;
    for (const auto& n : r.results) {
        json j = ref_json(n.entity);
        j["rank"] = ++rank;
        j["distance"] = n.distance;
        j["weight"] = num(n.weight);
        j["shared_articles"] = n.shared_articles;
        j["sentences"] = n.sentences;
        j["examples"] = n.examples;
        if (n.distance == 2) {
            json via = json::array();
            for (const auto& v : n.via) via.push_back(v.id);
            j["via"] = std::move(via);
        }
        results.push_back(std::move(j));
    }
    return with_filters({{"query", "neighbors"},
                         {"entity", ref_json(r.entity)},
                         {"depth", r.depth},
                         {"type", r.type},
                         {"total", r.total},
                         {"results", std::move(results)}},
                        r.filters);
}

json to_json(const PathResult& r) {
    json hops = json::array();
    for (const auto& h : r.hops) {
        json rel = json::array();
        for (const auto& x : h.relations)
            rel.push_back({{"type", x.type},
                           {"source", x.source.id},
                           {"target", x.target.id},
                           {"article", x.article},
                           {"sentence", x.sentence},
                           {"text", x.text}});
        json hop = {{"from", ref_json(h.from)}, {"to", ref_json(h.to)},
                    {"weight", num(h.weight)},  {"sentences", h.sentences},
                    {"articles", h.articles},   {"relations", std::move(rel)}};
        if (!h.evidence.status.empty()) hop["evidence"] = evidence_json(h.evidence);
        hops.push_back(std::move(hop));
    }
    json j = {{"query", "path"},
              {"from", ref_json(r.from)},
              {"to", ref_json(r.to)},
              {"found", r.found},
              {"length", r.found ? json(r.hops.size()) : json(nullptr)},
              {"hops", std::move(hops)}};
    if (!r.found) j["reason"] = r.reason;
    return with_filters(std::move(j), r.filters);
}

json to_json(const TopResult& r) {
    json results = json::array();
    std::size_t rank = 0;
    for (const auto& c : r.results) {
        json j = ref_json(c.entity);
        j["rank"] = ++rank;
        j["score"] = num(c.score);
        j["degree"] = c.degree;
        j["weighted"] = num(c.weighted);
        j["articles"] = c.articles;
        results.push_back(std::move(j));
    }
    return with_filters({{"query", "top"},
                         {"by", r.by},
                         {"type", r.type},
                         {"topic", r.topic.id.empty() ? json(nullptr) : ref_json(r.topic)},
                         {"network_entities", r.network_entities},
                         {"results", std::move(results)}},
                        r.filters);
}

json to_json(const StatsResult& s) {
    auto counts = [](const std::vector<Count>& cs) {
        json j = json::array();
        for (const auto& c : cs) j.push_back({{"name", c.name}, {"count", c.count}});
        return j;
    };
    return {{"query", "stats"},
            {"nodes", s.nodes},
            {"edges", s.edges},
            {"node_types", counts(s.node_types)},
            {"edge_kinds", counts(s.edge_kinds)},
            {"dates",
             {{"first", s.first_date}, {"last", s.last_date}, {"undated", s.undated_articles}}},
            {"sources", counts(s.sources)},
            {"components", {{"count", s.components}, {"largest", s.largest_component}}},
            {"entity_components",
             {{"count", s.entity_components},
              {"largest", s.largest_entity_component},
              {"isolated", s.isolated_entities}}}};
}

// ---- batch ---------------------------------------------------------------------------------

namespace {

// Reads the members of one query object, rejecting unknown keys and wrong types.
class QueryArgs {
public:
    QueryArgs(const json& q, std::string name, std::vector<std::string> allowed)
        : q_(q), name_(std::move(name)) {
        allowed.push_back("query");
        allowed.push_back("id");
        for (auto it = q.begin(); it != q.end(); ++it)
            if (std::find(allowed.begin(), allowed.end(), it.key()) == allowed.end()) {
                std::string list;
                for (std::size_t i = 0; i + 2 < allowed.size(); ++i)
                    list += (i ? ", " : "") + allowed[i];
                throw UsageError(
                    "\"" + name_ + "\" query: unknown key \"" + it.key() + "\"" +
                    (list.empty() ? " (it takes no arguments)" : " (known: " + list + ")"));
            }
    }
    bool has(const char* k) const { return q_.contains(k) && !q_.at(k).is_null(); }
    std::string str(const char* k, const std::string& def = "", bool required = false) const {
        if (!has(k)) {
            if (required) throw UsageError("\"" + name_ + "\" query: missing \"" + k + "\"");
            return def;
        }
        const json& v = q_.at(k);
        if (!v.is_string())
            throw UsageError("\"" + name_ + "\" query: \"" + k + "\" must be a string");
        return v.get<std::string>();
    }
    bool flag(const char* k) const {
        if (!has(k)) return false;
        const json& v = q_.at(k);
        if (!v.is_boolean())
            throw UsageError("\"" + name_ + "\" query: \"" + k + "\" must be true or false");
        return v.get<bool>();
    }
    /// A list of names: an array of strings, or one string of comma-separated names.
    std::vector<std::string> names(const char* k) const {
        std::vector<std::string> out;
        if (!has(k)) return out;
        const json& v = q_.at(k);
        if (v.is_string()) {
            for (auto& x : split(v.get<std::string>(), ','))
                if (!x.empty()) out.push_back(x);
            return out;
        }
        if (!v.is_array())
            throw UsageError("\"" + name_ + "\" query: \"" + k + "\" must be a list of names");
        for (const auto& x : v) {
            if (!x.is_string())
                throw UsageError("\"" + name_ + "\" query: \"" + k + "\" must be a list of names");
            out.push_back(x.get<std::string>());
        }
        return out;
    }
    /// The filter keys (QueryFilters), with `topic` only where it is a filter.
    QueryFilters filters(bool topic = true) const {
        QueryFilters f;
        f.since = str("since");
        f.until = str("until");
        if (topic) f.topic = str("topic");
        f.types = names("types");
        f.exclude_types = names("exclude_types");
        f.drop_hubs = count("drop_hubs", 0);
        f.weight = str("weight", "count");
        return f;
    }
    std::size_t count(const char* k, std::size_t def) const {
        if (!has(k)) return def;
        const json& v = q_.at(k);
        if (!v.is_number_integer() || v.get<std::int64_t>() < 0)
            throw UsageError("\"" + name_ + "\" query: \"" + k +
                             "\" must be a non-negative integer");
        return v.get<std::size_t>();
    }

private:
    const json& q_;
    std::string name_;
};

} // namespace

json run_query(const QueryIndex& index, const json& q) {
    if (!q.is_object()) throw UsageError("a query must be a JSON object");
    auto it = q.find("query");
    if (it == q.end() || !it->is_string())
        throw UsageError("a query needs a \"query\" member: related, neighbors, path, top, "
                         "topics, evidence or stats");
    std::string name = it->get<std::string>();
    if (name == "neighbours") name = "neighbors"; // as on the command line
    constexpr std::size_t kTop = 10;
    // The keys every question takes (QueryFilters), then each question's own.
    auto keys = [](std::vector<std::string> own) {
        for (const char* k : {"since", "until", "types", "exclude_types", "drop_hubs"})
            own.push_back(k);
        return own;
    };
    if (name == "related") {
        QueryArgs a(q, name, keys({"article", "entity", "topic", "top"}));
        const QueryFilters f = a.filters();
        if (a.has("article") && a.has("entity"))
            throw UsageError("\"related\" query: give \"article\" or \"entity\", not both");
        if (a.has("entity"))
            return to_json(index.entity_articles(a.str("entity"), a.count("top", kTop), f));
        if (a.has("article"))
            return to_json(index.related(a.str("article"), a.count("top", kTop), f));
        if (a.has("topic")) // the topic is what is asked, not a filter
            return to_json(
                index.topic_articles(a.str("topic"), a.count("top", kTop), a.filters(false)));
        throw UsageError("\"related\" query: give \"article\", \"entity\" or \"topic\"");
    }
    if (name == "neighbors") {
        QueryArgs a(q, name, keys({"entity", "type", "top", "depth", "topic", "weight"}));
        std::size_t depth = a.count("depth", 1);
        if (depth != 1 && depth != 2)
            throw UsageError("\"neighbors\" query: \"depth\" must be 1 or 2");
        return to_json(index.neighbors(a.str("entity", "", true), a.str("type"),
                                       a.count("top", kTop), static_cast<int>(depth), a.filters()));
    }
    if (name == "path") {
        QueryArgs a(
            q, name,
            keys({"from", "to", "topic", "weight", "max_hops", "via_sentences", "evidence"}));
        PathOptions o;
        o.max_hops = a.count("max_hops", 0);
        o.via_sentences = a.flag("via_sentences");
        o.evidence = a.flag("evidence");
        return to_json(index.path(a.str("from", "", true), a.str("to", "", true), a.filters(), o));
    }
    if (name == "top") {
        QueryArgs a(q, name, keys({"by", "type", "topic", "top", "weight"}));
        return to_json(
            index.top(a.str("by", "degree"), a.str("type"), a.count("top", kTop), a.filters()));
    }
    if (name == "topics") {
        QueryArgs a(q, name, keys({"top", "topic"}));
        return to_json(index.topics(a.count("top", kTop), a.filters()));
    }
    if (name == "evidence") {
        QueryArgs a(q, name, keys({"a", "b", "top", "topic"}));
        return to_json(index.evidence(a.str("a", "", true), a.str("b", "", true),
                                      a.count("top", kTop), a.filters()));
    }
    if (name == "stats") {
        QueryArgs a(q, name, {});
        return to_json(index.stats());
    }
    throw UsageError("unknown query \"" + name +
                     "\"; use related, neighbors, path, top, topics, evidence or stats");
}

std::string answer_line(const QueryIndex& index, std::string_view line, bool* failed) {
    json q, out;
    if (failed) *failed = false;
    try {
        try {
            // Deep nesting is refused while parsing, before it is built: copying an "id" of
            // [[[[...]]]] thousands deep into the answer, or writing it, recursed out of stack.
            q = json::parse(line.begin(), line.end(), [](int depth, json::parse_event_t, json&) {
                if (depth > kMaxQueryDepth)
                    throw UsageError("a query nested deeper than " +
                                     std::to_string(kMaxQueryDepth) + " levels");
                return true;
            });
        } catch (const json::exception& e) {
            throw UsageError(std::string("not a JSON object: ") + e.what());
        }
        out = run_query(index, q);
    } catch (const std::exception& e) {
        out = {{"error", e.what()}};
        if (failed) *failed = true;
        if (q.is_object())
            if (auto it = q.find("query"); it != q.end()) out["query"] = *it;
    }
    if (q.is_object())
        if (auto it = q.find("id"); it != q.end()) out["id"] = *it;
    return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

} // namespace polgraph
