// HTML to article blocks (gumbo): a DOM walk without recursion that cuts the text at block-level
// elements and skips scripts, forms and page chrome, after capping the nesting depth in linear
// time (gumbo's tree construction is quadratic in it).
#include "extractors/html_blocks.hpp"

#include <algorithm>
#include <cstring>
#include <initializer_list>
#include <vector>

#include <gumbo.h>

#include "core/util/text.hpp"
#include "extractors/reader.hpp"

namespace polgraph {

namespace {

// Block text: normalised, single-spaced, and without words holding a run of more than
// kMaxWordBytes ASCII characters. Such runs are not prose (base64 data, minified code, hashes):
// kept, they cost the tokenizer time and come out of the discovery rules as junk names. (Only
// ASCII counts: Chinese or Japanese prose has no spaces and must stay.)
bool has_long_ascii_run(std::string_view w) {
    std::size_t run = 0;
    for (char c : w) {
        run = static_cast<unsigned char>(c) < 0x80 && c != ' ' ? run + 1 : 0;
        if (run > kMaxWordBytes) return true;
    }
    return false;
}

} // namespace

std::string detail::block_text(std::string_view raw) {
    std::string t = collapse_spaces(normalize_text(raw));
    if (!has_long_ascii_run(t)) return t;
    std::string out;
    out.reserve(t.size());
    for (std::size_t i = 0; i < t.size();) {
        std::size_t e = t.find(' ', i);
        if (e == std::string::npos) e = t.size();
        std::string_view w(t.data() + i, e - i);
        if (!has_long_ascii_run(w)) {
            if (!out.empty()) out += ' ';
            out.append(w);
        }
        i = e + 1;
    }
    return out;
}

namespace {

// ---------------------------------------------------------------- HTML → blocks (gumbo)

bool is_skipped_tag(GumboTag t) {
    switch (t) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO:
        return true;
    default:
        return false;
    }
}

bool is_page_chrome(GumboTag t) {
    return t == GUMBO_TAG_HEADER || t == GUMBO_TAG_FOOTER || t == GUMBO_TAG_ASIDE;
}

bool is_block_tag(GumboTag t) {
    switch (t) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_TITLE:
        return true;
    default:
        return false;
    }
}

int heading_level(GumboTag t) {
    switch (t) {
    case GUMBO_TAG_H1:
        return 1;
    case GUMBO_TAG_H2:
        return 2;
    case GUMBO_TAG_H3:
        return 3;
    case GUMBO_TAG_H4:
        return 4;
    case GUMBO_TAG_H5:
        return 5;
    case GUMBO_TAG_H6:
        return 6;
    default:
        return 0;
    }
}

const char* attr(const GumboElement& e, const char* name) {
    const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
    return a ? a->value : nullptr;
}

std::string node_text(const GumboNode* root) {
    std::string out;
    std::vector<const GumboNode*> stack{root};
    while (!stack.empty()) {
        const GumboNode* n = stack.back();
        stack.pop_back();
        if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
            n->type == GUMBO_NODE_CDATA) {
            out += n->v.text.text;
        } else if (n->type == GUMBO_NODE_ELEMENT) {
            const GumboVector& ch = n->v.element.children;
            for (unsigned i = ch.length; i-- > 0;)
                stack.push_back(static_cast<const GumboNode*>(ch.data[i]));
        }
    }
    return collapse_spaces(normalize_text(out));
}

// ---------------------------------------------------------------- HTML nesting cap

bool ascii_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

std::string lower_tag_name(std::string_view html, std::size_t& i) {
    std::string name;
    while (i < html.size() && (ascii_alpha(html[i]) || (html[i] >= '0' && html[i] <= '9') ||
                               html[i] == '-' || html[i] == ':' || html[i] == '_')) {
        char c = html[i++];
        name += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return name;
}

bool name_in(std::string_view name, std::initializer_list<std::string_view> set) {
    return std::find(set.begin(), set.end(), name) != set.end();
}

// Elements that never hold children (void) or that the next sibling closes implicitly: they do
// not make a document deeper.
bool flat_element(std::string_view name) {
    return name_in(
        name, {"area",  "base",  "basefont", "bgsound", "br",     "col",      "embed", "frame",
               "hr",    "img",   "input",    "keygen",  "link",   "meta",     "param", "source",
               "track", "wbr",   "p",        "li",      "dt",     "dd",       "tr",    "td",
               "th",    "tbody", "thead",    "tfoot",   "option", "optgroup", "rb",    "rt",
               "rp",    "rtc",   "colgroup", "caption", "html",   "head",     "body"});
}

bool raw_text_element(std::string_view name) {
    return name_in(name, {"script", "style", "textarea", "title", "xmp", "iframe", "noembed",
                          "noframes", "noscript"});
}

// End of the tag that starts at `i` ('<'), honouring quoted attribute values; npos if the tag
// never ends.
std::size_t tag_end(std::string_view html, std::size_t i) {
    char quote = 0;
    for (std::size_t k = i + 1; k < html.size(); ++k) {
        char c = html[k];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            if (html[k - 1] == '=' || html[k - 1] == ' ') quote = c;
        } else if (c == '>') {
            return k;
        }
    }
    return std::string_view::npos;
}

