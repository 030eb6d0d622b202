// Pipeline::run's inspect hook, with the project's real data/ and a sample article.
#include <catch2/catch.hpp>

#include <map>
#include <string>

#include "core/record.hpp"
#include "extractors/pipeline.hpp"
#include "extractors/reader.hpp"
#include "tests/support.hpp"

using namespace polgraph;

TEST_CASE("Pipeline::run shows inspect the tokens and mentions of the record it returns",
          "[pipeline][data]") {
    const Pipeline p(Resources::load(test::source_dir() + "/data"), PipelineOptions{true, 1.0, 40});
    const Article a =
        read_article(test::source_dir() + "/data/sample/01_chip-rules-tighten.md", "01");
    int calls = 0;
    std::uint32_t sentences = 0;
    std::map<std::string, int> mentions;
    const ArticleRecord r = p.run(a, [&](const Tokenized& t, const EntityResult& er) {
        ++calls;
        sentences = t.sentence_count;
        for (const Mention& m : er.mentions) ++mentions[m.id];
    });
    CHECK(calls == 1);
    CHECK(sentences == r.sentences);
    REQUIRE(!r.entities.empty());
    for (const EntityRecord& e : r.entities) {
        INFO(e.id);
        CHECK(mentions[e.id] == e.count);
    }
    CHECK(to_json(r) == to_json(p.run(a)));
}
