// Queries on small hand-built graphs whose answers are worked out by hand below, then the CLI
// (tables, --json, --batch, "did you mean") on the same graph written by the real JSON exporter,
// then the shared corpus.
#include <catch2/catch.hpp>

#include <cmath>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/graph.hpp"
#include "core/view.hpp"
#include "exporters/exporter.hpp"
#include "query/query.hpp"
#include "store/graph_io.hpp"
#include "support.hpp"

using namespace polgraph;
using nlohmann::json;
namespace t = polgraph::test;

namespace {

// The filters of `top --topic T`.
QueryFilters on_topic(std::string topic) {
    QueryFilters f;
    f.topic = std::move(topic);
    return f;
}

EntityRecord ent(const std::string& id, const std::string& name, int count = 1,
                 std::vector<std::uint32_t> sentences = {0}, bool lead = false,
                 std::vector<std::string> forms = {}) {
    EntityRecord e;
    e.id = id;
    e.type = id.substr(0, id.find(':'));
    e.name = name;
    e.count = count;
    e.sentences = std::move(sentences);
    e.in_lead = lead;
    e.forms = forms.empty() ? std::vector<std::string>{name} : std::move(forms);
    return e;
}

TopicRecord topic(const std::string& id, const std::string& name, const std::string& parent = "",
                  const std::string& parent_name = "") {
    TopicRecord t;
    t.id = id;
    t.name = name;
    t.score = 2.0;
    t.parent = parent;
    t.parent_name = parent_name;
    return t;
}

ArticleRecord art(const std::string& id, const std::string& date, const std::string& source,
                  std::vector<EntityRecord> entities, std::vector<TopicRecord> topics = {}) {
    ArticleRecord r;
    r.id = id;
    r.path = "/corpus/" + id + ".md";
    r.title = "Title of " + id;
    r.date = date;
    r.source = source;
    r.hash = "h" + id;
    r.entities = std::move(entities);
    r.topics = std::move(topics);
    return r;
}

// Graph 1. Entities: U (location, in every article), X and Y (organizations), Z (person),
// P (policy), M (model). Topics: t1 (a1), t2 (a2, a3, a4) with parent t0.
//   a1: U X Y Z     t1      a2: U X(count 2) Y   t2      a3: U Z   t2
//   a4: U Y P       t2      a5: U M (undated, no source)
// Co-occurrence weights (shared articles): U-X 2, U-Y 3, U-Z 2, U-P 1, U-M 1, X-Y 2, X-Z 1,
// Y-Z 1, Y-P 1.
std::vector<ArticleRecord> graph1_records() {
    auto t1 = topic("topic:t1", "Topic One");
    auto t2 = topic("topic:t2", "Topic Two", "topic:t0", "Topic Zero");
    std::vector<ArticleRecord> rs;
    rs.push_back(art("a1", "2025-01-01", "alpha",
                     {ent("location:u", "Upland"), ent("organization:x", "Xcorp", 1, {0}, false, {"Ex Corp", "Xcorp"}),
                      ent("organization:y", "Yolo Labs", 1, {0}), ent("person:z", "Zed Zeta", 1, {1}, false, {"Zeta", "Zed Zeta"})},
                     {t1}));
    rs.push_back(art("a2", "2025-01-02", "alpha",
                     {ent("location:u", "Upland"), ent("organization:x", "Xcorp", 2, {0, 1}),
                      ent("organization:y", "Yolo Labs")},
                     {t2}));
    rs.push_back(art("a3", "2025-01-03", "beta",
                     {ent("location:u", "Upland", 1, {0}, true), ent("person:z", "Zed Zeta")}, {t2}));
    rs.push_back(art("a4", "2025-01-04", "beta",
                     {ent("location:u", "Upland"), ent("organization:y", "Yolo Labs", 1, {0, 1}),
                      ent("policy:p", "Pact", 1, {1})},
                     {t2}));
    rs.push_back(art("a5", "", "",
                     {ent("location:u", "Upland", 2, {0, 1}), ent("model:m", "Mod", 1, {0}, false, {"Mod", "Zeta"})}));
    return rs;
}

// Graph 2, for paths. Co-occurrence weights: A-B 5 (g1..g5), B-E 5 (h1..h5), A-C 2 (c1, c2),
// C-D 2 (c3, c4), B-D 1 (d1), A-E 1 (e1); F alone (f1). c3 states "C develops D".
std::vector<ArticleRecord> graph2_records() {
    auto p = [](const char* x) { return ent(std::string("person:") + x, std::string("Person ") + x); };
    std::vector<ArticleRecord> rs;
    for (int i = 1; i <= 5; ++i) {
        rs.push_back(art("g" + std::to_string(i), "2025-02-0" + std::to_string(i), "s", {p("a"), p("b")}));
        rs.push_back(art("h" + std::to_string(i), "2025-03-0" + std::to_string(i), "s", {p("b"), p("e")}));
    }
    rs.push_back(art("c1", "2025-04-01", "s", {p("a"), p("c")}));
    rs.push_back(art("c2", "2025-04-02", "s", {p("a"), p("c")}));
    auto c3 = art("c3", "2025-04-03", "s", {p("c"), p("d")});
    c3.relations.push_back({"develops", "person:c", "person:d", 0, "C develops D."});
    rs.push_back(c3);
    rs.push_back(art("c4", "2025-04-04", "s", {p("c"), p("d")}));
    rs.push_back(art("d1", "2025-05-01", "s", {p("b"), p("d")}));
    rs.push_back(art("e1", "2025-06-01", "s", {p("a"), p("e")}));
    rs.push_back(art("f1", "2025-07-01", "s", {p("f")}));
    return rs;
}

std::vector<std::string> ids_of(const std::vector<RelatedArticle>& rs) {
    std::vector<std::string> out;
    for (const auto& r : rs) out.push_back(r.article.id);
    return out;
}

template <class T> std::vector<std::string> entity_ids(const std::vector<T>& rs) {
    std::vector<std::string> out;
    for (const auto& r : rs) out.push_back(r.entity.id);
    return out;
}

std::string error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const UsageError& e) {
        return e.what();
    }
    return "";
}

