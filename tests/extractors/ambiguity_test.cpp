// Ambiguous names decided by context, with the project's real gazetteer (data/).
#include <catch2/catch.hpp>

#include "extractors/pipeline.hpp"
#include "extractors/reader.hpp"
#include "tests/support.hpp"

using namespace polgraph;

namespace {

const Pipeline& pipeline() {
    static Pipeline p(Resources::load(test::source_dir() + "/data"), PipelineOptions{});
    return p;
}

std::vector<std::pair<std::string, std::string>> entities(const std::string& text) {
    Article a = parse_article("---\ntitle: x\n---\n" + text + "\n", "t.md", "t", InputKind::Markdown);
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& e : pipeline().run(a).entities) out.emplace_back(e.type, e.name);
    return out;
}

bool has(const std::vector<std::pair<std::string, std::string>>& v, const std::string& type,
         const std::string& name) {
    for (const auto& [t, n] : v)
        if (t == type && n == name) return true;
    return false;
}

bool has_type(const std::vector<std::pair<std::string, std::string>>& v, const std::string& type) {
    for (const auto& [t, n] : v)
        if (t == type) return true;
    return false;
}

} // namespace

TEST_CASE("model names that are ordinary words need their developer or a model cue", "[resolution][data]") {
    CHECK(has(entities("Anthropic's Claude writes code."), "model", "Claude"));
    CHECK(has(entities("Users asked the Claude chatbot."), "model", "Claude"));
    CHECK_FALSE(has_type(entities("Claude is a French name."), "model"));
    CHECK(has(entities("Google DeepMind updated Gemini today."), "model", "Gemini"));
    CHECK_FALSE(has_type(entities("The Gemini constellation is bright."), "model"));
    CHECK_FALSE(has_type(entities("Phi is a Greek letter."), "model"));
    CHECK(has(entities("Models like Llama and Qwen are open."), "model", "Qwen"));
}

TEST_CASE("companies named like things, places named like people", "[resolution][data]") {
    CHECK(has(entities("Apple unveiled a new iPhone."), "organization", "Apple"));
    CHECK_FALSE(has_type(entities("She baked an apple pie."), "organization"));
    CHECK_FALSE(has_type(entities("Fires spread in the Amazon rainforest."), "organization"));
    CHECK_FALSE(has_type(entities("Jordan signed the accord."), "location")); // country or person?
    CHECK_FALSE(has_type(entities("In May the bill passed."), "person"));
    CHECK(has(entities("Theresa May spoke to Parliament."), "person", "Theresa May"));
}

TEST_CASE("short forms that are also a family name or a word", "[resolution][data]") {
    // "DoE" in mixed case is no acronym when written "Doe".
    CHECK(has(entities("The DoE funds the national labs."), "organization",
              "U.S. Department of Energy"));
    CHECK_FALSE(has(entities("Jane Doe v. Nvidia Corp. was filed today."), "organization",
                    "U.S. Department of Energy"));
    // A bare name that begins an organisation the article names is that company's short name,
    // not a person known to the gazetteer ("Ross" of Ross Intelligence, beside Nvidia).
    auto r = entities("Ross Intelligence Inc. sued. Nvidia Corp. watched, and Ross appealed.");
    CHECK_FALSE(has_type(r, "person"));
    // An acronym the text defines as a description is not the body the gazetteer knows by it.
    auto g = entities("Rules for general-purpose AI (GPAI) apply. GPAI providers must comply.");
    CHECK_FALSE(has_type(g, "organization"));
    CHECK(has_type(entities("The GPAI met in Paris."), "organization"));
}
