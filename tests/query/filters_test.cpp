// Query filters (dates, topic, types, hubs, fractional weights), path options, topics as query
// targets, on small graphs whose answers are worked out by hand in the comments; and the same
// keys in --batch.
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/graph.hpp"
#include "query/query.hpp"

using namespace polgraph;
using nlohmann::json;

namespace {

EntityRecord ent(const std::string& id, std::vector<std::uint32_t> sentences = {0}) {
    EntityRecord e;
    e.id = id;
    e.type = id.substr(0, id.find(':'));
    e.name = id.substr(id.find(':') + 1);
    e.count = static_cast<int>(sentences.size());
    e.sentences = std::move(sentences);
    e.forms = {e.name};
    return e;
}

TopicRecord topic(const std::string& id, double score, const std::string& parent = "") {
    TopicRecord t;
    t.id = id;
    t.name = id.substr(id.find(':') + 1);
    t.score = score;
    t.parent = parent;
    t.parent_name = parent.empty() ? "" : parent.substr(parent.find(':') + 1);
    return t;
}

ArticleRecord art(const std::string& id, const std::string& date, std::vector<EntityRecord> es,
                  std::vector<TopicRecord> ts = {}) {
    ArticleRecord r;
    r.id = id;
    r.path = "/nowhere/" + id + ".md";
    r.title = "Title " + id;
    r.date = date;
    r.hash = "h" + id;
    r.entities = std::move(es);
    r.topics = std::move(ts);
    return r;
}

// A -- L -- B through a location (2024), and A -- X -- Y -- B through people (2025, on topic
// "t", a subtopic of "policy"); L is also in a6, so it is the hub (3 articles).
//   a1 2024-01-10: A[0] L[1]         a2 2024-06-10: L[0] B[0]
//   a3 2025-02-10: A[0] X[0]  t 3.0  a4 2025-03-10: X[2] Y[2]  t 1.0
//   a5 2025-04-10: Y[1] B[1]  t 1.0  a6 2025-05-10: L[0] Z[0]
// Sentences: A and L are in different sentences of a1; every other pair shares one.
KnowledgeGraph chain() {
    auto t = [](double s) { return topic("topic:t", s, "topic:policy"); };
    return KnowledgeGraph::build(
        {art("a1", "2024-01-10", {ent("person:a", {0}), ent("location:l", {1})}),
         art("a2", "2024-06-10", {ent("location:l", {0}), ent("person:b", {0})}),
         art("a3", "2025-02-10", {ent("person:a", {0}), ent("person:x", {0})}, {t(3.0)}),
         art("a4", "2025-03-10", {ent("person:x", {2}), ent("person:y", {2})}, {t(1.0)}),
         art("a5", "2025-04-10", {ent("person:y", {1}), ent("person:b", {1})}, {t(1.0)}),
         art("a6", "2025-05-10", {ent("location:l", {0}), ent("person:z", {0})})});
}

std::vector<std::string> hop_ends(const PathResult& r) {
    std::vector<std::string> out;
    if (!r.hops.empty()) out.push_back(r.hops.front().from.id);
    for (const auto& h : r.hops) out.push_back(h.to.id);
    return out;
}

QueryFilters exclude(std::vector<std::string> types) {
    QueryFilters f;
    f.exclude_types = std::move(types);
    return f;
}

} // namespace

TEST_CASE("path filters keep locations, hubs and periods out", "[query][filters]") {
    const KnowledgeGraph g = chain();
    const QueryIndex q(g);
    const std::vector<std::string> via_l = {"person:a", "location:l", "person:b"},
                                   via_xy = {"person:a", "person:x", "person:y", "person:b"};
    CHECK(hop_ends(q.path("a", "b")) == via_l);
    CHECK(hop_ends(q.path("a", "b", exclude({"location"}))) == via_xy);
    QueryFilters people;
    people.types = {"person"};
    CHECK(hop_ends(q.path("a", "b", people)) == via_xy);
    QueryFilters hubs;
    hubs.drop_hubs = 1; // L, in 3 articles
    CHECK(hop_ends(q.path("a", "b", hubs)) == via_xy);
    QueryFilters since;
    since.since = "2025";
    CHECK(hop_ends(q.path("a", "b", since)) == via_xy);
    QueryFilters until;
    until.until = "2024-12";
    CHECK(hop_ends(q.path("a", "b", until)) == via_l);
    // Before 2025, X and Y never met: no path, and the reason says so.
    PathResult none = q.path("x", "b", until);
    CHECK_FALSE(none.found);
    CHECK(none.reason.find("different components") != std::string::npos);
    CHECK(none.filters == "--until 2024-12");
    QueryFilters on_t;
    on_t.topic = "t";
    CHECK(hop_ends(q.path("a", "b", on_t)) == via_xy);
    on_t.topic = "policy"; // the parent topic takes its subtopics' articles
    CHECK(hop_ends(q.path("a", "b", on_t)) == via_xy);
    // A path's ends take part even when their type is left out.
    CHECK(hop_ends(q.path("l", "z", exclude({"location"}))) ==
          std::vector<std::string>{"location:l", "person:z"});
}