std::string write_graph(const t::TempDir& dir, const std::string& name,
                        std::vector<ArticleRecord> records) {
    KnowledgeGraph g = KnowledgeGraph::build(std::move(records));
    std::string path = dir.file(name);
    export_view(full_view(g), *find_exporter("json", path), ExportOptions{}, path);
    return path;
}

std::vector<std::string> lines_of(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
}

} // namespace

TEST_CASE("related: IDF-weighted cosine with per-feature contributions", "[query]") {
    KnowledgeGraph g = KnowledgeGraph::build(graph1_records());
    QueryIndex q(g);
    // idf = ln(5 / df): U 0 (everywhere), X ln 2.5, Y ln 5/3, Z ln 2.5, t1 ln 5, t2 ln 5/3, P ln 5.
    // Weights: entity (1 + ln count) * idf, topic idf.
    const double l25 = std::log(2.5), l53 = std::log(5.0 / 3.0), l5 = std::log(5.0);
    const double tfx2 = 1 + std::log(2.0);
    const double n1 = std::sqrt(l25 * l25 + l53 * l53 + l25 * l25 + l5 * l5);      // X Y Z t1
    const double n2 = std::sqrt(tfx2 * l25 * tfx2 * l25 + l53 * l53 + l53 * l53);   // X(2) Y t2
    const double n3 = std::sqrt(l25 * l25 + l53 * l53);                              // Z t2
    const double n4 = std::sqrt(l53 * l53 + l5 * l5 + l53 * l53);                    // Y P t2
    const double x2 = l25 * tfx2 * l25 / (n1 * n2), y2 = l53 * l53 / (n1 * n2);
    const double s3 = l25 * l25 / (n1 * n3), s4 = l53 * l53 / (n1 * n4);

    RelatedResult r = q.related("a1", 10);
    CHECK(r.article.id == "a1");
    // a5 shares only U, which is everywhere (idf 0): not related.
    REQUIRE(ids_of(r.results) == std::vector<std::string>{"a2", "a3", "a4"});
    CHECK(r.results[0].score == Approx(x2 + y2).epsilon(1e-12));
    CHECK(r.results[1].score == Approx(s3).epsilon(1e-12));
    CHECK(r.results[2].score == Approx(s4).epsilon(1e-12));
    REQUIRE(r.results[0].shared.size() == 2); // X then Y; U contributes nothing and is left out
    CHECK(r.results[0].shared[0].node.id == "organization:x");
    CHECK(r.results[0].shared[0].contribution == Approx(x2).epsilon(1e-12));
    CHECK(r.results[0].shared[0].idf == Approx(l25));
    CHECK(r.results[0].shared[1].node.id == "organization:y");
    CHECK(r.results[0].shared[1].contribution == Approx(y2).epsilon(1e-12));
    // Topics count as features: a3 and a4 share t2 with a2.
    RelatedResult r2 = q.related("a2", 10);
    REQUIRE(r2.results.size() == 3);
    bool t2_listed = false;
    for (const auto& s : r2.results[1].shared) t2_listed |= s.node.id == "topic:t2";
    CHECK(t2_listed);

    CHECK(q.related("a1", 1).results.size() == 1);
    // Articles by path, file name and case-insensitive id.
    CHECK(q.related("/corpus/a3.md").article.id == "a3");
    CHECK(q.related("elsewhere/a3.md").article.id == "a3");
    CHECK(q.related("A3").article.id == "a3");
    CHECK(q.related("a5").results.empty()); // only U: nothing in common with anyone
}

