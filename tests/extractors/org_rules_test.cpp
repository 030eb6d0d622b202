// Organisations named by the words around them (extractors/org_rules.cpp), where a body's name
// ends (a legal form, two bodies joined by "and", "Shares of ..."), a platform one posts on and a
// news outlet cited as a source.
// Each cue is shown to find a name and, on a sentence of the same shape, to leave a person, a
// place, a product or an adverb alone. Sentences and names written for these tests.
#include <catch2/catch.hpp>

#include "tests/extractors/extract_fixture.hpp"

using namespace polgraph;
using test::named;
using test::of_type;

namespace {

const char* kOrgs = "name\taliases\tkind\tcountry\tparent\n"
                    "Microsoft\t\tcompany\tUnited States\t\n"
                    "Nvidia\t\tchipmaker\tUnited States\t\n"
                    "Instagram\t\tplatform\tUnited States\tMeta\n"
                    "Facebook\t\tplatform\tUnited States\tMeta\n"
                    "Meta\t\tcompany\tUnited States\t\n"
                    "X Corp.\t~X|Twitter\tplatform\tUnited States\t\n"
                    "Variety (magazine)\t~Variety\tmedia\tUnited States\t\n"
                    "Science (journal)\t~Science\tmedia\tUnited States\t\n"
                    "SK Group\t~SK\tcompany\tSouth Korea\t\n";
const char* kLocations = "name\taliases\tkind\tcountry\n"
                         "Lyon\t\tcity\tFrance\n"
                         "Oxford\t\tcity\tUnited Kingdom\n";

struct Fixture : test::ExtractFixture {
    Fixture() : ExtractFixture(Files{{"organization", kOrgs}, {"location", kLocations}}) {}
};

} // namespace

TEST_CASE("org cues: a name before the post of the person who holds it", "[organizations]") {
    Fixture f;
    SECTION("chief executive and co-founder") {
        auto r = f.run("<p>Quantrel CEO Maria Lopez said the chips ship next year. Later, "
                       "Veltrix co-founder Tomas Berg agreed.</p>");
        CHECK(named(r, "organization", "Quantrel"));
        CHECK(named(r, "organization", "Veltrix"));
        CHECK(named(r, "person", "Maria Lopez"));
        CHECK(named(r, "person", "Tomas Berg"));
    }
    SECTION("no person after the post, or an adjective before it: no body") {
        auto r = f.run("<p>Interim CEO Maria Lopez left. The Quantrel CEO said nothing.</p>");
        CHECK(of_type(r, "organization") == 0);
        CHECK(named(r, "person", "Maria Lopez"));
    }
}

TEST_CASE("org cues: an apposition headed by a kind of body", "[organizations]") {
    Fixture f;
    SECTION("a startup, the company that") {
        auto r = f.run("<p>Veltrix, a startup based in Lyon, raised money. Pellucid, the Lyon "
                       "company that makes sensors, declined to comment.</p>");
        CHECK(named(r, "organization", "Veltrix"));
        CHECK(named(r, "organization", "Pellucid"));
        CHECK(named(r, "location", "Lyon"));
    }
    SECTION("a person, a place and an adverb before such words are no body") {
        auto r = f.run("<p>Brandt, a startup founder, spoke first. In Quimper, a startup opened "
                       "an office. Separately, the company said it would hire. Nonetheless, a "
                       "company that size needs money. Okafor, a firm believer in open models, "
                       "agreed.</p>");
        CHECK(of_type(r, "organization") == 0);
    }
}

TEST_CASE("org cues: an employer after 'at', a body someone founded", "[organizations]") {
    Fixture f;
    SECTION("positive") {
        auto r = f.run("<p>Ana Silva, an engineer at Quantrel, wrote the code after a stint at "
                       "Brightwell. She co-founded Nimbra in 2015.</p>");
        CHECK(named(r, "organization", "Quantrel"));
        CHECK(named(r, "organization", "Brightwell"));
        CHECK(named(r, "organization", "Nimbra"));
    }
    SECTION("a place, no role before 'at', and 'founded by' are no body") {
        auto r = f.run("<p>Ana Silva, a researcher at Oxford, arrived at Quimper on time. The "
                       "school was founded by Maria Lopez.</p>");
        CHECK(of_type(r, "organization") == 0);
        CHECK(named(r, "location", "Oxford"));
    }
}

