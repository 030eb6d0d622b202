#pragma once
// Invariant checks shared by the libFuzzer targets. A failed check prints what broke and aborts,
// which libFuzzer reports as a crash with the input saved. The UTF-8 validator is written here
// on purpose, independently of core/util/text.cpp, so that it cannot share a bug with it.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/article.hpp"
#include "core/error.hpp"
#include "extractors/entity_extractor.hpp"
#include "extractors/tokenizer.hpp"

namespace polgraph::fuzz {

/// Prints "fuzz invariant broken: " `what` `detail` and aborts.
[[noreturn]] inline void fail(std::string_view what, std::string_view detail = {}) {
    std::fprintf(stderr, "fuzz invariant broken: %.*s%.*s\n", static_cast<int>(what.size()),
                 what.data(), static_cast<int>(detail.size()), detail.data());
    std::abort();
}

/// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
inline bool valid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        auto c = static_cast<unsigned char>(s[i]);
        std::size_t n;
        unsigned cp;
        if (c < 0x80) {
            ++i;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        for (std::size_t k = 1; k <= n; ++k) {
            if (i + k >= s.size()) return false;
            auto d = static_cast<unsigned char>(s[i + k]);
            if ((d & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (d & 0x3F);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += n + 1;
    }
    return true;
}

inline void check_utf8(std::string_view s, const char* what) {
    if (!valid_utf8(s)) fail(what, " is not valid UTF-8");
}

/// Every string (keys included) in a JSON value is valid UTF-8, and the value dumps strictly;
/// returns the dump.
inline std::string check_json_strings(const nlohmann::json& j, const char* what) {
    std::vector<const nlohmann::json*> stack{&j};
    while (!stack.empty()) {
        const nlohmann::json* v = stack.back();
        stack.pop_back();
        if (v->is_string()) check_utf8(v->get_ref<const std::string&>(), what);
        else if (v->is_object())
            for (auto it = v->begin(); it != v->end(); ++it) {
                check_utf8(it.key(), what);
                stack.push_back(&it.value());
            }
        else if (v->is_array())
            for (const auto& x : *v) stack.push_back(&x);
    }
    try {
        return j.dump();
    } catch (const std::exception& e) {
        fail(std::string(what) + " does not serialise: " + e.what());
    }
}

/// Everything the reader produced is valid UTF-8 and free of markup-level surprises.
inline void check_article(const Article& a) {
    for (const auto* s : {&a.id, &a.title, &a.subtitle, &a.description, &a.date, &a.source, &a.url})
        check_utf8(*s, "article metadata");
    for (const auto& s : a.authors) check_utf8(s, "author");
    for (const auto& s : a.tags) check_utf8(s, "tag");
    for (const auto& [k, v] : a.fields) {
        check_utf8(k, "front-matter key");
        check_utf8(v, "front-matter value");
    }
    for (const auto& b : a.blocks) {
        check_utf8(b.text, "block text");
        if (b.text.find('\0') != std::string::npos) fail("NUL byte in block text");
    }
    if (!a.date.empty() && (a.date.size() != 10 || a.date[4] != '-' || a.date[7] != '-'))
        fail("date is not YYYY-MM-DD: ", a.date);
}

/// Every token lies inside its block's text, on character boundaries; every mention covers
/// tokens of one block.
inline void check_offsets(const Article& a, const Tokenized& t, const EntityResult* er) {
    auto boundary = [](const std::string& s, std::size_t at) {
        return at == s.size() || (static_cast<unsigned char>(s[at]) & 0xC0) != 0x80;
    };
    std::uint32_t last_sentence = 0;
    for (const auto& tok : t.tokens) {
        if (tok.block >= a.blocks.size()) fail("token block index out of range");
        const std::string& text = a.blocks[tok.block].text;
        if (!(tok.begin < tok.end && tok.end <= text.size()))
            fail("token offsets outside the block text");
        if (!boundary(text, tok.begin) || !boundary(text, tok.end))
            fail("token offsets split a UTF-8 sequence");
        if (tok.sentence < last_sentence || tok.sentence >= t.sentence_count)
            fail("sentence index out of order or out of range");
        last_sentence = tok.sentence;
        check_utf8(tok.norm, "token norm");
    }
    if (!er) return;
    for (const auto& m : er->mentions) {
        if (!(m.first <= m.last && m.last < t.tokens.size())) fail("mention outside the tokens");
        if (t.tokens[m.first].block != t.tokens[m.last].block) fail("mention spans two blocks");
        check_utf8(m.id, "mention id");
        check_utf8(m.name, "mention name");
    }
}

/// Runs `f`, returning normally for polgraph::Error (the documented failure) and aborting on any
/// other exception (which the CLI would only report as "unexpected error").
template <class F> bool only_polgraph_errors(F&& f) {
    try {
        f();
        return true;
    } catch (const Error&) {
        return false;
    } catch (const std::exception& e) {
        fail("exception that is not a polgraph::Error: ", e.what());
    }
}

} // namespace polgraph::fuzz
