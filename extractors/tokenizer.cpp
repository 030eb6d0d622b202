#include "extractors/tokenizer.hpp"

#include <algorithm>
#include <array>
#include <unordered_set>

#include "core/util/text.hpp"

namespace polgraph {

namespace {

const std::unordered_set<std::string>& abbreviations() {
    static const std::unordered_set<std::string> set = {
        "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "reps", "gov", "gen", "col", "lt", "sgt",
        "capt", "cmdr", "adm", "maj", "st", "jr", "sr", "inc", "corp", "ltd", "co", "llc", "plc",
        "vs", "etc", "eg", "ie", "no", "nos", "vol", "fig", "approx", "dept", "est", "jan", "feb",
        "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "hon",
        "pres", "supt", "univ", "assn", "bros", "messrs", "al", "cf", "ca", "op", "ed", "eds"};
    return set;
}

bool word_char(char32_t cp) { return is_letter(cp) || is_digit(cp); }

// Character classes of ASCII bytes, for the tokenizer's fast paths (bytes >= 0x80 have none:
// they go through next_codepoint and the Unicode helpers).
enum : std::uint8_t { kLetter = 1, kUpper = 2, kDigit = 4, kWord = kLetter | kDigit };
constexpr std::array<std::uint8_t, 256> ascii_classes() {
    std::array<std::uint8_t, 256> t{};
    for (int c = 'a'; c <= 'z'; ++c) t[c] = kLetter;
    for (int c = 'A'; c <= 'Z'; ++c) t[c] = kLetter | kUpper;
    for (int c = '0'; c <= '9'; ++c) t[c] = kDigit;
    return t;
}
constexpr std::array<std::uint8_t, 256> kAscii = ascii_classes();
inline std::uint8_t ascii_class(char c) { return kAscii[static_cast<unsigned char>(c)]; }

// Case-folded text and letter/digit/case flags of one token's text, in one pass; ASCII words (most
// of them) are classified by table and lower-cased in place instead of going through utf8proc.
void fill_word(std::string_view s, Token& tok) {
    int letters = 0, uppers = 0;
    if (all_ascii(s)) {
        tok.norm.resize(s.size());
        char* out = tok.norm.data();
        std::uint8_t seen = 0;
        for (std::size_t k = 0; k < s.size(); ++k) {
            const std::uint8_t c = ascii_class(s[k]);
            seen |= c;
            letters += c & kLetter;
            uppers += (c & kUpper) >> 1;
            out[k] = static_cast<char>(s[k] | ((c & kUpper) << 4)); // 'A' | 0x20 == 'a'
        }
        tok.has_letter = seen & kLetter;
        tok.has_digit = seen & kDigit;
        tok.cap = !s.empty() && (ascii_class(s[0]) & kUpper);
        tok.all_caps = letters >= 2 && uppers == letters;
        return;
    }
    std::size_t k = 0;
    bool first = true;
    while (k < s.size()) {
        char32_t c = next_codepoint(s, k);
        if (is_letter(c)) {
            tok.has_letter = true;
            ++letters;
            if (is_upper(c)) ++uppers;
            if (first) tok.cap = is_upper(c);
        }
        if (is_digit(c)) tok.has_digit = true;
        first = false;
    }
    tok.all_caps = letters >= 2 && uppers == letters;
    tok.norm = casefold(s);
}

// One pass over the block: each word is found, then classified together with the gap before it
// (which needs only the previous word).
void tokenize_block(const std::string& text, std::uint32_t block, std::uint32_t& sentence,
                    std::vector<Token>& out) {
    std::size_t prev_b = 0, prev_e = 0; // previous word of this block
    bool prev_poss = false;
    std::size_t t = 0; // words of this block so far
    bool new_sentence = true;
    std::size_t i = 0;
    while (i < text.size()) {
        // Spaces and punctuation, most of the gaps, skipped without decoding.
        if (static_cast<unsigned char>(text[i]) < 0x80 && !(ascii_class(text[i]) & kWord)) {
            ++i;
            continue;
        }
        std::size_t start = i;
        char32_t cp = next_codepoint(text, i);
        if (!word_char(cp)) continue;
        std::size_t end = i;
        // Extend over letters/digits and apostrophes inside words (O'Brien, don't), but not a
        // possessive 's.
        while (i < text.size()) {
            const auto byte = static_cast<unsigned char>(text[i]);
            if (byte < 0x80 && byte != '\'') { // ASCII: a letter or digit, or the word's end
                if (!(ascii_class(text[i]) & kWord)) break;
                end = ++i;
                continue;
            }
            std::size_t j = i;
            char32_t c = next_codepoint(text, j);
            if (word_char(c)) {
                i = j;
                end = i;
                continue;
            }
            if (c == '\'' && j < text.size()) {
                std::size_t k = j;
                char32_t n = next_codepoint(text, k);
                bool s_end = (n == 's' || n == 'S') &&
                             (k >= text.size() || !word_char([&] {
                                  std::size_t kk = k;
                                  return next_codepoint(text, kk);
                              }()));
                if (word_char(n) && !s_end) {
                    i = k;
                    end = i;
                    continue;
                }
            }
            break;
        }
        // "AI+", "C++": trailing plus signs belong to the word.
        while (end < text.size() && text[end] == '+' &&
               (end + 1 >= text.size() || text[end + 1] == '+' || text[end + 1] == ' ' ||
                text[end + 1] == '"' || text[end + 1] == ',' || text[end + 1] == '.' ||
                text[end + 1] == ')' || text[end + 1] == '\'')) {
            ++end;
            i = end;
        }
        bool is_poss = false;
        // possessive: 's / s'
        if (end < text.size() && text[end] == '\'') {
            std::size_t k = end + 1;
            if (k < text.size() && (text[k] == 's' || text[k] == 'S')) {
                std::size_t kk = k + 1;
                bool boundary = kk >= text.size();
                if (!boundary) {
                    std::size_t t2 = kk;
                    boundary = !word_char(next_codepoint(text, t2));
                }
                if (boundary) {
                    is_poss = true;
                    i = kk;
                }
            } else if (end > start && (text[end - 1] == 's' || text[end - 1] == 'S')) {
                is_poss = true;
                i = end + 1;
            }
        }

        Token& tok = out.emplace_back();
        tok.block = block;
        tok.begin = static_cast<std::uint32_t>(start);
        tok.end = static_cast<std::uint32_t>(end);
        fill_word(std::string_view(text.data() + start, end - start), tok);
        tok.possessive = is_poss;
        // The gap before this token.
        if (t > 0) {
            std::string_view gap(text.data() + prev_e, start - prev_e);
            if (prev_poss) {
                // "DeepSeek's R1": the possessive ends a name, it does not join one.
                tok.hard_before = true;
            } else {
                bool hard = false;
                char joiner = 0;
                int spaces = 0;
                for (char c : gap) {
                    if (c == ' ') {
                        ++spaces;
                        if (!joiner) joiner = ' ';
                    } else if (c == '-' || c == '.' || c == '/' || c == '&' || c == '+' ||
                               c == '_') {
                        joiner = c;
                    } else {
                        hard = true;
                    }
                }
                if (gap.size() > 4 || spaces > 1) hard = true;
                // Sentence boundary: [.!?] then space, next token capitalised or a digit, and the
                // previous token is not an abbreviation or an initial.
                bool end_punct = gap.find_first_of("!?") != std::string_view::npos;
                if (!end_punct && gap.size() >= 2 && gap[0] == '.' && gap.back() == ' ') {
                    const Token& prev = out[out.size() - 2];
                    bool initial = prev.has_letter && prev_e - prev_b == 1 && prev.cap;
                    bool acronym_dot = initial && t >= 2 && prev_b >= 1 && text[prev_b - 1] == '.';
                    bool abbr = abbreviations().count(prev.norm) > 0 || initial || acronym_dot;
                    if (!abbr && (tok.cap || tok.has_digit || !tok.has_letter)) end_punct = true;
                }
                if (end_punct) {
                    ++sentence;
                    new_sentence = true;
                    hard = true;
                }
                tok.hard_before = hard;
                tok.joiner_before = hard ? 0 : joiner;
            }
        }
        tok.sentence = sentence;
        tok.sent_start = new_sentence;
        new_sentence = false;
        prev_b = start;
        prev_e = end;
        prev_poss = is_poss;
        ++t;
    }
    ++sentence; // blocks never share a sentence
}

} // namespace

Tokenized tokenize(const Article& a) {
    Tokenized r;
    std::uint32_t sentence = 0;
    std::size_t bytes = 0;
    for (const auto& b : a.blocks) bytes += b.text.size();
    r.tokens.reserve(bytes / 5 + 16);
    for (std::uint32_t b = 0; b < a.blocks.size(); ++b)
        tokenize_block(a.blocks[b].text, b, sentence, r.tokens);
    r.sentence_count = sentence;
    return r;
}

Tokenized tokenize_text(std::string_view text) {
    Tokenized r;
    std::uint32_t sentence = 0;
    std::string s(text);
    tokenize_block(s, 0, sentence, r.tokens);
    r.sentence_count = sentence;
    return r;
}

std::vector<std::pair<std::size_t, std::size_t>> split_sentences(std::string_view text) {
    Article a;
    a.blocks.push_back({Block::Kind::Paragraph, 0, std::string(text)});
    Tokenized t = tokenize(a);
    std::vector<std::pair<std::size_t, std::size_t>> out;
    std::size_t i = 0;
    while (i < t.tokens.size()) {
        std::size_t j = i;
        while (j + 1 < t.tokens.size() && t.tokens[j + 1].sentence == t.tokens[i].sentence) ++j;
        std::size_t begin = i == 0 ? 0 : t.tokens[i].begin;
        std::size_t end = j + 1 < t.tokens.size() ? t.tokens[j + 1].begin : text.size();
        while (end > begin && (text[end - 1] == ' ')) --end;
        out.emplace_back(begin, end);
        i = j + 1;
    }
    return out;
}

std::string token_span_text(const Article& a, const Tokenized& t, std::size_t first,
                            std::size_t last) {
    const Token& f = t.tokens[first];
    const Token& l = t.tokens[last];
    const std::string& text = a.blocks[f.block].text;
    std::size_t end = l.end;
    // "U.S." keeps its final dot.
    if (end < text.size() && text[end] == '.' && l.end - l.begin == 1 && l.cap && first != last &&
        t.tokens[last].joiner_before == '.')
        ++end;
    return text.substr(f.begin, end - f.begin);
}

} // namespace polgraph
