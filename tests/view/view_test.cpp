// Views and filters on small hand-built graphs; every expected value is computed by hand in the
// comments next to it.
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>
#include <tuple>

#include "core/error.hpp"
#include "core/graph.hpp"
#include "core/view.hpp"

using namespace polgraph;

namespace {

ArticleRecord art(const std::string& id, const std::string& date,
                  const std::vector<std::string>& entities,
                  const std::vector<std::string>& topics = {}) {
    ArticleRecord r;
    r.id = id;
    r.title = "Article " + id;
    r.date = date;
    r.hash = "h-" + id;
    for (const auto& e : entities) {
        EntityRecord er;
        er.id = e;
        er.type = e.substr(0, e.find(':'));
        er.name = e.substr(e.find(':') + 1);
        er.count = 1;
        er.forms = {er.name};
        er.sentences = {0};
        r.entities.push_back(er);
    }
    for (const auto& t : topics) {
        TopicRecord tr;
        tr.id = t;
        tr.name = t.substr(t.find(':') + 1);
        tr.score = 1;
        r.topics.push_back(tr);
    }
    return r;
}

const std::string A = "person:a", B = "organization:b", C = "organization:c", D = "location:d";

// a1 (2025-01-10): A B C   topic t1
// a2 (2025-02-10): A B     topics t1 t2
// a3 (2025-03-10): A D     topic t2
// a4 (2025-04-10): A B D
// Articles per entity: c_A = 4, c_B = 3, c_C = 1, c_D = 2.
// Co-occurrence counts: AB 3 (a1 a2 a4), AC 1, BC 1, AD 2 (a3 a4), BD 1; no CD.
KnowledgeGraph sample() {
    return KnowledgeGraph::build({art("a1", "2025-01-10", {A, B, C}, {"topic:t1"}),
                                  art("a2", "2025-02-10", {A, B}, {"topic:t1", "topic:t2"}),
                                  art("a3", "2025-03-10", {A, D}, {"topic:t2"}),
                                  art("a4", "2025-04-10", {A, B, D})});
}

std::set<std::string> node_ids(const GraphView& v) {
    std::set<std::string> out;
    for (auto n : v.nodes) out.insert(v.graph->node(n).id);
    return out;
}

// "x|y" (ids in sorted order) -> weight, for the edges of one kind.
std::map<std::string, double> weights(const GraphView& v, const std::string& kind) {
    std::map<std::string, double> out;
    for (const auto& e : v.edges) {
        if (e.kind != kind) continue;
        std::string s = v.graph->node(e.source).id, t = v.graph->node(e.target).id;
        if (t < s) std::swap(s, t);
        REQUIRE(out.count(s + "|" + t) == 0);
        out[s + "|" + t] = e.weight;
    }
    return out;
}

std::string key(std::string s, std::string t) {
    if (t < s) std::swap(s, t);
    return s + "|" + t;
}

std::int64_t int_attr(const Attrs& attrs, const std::string& name) {
    for (const auto& a : attrs)
        if (a.name == name) return std::get<std::int64_t>(a.value);
    FAIL("no attribute " << name);
    return -1;
}

GraphView entities(const KnowledgeGraph& g, ViewOptions o = {}) {
    o.view = "entities";
    return make_view(g, o);
}

} // namespace

TEST_CASE("entities view: co-occurrence counts, undirected, every edge inside", "[view]") {
    auto g = sample();
    auto v = entities(g);
    CHECK(v.name == "entities");
    CHECK(v.filtered);
    CHECK(node_ids(v) == std::set<std::string>{A, B, C, D});
    auto w = weights(v, "co_occurs");
    CHECK(w == std::map<std::string, double>{
                   {key(A, B), 3}, {key(A, C), 1}, {key(B, C), 1}, {key(A, D), 2}, {key(B, D), 1}});
    CHECK(v.edges.size() == 5);
    for (const auto& e : v.edges) {
        CHECK_FALSE(e.directed);
        CHECK(int_attr(v.edge_attrs(e), "count") == static_cast<std::int64_t>(e.weight));
    }
    CHECK_FALSE(v.directed());
    CHECK_NOTHROW(v.check());
    // articles_in_view on the nodes: A is in all four articles.
    CHECK(int_attr(v.node_attrs(*g.find(A)), "articles_in_view") == 4);
}

