// The analyst's questions through the real CLI on the sample corpus: evidence sentences read back
// from the article files (quoted, or reported as moved or changed, never misquoted), topics as
// query targets, and path filters; each answer checked against the graph file itself.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using polgraph::test::read_file;
using polgraph::test::run;
using polgraph::test::run_ok;
using polgraph::test::sh_quote;
using polgraph::test::TempDir;

namespace {

std::string bin() {
    return polgraph::test::polgraph_bin();
}

// A copy of data/sample under tmp/sample, extracted from tmp (relative paths in the graph).
std::string extract_copy(const TempDir& tmp) {
    fs::copy(polgraph::test::source_dir() + "/data/sample", tmp.file("sample"),
             fs::copy_options::recursive);
    run_ok("cd " + sh_quote(tmp.path()) + " && " + bin() + " extract sample -q -o g.json");
    return tmp.file("g.json");
}

json query_json(const std::string& dir, const std::string& args) {
    return json::parse(
        run_ok("cd " + sh_quote(dir) + " && " + bin() + " query g.json " + args + " --json").out);
}

} // namespace

TEST_CASE("query evidence quotes the sentences naming both, read back from the files",
          "[cli][query]") {
    TempDir tmp;
    extract_copy(tmp);
    const json r = query_json(tmp.path(), "evidence OpenAI Anthropic --top 0");
    REQUIRE(r["total"].get<std::size_t>() >= 1);
    REQUIRE(r["results"].size() == r["total"].get<std::size_t>());
    std::set<std::string> articles;
    for (const auto& e : r["results"]) {
        CHECK(e["status"] == "ok");
        const std::string marked = e["marked"];
        CHECK(marked.find("[[OpenAI]]") != std::string::npos);
        CHECK(marked.find("[[Anthropic]]") != std::string::npos);
        // The quoted text is in the article's file, as it is.
        const std::string file = tmp.file(e["file"].get<std::string>());
        CHECK(read_file(file).find(e["text"].get<std::string>()) != std::string::npos);
        articles.insert(e["article"]["id"].get<std::string>());
    }
    // Every article quoted mentions both (the graph's mentions edges say so).
    const json g = json::parse(read_file(tmp.file("g.json")));
    std::map<std::string, std::set<std::string>> mentions;
    for (const auto& l : g["links"])
        if (l["kind"] == "mentions")
            mentions[l["source"].get<std::string>()].insert(l["target"].get<std::string>());
    for (const auto& a : articles) {
        CHECK(mentions[a].count("organization:openai") == 1);
        CHECK(mentions[a].count("organization:anthropic") == 1);
    }
    // The text form says the same.
    const std::string text = run_ok("cd " + sh_quote(tmp.path()) + " && " + bin() +
                                    " query g.json evidence OpenAI Anthropic")
                                 .out;
    CHECK(text.find("[[Anthropic]]") != std::string::npos);
}

TEST_CASE("query evidence: a moved file names --root, a changed one is never quoted",
          "[cli][query]") {
    TempDir tmp;
    extract_copy(tmp);
    const std::string g = sh_quote(tmp.file("g.json"));
    // From another directory the relative paths miss; --root finds them again.
    TempDir elsewhere;
    const std::string away = "cd " + sh_quote(elsewhere.path()) + " && " + bin() + " query " + g +
                             " evidence OpenAI Anthropic";
    const std::string moved = run_ok(away).out;
    CHECK(moved.find("no file at sample/") != std::string::npos);
    CHECK(moved.find("--root") != std::string::npos);
    CHECK(moved.find("[[") == std::string::npos);
    CHECK(run_ok(away + " --root " + sh_quote(tmp.path())).out.find("[[OpenAI]]") !=
          std::string::npos);
    // A file edited since extraction: reported as changed, never quoted.
    const json before = query_json(tmp.path(), "evidence OpenAI Anthropic --top 1");
    REQUIRE(before["results"].size() == 1);
    const std::string file = tmp.file(before["results"][0]["file"].get<std::string>());
    { std::ofstream(file, std::ios::app) << "\nOne more line.\n"; }
    const json changed = query_json(tmp.path(), "evidence OpenAI Anthropic --top 1");
    CHECK(changed["results"][0]["status"] == "changed");
    CHECK_FALSE(changed["results"][0].contains("text"));
    fs::remove(file);
    const json missing = query_json(tmp.path(), "evidence OpenAI Anthropic --top 1");
    CHECK(missing["results"][0]["status"] == "missing");
    // --root must name a directory.
    const auto bad = run(away + " --root " + sh_quote(tmp.file("nowhere")));
    CHECK(bad.status == 2);
    CHECK(bad.err.find("nowhere") != std::string::npos);
}

