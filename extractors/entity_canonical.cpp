// One id per thing in an article: a name the rules found is folded into the entity another
// mention names when the text says they are one (an acronym defined beside it, "the Action Plan"
// after "America's AI Action Plan") or they differ only in form (singular/plural, "Kimi K2.5" /
// "kimi-2.5", a university with and without its city).
#include <algorithm>
#include <cctype>
#include <iterator>
#include <map>
#include <string_view>
#include <unordered_set>

#include "core/util/text.hpp"
#include "extractors/entity_extractor.hpp"
#include "extractors/entity_scan.hpp"

namespace polgraph {

using namespace detail;

namespace {

// Takes the identity of `from` (its entity), keeping its own span and rule.
void adopt(Cand& c, const Cand& from) {
    c.pattern = from.pattern;
    c.type = from.type;
    c.name = from.name;
    c.id = from.id;
    c.entries = from.entries;
    c.confidence = std::max(c.confidence, from.confidence);
}

} // namespace

std::string detail::model_version_key(std::string_view name) {
    // Case, spaces and hyphens do not matter, nor a letter before the version that repeats the
    // family's initial ("Kimi K2.5" = "Kimi 2.5" = "kimi-k2.5").
    std::string key;
    std::vector<bool> word_start;
    bool boundary = true;
    for (char ch : casefold(name)) {
        if (ch == ' ' || ch == '-' || ch == '_') {
            boundary = true;
            continue;
        }
        key += ch;
        word_start.push_back(boundary);
        boundary = false;
    }
    std::size_t d = 0;
    while (d < key.size() && !std::isdigit(static_cast<unsigned char>(key[d])))
        ++d;
    if (d >= 2 && d < key.size() && word_start[d - 1] && key[d - 1] == key[0] &&
        std::isalpha(static_cast<unsigned char>(key[d - 1])))
        key.erase(d - 1, 1);
    return key;
}

std::uint8_t EntityExtractor::type_of(const Cand& c) const {
    if (!c.pattern)
        return c.entries.empty() ? 0xff : entry_type_[c.entries.front()];
    const auto& types = entity_types();
    return static_cast<std::uint8_t>(std::find(types.begin(), types.end(), c.type) - types.begin());
}

void EntityExtractor::canonicalize(Scan& s) const {
    auto& cands = s.cands;
    const auto& tk = s.tk;
    auto live = [&](const Cand& c) { return !c.dropped && (c.pattern || c.entries.size() == 1); };
    auto key_of = [&](const Cand& c) {
        return c.pattern ? c.id : gaz_.entry(c.entries.front()).id;
    };
    auto norms = [&](const Cand& c, std::size_t from) {
        std::string k;
        for (std::size_t i = from; i <= c.last; ++i)
            (k += tk[i].norm) += ' ';
        return k;
    };
    // Content words of a name: no "of", "the", "for".
    auto content = [&](const std::string& name) {
        std::vector<std::string> words;
        for (const auto& t : tokenize_text(name).tokens) {
            const WordInfo* w = word(t.norm);
            if (!w || !(w->flags & (kConnector | kFunctionWord)))
                words.push_back(t.norm);
        }
        std::sort(words.begin(), words.end());
        return words;
    };
    // Only names the rules found are folded: none (most articles of known names), nothing to do.
    bool any_pattern = false, any_acronym = false, any_short = false, any_policy = false;
    for (const Cand& c : cands) {
        const std::uint8_t type = type_of(c);
        if (!live(c))
            continue;
        any_policy = any_policy || type == kPolicy;
        // "The Times": a gazetteer name that starts with "The" may be the short form of a longer
        // one the article names ("The New York Times").
        if (!c.pattern && type == kOrganization && c.last > c.first &&
            (s.fl[c.first] & kArticleWord))
            any_short = true;
        if (!c.pattern || (type != kOrganization && type != kPolicy && type != kModel))
            continue;
        any_pattern = true;
        any_acronym = any_acronym || (c.last + 1 < s.n && tk[c.last + 1].all_caps &&
                                      s.gap(c.last + 1).find('(') != std::string_view::npos);
        any_short = any_short || (c.first > 0 && (s.fl[c.first - 1] & kArticleWord));
    }
    if (!any_pattern && !any_short && !any_policy)
        return;
    // Candidates by span, to find the one over an acronym.
    std::map<std::pair<std::size_t, std::size_t>, std::size_t> at;
    for (std::size_t ci = 0; ci < cands.size() && any_acronym; ++ci)
        if (live(cands[ci]))
            at.emplace(std::make_pair(cands[ci].first, cands[ci].last), ci);

    // 1. "Spanish Agency for Technological Transformation (SETT)" where the gazetteer knows SETT
    // under another name: the same body in another translation when most words agree (then the
    // gazetteer's entity), else the text's definition holds for this article.
    for (std::size_t ci = 0; ci < cands.size() && any_acronym; ++ci) {
        Cand& x = cands[ci];
        if (!live(x) || !x.pattern)
            continue;
        const std::size_t k = x.last + 1;
        if (k + 1 >= s.n || tk[k].block != tk[x.last].block || !tk[k].all_caps ||
            trim(s.gap(k)) != "(" || trim(s.gap(k + 1)).substr(0, 1) != ")")
            continue;
        auto g = at.find({k, k});
        if (g == at.end() || cands[g->second].pattern || type_of(cands[g->second]) != type_of(x))
            continue;
        const Cand gaz = cands[g->second];
        const auto a = content(x.name), b = content(gaz_.entry(gaz.entries.front()).name);
        std::vector<std::string> common;
        std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(common));
        if (common.size() * 2 >= std::max(a.size(), b.size())) {
            adopt(x, gaz);
            x.rule = "canonical:acronym";
            continue;
        }
        const std::string acronym(s.text(k));
        for (auto& h : cands)
            if (live(h) && !h.pattern && h.entries == gaz.entries && h.first == h.last &&
                s.text(h.first) == acronym) {
                adopt(h, x);
                h.rule = "canonical:acronym";
            }
    }

