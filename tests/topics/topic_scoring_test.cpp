// Topic scoring on small texts with a tiny taxonomy given inline. Every expected number is worked
// out by hand in the comment next to it, from the formulas documented in
// extractors/topic_extractor.hpp (cue contribution w · (1 + ln m) / 5, m = positional mass:
// title 2, first paragraph 1.5, body 1) and core/topic_weights.hpp (document-frequency damping).
#include <algorithm>
#include <cmath>

#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "core/graph.hpp"
#include "core/topic_weights.hpp"
#include "extractors/reader.hpp"
#include "extractors/tokenizer.hpp"
#include "extractors/topic_extractor.hpp"

using namespace polgraph;

namespace {

const char* kTaxonomy = R"([
  {"id": "trade", "label": "Trade", "parent": null, "cues": {"tariffs": 2}},
  {"id": "export-controls", "label": "Export controls", "parent": "trade",
   "cues": {"export controls": 3, "chip": 1}},
  {"id": "labour", "label": "Labour", "parent": null, "cues": {"unions": 2.5}},
  {"id": "data-centres", "label": "Data centres", "parent": null, "cues": {"data centre": 2}},
  {"id": "creative", "label": "Creative industries", "parent": null,
   "cues": {"actors": 2.5, "hollywood": 3}},
  {"id": "misuse", "label": "Misuse", "parent": null, "cues": {"bad actors": 2}},
  {"id": "earnings", "label": "Earnings", "parent": null, "cues": {"profit": 2}},
  {"id": "semis", "label": "Semiconductors", "parent": null, "cues": {"chips": 1}},
  {"id": "accelerators", "label": "AI accelerators", "parent": "semis", "cues": {"ai chips": 2.5}}
])";

TopicTaxonomy taxonomy() {
    TopicTaxonomy t;
    t.add_json(kTaxonomy, "inline");
    return t;
}

std::vector<TopicRecord> topics_of(const TopicTaxonomy& tax, const std::string& doc) {
    Article a = parse_article(doc, "t.md", "t", InputKind::Markdown);
    return TopicExtractor(tax).extract(a, tokenize(a), 0.0).topics;
}

const TopicRecord* find_topic(const std::vector<TopicRecord>& ts, const std::string& id) {
    auto it = std::find_if(ts.begin(), ts.end(), [&](const TopicRecord& t) { return t.id == id; });
    return it == ts.end() ? nullptr : &*it;
}

ArticleRecord record(const std::string& id, std::vector<TopicRecord> topics) {
    ArticleRecord r;
    r.id = id;
    r.title = id;
    r.hash = "h" + id;
    r.topics = std::move(topics);
    return r;
}

TopicRecord candidate(const std::string& id, std::map<std::string, double> cues) {
    TopicRecord t{id, id.substr(6), 0, "", "taxonomy", "", std::move(cues)};
    for (const auto& [k, v] : t.cues) t.score += v;
    return t;
}

} // namespace

TEST_CASE("cue scores weigh position, damp repetition and match plurals", "[topics]") {
    const TopicTaxonomy tax = taxonomy();
    auto ts = topics_of(tax, "---\ntitle: \"Export controls return\"\n---\n"
                             "New export controls on chips.\n\n"
                             "Export controls again. Data centres and the European Union grow.\n");
    // "export controls": title 2 + first paragraph 1.5 + body 1 = 4.5;
    //   3 · (1 + ln 4.5) / 5 = 0.6 · 2.5040774 = 1.5024.
    // "chip" (a singular cue also matches "chips"), first paragraph: m = 1.5;
    //   1 · (1 + ln 1.5) / 5 = 0.2 · 1.4054651 = 0.2811.
    const TopicRecord* ec = find_topic(ts, "topic:export-controls");
    REQUIRE(ec);
    CHECK(ec->cues.at("export control") == Approx(1.5024));
    CHECK(ec->cues.at("chip") == Approx(0.2811));
    CHECK(ec->score == Approx(1.7835));
    CHECK(ec->parent == "topic:trade");
    CHECK(ec->parent_name == "Trade");
    CHECK(ec->source == "taxonomy");
    // "data centre" matches "Data centres" once in the body: 2 · 1 / 5 = 0.4.
    const TopicRecord* dc = find_topic(ts, "topic:data-centres");
    REQUIRE(dc);
    CHECK(dc->score == Approx(0.4));
    // The one-word plural cue "unions" does not match "Union".
    CHECK_FALSE(find_topic(ts, "topic:labour"));
    // Sorted by score.
    CHECK(ts.front().id == "topic:export-controls");

    // Repetition is damped: a cue twice in the body, m = 2: 2 · (1 + ln 2) / 5 = 0.6773, less
    // than twice the single mention (2 · 0.4).
    auto rep = topics_of(tax, "---\ntitle: Note\n---\nIntro.\n\nTariffs rose. Tariffs fell.\n");
    const TopicRecord* trade = find_topic(rep, "topic:trade");
    REQUIRE(trade);
    CHECK(trade->score == Approx(0.6773));
}