TEST_CASE("related --entity: articles by prominence", "[query]") {
    KnowledgeGraph g = KnowledgeGraph::build(graph1_records());
    QueryIndex q(g);
    // U: in the lead of a3, 2 mentions in a5, 1 elsewhere (then newest first).
    EntityArticlesResult r = q.entity_articles("upland", 10);
    CHECK(r.entity.id == "location:u");
    CHECK(r.total == 5);
    std::vector<std::string> order;
    for (const auto& a : r.results) order.push_back(a.article.id);
    CHECK(order == std::vector<std::string>{"a3", "a5", "a4", "a2", "a1"});
    CHECK(r.results[0].in_lead);
    CHECK(r.results[1].count == 2);
    CHECK(q.entity_articles("upland", 2).results.size() == 2);
}

TEST_CASE("neighbors: weights, shared articles, type filter and depth 2", "[query]") {
    KnowledgeGraph g = KnowledgeGraph::build(graph1_records());
    QueryIndex q(g);
    NeighborsResult r = q.neighbors("Yolo Labs");
    // U 3, X 2, then P and Z with 1 article each: P shares a sentence with Y in a4 (Z none).
    REQUIRE(entity_ids(r.results) ==
            std::vector<std::string>{"location:u", "organization:x", "policy:p", "person:z"});
    CHECK(r.total == 4);
    CHECK(r.results[0].weight == 3);
    CHECK(r.results[0].shared_articles == 3);
    CHECK(r.results[2].sentences == 1);
    CHECK(r.results[3].sentences == 0);
    // Examples: the rarer entity's (X) most prominent articles: a2 (2 mentions), then a1.
    CHECK(r.results[1].examples == std::vector<std::string>{"a2", "a1"});

    CHECK(entity_ids(q.neighbors("organization:y", "person").results) ==
          std::vector<std::string>{"person:z"});
    CHECK(q.neighbors("organization:y", "", 2).results.size() == 2);
    CHECK(q.neighbors("organization:y", "", 2).total == 4);

    // Depth 2 from P (neighbours U and Y): X via U (min(1,2)) and via Y (min(1,2)) = 2;
    // Z via U (min(1,2)) and Y (min(1,1)) = 2; M via U only = 1.
    NeighborsResult d2 = q.neighbors("Pact", "", 10, 2);
    // Ring 1: Y before U (both 1 article; Y shares a sentence with P in a4, U does not).
    REQUIRE(entity_ids(d2.results) == std::vector<std::string>{"organization:y", "location:u",
                                                               "organization:x", "person:z", "model:m"});
    CHECK(d2.results[2].distance == 2);
    CHECK(d2.results[2].weight == 2);
    CHECK(d2.results[4].weight == 1);
    REQUIRE(d2.results[2].via.size() == 2);
    CHECK(d2.results[2].via[0].id == "location:u");
    CHECK(d2.results[2].via[1].id == "organization:y");
    // One article for each hop of the best via: P-U (a4), U-X (a2, X's most prominent).
    CHECK(d2.results[2].examples == std::vector<std::string>{"a4", "a2"});
    CHECK_THROWS_AS(q.neighbors("Pact", "", 10, 3), UsageError);
    CHECK(error_of([&] { q.neighbors("Pact", "persn"); }).find("person") != std::string::npos);
}

TEST_CASE("path: fewest hops, then the strongest weakest hop, then the summed weight", "[query]") {
    KnowledgeGraph g = KnowledgeGraph::build(graph2_records());
    QueryIndex q(g);
    auto route = [&](const char* a, const char* b) {
        PathResult r = q.path(a, b);
        std::vector<std::string> nodes;
        if (!r.hops.empty()) nodes.push_back(r.hops.front().from.id);
        for (const auto& h : r.hops) nodes.push_back(h.to.id);
        return nodes;
    };
    // A-B-D (5, 1) and A-C-D (2, 2): the weakest hop decides.
    CHECK(route("Person a", "Person d") ==
          std::vector<std::string>{"person:a", "person:c", "person:d"});
    // A direct weak edge beats a strong two-hop path.
    CHECK(route("person:a", "person:e") == std::vector<std::string>{"person:a", "person:e"});
    CHECK(route("person:d", "person:e") ==
          std::vector<std::string>{"person:d", "person:b", "person:e"});

    PathResult r = q.path("Person a", "Person d");
    REQUIRE(r.found);
    REQUIRE(r.hops.size() == 2);
    CHECK(r.hops[0].weight == 2);
    // Evidence: the articles mentioning both, newest first at equal prominence.
    CHECK(r.hops[0].articles == std::vector<std::string>{"c2", "c1"});
    CHECK(r.hops[1].articles == std::vector<std::string>{"c4", "c3"});
    REQUIRE(r.hops[1].relations.size() == 1);
    CHECK(r.hops[1].relations[0].type == "develops");
    CHECK(r.hops[1].relations[0].article == "c3");
    CHECK(r.hops[1].relations[0].text == "C develops D.");

    PathResult none = q.path("Person a", "Person f");
    CHECK_FALSE(none.found);
    CHECK(none.hops.empty());
    PathResult self = q.path("Person a", "person:A");
    CHECK(self.found);
    CHECK(self.hops.empty());
}

