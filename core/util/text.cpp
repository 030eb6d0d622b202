#include "core/util/text.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include <utf8proc.h>

namespace polgraph {

char32_t detail::next_codepoint_multibyte(std::string_view s, std::size_t& i) {
    utf8proc_int32_t cp = 0;
    auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                              static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
    if (n <= 0) {
        ++i;
        return 0xFFFD;
    }
    i += static_cast<std::size_t>(n);
    return static_cast<char32_t>(cp);
}

void append_utf8(std::string& out, char32_t cp) {
    utf8proc_uint8_t buf[4];
    auto n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf);
    if (n <= 0) {
        out += "\xEF\xBF\xBD";
        return;
    }
    out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
}

std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
    utf8proc_int32_t cp = 0;
    auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                              static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
    return n > 1 ? static_cast<std::size_t>(n) : 0;
}

bool is_valid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            ++i;
            continue;
        }
        const std::size_t n = utf8_sequence_length(s, i);
        if (n == 0) return false;
        i += n;
    }
    return true;
}

void append_json_escaped(std::string& out, std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (c < 0x20) {
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 15];
            } else {
                out += ch;
            }
        }
    }
    out += '"';
}

std::string sanitize_utf8(std::string_view in) {
    std::string out;
    out.reserve(in.size());
    std::size_t i = 0;
    // Printable ASCII, tab and newlines are kept as they are: copied a run at a time.
    auto kept_ascii = [](unsigned char c) {
        return (c >= 0x20 && c < 0x7F) || c == '\t' || c == '\n' || c == '\r';
    };
    while (i < in.size()) {
        std::size_t run = i;
        // Eight bytes at a time while none is >= 0x80, < 0x20 or DEL (most text), then one by one.
        constexpr std::uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
        for (; run + 8 <= in.size(); run += 8) {
            std::uint64_t w;
            std::memcpy(&w, in.data() + run, 8);
            const std::uint64_t del = w ^ (0x7f * ones);
            if ((w & highs) || ((w - 0x20 * ones) & ~w & highs) || ((del - ones) & ~del & highs))
                break;
        }
        while (run < in.size() && kept_ascii(static_cast<unsigned char>(in[run]))) ++run;
        out.append(in.data() + i, run - i);
        i = run;
        if (i == in.size()) break;
        unsigned char c = static_cast<unsigned char>(in[i]);
        if (c < 0x80) { // other C0 controls and DEL are dropped
            ++i;
            continue;
        }
        char32_t cp = next_codepoint(in, i);
        if (cp >= 0x80 && cp <= 0x9F) continue; // C1 controls
        if (cp == 0xFFFE || cp == 0xFFFF) continue;
        append_utf8(out, cp);
    }
    return out;
}

namespace {

// Typographic characters mapped before tokenisation. 0 means "drop".
char32_t map_typographic(char32_t cp, bool& drop) {
    drop = false;
    switch (cp) {
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2032:
    case 0x02BC:
    case 0xFF07:
        return U'\'';
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x2033:
    case 0x00AB:
    case 0x00BB:
        return U'"';
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2212:
    case 0xFE63:
    case 0xFF0D:
        return U'-';
    case 0x00A0:
    case 0x2000:
    case 0x2001:
    case 0x2002:
    case 0x2003:
    case 0x2004:
    case 0x2005:
    case 0x2006:
    case 0x2007:
    case 0x2008:
    case 0x2009:
    case 0x200A:
    case 0x202F:
    case 0x205F:
    case 0x3000:
        return U' ';
    case 0x00AD:
    case 0x200B:
    case 0x200C:
    case 0x200D:
    case 0x2060:
    case 0xFEFF:
    case 0x180E:
    case 0x200E:
    case 0x200F:
    case 0x202A:
    case 0x202B:
    case 0x202C:
    case 0x202D:
    case 0x202E:
    case 0x2066:
    case 0x2067:
    case 0x2068:
    case 0x2069:
        drop = true;
        return 0;
    default:
        return cp;
    }
}

std::string utf8proc_apply(std::string_view in, int options) {
    utf8proc_uint8_t* out = nullptr;
    auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(in.data()),
                          static_cast<utf8proc_ssize_t>(in.size()), &out,
                          static_cast<utf8proc_option_t>(options));
    if (n < 0 || out == nullptr) {
        std::free(out);
        return std::string(in);
    }
    std::string s(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
    std::free(out);
    return s;
}

// Hangul syllables and jamo compose by rule, not through utf8proc's composition table.
bool hangul(char32_t cp) {
    return (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0xA960 && cp <= 0xA97F) ||
           (cp >= 0xAC00 && cp <= 0xD7FF);
}

// NFC leaves a text unchanged when each of its code points is inert: most non-ASCII text here
// is typographic quotes, dashes and spaces, and utf8proc's decompose + recompose was 5% of a
// run's instructions.
bool nfc_inert_text(std::string_view s) {
    for (std::size_t i = 0; i < s.size();)
        if (!detail::nfc_inert(next_codepoint(s, i))) return false;
    return true;
}

} // namespace