    // 2. Forms of one name: singular or plural words ("Export Program" / "Exports Program"), a
    // model's version forms, an organisation with its city. The first one named stands. Such
    // forms begin with the same word: only names that begin like a name the rules found count.
    auto singular = [](std::string w) {
        if (w.size() > 3 && w.back() == 's' && w[w.size() - 2] != 's')
            w.pop_back();
        return w;
    };
    std::unordered_set<std::string> pattern_firsts;
    for (const Cand& c : cands)
        if (live(c) && c.pattern)
            pattern_firsts.insert(singular(tk[c.first].norm));
    auto begins_like_pattern = [&](const Cand& c) {
        return c.pattern || pattern_firsts.count(singular(tk[c.first].norm)) > 0;
    };
    std::map<std::string, std::size_t> first_of; // key -> candidate
    auto variant_key = [&](const Cand& c, std::uint8_t type) {
        if (type == kModel)
            return "m:" + model_version_key(s.surface(c.first, c.last));
        std::string k = std::to_string(type) + ":";
        for (std::size_t i = c.first; i <= c.last; ++i)
            (k += singular(tk[i].norm)) += ' ';
        return k;
    };
    for (std::size_t ci = 0; ci < cands.size() && any_pattern; ++ci) {
        Cand& c = cands[ci];
        const std::uint8_t type = type_of(c);
        if (!live(c) || (type != kOrganization && type != kPolicy && type != kModel) ||
            (type != kModel && !begins_like_pattern(c)))
            continue;
        const std::string key = variant_key(c, type);
        auto [it, fresh] = first_of.emplace(key, ci);
        if (!fresh && c.pattern && key_of(cands[it->second]) != key_of(c)) {
            adopt(c, cands[it->second]);
            c.rule = "canonical:variant";
        }
    }
    for (std::size_t ci = 0; ci < cands.size() && any_pattern; ++ci) {
        Cand& c = cands[ci];
        const std::uint8_t type = type_of(c);
        if (!live(c) || !c.pattern)
            continue;
        if (type == kModel) {
            auto m = model_keys_.find(model_version_key(c.name));
            if (m != model_keys_.end()) {
                c.pattern = false;
                c.entries = {m->second};
                c.rule = "canonical:version";
            }
            continue;
        }
        // "Example AI Ltd" is the gazetteer's "Example AI".
        if (type == kOrganization && c.last > c.first && (s.fl[c.last] & kLegalSuffix)) {
            std::size_t end = c.last;
            while (end > c.first && (s.fl[end] & kLegalSuffix)) --end;
            const auto known = gaz_.find_name(s.surface(c.first, end));
            if (known.size() == 1 && is_type(known.front(), kOrganization)) {
                c.pattern = false;
                c.entries = known;
                c.rule = "canonical:legal-form";
                continue;
            }
        }
        // "Example University Linz" is "Example University".
        if (type == kOrganization && c.last > c.first) {
            std::size_t end = c.last;
            while (end > c.first && !gaz_.find_name(s.text(end)).empty() &&
                   is_type(gaz_.find_name(s.text(end)).front(), kLocation))
                --end;
            if (end < c.last && end > c.first) {
                Cand head = c;
                head.last = end;
                auto it = first_of.find(variant_key(head, type));
                if (it != first_of.end() && key_of(cands[it->second]) != key_of(c)) {
                    adopt(c, cands[it->second]);
                    c.rule = "canonical:place";
                }
            }
        }
    }