TEST_CASE("query topics counts each topic's articles as the graph's has_topic edges do",
          "[cli][query]") {
    TempDir tmp;
    extract_copy(tmp);
    const json r = query_json(tmp.path(), "topics --top 3");
    const json g = json::parse(read_file(tmp.file("g.json")));
    std::map<std::string, std::string> parent;
    for (const auto& n : g["nodes"])
        if (n["kind"] == "topic" && n.contains("parent") && n["parent"].is_string())
            parent[n["id"].get<std::string>()] = n["parent"].get<std::string>();
    // Articles per topic, a parent taking its subtopics' articles.
    std::map<std::string, std::set<std::string>> on;
    for (const auto& l : g["links"]) {
        if (l["kind"] != "has_topic") continue;
        for (std::string t = l["target"]; !t.empty(); t = parent.count(t) ? parent[t] : "")
            on[t].insert(l["source"].get<std::string>());
    }
    REQUIRE_FALSE(r["results"].empty());
    std::size_t last = SIZE_MAX;
    for (const auto& t : r["results"]) {
        const std::size_t n = t["articles"];
        CHECK(n == on[t["id"].get<std::string>()].size());
        CHECK(n <= last); // most articles first
        last = n;
        CHECK(t["entities"].size() <= 3);
    }
    // Within dates: never more articles than without.
    const json since = query_json(tmp.path(), "topics --since 2025-09");
    CHECK(since["filters"] == "--since 2025-09");
    for (const auto& t : since["results"])
        CHECK(t["articles"].get<std::size_t>() <= on[t["id"].get<std::string>()].size());
    // top --topic names the topic once in its header, with the other filters after it.
    const std::string label = r["results"][0]["label"];
    const std::string header =
        run_ok("cd " + sh_quote(tmp.path()) + " && " + bin() + " query g.json top --topic " +
               sh_quote(label) + " --since 2020 --exclude-types location")
            .out;
    const std::string first = header.substr(0, header.find('\n'));
    CHECK(first.find("in articles on " + label + " (") != std::string::npos);
    CHECK(first.find("--topic") == std::string::npos);
    CHECK(first.find("(--since 2020 --exclude-types location)") != std::string::npos);
}

TEST_CASE("query path --exclude-types and --max-hops change the route and say so", "[cli][query]") {
    TempDir tmp;
    extract_copy(tmp);
    // The ends (entity ids) of a path's inner hops.
    auto inner_types = [](const json& r) {
        std::set<std::string> types;
        for (std::size_t i = 0; i + 1 < r["hops"].size(); ++i)
            types.insert(r["hops"][i]["to"]["type"].get<std::string>());
        return types;
    };
    const json all = query_json(tmp.path(), "path organization:smic person:jensen-huang");
    REQUIRE(all["found"] == true);
    REQUIRE(inner_types(all).count("location") == 1); // through China
    const json no_places = query_json(
        tmp.path(), "path organization:smic person:jensen-huang --exclude-types location");
    CHECK(no_places["filters"] == "--exclude-types location");
    REQUIRE(no_places["found"] == true);
    CHECK(inner_types(no_places).count("location") == 0);
    CHECK(no_places["hops"].size() >= all["hops"].size());
    const json one =
        query_json(tmp.path(), "path organization:smic person:jensen-huang --max-hops 1");
    CHECK(one["found"] == false);
    CHECK(one["reason"].get<std::string>().find("no path of at most 1 hop") != std::string::npos);
    // A sentence per hop only when asked for, in JSON and in text.
    for (const auto& hop : all["hops"]) CHECK_FALSE(hop.contains("evidence"));
    const std::string cmd = "cd " + sh_quote(tmp.path()) + " && " + bin() +
                            " query g.json path organization:smic person:jensen-huang";
    const std::string plain = run_ok(cmd).out;
    CHECK(plain.find("[, sentence") == std::string::npos);
    CHECK(plain.find("(no kept article") == std::string::npos);
    const json quoted =
        query_json(tmp.path(), "path organization:smic person:jensen-huang --evidence");
    REQUIRE(quoted["hops"].size() == all["hops"].size());
    for (const auto& hop : quoted["hops"]) {
        const std::string status = hop["evidence"]["status"];
        CHECK((status == "ok" || status == "none"));
        if (status != "ok") continue;
        CHECK_FALSE(hop["evidence"]["article"]["id"].get<std::string>().empty());
        CHECK(hop["evidence"]["marked"].get<std::string>().find("[[") != std::string::npos);
    }
    const std::string text = run_ok(cmd + " --evidence").out;
    CHECK(text.size() > plain.size());
    for (std::size_t i = 1; i <= quoted["hops"].size(); ++i) {
        const std::string hop = "\n  hop " + std::to_string(i);
        CHECK((text.find(hop + " [") != std::string::npos ||
               text.find(hop + ": (no kept article") != std::string::npos));
    }
}
