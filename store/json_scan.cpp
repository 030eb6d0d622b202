#include "store/json_scan.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include <locale.h>
#include <stdlib.h>

#include "core/util/text.hpp"

namespace polgraph {

namespace {

// What a byte means inside a string: 0 plain ASCII, 1 the closing quote, 2 an escape, 3 a control
// character (not allowed unescaped), 4 the lead of a multi-byte UTF-8 sequence (or not UTF-8).
constexpr std::array<std::uint8_t, 256> kStringClass = [] {
    std::array<std::uint8_t, 256> t{};
    for (int c = 0; c < 0x20; ++c) t[static_cast<std::size_t>(c)] = 3;
    t['"'] = 1;
    t['\\'] = 2;
    for (int c = 0x80; c < 0x100; ++c) t[static_cast<std::size_t>(c)] = 4;
    return t;
}();

bool is_ws(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

} // namespace

std::span<const JsonValue> JsonValue::items() const {
    if (!pool_ || count_ == 0) return {};
    return {pool_->data() + first_, count_};
}

const JsonValue* JsonValue::find(std::string_view key) const {
    if (type_ != Type::Object) return nullptr;
    auto all = items();
    for (auto it = all.rbegin(); it != all.rend(); ++it)
        if (it->key_ == key) return &*it;
    return nullptr;
}

JsonScanner::JsonScanner(std::string_view text, int max_depth)
    : text_(text), max_depth_(max_depth) {}

void JsonScanner::fail(const char* reason) const {
    const std::size_t at = std::min(pos_, text_.size());
    std::size_t line = 1, line_start = 0;
    for (std::size_t i = 0; i < at; ++i)
        if (text_[i] == '\n') {
            ++line;
            line_start = i + 1;
        }
    std::string msg = "line " + std::to_string(line) + ", column " +
                      std::to_string(at - line_start + 1) + ": " + reason;
    throw JsonSyntaxError(msg);
}

void JsonScanner::skip_ws() {
    while (pos_ < text_.size() && is_ws(text_[pos_])) ++pos_;
}

char JsonScanner::peek() {
    skip_ws();
    return pos_ < text_.size() ? text_[pos_] : '\0';
}

char JsonScanner::start() {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
    return peek();
}

void JsonScanner::finish() {
    skip_ws();
    if (pos_ != text_.size()) fail("unexpected text after the value");
}

void JsonScanner::expect(char c, const char* reason) {
    skip_ws();
    if (pos_ >= text_.size() || text_[pos_] != c) fail(reason);
    ++pos_;
}

void JsonScanner::open_object() {
    expect('{', "expected '{'");
    after_open_ = true;
}

void JsonScanner::open_array() {
    expect('[', "expected '['");
    after_open_ = true;
}

bool JsonScanner::next_member(std::string_view& key, std::string& scratch) {
    const char c = peek();
    if (c == '}') {
        ++pos_;
        after_open_ = false;
        return false;
    }
    if (!after_open_) {
        if (c != ',') fail("expected ',' or '}' after an object member");
        ++pos_;
        if (peek() != '"') fail("expected a string key after ','");
    } else if (c != '"') {
        fail("expected a string key or '}'");
    }
    after_open_ = false;
    key = parse_string(nullptr, &scratch);
    expect(':', "expected ':' after an object key");
    return true;
}

bool JsonScanner::next_item() {
    const char c = peek();
    if (c == ']') {
        ++pos_;
        after_open_ = false;
        return false;
    }
    if (!after_open_) {
        if (c != ',') fail("expected ',' or ']' after an array element");
        ++pos_;
    }
    after_open_ = false;
    return true;
}

const JsonValue& JsonScanner::parse(JsonDoc& doc, int depth) {
    doc.clear();
    doc.root_ = parse_value(doc, depth);
    return doc.root_;
}

void JsonScanner::close_container(JsonDoc& doc, JsonValue& v, std::size_t first_on_stack) {
    v.first_ = doc.values_.size();
    v.count_ = static_cast<std::uint32_t>(doc.stack_.size() - first_on_stack);
    v.pool_ = &doc.values_;
    doc.values_.insert(doc.values_.end(),
                       doc.stack_.begin() + static_cast<std::ptrdiff_t>(first_on_stack),
                       doc.stack_.end());
    doc.stack_.resize(first_on_stack);
}

JsonValue JsonScanner::parse_value(JsonDoc& doc, int depth) {
    JsonValue v;
    const char c = peek();
    switch (c) {
    case '{':
    case '[': {
        if (depth > max_depth_)
            throw JsonDepthError("JSON nested deeper than " + std::to_string(max_depth_) +
                                 " levels");
        const bool object = c == '{';
        const char close = object ? '}' : ']';
        v.type_ = object ? JsonValue::Type::Object : JsonValue::Type::Array;
        ++pos_;
        const std::size_t base = doc.stack_.size();
        if (peek() == close) {
            ++pos_;
        } else {
            for (;;) {
                std::string_view key;
                if (object) {
                    if (peek() != '"') fail("expected a string key");
                    key = parse_string(&doc, nullptr);
                    expect(':', "expected ':' after an object key");
                }
                JsonValue item = parse_value(doc, depth + 1);
                item.key_ = key;
                doc.stack_.push_back(item);
                const char next = peek();
                if (next == ',') {
                    ++pos_;
                    continue;
                }
                if (next == close) {
                    ++pos_;
                    break;
                }
                fail(object ? "expected ',' or '}' after an object member"
                            : "expected ',' or ']' after an array element");
            }
        }
        close_container(doc, v, base);
        return v;
    }
    case '"':
        v.type_ = JsonValue::Type::String;
        v.str_ = parse_string(&doc, nullptr);
        return v;
    case 't':
        literal("true");
        v.type_ = JsonValue::Type::Boolean;
        v.boolean_ = true;
        return v;
    case 'f':
        literal("false");
        v.type_ = JsonValue::Type::Boolean;
        return v;
    case 'n':
        literal("null");
        return v;
    case '\0':
        if (pos_ >= text_.size()) fail("unexpected end of input; expected a value");
        break;
    default:
        if (c == '-' || is_digit(c)) {
            v.type_ = JsonValue::Type::Number;
            parse_number(v);
            return v;
        }
    }
    fail("expected a value");
}

void JsonScanner::literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) fail("invalid literal");
    pos_ += word.size();
}

