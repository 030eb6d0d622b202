#include "extractors/reader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <mutex>
#include <sstream>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>
#include <yaml-cpp/yaml.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/error.hpp"
#include "core/util/text.hpp"
#include "extractors/html_blocks.hpp"
#include "store/inputs.hpp"

namespace polgraph {

using detail::block_text;
using detail::html_to_blocks;
using detail::HtmlResult;

namespace {

// Front matter larger than this is not front matter but a broken file.
constexpr std::size_t kMaxFrontMatterBytes = 1 << 20;
constexpr int kMaxYamlNesting = 64;
constexpr std::size_t kMaxListItems = 1000;

bool ends_with_ci(std::string_view s, std::string_view suffix) {
    if (s.size() < suffix.size()) return false;
    for (std::size_t i = 0; i < suffix.size(); ++i) {
        char a = s[s.size() - suffix.size() + i];
        if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
        if (a != suffix[i]) return false;
    }
    return true;
}

// Recognises common binary formats and data that is mostly not text.
const char* binary_kind(std::string_view b) {
    auto starts = [&](std::string_view magic) { return b.substr(0, magic.size()) == magic; };
    if (starts("\x89PNG\r\n\x1a\n")) return "a PNG image";
    if (starts("\xff\xd8\xff")) return "a JPEG image";
    if (starts("GIF87a") || starts("GIF89a")) return "a GIF image";
    if (starts("%PDF-")) return "a PDF document";
    if (starts("PK\x03\x04")) return "a ZIP archive";
    if (starts("\x1f\x8b")) return "gzip-compressed data";
    if (starts("\x7f" "ELF")) return "an executable";
    std::size_t n = std::min<std::size_t>(b.size(), 8192);
    std::size_t bad = 0;
    for (std::size_t i = 0; i < n; ++i) {
        unsigned char c = static_cast<unsigned char>(b[i]);
        if (c == 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')) ++bad;
    }
    if (n > 0 && bad * 10 > n) return "binary data";
    return nullptr;
}

std::string normalize_newlines(std::string_view in) {
    std::string out;
    out.reserve(in.size());
    std::size_t i = 0;
    while (i < in.size()) {
        std::size_t cr = in.find('\r', i);
        if (cr == std::string_view::npos) cr = in.size();
        out.append(in.substr(i, cr - i));
        if (cr == in.size()) break;
        out += '\n'; // "\r\n" and a lone "\r" both end a line
        i = cr + 1;
        if (i < in.size() && in[i] == '\n') ++i;
    }
    return out;
}

// ---------------------------------------------------------------- markdown (cmark-gfm)

std::string markdown_to_html(std::string_view md) {
    static std::once_flag once;
    std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
    const int options = CMARK_OPT_UNSAFE | CMARK_OPT_SMART;
    cmark_parser* parser = cmark_parser_new(options);
    for (const char* name : {"table", "strikethrough", "autolink", "tagfilter"}) {
        if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name))
            cmark_parser_attach_syntax_extension(parser, ext);
    }
    cmark_parser_feed(parser, md.data(), md.size());
    cmark_node* doc = cmark_parser_finish(parser);
    char* html = cmark_render_html(doc, options, cmark_parser_get_syntax_extensions(parser));
    std::string result = html ? html : "";
    free(html);
    cmark_node_free(doc);
    cmark_parser_free(parser);
    return result;
}

// A body is a sequence of segments: markdown text, ```html fences and ```markdown fences.
struct Segment {
    enum class Kind { Markdown, Html } kind;
    std::string text;
};

bool fence_open(std::string_view line, char& ch, std::size_t& len, std::string& info) {
    std::size_t i = 0;
    while (i < line.size() && i < 3 && line[i] == ' ') ++i;
    if (i >= line.size() || (line[i] != '`' && line[i] != '~')) return false;
    ch = line[i];
    std::size_t j = i;
    while (j < line.size() && line[j] == ch) ++j;
    len = j - i;
    if (len < 3) return false;
    info = casefold(std::string(trim(line.substr(j))));
    if (ch == '`' && info.find('`') != std::string::npos) return false;
    auto sp = info.find_first_of(" \t{");
    if (sp != std::string::npos) info = info.substr(0, sp);
    return true;
}

bool fence_close(std::string_view line, char ch, std::size_t len) {
    std::size_t i = 0;
    while (i < line.size() && i < 3 && line[i] == ' ') ++i;
    std::size_t j = i;
    while (j < line.size() && line[j] == ch) ++j;
    if (j - i < len) return false;
    return trim(line.substr(j)).empty();
}

void split_segments(std::string_view body, std::vector<Segment>& out,
                    std::vector<std::string>& warnings, int depth = 0) {
    std::string md;
    std::size_t pos = 0;
    auto flush_md = [&]() {
        if (!trim(md).empty()) out.push_back({Segment::Kind::Markdown, md});
        md.clear();
    };
    while (pos <= body.size()) {
        std::size_t eol = body.find('\n', pos);
        if (eol == std::string_view::npos) eol = body.size();
        std::string_view line = body.substr(pos, eol - pos);
        char ch;
        std::size_t len;
        std::string info;
        if (fence_open(line, ch, len, info)) {
            std::size_t start = eol + 1;
            std::size_t p = start;
            std::size_t content_end = std::string_view::npos;
            std::size_t after = body.size() + 1;
            while (p <= body.size()) {
                std::size_t e = body.find('\n', p);
                if (e == std::string_view::npos) e = body.size();
                if (fence_close(body.substr(p, e - p), ch, len)) {
                    content_end = p;
                    after = e + 1;
                    break;
                }
                p = e + 1;
            }
            bool closed = content_end != std::string_view::npos;
            if (!closed) {
                content_end = body.size();
                warnings.push_back("unterminated ```" + info + " fence (read to the end of file)");
            }
            std::string_view content =
                start <= body.size() ? body.substr(start, content_end > start ? content_end - start : 0)
                                     : std::string_view{};
            if (info == "html" || info == "htm" || info == "xhtml") {
                flush_md();
                out.push_back({Segment::Kind::Html, std::string(content)});
            } else if ((info == "markdown" || info == "md") && depth < 8) {
                flush_md();
                split_segments(content, out, warnings, depth + 1);
            } // other fences are code listings: not prose, left out
            pos = after;
            continue;
        }
        md.append(line);
        md += '\n';
        pos = eol + 1;
    }
    flush_md();
}

// ---------------------------------------------------------------- front matter (yaml-cpp)

int yaml_nesting(std::string_view y) {
    int depth = 0, max_depth = 0;
    char quote = 0;
    for (char c : y) {
        if (quote) {
            if (c == quote) quote = 0;
            continue;
        }
        if (c == '"' || c == '\'') quote = c;
        else if (c == '[' || c == '{') max_depth = std::max(max_depth, ++depth);
        else if ((c == ']' || c == '}') && depth > 0) --depth;
        else if (c == '\n') quote = 0;
    }
    return max_depth;
}

std::string scalar_text(const YAML::Node& n) {
    return collapse_spaces(normalize_text(n.Scalar()));
}

std::vector<std::string> string_list(const YAML::Node& n) {
    std::vector<std::string> out;
    if (n.IsScalar()) {
        for (auto& part : split(n.Scalar(), ',')) {
            std::string t = collapse_spaces(normalize_text(part));
            if (!t.empty()) out.push_back(t);
        }
    } else if (n.IsSequence()) {
        for (std::size_t i = 0; i < n.size() && i < kMaxListItems; ++i) {
            const YAML::Node item = n[i];
            if (item.IsScalar()) {
                std::string t = scalar_text(item);
                if (!t.empty()) out.push_back(t);
            } else if (item.IsMap() && item["name"] && item["name"].IsScalar()) {
                std::string t = scalar_text(item["name"]);
                if (!t.empty()) out.push_back(t);
            }
        }
    }
    return out;
}

void apply_front_matter(std::string_view yaml, int first_line, const std::string& path,
                        Article& a) {
    if (yaml.size() > kMaxFrontMatterBytes)
        throw ParseError(path, "front matter larger than 1 MiB", first_line);
    if (yaml_nesting(yaml) > kMaxYamlNesting)
        throw ParseError(path, "front matter nested more than 64 levels deep", first_line);
    YAML::Node root;
    try {
        root = YAML::Load(std::string(yaml));
    } catch (const YAML::Exception& e) {
        throw ParseError(path, "invalid YAML front matter: " + e.msg,
                         e.mark.is_null() ? first_line : first_line + e.mark.line);
    }
    if (root.IsNull()) return; // empty front matter
    if (!root.IsMap()) {
        throw ParseError(path,
                         std::string("front matter is a YAML ") +
                             (root.IsSequence() ? "list" : "scalar") + ", expected a mapping",
                         first_line);
    }
    std::vector<std::string> order;
    for (auto it = root.begin(); it != root.end(); ++it) {
        // Copies: the iterator yields a temporary pair, so references into it would dangle.
        const YAML::Node k = it->first;
        const YAML::Node v = it->second;
        if (!k.IsScalar()) continue;
        std::string key = normalize_text(k.Scalar());
        if (v.IsScalar()) a.fields[key] = normalize_text(v.Scalar());
        order.push_back(key);
    }
    auto field = [&](std::initializer_list<const char*> keys) -> std::string {
        for (const char* k : keys) {
            auto it = a.fields.find(k);
            if (it != a.fields.end() && !trim(it->second).empty())
                return collapse_spaces(it->second);
        }
        return "";
    };
    a.title = field({"title", "headline", "name"});
    a.subtitle = field({"subtitle", "subheadline"});
    a.description = field({"description", "summary", "excerpt", "abstract"});
    a.source = field({"source", "publisher", "site", "site_name", "outlet"});
    a.url = field({"url", "link", "canonical_url", "canonicalUrl", "permalink", "source_url"});
    for (const char* k : {"newsDate", "publishedOn", "date", "published", "pubDate",
                          "published_at", "publishedAt", "publish_date", "created", "updated",
                          "updatedOn"}) {
        auto it = a.fields.find(k);
        if (it == a.fields.end() || trim(it->second).empty()) continue;
        bool ambiguous = false;
        std::string d = normalize_date(it->second, &ambiguous);
        if (!d.empty()) {
            a.date = d;
            break;
        }
        // Never dropped silently: the article may end up undated (out of every date filter and
        // timeline), and the user should know why.
        a.warnings.push_back(
            "front matter " + std::string(k) + " \"" + collapse_spaces(it->second) +
            (ambiguous ? "\": the day and month could be either way round; not used"
                       : "\": not a date polgraph can read; not used"));
    }
    for (const char* k : {"author", "authors", "byline", "creator"}) {
        if (root[k]) {
            for (auto& s : string_list(root[k])) a.authors.push_back(s);
            if (!a.authors.empty()) break;
        }
    }
    for (const char* k : {"tags", "categories", "category", "keywords"}) {
        if (!root[k]) continue;
        for (auto& s : string_list(root[k]))
            if (std::find(a.tags.begin(), a.tags.end(), s) == a.tags.end()) a.tags.push_back(s);
    }
    // Image alt texts and captions are prose too (they name people and products).
    for (const auto& key : order) {
        std::string k = casefold(key);
        if (k.rfind("alttext", 0) == 0 || k.rfind("alt_", 0) == 0 || k == "alt" ||
            k == "caption" || k == "image_caption") {
            auto it = a.fields.find(key);
            if (it == a.fields.end()) continue;
            std::string t = collapse_spaces(it->second);
            if (!t.empty()) a.blocks.push_back({Block::Kind::Meta, 0, t});
        }
    }
}

// A body that opens with a heading repeating the title (the page's <h1>, or the heading an
// untitled file took its title from) would count every name in the title twice: the title block
// holds it once. Only a heading before any other body text, equal to the title up to case and
// white space.
void drop_repeated_title(Article& a) {
    if (a.title.empty()) return;
    const std::string key = casefold(collapse_spaces(a.title));
    for (auto it = a.blocks.begin(); it != a.blocks.end(); ++it) {
        if (it->kind == Block::Kind::Meta) continue;
        if (it->kind == Block::Kind::Heading && casefold(collapse_spaces(it->text)) == key)
            a.blocks.erase(it);
        return;
    }
}

void add_header_blocks(Article& a) {
    std::vector<Block> head;
    if (!a.title.empty()) head.push_back({Block::Kind::Title, 0, a.title});
    if (!a.subtitle.empty()) head.push_back({Block::Kind::Subtitle, 0, a.subtitle});
    if (!a.description.empty()) head.push_back({Block::Kind::Description, 0, a.description});
    a.blocks.insert(a.blocks.begin(), head.begin(), head.end());
}

void append_html(Article& a, std::string_view html, bool whole_page) {
    HtmlResult r = html_to_blocks(html, whole_page, a.warnings);
    if (whole_page) {
        if (a.title.empty()) a.title = !r.title.empty() ? r.title : r.first_h1;
        if (a.description.empty()) a.description = r.meta_description;
        if (a.date.empty() && !r.meta_date.empty()) a.date = normalize_date(r.meta_date);
    }
    for (auto& b : r.blocks) a.blocks.push_back(std::move(b));
}

void parse_body(Article& a, std::string_view body) {
    std::vector<Segment> segs;
    split_segments(body, segs, a.warnings);
    for (auto& s : segs) {
        if (s.kind == Segment::Kind::Html) append_html(a, s.text, false);
        else append_html(a, markdown_to_html(s.text), false);
    }
}

void parse_text(Article& a, std::string_view body) {
    std::string para;
    auto flush = [&]() {
        std::string t = block_text(para);
        para.clear();
        if (!t.empty()) a.blocks.push_back({Block::Kind::Paragraph, 0, t});
    };
    for (auto& line : split(body, '\n')) {
        if (trim(line).empty()) flush();
        else (para += line) += ' ';
    }
    flush();
}

} // namespace