TEST_CASE("option --weight association and jaccard", "[view]") {
    auto g = sample();
    ViewOptions o;
    o.weight = "association"; // c_ij / (c_i c_j)
    auto w = weights(entities(g, o), "co_occurs");
    CHECK(w.at(key(A, B)) == Approx(3.0 / 12)); // 3 / (4*3)
    CHECK(w.at(key(A, C)) == Approx(1.0 / 4));  // 1 / (4*1)
    CHECK(w.at(key(B, C)) == Approx(1.0 / 3));  // 1 / (3*1)
    CHECK(w.at(key(A, D)) == Approx(2.0 / 8));  // 2 / (4*2)
    CHECK(w.at(key(B, D)) == Approx(1.0 / 6));  // 1 / (3*2)

    o.weight = "jaccard"; // c_ij / (c_i + c_j - c_ij)
    w = weights(entities(g, o), "co_occurs");
    CHECK(w.at(key(A, B)) == Approx(3.0 / 4)); // 3 / (4+3-3)
    CHECK(w.at(key(A, C)) == Approx(1.0 / 4)); // 1 / (4+1-1)
    CHECK(w.at(key(B, C)) == Approx(1.0 / 3)); // 1 / (3+1-1)
    CHECK(w.at(key(A, D)) == Approx(2.0 / 4)); // 2 / (4+2-2)
    CHECK(w.at(key(B, D)) == Approx(1.0 / 4)); // 1 / (3+2-1)

    // The raw count stays available as an attribute.
    auto v = entities(g, o);
    for (const auto& e : v.edges)
        if (key(g.node(e.source).id, g.node(e.target).id) == key(A, B))
            CHECK(int_attr(v.edge_attrs(e), "count") == 3);
}

TEST_CASE("option --weight fractional: each article spreads 1 over its pairs", "[view]") {
    auto g = sample();
    ViewOptions o;
    o.weight = "fractional";
    auto w = weights(entities(g, o), "co_occurs");
    // a1 (A B C): 3 pairs, 1/3 each; a2 (A B): 1 pair, 1; a3 (A D): 1; a4 (A B D): 1/3 each.
    CHECK(w.at(key(A, B)) == Approx(1.0 / 3 + 1 + 1.0 / 3));
    CHECK(w.at(key(A, C)) == Approx(1.0 / 3));
    CHECK(w.at(key(B, C)) == Approx(1.0 / 3));
    CHECK(w.at(key(A, D)) == Approx(1 + 1.0 / 3));
    CHECK(w.at(key(B, D)) == Approx(1.0 / 3));
    double total = 0;
    for (const auto& [k, x] : w) total += x;
    CHECK(total == Approx(4.0)); // one per article with two entities or more

    // A long list weighs one article, however many names it has: 30 names in one article
    // against two short articles naming A and B.
    std::vector<std::string> list;
    for (int i = 0; i < 30; ++i) list.push_back("person:p" + std::to_string(i));
    list.push_back(A);
    auto g2 =
        KnowledgeGraph::build({art("long", "2025-01-01", list), art("s1", "2025-01-02", {A, B}),
                               art("s2", "2025-01-03", {A, B})});
    auto frac = weights(entities(g2, o), "co_occurs");
    CHECK(frac.at(key(A, B)) == Approx(2.0));
    CHECK(frac.at(key(A, "person:p0")) == Approx(2.0 / (31 * 30)));
    auto count = weights(entities(g2), "co_occurs");
    CHECK(count.at(key(A, "person:p0")) == 1);
    // The articles view: each entity spreads 1 over the article pairs it makes. A is in all
    // four articles of the sample (6 pairs), B in a1 a2 a4 (3 pairs), D in a3 a4 (1), C in one.
    o.view = "articles";
    auto wa = weights(make_view(g, o), "shares_entities");
    CHECK(wa.at(key("a1", "a2")) == Approx(1.0 / 6 + 1.0 / 3));
    CHECK(wa.at(key("a3", "a4")) == Approx(1.0 / 6 + 1));
}

