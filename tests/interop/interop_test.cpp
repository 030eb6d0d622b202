// Interop: the real CLI exports real corpora in every view and every format, and the clients
// people open them with load them with the node and edge counts polgraph reports:
// ../shared/tools/interop/check_graphml.sh (GraphML XSD, NetworkX, igraph, graphology-graphml),
// check_gexf.sh (GEXF 1.3 XSD + RelaxNG, graphology-gexf, NetworkX 3), check_json.py (NetworkX
// node_link_graph), and ours: graphology_from.mjs (Graph.from, Gephi Lite's JSON import),
// check_tables.py (Python's csv on the Gephi and Neo4j CSV files), and for `--layout` the
// positions as NetworkX (graphml_positions.py) and graphology (graphology_positions.mjs) read them.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/util/text.hpp"
#include "tests/support.hpp"

using namespace polgraph::test;
namespace fs = std::filesystem;

namespace {

// Runs a client with the environment the interop scripts expect.
RunResult client(const std::string& command) {
    return run("POLGRAPH_INTEROP_MODULES=" + sh_quote(interop_modules()) + " " + command);
}

std::string ours(const std::string& script) {
    return sh_quote(POLGRAPH_TEST_DIR "/interop/" + script);
}

bool have_clients() {
    static const bool ok = [] {
        bool all = have_command("node") && have_command("xmllint") &&
                   fs::exists("/usr/bin/python3") && fs::exists(interop_modules() + "/graphology");
        if (!all)
            WARN("interop clients missing (node, xmllint, /usr/bin/python3, graphology in "
                 << interop_modules() << "): run scripts/bootstrap.sh --test");
        return all;
    }();
    return ok;
}

std::string extract(const TempDir& tmp, const std::string& input, const std::string& name) {
    std::string graph = tmp.file(name + ".json");
    auto r = run(polgraph_bin() + " extract -q " + sh_quote(input) + " -o " + sh_quote(graph));
    INFO(r.err);
    REQUIRE(r.status == 0);
    return graph;
}

// Exports `graph` with `args` into every format and checks each file with its clients. Returns
// what polgraph reported.
ViewCounts check_every_format(const TempDir& tmp, const std::string& graph,
                              const std::string& args, const std::string& name) {
    const std::string base = tmp.file(name);
    auto r = run(polgraph_bin() + " export " + sh_quote(graph) + " " + args + " -o " +
                 sh_quote(base + ".gexf") + " -o " + sh_quote(base + ".graphml") + " -o " +
                 sh_quote(base + ".json") + " -o " + sh_quote(base + ".graphology.json") +
                 " -o " + sh_quote(base + ".csv") + " -o " + sh_quote(base + ".neo4j"));
    INFO("polgraph export " << args << "\n" << r.err);
    REQUIRE(r.status == 0);
    const ViewCounts c = view_counts(r.err);
    REQUIRE(c.nodes >= 0);
    const std::string want = c.text();
    INFO("polgraph reports " << want);

    const std::string shared = shared_dir();
    if (shared.empty()) {
        WARN("../shared is absent: GraphML/GEXF/node-link checks skipped for " << name);
    } else {
        const std::string tools = shared + "/tools/interop/";
        auto gm = client("bash " + sh_quote(tools + "check_graphml.sh") + " " +
                         sh_quote(base + ".graphml"));
        INFO(gm.out << gm.err);
        CHECK(gm.status == 0);
        for (const char* loader : {"networkx  : ", "igraph    : ", "graphology: "})
            CHECK(gm.out.find(std::string("PASS ") + loader + want) != std::string::npos);

        auto gx =
            client("bash " + sh_quote(tools + "check_gexf.sh") + " " + sh_quote(base + ".gexf"));
        INFO(gx.out << gx.err);
        CHECK(gx.status == 0);
        CHECK(gx.out.find("PASS xsd") != std::string::npos);
        CHECK(gx.out.find("PASS rng") != std::string::npos);
        CHECK(gx.out.find("PASS graphology: " + want) != std::string::npos);
        if (gx.out.find("SKIP networkx") == std::string::npos)
            CHECK(gx.out.find("PASS networkx  : " + want) != std::string::npos);

        auto js = client("/usr/bin/python3 " + sh_quote(tools + "check_json.py") + " " +
                         sh_quote(base + ".json") + " --no-graphology");
        INFO(js.out << js.err);
        CHECK(js.status == 0);
        CHECK(js.out.find(want) != std::string::npos);
        CHECK(js.out.find("WARN") == std::string::npos);
    }
    auto gy =
        client("node " + ours("graphology_from.mjs") + " " + sh_quote(base + ".graphology.json"));
    INFO(gy.out << gy.err);
    CHECK(gy.status == 0);
    CHECK(gy.out.find("\"nodes\":" + std::to_string(c.nodes) + ",\"edges\":" +
                      std::to_string(c.edges)) != std::string::npos);

    const std::string table_counts = "\"ok\": true, \"nodes\": " + std::to_string(c.nodes) +
                                     ", \"edges\": " + std::to_string(c.edges);
    for (const char* kind : {"gephi", "neo4j"}) {
        auto t = client("/usr/bin/python3 " + ours("check_tables.py") + " " + kind + " " +
                        sh_quote(base));
        INFO(kind << ": " << t.out << t.err);
        CHECK(t.status == 0);
        CHECK(t.out.find(table_counts) != std::string::npos);
    }
    return c;
}

const std::vector<std::pair<std::string, std::string>> kViews = {
    {"bipartite", "--dynamic"},
    {"entities", "--view entities --dynamic"},
    {"articles", "--view articles"},
    {"entity-topic", "--view entity-topic --dynamic"},
    {"backbone", "--view entities --backbone 0.05 --weight association"},
    {"filtered", "--since 2025 --types person,organization,topic --drop-hubs 1 --dynamic"},
};

} // namespace