TEST_CASE("path options: at most N hops, only hops named in one sentence", "[query][filters]") {
    const KnowledgeGraph g = chain();
    const QueryIndex q(g);
    PathOptions two;
    two.max_hops = 2;
    CHECK(q.path("a", "b", {}, two).found);
    PathResult r = q.path("a", "b", exclude({"location"}), two);
    CHECK_FALSE(r.found);
    CHECK(r.reason.find("no path of at most 2 hops") != std::string::npos);
    CHECK(r.filters == "--exclude-types location --max-hops 2");
    PathOptions three;
    three.max_hops = 3;
    CHECK(q.path("a", "b", exclude({"location"}), three).found);
    // A and L are never in one sentence: the path must go round.
    PathOptions sentences;
    sentences.via_sentences = true;
    PathResult s = q.path("a", "b", {}, sentences);
    CHECK(hop_ends(s) == std::vector<std::string>{"person:a", "person:x", "person:y", "person:b"});
    for (const auto& h : s.hops) CHECK(h.sentences == 1);
    CHECK(q.path("a", "b").hops.front().sentences == 0);
}

TEST_CASE("neighbours and related within dates, types and topics", "[query][filters]") {
    const KnowledgeGraph g = chain();
    const QueryIndex q(g);
    auto ids = [](const NeighborsResult& r) {
        std::vector<std::string> out;
        for (const auto& n : r.results) out.push_back(n.entity.id);
        return out;
    };
    // L's neighbours: B (a2), Z (a6), then A (a1: one article each, but A and L share no
    // sentence); since 2025 only Z.
    CHECK(ids(q.neighbors("l")) == std::vector<std::string>{"person:b", "person:z", "person:a"});
    QueryFilters since;
    since.since = "2025-01-01";
    NeighborsResult n = q.neighbors("l", "", 10, 1, since);
    CHECK(ids(n) == std::vector<std::string>{"person:z"});
    CHECK(n.results.front().examples == std::vector<std::string>{"a6"});
    CHECK(n.filters == "--since 2025-01-01");
    // Two hops from A without locations: X, then Y through X.
    NeighborsResult d2 = q.neighbors("a", "", 10, 2, exclude({"location"}));
    CHECK(ids(d2) == std::vector<std::string>{"person:x", "person:y"});
    CHECK(d2.results[1].via.front().id == "person:x");
    // Articles about B, within 2025: a5 only.
    CHECK(q.entity_articles("b", 10, since).total == 1);
    CHECK(q.entity_articles("b").total == 2);
    // Related articles of a3 on topic t: a4 (shares X), not a1 (shares A, but is not on t).
    QueryFilters on_t;
    on_t.topic = "t";
    std::set<std::string> related, related_t;
    for (const auto& r : q.related("a3").results) related.insert(r.article.id);
    for (const auto& r : q.related("a3", 10, on_t).results) related_t.insert(r.article.id);
    CHECK(related.count("a1") == 1);
    CHECK(related_t.count("a1") == 0);
    CHECK(related_t.count("a4") == 1);
    // Without people, a3 and a4 share nothing but the topic.
    QueryFilters no_people = exclude({"person"});
    for (const auto& r : q.related("a3", 10, no_people).results)
        for (const auto& s : r.shared) CHECK(s.node.type == "topic");
}

TEST_CASE("related --topic lists the articles on a topic, subtopics included", "[query][filters]") {
    const KnowledgeGraph g = chain();
    const QueryIndex q(g);
    TopicArticlesResult t = q.topic_articles("t");
    REQUIRE(t.results.size() == 3);
    // By score (a3 3.0), then newest first on ties (a5 before a4).
    CHECK(t.results[0].article.id == "a3");
    CHECK(t.results[1].article.id == "a5");
    CHECK(t.results[2].article.id == "a4");
    TopicArticlesResult parent = q.topic_articles("policy");
    CHECK(parent.total == 3);
    CHECK(parent.results[0].via.id == "topic:t");
    QueryFilters until;
    until.until = "2025-03";
    CHECK(q.topic_articles("t", 10, until).total == 2);
    CHECK_THROWS_AS(q.topic_articles("no such topic"), UsageError);
}