    // 3. "Multiverse" after "Multiverse Computing": an organisation the rules found that is the
    // start of a longer one of the article whose other words are organisation suffixes.
    std::map<std::string, std::string> head_of; // norms of the head -> entity key ("" if two)
    std::map<std::string, std::size_t> head_cand;
    for (std::size_t ci = 0; ci < cands.size() && any_pattern; ++ci) {
        const Cand& q = cands[ci];
        if (!live(q) || type_of(q) != kOrganization || q.last == q.first || !begins_like_pattern(q))
            continue;
        std::size_t end = q.last;
        while (end > q.first && (s.fl[end] & kOrgSuffix))
            --end;
        if (end == q.last)
            continue;
        std::string head;
        for (std::size_t i = q.first; i <= end; ++i)
            (head += tk[i].norm) += ' ';
        auto [it, fresh] = head_of.emplace(head, key_of(q));
        if (fresh)
            head_cand[head] = ci;
        else if (it->second != key_of(q))
            it->second.clear();
    }
    for (auto& p : cands) {
        if (!live(p) || !p.pattern || type_of(p) != kOrganization)
            continue;
        auto it = head_of.find(norms(p, p.first));
        if (it == head_of.end() || it->second.empty() || it->second == key_of(p))
            continue;
        adopt(p, cands[head_cand[it->first]]);
        p.rule = "canonical:short-form";
    }

    // 4. "the Action Plan" after "America's AI Action Plan": a name the rules found that ends a
    // longer name of the same type in the article, said with "the", is that thing; so is "The
    // Times" (a gazetteer name with its own "The") after "The New York Times", when of the same
    // kind: a newspaper's short name is a newspaper's. short_from gives where the words to find
    // as a tail start. A tail ends with the name's last word: only names ending so are listed.
    constexpr std::size_t kNotShort = static_cast<std::size_t>(-1);
    auto short_from = [&](const Cand& p) {
        const std::uint8_t type = type_of(p);
        if (!live(p) || (type != kOrganization && type != kPolicy))
            return kNotShort;
        if (p.pattern)
            return p.first > 0 && (s.fl[p.first - 1] & kArticleWord) &&
                           tk[p.first - 1].block == tk[p.first].block
                       ? p.first
                       : kNotShort;
        return type == kOrganization && p.last > p.first && (s.fl[p.first] & kArticleWord)
                   ? p.first + 1
                   : kNotShort;
    };
    std::unordered_set<std::string_view> last_words;
    for (const Cand& p : cands)
        if (any_short && short_from(p) != kNotShort)
            last_words.insert(tk[p.last].norm);
    std::map<std::string, std::string> tail_of; // "type:norms of the tail" -> entity key ("" if 2)
    std::map<std::string, std::size_t> tail_cand;
    for (std::size_t ci = 0; ci < cands.size() && !last_words.empty(); ++ci) {
        const Cand& q = cands[ci];
        const std::uint8_t type = type_of(q);
        if (!live(q) || (type != kOrganization && type != kPolicy) || q.last - q.first > 8 ||
            !last_words.count(tk[q.last].norm))
            continue;
        for (std::size_t from = q.first + 1; from <= q.last; ++from) {
            if (from == q.first + 1 && (s.fl[q.first] & kArticleWord))
                continue; // "The New York Times" is no tail of itself
            const std::string tail = std::to_string(type) + ":" + norms(q, from);
            auto [it, fresh] = tail_of.emplace(tail, key_of(q));
            if (fresh)
                tail_cand[tail] = ci;
            else if (it->second != key_of(q))
                it->second.clear();
        }
    }
    auto same_kind = [&](const Cand& p, const Cand& q) {
        if (p.pattern)
            return true;
        if (q.pattern)
            return false;
        const auto& pk = gaz_.entry(p.entries.front()).attrs;
        const auto& qk = gaz_.entry(q.entries.front()).attrs;
        return pk.count("kind") && qk.count("kind") && pk.at("kind") == qk.at("kind");
    };
    for (auto& p : cands) {
        const std::size_t from = tail_of.empty() ? kNotShort : short_from(p);
        if (from == kNotShort)
            continue;
        const std::uint8_t type = type_of(p);
        auto it = tail_of.find(std::to_string(type) + ":" + norms(p, from));
        if (it == tail_of.end() || it->second.empty() || it->second == key_of(p))
            continue;
        const Cand& q = cands[tail_cand[it->first]];
        if (!same_kind(p, q))
            continue;
        adopt(p, q);
        p.rule = "canonical:short-form";
    }

    // 5. A place or body written just before a law's name is part of it, no mention of its own
    // ("G-7 Hiroshima Process", as "EU" in "EU AI Act").
    if (!any_policy)
        return;
    std::vector<char> policy_at(s.n, 0);
    for (const Cand& c : cands)
        if (live(c) && type_of(c) == kPolicy)
            policy_at[c.first] = 1;
    for (auto& c : cands) {
        const std::uint8_t type = type_of(c);
        if (live(c) && (type == kLocation || type == kOrganization) && c.last + 1 < s.n &&
            policy_at[c.last + 1] && s.same_run(c.last, c.last + 1))
            c.dropped = true;
    }
}

} // namespace polgraph
