// `polgraph export` and the view options of `extract`, through the real CLI on data/sample.
#include <catch2/catch.hpp>

#include <fstream>

#include <nlohmann/json.hpp>

#include "tests/support.hpp"

using namespace polgraph::test;

namespace {

std::string sample_graph(const TempDir& tmp) {
    std::string graph = tmp.file("sample.json");
    auto r = run(polgraph_bin() + " extract -q " + sh_quote(source_dir() + "/data/sample") +
                 " -o " + sh_quote(graph));
    INFO(r.err);
    REQUIRE(r.status == 0);
    return graph;
}

std::size_t count(const std::string& s, const std::string& what) {
    std::size_t n = 0;
    for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
    return n;
}

} // namespace

TEST_CASE("export without options rewrites the graph byte for byte", "[cli][export]") {
    TempDir tmp;
    auto graph = sample_graph(tmp);
    auto r = run(polgraph_bin() + " export " + sh_quote(graph) + " -o " +
                 sh_quote(tmp.file("again.json")));
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(read_file(tmp.file("again.json")) == read_file(graph));
    CHECK(r.err.find("bipartite view:") != std::string::npos);
}

TEST_CASE("export is deterministic and writes every file of a format", "[cli][export]") {
    TempDir tmp;
    auto graph = sample_graph(tmp);
    const std::string args = " --view entities --backbone 0.3 --dynamic -o " +
                             sh_quote(tmp.file("a.gexf")) + " -o " + sh_quote(tmp.file("a.csv")) +
                             " -o " + sh_quote(tmp.file("a.neo4j"));
    REQUIRE(run(polgraph_bin() + " export " + sh_quote(graph) + args).status == 0);
    std::string first = read_file(tmp.file("a.gexf")) + read_file(tmp.file("a.nodes.csv")) +
                        read_file(tmp.file("a.edges.csv")) +
                        read_file(tmp.file("a.neo4j.nodes.csv")) +
                        read_file(tmp.file("a.neo4j.relationships.csv"));
    REQUIRE(run(polgraph_bin() + " export " + sh_quote(graph) + args).status == 0);
    std::string second = read_file(tmp.file("a.gexf")) + read_file(tmp.file("a.nodes.csv")) +
                         read_file(tmp.file("a.edges.csv")) +
                         read_file(tmp.file("a.neo4j.nodes.csv")) +
                         read_file(tmp.file("a.neo4j.relationships.csv"));
    CHECK(first == second);
    CHECK(first.find("mode=\"dynamic\" timeformat=\"date\"") != std::string::npos);
    CHECK(first.find("<description>polgraph entities view (--view entities --backbone 0.3)") !=
          std::string::npos);
}

TEST_CASE("a filtered or projected JSON records its view and is not reloaded", "[cli][export]") {
    TempDir tmp;
    auto graph = sample_graph(tmp);
    auto r = run(polgraph_bin() + " export " + sh_quote(graph) + " --types person -o " +
                 sh_quote(tmp.file("people.json")));
    REQUIRE(r.status == 0);
    auto doc = nlohmann::json::parse(read_file(tmp.file("people.json")));
    CHECK(doc["graph"]["view"] == "bipartite");
    CHECK(doc["graph"]["filtered"] == true);
    CHECK(doc["graph"]["filters"] == "--types person");
    for (const auto& n : doc["nodes"]) CHECK((n["type"] == "person" || n["kind"] == "article"));

    r = run(polgraph_bin() + " export " + sh_quote(tmp.file("people.json")) + " -o " +
            sh_quote(tmp.file("x.gexf")));
    CHECK(r.status == 3);
    CHECK(r.err.find("filtered view (--types person)") != std::string::npos);

    r = run(polgraph_bin() + " export " + sh_quote(graph) + " --view articles -o " +
            sh_quote(tmp.file("articles.json")));
    REQUIRE(r.status == 0);
    doc = nlohmann::json::parse(read_file(tmp.file("articles.json")));
    CHECK(doc["directed"] == false);
    CHECK(doc["graph"]["view"] == "articles");
    r = run(polgraph_bin() + " export " + sh_quote(tmp.file("articles.json")) + " -o " +
            sh_quote(tmp.file("y.gexf")));
    CHECK(r.status == 3);
    CHECK(r.err.find("\"articles\" view") != std::string::npos);
}

