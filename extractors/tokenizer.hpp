#pragma once
/// Word tokens and sentence boundaries over an Article's blocks. Tokens are runs of letters and
/// digits; punctuation between them is classified as a soft gap (spaces, hyphens, dots, slashes:
/// "DeepSeek-V3", "U.S. export") that a multi-word name may span, or a hard gap (commas, brackets,
/// sentence ends, block ends) that it may not. Pure functions, thread-safe.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/article.hpp"

namespace polgraph {

struct Token {
    std::uint32_t block = 0;    ///< index into Article::blocks
    std::uint32_t begin = 0;    ///< byte offset of the first character in the block text
    std::uint32_t end = 0;      ///< one past the last byte
    std::uint32_t sentence = 0; ///< article-wide sentence index
    std::string norm;           ///< case-folded token text
    bool cap = false;           ///< starts with an upper-case letter
    bool all_caps = false;      ///< two or more letters, all upper case
    bool has_digit = false;
    bool has_letter = false;
    bool sent_start = false;    ///< first token of its sentence
    bool possessive = false;    ///< followed by 's or s'
    bool hard_before = true;    ///< a hard gap (or nothing) separates it from the previous token
    char joiner_before = 0;     ///< '-', '.', '/', '&' or ' ' when the gap is soft
};

struct Tokenized {
    std::vector<Token> tokens;
    std::uint32_t sentence_count = 0;
};

/// Tokenises every block of `a`; sentence indices run across the whole article.
Tokenized tokenize(const Article& a);

/// Tokenises one string as a single block (used for gazetteer aliases).
Tokenized tokenize_text(std::string_view text);

/// Splits `text` into sentences (abbreviation-aware); returns [begin, end) byte ranges.
std::vector<std::pair<std::size_t, std::size_t>> split_sentences(std::string_view text);

/// Surface text covered by tokens [first, last] of `a`, including a final abbreviation dot
/// ("U.S.").
std::string token_span_text(const Article& a, const Tokenized& t, std::size_t first,
                            std::size_t last);

} // namespace polgraph
