// Evidence: the sentences in which two entities occur together. The graph keeps which sentences
// (mention edges carry their sentence indices), not their text; the text is read back from the
// article files with the same reader and tokenizer that extraction used, which split sentences
// the same way. A file whose content hash is no longer the extracted one is reported, never
// quoted: a sentence index into another text would misquote it.
#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/util/text.hpp"
#include "extractors/reader.hpp"
#include "extractors/tokenizer.hpp"
#include "query/index_impl.hpp"
#include "query/query.hpp"

namespace polgraph {

using detail::NI;
using detail::Posting;
using detail::Scope;
using Shared = detail::SharedSentence;

namespace {

// The sentences of one article, read back from its file once.
struct ReadBack {
    std::string status; // ok, missing, changed, unreadable
    Article article;
    Tokenized tokens;
};

// The file of an article: its path, a relative one under `root` (when given).
std::string file_of(const ArticleInfo& info, const std::string& root) {
    const std::filesystem::path p(info.path);
    if (root.empty() || p.is_absolute()) return info.path;
    return (std::filesystem::path(root) / p).string();
}

ReadBack read_back(const Node& n, const std::string& file) {
    ReadBack r;
    const ArticleInfo& info = n.article;
    std::string bytes;
    try {
        bytes = read_file_bytes(file, kDefaultMaxBytes);
    } catch (const IoError&) {
        r.status = "missing";
        return r;
    } catch (const Error&) {
        r.status = "unreadable";
        return r;
    }
    if (!info.hash.empty() && content_hash(bytes) != info.hash) {
        r.status = "changed";
        return r;
    }
    try {
        r.article = parse_article(bytes, info.path, n.id, input_kind_for_path(info.path));
        r.tokens = tokenize(r.article);
    } catch (const Error&) {
        r.status = "unreadable";
        return r;
    }
    r.status = "ok";
    return r;
}

// The text of sentence `s`: from its first token to its last, with the closing punctuation.
std::string sentence_text(const ReadBack& r, std::uint32_t s) {
    const auto& toks = r.tokens.tokens;
    auto first =
        std::find_if(toks.begin(), toks.end(), [&](const Token& t) { return t.sentence == s; });
    if (first == toks.end()) return "";
    auto last = first;
    for (auto it = first; it != toks.end() && it->sentence == s; ++it)
        if (it->block == first->block) last = it;
    const std::string& text = r.article.blocks[first->block].text;
    std::size_t end = last->end;
    while (end < text.size() && end < last->end + 3 &&
           std::string_view(".!?\")'").find(text[end]) != std::string_view::npos)
        ++end;
    return sanitize_utf8(text.substr(first->begin, end - first->begin));
}

bool word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           static_cast<unsigned char>(c) >= 0x80;
}

// `text` with every occurrence of the forms (whole words, longest first) in [[brackets]].
std::string mark(const std::string& text, std::vector<std::string> forms) {
    std::sort(forms.begin(), forms.end(), [](const std::string& x, const std::string& y) {
        return x.size() != y.size() ? x.size() > y.size() : x < y;
    });
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    for (const auto& f : forms) {
        if (f.empty()) continue;
        for (std::size_t at = text.find(f); at != std::string::npos; at = text.find(f, at + 1)) {
            const std::size_t end = at + f.size();
            if ((at > 0 && word_char(text[at - 1])) || (end < text.size() && word_char(text[end])))
                continue;
            bool overlaps = false;
            for (const auto& [b, e] : spans) overlaps |= at < e && b < end;
            if (!overlaps) spans.emplace_back(at, end);
        }
    }
    std::sort(spans.begin(), spans.end());
    std::string out;
    std::size_t at = 0;
    for (const auto& [b, e] : spans) {
        out += text.substr(at, b - at) + "[[" + text.substr(b, e - b) + "]]";
        at = e;
    }
    return out + text.substr(at);
}

} // namespace