InputKind input_kind_for_path(std::string_view path) {
    if (ends_with_ci(path, ".html") || ends_with_ci(path, ".htm") || ends_with_ci(path, ".xhtml"))
        return InputKind::Html;
    if (ends_with_ci(path, ".txt")) return InputKind::Text;
    return InputKind::Markdown;
}

std::string content_hash(std::string_view bytes) {
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : bytes) {
        h ^= c;
        h *= 1099511628211ull;
    }
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

Article parse_article(std::string_view bytes, const std::string& path, const std::string& id,
                      InputKind kind) {
    Article a;
    a.id = id;
    a.path = path;
    a.bytes = bytes.size();
    a.content_hash = content_hash(bytes);
    if (bytes.empty()) throw ParseError(path, "empty file");
    if (const char* what = binary_kind(bytes))
        throw ParseError(path, std::string("not a text file (looks like ") + what + ")");
    std::string_view raw = bytes;
    if (raw.substr(0, 3) == "\xEF\xBB\xBF") raw.remove_prefix(3);
    std::string text = normalize_newlines(raw);

    std::string_view body = text;
    // Front matter: a first line of exactly "---" opens it; "---" or "..." closes it.
    if (kind != InputKind::Html && (body.substr(0, 4) == "---\n" || body == "---")) {
        std::size_t pos = body.find('\n');
        pos = pos == std::string_view::npos ? body.size() : pos + 1;
        std::size_t start = pos;
        std::size_t end = std::string_view::npos, after = 0;
        int line = 2;
        while (pos < body.size()) {
            std::size_t eol = body.find('\n', pos);
            if (eol == std::string_view::npos) eol = body.size();
            std::string_view l = body.substr(pos, eol - pos);
            while (!l.empty() && (l.back() == ' ' || l.back() == '\t')) l.remove_suffix(1);
            if (l == "---" || l == "...") {
                end = pos;
                after = eol + 1;
                break;
            }
            pos = eol + 1;
            ++line;
        }
        if (end == std::string_view::npos)
            throw ParseError(path, "unterminated front matter: no closing '---' line", 1);
        apply_front_matter(body.substr(start, end - start), 2, path, a);
        body = after <= body.size() ? body.substr(after) : std::string_view{};
    }
    switch (kind) {
    case InputKind::Html: append_html(a, body, true); break;
    case InputKind::Text: parse_text(a, body); break;
    case InputKind::Markdown: parse_body(a, body); break;
    }
    // An untitled markdown file takes its first heading as the title.
    if (a.title.empty()) {
        for (const auto& b : a.blocks)
            if (b.kind == Block::Kind::Heading) {
                a.title = b.text;
                break;
            }
    }
    drop_repeated_title(a);
    add_header_blocks(a);
    bool has_text = false;
    for (const auto& b : a.blocks)
        if (!b.text.empty()) has_text = true;
    if (!has_text) throw ParseError(path, "no text found (empty body and no title)");
    return a;
}