TEST_CASE("option --top and --drop-hubs rank entities by articles", "[view]") {
    auto g = sample();
    ViewOptions o;
    o.top = 2; // A (4), B (3)
    auto v = entities(g, o);
    CHECK(node_ids(v) == std::set<std::string>{A, B});
    CHECK(weights(v, "co_occurs") == std::map<std::string, double>{{key(A, B), 3}});

    o = {};
    o.drop_hubs = 1; // without A: B C D; edges BC 1, BD 1
    v = entities(g, o);
    CHECK(node_ids(v) == std::set<std::string>{B, C, D});
    CHECK(weights(v, "co_occurs") ==
          std::map<std::string, double>{{key(B, C), 1}, {key(B, D), 1}});

    o.top = 1; // hubs are dropped first, then the top N of the rest: B
    v = entities(g, o);
    CHECK(node_ids(v) == std::set<std::string>{B});
    CHECK(v.edges.empty());

    // Association strength still uses the articles of the entities, not what is left.
    o = {};
    o.drop_hubs = 1;
    o.weight = "association";
    CHECK(weights(entities(g, o), "co_occurs").at(key(B, D)) == Approx(1.0 / 6));

    o = {};
    o.min_articles = 2; // A, B, D
    CHECK(node_ids(entities(g, o)) == std::set<std::string>{A, B, D});
}

TEST_CASE("option --top breaks ties by id", "[view]") {
    // c(x) = c(y) = 2, c(z) = 1: --top 1 keeps the smaller id.
    auto g = KnowledgeGraph::build({art("p", "2025-01-01", {"person:y", "person:x"}),
                                    art("q", "2025-01-02", {"person:x", "person:y", "person:z"})});
    ViewOptions o;
    o.top = 1;
    CHECK(node_ids(entities(g, o)) == std::set<std::string>{"person:x"});
    o = {};
    o.drop_hubs = 1;
    CHECK(node_ids(entities(g, o)) == std::set<std::string>{"person:y", "person:z"});
}

TEST_CASE("option --since/--until select articles and entities need an article in range", "[view]") {
    auto g = sample();
    ViewOptions o;
    o.since = "2025-02"; // a2 and a3: A B | A D
    o.until = "2025-03"; // the whole of March
    auto v = entities(g, o);
    CHECK(node_ids(v) == std::set<std::string>{A, B, D});
    CHECK(weights(v, "co_occurs") ==
          std::map<std::string, double>{{key(A, B), 1}, {key(A, D), 1}});
    CHECK(int_attr(v.node_attrs(*g.find(A)), "articles_in_view") == 2);

    o.view = "articles";
    v = make_view(g, o);
    CHECK(node_ids(v) == std::set<std::string>{"a2", "a3"});

    o = {};
    o.since = "2025-03-10"; // inclusive: a3, a4
    o.until = "2025-03-10"; // only a3
    v = entities(g, o);
    CHECK(node_ids(v) == std::set<std::string>{A, D});

    o = {};
    o.until = "2024-12-31";
    v = entities(g, o);
    CHECK(v.nodes.empty());
    CHECK(v.edges.empty());

    o = {};
    o.since = "2025-13-01";
    CHECK_THROWS_AS(entities(g, o), UsageError);
    o.since = "2025-04";
    o.until = "2025-03";
    CHECK_THROWS_AS(entities(g, o), UsageError);
}

TEST_CASE("undated articles are left out by date filters only", "[view]") {
    auto g = KnowledgeGraph::build({art("u", "", {A, B}), art("d", "2025-05-01", {A})});
    CHECK(weights(entities(g), "co_occurs").size() == 1);
    ViewOptions o;
    o.since = "2000";
    auto v = entities(g, o);
    CHECK(node_ids(v) == std::set<std::string>{A});
}

TEST_CASE("option --types keeps node types", "[view]") {
    auto g = sample();
    ViewOptions o;
    o.types = {"person", "location"}; // A, D; edge AD 2
    auto v = entities(g, o);
    CHECK(node_ids(v) == std::set<std::string>{A, D});
    CHECK(weights(v, "co_occurs") == std::map<std::string, double>{{key(A, D), 2}});

    // Bipartite: articles stay, topics go unless listed.
    o.view = "bipartite";
    o.types = {"person"};
    v = make_view(g, o);
    CHECK(node_ids(v) == std::set<std::string>{"a1", "a2", "a3", "a4", A});
    CHECK(v.edges.size() == 4); // a1..a4 -> A
    for (const auto& e : v.edges) CHECK(e.kind == "mentions");
    CHECK(v.filtered);

    o.types = {"person", "topic"};
    v = make_view(g, o);
    CHECK(node_ids(v) ==
          std::set<std::string>{"a1", "a2", "a3", "a4", A, "topic:t1", "topic:t2"});

    o.types = {"persons"};
    CHECK_THROWS_AS(make_view(g, o), UsageError);
}