void JsonScanner::parse_number(JsonValue& v) {
    const std::size_t begin = pos_;
    const auto digits = [&] {
        if (pos_ >= text_.size() || !is_digit(text_[pos_]))
            fail("invalid number: expected a digit");
        while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
    };
    bool integer = true;
    if (text_[pos_] == '-') ++pos_;
    if (pos_ < text_.size() && text_[pos_] == '0') ++pos_;
    else digits();
    if (pos_ < text_.size() && text_[pos_] == '.') {
        ++pos_;
        digits();
        integer = false;
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
        ++pos_;
        if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
        digits();
        integer = false;
    }
    const char* first = text_.data() + begin;
    const char* last = text_.data() + pos_;
    // As nlohmann::json reads numbers: integers that fit 64 bits as integers (so "-0" is 0), all
    // else as a double; a double beyond the range is an error, a tiny one rounds to 0.
    if (integer) {
        if (*first == '-') {
            std::int64_t i = 0;
            if (auto r = std::from_chars(first, last, i); r.ec == std::errc() && r.ptr == last) {
                v.number_ = static_cast<double>(i);
                return;
            }
        } else {
            std::uint64_t u = 0;
            if (auto r = std::from_chars(first, last, u); r.ec == std::errc() && r.ptr == last) {
                v.number_ = static_cast<double>(u);
                v.unsigned_ = true;
                v.uint_ = u;
                return;
            }
        }
    }
    double d = 0;
    auto r = std::from_chars(first, last, d);
    if (r.ec == std::errc::result_out_of_range) {
        // Beyond double, or below its least value: strtod tells which (0 when tiny), in the "C"
        // locale whatever the program's (the number has a '.', not the locale's separator).
        static const locale_t c_locale = newlocale(LC_ALL_MASK, "C", locale_t{});
        d = strtod_l(std::string(first, last).c_str(), nullptr, c_locale);
        if (!std::isfinite(d)) {
            pos_ = begin;
            fail("number overflow");
        }
    } else if (r.ec != std::errc() || r.ptr != last) {
        pos_ = begin;
        fail("invalid number");
    }
    v.number_ = d;
}