bool detail::nfc_inert(char32_t cp) {
    if (cp < 0x80) return true;
    if (hangul(cp)) return false;
    const utf8proc_property_t* p = utf8proc_get_property(static_cast<utf8proc_int32_t>(cp));
    const bool canonical_decomposition =
        p->decomp_seqindex != UINT16_MAX && p->decomp_type == 0; // 0: canonical, others compat
    return p->combining_class == 0 && !canonical_decomposition && p->comb_index == UINT16_MAX;
}

std::string normalize_text(std::string_view in) {
    std::string clean = sanitize_utf8(in);
    if (all_ascii(clean)) return clean; // nothing to compose or map
    if (!nfc_inert_text(clean)) clean = utf8proc_apply(clean, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    std::string out;
    out.reserve(clean.size());
    std::size_t i = 0;
    while (i < clean.size()) {
        unsigned char c = static_cast<unsigned char>(clean[i]);
        if (c < 0x80) {
            out += static_cast<char>(c);
            ++i;
            continue;
        }
        char32_t cp = next_codepoint(clean, i);
        bool drop = false;
        char32_t m = map_typographic(cp, drop);
        if (!drop) append_utf8(out, m);
    }
    return out;
}

std::string collapse_spaces(std::string_view in) {
    std::string out;
    out.reserve(in.size());
    auto is_ws = [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    };
    std::size_t i = 0;
    while (i < in.size()) {
        if (is_ws(in[i])) {
            ++i;
            continue;
        }
        // A word: one space before it unless it starts the text.
        std::size_t end = i;
        while (end < in.size() && !is_ws(in[end])) ++end;
        if (!out.empty()) out += ' ';
        out.append(in.data() + i, end - i);
        i = end;
    }
    return out;
}

std::string casefold(std::string_view in) {
    if (all_ascii(in)) {
        std::string s(in);
        for (char& c : s)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        return s;
    }
    return utf8proc_apply(in, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
}

bool detail::is_letter_unicode(char32_t cp) {
    auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_ME;
}
bool detail::is_digit_unicode(char32_t cp) {
    return utf8proc_category(static_cast<utf8proc_int32_t>(cp)) == UTF8PROC_CATEGORY_ND;
}
bool detail::is_upper_unicode(char32_t cp) {
    auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
}
bool detail::is_lower_unicode(char32_t cp) {
    return utf8proc_category(static_cast<utf8proc_int32_t>(cp)) == UTF8PROC_CATEGORY_LL;
}
bool detail::is_space_unicode(char32_t cp) {
    return utf8proc_category(static_cast<utf8proc_int32_t>(cp)) == UTF8PROC_CATEGORY_ZS;
}

std::string slugify(std::string_view in) {
    std::string folded = casefold(normalize_text(in));
    // Strip accents for ASCII-friendly ids where possible.
    folded = utf8proc_apply(folded, UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
                                        UTF8PROC_COMPOSE);
    std::string out;
    bool dash = false;
    std::size_t i = 0;
    while (i < folded.size()) {
        char32_t cp = next_codepoint(folded, i);
        bool keep = is_letter(cp) || is_digit(cp);
        if (cp == '+') { // "AI+" and "C++" keep their meaning
            if (!out.empty() && out.back() != '-') {
                out += "plus";
                dash = false;
            }
            continue;
        }
        if (keep) {
            if (dash && !out.empty()) out += '-';
            dash = false;
            append_utf8(out, cp);
        } else {
            dash = true;
        }
    }
    if (out.empty()) out.push_back('x');
    return out;
}

std::string_view trim(std::string_view s) {
    std::size_t b = 0, e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\n' || s[b] == '\r')) ++b;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\n' || s[e - 1] == '\r'))
        --e;
    return s.substr(b, e - b);
}