TEST_CASE("topics: article counts, dates and top entities", "[query][filters]") {
    const KnowledgeGraph g = chain();
    const QueryIndex q(g);
    TopicsResult r = q.topics(2);
    REQUIRE(r.results.size() == 2);
    for (const auto& t : r.results) {
        CHECK(t.articles == 3);
        CHECK(t.first_date == "2025-02-10");
        CHECK(t.last_date == "2025-04-10");
        // X and Y are in two of the three articles each; then B and A in one (A before B by id).
        REQUIRE(t.entities.size() == 2);
        CHECK(t.entities[0].id == "person:x");
        CHECK(t.entities[1].id == "person:y");
        CHECK(t.counts == std::vector<std::size_t>{2, 2});
    }
    CHECK(r.results[0].topic.id == "topic:policy"); // ties by id
    CHECK(r.results[1].parent.id == "topic:policy");
    QueryFilters since;
    since.since = "2025-04";
    CHECK(q.topics(2, since).results.front().articles == 1);
}

TEST_CASE("fractional counting: a long list weighs one article", "[query][filters]") {
    // "list" names A and 20 others; A and B meet in two short articles.
    std::vector<EntityRecord> names = {ent("person:a")};
    for (int i = 0; i < 20; ++i) names.push_back(ent("person:n" + std::to_string(i)));
    const KnowledgeGraph g =
        KnowledgeGraph::build({art("list", "2025-01-01", names),
                               art("s1", "2025-01-02", {ent("person:a"), ent("person:b")}),
                               art("s2", "2025-01-03", {ent("person:a"), ent("person:b")}),
                               art("s3", "2025-01-04", {ent("person:n0"), ent("person:c")})});
    const QueryIndex q(g);
    QueryFilters frac;
    frac.weight = "fractional";
    // Weighted degree: N0 has 20 list pairs + C (21) by count; by fractional counting its 20
    // list pairs share one article (21 names: 210 pairs, 1/210 each) and C weighs 1.
    TopResult count = q.top("weighted", "", 3);
    CHECK(count.results[0].entity.id == "person:a"); // 20 + 2 = 22
    CHECK(count.results[0].score == 22);
    TopResult f = q.top("weighted", "", 3, frac);
    CHECK(f.results[0].entity.id == "person:a"); // 20/210 + 2
    CHECK(f.results[0].score == Approx(20.0 / 210 + 2));
    CHECK(f.results[1].entity.id == "person:b"); // 2, where N0 has only 20/210 + 1
    CHECK(f.results[1].score == Approx(2));
    CHECK(f.filters == "--weight fractional");
    NeighborsResult n = q.neighbors("a", "", 1, 1, frac);
    CHECK(n.results[0].entity.id == "person:b");
    CHECK(n.results[0].weight == Approx(2));
    CHECK(n.results[0].shared_articles == 2);
}

TEST_CASE("filter values are checked", "[query][filters]") {
    const KnowledgeGraph g = chain();
    const QueryIndex q(g);
    QueryFilters f;
    f.types = {"persn"};
    CHECK_THROWS_WITH(q.path("a", "b", f), Catch::Contains("unknown entity type \"persn\""));
    f = {};
    f.since = "last week";
    CHECK_THROWS_WITH(q.neighbors("a", "", 10, 1, f), Catch::Contains("--since last week"));
    f = {};
    f.since = "2025";
    f.until = "2024";
    CHECK_THROWS_WITH(q.top("degree", "", 10, f), Catch::Contains("is after"));
    f = {};
    f.weight = "association";
    CHECK_THROWS_AS(q.top("degree", "", 10, f), UsageError);
    f = {};
    f.topic = "nope";
    CHECK_THROWS_AS(q.related("a1", 10, f), UsageError);
}

