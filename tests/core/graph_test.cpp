// Folding records into the graph: node/edge counts and weights computed by hand, order
// independence, and the lossless JSON round trip.
#include <algorithm>
#include <random>
#include <sstream>
#include <thread>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/connected_components.hpp>
#include <catch2/catch.hpp>

#include "core/graph.hpp"
#include "core/view.hpp"
#include "exporters/json_exporter.hpp"
#include "store/graph_io.hpp"

using namespace polgraph;

namespace {

EntityRecord ent(const std::string& id, int count, std::vector<std::uint32_t> sentences) {
    EntityRecord e;
    e.id = id;
    e.type = id.substr(0, id.find(':'));
    e.name = id.substr(id.find(':') + 1);
    e.count = count;
    e.forms = {e.name};
    e.sentences = std::move(sentences);
    return e;
}

std::vector<ArticleRecord> sample_records() {
    ArticleRecord a, b, c;
    a.id = "a";
    a.date = "2025-01-02";
    a.entities = {ent("person:p", 2, {0, 3}), ent("organization:o", 1, {0}), ent("location:l", 1, {5})};
    a.relations = {{"affiliated_with", "person:p", "organization:o", 0, "O CEO P spoke."}};
    b.id = "b";
    b.date = "2025-01-01";
    b.entities = {ent("person:p", 1, {1}), ent("organization:o", 3, {1, 2})};
    c.id = "c";
    c.date = "2025-02-01";
    c.entities = {ent("location:l", 1, {0})};
    c.topics = {{"topic:t", "T", 2.5, "", "taxonomy", "", {}}};
    return {a, b, c};
}

std::string dump(const KnowledgeGraph& g) {
    std::ostringstream out;
    JsonExporter().write(full_view(g), out, 0);
    return out.str();
}

const Edge* find_edge(const KnowledgeGraph& g, const std::string& s, const std::string& t,
                      const std::string& kind) {
    const Edge* found = nullptr;
    g.for_each_edge([&](std::size_t x, std::size_t y, const Edge& e) {
        if (e.kind == kind && ((g.node(x).id == s && g.node(y).id == t) ||
                               (!e.directed && g.node(x).id == t && g.node(y).id == s)))
            found = &e;
    });
    return found;
}

} // namespace

TEST_CASE("fold: nodes, mentions and co-occurrence weights", "[graph]") {
    KnowledgeGraph g = KnowledgeGraph::build(sample_records());
    // 3 articles + 3 entities + 1 topic
    CHECK(g.node_count() == 7);
    auto p = g.find("person:p");
    REQUIRE(p);
    CHECK(g.node(*p).mentions == 3);
    CHECK(g.node(*p).articles == 2);
    CHECK(g.node(*p).date == "2025-01-01"); // first mention
    const Edge* m = find_edge(g, "a", "person:p", "mentions");
    REQUIRE(m);
    CHECK(m->weight == 2);
    // p and o: together in articles a and b; same sentence: a{0,3}&{0} = 1, b{1}&{1,2} = 1.
    const Edge* po = find_edge(g, "person:p", "organization:o", "co_occurs");
    REQUIRE(po);
    CHECK(po->weight == 2);
    CHECK(po->sentences == 2);
    CHECK_FALSE(po->directed);
    // o and l: together only in a, never in the same sentence.
    const Edge* ol = find_edge(g, "organization:o", "location:l", "co_occurs");
    REQUIRE(ol);
    CHECK(ol->weight == 1);
    CHECK(ol->sentences == 0);
    CHECK(find_edge(g, "person:p", "organization:o", "affiliated_with"));
    CHECK(find_edge(g, "c", "topic:t", "has_topic"));
    // 6 mentions + 3 co_occurs (p-o, p-l, o-l) + 1 relation + 1 has_topic
    CHECK(g.edge_count() == 11);
}

TEST_CASE("fold: output does not depend on record order and duplicate ids keep one", "[graph]") {
    auto recs = sample_records();
    const std::string expected = dump(KnowledgeGraph::build(recs));
    std::mt19937 rng(7);
    for (int i = 0; i < 5; ++i) {
        std::shuffle(recs.begin(), recs.end(), rng);
        CHECK(dump(KnowledgeGraph::build(recs)) == expected);
    }
    auto twice = recs;
    twice.insert(twice.end(), recs.begin(), recs.end());
    CHECK(dump(KnowledgeGraph::build(twice)) == expected);
}

TEST_CASE("packed_records gives the same records on any number of threads", "[graph]") {
    // 300 articles: several chunks of records for each thread.
    std::vector<ArticleRecord> recs;
    for (int k = 0; k < 100; ++k)
        for (auto r : sample_records()) {
            r.id += "-" + std::to_string(k);
            r.path += "-" + std::to_string(k);
            recs.push_back(std::move(r));
        }
    const KnowledgeGraph g = KnowledgeGraph::build(recs);
    const auto one = g.packed_records(1);
    REQUIRE(one.size() == 300);
    for (unsigned threads : {2u, 3u, 8u}) {
        INFO("threads " << threads);
        const auto many = g.packed_records(threads);
        // A graph that is done with gives its records up: the same ones, and it is left empty.
        KnowledgeGraph done_with = KnowledgeGraph::build(recs);
        const auto taken = std::move(done_with).packed_records(threads);
        CHECK(done_with.node_count() == 0);
        REQUIRE(taken.size() == one.size());
        for (std::size_t i = 0; i < one.size(); ++i) CHECK(taken[i].data == one[i].data);
        REQUIRE(many.size() == one.size());
        for (std::size_t i = 0; i < one.size(); ++i) {
            CHECK(many[i].id == one[i].id);
            CHECK(many[i].path == one[i].path);
            CHECK(many[i].hash == one[i].hash);
            CHECK(many[i].data == one[i].data);
        }
    }
    // Folded again, they give the same graph.
    CHECK(dump(KnowledgeGraph::build(g.packed_records(3), 3)) == dump(g));
}