TEST_CASE("option --min-weight applies to the final weight and prunes lone nodes", "[view]") {
    auto g = sample();
    ViewOptions o;
    o.min_weight = 2; // AB 3, AD 2; C has no edge left
    auto v = entities(g, o);
    CHECK(weights(v, "co_occurs") ==
          std::map<std::string, double>{{key(A, B), 3}, {key(A, D), 2}});
    CHECK(node_ids(v) == std::set<std::string>{A, B, D});

    o.weight = "jaccard"; // AB 0.75, AD 0.5, BC 1/3, AC 0.25, BD 0.25
    o.min_weight = 0.3;
    CHECK(weights(entities(g, o), "co_occurs").size() == 3);
}

TEST_CASE("disparity filter on hand-computed graphs", "[view][backbone]") {
    // 0-1 w8, 1-2 w1, 0-2 w1, 0-3 w1, 1-3 w1, 2-3 w1. Nodes 0 and 1: k=3, s=10; 2 and 3: k=3, s=3.
    // 0-1: (1 - 8/10)^2 = 0.04. Any w1 edge: at 0 or 1 (1 - 1/10)^2 = 0.81, at 2 or 3
    // (1 - 1/3)^2 = 0.444.
    std::vector<WeightedPair> edges = {{0, 1, 8}, {1, 2, 1}, {0, 2, 1},
                                       {0, 3, 1}, {1, 3, 1}, {2, 3, 1}};
    CHECK(disparity_filter(edges, 0.05) ==
          std::vector<bool>{true, false, false, false, false, false});
    CHECK(disparity_filter(edges, 0.039) == std::vector<bool>(6, false));
    CHECK(disparity_filter(edges, 0.45) == std::vector<bool>(6, true));

    // Degree-1 endpoints keep their edge: 0-1 w10, 0-2 w1, 0-3 w1, 3-4 w1.
    // 0: k=3, s=12. 0-3 at 0: (11/12)^2 = 0.84, at 3 (k=2, s=2): 1/2 -> dropped at 0.05.
    std::vector<WeightedPair> star = {{0, 1, 10}, {0, 2, 1}, {0, 3, 1}, {3, 4, 1}};
    CHECK(disparity_filter(star, 0.05) == std::vector<bool>{true, true, false, true});
}

TEST_CASE("option --backbone on the entities view", "[view][backbone]") {
    // Counts: A: AB3 AC1 AD2 (k=3, s=6); B: AB3 BC1 BD1 (k=3, s=5); C: AC1 BC1 (k=2, s=2);
    // D: AD2 BD1 (k=2, s=3).
    // AB: A (1-3/6)^2 = 0.25, B (1-3/5)^2 = 0.16
    // AC: A (5/6)^2 = 0.694, C 1/2          BC: B (4/5)^2 = 0.64, C 1/2
    // AD: A (4/6)^2 = 0.444, D 1/3          BD: B 0.64, D 2/3
    auto g = sample();
    ViewOptions o;
    o.backbone = 0.2;
    auto v = entities(g, o);
    CHECK(weights(v, "co_occurs") == std::map<std::string, double>{{key(A, B), 3}});
    CHECK(node_ids(v) == std::set<std::string>{A, B}); // C and D lost every edge

    o.backbone = 0.4;
    CHECK(weights(entities(g, o), "co_occurs") ==
          std::map<std::string, double>{{key(A, B), 3}, {key(A, D), 2}});

    o.backbone = 0.55;
    v = entities(g, o);
    CHECK(weights(v, "co_occurs") ==
          std::map<std::string, double>{
              {key(A, B), 3}, {key(A, C), 1}, {key(B, C), 1}, {key(A, D), 2}});

    // The filter runs on counts; --weight only changes the weight written.
    o.weight = "association";
    auto w = weights(entities(g, o), "co_occurs");
    CHECK(w.size() == 4);
    CHECK(w.at(key(A, B)) == Approx(0.25));

    // In the bipartite view the entities stay (they still have their articles).
    o = {};
    o.backbone = 0.2;
    v = make_view(g, o);
    CHECK(weights(v, "co_occurs") == std::map<std::string, double>{{key(A, B), 3}});
    CHECK(node_ids(v).count(C) == 1);
}

