// Entity extraction rules on realistic sentences: the gazetteer matcher, each discovery rule,
// resolution and relations, each with the false positives it must not produce. The word lists
// are the project's own data/patterns.json and given names; the gazetteer is a small inline one
// so that every expectation is visible here.
#include <algorithm>

#include <catch2/catch.hpp>

#include "extractors/entity_extractor.hpp"
#include "extractors/reader.hpp"
#include "tests/support.hpp"

using namespace polgraph;

namespace {

const char* kPeople = "name\taliases\trole\taffiliation\tcountry\n"
                      "Dario Amodei\t\tCEO\tAnthropic\tUnited States\n"
                      "Gavin Newsom\t\tGovernor\tState of California\tUnited States\n"
                      "Claude Shannon\t\tmathematician\t\tUnited States\n";
const char* kOrgs = "name\taliases\tkind\tcountry\n"
                    "Anthropic\t\tai_lab\tUnited States\n"
                    "DeepSeek\t深度求索\tai_lab\tChina\n"
                    "OpenAI\t\tai_lab\tUnited States\n"
                    "European Union\tEU\tinternational\t\n"
                    "Apple\tApple Inc.\tcompany\tUnited States\n"
                    "Nvidia\tNVIDIA\tchipmaker\tUnited States\n"
                    "United Nations\tUN\tinternational\t\n";
const char* kModels = "name\taliases\tdeveloper\tyear\tfamily\n"
                      "DeepSeek-R1\t~R1|DeepSeek R1\tDeepSeek\t2025\tDeepSeek\n"
                      "DeepSeek-V3\t\tDeepSeek\t2024\tDeepSeek\n"
                      "GPT-5\t\tOpenAI\t2025\tGPT\n"
                      "GPT-4o\t\tOpenAI\t2024\tGPT\n"
                      "Claude\t~Claude\tAnthropic\t2023\tClaude\n"
                      "Step-1\t\tStepFun\t2024\tStep\n";
const char* kPolicies = "name\taliases\tjurisdiction\tyear\tkind\n"
                        "EU AI Act\tAI Act\tEuropean Union\t2024\tlaw\n"
                        "U.S. export controls on AI chips\texport controls|U.S. export controls\tUnited States\t2022\texport_control\n";
const char* kLocations = "name\taliases\tkind\tcountry\n"
                         "United States\tU.S.|US|America\tcountry\tUnited States\n"
                         "China\tPRC\tcountry\tChina\n"
                         "California\t\tstate\tUnited States\n"
                         "Georgia (country)\t~Georgia\tcountry\tGeorgia (country)\n"
                         "Georgia (U.S. state)\t~Georgia\tstate\tUnited States\n";

struct Fixture {
    Gazetteer gaz;
    Lexicon lex;
    Fixture() {
        gaz.add_tsv(kPeople, "person", "person.tsv");
        gaz.add_tsv(kOrgs, "organization", "organization.tsv");
        gaz.add_tsv(kModels, "model", "model.tsv");
        gaz.add_tsv(kPolicies, "policy", "policy.tsv");
        gaz.add_tsv(kLocations, "location", "location.tsv");
        gaz.finalize();
        lex = Lexicon::load(test::source_dir() + "/data");
    }
    EntityResult run(const std::string& html) const {
        Article a = parse_article("---\ntitle: x\n---\n```html\n" + html + "\n```\n", "t.md", "t",
                                  InputKind::Markdown);
        a.blocks.erase(a.blocks.begin()); // drop the title block "x"
        EntityExtractor ex(gaz, lex);
        return ex.extract(a, tokenize(a));
    }
};

const EntityRecord* find(const EntityResult& r, const std::string& id) {
    for (const auto& e : r.entities)
        if (e.id == id) return &e;
    return nullptr;
}

bool has_form(const EntityRecord* e, const std::string& form) {
    return e && std::find(e->forms.begin(), e->forms.end(), form) != e->forms.end();
}

bool has_rel(const EntityResult& r, const std::string& type, const std::string& s, const std::string& t) {
    for (const auto& x : r.relations)
        if (x.type == type && x.source == s && x.target == t) return true;
    return false;
}

} // namespace