TEST_CASE("path: equal routes are broken by node id", "[query]") {
    KnowledgeGraph g = KnowledgeGraph::build(graph1_records());
    QueryIndex q(g);
    // X-U-P (2, 1) and X-Y-P (2, 1) tie on every weight: location:u < organization:y.
    PathResult r = q.path("Xcorp", "Pact");
    REQUIRE(r.hops.size() == 2);
    CHECK(r.hops[0].to.id == "location:u");
    // Z-U-P (2, 1) beats Z-Y-P (1, 1) on the summed weight.
    PathResult z = q.path("Zed Zeta", "Pact");
    REQUIRE(z.hops.size() == 2);
    CHECK(z.hops[0].to.id == "location:u");
    CHECK(z.hops[0].articles == std::vector<std::string>{"a3", "a1"});
}

TEST_CASE("top: degree, weighted, betweenness, pagerank, with type and topic filters", "[query]") {
    KnowledgeGraph g = KnowledgeGraph::build(graph1_records());
    QueryIndex q(g);
    TopResult deg = q.top("degree", "", 0, on_topic(""));
    CHECK(entity_ids(deg.results) == std::vector<std::string>{"location:u", "organization:y",
                                                              "organization:x", "person:z",
                                                              "policy:p", "model:m"});
    CHECK(deg.results[0].score == 5);
    CHECK(deg.results[0].weighted == 9);
    CHECK(deg.results[1].weighted == 7);
    CHECK(deg.network_entities == 6);
    TopResult w = q.top("weighted", "organization");
    CHECK(entity_ids(w.results) == std::vector<std::string>{"organization:y", "organization:x"});
    CHECK(w.results[1].score == 5);
    // Betweenness over unordered pairs: M's 4 shortest paths all pass U; P-X and P-Z have two
    // shortest paths each, via U and via Y.
    TopResult b = q.top("betweenness", "", 3, on_topic(""));
    REQUIRE(b.results.size() == 3);
    CHECK(b.results[0].entity.id == "location:u");
    CHECK(b.results[0].score == Approx(5.0));
    CHECK(b.results[1].entity.id == "organization:y");
    CHECK(b.results[1].score == Approx(1.0));
    CHECK(b.results[2].score == Approx(0.0));
    TopResult pr = q.top("pagerank", "", 0, on_topic(""));
    CHECK(pr.results[0].entity.id == "location:u");
    double sum = 0;
    for (const auto& c : pr.results) sum += c.score;
    CHECK(sum == Approx(1.0));

    // Topic t2 (a2, a3, a4): U-X 1, U-Y 2, X-Y 1, U-Z 1, U-P 1, Y-P 1.
    TopResult tt = q.top("weighted", "", 0, on_topic("Topic Two"));
    CHECK(tt.topic.id == "topic:t2");
    CHECK(tt.network_entities == 5);
    CHECK(entity_ids(tt.results) == std::vector<std::string>{"location:u", "organization:y",
                                                             "organization:x", "policy:p",
                                                             "person:z"});
    CHECK(tt.results[0].score == 5);
    CHECK(tt.results[0].degree == 4);
    CHECK(tt.results[0].articles == 3);
    CHECK(tt.results[1].score == 4);
    // The parent topic covers its subtopics.
    CHECK(entity_ids(q.top("weighted", "", 0, on_topic("topic:t0")).results) ==
          entity_ids(tt.results));
    TopResult t1 = q.top("degree", "", 0, on_topic("t1"));
    CHECK(t1.network_entities == 4);
    for (const auto& c : t1.results) CHECK(c.degree == 3);
    CHECK_THROWS_AS(q.top("closeness"), UsageError);
}

