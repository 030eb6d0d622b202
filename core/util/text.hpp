#pragma once
/// Unicode text helpers shared by the reader, the extractors and the exporters.
/// All functions are pure and thread-safe; strings are UTF-8.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace polgraph {

/// Replaces invalid UTF-8 with U+FFFD and drops NUL and C0/C1 control characters other than
/// tab, newline and carriage return. The result is always valid UTF-8.
std::string sanitize_utf8(std::string_view in);

/// True when `s` is valid UTF-8.
bool is_valid_utf8(std::string_view s);

/// Appends `s` (valid UTF-8) as a JSON string literal, escaped as nlohmann::json::dump() escapes:
/// quote, backslash, \b \f \n \r \t, other control characters as \u00xx (lowercase hex),
/// everything else as it is. The exporters sanitise first (exporters/escape.hpp); the graph's
/// candidate texts must equal dump()'s.
void append_json_escaped(std::string& out, std::string_view s);

/// Length of the well-formed UTF-8 sequence of a multi-byte character starting at s[i] (2 to 4;
/// no overlong forms, surrogates or code points past U+10FFFF), or 0 when there is none.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i);

/// Text normalisation applied to everything the reader produces: sanitize_utf8, NFC, typographic
/// apostrophes/quotes to ASCII, hyphen-like characters to '-', invisible joiners and soft hyphens
/// removed, exotic spaces to ' '. En and em dashes are kept (they separate, they do not join).
std::string normalize_text(std::string_view in);

/// Collapses runs of white space to one space and trims both ends.
std::string collapse_spaces(std::string_view in);

/// True when every byte of `s` is ASCII (< 0x80).
inline bool all_ascii(std::string_view s) {
    for (char c : s)
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    return true;
}

/// Unicode case folding (utf8proc CASEFOLD), for case-insensitive comparison.
std::string casefold(std::string_view in);

/// Lower-case ASCII slug for ids: letters and digits kept (non-ASCII letters are kept as they are,
/// after case folding), every other run becomes '-'. "Dario Amodei" -> "dario-amodei".
std::string slugify(std::string_view in);

namespace detail {
// The non-ASCII halves of the inline helpers below (utf8proc lookups).
char32_t next_codepoint_multibyte(std::string_view s, std::size_t& i);
bool is_letter_unicode(char32_t cp);
bool is_digit_unicode(char32_t cp);
bool is_upper_unicode(char32_t cp);
bool is_lower_unicode(char32_t cp);
bool is_space_unicode(char32_t cp);
/// True when NFC leaves `cp` as it is whatever surrounds it: combining class 0, no canonical
/// decomposition, in no composition pair, not Hangul. normalize_text skips utf8proc for a text
/// made only of such code points.
bool nfc_inert(char32_t cp);
} // namespace detail

/// Decodes one code point at `i` (advancing it); invalid bytes decode as U+FFFD. Inline for the
/// ASCII case, which is most of the text the tokenizer and the reader scan.
inline char32_t next_codepoint(std::string_view s, std::size_t& i) {
    if (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80)
        return static_cast<char32_t>(s[i++]);
    return detail::next_codepoint_multibyte(s, i);
}

/// Appends the UTF-8 encoding of `cp`.
void append_utf8(std::string& out, char32_t cp);

/// Unicode general-category helpers (via utf8proc; ASCII answered inline).
inline bool is_letter(char32_t cp) {
    if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    return detail::is_letter_unicode(cp);
}
inline bool is_digit(char32_t cp) {
    if (cp < 0x80) return cp >= '0' && cp <= '9';
    return detail::is_digit_unicode(cp);
}
inline bool is_upper(char32_t cp) {
    if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
    return detail::is_upper_unicode(cp);
}
inline bool is_lower(char32_t cp) {
    if (cp < 0x80) return cp >= 'a' && cp <= 'z';
    return detail::is_lower_unicode(cp);
}
inline bool is_space(char32_t cp) {
    if (cp < 0x80) return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f';
    return detail::is_space_unicode(cp);
}

/// Normalises a date string to ISO `YYYY-MM-DD` (accepts ISO dates and timestamps, `YYYY/MM/DD`,
/// `April 7, 2025`, `7 April 2025`, `Apr 7 2025`, `YYYY-MM`, `YYYY`, and `DD/MM/YYYY` or
/// `MM/DD/YYYY` when only one order gives a date). Returns "" when it cannot; then `*ambiguous`
/// (if given) tells whether that is because both day/month orders give a date ("05/03/2026").
std::string normalize_date(std::string_view in, bool* ambiguous = nullptr);

/// Terminal columns taken by `s` (UTF-8; invalid bytes count as U+FFFD): each grapheme cluster
/// takes the width of its widest code point (utf8proc_charwidth: 2 for East Asian wide and
/// fullwidth characters, 0 for combining marks and other zero-width characters), 2 when it asks for
/// emoji presentation (U+FE0F).
std::size_t display_width(std::string_view s);

/// `s` cut to at most `max` terminal columns at a grapheme cluster boundary, ending with "…"
/// (one column) when something was cut; `s` itself when it fits.
std::string clip_to_width(std::string_view s, std::size_t max);

/// Splits a string on a single character.
std::vector<std::string> split(std::string_view s, char sep);

/// The parts, with `sep` between them ("a, b, c").
std::string join(const std::vector<std::string>& parts, std::string_view sep);

/// Trims ASCII white space.
std::string_view trim(std::string_view s);

/// A file name or other raw string made safe to print on one line of a terminal or log: control
/// characters become \n, \t, \r or \xNN, a backslash becomes \\, invalid UTF-8 bytes become \xNN.
std::string printable(std::string_view raw);

} // namespace polgraph