TEST_CASE("batch queries take the same filter keys", "[query][filters][batch]") {
    const KnowledgeGraph g = chain();
    const QueryIndex q(g);
    PathOptions three;
    three.max_hops = 3;
    three.via_sentences = true;
    const json p = json::parse(answer_line(
        q,
        R"({"query":"path","from":"a","to":"b","exclude_types":["location"],"max_hops":3,"via_sentences":true})"));
    CHECK(p == to_json(q.path("a", "b", exclude({"location"}), three)));
    CHECK(p["filters"] == "--exclude-types location --max-hops 3 --via-sentences");
    // A comma-separated string works as a list.
    const json t = json::parse(answer_line(
        q, R"({"query":"top","types":"person,location","weight":"fractional","since":"2025"})"));
    QueryFilters f;
    f.types = {"person", "location"};
    f.weight = "fractional";
    f.since = "2025";
    CHECK(t == to_json(q.top("degree", "", 10, f)));
    CHECK(json::parse(answer_line(q, R"({"query":"related","topic":"t","top":2})")) ==
          to_json(q.topic_articles("t", 2)));
    CHECK(json::parse(answer_line(
              q, R"({"query":"topics","until":"2025-03"})"))["results"][0]["articles"] == 2);
    CHECK(json::parse(answer_line(
              q, R"({"query":"neighbours","entity":"l","since":"2025","drop_hubs":0})")) ==
          to_json(q.neighbors("l", "", 10, 1, [] {
              QueryFilters s;
              s.since = "2025";
              return s;
          }())));
    bool failed = false;
    json bad = json::parse(
        answer_line(q, R"({"query":"path","from":"a","to":"b","via_sentences":1})", &failed));
    CHECK(failed);
    CHECK(bad["error"].get<std::string>().find("via_sentences") != std::string::npos);
    bad = json::parse(
        answer_line(q, R"({"query":"related","article":"a1","weight":"fractional"})", &failed));
    CHECK(failed); // related has no weighting
    bad = json::parse(answer_line(q, R"({"query":"top","types":[1]})", &failed));
    CHECK(failed);
}

TEST_CASE("filtered answers are the same on a fresh index and on one that asked before",
          "[query][filters]") {
    // The index keeps the scopes of its last 8 filter sets: cycle through more than that, twice.
    const KnowledgeGraph g = chain();
    const QueryIndex used(g);
    std::vector<QueryFilters> sets;
    for (const char* since : {"", "2025"})
        for (std::size_t hubs : {0, 1, 2})
            for (const char* type : {"", "location"}) {
                QueryFilters f;
                f.since = since;
                f.drop_hubs = hubs;
                if (*type) f.exclude_types = {type};
                f.weight = hubs == 1 ? "fractional" : "count";
                sets.push_back(f);
            }
    // Fractional weights of every entity, and a topic (articles that are not a range of dates):
    // recounts that a pair index answers once built.
    for (const char* since : {"", "2024-06", "2025-03-10"}) {
        QueryFilters f;
        f.since = since;
        f.weight = "fractional";
        sets.push_back(f);
    }
    QueryFilters on_topic;
    on_topic.topic = "t";
    sets.push_back(on_topic);
    on_topic.weight = "fractional";
    sets.push_back(on_topic);
    REQUIRE(sets.size() > 8);
    for (int round = 0; round < 2; ++round)
        for (const auto& f : sets) {
            // The fresh index counts article by article (three questions); the used one reads
            // the pair index it built after its first few: both must give the same answers.
            const QueryIndex fresh(g);
            CHECK(to_json(used.path("a", "b", f)) == to_json(fresh.path("a", "b", f)));
            CHECK(to_json(used.neighbors("y", "", 0, 2, f)) ==
                  to_json(fresh.neighbors("y", "", 0, 2, f)));
            CHECK(to_json(used.top("pagerank", "", 0, f)) ==
                  to_json(fresh.top("pagerank", "", 0, f)));
            CHECK_FALSE(fresh.pair_index_built());
            if (f.weight == "count")
                CHECK(to_json(used.related("a3", 0, f)) == to_json(fresh.related("a3", 0, f)));
        }
    CHECK(used.pair_index_built());
    // Hops counted again from the kept articles still say how many sentences name both ends.
    QueryFilters since;
    since.since = "2025";
    const PathResult p = used.path("a", "b", since);
    REQUIRE(p.hops.size() == 3);
    for (const auto& h : p.hops) CHECK(h.sentences == 1);
}

TEST_CASE("a scope asked again and again answers as it did the first time", "[query][filters]") {
    // The first questions of a session count article by article, then the pair index answers,
    // then a scope asked often enough gets its own adjacency: the answers never change.
    const KnowledgeGraph g = chain();
    std::vector<QueryFilters> sets(4);
    sets[0].since = "2025";
    sets[1].weight = "fractional";
    sets[2].topic = "t";
    sets[3].until = "2025-03";
    sets[3].exclude_types = {"location"};
    const QueryIndex q(g);
    std::vector<std::vector<json>> first(sets.size());
    for (int round = 0; round < 8; ++round)
        for (std::size_t i = 0; i < sets.size(); ++i) {
            const QueryFilters& f = sets[i];
            const std::vector<json> now = {to_json(q.neighbors("y", "", 0, 2, f)),
                                           to_json(q.path("a", "b", f)),
                                           to_json(q.neighbors("x", "", 1, 1, f))};
            if (round == 0) first[i] = now;
            else CHECK(now == first[i]);
        }
    CHECK(q.pair_index_built());
}
