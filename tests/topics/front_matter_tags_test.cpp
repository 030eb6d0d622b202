// Front-matter tags, categories and keywords as topics: normalised, matched to the taxonomy by
// label, id or cue, otherwise new topics with source "front-matter".
#include <algorithm>
#include <map>
#include <set>

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "extractors/reader.hpp"
#include "extractors/tokenizer.hpp"
#include "extractors/topic_extractor.hpp"
#include "tests/support.hpp"

using namespace polgraph;
using namespace polgraph::test;
using nlohmann::json;

namespace {

const TopicRecord* find_topic(const std::vector<TopicRecord>& ts, const std::string& id) {
    auto it = std::find_if(ts.begin(), ts.end(), [&](const TopicRecord& t) { return t.id == id; });
    return it == ts.end() ? nullptr : &*it;
}

} // namespace

TEST_CASE("tag normalisation: case, hyphens, underscores, plurals, #hashtags", "[topics]") {
    CHECK(normalize_topic_phrase("#Export_Controls") == "export control");
    CHECK(normalize_topic_phrase("export-controls") == "export control");
    CHECK(normalize_topic_phrase("  Data Centres ") == "data centre");
    CHECK(normalize_topic_phrase("Policies") == "policy");
    CHECK(normalize_topic_phrase("news") == "news");
    CHECK(normalize_topic_phrase("Ethics") == "ethics");
    CHECK(singular_word("approaches") == "approach");
    CHECK(singular_word("licenses") == "license");
    CHECK(singular_word("bias") == "bias");
}

TEST_CASE("front-matter tags become topics", "[topics]") {
    TopicTaxonomy tax;
    tax.add_json(R"([
      {"id": "export-controls", "label": "Export controls",
       "cues": {"export controls": 3, "entity list": 2.5}},
      {"id": "open-weight", "label": "Open-weight models", "cues": {"open source": 2}}
    ])", "inline");
    const std::string doc =
        "---\ntitle: Nothing\ntags: [\"#Export_Controls\", export-control, Entity Lists, "
        "\"#OpenSource\", Quantum Stuff, quantum-stuff]\ncategories: AI Policy\n"
        "keywords: [Chips]\n---\nNothing relevant here.\n";
    Article a = parse_article(doc, "t.md", "t", InputKind::Markdown);
    auto ts = TopicExtractor(tax).extract(a, tokenize(a), 5.0).topics;

    // Three spellings of one topic count once per distinct tag: "export control" (label) and
    // "entity list" (a cue), each 1.0.
    const TopicRecord* ec = find_topic(ts, "topic:export-controls");
    REQUIRE(ec);
    CHECK(ec->source == "taxonomy");
    CHECK(ec->name == "Export controls");
    CHECK(ec->score == Approx(2.0));
    CHECK(ec->cues.count("#export control"));
    CHECK(ec->cues.count("#entity list"));
    // A camel-case hashtag is split when that matches the taxonomy.
    const TopicRecord* ow = find_topic(ts, "topic:open-weight");
    REQUIRE(ow);
    CHECK(ow->source == "taxonomy");
    CHECK(ow->score == Approx(1.0));
    // Unknown tags are new topics, one per normalised form, named as first written.
    const TopicRecord* qs = find_topic(ts, "topic:quantum-stuff");
    REQUIRE(qs);
    CHECK(qs->source == "front-matter");
    CHECK(qs->name == "Quantum Stuff");
    CHECK(qs->score == Approx(1.0));
    const TopicRecord* pol = find_topic(ts, "topic:ai-policy");
    REQUIRE(pol);
    CHECK(pol->source == "front-matter");
    const TopicRecord* chips = find_topic(ts, "topic:chip");
    REQUIRE(chips);
    CHECK(chips->name == "Chips");
    CHECK(ts.size() == 5);
}

TEST_CASE("extract keeps tagged topics whatever the threshold", "[topics][cli]") {
    TempDir tmp;
    tmp.write("in/tagged.md",
              article("A tagged note", "2025-03-01", "<p>A short note about nothing much.</p>",
                      "tags: [Export-Controls, \"#Quantum_Stuff\"]\n"));
    auto r = run(polgraph_bin() + " extract -q --min-topic-score 50 " + sh_quote(tmp.file("in")) +
                 " -o " + sh_quote(tmp.file("g.json")) + " --jsonl " + sh_quote(tmp.file("r.jsonl")));
    INFO(r.err);
    REQUIRE(r.status == 0);
    json rec = json::parse(read_file(tmp.file("r.jsonl")));
    CHECK(rec["min_topic_score"] == 50.0);
    std::map<std::string, json> topics;
    for (const auto& t : rec["topics"]) {
        CHECK(t.contains("name"));
        CHECK(t.contains("score"));
        topics[t["id"]] = t;
    }
    REQUIRE(topics.count("topic:export-controls"));
    CHECK(topics["topic:export-controls"]["source"] == "taxonomy");
    REQUIRE(topics.count("topic:quantum-stuff"));
    CHECK(topics["topic:quantum-stuff"]["source"] == "front-matter");
    CHECK(topics["topic:quantum-stuff"]["name"] == "Quantum Stuff");

    json g = json::parse(read_file(tmp.file("g.json")));
    std::set<std::string> linked;
    for (const auto& l : g["links"])
        if (l["kind"] == "has_topic" && l["source"] == "tagged") linked.insert(l["target"]);
    CHECK(linked == std::set<std::string>{"topic:export-controls", "topic:quantum-stuff"});
    bool front_matter_node = false;
    for (const auto& n : g["nodes"])
        if (n["id"] == "topic:quantum-stuff")
            front_matter_node = n["kind"] == "topic" && n["source"] == "front-matter";
    CHECK(front_matter_node);
}
