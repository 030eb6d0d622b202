// The fields of every token (tokenizer.hpp) checked against their definitions, on random texts
// that mix ASCII words (the tokenizer's table-driven path) with accented, Greek and CJK letters,
// digits, apostrophes, plus signs and punctuation (its code-point path).
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "core/util/text.hpp"
#include "extractors/tokenizer.hpp"

using namespace polgraph;

namespace {

std::vector<char32_t> code_points(std::string_view s) {
    std::vector<char32_t> out;
    for (std::size_t i = 0; i < s.size();) out.push_back(next_codepoint(s, i));
    return out;
}

bool is_word(char32_t c) { return is_letter(c) || is_digit(c); }

std::string random_text(std::mt19937& rng) {
    static const std::vector<std::string> pieces = {
        "a", "b", "z", "A", "Q", "Z", "0", "7", "9", "é", "É", "ß", "Ω", "ω", "中", "ñ", "Ñ",
        "'", "'s", "s'", "+", "++", " ", " ", " ", "-", ".", ". ", "/", "&", ",", "(", ")", "\"",
        "!", "? ", "\u2019", "_", "AI", "Dr. ", "U.S.", "GPT-4", "O'Brien", "don't", "DeepSeek's",
        "C++ ", "Amodei", "NVIDIA", "x86", "İ"};
    std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
    std::uniform_int_distribution<int> length(1, 60);
    std::string s;
    for (int n = length(rng); n > 0; --n) s += pieces[pick(rng)];
    return s;
}

} // namespace

TEST_CASE("tokenizer: every token's text, case-folded form and flags match their definitions",
          "[tokenizer]") {
    std::mt19937 rng(20261130);
    std::size_t checked = 0, ascii_tokens = 0, other_tokens = 0;
    for (int round = 0; round < 3000; ++round) {
        const std::string text = random_text(rng);
        const Tokenized t = tokenize_text(text);
        std::size_t covered = 0; // end of the previous token (and of its possessive 's)
        for (const Token& tok : t.tokens) {
            INFO("text: [" << text << "] token at " << tok.begin << ".." << tok.end);
            REQUIRE(tok.begin >= covered);
            REQUIRE(tok.end > tok.begin);
            REQUIRE(tok.end <= text.size());
            // Nothing between two tokens is a letter or a digit.
            for (char32_t c : code_points(std::string_view(text).substr(covered, tok.begin - covered)))
                REQUIRE_FALSE((is_letter(c) || is_digit(c)));
            covered = tok.end;
            if (tok.possessive) { // "DeepSeek's", "models'": the suffix is no word of its own
                REQUIRE(text[covered] == '\'');
                ++covered;
                std::size_t after = covered + 1;
                if (covered < text.size() && (text[covered] == 's' || text[covered] == 'S') &&
                    (after == text.size() || !is_word(next_codepoint(text, after))))
                    ++covered;
            }

            const std::string_view word = std::string_view(text).substr(tok.begin, tok.end - tok.begin);
            const auto cps = code_points(word);
            REQUIRE((is_letter(cps.front()) || is_digit(cps.front())));
            int letters = 0, uppers = 0;
            bool digit = false, ascii = true;
            for (char32_t c : cps) {
                letters += is_letter(c);
                uppers += is_letter(c) && is_upper(c);
                digit = digit || is_digit(c);
                ascii = ascii && c < 0x80;
                // Inside a word: letters, digits, an apostrophe between two of them, plus signs.
                REQUIRE((is_letter(c) || is_digit(c) || c == '\'' || c == '+'));
            }
            CHECK(tok.norm == casefold(word));
            CHECK(tok.has_letter == (letters > 0));
            CHECK(tok.has_digit == digit);
            CHECK(tok.cap == (is_letter(cps.front()) && is_upper(cps.front())));
            CHECK(tok.all_caps == (letters >= 2 && uppers == letters));
            ++checked;
            (ascii ? ascii_tokens : other_tokens) += 1;
        }
        // Nothing after the last token is a letter or a digit.
        for (char32_t c : code_points(std::string_view(text).substr(covered)))
            REQUIRE_FALSE((is_letter(c) || is_digit(c)));
    }
    // Both paths were exercised, many times.
    CHECK(ascii_tokens > 5000);
    CHECK(other_tokens > 5000);
    CHECK(checked == ascii_tokens + other_tokens);
}

TEST_CASE("tokenizer: possessives, joiners and sentence starts", "[tokenizer]") {
    const Tokenized t = tokenize_text("Anthropic's CEO met the U.S. team. DeepSeek-R1 ships; x86 C++ too");
    std::vector<std::string> norms;
    for (const auto& tok : t.tokens) norms.push_back(tok.norm);
    CHECK(norms == std::vector<std::string>{"anthropic", "ceo", "met", "the", "u", "s", "team",
                                            "deepseek", "r1", "ships", "x86", "c++", "too"});
    CHECK(t.tokens[0].possessive);
    CHECK(t.tokens[0].cap);
    CHECK(t.tokens[1].all_caps);
    CHECK(t.tokens[1].hard_before); // the possessive ends a name
    CHECK(t.tokens[5].joiner_before == '.'); // "U.S."
    CHECK(t.tokens[7].sent_start);           // "DeepSeek" opens the second sentence
    CHECK(t.tokens[7].sentence == t.tokens[6].sentence + 1);
    CHECK_FALSE(t.tokens[4].sent_start);     // "the U.S." does not end one
    CHECK(t.tokens[8].joiner_before == '-');
    CHECK(t.tokens[9].hard_before == false);
    CHECK(t.tokens[10].hard_before); // after ';'
    CHECK(t.tokens[10].has_digit);
    CHECK(t.tokens[10].has_letter);
}
