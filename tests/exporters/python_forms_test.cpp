// What Python users get: the node-link JSON's front-matter fields and topic and keyphrase
// candidates as objects (not JSON text inside JSON, not [k, v, k, v]), graphs written in the old
// form still read, and GEXF 1.2 for Debian 12's NetworkX 2.8, which cannot read GEXF 1.3. The
// clients are Debian's /usr/bin/python3 with its python3-networkx.
#include <filesystem>
#include <string>

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "tests/support.hpp"

using namespace polgraph::test;
using nlohmann::json;

namespace {

bool have_debian_networkx() {
    static const bool ok = [] {
        bool found = std::filesystem::exists("/usr/bin/python3") &&
                     run("/usr/bin/python3 -c 'import networkx'").status == 0;
        if (!found) WARN("SKIPPED: /usr/bin/python3 with python3-networkx is absent");
        return found;
    }();
    return ok;
}

std::string sample_graph(const TempDir& tmp) {
    const std::string g = tmp.file("g.json");
    run_ok(polgraph_bin() + " extract -q --keyphrases " + sh_quote(source_dir() + "/data/sample") +
           " -o " + sh_quote(g));
    return g;
}

} // namespace

TEST_CASE("node-link JSON holds front matter and candidates as objects", "[exporters][json]") {
    TempDir tmp;
    const json g = json::parse(read_file(sample_graph(tmp)));
    std::size_t articles = 0, candidates = 0;
    for (const auto& n : g["nodes"]) {
        if (n["kind"] != "article") continue;
        ++articles;
        REQUIRE(n["meta"].is_object());
        CHECK(n["meta"]["title"] == n["title"]);
        for (const char* k : {"topic_candidates", "keyphrase_candidates"}) {
            REQUIRE(n[k].is_array());
            for (const auto& c : n[k]) {
                CHECK(c.is_object());
                ++candidates;
            }
        }
        for (const auto& t : n["topic_candidates"]) {
            CHECK(t["id"].get<std::string>().rfind("topic:", 0) == 0);
            CHECK(t["cues"].is_object());
        }
    }
    CHECK(articles == 6);
    CHECK(candidates > 30);
}

TEST_CASE("a graph written with meta pairs and candidates as strings still loads, the same",
          "[exporters][json]") {
    TempDir tmp;
    const std::string g = sample_graph(tmp);
    json old = json::parse(read_file(g));
    for (auto& n : old["nodes"]) {
        if (n["kind"] != "article") continue;
        json flat = json::array();
        for (auto it = n["meta"].begin(); it != n["meta"].end(); ++it) {
            flat.push_back(it.key());
            flat.push_back(it.value());
        }
        n["meta"] = flat;
        for (const char* k : {"topic_candidates", "keyphrase_candidates"}) {
            json texts = json::array();
            for (const auto& c : n[k]) texts.push_back(c.dump());
            n[k] = texts;
        }
    }
    const std::string old_file = tmp.write("old.json", old.dump());
    // Loaded and written again: the new form, byte for byte what extract wrote.
    run_ok(polgraph_bin() + " export -q " + sh_quote(old_file) + " -o " +
           sh_quote(tmp.file("again.json")));
    CHECK(read_file(tmp.file("again.json")) == read_file(g));

    // A meta pair list of odd length, or a candidate that is neither, is refused with its field.
    old["nodes"][0]["meta"] = json::array({"title"});
    auto r = run(polgraph_bin() + " export " + sh_quote(tmp.write("bad.json", old.dump())) +
                 " -o " + sh_quote(tmp.file("x.json")));
    CHECK(r.status == 3);
    CHECK_THAT(r.err, Catch::Contains("\"meta\""));
}

TEST_CASE("NetworkX 2.8 reads the node-link JSON's objects and GEXF 1.2", "[exporters][python]") {
    if (!have_debian_networkx()) return;
    TempDir tmp;
    const std::string g = sample_graph(tmp);
    // The node-link JSON: meta is a dict a pandas user can expand.
    auto nl =
        run_ok("/usr/bin/python3 -c " +
               sh_quote("import json, sys, networkx as nx\n"
                        "d = json.load(open(sys.argv[1]))\n"
                        "G = nx.node_link_graph(d)\n"
                        "arts = [n for n, a in G.nodes(data=True) if a['kind'] == 'article']\n"
                        "assert all(isinstance(G.nodes[a]['meta'], dict) for a in arts)\n"
                        "assert all(isinstance(c, dict) for a in arts\n"
                        "           for c in G.nodes[a]['topic_candidates'])\n"
                        "assert G.number_of_nodes() == len(d['nodes'])\n"
                        "assert G.number_of_edges() == len(d['links'])\n"
                        "print(len(arts))") +
               " " + sh_quote(g));
    CHECK(nl.out == "6\n");
    for (const std::string view : {"bipartite", "entities"})
        for (const std::string dynamic : {"", " --dynamic"}) {
            const std::string out = tmp.file(view + ".gexf");
            auto e = run_ok(polgraph_bin() + " export " + sh_quote(g) + " --view " + view +
                            dynamic + " --gexf-version 1.2 -o " + sh_quote(out));
            // "...: 72 nodes, 382 edges -> ..." as NetworkX counts them.
            const ViewCounts counts = view_counts(e.err);
            INFO(view << dynamic << "\n" << e.err);
            auto py = run("/usr/bin/python3 -c " +
                          sh_quote("import sys, networkx as nx\n"
                                   "G = nx.read_gexf(sys.argv[1])\n"
                                   "print(G.number_of_nodes(), G.number_of_edges())") +
                          " " + sh_quote(out));
            INFO(py.err);
            CHECK(py.status == 0);
            CHECK(py.out ==
                  std::to_string(counts.nodes) + " " + std::to_string(counts.edges) + "\n");
            CHECK_THAT(read_file(out), Catch::Contains("xmlns=\"http://www.gexf.net/1.2draft\"") &&
                                           Catch::Contains("version=\"1.2\""));
        }
    // The default stays GEXF 1.3, which NetworkX 2.8 does not read.
    run_ok(polgraph_bin() + " export -q " + sh_quote(g) + " -o " + sh_quote(tmp.file("d.gexf")));
    CHECK_THAT(read_file(tmp.file("d.gexf")), Catch::Contains("version=\"1.3\""));
    auto bad = run(polgraph_bin() + " export " + sh_quote(g) + " --gexf-version 1.1 -o " +
                   sh_quote(tmp.file("x.gexf")));
    CHECK(bad.status == 2);
}
