// The JSON scanner behind graph loading, checked against nlohmann::json: on hand-picked corner
// cases and on thousands of deterministic mutations of a document, both accept the same texts and
// read the same values.
#include <cmath>
#include <random>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "store/json_scan.hpp"
#include "tests/store/json_scan_support.hpp"

using namespace polgraph;
using nlohmann::json;
using polgraph::test::to_nlohmann;

namespace {

struct Outcome {
    bool ok = false;
    json value;
    std::string error;
};

Outcome ours(const std::string& text, int max_depth = 64) {
    Outcome o;
    try {
        JsonScanner scan(text, max_depth);
        JsonDoc doc;
        scan.start();
        const JsonValue& v = scan.parse(doc, 0);
        scan.finish();
        o.value = to_nlohmann(v);
        o.ok = true;
    } catch (const JsonSyntaxError& e) {
        o.error = e.what();
    }
    return o;
}

Outcome theirs(const std::string& text) {
    Outcome o;
    try {
        o.value = json::parse(text);
        o.ok = true;
    } catch (const json::exception& e) {
        o.error = e.what();
    }
    return o;
}

void same_as_nlohmann(const std::string& text) {
    const Outcome a = ours(text), b = theirs(text);
    INFO("input: " << json(text).dump(-1, ' ', false, json::error_handler_t::replace)
                   << "\nours: " << a.error << "\nnlohmann: " << b.error);
    REQUIRE(a.ok == b.ok);
    if (a.ok) CHECK(a.value == b.value);
}

} // namespace

TEST_CASE("the JSON scanner accepts and reads what nlohmann::json does", "[json_scan]") {
    const char* cases[] = {
        "{}",
        "[]",
        " \t\r\n{ } ",
        "\xEF\xBB\xBF{\"a\":1}",
        "\xEF\xBB{}",
        "",
        "   ",
        "{",
        "}",
        "[1,]",
        "[,1]",
        "{\"a\":1,}",
        "{,}",
        "{\"a\" 1}",
        "{\"a\":}",
        "{1:2}",
        "{'a':1}",
        "[1 2]",
        "[1,,2]",
        "null",
        "nul",
        "nulll",
        "true",
        "True",
        "false",
        "falsey",
        "[true,false,null]",
        "0",
        "-0",
        "-",
        "01",
        "-01",
        "1.",
        ".5",
        "1.5",
        "-1.5e3",
        "1E+2",
        "1e-2",
        "1e",
        "1e+",
        "0x10",
        "+1",
        "1e400",
        "-1e400",
        "1e-400",
        "123456789012345678901234567890",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775808",
        "-9223372036854775809",
        "3.0e0",
        "NaN",
        "Infinity",
        "\"\"",
        "\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"",
        "\"\\u00e9\\u20AC\"",
        "\"\\u0000\"",
        "\"\\ud83d\\ude00\"",
        "\"\\ud83d\"",
        "\"\\ude00\"",
        "\"\\ud83dx\"",
        "\"\\ud83d\\u0041\"",
        "\"\\u12\"",
        "\"\\u12G4\"",
        "\"\\x41\"",
        "\"\\'\"",
        "\"a\nb\"",
        "\"a\tb\"",
        "\"\x7f\"",
        "\"caf\xC3\xA9\"",
        "\"\xC3\"",
        "\"\xC0\xAF\"",
        "\"\xE0\x80\xAF\"",
        "\"\xED\xA0\x80\"",
        "\"\xF4\x90\x80\x80\"",
        "\"\xF0\x9F\x98\x80\"",
        "\"\xF0\x9F\x98\"",
        "\"\xFF\"",
        "\"\x80\"",
        "\"\xEF\xBF\xBF\"",
        "\"unterminated",
        "{\"a\":1}{",
        "{\"a\":1} x",
        "{\"a\":1,\"a\":2}",
        "{\"a\":{\"b\":[1,{\"c\":null}]},\"d\":\"e\"}",
        "[[[[[[[[[[]]]]]]]]]]",
        "[1]\x00",
        "{\"k\\u0041\":\"v\"}",
        "[\"a\",\"b\\\"\",\"c\"]",
        "/* c */ {}",
        "{\"a\":1}\n",
    };
    for (const char* c : cases) same_as_nlohmann(std::string(c));
    // One difference, on purpose: nlohmann::json takes a NUL byte for the end of the input and so
    // accepts "[1]\0" followed by anything; for a graph file that is damage, not an end.
    CHECK(theirs(std::string("[1]\0x", 5)).ok);
    CHECK_FALSE(ours(std::string("[1]\0x", 5)).ok);
    same_as_nlohmann(std::string("\"a\0b\"", 5));
}