std::vector<Shared> QueryIndex::Impl::shared_sentences_of(std::uint32_t x, std::uint32_t y,
                                                          const Scope& scope) const {
    const Impl& m = *this;
    std::vector<Shared> out;
    const std::uint32_t fx = m.entity_feature(x), fy = m.entity_feature(y);
    auto posting = [&](std::uint32_t f, std::uint32_t a) -> const Posting* {
        auto b = m.fa.begin() + static_cast<long>(m.fa_off[f]),
             e = m.fa.begin() + static_cast<long>(m.fa_off[f + 1]);
        auto it = std::lower_bound(b, e, a,
                                   [](const Posting& p, std::uint32_t v) { return p.article < v; });
        return it != e && it->article == a ? &*it : nullptr;
    };
    for (std::size_t p = m.fa_off[fx]; p < m.fa_off[fx + 1]; ++p) {
        const std::uint32_t a = m.fa[p].article;
        if (!scope.article(a)) continue;
        const Posting* py = posting(fy, a);
        if (!py) continue;
        const auto& sx = m.fa[p].edge->more().sentence_ids;
        const auto& sy = py->edge->more().sentence_ids;
        std::vector<std::uint32_t> both;
        std::set_intersection(sx.begin(), sx.end(), sy.begin(), sy.end(), std::back_inserter(both));
        for (std::uint32_t s : both) out.push_back({a, s, m.fa[p].edge, py->edge});
    }
    std::stable_sort(out.begin(), out.end(), [&](const Shared& u, const Shared& v) {
        if (u.article == v.article) return false;
        const std::string &du = m.g.node(m.articles[u.article]).date,
                          &dv = m.g.node(m.articles[v.article]).date;
        return du != dv ? du > dv : u.article < v.article;
    });
    return out;
}

std::vector<EvidenceSentence>
QueryIndex::Impl::read_sentences(const std::vector<Shared>& shared) const {
    const Impl& m = *this;
    std::map<std::uint32_t, ReadBack> files;
    std::vector<EvidenceSentence> out;
    for (const Shared& s : shared) {
        const Node& n = m.g.node(m.articles[s.article]);
        auto it = files.find(s.article);
        const std::string file = file_of(n.article, m.article_root);
        if (it == files.end()) it = files.emplace(s.article, read_back(n, file)).first;
        EvidenceSentence ev;
        ev.article = m.ref(m.articles[s.article]);
        ev.file = file;
        ev.sentence = s.sentence;
        ev.status = it->second.status;
        if (ev.status == "ok") {
            ev.text = sentence_text(it->second, s.sentence);
            std::vector<std::string> forms = s.a->more().forms;
            forms.insert(forms.end(), s.b->more().forms.begin(), s.b->more().forms.end());
            ev.marked = mark(ev.text, forms);
            if (ev.text.empty()) ev.status = "changed"; // no such sentence: not the same text
        }
        out.push_back(std::move(ev));
    }
    return out;
}

EvidenceSentence QueryIndex::Impl::hop_evidence(std::uint32_t x, std::uint32_t y,
                                                const Scope& scope) const {
    auto shared = shared_sentences_of(x, y, scope);
    if (shared.empty()) return EvidenceSentence::with_status("none");
    // The first sentence that can be quoted, else the first one with its status.
    for (std::size_t i = 0; i < shared.size(); ++i) {
        auto ev = read_sentences({shared[i]});
        if (ev.front().status == "ok" || i + 1 == shared.size() || i == 4) return ev.front();
    }
    return EvidenceSentence::with_status("none");
}

void QueryIndex::set_article_root(std::string dir) {
    impl_->article_root = std::move(dir);
}

EvidenceResult QueryIndex::evidence(std::string_view a, std::string_view b, std::size_t top,
                                    const QueryFilters& filters) const {
    const Impl& m = *impl_;
    const auto scoped = m.scope(filters);
    const Scope& scope = *scoped;
    NI va = resolve_entity(a), vb = resolve_entity(b);
    EvidenceResult res;
    res.a = m.ref(va);
    res.b = m.ref(vb);
    res.filters = scope.described;
    if (va == vb) throw UsageError("evidence: give two different entities");
    auto shared = m.shared_sentences_of(m.entity_of[va], m.entity_of[vb], scope);
    res.total = shared.size();
    if (top != 0 && shared.size() > top) shared.resize(top);
    res.results = m.read_sentences(shared);
    return res;
}

} // namespace polgraph