TEST_CASE("every view and format of data/sample loads in the clients", "[interop]") {
    if (!have_clients()) return;
    TempDir tmp;
    const std::string graph = extract(tmp, source_dir() + "/data/sample", "sample");
    for (std::size_t i = 0; i < 4; ++i) { // the four views; the filters are tried on the corpus
        const auto& [name, args] = kViews[i];
        SECTION(name) { check_every_format(tmp, graph, args, name); }
    }
}

TEST_CASE("every view and format of the shared corpus loads in the clients", "[interop]") {
    if (!have_clients()) return;
    if (shared_dir().empty()) {
        WARN("SKIP: ../shared (corpus, schemas, interop checks) is absent");
        return;
    }
    TempDir tmp;
    const std::string graph = extract(tmp, shared_dir() + "/corpus", "corpus");
    for (const auto& [name, args] : kViews) {
        SECTION(name) {
            ViewCounts c = check_every_format(tmp, graph, args, name);
            CHECK(c.nodes > 0);
            CHECK(c.edges > 0);
        }
    }
}

namespace {

// {node id: [x, y]} as a client reads it (one JSON object on the last output line).
std::map<std::string, std::pair<double, double>> client_positions(const std::string& what,
                                                                  const RunResult& r) {
    INFO(what << ": " << r.err);
    REQUIRE(r.status == 0);
    std::map<std::string, std::pair<double, double>> out;
    auto nl = r.out.rfind('\n', r.out.size() - 2);
    const auto doc = nlohmann::json::parse(r.out.substr(nl == std::string::npos ? 0 : nl + 1));
    for (const auto& [id, p] : doc.items())
        out[id] = {p.at(0).get<double>(), p.at(1).get<double>()};
    return out;
}

} // namespace

TEST_CASE("the positions of --layout fa2 are what the clients read", "[interop][layout]") {
    if (!have_clients()) return;
    TempDir tmp;
    const std::string input =
        shared_dir().empty() ? source_dir() + "/data/sample" : shared_dir() + "/corpus";
    const std::string graph = extract(tmp, input, "graph");
    for (const std::string view : {"bipartite", "entities"}) {
        SECTION(view) {
            const std::string base = tmp.file(view);
            auto r = run(export_positions_command(graph, "--layout fa2 --view " + view, base));
            INFO(r.err);
            REQUIRE(r.status == 0);
            const ViewCounts c = view_counts(r.err);
            REQUIRE(c.nodes > 0);
            if (!shared_dir().empty()) { // the schemas and loaders, with positions in the files
                const std::string tools = shared_dir() + "/tools/interop/";
                auto gx = client("bash " + sh_quote(tools + "check_gexf.sh") + " " +
                                 sh_quote(base + ".gexf"));
                INFO(gx.out << gx.err);
                CHECK(gx.status == 0);
                CHECK(gx.out.find("PASS xsd") != std::string::npos);
                CHECK(gx.out.find("PASS rng") != std::string::npos);
                CHECK(gx.out.find("PASS graphology: " + c.text()) != std::string::npos);
                auto gm = client("bash " + sh_quote(tools + "check_graphml.sh") + " " +
                                 sh_quote(base + ".graphml"));
                INFO(gm.out << gm.err);
                CHECK(gm.status == 0);
                CHECK(gm.out.find("PASS xsd") != std::string::npos);
            }
            const auto nx = client_positions("networkx", client("/usr/bin/python3 " +
                                                                ours("graphml_positions.py") + " " +
                                                                sh_quote(base + ".graphml")));
            const auto gexf = client_positions("graphology-gexf",
                                               client("node " + ours("graphology_positions.mjs") +
                                                      " gexf " + sh_quote(base + ".gexf")));
            const auto json = client_positions(
                "Graph.from", client("node " + ours("graphology_positions.mjs") + " json " +
                                     sh_quote(base + ".graphology.json")));
            CHECK(static_cast<long>(nx.size()) == c.nodes);
            CHECK(gexf == nx);
            CHECK(json == nx);
            std::set<std::pair<double, double>> distinct;
            for (const auto& [id, p] : nx) {
                CHECK(std::isfinite(p.first));
                CHECK(std::isfinite(p.second));
                distinct.insert(p);
            }
            CHECK(distinct.size() > nx.size() * 9 / 10);
        }
    }
}

