// Packed records (core/record_pack.hpp): every field survives pack/unpack, a partial unpack
// stops where it says, and the canonical set (sort_unique) does not depend on input order.
#include <algorithm>
#include <filesystem>
#include <random>
#include <sstream>

#include <catch2/catch.hpp>

#include "core/record_pack.hpp"
#include "support.hpp"

using namespace polgraph;

namespace {

// A record with every field set to something other than its default, unsorted where
// canonicalize() sorts.
ArticleRecord full_record() {
    ArticleRecord r;
    r.id = "a-1";
    r.path = "dir/a-1.md";
    r.title = "Déjà vu: “quotes” and emoji 🚀";
    r.date = "2025-03-04";
    r.source = "example.org";
    r.url = "https://example.org/a";
    r.hash = "00ff00ff00ff00ff";
    r.bytes = 5'000'000'000ull;
    r.sentences = 77;
    r.authors = {"B. Author", "A. Author"};
    r.tags = {"ai", "chips"};
    r.meta = {{"archived", "false"}, {"lang", "en"}, {"", "empty key"}};
    EntityRecord e1;
    e1.id = "person:dario-amodei";
    e1.type = "person";
    e1.name = "Dario Amodei";
    e1.count = 3;
    e1.forms = {"Amodei", "Dario Amodei", "Amodei"};
    e1.sentences = {9, 2, 2, 40000};
    e1.source = "pattern";
    e1.confidence = 0.87654;
    e1.in_lead = true;
    e1.attrs = {{"role", "CEO"}, {"employer", "organization:anthropic"}};
    EntityRecord e2;
    e2.id = "location:china";
    e2.type = "location";
    e2.name = "China";
    e2.count = 1;
    e2.forms = {"PRC"};
    e2.sentences = {0};
    r.entities = {e1, e2};
    r.topics = {{"topic:chips", "Chips", 1.5, "topic:hardware", "taxonomy", "Hardware",
                 {{"gpu", 1.0}, {"chip", 0.5}}},
                {"topic:policy", "Policy", 2.25, "", "front-matter", "", {{"#policy", 2.25}}}};
    r.min_topic_score = 1.25;
    r.topic_cues = {"tpu", "gpu", "chip", "gpu"};
    r.relations = {{"jurisdiction", "policy:x", "location:china", 4, "X applies in China."},
                   {"affiliated_with", "person:dario-amodei", "organization:anthropic", 2,
                    "Anthropic CEO Dario Amodei said."}};
    r.keyphrases = {{"export controls", 2.5}, {"frontier models", 1.75}};
    return r;
}

std::string json_of(ArticleRecord r) {
    canonicalize(r);
    return to_json(r).dump();
}

} // namespace

TEST_CASE("pack/unpack keeps every field of a record", "[record_pack]") {
    const ArticleRecord r = full_record();
    const PackedRecord p = pack(r);
    CHECK(p.id == r.id);
    CHECK(p.hash == r.hash);
    CHECK(to_json(unpack(p)).dump() == json_of(r));
    // Packing the unpacked record gives the same bytes (the form is canonical).
    CHECK(pack(unpack(p)).data == p.data);
}

TEST_CASE("pack/unpack keeps the records the CLI extracts from the sample corpus", "[record_pack]") {
    using namespace polgraph::test;
    TempDir dir;
    std::istringstream in(extract_sample_jsonl(dir.file("r.jsonl")));
    const auto records = read_records_jsonl(in, "r.jsonl");
    std::size_t files = 0;
    for (const auto& f : std::filesystem::directory_iterator(source_dir() + "/data/sample"))
        files += f.path().extension() == ".md" || f.path().extension() == ".html";
    REQUIRE(files > 0);
    REQUIRE(records.size() == files);
    std::size_t entities = 0, relations = 0, topics = 0, keyphrases = 0;
    for (const auto& r : records) {
        CHECK(to_json(unpack(pack(r))).dump() == json_of(r));
        entities += r.entities.size();
        relations += r.relations.size();
        topics += r.topics.size();
        keyphrases += r.keyphrases.size();
    }
    // The sample exercises every list of a record.
    CHECK(entities > 0);
    CHECK(relations > 0);
    CHECK(topics > 0);
    CHECK(keyphrases > 0);
}