TEST_CASE("articles view: edges weighted by shared entities", "[view]") {
    // a1 {A B C}, a2 {A B}, a3 {A D}, a4 {A B D}
    auto g = sample();
    ViewOptions o;
    o.view = "articles";
    auto v = make_view(g, o);
    CHECK(node_ids(v) == std::set<std::string>{"a1", "a2", "a3", "a4"});
    auto w = weights(v, "shares_entities");
    CHECK(w == std::map<std::string, double>{{"a1|a2", 2}, {"a1|a3", 1}, {"a1|a4", 2},
                                             {"a2|a3", 1}, {"a2|a4", 2}, {"a3|a4", 2}});
    for (const auto& e : v.edges) {
        CHECK_FALSE(e.directed);
        CHECK(int_attr(v.edge_attrs(e), "shared") == static_cast<std::int64_t>(e.weight));
    }

    o.drop_hubs = 1; // without A: a1 {B C}, a2 {B}, a3 {D}, a4 {B D}
    w = weights(make_view(g, o), "shares_entities");
    CHECK(w == std::map<std::string, double>{{"a1|a2", 1}, {"a1|a4", 1}, {"a2|a4", 1},
                                             {"a3|a4", 1}});

    o.drop_hubs = 0;
    o.weight = "jaccard"; // a1-a2: 2 / (3 + 2 - 2)
    CHECK(weights(make_view(g, o), "shares_entities").at("a1|a2") == Approx(2.0 / 3));
}

TEST_CASE("entity-topic view: weighted by articles with both", "[view]") {
    // t1: a1 a2; t2: a2 a3. (A,t1) 2, (B,t1) 2, (C,t1) 1, (A,t2) 2, (B,t2) 1, (D,t2) 1.
    auto g = sample();
    ViewOptions o;
    o.view = "entity-topic";
    auto v = make_view(g, o);
    CHECK(node_ids(v) == std::set<std::string>{A, B, C, D, "topic:t1", "topic:t2"});
    auto w = weights(v, "entity_topic");
    CHECK(w == std::map<std::string, double>{{key(A, "topic:t1"), 2},
                                             {key(B, "topic:t1"), 2},
                                             {key(C, "topic:t1"), 1},
                                             {key(A, "topic:t2"), 2},
                                             {key(B, "topic:t2"), 1},
                                             {key(D, "topic:t2"), 1}});
    CHECK(v.edges.size() == 6);
    // Association: (A,t1) 2 / (4 * 2).
    o.weight = "association";
    CHECK(weights(make_view(g, o), "entity_topic").at(key(A, "topic:t1")) == Approx(0.25));
    // --types filters the entities, topics stay.
    o = {};
    o.view = "entity-topic";
    o.types = {"location"};
    CHECK(node_ids(make_view(g, o)) == std::set<std::string>{D, "topic:t1", "topic:t2"});
}

TEST_CASE("bipartite view with a date filter recomputes co-occurrences", "[view]") {
    auto g = sample();
    ViewOptions o;
    o.since = "2025-04-01"; // a4 only: A B D
    auto v = make_view(g, o);
    CHECK(node_ids(v) == std::set<std::string>{"a4", A, B, D});
    CHECK(weights(v, "co_occurs") ==
          std::map<std::string, double>{{key(A, B), 1}, {key(A, D), 1}, {key(B, D), 1}});
    CHECK(weights(v, "mentions").size() == 3);
    CHECK_NOTHROW(v.check());
}

TEST_CASE("default options give the whole graph", "[view]") {
    auto g = sample();
    auto v = make_view(g, ViewOptions{});
    auto f = full_view(g);
    CHECK_FALSE(v.filtered);
    CHECK(v.filters.empty());
    CHECK(v.nodes == f.nodes);
    REQUIRE(v.edges.size() == g.edge_count());
    for (std::size_t i = 0; i < v.edges.size(); ++i) CHECK(v.edges[i].base == f.edges[i].base);
    CHECK(ViewOptions{}.is_default());
    ViewOptions o;
    o.weight = "association";
    CHECK_FALSE(o.is_default());
    CHECK(o.describe() == "--weight association");
}