std::string read_file_bytes(const std::string& path, std::uint64_t max_bytes) {
    if (path == "-") {
        std::string data;
        char buf[65536];
        std::cin.clear(); // a process may read stdin more than once (the Python module)
        while (std::cin.read(buf, sizeof buf) || std::cin.gcount() > 0) {
            data.append(buf, static_cast<std::size_t>(std::cin.gcount()));
            if (data.size() > max_bytes)
                throw ParseError(path, "larger than the size limit of " +
                                           std::to_string(max_bytes) + " bytes (--max-bytes)");
        }
        return data;
    }
    // O_NONBLOCK: opening a FIFO without a writer must not hang the run; anything that is not
    // a regular file is refused after fstat.
    int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        int err = errno;
        throw IoError(path + ": cannot open: " + std::strerror(err) +
                      (err == ENOENT ? " (removed since it was listed?)" : ""));
    }
    struct FdGuard {
        int fd;
        ~FdGuard() { ::close(fd); }
    } guard{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0) throw IoError(path + ": cannot stat: " + std::strerror(errno));
    if (!S_ISREG(st.st_mode)) throw IoError(path + ": " + not_regular_file_reason(st.st_mode));
    const auto size = static_cast<std::uint64_t>(st.st_size);
    if (size > max_bytes)
        throw ParseError(path, "file is " + std::to_string(size) +
                                   " bytes, over the size limit of " + std::to_string(max_bytes) +
                                   " bytes (--max-bytes)");
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    // Read to the end rather than trusting the size: the file may grow or shrink meanwhile.
    std::string data(static_cast<std::size_t>(size), '\0');
    std::size_t got = 0;
    for (;;) {
        if (got == data.size()) {
            if (data.size() > max_bytes) break;
            data.resize(std::min<std::uint64_t>(max_bytes + 1, data.size() + 65536));
        }
        ssize_t n = ::read(fd, data.data() + got, data.size() - got);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw IoError(path + ": read failed: " + std::strerror(errno));
        if (n == 0) break;
        got += static_cast<std::size_t>(n);
    }
    data.resize(got);
    if (got > max_bytes)
        throw ParseError(path, "grew over the size limit of " + std::to_string(max_bytes) +
                                   " bytes (--max-bytes) while being read");
    return data;
}

Article read_article(const std::string& path, const std::string& id, std::uint64_t max_bytes) {
    std::string bytes = read_file_bytes(path, max_bytes);
    return parse_article(bytes, path, id, input_kind_for_path(path));
}

} // namespace polgraph
