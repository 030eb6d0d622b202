// The curation overlay: every directive's parsing and errors (file and line), chains and cycles
// of merges, the gazetteer additions as the extractor sees them (a never-form in the extractor),
// and the record rewrite.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/record.hpp"
#include "extractors/gazetteer.hpp"
#include "extractors/overlay.hpp"
#include "tests/extractors/extract_fixture.hpp"

using namespace polgraph;
using Catch::Contains;

namespace {

std::string parse_error(const std::string& text) {
    try {
        Overlay::parse(text, "fix.tsv");
    } catch (const ParseError& e) {
        return e.what();
    }
    return "(parsed)";
}

EntityRecord ent(const std::string& id, int count, std::vector<std::uint32_t> sentences,
                 std::vector<std::string> forms) {
    EntityRecord e;
    e.id = id;
    e.type = id.substr(0, id.find(':'));
    e.name = forms.front();
    e.count = count;
    e.sentences = std::move(sentences);
    e.forms = std::move(forms);
    return e;
}

std::vector<std::string> ids(const ArticleRecord& r) {
    std::vector<std::string> out;
    for (const auto& e : r.entities) out.push_back(e.id);
    return out;
}

} // namespace

TEST_CASE("overlay: each directive is checked, errors name the file and line", "[overlay]") {
    const Overlay ok = Overlay::parse("# fixes for the chip corpus\n"
                                      "\n"
                                      "alias\torganization:openai\tOpen AI\n"
                                      "add\tperson\tJane Roe\tRoe;J. Roe\n"
                                      "never\tExecutive Order\r\n"
                                      "merge\tperson:amodei\tperson:dario-amodei\n"
                                      "drop\tlocation:earth\n"
                                      "drop\ttype:product\n"
                                      "type\torganization:claude\tmodel\n",
                                      "fix.tsv");
    CHECK(ok.size() == 7);
    CHECK(ok.rewrites_records());
    CHECK_FALSE(Overlay::parse("never\tThe Board\n", "f").rewrites_records());
    CHECK_THAT(parse_error("alias\torganization:openai\n"),
               Contains("fix.tsv:1") && Contains("alias takes ENTITY_ID and FORM"));
    CHECK_THAT(parse_error("\n# c\nrename\ta\tb\n"),
               Contains("fix.tsv:3") && Contains("unknown directive \"rename\""));
    CHECK_THAT(parse_error("merge\tamodei\tperson:dario-amodei\n"),
               Contains("\"amodei\" is not an entity id"));
    CHECK_THAT(parse_error("merge\tcompany:x\tperson:y\n"), Contains("is not an entity id"));
    // Found by fuzz_overlay: ids that extraction never writes (the graph's JSON would not keep a
    // control character).
    CHECK_THAT(parse_error("merge\torganization:openai\torganization:\x01i\n"),
               Contains("fix.tsv:1") && Contains("is not an entity id"));
    CHECK_THAT(parse_error("drop\tperson:Sam Altman\n"), Contains("is not an entity id"));
    CHECK_THAT(parse_error("type\tperson:\tmodel\n"), Contains("is not an entity id"));
    CHECK(parse_error("drop\tperson:sam-altman\nmerge\tmodel:gpt-4o\tmodel:gpt-4-5\n") ==
          "(parsed)");
    CHECK_THAT(parse_error("type\tperson:x\tcompany\n"),
               Contains("unknown type \"company\"") && Contains("known: person"));
    CHECK_THAT(parse_error("drop\ttype:animal\n"), Contains("unknown type \"animal\""));
    CHECK_THAT(parse_error("add\tperson\t\tRoe\n"), Contains("column 3 is empty"));
    CHECK_THAT(parse_error("merge\tperson:a\tperson:a\n"), Contains("would become itself"));
    CHECK_THAT(parse_error("merge\tperson:a\tperson:b\nmerge\tperson:a\tperson:c\n"),
               Contains("fix.tsv:2") && Contains("already becomes person:b (line 1)"));
    CHECK_THAT(parse_error("merge\tperson:a\tperson:b\nmerge\tperson:b\tperson:a\n"),
               Contains("cycle"));
    CHECK_THAT(parse_error("never\t\xff\xfe\n"), Contains("invalid UTF-8"));
}

TEST_CASE("overlay: aliases, new entities and never-forms reach the gazetteer", "[overlay]") {
    Gazetteer g;
    g.add({"organization:openai", "organization", "OpenAI", {}, {}});
    Overlay o = Overlay::parse("alias\torganization:openai\tOpen AI\n"
                               "add\tperson\tJane Roe\tJ. Roe\n"
                               "never\tthe  Board\n",
                               "fix.tsv");
    o.apply_to(g);
    g.finalize();
    CHECK(g.find_name("Open AI") == g.find_name("OpenAI"));
    REQUIRE(g.find_id("person:jane-roe"));
    CHECK(g.find_name("J. Roe").size() == 1);
    CHECK(g.is_never("The Board"));
    CHECK(g.is_never("THE BOARD"));
    CHECK_FALSE(g.is_never("Board"));
    // An alias of an id the gazetteer lacks says how to add it, with the line.
    Gazetteer h;
    Overlay bad = Overlay::parse("\nalias\tperson:nobody\tNobody\n", "fix.tsv");
    CHECK_THROWS_WITH(bad.apply_to(h), Contains("fix.tsv:2") && Contains("not in the gazetteer") &&
                                           Contains("add<TAB>person"));
}

