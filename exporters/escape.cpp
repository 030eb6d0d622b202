#include "exporters/escape.hpp"

#include <array>
#include <charconv>
#include <cmath>

#include "core/util/text.hpp"

namespace polgraph {

std::string xml_escape(std::string_view raw) {
    std::string s = sanitize_utf8(raw);
    std::string out;
    out.reserve(s.size() + 16);
    for (char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        case '\n': out += "&#10;"; break;
        case '\r': out += "&#13;"; break;
        case '\t': out += "&#9;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string json_quote(std::string_view raw) {
    std::string out;
    append_json_escaped(out, sanitize_utf8(raw));
    return out;
}

std::string json_for_script(std::string_view json) {
    static constexpr std::string_view line_sep = "\xE2\x80\xA8", para_sep = "\xE2\x80\xA9";
    std::string out;
    out.reserve(json.size() + json.size() / 64);
    for (std::size_t i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (c == '<') {
            out += "\\u003c";
        } else if (c == '\xE2' && json.substr(i, 3) == line_sep) {
            out += "\\u2028";
            i += 2;
        } else if (c == '\xE2' && json.substr(i, 3) == para_sep) {
            out += "\\u2029";
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

std::string csv_field(std::string_view raw, bool single_line) {
    std::string s = sanitize_utf8(raw);
    if (single_line)
        for (char& c : s)
            if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    bool quote = !s.empty() && (s.front() == ' ' || s.back() == ' ' || s.front() == '\t' ||
                                s.back() == '\t');
    for (char c : s)
        if (c == ',' || c == '"' || c == '\n' || c == '\r') quote = true;
    if (!quote) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + '"';
}

void append_json_string(std::string& out, std::string_view s) {
    // Most strings (ids, kinds, names) are plain printable ASCII: appended as they are, without
    // the two copies json_quote makes. Anything else takes the general path.
    static constexpr auto plain = [] {
        std::array<bool, 256> t{};
        for (int c = 0x20; c < 0x7F; ++c) t[static_cast<std::size_t>(c)] = c != '"' && c != '\\';
        return t;
    }();
    for (char c : s)
        if (!plain[static_cast<unsigned char>(c)]) {
            out += json_quote(s);
            return;
        }
    out += '"';
    out += s;
    out += '"';
}

void write_json_string(std::ostream& out, std::string_view s) {
    std::string text;
    append_json_string(text, s);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

void append_integer(std::string& out, std::int64_t x) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, x);
    out.append(buf, r.ptr);
}

std::string format_number(double x) {
    if (!std::isfinite(x)) return "0";
    if (x == std::floor(x) && std::fabs(x) < 1e15) {
        char buf[32];
        auto r = std::to_chars(buf, buf + sizeof buf, static_cast<long long>(x));
        return std::string(buf, r.ptr) + ".0";
    }
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, x);
    return std::string(buf, r.ptr);
}

std::string format_coordinate(double x) {
    return format_number(std::round(x * 1000.0) / 1000.0);
}

} // namespace polgraph