std::vector<std::string> split(std::string_view s, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= s.size(); ++i) {
        if (i == s.size() || s[i] == sep) {
            out.emplace_back(s.substr(start, i - start));
            start = i + 1;
        }
    }
    return out;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i) out += sep;
        out += parts[i];
    }
    return out;
}

namespace {

int month_number(std::string_view word) {
    static const std::array<const char*, 12> names = {"jan", "feb", "mar", "apr", "may", "jun",
                                                      "jul", "aug", "sep", "oct", "nov", "dec"};
    if (word.size() < 3) return 0;
    std::string w;
    for (char c : word.substr(0, 3))
        w += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    for (std::size_t i = 0; i < names.size(); ++i)
        if (w == names[i]) return static_cast<int>(i) + 1;
    return 0;
}

bool valid_ymd(int y, int m, int d) {
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
    if (d > days[m - 1]) return false;
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return false;
    return true;
}

std::string ymd(int y, int m, int d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
}

} // namespace

std::string normalize_date(std::string_view raw, bool* ambiguous) {
    if (ambiguous) *ambiguous = false;
    std::string_view s = trim(raw);
    if (s.size() > 64) return "";
    // Split into alphanumeric words.
    std::vector<std::string> words;
    std::string cur;
    for (char c : s) {
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            cur += c;
        } else {
            if (!cur.empty()) words.push_back(cur);
            cur.clear();
            if (c == 'T' || c == ' ') {
            }
        }
        if (words.size() > 8) break;
    }
    if (!cur.empty()) words.push_back(cur);
    if (words.empty()) return "";
    auto num = [](const std::string& w) -> int {
        if (w.empty() || w.size() > 4) return -1;
        for (char c : w)
            if (c < '0' || c > '9') return -1;
        return std::atoi(w.c_str());
    };
    // ISO-like: YYYY MM DD (also YYYY-MM-DDThh:mm...) — "T" glued to the day is split off.
    int y = num(words[0]);
    if (y >= 1000 && words[0].size() == 4) {
        int m = words.size() > 1 ? num(words[1]) : -1;
        std::string dword = words.size() > 2 ? words[2] : "";
        if (dword.size() > 2 && (dword[2] == 'T' || dword[2] == 't')) dword = dword.substr(0, 2);
        int d = num(dword);
        if (m < 0 && words.size() > 1) m = month_number(words[1]);
        if (m >= 1 && d >= 1 && valid_ymd(y, m, d)) return ymd(y, m, d);
        if (m >= 1 && m <= 12 && words.size() == 2) return ymd(y, m, 1);
        if (words.size() == 1) return ymd(y, 1, 1);
        return "";
    }
    // "April 7, 2025" / "Apr 7 2025" / "Monday, April 7, 2025"
    for (std::size_t i = 0; i + 2 < words.size() + 0 && i < 3; ++i) {
        int m = month_number(words[i]);
        if (m && i + 2 < words.size() + 0) {
            int d = num(words[i + 1]);
            int yy = num(words[i + 2]);
            if (d > 0 && yy >= 1000 && valid_ymd(yy, m, d)) return ymd(yy, m, d);
        }
        if (m == 0 && i + 2 < words.size()) {
            int d = num(words[i]);
            int m2 = month_number(words[i + 1]);
            int yy = num(words[i + 2]);
            if (d > 0 && m2 && yy >= 1000 && valid_ymd(yy, m2, d)) return ymd(yy, m2, d);
        }
    }
    // "MM/DD/YYYY" is ambiguous with DD/MM; we accept it only when unambiguous.
    if (words.size() == 3) {
        int a = num(words[0]), b = num(words[1]), c = num(words[2]);
        if (c >= 1000 && a == b && valid_ymd(c, a, b)) return ymd(c, a, b);
        if (c >= 1000 && a > 12 && valid_ymd(c, b, a)) return ymd(c, b, a);
        if (c >= 1000 && b > 12 && valid_ymd(c, a, b)) return ymd(c, a, b);
        if (ambiguous && c >= 1000 && valid_ymd(c, a, b) && valid_ymd(c, b, a)) *ambiguous = true;
    }
    return "";
}

