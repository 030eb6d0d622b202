#include <algorithm>

#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "core/util/text.hpp"
#include "extractors/reader.hpp"

using namespace polgraph;

namespace {
std::vector<std::string> texts(const Article& a) {
    std::vector<std::string> out;
    for (const auto& b : a.blocks) out.push_back(b.text);
    return out;
}
bool has_block(const Article& a, const std::string& text) {
    for (const auto& b : a.blocks)
        if (b.text == text) return true;
    return false;
}
} // namespace

TEST_CASE("front matter fields, date priority and the html fence", "[reader]") {
    std::string doc = "---\ntitle: \"On DeepSeek\"\nsubtitle: Sub\ndescription: Desc here\n"
                      "publishedOn: 2025-04-07\nnewsDate: 2025-02-03\nsource: \"example.com\"\n"
                      "tags: [AI, Export controls]\ndraft: false\naltTextMainImage: \"A chip\"\n---\n\n"
                      "```html\n<h1>Heading One</h1>\n<p>First <b>para</b> here.</p>\n"
                      "<script>var x = 'Hidden Person';</script><p>Second.</p>\n```\n\nTrailing prose.\n";
    Article a = parse_article(doc, "x.md", "x", InputKind::Markdown);
    CHECK(a.title == "On DeepSeek");
    CHECK(a.subtitle == "Sub");
    CHECK(a.description == "Desc here");
    CHECK(a.date == "2025-02-03"); // newsDate wins over publishedOn
    CHECK(a.source == "example.com");
    CHECK(a.fields.at("draft") == "false");
    REQUIRE(a.tags.size() == 2);
    CHECK(a.tags[1] == "Export controls");
    CHECK(has_block(a, "A chip"));
    CHECK(has_block(a, "Heading One"));
    CHECK(has_block(a, "First para here."));
    CHECK(has_block(a, "Second."));
    CHECK(has_block(a, "Trailing prose."));
    for (const auto& t : texts(a)) CHECK(t.find("Hidden") == std::string::npos);
    CHECK(a.blocks.front().kind == Block::Kind::Title);
}

TEST_CASE("markdown bodies with inline and block HTML", "[reader]") {
    std::string doc = "---\ntitle: T\ndate: April 7, 2025\n---\n# Big Title\n\nSome *markdown* with "
                      "<a href=\"x\">a link</a>.\n\n<h2>Raw heading</h2>\n\n| a | b |\n|---|---|\n| cell one | two |\n";
    Article a = parse_article(doc, "m.md", "m", InputKind::Markdown);
    CHECK(a.date == "2025-04-07");
    CHECK(has_block(a, "Big Title"));
    CHECK(has_block(a, "Some markdown with a link."));
    CHECK(has_block(a, "Raw heading"));
    CHECK(has_block(a, "cell one"));
}

TEST_CASE("html files take the title from <title> and drop chrome", "[reader]") {
    std::string doc = "<html><head><title>Page Title</title><meta name=\"description\" content=\"D\">"
                      "<style>p{}</style></head><body><nav>Menu Home</nav><h1>H</h1><p>Body text.</p>"
                      "<footer>Copyright</footer></body></html>";
    Article a = parse_article(doc, "p.html", "p", InputKind::Html);
    CHECK(a.title == "Page Title");
    CHECK(a.description == "D");
    CHECK(has_block(a, "Body text."));
    CHECK_FALSE(has_block(a, "Menu Home"));
    CHECK_FALSE(has_block(a, "Copyright"));
}

TEST_CASE("plain text files become paragraphs", "[reader]") {
    Article a = parse_article("First line\ncontinues.\n\nSecond para.\n", "t.txt", "t", InputKind::Text);
    CHECK(has_block(a, "First line continues."));
    CHECK(has_block(a, "Second para."));
    CHECK(a.title.empty());
}

TEST_CASE("typographic characters are normalised", "[reader]") {
    std::string doc = "---\ntitle: x\n---\n```html\n<p>DeepSeek\xE2\x80\x99s GPT\xE2\x81\xA0-\xE2\x81\xA0" "3 \xE2\x80\x9Cquoted\xE2\x80\x9D</p>\n```\n";
    Article a = parse_article(doc, "u.md", "u", InputKind::Markdown);
    CHECK(has_block(a, "DeepSeek's GPT-3 \"quoted\""));
}

