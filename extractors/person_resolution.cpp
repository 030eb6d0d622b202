// Whom a bare family or given name refers to: first a person the article names in full, then a
// gazetteer person that a title before the name or a far greater prominence singles out; else no
// one (a wrong person is worse than a missed one).
#include <algorithm>
#include <cctype>
#include <string_view>
#include <unordered_map>

#include "core/util/text.hpp"
#include "extractors/entity_extractor.hpp"
#include "extractors/entity_scan.hpp"

namespace polgraph {

using namespace detail;

bool EntityExtractor::family_name_first(const Scan& s, std::size_t b, std::size_t e) const {
    const WordInfo* fam = word_info(s, b);
    if (!fam || e <= b)
        return false;
    bool hyphenated = false;
    for (std::size_t k = b + 1; k <= e; ++k)
        hyphenated = hyphenated || name_piece(s, k);
    for (std::size_t o = 0; o < lex_.name_origins.size(); ++o) {
        const NameOrigin& origin = lex_.name_origins[o];
        const bool plain = fam->origins >> o & 1u, weak = fam->ambiguous_origins >> o & 1u;
        if (origin.family_first && (plain || (weak && hyphenated)) &&
            (hyphenated || given_syllables(s, b + 1, e, o) > 0))
            return true;
    }
    return false;
}

void EntityExtractor::resolve_person_short_forms(Scan& s) const {
    const auto& tk = s.tk;
    const auto& fl = s.fl;
    // The people the article names in full, by the family name and the given name they may be
    // called by alone. Several people under one short form make it ambiguous.
    // Keys are views of the tokens' case-folded text (alive as long as the Scan).
    std::unordered_map<std::string_view, std::vector<std::size_t>> by_family, by_given;
    std::vector<const std::string*> keys(s.cands.size(), nullptr); // entity key per candidate
    auto add = [&](auto& map, std::string_view norm, std::size_t ci) {
        auto& list = map[norm];
        for (std::size_t o : list)
            if (*keys[o] == *keys[ci])
                return;
        list.push_back(ci);
    };
    for (std::size_t ci = 0; ci < s.cands.size(); ++ci) {
        const Cand& c = s.cands[ci];
        if (c.dropped || c.ambiguous || c.last == c.first)
            continue;
        const bool person = c.pattern ? c.type == "person"
                                      : !c.entries.empty() && is_type(c.entries.front(), kPerson);
        if (!person)
            continue;
        keys[ci] = c.pattern ? &c.id : &gaz_.entry(c.entries.front()).id;
        std::size_t b = c.first;
        if (fl[b] & kPeerage) { // "Baroness Kidron" is "Kidron"
            while (b < c.last && (fl[b] & kPeerage))
                ++b;
            if (tk[b].cap && !(fl[b] & kOf))
                add(by_family, tk[b].norm, ci);
            continue;
        }
        std::size_t last = c.last;
        while (last > b && name_piece(s, last))
            --last;
        if (family_name_first(s, b, c.last)) {
            add(by_family, tk[b].norm, ci);
            continue;
        }
        if (tk[last].end - tk[last].begin >= 2 && last > b)
            add(by_family, tk[last].norm, ci);
        if (tk[b].end - tk[b].begin >= 2)
            add(by_given, tk[b].norm, ci);
    }
    // Nothing to bind to but the gazetteer's knights and dames.
    const bool any_person = !by_family.empty() || !by_given.empty();
    std::vector<Cand> extra;
    std::vector<std::size_t> weak_at(s.n, static_cast<std::size_t>(-1));
    for (std::size_t ci = 0; ci < s.cands.size(); ++ci)
        if (s.cands[ci].ambiguous && !s.cands[ci].dropped && s.cands[ci].first == s.cands[ci].last)
            weak_at[s.cands[ci].first] = ci;
    for (std::size_t i = 0; i < s.n; ++i) {
        if (s.strong_cov[i] || !tk[i].cap || !tk[i].has_letter || tk[i].has_digit ||
            tk[i].all_caps || (fl[i] & kFunctionWord) ||
            (!any_person && !(i > 0 && (fl[i - 1] & kGivenNameTitle))))
            continue;
        // Not inside a longer capitalised name ("Lee Zeldin"); a title before it is fine.
        if (i > 0 && s.same_run(i - 1, i) && tk[i - 1].cap && !(fl[i - 1] & kPersonTitle))
            continue;
        if (i + 1 < s.n && s.same_run(i, i + 1) && tk[i + 1].cap)
            continue;
        const std::vector<std::size_t>* found = nullptr;
        bool given = false;
        if (auto it = by_family.find(std::string_view(tk[i].norm)); it != by_family.end())
            found = &it->second;
        else if (auto g = by_given.find(std::string_view(tk[i].norm)); g != by_given.end()) {
            found = &g->second;
            given = true;
        }
        if (!found) {
            // "Sir Demis": a knight or dame is called by the given name; one gazetteer person
            // of that given name.
            auto g = given_names_.find(tk[i].norm);
            if (i > 0 && (fl[i - 1] & kGivenNameTitle) && tk[i - 1].cap &&
                tk[i - 1].block == tk[i].block && g != given_names_.end() &&
                g->second.size() == 1) {
                Cand c;
                c.first = c.last = i;
                c.entries = g->second;
                c.rule = "person:given-name";
                extra.push_back(std::move(c));
                s.strong_cov[i] = 1;
                if (weak_at[i] != static_cast<std::size_t>(-1))
                    s.cands[weak_at[i]].dropped = true;
            }
            continue;
        }
        const std::size_t weak = weak_at[i];
        if (found->size() > 1) {
            // Two people of the article share it ("Kim" for Kim Hea Kyung and Kim Gi-ho): no
            // one, not even a gazetteer person of that name.
            if (weak != static_cast<std::size_t>(-1))
                s.cands[weak].dropped = true;
            continue;
        }
        // A given name alone at the start of a sentence may be a word ("Mark the date").
        if (given && tk[i].sent_start && !(s.next_flags(i) & kReportingVerb))
            continue;
        Cand c = s.cands[found->front()];
        c.first = c.last = i;
        c.ambiguous = false;
        c.rule = given ? "person:given-name" : "person:family-name";
        extra.push_back(std::move(c));
        s.strong_cov[i] = 1;
        if (weak != static_cast<std::size_t>(-1))
            s.cands[weak].dropped = true;
    }
    for (auto& c : extra)
        s.cands.push_back(std::move(c));
}

std::uint32_t EntityExtractor::pick_person(const Scan& s, std::size_t i,
                                           const std::vector<std::uint32_t>& entries) const {
    // A title just before the name picks the one whose role it is ("President Lee", "Governor
    // Newsom", "Vice President Harris").
    std::size_t t = i;
    while (t > 0 && s.tk[t - 1].block == s.tk[i].block && (s.fl[t - 1] & kPersonTitle) &&
           s.tk[t - 1].cap && (t == i || s.same_run(t - 1, t)))
        --t;
    if (t < i) {
        std::string title;
        for (std::size_t k = t; k < i; ++k)
            title += (k > t ? " " : "") + s.tk[k].norm;
        std::vector<std::uint32_t> fit;
        for (auto e : entries) {
            auto r = gaz_.entry(e).attrs.find("role");
            if (r == gaz_.entry(e).attrs.end())
                continue;
            const std::string role = casefold(r->second);
            for (std::size_t at = role.find(title); at != std::string::npos;
                 at = role.find(title, at + 1)) {
                const bool word_start = at == 0 || role[at - 1] == ' ';
                const std::size_t end = at + title.size();
                const bool word_end =
                    end == role.size() || !std::isalpha(static_cast<unsigned char>(role[end]));
                // "Executive Vice President" is no President.
                std::string before = role.substr(0, at);
                while (!before.empty() && before.back() == ' ')
                    before.pop_back();
                const std::size_t sp = before.rfind(' ');
                const std::string prev = before.substr(sp == std::string::npos ? 0 : sp + 1);
                if (word_start && word_end && prev != "vice" && prev != "deputy" &&
                    prev != "executive" && prev != "assistant" && prev != "associate" &&
                    prev != "acting") {
                    fit.push_back(e);
                    break;
                }
            }
        }
        if (fit.size() == 1)
            return fit.front();
        if (entries.size() == 1) // "Mr. Amodei": the only person of that name
            return entries.front();
    }
    // One far more prominent than the others (a head of state or government, the best-known
    // executives): "Trump", "Macron", "Modi".
    std::uint32_t top = kNoEntry;
    int best = 0, second = 0;
    for (auto e : entries) {
        if (!is_type(e, kPerson))
            return kNoEntry;
        const int p = prominence_[e];
        if (p > best) {
            second = best;
            best = p;
            top = e;
        } else {
            second = std::max(second, p);
        }
    }
    if (best >= 3 && second <= best - 2)
        return top;
    return kNoEntry;
}

} // namespace polgraph
