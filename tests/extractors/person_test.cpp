// People: names of many origins in either order, titles, peerage styles, post-nominals, lists of
// people, and whom a bare family or given name refers to. The word lists and name lists are the
// project's own (data/patterns.json, data/names); the gazetteer is a small inline one.
#include <catch2/catch.hpp>

#include "tests/extractors/extract_fixture.hpp"

using namespace polgraph;
using test::has_form;

namespace {

const char* kPeople =
    "name\taliases\trole\taffiliation\tcountry\tprominence\n"
    "Donald Trump\t\tPresident of the United States\tWhite House\tUnited States\t3\n"
    "Ivanka Trump\t\tFormer Senior Advisor\tWhite House\tUnited States\t\n"
    "Lee Jae-myung\t~Lee\tPresident of South Korea\t\tSouth Korea\t3\n"
    "Lee Hsien Loong\t~Lee\tFormer Prime Minister of Singapore\t\tSingapore\t2\n"
    "Lee Kun-hee\t~Lee\tFormer Chairman\tSamsung Electronics\tSouth Korea\t\n"
    "Zhang Yaqin\t\tDean of the Institute for AI Industry Research\t\tChina\t\n"
    "Demis Hassabis\t\tCEO\tGoogle DeepMind\tUnited Kingdom\t2\n";
const char* kOrgs = "name\taliases\tkind\tcountry\n"
                    "TSMC\t\tfoundry\tTaiwan\n"
                    "White House\t\tgovernment\tUnited States\n"
                    "Samsung Electronics\tSamsung\tcompany\tSouth Korea\n";
const char* kLocations = "name\taliases\tkind\tcountry\n"
                         "Jordan\t\tcountry\tJordan\n"
                         "Seoul\t\tcity\tSouth Korea\n";

struct Fixture : test::ExtractFixture {
    Fixture()
        : ExtractFixture({{"person", kPeople}, {"organization", kOrgs}, {"location", kLocations}}) {
    }
};

const EntityRecord* person(const EntityResult& r, const std::string& name) {
    return test::named(r, "person", name);
}

std::size_t people(const EntityResult& r) {
    return test::of_type(r, "person");
}

} // namespace

TEST_CASE("family names of many origins, in either order", "[people]") {
    Fixture f;
    auto r =
        f.run("<p>The delegation was led by Zhao Minghui, and trade envoy Choi Seung-woo joined "
              "later. The report's authors are Haoyu Zhang and Tanvika Kulkarni.</p>"
              "<p>National Security Adviser Han Seo-jun said the talks went well.</p>");
    CHECK(person(r, "Zhao Minghui"));     // family name first, pinyin given name
    CHECK(person(r, "Choi Seung-woo"));   // family name first, hyphenated given name
    CHECK(person(r, "Haoyu Zhang"));      // given name first
    CHECK(person(r, "Tanvika Kulkarni")); // a given name no list has, a known family name
    CHECK(person(r, "Han Seo-jun"));      // after a title phrase
    CHECK_FALSE(person(r, "National Security Adviser Han Seo-jun"));
    SECTION("common words that are also family names are no one") {
        auto n = f.run("<h2>He Said It Would Work</h2><p>The Long March began. No One Knows why. "
                       "The Tang Dynasty ruled. Moon Landing footage aired. He Tried again, and "
                       "Song Book sales grew on Park Avenue.</p>");
        CHECK(people(n) == 0);
    }
}

TEST_CASE("titles, peerage styles and post-nominals", "[people]") {
    Fixture f;
    auto r = f.run("<p>Baroness Kidwell and Lord Harrow of Elmstead signed, with Jane Holloway MP "
                   "and Dr Peter Quist FRS. The Lord Bishop of Seoul wrote too. Kidwell said it "
                   "was overdue.</p>");
    CHECK(person(r, "Baroness Kidwell"));
    CHECK(has_form(person(r, "Baroness Kidwell"), "Kidwell"));
    CHECK(person(r, "Lord Harrow of Elmstead"));
    CHECK(person(r, "Jane Holloway"));
    CHECK(person(r, "Peter Quist"));
    CHECK(person(r, "Lord Bishop of Seoul"));
    // A place in a peerage style is part of the name, not a mention of the place.
    for (const auto& e : r.entities)
        CHECK(e.type != "location");
    SECTION("no person made of a title") {
        auto n = f.run("<p>The Lord of the Rings was filmed. The Prime Minister and the Lord "
                       "Speaker met.</p>");
        CHECK(people(n) == 0);
    }
}