TEST_CASE("top: pagerank agrees with NetworkX", "[query][interop]") {
    if (std::system("/usr/bin/python3 -c 'import networkx' >/dev/null 2>&1") != 0) {
        WARN("python3 networkx not installed: skipping the NetworkX cross-check");
        return;
    }
    t::TempDir dir;
    std::string path = write_graph(dir, "g.json", graph1_records());
    KnowledgeGraph g = read_graph_json_file(path);
    QueryIndex q(g);
    std::string script = dir.write("pr.py", R"(import json, sys, networkx as nx
d = json.load(open(sys.argv[1]))
G = nx.Graph()
G.add_nodes_from(n["id"] for n in d["nodes"] if n["kind"] == "entity")
for l in d["links"]:
    if l["kind"] == "co_occurs":
        G.add_edge(l["source"], l["target"], weight=l["weight"])
# the pure-Python PageRank where networkx has it (no numpy/scipy needed)
pagerank = getattr(nx.algorithms.link_analysis.pagerank_alg, "_pagerank_python", nx.pagerank)
pr = pagerank(G, alpha=0.85, weight="weight", tol=1e-12, max_iter=1000)
bc = nx.betweenness_centrality(G, normalized=False)
for k in sorted(pr):
    print(k, pr[k], bc[k])
)");
    auto res = t::run("/usr/bin/python3 " + t::sh_quote(script) + " " + t::sh_quote(path));
    REQUIRE(res.status == 0);
    std::map<std::string, std::pair<double, double>> nx;
    std::istringstream in(res.out);
    for (std::string id; in >> id;) in >> nx[id].first >> nx[id].second;
    REQUIRE(nx.size() == 6);
    for (const auto& c : q.top("pagerank", "", 0, on_topic("")).results)
        CHECK(c.score == Approx(nx.at(c.entity.id).first).margin(1e-6));
    for (const auto& c : q.top("betweenness", "", 0, on_topic("")).results)
        CHECK(c.score == Approx(nx.at(c.entity.id).second).margin(1e-9));
}

TEST_CASE("stats: counts, dates, sources, components", "[query]") {
    KnowledgeGraph g = KnowledgeGraph::build(graph1_records());
    QueryIndex q(g);
    StatsResult s = q.stats();
    // 5 articles, 6 entities, topics t0 t1 t2; edges: 14 mentions, 4 has_topic, 1 subtopic_of,
    // 9 co_occurs.
    CHECK(s.nodes == 14);
    CHECK(s.edges == 28);
    std::map<std::string, std::size_t> types, kinds, sources;
    for (const auto& c : s.node_types) types[c.name] = c.count;
    for (const auto& c : s.edge_kinds) kinds[c.name] = c.count;
    for (const auto& c : s.sources) sources[c.name] = c.count;
    CHECK(types == std::map<std::string, std::size_t>{{"article", 5}, {"location", 1}, {"model", 1},
                                                      {"organization", 2}, {"person", 1},
                                                      {"policy", 1}, {"topic", 3}});
    CHECK(s.node_types.front().name == "article");
    CHECK(kinds == std::map<std::string, std::size_t>{
                       {"co_occurs", 9}, {"has_topic", 4}, {"mentions", 14}, {"subtopic_of", 1}});
    CHECK(sources == std::map<std::string, std::size_t>{{"", 1}, {"alpha", 2}, {"beta", 2}});
    CHECK(s.first_date == "2025-01-01");
    CHECK(s.last_date == "2025-01-04");
    CHECK(s.undated_articles == 1);
    CHECK(s.components == 1);
    CHECK(s.largest_component == 14);
    CHECK(s.entity_components == 1);
    CHECK(s.isolated_entities == 0);

    KnowledgeGraph g2 = KnowledgeGraph::build(graph2_records());
    StatsResult s2 = QueryIndex(g2).stats();
    CHECK(s2.entity_components == 2); // F is on its own
    CHECK(s2.largest_entity_component == 5);
    CHECK(s2.isolated_entities == 1);
    CHECK(s2.components == 2); // f1 and F
}

TEST_CASE("names: ids, labels, aliases, slugs, ambiguity and did-you-mean", "[query]") {
    KnowledgeGraph g = KnowledgeGraph::build(graph1_records());
    QueryIndex q(g);
    auto id = [&](const char* name) { return g.node(q.resolve_entity(name)).id; };
    CHECK(id("organization:x") == "organization:x");
    CHECK(id("ORGANIZATION:X") == "organization:x");
    CHECK(id("xcorp") == "organization:x");
    CHECK(id("ex corp") == "organization:x");
    CHECK(id("x") == "organization:x"); // the id's slug
    CHECK(g.node(q.resolve_topic("topic two")).id == "topic:t2");
    CHECK(g.node(q.resolve_topic("t2")).id == "topic:t2");
    CHECK(g.node(q.resolve_topic("Topic Zero")).id == "topic:t0");

    // "Zeta" is an alias of both Z and M.
    std::string amb = error_of([&] { q.resolve_entity("zeta"); });
    CHECK(amb.find("ambiguous") != std::string::npos);
    CHECK(amb.find("person:z") != std::string::npos);
    CHECK(amb.find("model:m") != std::string::npos);
    // A label beats an alias: "Zed Zeta" is Z's name.
    CHECK(id("zed zeta") == "person:z");

    std::string typo = error_of([&] { q.resolve_entity("Xcrop"); });
    CHECK(typo.find("no entity named \"Xcrop\"") != std::string::npos);
    CHECK(typo.find("did you mean \"Xcorp\" (organization:x)") != std::string::npos);
    std::string prefix = error_of([&] { q.resolve_entity("Yolo"); });
    CHECK(prefix.find("\"Yolo Labs\" (organization:y)") != std::string::npos);
    std::string art = error_of([&] { q.resolve_article("a9"); });
    CHECK(art.find("no article named \"a9\"") != std::string::npos);
    CHECK(art.find("did you mean \"a1\"") != std::string::npos);
    CHECK(error_of([&] { q.resolve_entity("qqqqqqqqqqqq"); }).find("did you mean") ==
          std::string::npos);
}