TEST_CASE("overlay: a never-form is no mention and lends its name to no other", "[overlay]") {
    const test::ExtractFixture::Files tsv = {
        {"person", "name\taliases\trole\taffiliation\nJane Roe\t\tCEO\tQuellfield\n"},
        {"organization", "name\taliases\tkind\nQuellfield\t\tcompany\n"}};
    const std::string text = "<p>Jane Roe of Quellfield met Ann Veltrop of the startup Veltrane. "
                             "Veltrop said the talks went well.</p>";
    const auto plain = test::ExtractFixture(tsv).run(text);
    REQUIRE(test::named(plain, "person", "Jane Roe"));
    REQUIRE(test::has_form(test::named(plain, "person", "Ann Veltrop"), "Veltrop"));
    REQUIRE(test::named(plain, "organization", "Veltrane"));
    // A gazetteer name and names discovery rules find; the bare "Veltrop" that bound to the
    // full name binds to no one.
    const auto r = test::ExtractFixture(tsv, "never\tjane  roe\nnever\tAnn Veltrop\n"
                                             "never\tVeltrane\n")
                       .run(text);
    CHECK(test::of_type(r, "person") == 0);
    CHECK_FALSE(test::named(r, "organization", "Veltrane"));
    CHECK(test::named(r, "organization", "Quellfield"));
}

TEST_CASE("overlay: merge, type and drop rewrite a record, relations following", "[overlay]") {
    ArticleRecord r;
    r.id = "a1";
    r.entities = {ent("location:earth", 1, {4}, {"Earth"}),
                  ent("organization:claude", 2, {1, 2}, {"Claude"}),
                  ent("person:amodei", 2, {0, 3}, {"Amodei"}),
                  ent("person:dario-amodei", 1, {0}, {"Dario Amodei"}),
                  ent("product:h100", 1, {2}, {"H100"})};
    r.relations = {{"affiliated_with", "person:amodei", "organization:claude", 0, "x"},
                   {"affiliated_with", "person:amodei", "person:dario-amodei", 0, "y"},
                   {"develops", "organization:claude", "product:h100", 2, "z"}};
    Gazetteer g;
    Overlay o = Overlay::parse("merge\tperson:amodei\tperson:dario-amodei\n"
                               "type\torganization:claude\tmodel\n"
                               "drop\tlocation:earth\n"
                               "drop\ttype:product\n",
                               "fix.tsv");
    o.apply_to(g);
    o.apply(r);
    CHECK(ids(r) == std::vector<std::string>{"model:claude", "person:dario-amodei"});
    const EntityRecord& dario = r.entities[1];
    CHECK(dario.name == "Dario Amodei"); // the entity merged into keeps its name
    CHECK(dario.count == 3);
    CHECK(dario.sentences == std::vector<std::uint32_t>{0, 3});
    CHECK(dario.forms == std::vector<std::string>{"Amodei", "Dario Amodei"});
    CHECK(r.entities[0].type == "model");
    // Relations follow their ends; one that joined the two merged ids, and one to a dropped
    // entity, are gone.
    REQUIRE(r.relations.size() == 1);
    CHECK(r.relations[0].source == "person:dario-amodei");
    CHECK(r.relations[0].target == "model:claude");
}

TEST_CASE("overlay: a merge chain ends at its last id, which names the entity", "[overlay]") {
    Gazetteer g;
    g.add({"person:dario-amodei", "person", "Dario Amodei", {}, {}});
    Overlay o = Overlay::parse("merge\tperson:d-amodei\tperson:amodei\n"
                               "merge\tperson:amodei\tperson:dario-amodei\n",
                               "fix.tsv");
    o.apply_to(g);
    ArticleRecord r;
    r.entities = {ent("person:d-amodei", 1, {5}, {"D. Amodei"})};
    o.apply(r);
    REQUIRE(r.entities.size() == 1);
    CHECK(r.entities[0].id == "person:dario-amodei");
    CHECK(r.entities[0].name == "Dario Amodei"); // the gazetteer's name of the target
}

TEST_CASE("overlay: a rewritten record stays canonical, its relations sorted and unique",
          "[overlay]") {
    // Found by fuzz_overlay (tests/fuzz/regressions/overlay/): renamed ends left the relations
    // in their old order.
    ArticleRecord r;
    r.id = "a1";
    r.entities = {ent("organization:z", 2, {0, 1}, {"Z"}), ent("person:b", 1, {0}, {"B"}),
                  ent("person:c", 1, {1}, {"C"}), ent("person:d", 1, {0}, {"D"})};
    r.relations = {{"affiliated_with", "person:b", "organization:z", 0, "B of Z"},
                   {"affiliated_with", "person:c", "organization:z", 1, "C of Z"},
                   {"affiliated_with", "person:d", "organization:z", 0, "D of Z"}};
    canonicalize(r);
    Gazetteer g;
    Overlay o = Overlay::parse("merge\tperson:b\tperson:e\nmerge\tperson:d\tperson:e\n", "fix.tsv");
    o.apply_to(g);
    o.apply(r);
    CHECK(ids(r) == std::vector<std::string>{"organization:z", "person:c", "person:e"});
    REQUIRE(r.relations.size() == 2); // b's and d's relation of sentence 0 are one now
    CHECK(r.relations[0].source == "person:c");
    CHECK(r.relations[1].source == "person:e");
    CHECK(r.relations[1].sentence == 0);
    ArticleRecord c = r;
    canonicalize(c);
    CHECK(to_json(c) == to_json(r));
}