namespace {

// One grapheme cluster of valid-or-not UTF-8 starting at s[i]: its end and its width in columns.
std::size_t next_cluster(std::string_view s, std::size_t& i) {
    utf8proc_int32_t state = 0;
    std::size_t width = 0;
    char32_t prev = 0;
    bool first = true;
    while (i < s.size()) {
        std::size_t at = i;
        const char32_t cp = next_codepoint(s, i);
        if (!first && utf8proc_grapheme_break_stateful(static_cast<utf8proc_int32_t>(prev),
                                                       static_cast<utf8proc_int32_t>(cp), &state)) {
            i = at;
            break;
        }
        const int w = cp == 0xFE0F ? 2 : utf8proc_charwidth(static_cast<utf8proc_int32_t>(cp));
        width = std::max(width, static_cast<std::size_t>(w > 0 ? w : 0));
        prev = cp;
        first = false;
    }
    return width;
}

} // namespace

std::size_t display_width(std::string_view s) {
    std::size_t w = 0, i = 0;
    while (i < s.size()) {
        if (static_cast<unsigned char>(s[i]) < 0x80 &&
            (i + 1 == s.size() || static_cast<unsigned char>(s[i + 1]) < 0x80)) {
            // ASCII followed by ASCII: a cluster of its own (CR LF aside, which tables never hold).
            w += static_cast<unsigned char>(s[i]) >= 0x20 && s[i] != 0x7F;
            ++i;
            continue;
        }
        w += next_cluster(s, i);
    }
    return w;
}

std::string clip_to_width(std::string_view s, std::size_t max) {
    if (display_width(s) <= max) return std::string(s);
    std::string out;
    if (max == 0) return out;
    std::size_t i = 0, w = 0;
    while (i < s.size()) {
        std::size_t start = i;
        std::size_t cw = next_cluster(s, i);
        if (w + cw + 1 > max) break; // keep a column for the ellipsis
        out.append(s.substr(start, i - start));
        w += cw;
    }
    return out + "\xE2\x80\xA6"; // …
}

std::string printable(std::string_view raw) {
    std::string out;
    out.reserve(raw.size());
    auto hex = [&](unsigned char c) {
        const char* digits = "0123456789abcdef";
        out += "\\x";
        out += digits[c >> 4];
        out += digits[c & 15];
    };
    std::size_t i = 0;
    while (i < raw.size()) {
        unsigned char c = static_cast<unsigned char>(raw[i]);
        if (c < 0x80) {
            if (c == '\n') out += "\\n";
            else if (c == '\t') out += "\\t";
            else if (c == '\r') out += "\\r";
            else if (c == '\\') out += "\\\\";
            else if (c < 0x20 || c == 0x7F) hex(c);
            else out += static_cast<char>(c);
            ++i;
            continue;
        }
        std::size_t j = i;
        char32_t cp = next_codepoint(raw, j);
        bool valid = !(cp == 0xFFFD && raw.compare(i, 3, "\xEF\xBF\xBD") != 0);
        if (!valid || (cp >= 0x80 && cp <= 0x9F)) {
            for (std::size_t k = i; k < j; ++k) hex(static_cast<unsigned char>(raw[k]));
        } else {
            out.append(raw.substr(i, j - i));
        }
        i = j;
    }
    return out;
}

} // namespace polgraph