TEST_CASE("run_query and answer_line: the batch code path", "[query]") {
    KnowledgeGraph g = KnowledgeGraph::build(graph1_records());
    QueryIndex q(g);
    json r = json::parse(answer_line(q, R"({"query":"related","article":"a1","top":2,"id":7})"));
    CHECK(r["id"] == 7);
    CHECK(r["results"].size() == 2);
    CHECK(r["results"][0]["id"] == "a2");
    json bad = json::parse(answer_line(q, R"({"query":"neighbors","entity":"Xcrop"})"));
    CHECK(bad["error"].get<std::string>().find("did you mean") != std::string::npos);
    CHECK(bad["query"] == "neighbors");
    CHECK(json::parse(answer_line(q, "{not json"))["error"].is_string());
    CHECK(json::parse(answer_line(q, R"({"query":"path","from":"x"})"))["error"] ==
          "\"path\" query: missing \"to\"");
    CHECK(json::parse(answer_line(q, R"({"query":"neighbors","entity":"x","depht":2})"))["error"]
              .get<std::string>()
              .find("unknown key \"depht\"") != std::string::npos);
    CHECK(json::parse(answer_line(q, R"({"query":"top","top":-1})"))["error"].is_string());
    CHECK(json::parse(answer_line(q, R"({"query":"related","article":"a1","entity":"x"})"))["error"]
              .is_string());
    CHECK(json::parse(answer_line(q, R"({"query":"stats"})"))["nodes"] == 14);
    CHECK(json::parse(answer_line(q, R"({"query":"related","entity":"Pact"})"))["results"][0]["id"] ==
          "a4");
}

TEST_CASE("answer_line: a line nested deeper than kMaxQueryDepth is refused", "[query]") {
    KnowledgeGraph g = KnowledgeGraph::build(graph1_records());
    QueryIndex q(g);
    auto nested_id = [](int depth) {
        return R"({"query":"stats","id":)" + std::string(depth, '[') + std::string(depth, ']') +
               "}";
    };
    json ok = json::parse(answer_line(q, nested_id(kMaxQueryDepth)));
    CHECK(ok["nodes"] == 14);
    CHECK(ok["id"].is_array());
    bool failed = false;
    json deep = json::parse(answer_line(q, nested_id(kMaxQueryDepth + 1), &failed));
    CHECK(failed);
    CHECK(deep["error"] == "a query nested deeper than 64 levels");
    CHECK(!deep.contains("id"));
}

TEST_CASE("query CLI: tables", "[query][cli]") {
    t::TempDir dir;
    std::string graph = write_graph(dir, "g.json", graph1_records());
    auto r = t::run(t::polgraph() + " query " + t::sh_quote(graph) + " neighbors 'Yolo Labs'");
    REQUIRE(r.status == 0);
    auto lines = lines_of(r.out);
    // Header, then one row per neighbour; numbers right-aligned under their header.
    std::size_t head = 0;
    while (head < lines.size() && lines[head].rfind("#  entity", 0) != 0) ++head;
    REQUIRE(head + 4 < lines.size());
    const std::string& h = lines[head];
    const std::size_t articles_end = h.find("articles") + std::string("articles").size();
    const std::string& first = lines[head + 1];
    CHECK(first.find("Upland") == h.find("entity"));
    CHECK(first.substr(articles_end - 1, 1) == "3");
    CHECK(first.find("a4, a2, a1") != std::string::npos); // Y's articles, newest first
    CHECK(lines[head + 3].find("Pact") == h.find("entity"));

    auto rel = t::run(t::polgraph() + " query " + t::sh_quote(graph) + " related a1");
    REQUIRE(rel.status == 0);
    CHECK(rel.out.find("Xcorp 0.") != std::string::npos);
    auto p = t::run(t::polgraph() + " query " + t::sh_quote(graph) + " path Zeta Pact");
    CHECK(p.status == 2); // "Zeta" is ambiguous
    CHECK(p.err.find("ambiguous") != std::string::npos);
    p = t::run(t::polgraph() + " query " + t::sh_quote(graph) + " path 'Zed Zeta' Pact");
    REQUIRE(p.status == 0);
    CHECK(p.out.find("2 hops") != std::string::npos);
    auto st = t::run(t::polgraph() + " query " + t::sh_quote(graph) + " stats");
    REQUIRE(st.status == 0);
    CHECK(st.out.find("2025-01-01 .. 2025-01-04 (1 undated article)") != std::string::npos);
    auto top = t::run(t::polgraph() + " query " + t::sh_quote(graph) + " top --by weighted --top 2");
    REQUIRE(top.status == 0);
    CHECK(top.out.find("Upland") < top.out.find("Yolo Labs"));
    CHECK(top.out.find("Xcorp") == std::string::npos);
}