TEST_CASE("a cue inside a longer cue of an unrelated topic does not count", "[topics]") {
    const TopicTaxonomy tax = taxonomy();
    auto ts = topics_of(tax, "---\ntitle: Note\n---\nIntro.\n\nBad actors abound. Non-profit "
                             "groups and for-profit firms. Hollywood actors strike. AI chips sell.\n");
    // "bad actors" counts for misuse (2 · 1 / 5), not "actors" for the creative industries; the
    // creative industries get "hollywood" (3 / 5) and "actors" in "Hollywood actors" (2.5 / 5).
    const TopicRecord* misuse = find_topic(ts, "topic:misuse");
    REQUIRE(misuse);
    CHECK(misuse->score == Approx(0.4));
    const TopicRecord* creative = find_topic(ts, "topic:creative");
    REQUIRE(creative);
    CHECK(creative->score == Approx(1.1));
    // "non-profit" is no profit; "for-profit" is.
    const TopicRecord* earnings = find_topic(ts, "topic:earnings");
    REQUIRE(earnings);
    CHECK(earnings->score == Approx(0.4));
    // "ai chips" (accelerators) contains "chips" of its parent topic: both count.
    REQUIRE(find_topic(ts, "topic:accelerators"));
    CHECK(find_topic(ts, "topic:accelerators")->score == Approx(0.5));
    REQUIRE(find_topic(ts, "topic:semis"));
    CHECK(find_topic(ts, "topic:semis")->score == Approx(0.2));
}

TEST_CASE("taxonomy errors name the file and the problem", "[topics]") {
    TopicTaxonomy t;
    CHECK_THROWS_AS(t.add_json("{", "bad.json"), ParseError);
    CHECK_THROWS_WITH(t.add_json(R"([{"id": "a", "parent": "nope"}])", "t.json"),
                      Catch::Contains("t.json") && Catch::Contains("unknown parent"));
    TopicTaxonomy u;
    CHECK_THROWS_WITH(u.add_json(R"([{"id": "a"}, {"id": "A"}])", "t.json"),
                      Catch::Contains("duplicate topic id"));
    TopicTaxonomy v;
    CHECK_THROWS_WITH(v.add_json(R"([{"id": "a", "cues": {"x": 0}}])", "t.json"),
                      Catch::Contains("positive number"));
}

TEST_CASE("document frequency damping of cues, by hand", "[topics]") {
    // Share f = (df + 1) / (n + 10); damping min(1, ln(1 + 1/f) / ln 6).
    CHECK(cue_damping(1, 1) == 1.0);     // f = 2/11: ln 6.5 / ln 6 > 1
    CHECK(cue_damping(4, 15) == 1.0);    // f = 5/25 = 0.2: ln 6 / ln 6
    CHECK(cue_damping(15, 15) == Approx(0.52517).epsilon(1e-4)); // f = 0.64: ln 2.5625 / ln 6
    CHECK(cue_damping(1000, 1000) == Approx(0.38935).epsilon(1e-4)); // ln(1 + 1010/1001) / ln 6
    CHECK(keyphrase_idf(1, 1) == Approx(1.0));
    CHECK(keyphrase_idf(1, 15) == Approx(std::log(8.0) + 1.0));
}