TEST_CASE("the JSON scanner agrees with nlohmann::json on mutated documents", "[json_scan]") {
    json doc = {{"directed", true},
                {"graph", {{"name", "polgraph"}, {"weights", {0.5, -2, 1e-3, 12345678901234ll}}}},
                {"nodes", json::array({{{"id", "a\"b"}, {"label", "Caf\u00e9 \u20ac \U0001F600"}},
                                       {{"id", "tab\there"}, {"n", nullptr}, {"ok", false}}})},
                {"links", json::array({{{"source", "a\"b"}, {"target", "x\\y"}, {"w", 3}}})}};
    const std::string base = doc.dump() + doc.dump(2) + "\n";
    // The two dumps side by side are not one value: cut it to either and to both.
    const std::string one = doc.dump(2, ' ', true); // non-ASCII escaped as \uXXXX
    const char inserts[] = {'"', '\\', ',',    ':',    '[',    ']',    '{',  '}',    'u', 'e',
                            '-', '0',  '\x80', '\xC3', '\xED', '\xF4', '\n', '\x01', ' ', '.'};
    std::mt19937 rng(20261130);
    int accepted = 0, rejected = 0;
    for (int round = 0; round < 6000; ++round) {
        std::string text = round % 3 == 0 ? doc.dump() : round % 3 == 1 ? one : base;
        const int edits = 1 + static_cast<int>(rng() % 3);
        for (int k = 0; k < edits && !text.empty(); ++k) {
            const std::size_t at = rng() % text.size();
            switch (rng() % 4) {
            case 0:
                text.erase(at, 1 + rng() % 3);
                break;
            case 1:
                text.insert(text.begin() + static_cast<std::ptrdiff_t>(at),
                            inserts[rng() % sizeof inserts]);
                break;
            case 2:
                text[at] = inserts[rng() % sizeof inserts];
                break;
            default:
                text.resize(at);
                break;
            }
        }
        const Outcome a = ours(text), b = theirs(text);
        INFO("input: " << json(text).dump(-1, ' ', false, json::error_handler_t::replace)
                       << "\nours: " << a.error << "\nnlohmann: " << b.error);
        REQUIRE(a.ok == b.ok);
        if (a.ok) REQUIRE(a.value == b.value);
        (a.ok ? accepted : rejected)++;
    }
    // Both kinds of input were tried in numbers.
    CHECK(accepted > 300);
    CHECK(rejected > 3000);
}

TEST_CASE("the JSON scanner reads numbers as nlohmann::json does", "[json_scan]") {
    auto num = [](const std::string& t) { return ours(t).value.get<double>(); };
    CHECK_FALSE(std::signbit(num("-0"))); // an integer: -0 is 0
    CHECK(std::signbit(num("-0.0")));
    CHECK(num("18446744073709551615") == 18446744073709551615.0);
    CHECK(num("1e-400") == 0.0);
    CHECK(num("0.1") == 0.1);
    CHECK(num("9007199254740993") == 9007199254740992.0);
    // Which numbers are unsigned integers, as nlohmann::json tells them apart.
    for (const char* t :
         {"0", "3", "-3", "-0", "3.0", "1e2", "18446744073709551615", "18446744073709551616"}) {
        JsonScanner scan(t, 4);
        JsonDoc doc;
        const JsonValue& v = scan.parse(doc, 0);
        INFO(t);
        CHECK(v.is_unsigned() == json::parse(t).is_number_unsigned());
        if (v.is_unsigned()) CHECK(v.unsigned_value() == json::parse(t).get<std::uint64_t>());
    }
}

TEST_CASE("the JSON scanner limits nesting and says where the text goes wrong", "[json_scan]") {
    auto nested = [](int levels) { return std::string(levels, '[') + std::string(levels, ']'); };
    CHECK(ours(nested(5), 4).ok); // depths 0 to 4
    CHECK_THROWS_AS(ours(nested(6), 4), JsonDepthError);
    CHECK_THROWS_AS(ours(nested(200000), 64), JsonDepthError);
    CHECK_THROWS_AS(ours("{\"a\":" + nested(70) + "}", 64), JsonDepthError);
    CHECK(ours("{\n  \"a\": tru }").error == "line 2, column 8: invalid literal");
    CHECK(ours("[1,\n2,\n]").error == "line 3, column 1: expected a value");
    CHECK(ours("[\"\xC3(\"]").error == "line 1, column 3: invalid UTF-8 in a string");
}

TEST_CASE("the JSON scanner walks an object and an array element by element", "[json_scan]") {
    const std::string text =
        "{\"nodes\": [ {\"id\": \"a\\u0041\"}, [1, 2], \"s\" ], \"e\\u0078\": [],"
        "\"n\": null}";
    JsonScanner scan(text, 64);
    JsonDoc doc;
    REQUIRE(scan.start() == '{');
    scan.open_object();
    std::string_view key;
    std::string buf;
    std::vector<std::string> seen;
    while (scan.next_member(key, buf)) {
        seen.push_back(std::string(key) + ":");
        if (scan.peek() == '[') {
            scan.open_array();
            while (scan.next_item()) {
                const JsonValue& v = scan.parse(doc, 2);
                seen.back() += to_nlohmann(v).dump() + ";";
            }
        } else {
            seen.back() += to_nlohmann(scan.parse(doc, 1)).dump();
        }
    }
    scan.finish();
    CHECK(seen == std::vector<std::string>{"nodes:{\"id\":\"aA\"};[1,2];\"s\";", "ex:", "n:null"});
    // A value's members by key: the last of a repeated key, nullptr when absent.
    JsonScanner again("{\"k\": 1, \"k\": 2}", 64);
    const JsonValue& v = again.parse(doc, 0);
    REQUIRE(v.find("k"));
    CHECK(v.find("k")->number() == 2);
    CHECK(v.find("x") == nullptr);
    // A trailing comma in a walked array or object is an error, as in a parsed one.
    for (const std::string bad : {"[1,]", "{\"a\":1,}"}) {
        JsonScanner s(bad, 64);
        auto walk = [&] {
            if (s.start() == '[') {
                s.open_array();
                while (s.next_item()) s.parse(doc, 1);
            } else {
                s.open_object();
                std::string_view k;
                while (s.next_member(k, buf)) s.parse(doc, 1);
            }
            s.finish();
        };
        CHECK_THROWS_AS(walk(), JsonSyntaxError);
    }
}