TEST_CASE("a partial unpack decodes its part and leaves the rest default", "[record_pack]") {
    ArticleRecord r = full_record();
    canonicalize(r);
    const PackedRecord p = pack(r);

    const ArticleRecord w = unpack(p, RecordPart::Weights);
    CHECK(w.id == r.id);
    CHECK(w.hash == r.hash);
    CHECK(w.min_topic_score == r.min_topic_score);
    CHECK(w.topic_cues == r.topic_cues);
    CHECK(to_json(w)["topics"] == to_json(r)["topics"]);
    CHECK(to_json(w)["keyphrases"] == to_json(r)["keyphrases"]);
    CHECK(w.date.empty());
    CHECK(w.entities.empty());
    CHECK(w.relations.empty());
    CHECK(w.title.empty());
    CHECK(w.path == r.path); // kept beside the packed bytes, always there

    const ArticleRecord f = unpack(p, RecordPart::Fold);
    CHECK(f.date == r.date);
    CHECK(to_json(f)["entities"] == to_json(r)["entities"]);
    CHECK(to_json(f)["relations"] == to_json(r)["relations"]);
    CHECK(f.title.empty());
    CHECK(f.meta.empty());
    CHECK(f.bytes == 0);
}

TEST_CASE("weight_keys reads a record's cues and keyphrases straight from its packed bytes",
          "[record_pack]") {
    ArticleRecord r = full_record();
    canonicalize(r);
    const PackedRecord p = pack(r);
    const WeightKeys k = weight_keys(p);
    std::vector<std::string> cues(r.topic_cues.begin(), r.topic_cues.end());
    for (const auto& t : r.topics)
        for (const auto& [cue, v] : t.cues) cues.push_back(cue);
    std::vector<std::string> keyphrases;
    for (const auto& kp : r.keyphrases) keyphrases.push_back(kp.text);
    REQUIRE(cues.size() > r.topic_cues.size()); // the record has candidate cues too
    REQUIRE(!keyphrases.empty());
    CHECK(std::vector<std::string>(k.cues.begin(), k.cues.end()) == cues);
    CHECK(std::vector<std::string>(k.keyphrases.begin(), k.keyphrases.end()) == keyphrases);
    // The views point into the packed bytes.
    for (std::string_view v : k.cues)
        CHECK((v.data() >= p.data.data() && v.data() + v.size() <= p.data.data() + p.data.size()));
}

TEST_CASE("sort_unique keeps one record per id whatever the input order", "[record_pack]") {
    std::vector<PackedRecord> records;
    for (int i = 0; i < 30; ++i) {
        ArticleRecord r = full_record();
        r.id = "art-" + std::to_string(i % 10); // three records per id
        r.hash = "hash-" + std::to_string(i / 10);
        if (i % 10 == 3) r.hash = "same"; // one id whose three records share a hash...
        r.path = "copy-" + std::to_string(i) + ".md"; // ...and differ only in their path
        records.push_back(pack(r));
    }
    auto expected = records;
    sort_unique(expected);
    REQUIRE(expected.size() == 10);
    for (std::size_t i = 0; i < expected.size(); ++i) {
        CHECK(expected[i].id == "art-" + std::to_string(i));
        CHECK(expected[i].hash == (i == 3 ? "same" : "hash-2")); // the greatest hash wins
    }
    std::mt19937 rng(42);
    for (int round = 0; round < 20; ++round) {
        auto shuffled = records;
        std::shuffle(shuffled.begin(), shuffled.end(), rng);
        sort_unique(shuffled);
        REQUIRE(shuffled.size() == expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            CHECK(shuffled[i].id == expected[i].id);
            CHECK(shuffled[i].data == expected[i].data);
        }
    }
}