TEST_CASE("the fold damps common cues, applies the threshold and keeps tags", "[topics]") {
    // Three articles; the cue "common" is in all three: f = 4/13, damping
    // ln(1 + 13/4) / ln 6 = 1.446919 / 1.791759 = 0.807543. "rare" is in one: no damping.
    //   a1: A = 0.6 · 0.807543 + 0.6 = 1.0845 -> kept (>= 1.0)
    //   a2: A = 0.6 · 0.807543        = 0.4845 -> dropped
    //   a3: B = 0.4845 + 1.0 (tag)    = 1.4845 -> kept (a tag keeps it anyway)
    std::vector<ArticleRecord> recs = {
        record("a1", {candidate("topic:a", {{"common", 0.6}, {"rare", 0.6}})}),
        record("a2", {candidate("topic:a", {{"common", 0.6}})}),
        record("a3", {candidate("topic:b", {{"common", 0.6}, {"#b", 1.0}})}),
    };
    const CorpusWeights w(recs);
    CHECK(w.cue_df("common") == 3);
    CHECK(w.cue_df("#b") == 0);
    REQUIRE(w.topics(recs[0]).size() == 1);
    CHECK(w.topics(recs[0])[0].score == Approx(1.0845));
    CHECK(w.topics(recs[1]).empty());
    REQUIRE(w.topics(recs[2]).size() == 1);
    CHECK(w.topics(recs[2])[0].score == Approx(1.4845));
    // A higher threshold on a2 changes nothing for the others.
    recs[0].min_topic_score = 1.1;
    CHECK(CorpusWeights(recs).topics(recs[0]).empty());
    recs[0].min_topic_score = 1.0;

    // The graph: has_topic edges carry the damped scores; a2 has none but keeps its candidate.
    KnowledgeGraph g = KnowledgeGraph::build(recs);
    std::map<std::string, double> edges;
    g.for_each_edge([&](std::size_t s, std::size_t t, const Edge& e) {
        if (e.kind == "has_topic") edges[g.node(s).id + ">" + g.node(t).id] = e.weight;
    });
    CHECK(edges.size() == 2);
    CHECK(edges.at("a1>topic:a") == Approx(1.0845));
    CHECK(edges.at("a3>topic:b") == Approx(1.4845));
    REQUIRE(g.find("topic:a"));
    CHECK(g.node(*g.find("topic:a")).articles == 1);
    auto back = g.to_records();
    REQUIRE(back.size() == 3);
    REQUIRE(back[1].topics.size() == 1);
    CHECK(back[1].topics[0].cues.at("common") == Approx(0.6));

    // Folding a subset gives other weights (the corpus is smaller) but never depends on order.
    std::vector<ArticleRecord> reversed(recs.rbegin(), recs.rend());
    KnowledgeGraph g2 = KnowledgeGraph::build(reversed);
    std::map<std::string, double> edges2;
    g2.for_each_edge([&](std::size_t s, std::size_t t, const Edge& e) {
        if (e.kind == "has_topic") edges2[g2.node(s).id + ">" + g2.node(t).id] = e.weight;
    });
    CHECK(edges2 == edges);

    // A fourth article where "common" was found but no topic reached the threshold still counts
    // for the document frequency: f = 5/14, damping ln 3.8 / ln 6 = 0.745079;
    // a1: 0.6 · 0.745079 + 0.6 = 1.0470.
    ArticleRecord a4 = record("a4", {});
    a4.topic_cues = {"common"};
    recs.push_back(a4);
    const CorpusWeights w4(recs);
    CHECK(w4.cue_df("common") == 4);
    REQUIRE(w4.topics(recs[0]).size() == 1);
    CHECK(w4.topics(recs[0])[0].score == Approx(1.0470));
}

TEST_CASE("extraction keeps the candidates that can reach the threshold, and every cue",
          "[topics]") {
    const TopicTaxonomy tax = taxonomy();
    Article a = parse_article("---\ntitle: \"Export controls return\"\n---\nNew export controls on "
                              "chips.\n\nData centres grow.\n",
                              "t.md", "t", InputKind::Markdown);
    auto r = TopicExtractor(tax).extract(a, tokenize(a), 1.0);
    // export controls: title 2 + first paragraph 1.5 = 3.5: 0.6 · (1 + ln 3.5) = 1.3517, plus
    // "chip" 0.2811 = 1.6328; data centres 0.4 and semiconductors 0.2811 stay below 1.0.
    REQUIRE(r.topics.size() == 1);
    CHECK(r.topics[0].id == "topic:export-controls");
    CHECK(r.topics[0].score == Approx(1.6328));
    CHECK(r.cues == std::vector<std::string>{"chip", "chips", "data centre", "export control"});
}

TEST_CASE("records without cue evidence keep their topics as given", "[topics]") {
    ArticleRecord r = record("x", {{"topic:t", "T", 0.25, "", "taxonomy", "", {}}});
    const CorpusWeights w({r});
    REQUIRE(w.topics(r).size() == 1);
    CHECK(w.topics(r)[0].score == Approx(0.25));
}