TEST_CASE("lists of people name people no list knows", "[people]") {
    Fixture f;
    auto r =
        f.run("<h2>Contributors</h2><p>Alice Moreau, Daniel Krull, Oyelami Tarrant, Ottoline "
              "Vire, Jordan Pell, Mira (Xiaoyu) Castell, Sven Aakre, Maria Dubreuil and Thomas "
              "Brandt</p>");
    CHECK(person(r, "Oyelami Tarrant"));
    CHECK(person(r, "Ottoline Vire"));
    CHECK(person(r, "Jordan Pell")); // not the country
    CHECK_FALSE(r.entities.end() !=
                std::find_if(r.entities.begin(), r.entities.end(),
                             [](const EntityRecord& e) { return e.type == "location"; }));
    const auto* mira = person(r, "Mira Castell");
    REQUIRE(mira);
    CHECK(has_form(mira, "Mira (Xiaoyu) Castell"));
    SECTION("a list of companies stays companies") {
        auto n = f.run("<p>Partners include Acme Labs, Globex, Initech Systems, Kernwerk, Samsung "
                       "and Alice Moreau.</p>");
        CHECK(people(n) <= 1);
        CHECK_FALSE(person(n, "Globex"));
    }
}

TEST_CASE("a bare name is the article's own person, or no one", "[people][resolution]") {
    Fixture f;
    SECTION("the person named in full, not the gazetteer's") {
        auto r = f.run("<p>Zhang Wenjie leads the lab. Zhang said the model is ready.</p>");
        CHECK(has_form(person(r, "Zhang Wenjie"), "Zhang"));
        CHECK_FALSE(person(r, "Zhang Yaqin"));
    }
    SECTION("two people of one family name: neither") {
        auto r =
            f.run("<p>Kim Seo-yeon met Kim Do-hyun in Seoul. Kim said the meeting was warm.</p>");
        CHECK(person(r, "Kim Seo-yeon"));
        CHECK(person(r, "Kim Do-hyun"));
        CHECK_FALSE(has_form(person(r, "Kim Seo-yeon"), "Kim"));
        CHECK_FALSE(has_form(person(r, "Kim Do-hyun"), "Kim"));
    }
    SECTION("a given name alone, once the full name is given") {
        auto r = f.run("<p>Oyelami Tarrant told reporters the plan works. Later, Oyelami added "
                       "details.</p>");
        CHECK(has_form(person(r, "Oyelami Tarrant"), "Oyelami"));
    }
    SECTION("a title picks the one whose role it is") {
        auto r = f.run("<p>President Lee arrived.</p>");
        CHECK(person(r, "Lee Jae-myung"));
        CHECK(people(r) == 1);
    }
    SECTION("a far more prominent person") {
        auto r = f.run("<p>Trump signed the order on Monday.</p>");
        CHECK(person(r, "Donald Trump"));
        CHECK(people(r) == 1);
    }
    SECTION("no one stands out: left out") {
        auto r = f.run("<p>Lee spoke at length.</p>");
        CHECK(people(r) == 0);
    }
    SECTION("a knight called by the given name") {
        auto r = f.run("<p>Dear Sir Demis, we write about the commitments.</p>");
        CHECK(has_form(person(r, "Demis Hassabis"), "Demis"));
    }
}

TEST_CASE("names of people one a line, and what is no person", "[people]") {
    Fixture f;
    SECTION("a signatory list, titles and post-nominals apart") {
        auto r = f.run("<ul><li>Dr Amelia Hartwell MP</li><li>Corwin Blythe MSP</li><li>Sir Peter "
                       "Quayle</li><li>Ottoline Vire MS</li><li>Maria Dubreuil, Professor of "
                       "Law</li><li>Thomas Brandt</li><li>Lord Aldous-Wright of Hamble</li></ul>");
        CHECK(person(r, "Corwin Blythe"));
        CHECK(person(r, "Ottoline Vire"));
        CHECK(person(r, "Lord Aldous-Wright of Hamble"));
        CHECK_FALSE(person(r, "Corwin Blythe MSP"));
    }
    SECTION("a Korean given name whose first syllable is an English word") {
        auto r = f.run("<p>TSMC hosted Chang Do-hyun, who said the fab was on schedule.</p>");
        CHECK(person(r, "Chang Do-hyun"));
        CHECK_FALSE(person(r, "Morris Chang"));
    }
    SECTION("a technical term after a word that is also a title") {
        auto r = f.run("<p>We use Multi-Head Latent Attention throughout the model.</p>");
        CHECK(people(r) == 0);
    }
}

TEST_CASE("hyphenated given names with a common word in them, and names cut short", "[people]") {
    Fixture f;
    // "in" and "won" are syllables of given names here, not a connector and a verb; a title
    // between names starts the name after it.
    auto r = f.run("<p>The plan was backed by Kim Hye-in and Park Ji-won. Lee Jae-in said so, "
                   "and Hanbit Steel Chairman Jang In-hwa agreed with Daebok Chairman Shin "
                   "Dong-bin. A Rhee Soo-like speech was given at the Royal Society, Carlton House "
                   "Terrace, then walked to Gordon Street.</p>");
    for (const char* name :
         {"Kim Hye-in", "Park Ji-won", "Lee Jae-in", "Jang In-hwa", "Shin Dong-bin"})
        CHECK(person(r, name));
    // Cut short, a piece it cannot read, a street or a building: no one.
    CHECK(people(r) == 5);
}
