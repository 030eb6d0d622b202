// `--layout` of export and extract, through the real CLI: positions in GEXF, GraphML and
// graphology, the same bytes for any -j, the seed, the option checks.
#include <catch2/catch.hpp>

#include <algorithm>
#include <regex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support.hpp"

using namespace polgraph::test;

namespace {

// The shared corpus when present (more nodes: several chunks of layout work), else data/sample.
std::string corpus() {
    const std::string shared = shared_dir();
    return shared.empty() ? source_dir() + "/data/sample" : shared + "/corpus";
}

std::string extract_graph(const TempDir& tmp) {
    const std::string graph = tmp.file("graph.json");
    run_ok(polgraph_bin() + " extract -q " + sh_quote(corpus()) + " -o " + sh_quote(graph));
    return graph;
}

std::size_t count(const std::string& s, const std::string& what) {
    std::size_t n = 0;
    for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
    return n;
}

// The (x, y) texts of a GEXF's viz:position elements, in file order.
std::vector<std::string> gexf_positions(const std::string& text) {
    static const std::regex re(R"re(<viz:position x="([^"]+)" y="([^"]+)"/>)re");
    std::vector<std::string> out;
    for (std::sregex_iterator it(text.begin(), text.end(), re), end; it != end; ++it)
        out.push_back((*it)[1].str() + "," + (*it)[2].str());
    return out;
}

// The same from a GraphML's x and y data keys.
std::vector<std::string> graphml_positions(const std::string& text) {
    static const std::regex re(
        R"re(<data key="n_x">([^<]+)</data><data key="n_y">([^<]+)</data>)re");
    std::vector<std::string> out;
    for (std::sregex_iterator it(text.begin(), text.end(), re), end; it != end; ++it)
        out.push_back((*it)[1].str() + "," + (*it)[2].str());
    return out;
}

// And from the graphology JSON, written back as the shortest text of each number.
std::vector<std::string> graphology_positions(const std::string& text) {
    std::vector<std::string> out;
    const auto doc = nlohmann::json::parse(text);
    for (const auto& n : doc.at("nodes")) {
        const auto& a = n["attributes"];
        out.push_back(a["x"].dump() + "," + a["y"].dump());
    }
    return out;
}

} // namespace

TEST_CASE("export --layout fa2 writes the same positions in GEXF, GraphML and graphology",
          "[cli][layout]") {
    TempDir tmp;
    const std::string graph = extract_graph(tmp);
    for (const std::string view : {"bipartite", "entities"}) {
        SECTION(view) {
            const std::string base = tmp.file(view);
            auto r = run_ok(export_positions_command(graph, "--layout fa2 --view " + view, base));
            CHECK(r.err.find("fa2 layout of the " + view + " view: ") != std::string::npos);
            const std::string gexf = read_file(base + ".gexf");
            const auto nodes = count(gexf, "<node ");
            REQUIRE(nodes > 20);
            auto in_gexf = gexf_positions(gexf);
            CHECK(in_gexf.size() == nodes);
            const std::string graphml = read_file(base + ".graphml");
            CHECK(graphml.find(R"(<key id="n_x" for="node" attr.name="x" attr.type="double"/>)") !=
                  std::string::npos);
            CHECK(graphml_positions(graphml) == in_gexf);
            // The JSON numbers are written as format_number writes them: "12.0" for a whole
            // number, where nlohmann writes "12.0" too.
            CHECK(graphology_positions(read_file(base + ".graphology.json")) == in_gexf);
            // Distinct positions, not one point.
            std::sort(in_gexf.begin(), in_gexf.end());
            CHECK(std::unique(in_gexf.begin(), in_gexf.end()) - in_gexf.begin() >
                  static_cast<long>(nodes * 9 / 10));
        }
    }
}

TEST_CASE("a layout writes the same bytes for any -j and run after run", "[cli][layout]") {
    TempDir tmp;
    const std::string graph = extract_graph(tmp);
    auto files = [&](const std::string& args, const std::string& name) {
        const std::string base = tmp.file(name);
        run_ok(export_positions_command(graph, "-q --layout fa2 " + args, base));
        return read_file(base + ".gexf") + read_file(base + ".graphml") +
               read_file(base + ".graphology.json");
    };
    // The bipartite and the entities views (both under 500 nodes: the exact sum; the unit tests
    // cover Barnes-Hut on any number of threads).
    for (const std::string view : {"bipartite", "entities"}) {
        const std::string args = "--view " + view + " --layout-iterations 60";
        const std::string one = files("-j 1 " + args, view + "1");
        CHECK(files("-j 2 " + args, view + "2") == one);
        CHECK(files("-j 4 " + args, view + "4") == one);
        CHECK(files("-j 2 " + args, view + "2b") == one);
        CHECK(one.find("<viz:position ") != std::string::npos);
    }
}

