// Loading a graph file (export, query, merge, extract --update all read it with
// KnowledgeGraph::read_json): a corrupt or inconsistent file is rejected with exit status 3 and a
// message naming the file and the problem, and nothing is written. The bad files are made from a
// real graph written by `polgraph extract`, changed in one place each.
#include <catch2/catch.hpp>

#include <filesystem>
#include <functional>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "tests/support.hpp"

using namespace polgraph::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// A real graph: the sample corpus shipped in data/sample.
std::string good_graph(const TempDir& tmp) {
    std::string path = tmp.file("good.json");
    auto r = run(polgraph_bin() + " extract -q " + sh_quote(source_dir() + "/data/sample") + " -o " +
                 sh_quote(path));
    INFO(r.err);
    REQUIRE(r.status == 0);
    return path;
}

json& first(json& doc, const char* list, const std::function<bool(const json&)>& pred) {
    for (auto& x : doc.at(list))
        if (pred(x)) return x;
    FAIL("no such item in " << list);
    throw std::logic_error("unreachable");
}

bool node_kind(const json& n, const char* kind) { return n.value("kind", "") == kind; }
bool link_kind(const json& l, const char* kind) { return l.value("kind", "") == kind; }

struct BadFile {
    std::string name;
    std::string content;
    std::string message; ///< expected part of the error, after "<file>: "
};

std::vector<BadFile> bad_files(const std::string& good_text) {
    const json good = json::parse(good_text);
    std::vector<BadFile> out;
    auto mutate = [&](const std::string& name, const std::string& message,
                      const std::function<void(json&)>& f) {
        json doc = good;
        f(doc);
        out.push_back({name, doc.dump(), message});
    };
    out.push_back({"garbage.json", "this is not JSON {", "not valid JSON"});
    out.push_back({"truncated.json", good_text.substr(0, good_text.size() / 2), "not valid JSON"});
    out.push_back({"empty.json", "", "not valid JSON"});
    out.push_back({"array.json", "[1, 2, 3]", "a graph file must hold a JSON object"});
    // Found by fuzz_graph_json: a number beyond double escaped as an unexpected error.
    out.push_back({"number_overflow.json", "1e400.10", "not valid JSON"});
    out.push_back({"number_overflow_field.json", good_text.substr(0, good_text.rfind('}')) + ",\"x\":1e400}",
                   "not valid JSON"});
    out.push_back({"unclosed_deep.json", "{\"nodes\": " + std::string(200000, '['), "JSON nested deeper than 64 levels"});
    // Found by fuzz_graph_json: an article with a topic's id made two nodes with one id.
    mutate("article_id_colon.json", "article id \"topic:export-controls\" contains ':'", [](json& d) {
        first(d, "nodes", [](const json& n) { return n.value("kind", "") == "article"; })["id"] =
            "topic:export-controls";
    });
    mutate("no_nodes.json", "missing \"nodes\" array", [](json& d) { d.erase("nodes"); });
    mutate("no_links.json", "missing \"links\" array", [](json& d) { d.erase("links"); });
    mutate("nodes_object.json", "missing \"nodes\" array", [](json& d) { d["nodes"] = json::object(); });
    mutate("node_without_id.json", "has no string \"id\"", [](json& d) { d["nodes"][0].erase("id"); });
    mutate("node_numeric_id.json", "has no string \"id\"", [](json& d) { d["nodes"][1]["id"] = 7; });
    mutate("duplicate_id.json", "duplicate node id \"organization:openai\"", [](json& d) {
        d["nodes"].push_back(first(d, "nodes", [](const json& n) { return n["id"] == "organization:openai"; }));
    });
    mutate("unknown_node_kind.json", "has a missing or unknown \"kind\"", [](json& d) {
        first(d, "nodes", [](const json& n) { return node_kind(n, "topic"); })["kind"] = "planet";
    });
    mutate("entity_without_type.json", "has no \"type\"", [](json& d) {
        first(d, "nodes", [](const json& n) { return node_kind(n, "entity"); }).erase("type");
    });
    mutate("edge_to_missing_node.json", "ends at a missing node \"person:nobody\"", [](json& d) {
        first(d, "links", [](const json& l) { return link_kind(l, "mentions"); })["target"] = "person:nobody";
    });
    mutate("edge_from_missing_node.json", "starts at a missing node \"gone\"", [](json& d) {
        d["links"][0]["source"] = "gone";
    });
    mutate("edge_without_target.json", "has no string \"source\"/\"target\"", [](json& d) {
        d["links"][0].erase("target");
    });
    mutate("unknown_edge_kind.json", "has an unknown kind \"likes\"", [](json& d) {
        d["links"][0]["kind"] = "likes";
    });
    mutate("mentions_between_entities.json", "a mentions edge must go from an article to an entity",
           [](json& d) {
               json& l = first(d, "links", [](const json& x) { return link_kind(x, "mentions"); });
               l["source"] = l["target"];
           });
    mutate("title_number.json", "field \"title\" must be a string", [](json& d) {
        first(d, "nodes", [](const json& n) { return node_kind(n, "article"); })["title"] = 42;
    });
    mutate("bytes_string.json", "field \"bytes\" must be a whole number", [](json& d) {
        first(d, "nodes", [](const json& n) { return node_kind(n, "article"); })["bytes"] = "many";
    });
    mutate("bytes_negative.json", "field \"bytes\" must be a whole number from 0", [](json& d) {
        first(d, "nodes", [](const json& n) { return node_kind(n, "article"); })["bytes"] = -5;
    });
    mutate("weight_huge.json", "field \"weight\" must be a whole number from 1", [](json& d) {
        first(d, "links", [](const json& l) { return link_kind(l, "mentions"); })["weight"] = 1e30;
    });
    mutate("weight_zero.json", "field \"weight\" must be a whole number from 1", [](json& d) {
        first(d, "links", [](const json& l) { return link_kind(l, "mentions"); })["weight"] = 0;
    });
    mutate("sentence_ids_negative.json", "field \"sentence_ids\" must be a whole number", [](json& d) {
        first(d, "links", [](const json& l) { return link_kind(l, "mentions"); })["sentence_ids"] = {3, -1};
    });
    mutate("forms_not_array.json", "field \"forms\" must be an array of strings", [](json& d) {
        first(d, "links", [](const json& l) { return link_kind(l, "mentions"); })["forms"] = "OpenAI";
    });
    mutate("in_lead_string.json", "field \"in_lead\" must be true or false", [](json& d) {
        first(d, "links", [](const json& l) { return link_kind(l, "mentions"); })["in_lead"] = "yes";
    });
    return out;
}

} // namespace

