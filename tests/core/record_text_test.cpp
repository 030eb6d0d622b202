// topic_json_text / keyphrase_json_text: the same text as nlohmann's to_json(x).dump(), which
// the graph files held before (differential: random fields with escapes, non-ASCII text and
// numbers of every magnitude, and the candidates the CLI extracts from the sample corpus), and
// the same refusal of text that is not UTF-8.
#include <cmath>
#include <limits>
#include <random>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include "core/record.hpp"
#include "support.hpp"

using namespace polgraph;

namespace {

std::string random_text(std::mt19937& rng) {
    static const std::vector<std::string> pieces = {
        "a", "Export", " ", "controls", "\"", "\\", "/", "\b", "\f", "\n", "\r", "\t",
        std::string(1, '\x01'), std::string(1, '\x1f'), "\x7f", "é", "“q”", "中文", "🚀", "#tag", ":"};
    std::uniform_int_distribution<std::size_t> len(0, 6), pick(0, pieces.size() - 1);
    std::string s;
    for (std::size_t i = len(rng); i > 0; --i) s += pieces[pick(rng)];
    return s;
}

double random_number(std::mt19937& rng) {
    static const std::vector<double> fixed = {0.0, -0.0, 1.0, 2.0, 0.1, 0.0001, 1e-05, 1e-7,
                                              123456789.0, 1e15, 1e16, 1e21, 1e300, -3.25,
                                              std::numeric_limits<double>::denorm_min(),
                                              std::numeric_limits<double>::infinity(),
                                              std::numeric_limits<double>::quiet_NaN()};
    std::uniform_int_distribution<int> kind(0, 2);
    switch (kind(rng)) {
    case 0: return fixed[std::uniform_int_distribution<std::size_t>(0, fixed.size() - 1)(rng)];
    case 1: return round_score(std::uniform_real_distribution<double>(0, 20)(rng));
    default: return std::ldexp(std::uniform_real_distribution<double>(-1, 1)(rng),
                               std::uniform_int_distribution<int>(-60, 80)(rng));
    }
}

} // namespace

TEST_CASE("candidate text equals nlohmann's dump of the same record", "[record]") {
    std::mt19937 rng(20261130);
    for (int i = 0; i < 5000; ++i) {
        TopicRecord t;
        t.id = "topic:" + random_text(rng);
        t.name = random_text(rng);
        t.score = random_number(rng);
        t.parent = i % 3 ? "topic:" + random_text(rng) : "";
        t.source = i % 5 ? "taxonomy" : random_text(rng);
        t.parent_name = i % 2 ? random_text(rng) : "";
        for (int c = i % 4; c > 0; --c) t.cues[random_text(rng)] = random_number(rng);
        REQUIRE(topic_json_text(t) == to_json(t).dump());
        KeyphraseRecord k{random_text(rng), random_number(rng)};
        REQUIRE(keyphrase_json_text(k) == to_json(k).dump());
    }
}

TEST_CASE("candidate text refuses what nlohmann's dump refuses", "[record]") {
    TopicRecord t;
    t.id = "topic:x";
    t.cues["bad \xff byte"] = 1;
    CHECK_THROWS_AS(to_json(t).dump(), nlohmann::json::type_error);
    CHECK_THROWS_AS(topic_json_text(t), nlohmann::json::type_error);
    KeyphraseRecord k{"cut \xe2\x82", 1};
    CHECK_THROWS_AS(keyphrase_json_text(k), nlohmann::json::type_error);
}

TEST_CASE("candidate text of the records the CLI extracts equals nlohmann's dump", "[record]") {
    using namespace polgraph::test;
    TempDir dir;
    std::istringstream in(extract_sample_jsonl(dir.file("r.jsonl")));
    std::size_t topics = 0, keyphrases = 0;
    for (const auto& r : read_records_jsonl(in, "r.jsonl")) {
        for (const auto& t : r.topics) CHECK(topic_json_text(t) == to_json(t).dump());
        for (const auto& k : r.keyphrases) CHECK(keyphrase_json_text(k) == to_json(k).dump());
        topics += r.topics.size();
        keyphrases += r.keyphrases.size();
    }
    CHECK(topics > 0);
    CHECK(keyphrases > 0);
}
