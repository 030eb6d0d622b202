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
    return {{"query", "related"},
            {"article", ref_json(r.article)},
            {"measure", "idf-cosine"},
            {"results", std::move(results)}};
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
    return {{"query", "related"},
            {"entity", ref_json(r.entity)},
            {"total", r.total},
            {"results", std::move(results)}};
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
    return {{"query", "neighbors"}, {"entity", ref_json(r.entity)},
            {"depth", r.depth},     {"type", r.type},
            {"total", r.total},     {"results", std::move(results)}};
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
        hops.push_back({{"from", ref_json(h.from)},
                        {"to", ref_json(h.to)},
                        {"weight", num(h.weight)},
                        {"articles", h.articles},
                        {"relations", std::move(rel)}});
    }
    return {{"query", "path"},
            {"from", ref_json(r.from)},
            {"to", ref_json(r.to)},
            {"found", r.found},
            {"length", r.found ? json(r.hops.size()) : json(nullptr)},
            {"hops", std::move(hops)}};
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
    return {{"query", "top"},
            {"by", r.by},
            {"type", r.type},
            {"topic", r.topic.id.empty() ? json(nullptr) : ref_json(r.topic)},
            {"network_entities", r.network_entities},
            {"results", std::move(results)}};
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
        throw UsageError(
            "a query needs a \"query\" member: related, neighbors, path, top or stats");
    std::string name = it->get<std::string>();
    if (name == "neighbours") name = "neighbors"; // as on the command line
    constexpr std::size_t kTop = 10;
    if (name == "related") {
        QueryArgs a(q, name, {"article", "entity", "top"});
        if (a.has("article") == a.has("entity"))
            throw UsageError("\"related\" query: give either \"article\" or \"entity\"");
        if (a.has("entity"))
            return to_json(index.entity_articles(a.str("entity"), a.count("top", kTop)));
        return to_json(index.related(a.str("article"), a.count("top", kTop)));
    }
    if (name == "neighbors") {
        QueryArgs a(q, name, {"entity", "type", "top", "depth"});
        std::size_t depth = a.count("depth", 1);
        if (depth != 1 && depth != 2)
            throw UsageError("\"neighbors\" query: \"depth\" must be 1 or 2");
        return to_json(index.neighbors(a.str("entity", "", true), a.str("type"),
                                       a.count("top", kTop), static_cast<int>(depth)));
    }
    if (name == "path") {
        QueryArgs a(q, name, {"from", "to"});
        return to_json(index.path(a.str("from", "", true), a.str("to", "", true)));
    }
    if (name == "top") {
        QueryArgs a(q, name, {"by", "type", "topic", "top"});
        return to_json(
            index.top(a.str("by", "degree"), a.str("type"), a.str("topic"), a.count("top", kTop)));
    }
    if (name == "stats") {
        QueryArgs a(q, name, {});
        return to_json(index.stats());
    }
    throw UsageError("unknown query \"" + name + "\"; use related, neighbors, path, top or stats");
}

std::string answer_line(const QueryIndex& index, std::string_view line, bool* failed) {
    json q, out;
    if (failed) *failed = false;
    try {
        try {
            q = json::parse(line.begin(), line.end());
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
