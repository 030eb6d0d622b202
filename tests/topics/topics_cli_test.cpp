// The real `polgraph extract` on real files: keyphrases only with --keyphrases, topics of the
// development corpus (../shared/corpus), the entity-topic view, and shard independence of the
// corpus-level (fold-time) topic and keyphrase weights.
#include <map>
#include <set>

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "tests/support.hpp"

using namespace polgraph::test;
using nlohmann::json;

namespace {

std::size_t count_kind(const json& items, const std::string& kind) {
    std::size_t n = 0;
    for (const auto& x : items)
        if (x.value("kind", "") == kind) ++n;
    return n;
}

/// article id -> targets of its edges of `kind`
std::map<std::string, std::set<std::string>> targets(const json& g, const std::string& kind) {
    std::map<std::string, std::set<std::string>> out;
    for (const auto& l : g["links"])
        if (l["kind"] == kind) out[l["source"]].insert(l["target"].get<std::string>());
    return out;
}

void write_keyphrase_corpus(const TempDir& tmp) {
    tmp.write("in/qec.md",
              article("Quantum error correction gets practical", "2025-05-01",
                      "<p>Quantum error correction is the field's main hurdle.</p>"
                      "<p>Engineers now build quantum error correction into every design. Better "
                      "quantum error correction needs logical qubits.</p>"
                      "<p>Logical qubits stay fragile, and logical qubits are expensive.</p>"));
    tmp.write("in/grid.md",
              article("Grid operators brace for data centres", "2025-05-02",
                      "<p>Grid operators expect electricity demand to climb.</p>"
                      "<p>Electricity demand from data centres doubles, grid operators say.</p>"));
}

} // namespace

TEST_CASE("keyphrase nodes only with --keyphrases", "[topics][keyphrases][cli]") {
    TempDir tmp;
    write_keyphrase_corpus(tmp);
    const std::string in = sh_quote(tmp.file("in"));
    auto plain = run(polgraph_bin() + " extract -q " + in + " -o " + sh_quote(tmp.file("plain.json")) +
                     " --jsonl " + sh_quote(tmp.file("plain.jsonl")));
    INFO(plain.err);
    REQUIRE(plain.status == 0);
    json g0 = json::parse(read_file(tmp.file("plain.json")));
    CHECK(count_kind(g0["nodes"], "keyphrase") == 0);
    CHECK(count_kind(g0["links"], "has_keyphrase") == 0);
    CHECK(read_file(tmp.file("plain.jsonl")).find("\"keyphrases\"") == std::string::npos);

    auto with = run(polgraph_bin() + " extract -q --keyphrases " + in + " -o " +
                    sh_quote(tmp.file("kp.json")) + " --jsonl " + sh_quote(tmp.file("kp.jsonl")));
    INFO(with.err);
    REQUIRE(with.status == 0);
    json g = json::parse(read_file(tmp.file("kp.json")));
    CHECK(count_kind(g["nodes"], "keyphrase") > 0);
    auto kp = targets(g, "has_keyphrase");
    // Phrases repeated in each article (the last word singular).
    CHECK(kp["qec"].count("keyphrase:quantum-error-correction"));
    CHECK(kp["qec"].count("keyphrase:logical-qubit"));
    CHECK(kp["grid"].count("keyphrase:electricity-demand"));
    CHECK(kp["grid"].count("keyphrase:grid-operator"));
    // Stop words and verbs do not make phrases.
    for (const auto& [art, ids] : kp)
        for (const auto& id : ids) {
            CHECK(id.find("-the-") == std::string::npos);
            CHECK(id != "keyphrase:say");
        }
    for (const auto& n : g["nodes"])
        if (n["id"] == "keyphrase:quantum-error-correction") CHECK(n["label"] == "quantum error correction");
    // The graph with keyphrases reloads to the same bytes.
    auto re = run(polgraph_bin() + " export -q " + sh_quote(tmp.file("kp.json")) + " -o " +
                  sh_quote(tmp.file("re.json")));
    INFO(re.err);
    REQUIRE(re.status == 0);
    CHECK(read_file(tmp.file("re.json")) == read_file(tmp.file("kp.json")));
}

TEST_CASE("topics of the development corpus", "[topics][corpus][cli]") {
    const std::string shared = shared_dir();
    if (shared.empty()) {
        WARN("../shared is absent: skipping the development-corpus topic test");
        return;
    }
    TempDir tmp;
    const std::string corpus = shared + "/corpus";
    auto r = run(polgraph_bin() + " extract -q " + sh_quote(corpus) + " -o " +
                 sh_quote(tmp.file("g.json")) + " --jsonl " + sh_quote(tmp.file("r.jsonl")));
    INFO(r.err);
    REQUIRE(r.status == 0);
    json g = json::parse(read_file(tmp.file("g.json")));
    auto topics = targets(g, "has_topic");
    const auto& seed = topics["000_seed"];
    INFO("seed topics: " << json(seed).dump());
    CHECK(seed.count("topic:export-controls"));
    CHECK((seed.count("topic:semiconductors") || seed.count("topic:hardware-accelerators")));
    CHECK(seed.count("topic:scaling-laws"));
    CHECK(seed.count("topic:reinforcement-learning-reasoning"));
    CHECK(seed.count("topic:us-china-competition"));
    CHECK((seed.count("topic:national-security-intelligence") || seed.count("topic:military-ai")));
    CHECK_FALSE(seed.count("topic:healthcare"));
    CHECK_FALSE(seed.count("topic:copyright-ip"));
    CHECK_FALSE(seed.count("topic:elections-disinformation"));
    // Every article gets at least one topic.
    std::size_t articles = 0;
    for (const auto& n : g["nodes"])
        if (n["kind"] == "article") {
            ++articles;
            INFO(n["id"]);
            CHECK(topics[n["id"]].size() >= 1);
        }
    CHECK(articles >= 15);
    // The records carry their topics with id, name and score.
    auto lines = read_file(tmp.file("r.jsonl"));
    json first = json::parse(lines.substr(0, lines.find('\n')));
    REQUIRE(first["topics"].size() > 0);
    for (const auto& t : first["topics"]) {
        CHECK(t["id"].get<std::string>().rfind("topic:", 0) == 0);
        CHECK(t["name"].is_string());
        CHECK(t["score"].is_number());
    }
}