namespace {

// Hostile text, as JSON escapes: quotes, markup, C0 controls, tab/newline/CR, bidi controls,
// emoji with a zero-width joiner, Arabic, a noncharacter.
const std::string kHostile = "Ünïcødé <Org> & \"Co\" 'x' \x01\x08\x0b\x1f tab\tnl\ncr\r "
                             "\u200f\u202eRTL\u202c \U0001F680\U0001F469\u200d\U0001F4BB "
                             "\u0645\u0631\u062d\u0628\u0627 \uFFFE end";

// A graph file with hostile ids, labels, attribute names and values, written with nlohmann (the
// controls become \u00XX escapes, which is valid JSON; invalid UTF-8 cannot be JSON, so it comes
// from an article file instead, see below).
std::string hostile_graph(const TempDir& tmp) {
    using nlohmann::json;
    const std::string org = "organization:hostile<&>\"'", person = "person:a,b;c\nd";
    json nodes = json::array(), links = json::array();
    for (const std::string id : {"art-1", "art-2"})
        nodes.push_back({{"id", id}, {"kind", "article"}, {"title", kHostile + " " + id},
                         {"label", kHostile}, {"date", id == "art-1" ? "2025-03-01" : "2025-04-02"},
                         {"source", "src <&> \"q\""}, {"path", "/tmp/" + kHostile},
                         {"hash", "h" + id}, {"authors", json::array({kHostile, "B; C"})}});
    nodes.push_back({{"id", org}, {"kind", "entity"}, {"type", "organization"}, {"label", kHostile},
                     {"attr_role", "ro\x01le <x>"}, {"attr_we;ird \"key\" <&>", "v"}});
    nodes.push_back({{"id", person}, {"kind", "entity"}, {"type", "odd type<&>"},
                     {"label", "Name, with; separators\nand \"quotes\""}});
    nodes.push_back({{"id", "topic:t\"1"}, {"kind", "topic"}, {"label", "Topic <1> & \"x\""}});
    for (const std::string a : {"art-1", "art-2"}) {
        links.push_back({{"source", a}, {"target", org}, {"kind", "mentions"}, {"weight", 2},
                         {"forms", json::array({"Form \"1\"; x", "F\x07<2>", kHostile})},
                         {"sentence_ids", json::array({0, 1})}, {"extraction", "gazetteer"}});
        links.push_back({{"source", a}, {"target", "topic:t\"1"}, {"kind", "has_topic"},
                         {"weight", 2.5}});
    }
    links.push_back({{"source", "art-1"},
                     {"target", person},
                     {"kind", "mentions"},
                     {"weight", 1},
                     {"forms", json::array({"a,b"})},
                     {"sentence_ids", json::array({1})},
                     {"extraction", "pattern"}});
    links.push_back({{"source", person},
                     {"target", org},
                     {"kind", "affiliated_with"},
                     {"evidence_articles", json::array({"art-1"})},
                     {"evidence", json::array({"He said \"hi\" <b>\x01 " + kHostile})},
                     {"evidence_sentences", json::array({1})}});
    json doc = {{"directed", true}, {"multigraph", true},
                {"graph", {{"name", "polgraph"}, {"view", "bipartite"}}},
                {"nodes", nodes}, {"links", links}};
    return tmp.write("hostile.json", doc.dump());
}

// Labels as a client reads them: none may hold a control character, a noncharacter or invalid
// UTF-8, and the hostile label must keep its markup, quotes, emoji and bidi controls.
void check_labels(const std::string& what, const RunResult& r, bool from_json_graph) {
    INFO(what << ": " << r.out << r.err);
    REQUIRE(r.status == 0);
    REQUIRE(r.out.size() > 2);
    auto nl = r.out.rfind('\n', r.out.size() - 2);
    auto labels = nlohmann::json::parse(r.out.substr(nl == std::string::npos ? 0 : nl + 1));
    bool found = false;
    for (const auto& l : labels) {
        std::string s = l.get<std::string>();
        INFO("label " << s);
        CHECK(polgraph::is_valid_utf8(s));
        bool clean = true;
        for (char c : s)
            if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r')
                clean = false;
        CHECK(clean);
        CHECK(s.find("\uFFFE") == std::string::npos);
        if (s.find("\U0001F680") != std::string::npos) {
            found = true;
            if (from_json_graph) {
                CHECK(s.find("<Org> & \"Co\" 'x'") != std::string::npos);
                CHECK(s.find("\u200f\u202eRTL\u202c") != std::string::npos);
                CHECK(s.find("\U0001F469\u200d\U0001F4BB") != std::string::npos);
            } else {
                CHECK(s.find("\" 'apos' <b>&amp; ") != std::string::npos);
                CHECK(s.find("\u0645\u0631\u062d\u0628\u0627") != std::string::npos);
            }
        }
    }
    CHECK(found);
}

// The node labels of an export as a client reads them: a JSON list on the last output line.
RunResult read_labels(const std::string& format, const std::string& base) {
    if (format == "graphml")
        return client("/usr/bin/python3 " + ours("graphml_labels.py") + " " +
                      sh_quote(base + ".graphml"));
    if (format == "graphology")
        return client("node " + ours("graphology_from.mjs") + " " +
                      sh_quote(base + ".graphology.json") + " --labels");
    return client("/usr/bin/python3 " + ours("check_tables.py") + " " + format + " " +
                  sh_quote(base) + " --labels");
}

} // namespace