// Position of the first case-insensitive "</name" at or after `from`, or npos.
std::size_t find_end_tag(std::string_view html, std::size_t from, std::string_view name) {
    for (std::size_t k = html.find("</", from); k != std::string_view::npos;
         k = html.find("</", k + 2)) {
        if (k + 2 + name.size() > html.size()) return std::string_view::npos;
        bool same = true;
        for (std::size_t m = 0; m < name.size() && same; ++m) {
            char c = html[k + 2 + m];
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            same = c == name[m];
        }
        if (same) return k;
    }
    return std::string_view::npos;
}

} // namespace

std::string cap_html_nesting(std::string_view html, int max_depth, bool* capped) {
    // A light tag scanner (not an HTML parser): it only needs to find, in linear time, the start
    // and end tags that would nest elements deeper than max_depth. Comments, doctypes and the
    // content of raw-text elements (script, style...) are skipped over unchanged.
    std::string out;
    std::size_t copied = 0; // html[copied, i) still has to be appended once something is dropped
    bool dropping = false;
    std::vector<std::string> open; // the counted open elements, at most max_depth
    std::size_t excess = 0;        // start tags dropped and not yet closed
    int foreign = 0;               // inside <svg>/<math>, where "/>" closes an element
    auto drop = [&](std::size_t from, std::size_t to) {
        out.append(html.substr(copied, from - copied));
        out += ' '; // keeps the words on both sides apart
        copied = to;
        dropping = true;
    };
    std::size_t i = 0;
    while ((i = html.find('<', i)) != std::string_view::npos) {
        if (html.compare(i, 4, "<!--") == 0) {
            std::size_t e = html.find("-->", i + 4);
            if (e == std::string_view::npos) break;
            i = e + 3;
            continue;
        }
        if (i + 1 >= html.size()) break;
        char c1 = html[i + 1];
        bool closing = c1 == '/';
        if (c1 == '!' || c1 == '?' ||
            (closing && (i + 2 >= html.size() || !ascii_alpha(html[i + 2]))) ||
            (!closing && !ascii_alpha(c1))) {
            if (c1 == '!' || c1 == '?') {
                std::size_t e = html.find('>', i);
                if (e == std::string_view::npos) break;
                i = e + 1;
            } else {
                ++i;
            }
            continue;
        }
        std::size_t k = i + (closing ? 2 : 1);
        std::string name = lower_tag_name(html, k);
        std::size_t e = tag_end(html, i);
        if (e == std::string_view::npos) break;
        const std::size_t next = e + 1;
        if (closing) {
            if (!flat_element(name)) {
                if (excess > 0) {
                    --excess;
                    drop(i, next);
                } else {
                    for (std::size_t d = open.size(); d-- > 0;) {
                        if (open[d] != name) continue;
                        for (std::size_t x = d; x < open.size(); ++x)
                            if (open[x] == "svg" || open[x] == "math") --foreign;
                        open.resize(d);
                        break;
                    }
                }
            }
            i = next;
            continue;
        }
        bool self_closing = html[e - 1] == '/' && foreign > 0;
        if (raw_text_element(name)) {
            std::size_t end = find_end_tag(html, next, name);
            if (end == std::string_view::npos) break;
            i = end;
            continue;
        }
        if (name == "plaintext") break;
        if (!flat_element(name) && !self_closing) {
            if (static_cast<int>(open.size()) >= max_depth) {
                ++excess;
                drop(i, next);
            } else {
                if (name == "svg" || name == "math") ++foreign;
                open.push_back(std::move(name));
            }
        }
        i = next;
    }
    if (capped) *capped = dropping;
    if (!dropping) return std::string(html);
    out.append(html.substr(copied));
    return out;
}