TEST_CASE("extract applies view options to -o files but keeps the JSON whole", "[cli][export]") {
    TempDir tmp;
    auto r = run(polgraph_bin() + " extract " + sh_quote(source_dir() + "/data/sample") +
                 " --view entities --top 5 -o " + sh_quote(tmp.file("g.json")) + " -o " +
                 sh_quote(tmp.file("g.graphml")));
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(r.err.find("entities view (--view entities --top 5): 5 nodes") != std::string::npos);
    auto graphml = read_file(tmp.file("g.graphml"));
    CHECK(count(graphml, "<node ") == 5);
    CHECK(graphml.find("edgedefault=\"undirected\"") != std::string::npos);
    // The JSON is the whole graph: it reloads, and equals what a plain extract writes.
    auto plain = run(polgraph_bin() + " extract -q " + sh_quote(source_dir() + "/data/sample") +
                     " -o " + sh_quote(tmp.file("plain.json")));
    REQUIRE(plain.status == 0);
    CHECK(read_file(tmp.file("g.json")) == read_file(tmp.file("plain.json")));
}

TEST_CASE("export reports bad options and inputs with the documented exit codes",
          "[cli][export]") {
    TempDir tmp;
    auto graph = sample_graph(tmp);
    const std::string ex = polgraph_bin() + " export " + sh_quote(graph) + " ";
    const std::string out = " -o " + sh_quote(tmp.file("o.gexf"));
    CHECK(run(ex + "--view people" + out).status == 2);
    CHECK(run(ex + "--weight cosine" + out).status == 2);
    CHECK(run(ex + "--backbone 1.5" + out).status == 2);
    CHECK(run(ex + "--backbone x" + out).status == 2);
    CHECK(run(ex + "--since 2025-13-01" + out).status == 2);
    CHECK(run(ex + "--top -3" + out).status == 2);
    auto r = run(ex + "--types persons" + out);
    CHECK(r.status == 2);
    CHECK(r.err.find("no node of that type") != std::string::npos);
    r = run(ex + "-o " + sh_quote(tmp.file("o.xyz")));
    CHECK(r.status == 2);
    CHECK(r.err.find("--format") != std::string::npos);
    r = run(ex + "-o " + sh_quote(tmp.file("a.csv")) + " -o " + sh_quote(tmp.file("a.csv")));
    CHECK(r.status == 2);
    r = run(polgraph_bin() + " export " + sh_quote(tmp.file("missing.json")) + out);
    CHECK(r.status == 3);
    tmp.write("broken.json", "{\"nodes\": [");
    r = run(polgraph_bin() + " export " + sh_quote(tmp.file("broken.json")) + out);
    CHECK(r.status == 3);
    CHECK(r.err.find("not valid JSON") != std::string::npos);
    // Nothing was written by the failed runs.
    CHECK_FALSE(std::ifstream(tmp.file("o.gexf")).good());
}

TEST_CASE("option --format picks the exporter whatever the suffix", "[cli][export]") {
    TempDir tmp;
    auto graph = sample_graph(tmp);
    auto r = run(polgraph_bin() + " export " + sh_quote(graph) + " --format graphology -o " +
                 sh_quote(tmp.file("out.txt")) + " --view entities");
    REQUIRE(r.status == 0);
    auto doc = nlohmann::json::parse(read_file(tmp.file("out.txt")));
    CHECK(doc["options"]["type"] == "undirected");
    CHECK(doc["nodes"][0].contains("key"));
    r = run(polgraph_bin() + " export " + sh_quote(graph) + " --format neo4j -o " +
            sh_quote(tmp.file("db")));
    REQUIRE(r.status == 0);
    CHECK(read_file(tmp.file("db.neo4j.nodes.csv")).rfind("id:ID,:LABEL,name,", 0) == 0);
    CHECK(read_file(tmp.file("db.neo4j.relationships.csv")).rfind(":START_ID,:END_ID,:TYPE,", 0) ==
          0);
}