TEST_CASE("hostile labels pass every format and client", "[interop][hostile]") {
    if (!have_clients()) return;
    TempDir tmp;
    // 1. A stored graph whose ids, labels, attribute names and values are hostile.
    const std::string graph = hostile_graph(tmp);
    for (const auto& [name, args] :
         std::vector<std::pair<std::string, std::string>>{{"bipartite", "--dynamic"},
                                                          {"entities", "--view entities"},
                                                          {"articles", "--view articles"}}) {
        SECTION("graph file, " + name) {
            ViewCounts c = check_every_format(tmp, graph, args, "h-" + name);
            CHECK(c.nodes > 0);
            if (name == "bipartite") {
                const std::string base = tmp.file("h-" + name);
                for (const char* format : {"graphml", "graphology", "gephi", "neo4j"})
                    check_labels(format, read_labels(format, base), true);
            }
        }
    }
    // 2. Article files with invalid UTF-8 and raw control bytes in the name, the front matter
    // and the text, through extract.
    SECTION("article files") {
        const std::string text =
            "---\ntitle: \"Quote \\\" 'apos' <b>&amp; ctl\x01\x1b \xff\xfe emoji \U0001F680 "
            "\u0645\u0631\u062d\u0628\u0627 \xc3\x28 end\"\nnewsDate: 2025-03-01\nsource: "
            "\"ex<am>ple & co\"\n---\n\n```html\n<p>OpenAI and Nvidia met in Paris with "
            "\"quotes\" &amp; &lt;tags&gt; \x01\x07 and \U0001F680 \xff.</p>\n```\n";
        tmp.write("in/hostile <&> \"q\" \U0001F680.md", text);
        tmp.write("in/bad\xff\x01name.md", text);
        const std::string g2 = extract(tmp, tmp.file("in"), "hostile-articles");
        ViewCounts c = check_every_format(tmp, g2, "--dynamic", "a-bipartite");
        CHECK(c.nodes >= 2);
        const std::string base = tmp.file("a-bipartite");
        for (const char* format : {"graphml", "graphology", "gephi", "neo4j"})
            check_labels(format, read_labels(format, base), false);
        check_every_format(tmp, g2, "--view entities", "a-entities");
    }
}