TEST_CASE("the seed moves the start, and without --layout the files have no positions",
          "[cli][layout]") {
    TempDir tmp;
    const std::string graph = extract_graph(tmp);
    auto gexf = [&](const std::string& args) {
        const std::string out = tmp.file("x.gexf");
        run_ok(polgraph_bin() + " export -q " + sh_quote(graph) + " --view entities " + args +
               " -o " + sh_quote(out));
        return read_file(out);
    };
    const std::string seed1 = gexf("--layout fa2");
    CHECK(gexf("--layout fa2 --seed 1") == seed1);
    const std::string seed2 = gexf("--layout fa2 --seed 2");
    CHECK(seed2 != seed1);
    CHECK(gexf_positions(seed2).size() == gexf_positions(seed1).size());
    const std::string none = gexf("");
    CHECK(gexf("--layout none") == none);
    CHECK(none.find("viz:position") == std::string::npos);
    // Fewer iterations, another layout.
    CHECK(gexf("--layout fa2 --layout-iterations 3") != seed1);
}

TEST_CASE("extract --layout lays out the -o views and keeps the JSON whole", "[cli][layout]") {
    TempDir tmp;
    const std::string in = sh_quote(source_dir() + "/data/sample");
    run_ok(polgraph_bin() + " extract -q " + in + " -o " + sh_quote(tmp.file("plain.json")));
    auto r = run_ok(polgraph_bin() + " extract " + in + " --layout fa2 --view entities -o " +
                    sh_quote(tmp.file("g.json")) + " -o " + sh_quote(tmp.file("g.gexf")) + " -o " +
                    sh_quote(tmp.file("g.graphology.json")));
    CHECK(read_file(tmp.file("g.json")) == read_file(tmp.file("plain.json")));
    CHECK(count(r.err, "fa2 layout of the entities view: ") == 1); // once for both files
    const std::string gexf = read_file(tmp.file("g.gexf"));
    CHECK(gexf_positions(gexf).size() == count(gexf, "<node "));
    CHECK(graphology_positions(read_file(tmp.file("g.graphology.json"))) == gexf_positions(gexf));
    // The same positions as export computes from the stored graph.
    run_ok(polgraph_bin() + " export -q " + sh_quote(tmp.file("plain.json")) +
           " --layout fa2 --view entities -o " + sh_quote(tmp.file("e.gexf")));
    CHECK(gexf_positions(read_file(tmp.file("e.gexf"))) == gexf_positions(gexf));
    // No file that holds positions: no layout.
    r = run_ok(polgraph_bin() + " extract " + in + " --layout fa2 -o " +
               sh_quote(tmp.file("only.json")) + " -o " + sh_quote(tmp.file("only.csv")));
    CHECK(r.err.find("layout") == std::string::npos);
}

TEST_CASE("layout options are checked", "[cli][layout]") {
    TempDir tmp;
    const std::string graph = extract_graph(tmp);
    const std::string out = " -o " + sh_quote(tmp.file("x.gexf"));
    auto r = run(polgraph_bin() + " export " + sh_quote(graph) + " --layout spring" + out);
    CHECK(r.status == 2);
    CHECK(r.err.find("--layout") != std::string::npos);
    for (const char* bad : {"0", "-3", "many", "2000000"}) {
        r = run(polgraph_bin() + " export " + sh_quote(graph) +
                " --layout fa2 --layout-iterations " + bad + out);
        INFO(bad << ": " << r.err);
        CHECK(r.status == 2);
        CHECK(r.err.find("--layout-iterations") != std::string::npos);
    }
    r = run(polgraph_bin() + " export " + sh_quote(graph) + " --layout fa2 --seed -1" + out);
    CHECK(r.status == 2);
    r = run_ok(polgraph_bin() + " export " + sh_quote(graph) +
               " --layout fa2 --layout-iterations 7" + out);
    CHECK(r.err.find(": 7 iterations, ") != std::string::npos);
}