namespace detail {

// Walks the DOM without recursion and cuts the text into blocks at block-level elements. The
// input is first capped to kMaxHtmlNesting levels (see cap_html_nesting).
HtmlResult html_to_blocks(std::string_view html, bool whole_page,
                          std::vector<std::string>& warnings) {
    HtmlResult r;
    GumboOptions opts = kGumboDefaultOptions;
    opts.max_errors = 100;
    bool capped = false;
    const std::string capped_html = cap_html_nesting(html, kMaxHtmlNesting, &capped);
    if (capped)
        warnings.push_back("HTML nested more than " + std::to_string(kMaxHtmlNesting) +
                           " levels deep: the deeper tags were ignored (their text was kept)");
    GumboOutput* out = gumbo_parse_with_options(&opts, capped_html.data(), capped_html.size());
    struct Frame {
        const GumboNode* node;
        bool leaving;
    };
    std::vector<Frame> stack{{out->root, false}};
    std::string buf;
    int cur_heading = 0;
    int in_head = 0; // inside <head>: metadata is read, text is not
    auto flush = [&]() {
        std::string t = block_text(buf);
        buf.clear();
        if (t.empty()) return;
        Block b;
        b.kind = cur_heading ? Block::Kind::Heading : Block::Kind::Paragraph;
        b.level = cur_heading;
        b.text = std::move(t);
        r.blocks.push_back(std::move(b));
    };
    while (!stack.empty()) {
        Frame f = stack.back();
        stack.pop_back();
        const GumboNode* n = f.node;
        if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
            if (!in_head) buf += n->v.text.text;
            continue;
        }
        if (n->type == GUMBO_NODE_WHITESPACE) {
            buf += ' ';
            continue;
        }
        if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_DOCUMENT &&
            n->type != GUMBO_NODE_TEMPLATE)
            continue;
        GumboTag tag = n->type == GUMBO_NODE_DOCUMENT ? GUMBO_TAG_HTML : n->v.element.tag;
        if (f.leaving) {
            if (tag == GUMBO_TAG_HEAD) --in_head;
            if (is_block_tag(tag)) flush();
            if (heading_level(tag)) cur_heading = 0;
            continue;
        }
        if (n->type == GUMBO_NODE_ELEMENT) {
            const GumboElement& e = n->v.element;
            if (tag == GUMBO_TAG_TITLE && r.title.empty()) r.title = node_text(n);
            if (tag == GUMBO_TAG_META) {
                const char* name = attr(e, "name");
                if (!name) name = attr(e, "property");
                const char* content = attr(e, "content");
                if (name && content) {
                    std::string nm = casefold(name);
                    if ((nm == "description" || nm == "og:description") &&
                        r.meta_description.empty())
                        r.meta_description = collapse_spaces(normalize_text(content));
                    if ((nm == "article:published_time" || nm == "date" || nm == "pubdate") &&
                        r.meta_date.empty())
                        r.meta_date = content;
                }
            }
            if (tag == GUMBO_TAG_TIME && r.meta_date.empty()) {
                if (const char* dt = attr(e, "datetime")) r.meta_date = dt;
            }
            if (is_skipped_tag(tag)) continue;
            if (whole_page && is_page_chrome(tag)) continue;
            if (tag == GUMBO_TAG_H1 && r.first_h1.empty()) r.first_h1 = node_text(n);
        }
        if (is_block_tag(tag)) flush();
        if (tag == GUMBO_TAG_HEAD) ++in_head;
        if (tag == GUMBO_TAG_TITLE) continue; // read above; not body text
        if (int lvl = heading_level(tag)) cur_heading = lvl;
        if (n->type == GUMBO_NODE_ELEMENT && tag == GUMBO_TAG_BR) {
            buf += ' ';
            continue;
        }
        stack.push_back({n, true});
        const GumboVector& ch =
            n->type == GUMBO_NODE_DOCUMENT ? n->v.document.children : n->v.element.children;
        for (unsigned i = ch.length; i-- > 0;)
            stack.push_back({static_cast<const GumboNode*>(ch.data[i]), false});
    }
    flush();
    gumbo_destroy_output(&opts, out);
    return r;
}

} // namespace detail

} // namespace polgraph
