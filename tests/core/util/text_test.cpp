// normalize_text skips utf8proc for texts whose code points NFC cannot change (detail::nfc_inert).
// Checked here against utf8proc itself, for every code point the shortcut accepts.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>

#include <utf8proc.h>

#include "core/util/text.hpp"

using namespace polgraph;

namespace {

std::string utf8(char32_t cp) {
    std::string s;
    append_utf8(s, cp);
    return s;
}

std::string nfc(const std::string& s) {
    utf8proc_uint8_t* out = utf8proc_NFC(reinterpret_cast<const utf8proc_uint8_t*>(s.c_str()));
    REQUIRE(out != nullptr);
    std::string r(reinterpret_cast<const char*>(out));
    std::free(out);
    return r;
}

} // namespace

TEST_CASE("NFC changes no text made of the code points normalize_text treats as inert", "[text]") {
    std::size_t inert = 0, wrong = 0;
    std::string first_wrong;
    for (char32_t cp = 0x80; cp <= 0x10FFFF; ++cp) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue; // surrogates are not scalar values
        if (!detail::nfc_inert(cp)) continue;
        ++inert;
        const std::string c = utf8(cp);
        // After and before letters that start compositions, doubled, beside a typographic
        // apostrophe, and after Hangul that composes by rule (an LV syllable, an L jamo).
        const std::string text =
            "e" + c + "A" + c + c + "\u2019" + c + "o\uAC00" + c + "\u1100" + c;
        if (nfc(text) != text && wrong++ == 0) first_wrong = c;
    }
    INFO("first code point NFC changes: " << first_wrong);
    CHECK(wrong == 0);
    // The shortcut must apply to the text it is for, and only to it.
    CHECK(inert > 100000);
    for (char32_t cp : {0x2019, 0x201C, 0x201D, 0x2014, 0x2013, 0x00A0, 0x2026, 0x20AC})
        CHECK(detail::nfc_inert(cp));
    for (char32_t cp : {0x00E9, 0x0301, 0x0308, 0x2000, 0x212B, 0xAC00, 0x11A8, 0x0344})
        CHECK_FALSE(detail::nfc_inert(cp));
}

TEST_CASE("normalize_text composes what it must and maps typographic characters", "[text]") {
    // A decomposed e + acute is composed; curly quotes and a no-break space are mapped.
    CHECK(normalize_text("Caf\x65\xCC\x81 \u2019quoted\u201D\u00A0x") == "Caf\u00E9 'quoted\" x");
    // Inert text only: mapped without utf8proc, same result.
    CHECK(normalize_text("it\u2019s \u201Cfine\u201D \u2014 ok") == "it's \"fine\" \u2014 ok");
    // U+2000 (EN QUAD) has a canonical decomposition to U+2002; both become a plain space.
    CHECK(normalize_text("a\u2000b") == "a b");
    // Hangul jamo compose by rule: L + V + T -> one syllable.
    CHECK(normalize_text("\u1100\u1161\u11A8") == "\uAC01");
}

TEST_CASE("display width counts terminal columns per grapheme cluster", "[text]") {
    CHECK(display_width("") == 0);
    CHECK(display_width("Nvidia") == 6);
    CHECK(display_width("习近平") == 6);       // wide: two columns each
    CHECK(display_width("이재명") == 6);       // Hangul syllables
    CHECK(display_width("ｶﾀｶﾅ") == 4);         // halfwidth katakana: one column each
    CHECK(display_width("Cafe\xCC\x81") == 4); // e + combining acute: one cluster, one column
    CHECK(display_width("\xE1\x84\x80\xE1\x85\xA1") == 2); // conjoining jamo: one syllable
    CHECK(display_width("a\xE2\x80\x8B"
                        "b") == 2);                        // zero-width space
    CHECK(display_width("\xF0\x9F\x91\x8D") == 2);         // an emoji
    CHECK(display_width("\xE2\x9D\xA4\xEF\xB8\x8F") == 2); // heart + VS16: emoji presentation
}

TEST_CASE("clip_to_width cuts at a grapheme boundary and marks the cut", "[text]") {
    CHECK(clip_to_width("short", 10) == "short");
    CHECK(clip_to_width("abcdefghij", 5) == "abcd\xE2\x80\xA6");
    // Wide characters: never half of one, never past the width.
    const std::string cut = clip_to_width("英伟达与华为", 6);
    CHECK(cut == "英伟\xE2\x80\xA6");
    CHECK(display_width(cut) <= 6);
    CHECK(clip_to_width("英伟达与华为", 7) == "英伟达\xE2\x80\xA6");
    // A base letter keeps its combining mark.
    CHECK(clip_to_width("e\xCC\x81"
                        "e\xCC\x81"
                        "e\xCC\x81"
                        "e\xCC\x81",
                        3) == "e\xCC\x81"
                              "e\xCC\x81"
                              "\xE2\x80\xA6");
    for (std::size_t w = 0; w < 14; ++w) {
        const std::string c = clip_to_width("混合 mixed 한국어 text", w);
        CHECK(display_width(c) <= w);
        CHECK(is_valid_utf8(c));
    }
}

TEST_CASE("normalize_date reads one day/month order and says when both would do", "[text]") {
    bool ambiguous = true;
    CHECK(normalize_date("25/03/2026", &ambiguous) == "2026-03-25");
    CHECK_FALSE(ambiguous);
    CHECK(normalize_date("03/25/2026", &ambiguous) == "2026-03-25");
    CHECK(normalize_date("04/04/2026", &ambiguous) == "2026-04-04");
    CHECK(normalize_date("05/03/2026", &ambiguous) == "");
    CHECK(ambiguous);
    CHECK(normalize_date("not a date", &ambiguous) == "");
    CHECK_FALSE(ambiguous);
    CHECK(normalize_date("31/02/2026", &ambiguous) == "");
    CHECK_FALSE(ambiguous);
    CHECK(normalize_date("2026-03-05") == "2026-03-05");
}