TEST_CASE("query CLI: --json and the did-you-mean error", "[query][cli]") {
    t::TempDir dir;
    std::string graph = write_graph(dir, "g.json", graph1_records());
    auto r = t::run(t::polgraph() + " query " + t::sh_quote(graph) + " neighbors Pact --depth 2 --json");
    REQUIRE(r.status == 0);
    json j = json::parse(r.out);
    CHECK(j["query"] == "neighbors");
    CHECK(j["entity"]["id"] == "policy:p");
    REQUIRE(j["results"].size() == 5);
    CHECK(j["results"][2]["id"] == "organization:x");
    CHECK(j["results"][2]["weight"] == 2);
    CHECK(j["results"][2]["via"] == json::array({"location:u", "organization:y"}));
    // --json prints what --batch would for the same query.
    auto b = t::run(t::polgraph() + " query " + t::sh_quote(graph) + " --batch",
                    R"({"query":"neighbors","entity":"Pact","depth":2})" "\n");
    CHECK(b.out == r.out);

    auto e = t::run(t::polgraph() + " query " + t::sh_quote(graph) + " neighbors Xcrop");
    CHECK(e.status == 2);
    CHECK(e.out.empty());
    CHECK(e.err.find("did you mean \"Xcorp\" (organization:x)?") != std::string::npos);
    auto missing = t::run(t::polgraph() + " query " + t::sh_quote(dir.file("none.json")) + " stats");
    CHECK(missing.status == 3);
    auto none = t::run(t::polgraph() + " query " + t::sh_quote(graph));
    CHECK(none.status == 2);
}

TEST_CASE("query CLI: --batch answers line by line and survives bad lines", "[query][cli]") {
    t::TempDir dir;
    std::string graph = write_graph(dir, "g.json", graph2_records());
    std::string input = R"({"query":"path","from":"Person a","to":"Person d"})" "\n"
                        "\n"
                        "this is not json\n"
                        R"({"query":"neighbors","entity":"Persn b","id":"q3"})" "\n"
                        R"({"query":"neighbors","entity":"person:b","top":2})" "\n"
                        R"({"query":"frobnicate"})" "\n";
    auto r = t::run(t::polgraph() + " query " + t::sh_quote(graph) + " --batch", input);
    CHECK(r.status == 1); // some lines failed
    auto lines = lines_of(r.out);
    REQUIRE(lines.size() == 5); // the blank line gets no answer
    json path = json::parse(lines[0]);
    CHECK(path["found"] == true);
    CHECK(path["length"] == 2);
    CHECK(path["hops"][1]["relations"][0]["text"] == "C develops D.");
    CHECK(json::parse(lines[1]).contains("error"));
    json typo = json::parse(lines[2]);
    CHECK(typo["id"] == "q3");
    CHECK(typo["error"].get<std::string>().find("did you mean \"Person b\"") != std::string::npos);
    json nb = json::parse(lines[3]);
    REQUIRE(nb["results"].size() == 2);
    CHECK(nb["results"][0]["id"] == "person:a"); // A 5 and E 5: tie broken by id
    CHECK(nb["results"][1]["id"] == "person:e");
    CHECK(nb["total"] == 3);
    CHECK(json::parse(lines[4])["error"].get<std::string>().find("unknown query") != std::string::npos);

    auto ok = t::run(t::polgraph() + " query " + t::sh_quote(graph) + " --batch",
                     R"({"query":"stats"})" "\n");
    CHECK(ok.status == 0);
    CHECK(json::parse(ok.out)["entity_components"]["isolated"] == 1);
}