TEST_CASE("gazetteer: longest match, possessives, aliases and case rules", "[matcher]") {
    Fixture f;
    auto r = f.run("<p>DeepSeek's DeepSeek-V3 rivals U.S. models. The US and the PRC compete; "
                   "U.S. export controls tighten.</p><p>Help us understand the us of it.</p>");
    const auto* ds = find(r, "organization:deepseek");
    REQUIRE(ds);
    CHECK(ds->forms == std::vector<std::string>{"DeepSeek"}); // no "DeepSeek's"
    CHECK(find(r, "model:deepseek-v3"));
    const auto* us = find(r, "location:united-states");
    REQUIRE(us);
    CHECK(us->count == 2); // "U.S. models", "The US" — not "us"; "U.S. export controls" is the policy
    CHECK(has_form(us, "U.S."));
    CHECK(has_form(find(r, "location:china"), "PRC"));
    CHECK(find(r, "policy:u-s-export-controls-on-ai-chips"));
}

TEST_CASE("gazetteer: a name glued to a version is not the shorter name", "[matcher]") {
    Fixture f;
    auto r = f.run("<p>OpenAI shipped GPT-5.4 Thinking after GPT-5.</p>");
    CHECK(find(r, "model:gpt-5")); // the plain mention
    const auto* v = find(r, "model:gpt-5-4-thinking");
    REQUIRE(v);
    CHECK(v->source == "pattern");
}

TEST_CASE("ambiguous short names need the article's confirmation", "[resolution]") {
    Fixture f;
    SECTION("R1 after DeepSeek is named") {
        auto r = f.run("<p>DeepSeek released R1 in January.</p>");
        CHECK(has_form(find(r, "model:deepseek-r1"), "R1"));
    }
    SECTION("R1 alone is left out") {
        auto r = f.run("<p>The R1 highway was closed.</p>");
        CHECK_FALSE(find(r, "model:deepseek-r1"));
    }
    SECTION("Claude as a first name is not the model") {
        auto r = f.run("<p>Claude Shannon founded information theory.</p>");
        CHECK(find(r, "person:claude-shannon"));
        CHECK_FALSE(find(r, "model:claude"));
    }
    SECTION("Claude with its developer named is the model") {
        auto r = f.run("<p>Anthropic trains Claude on curated data.</p>");
        CHECK(find(r, "model:claude"));
    }
    SECTION("Georgia stays out when nothing says which") {
        auto r = f.run("<p>Voters in Georgia went to the polls.</p>");
        CHECK_FALSE(find(r, "location:georgia-country"));
        CHECK_FALSE(find(r, "location:georgia-u-s-state"));
    }
}

TEST_CASE("surnames, titles and acronyms resolve to one entity", "[resolution]") {
    Fixture f;
    auto r = f.run("<p>Dario Amodei wrote an essay. Amodei argues for controls.</p>"
                   "<p>Governor Newsom signed it.</p>"
                   "<p>The Frontier Model Forum (FMF) met. The FMF said little.</p>");
    const auto* d = find(r, "person:dario-amodei");
    REQUIRE(d);
    CHECK(d->count == 2);
    CHECK(has_form(d, "Amodei"));
    CHECK(has_form(find(r, "person:gavin-newsom"), "Newsom"));
    const auto* fmf = find(r, "organization:frontier-model-forum");
    REQUIRE(fmf);
    CHECK(fmf->count == 3);
    CHECK(has_form(fmf, "FMF"));
    SECTION("a surname alone, without the full name, is no one") {
        auto r2 = f.run("<p>Amodei argues for controls.</p>");
        CHECK_FALSE(find(r2, "person:dario-amodei"));
    }
}

TEST_CASE("discovery: people by given name, title and reporting verb", "[patterns]") {
    Fixture f;
    auto r = f.run("<p>Senator Maria Cantwell criticised the plan. \"It is late,\" said Jonathan Ross. "
                   "Kowalczyk Brzeski told reporters the rule was clear.</p>");
    CHECK(find(r, "person:maria-cantwell"));
    CHECK(find(r, "person:jonathan-ross"));
    const auto* k = find(r, "person:kowalczyk-brzeski");
    REQUIRE(k); // unknown first name, but "told" after it
    CHECK(k->source == "pattern");
    SECTION("negatives: headings, months, sentence-initial phrases") {
        auto n = f.run("<h2>Market Implications</h2><p>In January Export Growth slowed. "
                       "Despite Progress the plan stalled.</p>");
        for (const auto& e : n.entities) CHECK(e.type != "person");
    }
}