unsigned JsonScanner::hex4() {
    if (text_.size() - pos_ < 4) fail("invalid \\u escape");
    unsigned v = 0;
    for (int k = 0; k < 4; ++k) {
        const char h = text_[pos_++];
        v <<= 4;
        if (h >= '0' && h <= '9') v |= static_cast<unsigned>(h - '0');
        else if (h >= 'a' && h <= 'f') v |= static_cast<unsigned>(h - 'a' + 10);
        else if (h >= 'A' && h <= 'F') v |= static_cast<unsigned>(h - 'A' + 10);
        else {
            --pos_;
            fail("invalid \\u escape: expected a hex digit");
        }
    }
    return v;
}

void JsonScanner::decode_escape(std::string& out) {
    ++pos_; // the backslash
    if (pos_ >= text_.size()) fail("unexpected end of input in a string");
    const char e = text_[pos_++];
    switch (e) {
    case '"':
        out += '"';
        return;
    case '\\':
        out += '\\';
        return;
    case '/':
        out += '/';
        return;
    case 'b':
        out += '\b';
        return;
    case 'f':
        out += '\f';
        return;
    case 'n':
        out += '\n';
        return;
    case 'r':
        out += '\r';
        return;
    case 't':
        out += '\t';
        return;
    case 'u': {
        unsigned cp = hex4();
        if (cp >= 0xDC00 && cp <= 0xDFFF) fail("\\u escape: a low surrogate without a high one");
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (text_.substr(pos_, 2) != "\\u")
                fail("\\u escape: a high surrogate without a low one");
            pos_ += 2;
            const unsigned low = hex4();
            if (low < 0xDC00 || low > 0xDFFF)
                fail("\\u escape: a high surrogate without a low one");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        append_utf8(out, static_cast<char32_t>(cp));
        return;
    }
    default:
        --pos_;
        fail("invalid escape in a string");
    }
}

std::string_view JsonScanner::parse_string(JsonDoc* doc, std::string* scratch) {
    ++pos_; // the opening quote
    const std::size_t begin = pos_;
    const auto* s = reinterpret_cast<const unsigned char*>(text_.data());
    const std::size_t n = text_.size();
    std::string* out = nullptr;
    std::size_t copied = begin; // text_[copied, pos_) is not yet in *out
    for (;;) {
        while (pos_ < n && kStringClass[s[pos_]] == 0) ++pos_;
        if (pos_ >= n) fail("unexpected end of input in a string");
        switch (kStringClass[s[pos_]]) {
        case 1: {
            if (!out) {
                std::string_view v = text_.substr(begin, pos_ - begin);
                ++pos_;
                return v;
            }
            out->append(text_.data() + copied, pos_ - copied);
            ++pos_;
            return *out;
        }
        case 2:
            if (!out) {
                out = doc ? &doc->decoded_.emplace_back() : scratch;
                out->clear();
            }
            out->append(text_.data() + copied, pos_ - copied);
            decode_escape(*out);
            copied = pos_;
            break;
        case 3:
            fail("control character in a string (it must be escaped)");
        default: {
            const std::size_t n = utf8_sequence_length(text_, pos_);
            if (n == 0) fail("invalid UTF-8 in a string");
            pos_ += n;
        }
        }
    }
}

} // namespace polgraph