// Found by fuzz_query: the id of a line was copied into its answer recursively, so an id nested
// 200000 deep overflowed the stack (status 139) and the rest of the batch went unanswered.
TEST_CASE("query CLI: --batch answers a line nested 200000 deep with an error", "[query][cli]") {
    t::TempDir dir;
    std::string graph = write_graph(dir, "g.json", graph2_records());
    const int depth = 200000;
    std::string input = R"({"query":"stats","id":)" + std::string(depth, '[') +
                        std::string(depth, ']') + "}\n" + R"({"query":"stats","id":2})" + "\n";
    auto r = t::run(t::polgraph() + " query " + t::sh_quote(graph) + " --batch", input);
    CHECK(r.status == 1);
    auto lines = lines_of(r.out);
    REQUIRE(lines.size() == 2);
    CHECK(json::parse(lines[0])["error"] == "a query nested deeper than 64 levels");
    CHECK(json::parse(lines[1])["id"] == 2);
}

TEST_CASE("query on the shared corpus: related explains, path has evidence", "[query][corpus]") {
    const std::string shared = t::shared_dir();
    if (shared.empty()) {
        WARN("../shared is absent: skipping the corpus query test");
        return;
    }
    t::TempDir dir;
    const std::string graph = dir.file("corpus.json");
    auto ex = t::run(t::polgraph() + " extract -q " + t::sh_quote(shared + "/corpus") + " -o " +
                     t::sh_quote(graph));
    REQUIRE(ex.status <= 1);
    // The facts, read from the graph file itself: which articles mention which entities/topics.
    json doc = json::parse(t::read_file(graph));
    std::map<std::string, std::set<std::string>> features; // article -> entities and topics
    std::map<std::string, std::set<std::string>> mentioned_in;
    for (const auto& l : doc["links"])
        if (l["kind"] == "mentions" || l["kind"] == "has_topic") {
            features[l["source"]].insert(l["target"].get<std::string>());
            mentioned_in[l["target"]].insert(l["source"].get<std::string>());
        }
    REQUIRE(features.count("000_seed"));
    // The seed's rarer entities: DeepSeek and export controls (the policy or the topic).
    std::set<std::string> rare;
    for (const auto& f : features["000_seed"])
        if (f == "organization:deepseek" || f.find("export-controls") != std::string::npos)
            rare.insert(f);
    REQUIRE(rare.count("organization:deepseek"));
    std::set<std::string> sharing_rare;
    for (const auto& [a, fs] : features)
        if (a != "000_seed")
            for (const auto& f : rare)
                if (fs.count(f)) sharing_rare.insert(a);
    REQUIRE(!sharing_rare.empty());

    auto r = t::run(t::polgraph() + " query " + t::sh_quote(graph) + " related 000_seed --json --top 0");
    REQUIRE(r.status == 0);
    json rel = json::parse(r.out);
    REQUIRE(rel["results"].size() > sharing_rare.size());
    // The articles sharing DeepSeek or export controls come first...
    for (std::size_t i = 0; i < sharing_rare.size(); ++i)
        CHECK(sharing_rare.count(rel["results"][i]["id"].get<std::string>()));
    // ... and say why: the shared items are really shared, and their contributions add up.
    for (const auto& res : rel["results"]) {
        double sum = 0;
        for (const auto& s : res["shared"]) {
            CHECK(features["000_seed"].count(s["id"].get<std::string>()));
            CHECK(features[res["id"].get<std::string>()].count(s["id"].get<std::string>()));
            sum += s["contribution"].get<double>();
        }
        CHECK(sum == Approx(res["score"].get<double>()).margin(1e-4));
    }
    bool deepseek_listed = false;
    for (const auto& s : rel["results"][0]["shared"])
        deepseek_listed |= s["id"] == "organization:deepseek";
    CHECK(deepseek_listed);
    auto table = t::run(t::polgraph() + " query " + t::sh_quote(graph) + " related 000_seed --top 3");
    REQUIRE(table.status == 0);
    CHECK(table.out.find("DeepSeek 0.") != std::string::npos);

    // Path between entities of different articles: Dario Amodei (seed only) and an entity that
    // the seed does not mention.
    std::string far;
    for (const auto& [e, arts] : mentioned_in)
        if (e.rfind("topic:", 0) != 0 && !arts.count("000_seed")) {
            far = e;
            break;
        }
    REQUIRE(!far.empty());
    auto p = t::run(t::polgraph() + " query " + t::sh_quote(graph) + " path person:dario-amodei " +
                    t::sh_quote(far) + " --json");
    REQUIRE(p.status == 0);
    json path = json::parse(p.out);
    REQUIRE(path["found"] == true);
    REQUIRE(path["hops"].size() >= 2); // they share no article
    std::string at = "person:dario-amodei";
    for (const auto& h : path["hops"]) {
        CHECK(h["from"]["id"] == at);
        at = h["to"]["id"].get<std::string>();
        REQUIRE(!h["articles"].empty());
        for (const auto& a : h["articles"]) {
            CHECK(mentioned_in[h["from"]["id"].get<std::string>()].count(a.get<std::string>()));
            CHECK(mentioned_in[at].count(a.get<std::string>()));
        }
    }
    CHECK(at == far);
}