TEST_CASE("a corrupt or inconsistent graph file is rejected with a message naming the problem",
          "[robustness][graph_load]") {
    TempDir tmp;
    const std::string good = good_graph(tmp);
    // The unchanged file loads: every failure below comes from its one change.
    auto ok = run(polgraph_bin() + " export " + sh_quote(good) + " -o " + sh_quote(tmp.file("ok.graphml")));
    INFO(ok.err);
    REQUIRE(ok.status == 0);

    for (const auto& bad : bad_files(read_file(good))) {
        const std::string path = tmp.write(bad.name, bad.content);
        const std::string out = tmp.file("out_" + bad.name + ".graphml");
        auto r = run(polgraph_bin() + " export " + sh_quote(path) + " -o " + sh_quote(out));
        INFO(bad.name << ": " << r.err);
        CHECK(r.status == 3);
        CHECK_THAT(r.err, Catch::Contains("polgraph: " + path + ": "));
        CHECK_THAT(r.err, Catch::Contains(bad.message));
        CHECK_THAT(r.err, !Catch::Contains("unexpected error"));
        CHECK_FALSE(fs::exists(out));
    }
}

TEST_CASE("query, merge and extract --update validate the graph they load like export",
          "[robustness][graph_load]") {
    TempDir tmp;
    const std::string good = good_graph(tmp);
    json doc = json::parse(read_file(good));
    doc["nodes"].push_back(doc["nodes"][0]);
    const std::string dup = tmp.write("dup.json", doc.dump());
    const std::string id = doc["nodes"][0]["id"];
    const std::string message = "polgraph: " + dup + ": duplicate node id \"" + id + "\"";
    const std::string one = tmp.write("in/one.md", article("One", "2025-01-01", "<p>OpenAI.</p>"));
    for (const std::string& cmd :
         {polgraph_bin() + " query " + sh_quote(dup) + " stats",
          polgraph_bin() + " merge " + sh_quote(dup) + " " + sh_quote(good) + " -o " + sh_quote(tmp.file("m.json")),
          polgraph_bin() + " extract -q " + sh_quote(one) + " --update " + sh_quote(dup) + " -o " +
              sh_quote(tmp.file("u.json"))}) {
        auto r = run(cmd);
        INFO(cmd << "\n" << r.err);
        CHECK(r.status == 3);
        CHECK_THAT(r.err, Catch::Contains(message));
    }
    CHECK_FALSE(fs::exists(tmp.file("m.json")));
    CHECK_FALSE(fs::exists(tmp.file("u.json")));
}