TEST_CASE("discovery: organisations by suffix, head and context", "[patterns]") {
    Fixture f;
    auto r = f.run("<p>Multiverse Computing raised money. The Ministry of Digital Affairs "
                   "objected, and startup Zephyrix said it would appeal. Jengu.ai summarised it. "
                   "The Bank of Canada was quiet.</p>");
    CHECK(find(r, "organization:multiverse-computing"));
    CHECK(find(r, "organization:ministry-of-digital-affairs"));
    CHECK(find(r, "organization:zephyrix"));
    CHECK(find(r, "organization:jengu-ai"));
    CHECK(find(r, "organization:bank-of-canada"));
    SECTION("negatives: descriptive words before a suffix, verb phrases") {
        auto n = f.run("<p>Chinese AI is growing. Define AI before regulating it. "
                       "Artificial Intelligence changes work.</p>");
        for (const auto& e : n.entities) CHECK(e.type != "organization");
    }
}

TEST_CASE("discovery: models by family + version, parameter count and 'called'", "[patterns]") {
    Fixture f;
    auto r = f.run("<p>OpenAI launched GPT-5.3-Codex-Spark. Lab X released HyperNova 60B, and Meta "
                   "showed a new model called Muse Spark.</p>");
    CHECK(find(r, "model:gpt-5-3-codex-spark"));
    CHECK(find(r, "model:hypernova-60b"));
    CHECK(find(r, "model:muse-spark"));
    SECTION("negatives: numbered steps and article numbers") {
        auto n = f.run("<p>Step 1: install. Step-2 follows. Article 28b of the AI Act applies.</p>");
        for (const auto& e : n.entities) CHECK(e.type != "model");
    }
}

TEST_CASE("discovery: policies by suffix, bill number and executive order", "[patterns]") {
    Fixture f;
    auto r = f.run("<p>The Kids Online Safety Act passed. California enacted SB 53 after "
                   "Executive Order 14110 was revoked.</p>");
    CHECK(find(r, "policy:kids-online-safety-act"));
    CHECK(find(r, "policy:sb-53"));
    CHECK(find(r, "policy:executive-order-14110"));
    SECTION("negatives: a lone 'Act' heading and generic rules") {
        auto n = f.run("<h2>The Act</h2><p>New rules apply to the sector.</p>");
        for (const auto& e : n.entities) CHECK(e.type != "policy");
    }
}

TEST_CASE("merged names: an organisation whose name contains a place", "[patterns]") {
    Fixture f;
    auto r = f.run("<p>The Joint California Policy Working Group reported. The United Nations "
                   "Security Council met.</p>");
    CHECK(find(r, "organization:joint-california-policy-working-group"));
    CHECK(find(r, "organization:united-nations-security-council"));
    CHECK_FALSE(find(r, "location:california"));
}

TEST_CASE("relations are stated in one sentence", "[relations]") {
    Fixture f;
    auto r = f.run("<p>Anthropic CEO Dario Amodei spoke. DeepSeek's R1 surprised many. "
                   "OpenAI released GPT-4o in May. The EU AI Act applies.</p>");
    CHECK(has_rel(r, "affiliated_with", "person:dario-amodei", "organization:anthropic"));
    CHECK(has_rel(r, "develops", "organization:deepseek", "model:deepseek-r1"));
    CHECK(has_rel(r, "develops", "organization:openai", "model:gpt-4o"));
    for (const auto& x : r.relations) CHECK_FALSE(x.evidence.empty());
    SECTION("a policy named after its jurisdiction") {
        auto j = f.run("<p>U.S. export controls bite. The U.S. insists.</p>");
        CHECK(has_rel(j, "jurisdiction", "policy:u-s-export-controls-on-ai-chips", "location:united-states"));
        auto none = f.run("<p>U.S. export controls bite.</p>"); // the country itself is not named apart
        CHECK(none.relations.empty());
    }
    SECTION("apposition") {
        auto a = f.run("<p>Dario Amodei, chief executive of Anthropic, disagreed.</p>");
        CHECK(has_rel(a, "affiliated_with", "person:dario-amodei", "organization:anthropic"));
    }
    SECTION("negatives: co-occurrence alone is not a relation") {
        auto n = f.run("<p>Dario Amodei criticised OpenAI. Anthropic and DeepSeek-V3 were both in "
                       "the news.</p>");
        CHECK_FALSE(has_rel(n, "affiliated_with", "person:dario-amodei", "organization:openai"));
        CHECK_FALSE(has_rel(n, "develops", "organization:anthropic", "model:deepseek-v3"));
    }
}