TEST_CASE("fold-time topic and keyphrase weights do not depend on the shards",
          "[topics][corpus][cli]") {
    const std::string shared = shared_dir();
    if (shared.empty()) {
        WARN("../shared is absent: skipping the shard test on the development corpus");
        return;
    }
    TempDir tmp;
    const std::string c = sh_quote(shared + "/corpus") + "/";
    auto run_ok = [&](const std::string& args) {
        auto r = run(polgraph_bin() + " " + args);
        INFO(args << "\n" << r.err);
        REQUIRE(r.status == 0);
    };
    run_ok("extract -q --keyphrases " + c + "00[0-6]*.md --jsonl " + sh_quote(tmp.file("a.jsonl")));
    run_ok("extract -q --keyphrases " + c + "00[7-9]*.md " + c + "0[1-9]*.md -o " +
           sh_quote(tmp.file("b.json")));
    run_ok("extract -q --keyphrases " + sh_quote(shared + "/corpus") + " -o " +
           sh_quote(tmp.file("all.json")));
    run_ok("merge -q " + sh_quote(tmp.file("b.json")) + " " + sh_quote(tmp.file("a.jsonl")) +
           " -o " + sh_quote(tmp.file("merged.json")));
    const std::string all = read_file(tmp.file("all.json"));
    CHECK(all == read_file(tmp.file("merged.json")));
    // The shard graph alone has other (smaller-corpus) weights, which is why they are computed
    // at fold time and not stored in the records.
    json gb = json::parse(read_file(tmp.file("b.json")));
    json ga = json::parse(all);
    std::map<std::string, double> wb, wa;
    for (const auto& l : gb["links"])
        if (l["kind"] == "has_keyphrase") wb[l["source"].get<std::string>() + ">" + l["target"].get<std::string>()] = l["weight"];
    for (const auto& l : ga["links"])
        if (l["kind"] == "has_keyphrase") wa[l["source"].get<std::string>() + ">" + l["target"].get<std::string>()] = l["weight"];
    std::size_t differ = 0;
    for (const auto& [k, w] : wb)
        if (wa.count(k) && wa[k] != w) ++differ;
    CHECK(differ > 0);
}

TEST_CASE("entity-topic view counts the articles where both occur", "[topics][view][cli]") {
    // a1: Anthropic + export controls; a2: Anthropic, OpenAI + copyright;
    // a3: Anthropic, OpenAI + export controls. Expected article counts:
    //   Anthropic–Export controls 2, Anthropic–Copyright 1, OpenAI–Copyright 1,
    //   OpenAI–Export controls 1.
    TempDir tmp;
    tmp.write("in/a1.md", article("Export controls tighten", "2025-01-01",
                                  "<p>Anthropic backs export controls. Export controls matter.</p>"));
    tmp.write("in/a2.md", article("Copyright fight", "2025-01-02",
                                  "<p>OpenAI and Anthropic face copyright suits over copyright.</p>"));
    tmp.write("in/a3.md", article("Export controls again", "2025-01-03",
                                  "<p>OpenAI and Anthropic discuss export controls. Export controls "
                                  "stay.</p>"));
    auto r = run(polgraph_bin() + " extract -q " + sh_quote(tmp.file("in")) + " -o " +
                 sh_quote(tmp.file("g.json")));
    INFO(r.err);
    REQUIRE(r.status == 0);
    auto v = run(polgraph_bin() + " export -q " + sh_quote(tmp.file("g.json")) +
                 " --view entity-topic -o " + sh_quote(tmp.file("et.json")));
    INFO(v.err);
    REQUIRE(v.status == 0);
    json et = json::parse(read_file(tmp.file("et.json")));
    std::map<std::pair<std::string, std::string>, double> w;
    for (const auto& l : et["links"]) {
        CHECK(l["kind"] == "entity_topic");
        w[{l["source"], l["target"]}] = l["weight"];
    }
    auto weight = [&](const std::string& a, const std::string& b) {
        if (w.count({a, b})) return w[{a, b}];
        if (w.count({b, a})) return w[{b, a}];
        return 0.0;
    };
    CHECK(weight("organization:anthropic", "topic:export-controls") == 2);
    CHECK(weight("organization:anthropic", "topic:copyright-ip") == 1);
    CHECK(weight("organization:openai", "topic:copyright-ip") == 1);
    CHECK(weight("organization:openai", "topic:export-controls") == 1);
}
