// Keyphrase candidates with the real data/ lists: no candidate contains an entity's name, and
// generic words and bare verbs are no keyphrases on their own.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "core/util/text.hpp"
#include "extractors/pipeline.hpp"
#include "extractors/reader.hpp"
#include "tests/support.hpp"

using namespace polgraph;

namespace {

std::vector<std::string> keyphrases(const std::string& html) {
    static const auto res = Resources::load(polgraph::test::source_dir() + "/data");
    PipelineOptions o;
    o.keyphrases = true;
    const Pipeline p(res, o);
    const std::string text =
        polgraph::test::article("Chip rules and the firms", "2025-05-01", html);
    const ArticleRecord r = p.run(parse_article(text, "k.md", "k", InputKind::Markdown));
    std::vector<std::string> out;
    for (const auto& k : r.keyphrases) out.push_back(casefold(k.text));
    return out;
}

bool any_contains(const std::vector<std::string>& ks, const std::string& word) {
    return std::any_of(ks.begin(), ks.end(), [&](const std::string& k) {
        return (" " + k + " ").find(" " + word + " ") != std::string::npos ||
               k.find(word + "-") != std::string::npos || k.find("-" + word) != std::string::npos;
    });
}

} // namespace

TEST_CASE("keyphrases: no candidate holds an entity name, generic words never stand alone",
          "[keyphrases]") {
    const std::string para =
        "<p>OpenAI CEO Sam Altman and Elon Musk said the company would pay US semiconductor "
        "tariffs on advanced chips. Musk fail headlines were top news, the company said, and US "
        "semiconductor tariffs on advanced chips stayed.</p>";
    const auto ks = keyphrases(para + para + para);
    INFO(polgraph::test::sh_quote([&] {
        std::string all;
        for (const auto& k : ks) all += k + "|";
        return all;
    }()));
    REQUIRE_FALSE(ks.empty());
    for (const char* name : {"openai", "altman", "sam", "us", "musk"})
        CHECK_FALSE(any_contains(ks, name));
    for (const char* generic : {"company", "top", "fail", "ceo", "headline"})
        CHECK(std::find(ks.begin(), ks.end(), generic) == ks.end());
    // What is left of a run that held a name is still a phrase.
    CHECK(std::find_if(ks.begin(), ks.end(), [](const std::string& k) {
              return k == "semiconductor tariff";
          }) != ks.end());
}
