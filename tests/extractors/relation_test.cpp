// Relations stated around a person's name: possessive roles, appositions and the lines of
// signatory and speaker lists; the role becomes the person's attribute. Sentences written for
// these tests.
#include <catch2/catch.hpp>

#include "tests/extractors/extract_fixture.hpp"

using namespace polgraph;
using test::has_relation;
using test::named;

namespace {

const char* kOrgs = "name\taliases\tkind\tcountry\n"
                    "Acme Labs\tAcme\tai_lab\tUnited States\n"
                    "Globex\t\tcompany\tUnited States\n"
                    "Fudan University\t\tuniversity\tChina\n"
                    "University of Oxford\tOxford University\tuniversity\tUnited Kingdom\n";

struct Fixture : test::ExtractFixture {
    Fixture() : ExtractFixture(Files{{"organization", kOrgs}}) {}
};

} // namespace

TEST_CASE("roles around a name state an affiliation", "[relations]") {
    Fixture f;
    SECTION("possessive roles") {
        auto r = f.run("<p>Acme's head of policy Jane Doe spoke first. Globex's vice president "
                       "John Roe answered.</p>");
        CHECK(has_relation(r, "affiliated_with", "person:jane-doe", "organization:acme-labs"));
        CHECK(has_relation(r, "affiliated_with", "person:john-roe", "organization:globex"));
        const auto* jane = named(r, "person", "Jane Doe");
        REQUIRE(jane);
        CHECK(jane->attrs.at("role") == "head of policy");
    }
    SECTION("an apposition") {
        auto r = f.run("<p>Li Wenjun, a professor of physics at Fudan University, said so.</p>");
        CHECK(has_relation(r, "affiliated_with", "person:li-wenjun",
                           "organization:fudan-university"));
        for (const auto& x : r.relations)
            CHECK_FALSE(x.evidence.empty());
    }
    SECTION("signatory lines") {
        auto r =
            f.run("<ul><li>Prof. Dr. Hans Mustermann (Fudan University)</li><li>Jane Holloway, "
                  "Professor of Law, University of Oxford</li><li>Mark Tanner, Globex</li></ul>");
        CHECK(has_relation(r, "affiliated_with", "person:hans-mustermann",
                           "organization:fudan-university"));
        CHECK(has_relation(r, "affiliated_with", "person:jane-holloway",
                           "organization:university-of-oxford"));
        CHECK(has_relation(r, "affiliated_with", "person:mark-tanner", "organization:globex"));
        const auto* jane = named(r, "person", "Jane Holloway");
        REQUIRE(jane);
        CHECK(jane->attrs.at("role") == "Professor of Law");
        // The role is no organisation, and no policy either.
        for (const auto& e : r.entities)
            CHECK(e.name.find("Professor") == std::string::npos);
    }
    SECTION("negatives: a list of names and co-occurrence are not affiliations") {
        auto r = f.run("<ul><li>Jane Doe, Globex and Acme were there.</li></ul><p>Mark Tanner "
                       "criticised Globex.</p>");
        CHECK(r.relations.empty());
    }
}