TEST_CASE("the whole graph's view reads every edge in the graph's order, by position or in turn", "[view]") {
    auto g = sample();
    const GraphView f = full_view(g);
    std::vector<std::tuple<std::size_t, std::size_t, const polgraph::Edge*>> expected;
    g.for_each_edge([&](std::size_t s, std::size_t t, const polgraph::Edge& e) {
        expected.emplace_back(s, t, &e);
    });
    REQUIRE(f.edges.size() == expected.size());
    REQUIRE(expected.size() > 10);
    std::size_t i = 0;
    for (const auto& e : f.edges) {
        REQUIRE(i < expected.size());
        const auto& [s, t, base] = expected[i];
        CHECK(e.source == s);
        CHECK(e.target == t);
        CHECK(e.base == base);
        CHECK(e.kind == base->kind);
        CHECK(e.weight == base->weight);
        CHECK(e.directed == base->directed);
        CHECK_FALSE(e.computed);
        CHECK(f.edges[i].base == base); // by position, the same edge
        ++i;
    }
    CHECK(i == expected.size());
    // From the last edge back to the first, as a reader jumping about would ask.
    for (std::size_t k = expected.size(); k-- > 0;) CHECK(f.edges[k].base == std::get<2>(expected[k]));
    // A graph without nodes.
    CHECK(full_view(KnowledgeGraph{}).edges.empty());
    // Adding to the whole view lists its edges first, then the new ones.
    polgraph::ViewEdges more = f.edges;
    more.append({polgraph::ViewEdge{0, 1, "co_occurs", 2.0, false, nullptr, {}}});
    more.push_back(polgraph::ViewEdge{1, 0, "co_occurs", 3.0, false, nullptr, {}});
    REQUIRE(more.size() == expected.size() + 2);
    for (std::size_t k = 0; k < expected.size(); ++k) CHECK(more[k].base == std::get<2>(expected[k]));
    CHECK(more[expected.size()].weight == 2.0);
    CHECK(more[expected.size() + 1].weight == 3.0);
    CHECK(f.edges.size() == expected.size()); // the view it was copied from is unchanged
    CHECK_NOTHROW(f.check());
}

TEST_CASE("view option values are checked", "[view]") {
    auto g = sample();
    ViewOptions o;
    o.view = "people";
    CHECK_THROWS_AS(make_view(g, o), UsageError);
    o = {};
    o.weight = "cosine";
    CHECK_THROWS_AS(make_view(g, o), UsageError);
    o = {};
    o.backbone = 1.5;
    CHECK_THROWS_AS(make_view(g, o), UsageError);
    o = {};
    o.top = -1;
    CHECK_THROWS_AS(make_view(g, o), UsageError);
}

TEST_CASE("timeline dates of nodes and edges", "[view]") {
    auto g = sample();
    auto f = full_view(g);
    CHECK(f.node_start(*g.find("a3")) == "2025-03-10");
    CHECK(f.node_start(*g.find(D)) == "2025-03-10");        // first mention
    CHECK(f.node_start(*g.find("topic:t2")) == "2025-02-10"); // first article
    for (const auto& e : f.edges) {
        std::string s = g.node(e.source).id, t = g.node(e.target).id;
        if (e.kind == "co_occurs" && key(s, t) == key(B, D)) CHECK(f.edge_start(e) == "2025-04-10");
        if (e.kind == "co_occurs" && key(s, t) == key(A, B)) CHECK(f.edge_start(e) == "2025-01-10");
        if (e.kind == "mentions" && s == "a2") CHECK(f.edge_start(e) == "2025-02-10");
    }
    ViewOptions o;
    o.view = "articles";
    auto v = make_view(g, o);
    for (const auto& e : v.edges) // an article link exists once both are out
        if (key(g.node(e.source).id, g.node(e.target).id) == "a1|a3")
            CHECK(v.edge_start(e) == "2025-03-10");
    CHECK(is_iso_date("2024-02-29"));
    CHECK_FALSE(is_iso_date("2025-02-29"));
    CHECK_FALSE(is_iso_date("2025-2-01"));
}

TEST_CASE("filtered bipartite views keep the parents of kept topics", "[view]") {
    auto r1 = art("p1", "2025-01-01", {A}, {"topic:child"});
    r1.topics[0].parent = "topic:root";
    auto g = KnowledgeGraph::build({r1, art("p2", "2025-06-01", {B}, {"topic:other"})});
    REQUIRE(g.find("topic:root")); // built from the child's parent, with no article of its own
    ViewOptions o;
    o.until = "2025-03";
    auto v = make_view(g, o);
    CHECK(node_ids(v) == std::set<std::string>{"p1", A, "topic:child", "topic:root"});
    CHECK(weights(v, "subtopic_of").size() == 1);
}
