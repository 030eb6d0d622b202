// Organisations named by the words around them (after the capitalised-run rules and the lists of
// people): "Veltrix CEO Jane Doe", "Veltrix, a startup based in Lyon", "an engineer at Veltrix",
// "co-founded Veltrix", "Veltrix (NASDAQ: VLTX)" and a name standing in a list of organisations.
// Each cue looks only at a few tokens around one word, so the phase is linear in the article.
#include "extractors/entity_extractor.hpp"
#include "extractors/entity_scan.hpp"

namespace polgraph {

using namespace detail;

namespace {

// An ending after a stem of three letters or more ("-ly", "-ed", "-ing"; not "fly", "red").
bool ends_after_stem(std::string_view w, std::string_view suffix) {
    return w.size() > suffix.size() + 2 && w.ends_with(suffix);
}

// Words after which a capitalised name is more likely a place than a body ("In Quimper, a
// startup ...").
bool place_preposition(std::string_view w) {
    return w == "in" || w == "near" || w == "outside" || w == "across" || w == "around" ||
           w == "throughout" || w == "within" || w == "inside" || w == "on" || w == "during" ||
           w == "since" || w == "until" || w == "after" || w == "before";
}

} // namespace

void EntityExtractor::discover_org_cues(Scan& s) const {
    const auto& tk = s.tk;
    const auto& fl = s.fl;
    const std::size_t n = s.n;
    // A word that may be part of a body's name found by its context: capitalised, no name the
    // rules found, and no word that starts no name, a title or a person's name.
    auto name_word = [&](std::size_t k) {
        return tk[k].cap && tk[k].has_letter && !s.strong_cov[k] &&
               !(fl[k] & (kNotName | kFunctionWord | kGivenName | kMonth | kWeekday | kRoleWord |
                          kPersonTitle | kPosition));
    };
    // The name of at most three words ending at e, when it stands alone (no capitalised word
    // before it in the same run); n when there is none. A one-word name must not be a family
    // name, a word that names what a body is ("Group") or, first in its sentence, a common word
    // or an adverb ("Separately").
    auto name_ending_at = [&](std::size_t e) -> std::size_t {
        if (!name_word(e)) return n;
        std::size_t b = e;
        while (b > 0 && e - b < 2 && s.same_run(b - 1, b) && name_word(b - 1)) --b;
        if (b > 0 && s.same_run(b - 1, b) && tk[b - 1].cap) return n;
        if (s.in_heading(b)) return n;
        if (b == e && (fl[b] & (kSurname | kAmbiguousSurname | kOrgSuffix | kOrgHead |
                                kOrgContextBefore | kOrgContextAfter)))
            return n;
        if (tk[b].sent_start && (fl[b] & kCommonWord)) return n;
        if (b == e && tk[b].sent_start && ends_after_stem(tk[b].norm, "ly")) return n;
        return b;
    };
    auto person_at = [&](std::size_t k) {
        if (k >= n || s.cand_at[k] < 0) return false;
        const Cand& c = s.cands[static_cast<std::size_t>(s.cand_at[k])];
        return c.first == k && type_of(c) == kPerson;
    };
    auto org_cand = [&](std::size_t k) -> const Cand* {
        if (s.cand_at[k] < 0) return nullptr;
        const Cand& c = s.cands[static_cast<std::size_t>(s.cand_at[k])];
        return c.dropped || type_of(c) != kOrganization ? nullptr : &c;
    };

    for (std::size_t i = 1; i < n; ++i) {
        const std::uint64_t f = fl[i];
        // "Veltrix CEO Jane Doe", "Veltrix co-founder and chief executive Jane Doe": a name, a
        // post that heads a body, and the person who holds it.
        if ((f & kLeadRole) && s.same_run(i - 1, i)) {
            std::size_t e = i - 1;
            if (tk[e].norm == "co" && !tk[e].cap && e > 0 && s.same_run(e - 1, e)) --e;
            std::size_t p = i + 1;
            while (p < n && p < i + 5 && s.same_run(p - 1, p) && !person_at(p) &&
                   (fl[p] & (kLeadRole | kRoleWord | kPersonTitle | kAnd)))
                ++p;
            const std::size_t b = name_ending_at(e);
            if (b < n && p < n && s.same_run(p - 1, p) && person_at(p))
                add_pattern(s, b, e, "organization", s.surface(b, e), 0.7,
                            "organization:role-before-person");
            continue;
        }
        // "an engineer at Veltrix", "her stint at Veltrix"; "co-founded Veltrix", "she founded
        // Veltrix in 2015".
        const bool at = (f & kAt) && !tk[i].hard_before && (fl[i - 1] & (kRoleWord | kWorkAt)) &&
                        !tk[i - 1].cap;
        if ((at || (f & kFounded)) && !tk[i].cap) {
            const std::size_t b = i + 1;
            std::size_t e = b;
            while (e + 1 < n && e < i + 3 && s.same_run(e, e + 1) && name_word(e + 1)) ++e;
            if (b < n && tk[b].sentence == tk[i].sentence && tk[b].block == tk[i].block &&
                !tk[b].hard_before && name_word(b) &&
                !(e + 1 < n && s.same_run(e, e + 1) && tk[e + 1].cap) && name_ending_at(e) == b)
                add_pattern(s, b, e, "organization", s.surface(b, e), 0.7,
                            at ? "organization:works-at" : "organization:founded");
            continue;
        }
        // "Veltrix (NASDAQ: VLTX)".
        if ((f & kExchange) && tk[i].cap && i + 1 < n && tk[i + 1].all_caps &&
            tk[i + 1].block == tk[i].block) {
            const std::string_view open = s.gap(i), colon = s.gap(i + 1);
            if (open.find('(') == std::string_view::npos ||
                colon.find(':') == std::string_view::npos)
                continue;
            const std::size_t b = name_ending_at(i - 1);
            if (b < n)
                add_pattern(s, b, i - 1, "organization", s.surface(b, i - 1), 0.8,
                            "organization:ticker");
            continue;
        }
        // "Veltrix, a startup based in Lyon," "Veltrix, the Paris company that ...": an
        // apposition headed by a word that names a kind of body.
        if ((f & kArticleWord) && !tk[i].cap && s.gap(i).find(',') != std::string_view::npos &&
            tk[i - 1].sentence == tk[i].sentence && tk[i - 1].block == tk[i].block) {
            std::size_t h = i + 1;
            while (h < n && h < i + 5 && tk[h].sentence == tk[i].sentence && !(fl[h] & kOrgHead) &&
                   !tk[h].possessive && (h == i + 1 || !tk[h].hard_before) &&
                   !(fl[h] & (kPersonTitle | kPosition | kLeadRole | kConnector | kAt | kByFrom)))
                ++h;
            if (h >= n || !(fl[h] & kOrgHead) || tk[h].cap || tk[h].possessive ||
                tk[h].sentence != tk[i].sentence || (h > i + 1 && tk[h].hard_before))
                continue;
            // What follows the head ends the apposition or goes on with a clause ("that",
            // "based in", "building ..."), not with a noun ("a startup founder", "a firm
            // believer").
            bool closed = h + 1 >= n || tk[h + 1].hard_before || tk[h + 1].block != tk[h].block;
            if (!closed) {
                const std::uint64_t g = fl[h + 1];
                const std::string_view w = tk[h + 1].norm;
                closed = ((g & kFunctionWord) && !(g & kOf)) || ends_after_stem(w, "ed") ||
                         ends_after_stem(w, "ing");
                if (g & (kRoleWord | kPersonTitle | kPosition | kReportingVerb | kOrgContextAfter |
                         kLeadRole))
                    closed = false;
            }
            const std::size_t b = name_ending_at(i - 1);
            if (!closed || b >= n) continue;
            if (b > 0 && tk[b - 1].sentence == tk[b].sentence && place_preposition(tk[b - 1].norm))
                continue;
            add_pattern(s, b, i - 1, "organization", s.surface(b, i - 1), 0.7,
                        "organization:apposition");
        }
    }

    // A name in a list between organisations the article names plainly ("Microsoft, Quorra and
    // Nvidia"), or after two of them. Only words no list knows in any sense, and not among
    // online platforms: "Instagram, Facebook, and Threads" lists a group's apps, which are
    // products as often as bodies.
    auto listed_org = [&](std::size_t k) -> const Cand* {
        const Cand* c = org_cand(k);
        if (!c || c->ambiguous || c->pattern) return c && !c->ambiguous ? c : nullptr;
        const auto& attrs = gaz_.entry(c->entries.front()).attrs;
        const auto kind = attrs.find("kind");
        return kind != attrs.end() && kind->second == "platform" ? nullptr : c;
    };
    auto sep_between = [&](std::size_t l, std::size_t r) { // l < r: last of one, first of next
        if (r - l > 2) return false;
        bool comma = s.gap(l + 1).find(',') != std::string_view::npos;
        if (r - l == 2) {
            if (!((fl[l + 1] & kAnd) || tk[l + 1].norm == "or") || tk[l + 1].cap) return false;
            return true;
        }
        return comma;
    };
    auto org_left = [&](std::size_t first) -> const Cand* { // the org item before `first`
        for (std::size_t d = 1; d <= 2 && d <= first; ++d) {
            const std::size_t k = first - d;
            if (tk[k].sentence != tk[first].sentence) return nullptr;
            if (const Cand* c = listed_org(k); c && c->last == k)
                return sep_between(k, first) ? c : nullptr;
        }
        return nullptr;
    };
    auto org_right = [&](std::size_t last) -> const Cand* {
        for (std::size_t d = 1; d <= 2 && last + d < n; ++d) {
            const std::size_t k = last + d;
            if (tk[k].sentence != tk[last].sentence) return nullptr;
            if (const Cand* c = listed_org(k); c && c->first == k)
                return sep_between(last, k) ? c : nullptr;
        }
        return nullptr;
    };
    for (std::size_t i = 1; i + 1 < n; ++i) {
        if (!name_word(i) || tk[i].sent_start || s.root[i] != kNoNode ||
            (fl[i] &
             (kSurname | kAmbiguousSurname | kCommonWord | kOrgHead | kOrgSuffix | kLegalSuffix)) ||
            s.in_heading(i))
            continue;
        std::size_t e = i;
        if (e + 1 < n && s.same_run(e, e + 1) && name_word(e + 1) && s.root[e + 1] == kNoNode) ++e;
        if (e + 1 < n && s.same_run(e, e + 1) && tk[e + 1].cap) continue;
        const Cand* l = org_left(i);
        const Cand* r = org_right(e);
        if ((l && r) || (l && org_left(l->first)) || (r && org_right(r->last)))
            add_pattern(s, i, e, "organization", s.surface(i, e), 0.65, "organization:list");
        i = e;
    }
}

} // namespace polgraph
