// Organisations and one id per thing: where a name ends (no role words, a country before it),
// nested and overlapping names, context that decides an ambiguous name, and the forms of one name
// folded into one entity (acronyms, short forms, singular/plural, model versions). Sentences
// written for these tests; the word lists are the project's own, the gazetteer a small inline one.
#include <catch2/catch.hpp>

#include "tests/extractors/extract_fixture.hpp"

using namespace polgraph;
using test::has_form;
using test::named;
using test::of_type;

namespace {

const char* kOrgs =
    "name\taliases\tkind\tcountry\tparent\n"
    "White House\tThe White House\tgovernment\tUnited States\t\n"
    "Office of Science and Technology Policy\tOSTP|White House Office of Science and Technology "
    "Policy\tgovernment\tUnited States\tWhite House\n"
    "European Union\tEU\tinternational\t\t\n"
    "European Parliament\t~Parliament\tlegislature\t\tEuropean Union\n"
    "Council of the European Union\t~Council\tgovernment\t\tEuropean Union\n"
    "Orange\t~Orange\tcompany\tFrance\t\n"
    "Snowflake\t\tcompany\tUnited States\t\n"
    "Spanish Society for Digital Change\tSSDC\tagency\tSpain\t\n"
    "Center for AI Safety\tCAIS\tngo\tUnited States\t\n"
    "Moonshot AI\tMoonshot\tai_lab\tChina\t\n"
    "The New York Times\tNew York Times|NYT\tmedia\tUnited States\t\n"
    "The Times\t\tmedia\tUnited Kingdom\t\n"
    "G7\tG-7|Group of Seven\tinternational\t\t\n"
    "Government of France\t~French government\tgovernment\tFrance\t\n"
    "AI Security Institute\t~AI Safety Institute\tagency\tUnited Kingdom\t\n";
const char* kPolicies = "name\taliases\tjurisdiction\tyear\tkind\n"
                        "EU AI Act\tAI Act\tEuropean Union\t2024\tlaw\n"
                        "America's AI Action Plan\tAI Action Plan\tUnited States\t2025\tstrategy\n"
                        "Hiroshima AI Process\tHiroshima Process\tG7\t2023\tframework\n";
const char* kModels = "name\taliases\tdeveloper\tyear\tfamily\n"
                      "Kimi K2.5\t\tMoonshot AI\t2026\tKimi\n"
                      "Kimi K2\t\tMoonshot AI\t2025\tKimi\n"
                      "Claude Opus\t\tAnthropic\t2024\tClaude\n"
                      "Claude Sonnet\t\tAnthropic\t2024\tClaude\n"
                      "Claude Haiku\t\tAnthropic\t2024\tClaude\n";
const char* kLocations = "name\taliases\tkind\tcountry\n"
                         "United States\tU.S.|US\tcountry\tUnited States\n"
                         "Linz\t\tcity\tAustria\n";

struct Fixture : test::ExtractFixture {
    Fixture()
        : ExtractFixture({{"organization", kOrgs},
                          {"policy", kPolicies},
                          {"model", kModels},
                          {"location", kLocations}}) {}
};

} // namespace

TEST_CASE("where an organisation's name starts and ends", "[organizations]") {
    Fixture f;
    SECTION("a longer name starting after 'The' wins over 'The White House'") {
        auto r = f.run("<p>The White House Office of Science and Technology Policy wrote it.</p>");
        CHECK(named(r, "organization", "Office of Science and Technology Policy"));
        CHECK_FALSE(named(r, "organization", "White House"));
    }
    SECTION("a country just before it is part of the name") {
        auto r = f.run("<p>Funding came from the U.S. Trade and Development Agency last year. "
                       "USTDA did not comment.</p>");
        CHECK(has_form(named(r, "organization", "U.S. Trade and Development Agency"), "USTDA"));
        CHECK(of_type(r, "location") == 0);
    }
    SECTION("initials shared by two bodies are neither, however often each is named") {
        auto r = f.run("<p>The Quorvex Trade Agency and the Quorvex Talent Association met in "
                       "March. The Quorvex Trade Agency spoke first. QTA declined to comment.</p>");
        REQUIRE(of_type(r, "organization") >= 2);
        for (const auto& e : r.entities) CHECK_FALSE(has_form(&e, "QTA"));
    }
    SECTION("a model a body is named after is no mention of its own") {
        auto r = f.run("<p>The Kimi K2 Foundation funds research.</p>");
        CHECK(named(r, "organization", "Kimi K2 Foundation"));
        CHECK(of_type(r, "model") == 0);
    }
    SECTION("no organisation made of a role phrase") {
        auto r = f.run("<p>Jane Doe, Director of Halvorsen Robotics Institute, spoke.</p><p>Ann "
                       "Roe, Professor "
                       "of Machine Learning University of Elsewhere, agreed.</p>");
        CHECK(named(r, "organization", "Halvorsen Robotics Institute"));
        CHECK(named(r, "organization", "University of Elsewhere"));
        for (const auto& e : r.entities)
            CHECK(e.name.find("Director") == std::string::npos);
        for (const auto& e : r.entities)
            CHECK(e.name.find("Professor") == std::string::npos);
    }
    SECTION("the body a founder or chief executive leads") {
        auto r = f.run("<p>Ann Roe, founder and CEO of Brightmoor Global, met a partner at "
                       "Quellfield.</p>");
        CHECK(named(r, "organization", "Brightmoor Global"));
        CHECK(named(r, "organization", "Quellfield"));
    }
}

