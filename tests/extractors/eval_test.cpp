// polgraph eval's scoring and the class it gives each mistake, on records and gold written here.
#include <catch2/catch.hpp>

#include "extractors/eval.hpp"

using namespace polgraph;

namespace {

EntityRecord entity(const std::string& type, const std::string& name,
                    std::vector<std::string> forms = {}) {
    EntityRecord e;
    e.type = type;
    e.name = name;
    e.id = type + ":" + name;
    e.forms = forms.empty() ? std::vector<std::string>{name} : std::move(forms);
    return e;
}

const EvalError* error(const EvalResult& r, const std::string& name, bool fp) {
    for (const auto& e : r.errors)
        if (e.name == name && e.false_positive == fp)
            return &e;
    return nullptr;
}

} // namespace

TEST_CASE("eval classifies each mistake", "[eval]") {
    ArticleRecord rec;
    rec.id = "a";
    rec.path = "dir/a.md";
    rec.entities = {entity("person", "Jane Doe", {"Jane Doe", "Doe"}),
                    entity("person", "John Doe", {"Doe"}), // Doe bound to someone else
                    entity("organization", "Acme Labs"),
                    entity("organization", "Acme Laboratories"), // a second id for Acme Labs
                    entity("organization", "Globex"),            // gold says: a model
                    entity("organization", "World Bank Fund"),   // too long
                    entity("policy", "Made Up Act")};
    GoldArticle g;
    g.entities = {{"person", {"Jane Doe"}},
                  {"organization", {"Acme Labs", "World Bank"}},
                  {"model", {"Globex"}},
                  {"policy", {"Real Act"}}};
    g.aliases = {{"Jane Doe", {"Doe"}}, {"Acme Labs", {"Acme Laboratories"}}};
    EvalResult r = evaluate({rec}, {{"a.md", g}});
    CHECK(r.articles == 1);
    CHECK(r.overall.tp == 2);
    CHECK(r.overall.fp == 5);
    CHECK(r.overall.fn == 3);
    REQUIRE(error(r, "John Doe", true));
    CHECK(error(r, "John Doe", true)->kind == "wrong referent");
    CHECK(error(r, "Acme Laboratories", true)->kind == "duplicate");
    CHECK(error(r, "Globex", true)->kind == "wrong type");
    CHECK(error(r, "Globex", true)->related == "model:Globex");
    CHECK(error(r, "World Bank Fund", true)->kind == "boundary");
    CHECK(error(r, "Made Up Act", true)->kind == "spurious");
    CHECK(error(r, "World Bank", false)->kind == "missed");
    CHECK(error(r, "World Bank", false)->related == "organization:World Bank Fund");
    CHECK(error(r, "Globex", false)->related == "organization:Globex");
    CHECK(error(r, "Acme Laboratories", true)->id == "organization:Acme Laboratories");
}