TEST_CASE("org cues: a stock ticker after a company's name", "[organizations]") {
    Fixture f;
    auto r = f.run("<p>The deal values Glimmer (NASDAQ: GLMR) at ten billion dollars.</p>");
    CHECK(named(r, "organization", "Glimmer"));
    auto n = f.run("<p>The deal values Glimmer (in dollars) highly.</p>");
    CHECK_FALSE(named(n, "organization", "Glimmer"));
}

TEST_CASE("org cues: a name in a list of organisations", "[organizations]") {
    Fixture f;
    SECTION("between two companies") {
        auto r = f.run("<p>Partners such as Microsoft, Quorra and Nvidia will host it.</p>");
        CHECK(named(r, "organization", "Quorra"));
    }
    SECTION("a list of a group's apps, a family name") {
        auto r = f.run("<p>People share posts across Instagram, Facebook, and Threads. The board "
                       "heard from Microsoft, Nvidia and Chen.</p>");
        CHECK_FALSE(named(r, "organization", "Threads"));
        CHECK_FALSE(named(r, "organization", "Chen"));
    }
}

TEST_CASE("where a company's name ends", "[organizations]") {
    Fixture f;
    SECTION("a legal form, two bodies joined by 'and'") {
        auto r = f.run("<p>Regulators fined Meridian Inc. and Cobalt Ltd. on the same day, and "
                       "Orvieto Holdings and Calloway Group signed the deal.</p>");
        CHECK(named(r, "organization", "Meridian Inc"));
        CHECK(named(r, "organization", "Cobalt Ltd"));
        CHECK(named(r, "organization", "Orvieto Holdings"));
        CHECK(named(r, "organization", "Calloway Group"));
        CHECK(of_type(r, "organization") == 4);
    }
    SECTION("fields joined by 'and' are one name") {
        auto r = f.run("<p>She runs the Quantum Computing and Robotics Lab in Lyon.</p>");
        CHECK(named(r, "organization", "Quantum Computing and Robotics Lab"));
        CHECK(of_type(r, "organization") == 1);
    }
    SECTION("what a body has is no part of its name") {
        auto r = f.run("<p>Shares of Kestrel Dynamics rose. Employees of Wexford Analytics "
                       "left.</p>");
        CHECK(named(r, "organization", "Kestrel Dynamics"));
        CHECK(named(r, "organization", "Wexford Analytics"));
        CHECK(of_type(r, "organization") == 2);
    }
}

TEST_CASE("an online platform one posts on", "[organizations][resolution]") {
    Fixture f;
    auto r = f.run("<p>He posted the video on X and later deleted it.</p>");
    CHECK(named(r, "organization", "X Corp."));
    auto n = f.run("<p>The price depends on X and on the rate.</p>");
    CHECK(of_type(n, "organization") == 0);
}

TEST_CASE("a news outlet cited as a source", "[organizations][resolution]") {
    Fixture f;
    for (const char* text : {"<p>The studio sent a letter last week, Variety reports.</p>",
                             "<p>The studio, Variety first reported, sent a letter.</p>",
                             "<p>According to Variety, the studio sent a letter.</p>",
                             "<p>The producer told Variety that the letter was sent.</p>",
                             "<p>Variety reported that the studio sent a letter.</p>"}) {
        INFO(text);
        CHECK(named(f.run(text), "organization", "Variety (magazine)"));
    }
    // A common word that opens a sentence, a lower-case use, no verb of a source: left alone.
    for (const char* text :
         {"<p>Science says little about the question.</p>",
          "<p>Variety is what the audience wants, the producer said.</p>",
          "<p>The variety reports were late.</p>", "<p>They offer Variety packs and more.</p>"}) {
        INFO(text);
        CHECK(of_type(f.run(text), "organization") == 0);
    }
    // A body's short name among other bodies (the list cue): "SK" between two companies.
    CHECK(named(f.run("<p>Microsoft, SK and Nvidia signed the pact.</p>"), "organization",
                "SK Group"));
    CHECK(of_type(f.run("<p>The SK plan was signed.</p>"), "organization") == 0);
}