TEST_CASE("missing or broken front matter", "[reader]") {
    SECTION("no front matter is fine") {
        Article a = parse_article("# Only Heading\n\nText.\n", "n.md", "n", InputKind::Markdown);
        CHECK(a.title == "Only Heading");
    }
    SECTION("unterminated") {
        CHECK_THROWS_WITH(parse_article("---\ntitle: x\nbody\n", "u.md", "u", InputKind::Markdown),
                          Catch::Contains("unterminated front matter") && Catch::Contains("u.md"));
    }
    SECTION("invalid YAML names the line") {
        try {
            parse_article("---\ntitle: ok\nbad: [unclosed\n---\ntext\n", "y.md", "y", InputKind::Markdown);
            FAIL("no error");
        } catch (const ParseError& e) {
            CHECK(e.file() == "y.md");
            CHECK(e.line() >= 2);
            CHECK_THAT(e.reason(), Catch::Contains("invalid YAML"));
        }
    }
    SECTION("a list is not a mapping") {
        CHECK_THROWS_WITH(parse_article("---\n- a\n- b\n---\ntext\n", "l.md", "l", InputKind::Markdown),
                          Catch::Contains("front matter is a YAML list"));
    }
    SECTION("empty and binary files") {
        CHECK_THROWS_WITH(parse_article("", "e.md", "e", InputKind::Markdown), Catch::Contains("empty file"));
        CHECK_THROWS_WITH(parse_article(std::string("\x89PNG\r\n\x1a\n\0\0\0", 11), "b.md", "b", InputKind::Markdown),
                          Catch::Contains("PNG"));
    }
}

TEST_CASE("CRLF, BOM and unterminated fences are read", "[reader]") {
    std::string doc = "\xEF\xBB\xBF---\r\ntitle: \"CR\"\r\n---\r\n```html\r\n<p>Inside fence.</p>\r\n";
    Article a = parse_article(doc, "c.md", "c", InputKind::Markdown);
    CHECK(a.title == "CR");
    CHECK(has_block(a, "Inside fence."));
    REQUIRE(a.warnings.size() == 1);
    CHECK_THAT(a.warnings[0], Catch::Contains("unterminated"));
}

TEST_CASE("dates are normalised to ISO", "[reader]") {
    CHECK(normalize_date("2025-02-03") == "2025-02-03");
    CHECK(normalize_date("2025-02-03T10:00:00Z") == "2025-02-03");
    CHECK(normalize_date("Feb 3, 2025") == "2025-02-03");
    CHECK(normalize_date("3 February 2025") == "2025-02-03");
    CHECK(normalize_date("2025/02/03") == "2025-02-03");
    CHECK(normalize_date("not a date").empty());
    CHECK(normalize_date("2025-02-30").empty());
}

TEST_CASE("front-matter keys with invalid UTF-8 are cleaned like values", "[reader][fuzz]") {
    // Found by fuzz_article: the key was kept with its raw bytes.
    std::string doc = "---\nt\x96tle: \"Fences\"\nok: \"v\xFFw\"\n---\n<p>Text.</p>\n";
    Article a = parse_article(doc, "k.md", "k", InputKind::Markdown);
    REQUIRE(a.fields.size() == 2);
    for (const auto& [key, value] : a.fields) {
        CHECK(is_valid_utf8(key));
        CHECK(is_valid_utf8(value));
    }
    CHECK(a.fields.count("t\xEF\xBF\xBDtle") == 1);
}

TEST_CASE("a first heading repeating the title is read once", "[reader]") {
    auto count = [](const Article& a, const std::string& text) {
        return std::count_if(a.blocks.begin(), a.blocks.end(),
                             [&](const Block& b) { return b.text == text; });
    };
    SECTION("the page's <h1>") {
        Article a = parse_article("---\ntitle: Chips and Rules\n---\n```html\n<h1>Chips and  rules"
                                  "</h1>\n<p>Body.</p>\n```\n",
                                  "h.md", "h", InputKind::Markdown);
        CHECK(count(a, "Chips and Rules") == 1);
        CHECK(count(a, "Chips and rules") == 0);
        CHECK(a.blocks.front().kind == Block::Kind::Title);
    }
    SECTION("the heading an untitled file took its title from") {
        Article a = parse_article("# Only Heading\n\nText.\n", "n.md", "n", InputKind::Markdown);
        CHECK(count(a, "Only Heading") == 1);
    }
    SECTION("a heading after the first paragraph, or a different one, stays") {
        Article a = parse_article("---\ntitle: T\n---\n```html\n<p>Lead.</p><h1>T</h1><h2>Other"
                                  "</h2>\n```\n",
                                  "k.md", "k", InputKind::Markdown);
        CHECK(count(a, "T") == 2);
        CHECK(count(a, "Other") == 1);
    }
}
