// The real `polgraph extract` binary on real files, with outputs checked by the real clients.
#include <algorithm>
#include <filesystem>
#include <set>

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "tests/support.hpp"

using namespace polgraph::test;
using nlohmann::json;

namespace {

json records_by_id(const std::string& jsonl) {
    json out = json::object();
    std::size_t pos = 0;
    while (pos < jsonl.size()) {
        auto eol = jsonl.find('\n', pos);
        if (eol == std::string::npos) eol = jsonl.size();
        auto line = jsonl.substr(pos, eol - pos);
        if (!line.empty()) {
            json r = json::parse(line);
            out[r["id"].get<std::string>()] = r;
        }
        pos = eol + 1;
    }
    return out;
}

const json* entity(const json& rec, const std::string& type, const std::string& name) {
    for (const auto& e : rec["entities"])
        if (e["type"] == type && e["name"] == name) return &e;
    return nullptr;
}

bool has_form(const json* e, const std::string& form) {
    if (!e) return false;
    for (const auto& f : (*e)["forms"])
        if (f == form) return true;
    return false;
}

} // namespace

TEST_CASE("extract on the sample corpus writes JSON, GraphML and JSONL", "[cli]") {
    TempDir tmp;
    auto r = run(polgraph_bin() + " extract " + sh_quote(source_dir() + "/data/sample") + " -o " +
                 sh_quote(tmp.file("g.json")) + " -o " + sh_quote(tmp.file("g.graphml")) +
                 " --jsonl " + sh_quote(tmp.file("r.jsonl")));
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK_THAT(r.err, Catch::Contains("6 articles"));
    json g = json::parse(read_file(tmp.file("g.json")));
    CHECK(g["links"].size() > 0);
    auto recs = records_by_id(read_file(tmp.file("r.jsonl")));
    CHECK(recs.size() == 6);
    CHECK(entity(recs["01_chip-rules-tighten"], "person", "Jensen Huang"));
    // The same files again: identical bytes.
    auto r2 = run(polgraph_bin() + " extract " + sh_quote(source_dir() + "/data/sample") + " -o " +
                  sh_quote(tmp.file("g2.json")) + " -q");
    REQUIRE(r2.status == 0);
    CHECK(r2.err.empty());
    CHECK(read_file(tmp.file("g2.json")) == read_file(tmp.file("g.json")));
}

TEST_CASE("bad files are reported by name and reason and the rest still makes the graph", "[cli]") {
    TempDir tmp;
    tmp.write("in/good.md", article("Good", "2025-01-01", "<p>Anthropic CEO Dario Amodei spoke.</p>"));
    tmp.write("in/broken.md", "---\ntitle: [unclosed\n---\ntext\n");
    tmp.write("in/open.md", "---\ntitle: x\nno end\n");
    auto r = run(polgraph_bin() + " extract " + sh_quote(tmp.file("in")) + " -o " +
                 sh_quote(tmp.file("g.json")) + " --errors " + sh_quote(tmp.file("err.jsonl")));
    CHECK(r.status == 1);
    CHECK_THAT(r.err, Catch::Contains("broken.md") && Catch::Contains("invalid YAML"));
    CHECK_THAT(r.err, Catch::Contains("open.md") && Catch::Contains("unterminated front matter"));
    json g = json::parse(read_file(tmp.file("g.json")));
    bool good = false;
    for (const auto& n : g["nodes"])
        if (n["id"] == "good") good = true;
    CHECK(good);
    auto errs = read_file(tmp.file("err.jsonl"));
    CHECK(std::count(errs.begin(), errs.end(), '\n') == 2);
}

TEST_CASE("usage errors exit 2 and name the problem", "[cli]") {
    TempDir tmp;
    auto r = run(polgraph_bin() + " extract " + sh_quote(source_dir() + "/data/sample") + " -o " +
                 sh_quote(tmp.file("g.unknown")));
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("g.unknown") && Catch::Contains("--format"));
    auto r2 = run(polgraph_bin() + " extract");
    CHECK(r2.status == 2);
}

TEST_CASE("polgraph --version names the allocator the command was linked with", "[cli]") {
    auto r = run_ok(polgraph_bin() + " --version");
#if defined(POLGRAPH_EXPECT_MIMALLOC)
    // The build asked for mimalloc: the command must have it (a link that dropped the library
    // would leave glibc's allocator in place, silently slower).
    CHECK_THAT(r.out, Catch::Matches("polgraph [0-9.]+ \\(mimalloc [0-9]+\\.[0-9]+\\.[0-9]+\\)\n"));
#else
    CHECK_THAT(r.out, Catch::Matches("polgraph [0-9.]+ \\(system malloc\\)\n"));
#endif
}

TEST_CASE("the development corpus: every article, the seed's entities, real clients agree", "[cli][corpus]") {
    std::string shared = shared_dir();
    if (shared.empty()) {
        WARN("SKIPPED: ../shared is absent (uses ../shared/corpus and ../shared/tools/interop)");
        return;
    }
    TempDir tmp;
    auto r = run(polgraph_bin() + " extract " + sh_quote(shared + "/corpus") + " -o " +
                 sh_quote(tmp.file("g.json")) + " -o " + sh_quote(tmp.file("g.graphml")) +
                 " --jsonl " + sh_quote(tmp.file("r.jsonl")));
    INFO(r.err);
    REQUIRE(r.status == 0);
    auto recs = records_by_id(read_file(tmp.file("r.jsonl")));
    // One record per article file of the corpus, however many it holds.
    std::size_t files = 0;
    for (const auto& f : std::filesystem::directory_iterator(shared + "/corpus"))
        if (f.path().extension() == ".md") ++files;
    CHECK(files >= 15);
    CHECK(recs.size() == files);
    const json& seed = recs["000_seed"];
    CHECK(entity(seed, "person", "Dario Amodei"));
    CHECK(has_form(entity(seed, "person", "Dario Amodei"), "Amodei"));
    CHECK(entity(seed, "organization", "DeepSeek"));
    CHECK(entity(seed, "organization", "Anthropic"));
    CHECK(entity(seed, "model", "DeepSeek-V3"));
    CHECK(has_form(entity(seed, "model", "DeepSeek-R1"), "R1"));
    CHECK(has_form(entity(seed, "location", "United States"), "U.S."));
    CHECK(entity(seed, "location", "China"));
    bool export_controls = false;
    for (const auto& e : seed["entities"]) {
        if (e["type"] == "policy" && has_form(&e, "export controls")) export_controls = true;
        for (const auto& f : e["forms"]) CHECK(f.get<std::string>().find("'s") == std::string::npos);
    }
    CHECK(export_controls);
    // No entity twice under two names ("DeepSeek" and "DeepSeek's").
    std::set<std::string> names;
    for (const auto& e : seed["entities"]) CHECK(names.insert(e["name"].get<std::string>()).second);

    const std::string tools = shared + "/tools/interop/";
    auto gm = run("bash " + sh_quote(tools + "check_graphml.sh") + " " + sh_quote(tmp.file("g.graphml")));
    INFO(gm.out << gm.err);
    CHECK(gm.status == 0);
    auto js = run("/usr/bin/python3 " + sh_quote(tools + "check_json.py") + " " + sh_quote(tmp.file("g.json")));
    INFO(js.out << js.err);
    CHECK(js.status == 0);
}