TEST_CASE("EdgeKind stores each name once and compares as a string", "[graph]") {
    const EdgeKind mentions("mentions"), again(std::string("mentions")), other("co_occurs");
    CHECK(&mentions.str() == &again.str());
    CHECK(mentions == again);
    CHECK_FALSE(mentions == other);
    CHECK(mentions == "mentions");
    CHECK(mentions != "co_occurs");
    CHECK(mentions == std::string_view("mentions"));
    CHECK(std::string(mentions) + "!" == "mentions!");
    CHECK(EdgeKind().empty());
    // A name the fold does not make (a relation type from a graph file), from several threads.
    std::vector<const std::string*> seen(8);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < seen.size(); ++t)
        threads.emplace_back([&, t] { seen[t] = &EdgeKind("funds_" + std::string("project")).str(); });
    for (auto& th : threads) th.join();
    for (const auto* p : seen) CHECK(p == seen.front());
    CHECK(*seen.front() == "funds_project");
}

TEST_CASE("RareString holds a string only when it is not empty", "[graph]") {
    polgraph::RareString none, name;
    CHECK(none.empty());
    CHECK(none.str().empty());
    name = std::string("Dario Amodei");
    CHECK_FALSE(name.empty());
    CHECK(name.str() == "Dario Amodei");
    polgraph::RareString copy = name;
    name = std::string();
    CHECK(name.empty());
    CHECK(copy.str() == "Dario Amodei"); // a copy is its own
    const polgraph::RareString& same = copy;
    copy = same; // assigned itself
    CHECK(copy.str() == "Dario Amodei");
    polgraph::RareString moved = std::move(copy);
    CHECK(moved.str() == "Dario Amodei");
}

TEST_CASE("JSON round trip is lossless", "[graph][json]") {
    KnowledgeGraph g = KnowledgeGraph::build(sample_records());
    const std::string first = dump(g);
    std::istringstream in(first);
    KnowledgeGraph back = read_graph_json(in, "mem");
    CHECK(dump(back) == first);
    auto recs = back.to_records();
    REQUIRE(recs.size() == 3);
    CHECK(recs[0].relations.size() == 1);
    CHECK(recs[0].relations[0].evidence == "O CEO P spoke.");
}

TEST_CASE("a node-link graph loads whatever the order of its keys and its layout", "[graph][json]") {
    const std::string first = dump(KnowledgeGraph::build(sample_records()));
    const nlohmann::json doc = nlohmann::json::parse(first);
    REQUIRE(first.find("\"nodes\"") < first.find("\"links\""));
    nlohmann::json edges = doc;
    edges["edges"] = edges["links"];
    edges.erase("links");
    for (const std::string& text :
         {doc.dump(),                      // keys sorted: "links" before "nodes"
          doc.dump(2),                     // indented
          "\xEF\xBB\xBF" + first + "\r\n", // byte-order mark, CRLF at the end
          edges.dump(1, '\t'),             // "edges", as NetworkX may name them
          doc.dump(-1, ' ', true)}) {      // non-ASCII escaped as \uXXXX
        std::istringstream in(text);
        CHECK(dump(read_graph_json(in, "g.json")) == first);
    }
}

TEST_CASE("loading rejects broken graph files with a reason", "[graph][json]") {
    auto load = [](const std::string& text) {
        std::istringstream in(text);
        return read_graph_json(in, "g.json");
    };
    CHECK_THROWS_WITH(load("{"), Catch::Contains("not valid JSON"));
    CHECK_THROWS_WITH(load("{\"links\":[]}"), Catch::Contains("nodes"));
    CHECK_THROWS_WITH(load("{\"nodes\":[{\"id\":\"a\",\"kind\":\"article\"},{\"id\":\"a\",\"kind\":\"article\"}],\"links\":[]}"),
                      Catch::Contains("duplicate node id"));
    CHECK_THROWS_WITH(load("{\"nodes\":[{\"id\":\"a\",\"kind\":\"article\"}],\"links\":[{\"source\":\"a\",\"target\":\"zz\",\"kind\":\"mentions\"}]}"),
                      Catch::Contains("missing node \"zz\""));
}

TEST_CASE("components by union-find number them as Boost's connected_components does", "[graph]") {
    std::mt19937 rng(11);
    for (int round = 0; round < 50; ++round) {
        const std::size_t n = std::uniform_int_distribution<std::size_t>(0, 300)(rng);
        const std::size_t m = n ? std::uniform_int_distribution<std::size_t>(0, n)(rng) : 0;
        std::vector<NetworkEdge> edges;
        boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS> u(n);
        for (std::size_t i = 0; i < m; ++i) {
            std::uniform_int_distribution<std::size_t> pick(0, n - 1);
            const std::size_t a = pick(rng), b = pick(rng);
            edges.push_back({a, b, 1.0});
            boost::add_edge(a, b, u);
        }
        std::vector<int> expected(n);
        const int count = n ? boost::connected_components(u, expected.data()) : 0;
        const auto [labels, got] = network_components(n, edges);
        CHECK(got == count);
        CHECK(labels == expected);
    }
}