TEST_CASE("deeply nested JSON inside a graph file neither crashes nor is taken for a graph",
          "[robustness][graph_load]") {
    TempDir tmp;
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    // Valid JSON, 100,000 levels deep in an unknown field of a node, and in place of a node.
    const std::string in_field = tmp.write(
        "deep.json", "{\"nodes\":[{\"id\":\"topic:x\",\"kind\":\"topic\",\"label\":\"X\",\"extra\":" +
                         deep + "}],\"links\":[]}");
    const std::string as_node = tmp.write("deep_node.json", "{\"nodes\":[" + deep + "],\"links\":[]}");
    for (const std::string& path : {in_field, as_node}) {
        auto r = run(polgraph_bin() + " export " + sh_quote(path) + " -o " + sh_quote(tmp.file("d.json")));
        INFO(path << "\n" << r.err);
        CHECK(r.status == 3);
        CHECK_THAT(r.err, Catch::Contains(path + ": JSON nested deeper than 64 levels"));
        CHECK_FALSE(fs::exists(tmp.file("d.json")));
    }
    // A shallow value in place of a node is named as such.
    const std::string scalar = tmp.write("scalar_node.json", "{\"nodes\":[[1,2]],\"links\":[]}");
    auto b = run(polgraph_bin() + " export " + sh_quote(scalar) + " -o " + sh_quote(tmp.file("b.json")));
    INFO(b.err);
    CHECK(b.status == 3);
    CHECK_THAT(b.err, Catch::Contains("node #1 is not an object"));
}

TEST_CASE("numbers beyond double in records and batch queries are errors, not crashes",
          "[robustness][graph_load]") {
    TempDir tmp;
    const std::string good = good_graph(tmp);
    const std::string records = tmp.write("r.jsonl", "{\"id\":\"a\",\"bytes\":1e400}\n");
    auto m = run(polgraph_bin() + " merge " + sh_quote(records) + " -o " + sh_quote(tmp.file("m.json")));
    INFO(m.err);
    CHECK(m.status == 3);
    CHECK_THAT(m.err, Catch::Contains("polgraph: " + records + ": "));
    CHECK_THAT(m.err, Catch::Contains("number overflow"));
    CHECK_THAT(m.err, !Catch::Contains("unexpected error"));
    CHECK_FALSE(fs::exists(tmp.file("m.json")));

    const std::string queries = tmp.write("q.txt", "{\"query\":\"stats\",\"x\":1e400}\n{\"query\":\"stats\"}\n");
    auto q = run(polgraph_bin() + " query " + sh_quote(good) + " --batch < " + sh_quote(queries));
    INFO(q.err);
    CHECK(q.status == 1);
    std::istringstream lines(q.out);
    std::string first_line, second_line;
    std::getline(lines, first_line);
    std::getline(lines, second_line);
    CHECK_THAT(first_line, Catch::Contains("\"error\":\"not a JSON object"));
    CHECK_FALSE(json::parse(second_line).contains("error"));
}

TEST_CASE("a file named like a node id of another kind gets an article id without ':'",
          "[robustness][graph_load]") {
    TempDir tmp;
    const std::string a = tmp.write("in/topic:export-controls.md",
                                    article("Chips", "2025-01-01", "<p>Export controls on chips to China.</p>"));
    const std::string b = tmp.write("in/topic_export-controls.html",
                                    "<html><title>Other</title><body><p>Nvidia.</p></body></html>");
    auto r = run(polgraph_bin() + " extract -q " + sh_quote(tmp.file("in")) + " -o " + sh_quote(tmp.file("g.json")));
    INFO(r.err);
    REQUIRE(r.status == 0);
    const json g = json::parse(read_file(tmp.file("g.json")));
    std::set<std::string> ids, articles;
    for (const auto& n : g["nodes"]) {
        CHECK(ids.insert(n["id"].get<std::string>()).second);
        if (n["kind"] == "article") articles.insert(n["id"].get<std::string>());
    }
    CHECK(articles == std::set<std::string>{"topic%3Aexport-controls", "topic_export-controls"});
    auto again = run(polgraph_bin() + " export " + sh_quote(tmp.file("g.json")) + " -o " + sh_quote(tmp.file("h.json")));
    INFO(again.err);
    CHECK(again.status == 0);
    CHECK(read_file(tmp.file("h.json")) == read_file(tmp.file("g.json")));
}

TEST_CASE("control characters in a loaded graph are cleaned before anything is derived from them",
          "[robustness][graph_load]") {
    // Found by fuzz_graph_json: "gazett\\u0000eer" on a mention made the entity a pattern match;
    // the written file said "gazetteer", and loading that gave another graph.
    TempDir tmp;
    json doc = json::parse(read_file(good_graph(tmp)));
    for (auto& l : doc["links"])
        if (link_kind(l, "mentions") && l.value("extraction", "") == "gazetteer")
            l["extraction"] = std::string("gazett\0eer", 10);
    const std::string in = tmp.write("nul.json", doc.dump());
    auto once = run(polgraph_bin() + " export " + sh_quote(in) + " -o " + sh_quote(tmp.file("once.json")));
    INFO(once.err);
    REQUIRE(once.status == 0);
    auto twice = run(polgraph_bin() + " export " + sh_quote(tmp.file("once.json")) + " -o " +
                     sh_quote(tmp.file("twice.json")));
    INFO(twice.err);
    REQUIRE(twice.status == 0);
    CHECK(read_file(tmp.file("once.json")) == read_file(tmp.file("twice.json")));
    CHECK(read_file(tmp.file("once.json")).find("\"extraction\":\"gazetteer\"") != std::string::npos);
}