TEST_CASE("context decides an ambiguous organisation", "[organizations][resolution]") {
    Fixture f;
    SECTION("a law implies its jurisdiction: the EU's Parliament and Council") {
        auto r = f.run("<p>The AI Act should build on the Parliament text and the Council's "
                       "approach.</p>");
        CHECK(named(r, "organization", "European Parliament"));
        CHECK(named(r, "organization", "Council of the European Union"));
    }
    SECTION("nothing implies it: left out") {
        auto r = f.run("<p>The Parliament met and the Council adjourned.</p>");
        CHECK(of_type(r, "organization") == 0);
    }
    SECTION("a list with organisations named plainly") {
        auto r = f.run("<p>We worked with partners like Snowflake, Orange, and Acme Labs.</p>");
        CHECK(named(r, "organization", "Orange"));
        auto n = f.run("<p>She bought an apple, Orange juice, and bread.</p>");
        CHECK_FALSE(named(n, "organization", "Orange"));
    }
    SECTION("a name shaped like a body's that is a form of one the article names") {
        auto r = f.run("<p>The AI Security Institute tests models. Before, the AI Safety "
                       "Institute had no powers.</p>");
        CHECK(named(r, "organization", "AI Security Institute"));
        CHECK(of_type(r, "organization") == 1);
    }
    SECTION("context words before a role are no organisation") {
        auto r = f.run("<p>AI lab CEOs Jane Doe and John Roe signed.</p>");
        CHECK(of_type(r, "organization") == 0);
    }
}

TEST_CASE("one id per thing in an article", "[organizations][canonical]") {
    Fixture f;
    SECTION("an acronym the text defines: another translation of the gazetteer's name") {
        auto r = f.run("<p>The Spanish Agency for Digital Change (SSDC) invested. SSDC declined "
                       "to comment.</p>");
        CHECK(of_type(r, "organization") == 1);
        CHECK(has_form(named(r, "organization", "Spanish Society for Digital Change"),
                       "Spanish Agency for Digital Change"));
    }
    SECTION("an acronym the text defines for something else") {
        auto r = f.run("<p>The Council for Aquatic Insect Studies (CAIS) published a survey.</p>");
        CHECK_FALSE(named(r, "organization", "Center for AI Safety"));
        CHECK(named(r, "organization", "Council for Aquatic Insect Studies"));
    }
    SECTION("singular and plural forms of one name") {
        auto r = f.run("<p>The American AI Exports Program grew. The American AI Export Program "
                       "funds partners.</p>");
        CHECK(of_type(r, "policy") == 1);
    }
    SECTION("the short form of a named plan") {
        auto r = f.run("<p>America's AI Action Plan was released. The Action Plan sets goals.</p>");
        CHECK(of_type(r, "policy") == 1);
    }
    SECTION("an organisation with and without its city") {
        auto r = f.run("<p>Example Polytechnic University Linz hosted it. Example Polytechnic "
                       "University said so.</p>");
        CHECK(of_type(r, "organization") == 1);
    }
    SECTION("model versions written differently") {
        auto r = f.run("<p>Moonshot released Kimi 2.5 after Kimi K2.</p>");
        CHECK(named(r, "model", "Kimi K2.5"));
        CHECK(has_form(named(r, "model", "Kimi K2.5"), "Kimi 2.5"));
        CHECK(named(r, "model", "Kimi K2"));
        CHECK(of_type(r, "model") == 2);
    }
}

TEST_CASE("an elliptical list of a family's models", "[organizations][canonical]") {
    Fixture f;
    auto r = f.run("<p>Claude Opus, Sonnet and Haiku share a tokenizer.</p>");
    CHECK(named(r, "model", "Claude Opus"));
    CHECK(has_form(named(r, "model", "Claude Sonnet"), "Sonnet"));
    CHECK(has_form(named(r, "model", "Claude Haiku"), "Haiku"));
    SECTION("a word that is no model of the family ends the list") {
        auto n = f.run("<p>Claude Opus, Linz and Sonnet were discussed.</p>");
        CHECK(of_type(n, "model") == 1);
    }
}

TEST_CASE("a company's short name after its full name", "[organizations][canonical]") {
    Fixture f;
    auto r =
        f.run("<p>Quantix Computing raised money. Analysts said Quantix's CEO would stay.</p>");
    CHECK(of_type(r, "organization") == 1);
    CHECK(has_form(named(r, "organization", "Quantix Computing"), "Quantix"));
    SECTION("a known company with its legal form is that company") {
        auto n = f.run("<p>A suit named Moonshot AI Ltd. and Snowflake, Inc. as defendants.</p>");
        CHECK(has_form(named(n, "organization", "Moonshot AI"), "Moonshot AI Ltd"));
        CHECK(of_type(n, "organization") == 2);
    }
}

TEST_CASE("short and nested names of other things, generic phrases", "[organizations][canonical]") {
    Fixture f;
    SECTION("a newspaper's short name after its full name") {
        auto r = f.run("<p>The New York Times sued. The Times wants the logs.</p>");
        CHECK(of_type(r, "organization") == 1);
        CHECK(has_form(named(r, "organization", "The New York Times"), "The Times"));
    }
    SECTION("a body written before a law's name is part of it") {
        auto r = f.run("<p>The G-7 Hiroshima Process sets a code.</p>");
        CHECK(named(r, "policy", "Hiroshima AI Process"));
        CHECK(of_type(r, "organization") == 0);
    }
    SECTION("generic phrases are no names") {
        auto r = f.run("<p>The Executive Order was signed. Increasing AI adoption matters. We must "
                       "Maximize the AI dividend. The French government agreed.</p>");
        CHECK(of_type(r, "policy") == 0);
        CHECK(of_type(r, "organization") == 0);
        auto g = f.run("<p>The Government of France spoke. The French government agreed.</p>");
        CHECK(has_form(named(g, "organization", "Government of France"), "French government"));
    }
}
