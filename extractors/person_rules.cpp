// People in capitalised runs: given names, family names of many origins in either order (data/
// names), titles, peerage styles and post-nominals; and names in lists of people.
#include <algorithm>

#include "core/util/text.hpp"
#include "extractors/entity_extractor.hpp"
#include "extractors/entity_scan.hpp"

namespace polgraph {

using namespace detail;

bool detail::name_piece(const Scan& s, std::size_t k) {
    const Token& x = s.tk[k];
    // A common word is no piece of a name unless it is also a syllable of one ("Gee-won",
    // "Jae-in").
    if (k == 0 || x.cap || !x.has_letter || x.has_digit || x.joiner_before != '-' ||
        x.hard_before || x.block != s.tk[k - 1].block || x.end - x.begin > 5 ||
        ((s.fl[k] & kCommonWord) && !(s.fl[k] & kNameSyllable)))
        return false;
    const std::string& w = x.norm; // "Seoul-based", "US-led" are no names
    return !(w.size() >= 2 && w.compare(w.size() - 2, 2, "ed") == 0);
}

namespace {

// A capitalised word glued by a hyphen to a capitalised word before it: "Campbell-Savours".
bool capitalised_piece(const Scan& s, std::size_t k) {
    const Token& x = s.tk[k];
    return k > 0 && x.cap && x.has_letter && !x.has_digit && !x.all_caps &&
           x.joiner_before == '-' && !x.hard_before && s.tk[k - 1].cap &&
           x.block == s.tk[k - 1].block;
}

// The words of tokens [b, e]: a word is a token and the hyphenated pieces after it.
struct NameWords {
    static constexpr int kMax = 4;
    std::size_t first[kMax] = {}, last[kMax] = {};
    int n = 0;
    bool hyphenated = false;
    bool fits = true; ///< at most kMax words
};

NameWords name_words(const Scan& s, std::size_t b, std::size_t e) {
    NameWords w;
    for (std::size_t k = b; k <= e;) {
        if (w.n == NameWords::kMax) {
            w.fits = false;
            break;
        }
        std::size_t l = k;
        bool piece = false;
        // Pieces of a hyphenated name: "Gi-ho", and also "Lezcano-Casado".
        while (l + 1 <= e && (name_piece(s, l + 1) || capitalised_piece(s, l + 1))) {
            piece = piece || name_piece(s, l + 1);
            ++l;
        }
        w.first[w.n] = k;
        w.last[w.n] = l;
        w.hyphenated = w.hyphenated || piece;
        ++w.n;
        k = l + 1;
    }
    return w;
}

} // namespace

const EntityExtractor::WordInfo* EntityExtractor::word_info(const Scan& s, std::size_t k) const {
    return s.wid[k] == kUnknownWord ? nullptr : &words_.values()[s.wid[k]];
}

int EntityExtractor::given_syllables(const Scan& s, std::size_t b, std::size_t e,
                                     std::size_t origin) const {
    const auto& syl = lex_.name_origins[origin].syllables;
    int total = 0;
    for (std::size_t k = b; k <= e; ++k) {
        // A hyphenated piece is part of a given name whatever its spelling ("Sung-lac").
        if (k > b && name_piece(s, k))
            continue;
        // A common word is no given name, unless a hyphenated piece follows: "In-hwa", "Do-hyun".
        const bool before_piece = k + 1 <= e && name_piece(s, k + 1);
        if (((s.fl[k] & kCommonWord) && !before_piece) || s.tk[k].has_digit)
            return 0;
        const int c = syllable_count(s.tk[k].norm, syl);
        if (c == 0 || c > 3)
            return 0;
        total += c;
    }
    return total;
}

bool EntityExtractor::role_apposition(const Scan& s, std::size_t e) const {
    // "Jane Doe, a professor at ...", "Li Wei, the company's chief scientist".
    const auto& tk = s.tk;
    if (e + 2 >= s.n || !tk[e + 1].hard_before || tk[e + 1].block != tk[e].block)
        return false;
    if (s.gap(e + 1).find(',') == std::string_view::npos)
        return false;
    std::size_t k = e + 1;
    if (s.fl[k] & kArticleWord)
        ++k;
    return k < s.n && (s.fl[k] & kRoleWord) && !tk[k].cap;
}

double EntityExtractor::person_confidence(const Scan& s, std::size_t b, std::size_t e,
                                          bool title_cue, bool heading) const {
    const auto& tk = s.tk;
    const auto& fl = s.fl;
    const NameWords w = name_words(s, b, e);
    if (!w.fits || w.n < 2)
        return 0;
    for (int i = 0; i < w.n; ++i) {
        const std::size_t k = w.first[i];
        if ((fl[k] & kNameParticle) && !tk[k].cap && i != 0 && i != w.n - 1 && w.last[i] == k)
            continue;
        const bool initial = tk[k].end - tk[k].begin == 1 && tk[k].cap && i != w.n - 1;
        if (initial)
            continue;
        if (!tk[k].cap || !tk[k].has_letter || tk[k].has_digit)
            return 0;
        // "In-hwa": a function word may begin a hyphenated given name.
        const bool syllable_head = w.last[i] > k && (fl[k] & kNameSyllable);
        if (fl[k] & (kMonth | kWeekday | kNotPersonWord) || (fl[k] & kNotName && !syllable_head))
            return 0;
        // A title or role between names: "Lotte Chairman Shin Dong-bin" is no one's name.
        if (i > 0 && i + 1 < w.n && (fl[k] & (kPersonTitle | kRoleWord))) return 0;
        if (tk[k].all_caps && tk[k].end - tk[k].begin > 1)
            return 0;
    }
    if (tk[w.first[w.n - 1]].end - tk[w.first[w.n - 1]].begin < 2)
        return 0;
    // A name cut before a hyphenated piece it could not read ("Park Gee" of "Park Gee-xyz") is
    // no name; "Doe-led" and "Doe-backed" describe.
    if (e + 1 < s.n && tk[e + 1].joiner_before == '-' && !tk[e + 1].hard_before && !tk[e + 1].cap &&
        tk[e + 1].has_letter && tk[e + 1].block == tk[e].block && !tk[e + 1].norm.ends_with("ed"))
        return 0;
    const bool verb = (s.next_flags(e) & kReportingVerb) != 0;
    const bool cue = title_cue || verb || role_apposition(s, e);
    if (fl[b] & kGivenName)
        return cue ? 0.95 : heading ? 0.7 : 0.8;
    // Without a given name, a title or post in it says it is no one's name ("Surgeon General").
    for (int i = 0; i < w.n; ++i)
        if (fl[w.first[i]] & (kPersonTitle | kPosition | kRoleWord))
            return 0;

    double conf = 0;
    // Family name first: "Lee Jae-myung", "Xi Jinping", "Kim Gi-ho".
    if (const WordInfo* fam = word_info(s, b); fam && w.last[0] == b && w.n <= 3) {
        for (std::size_t o = 0; o < lex_.name_origins.size(); ++o) {
            const NameOrigin& origin = lex_.name_origins[o];
            const bool plain = fam->origins >> o & 1u, weak = fam->ambiguous_origins >> o & 1u;
            if (!origin.family_first || !(plain || (weak && (w.hyphenated || cue))))
                continue;
            if (origin.syllables.empty()) {
                if (cue)
                    conf = std::max(conf, 0.8);
                continue;
            }
            const int syl = given_syllables(s, w.first[1], e, o);
            // One short word of two syllables may be an English word ("Song Book" = bo+ok).
            const bool short_word =
                w.n == 2 && !w.hyphenated && tk[w.first[1]].end - tk[w.first[1]].begin <= 4;
            if ((syl >= 2 && !short_word) || (syl >= 1 && w.hyphenated))
                conf = std::max(conf, cue ? 0.9 : heading ? 0.75 : 0.85);
            else if (syl >= 1 && cue)
                conf = std::max(conf, 0.85);
            else if (syl == 1)
                conf = std::max(conf, !heading && !tk[b].sent_start ? 0.7 : 0.0);
        }
    }
    // A known family name last: "Zhuohan Li", "Sandhini Agarwal".
    const std::size_t last = w.first[w.n - 1];
    if (const WordInfo* fam = word_info(s, last); fam && w.last[w.n - 1] == last && w.n <= 3) {
        for (std::size_t o = 0; o < lex_.name_origins.size(); ++o) {
            const NameOrigin& origin = lex_.name_origins[o];
            const bool plain = fam->origins >> o & 1u, weak = fam->ambiguous_origins >> o & 1u;
            if (!(plain || (weak && cue)))
                continue;
            if (origin.syllables.empty()) {
                // Any given name, but a common word is no one's name.
                const bool plausible = w.last[0] == b && !(fl[b] & kCommonWord) &&
                                       tk[b].end - tk[b].begin >= 3 && !tk[b].all_caps;
                if (plausible)
                    conf = std::max(conf, cue ? 0.9 : heading ? 0.0 : 0.8);
                continue;
            }
            const int syl = given_syllables(s, b, w.last[0], o);
            if (syl >= 2)
                conf = std::max(conf, cue ? 0.9 : heading ? 0.7 : 0.8);
            else if (syl == 1 && cue)
                conf = std::max(conf, 0.8);
        }
    }
    if (conf > 0)
        return conf;
    if (title_cue && w.n <= 3)
        return 0.75;
    if (cue && w.n <= 3 && (!tk[b].sent_start || verb))
        return 0.65;
    return 0;
}

std::size_t EntityExtractor::peerage_name(const Scan& s, std::size_t b) const {
    // "Baroness Kidron", "Lord Browne of Ladyton", "Lord Bishop of Leeds": the style is part of
    // the name, and so is a territorial designation, even when it names a known place.
    const auto& tk = s.tk;
    const auto& fl = s.fl;
    if (!(fl[b] & kPeerage) || !tk[b].cap)
        return 0;
    std::size_t k = b;
    while (k + 1 < s.n && s.same_run(k, k + 1) && (fl[k + 1] & kPeerage) && tk[k + 1].cap)
        ++k;
    std::size_t end = k;
    const bool see = k > b; // "Lord Bishop": a see follows, not a name
    if (!see) {
        if (!(k + 1 < s.n && s.same_run(k, k + 1)))
            return 0;
        const std::size_t m = k + 1;
        if (!tk[m].cap || !tk[m].has_letter || tk[m].has_digit || tk[m].all_caps ||
            (fl[m] & (kPersonTitle | kRoleWord | kNotName | kNotPersonWord | kFunctionWord |
                      kMonth | kWeekday)))
            return 0;
        end = m;
        while (end + 1 < s.n && capitalised_piece(s, end + 1))
            ++end;
    }
    // "of" and one to three capitalised words.
    if (end + 2 < s.n && s.same_run(end, end + 1) && (fl[end + 1] & kOf) && !tk[end + 1].cap &&
        s.same_run(end + 1, end + 2) && tk[end + 2].cap) {
        std::size_t p = end + 2;
        while (p + 1 < s.n && p < end + 4 && s.same_run(p, p + 1) && tk[p + 1].cap &&
               !(fl[p + 1] & kPostNominal))
            ++p;
        end = p;
    } else if (see) {
        return 0;
    }
    return end - b + 1;
}

void EntityExtractor::discover_people_in_run(Scan& s, std::size_t f, std::size_t j,
                                             bool heading) const {
    const auto& tk = s.tk;
    const auto& fl = s.fl;
    // "in" of "Jae-in" is a piece of a given name, not a connector.
    auto connector = [&](std::size_t k) {
        return !tk[k].cap && (fl[k] & kConnector) && !name_piece(s, k);
    };
    std::size_t part = f;
    while (part <= j) {
        if (std::size_t len = peerage_name(s, part); len && !heading) {
            const std::size_t e = part + len - 1;
            for (std::size_t k = part; k <= e; ++k)
                if (s.cand_at[k] >= 0)
                    s.release(s.cand_at[k]);
            add_pattern(s, part, e, "person", s.surface(part, e), 0.85, "person:peerage");
            if (e >= j)
                return;
            part = e + 1;
            while (part <= j && connector(part))
                ++part;
            continue;
        }
        std::size_t e = part;
        while (e + 1 <= j && !connector(e + 1))
            ++e;
        std::size_t ps = part;
        bool title_cue = (s.prev_flags(ps) & kPersonTitle) != 0;
        while (ps <= e && (fl[ps] & kPersonTitle) && !(fl[ps] & kPeerage && peerage_name(s, ps))) {
            title_cue = true;
            ++ps;
        }
        // Post-nominals are not part of the name: "Jane Doe MP", "John Roe Jr".
        std::size_t pe = e;
        while (pe > ps && (fl[pe] & kPostNominal) && (tk[pe].all_caps || tk[pe].norm.size() <= 3))
            --pe;
        if (ps <= pe) {
            double conf = person_confidence(s, ps, pe, title_cue, heading);
            std::size_t b = ps;
            // A title phrase before the name: "National Security Adviser Wi Sung-lac".
            // Only a name that stands on its own: "Multi-Head Latent Attention" has none.
            if (conf == 0)
                for (std::size_t k = pe; k > ps; --k)
                    if ((fl[k - 1] & (kPersonTitle | kRoleWord)) && tk[k - 1].cap) {
                        if (person_confidence(s, k, pe, false, heading) > 0) {
                            conf = person_confidence(s, k, pe, true, heading);
                            b = k;
                        }
                        break;
                    }
            if (conf > 0)
                add_pattern(s, b, pe, "person", s.surface(b, pe), conf, "person:name");
        }
        part = e + 1;
        while (part <= j && connector(part))
            ++part;
    }
}

void EntityExtractor::discover_person_lists(Scan& s) const {
    // In a list of names most of which are people ("Zoran M., Zhuohan Li, Zhiqing Sun, ..."), an
    // item shaped like a name is a person too, even with a first name no list has.
    const auto& tk = s.tk;
    const auto& fl = s.fl;
    struct Item {
        std::size_t first, last;
        bool person;
    };
    std::vector<Item> items;
    auto flush = [&]() {
        std::size_t people = 0;
        for (const auto& it : items)
            people += it.person;
        if (items.size() >= 4 && people >= 3 && people * 2 >= items.size())
            for (const auto& it : items) {
                if (it.person)
                    continue;
                std::size_t words = 0;
                bool ok = tk[it.last].end - tk[it.last].begin >= 2;
                for (std::size_t k = it.first; k <= it.last && ok; ++k) {
                    words += !name_piece(s, k);
                    if (tk[k].has_digit || (fl[k] & (kOrgSuffix | kMonth | kWeekday)))
                        ok = false;
                    // A known place may start a name ("Jordan ..."); anything else known stays
                    // what it is.
                    if (s.cand_at[k] >= 0) {
                        const Cand& c = s.cands[static_cast<std::size_t>(s.cand_at[k])];
                        if (c.pattern || c.entries.empty() ||
                            !is_type(c.entries.front(), kLocation) || c.first != it.first ||
                            c.last == it.last)
                            ok = false;
                    }
                }
                if (!ok || words < 2 || words > 4)
                    continue;
                // Parenthesised words ("Lily (Xiaoxuan) Liu") are not part of the name.
                const std::string& text = s.a.blocks[tk[it.first].block].text;
                std::string name;
                int depth = 0;
                for (std::size_t i = tk[it.first].begin; i < tk[it.last].end; ++i) {
                    if (text[i] == '(')
                        ++depth;
                    else if (text[i] == ')')
                        depth = std::max(0, depth - 1);
                    else if (depth == 0)
                        name += text[i];
                }
                for (std::size_t k = it.first; k <= it.last; ++k)
                    if (s.cand_at[k] >= 0)
                        s.release(s.cand_at[k]);
                add_pattern(s, it.first, it.last, "person", name, 0.7, "person:list");
            }
        items.clear();
    };
    // An item without the titles before a name and the post-nominals after it ("Dr Jane Doe
    // MP"); a person if a person found so far lies in it.
    auto push_item = [&](std::size_t b, std::size_t e) {
        while (b < e && (fl[b] & kPersonTitle) && !(fl[b] & kPeerage))
            ++b;
        while (e > b && (fl[e] & kPostNominal) && tk[e].all_caps)
            --e;
        bool person = false;
        for (std::size_t i = b; i <= e; ++i)
            if (s.cand_at[i] >= 0 &&
                type_of(s.cands[static_cast<std::size_t>(s.cand_at[i])]) == kPerson)
                person = true;
        items.push_back({b, e, person});
    };
    // A list has four items at least: a block with fewer than three commas has none.
    std::vector<char> listy(s.a.blocks.size(), 0);
    for (std::size_t b = 0; b < s.a.blocks.size(); ++b) {
        const std::string& text = s.a.blocks[b].text;
        std::size_t commas = 0;
        for (std::size_t at = text.find(','); at != std::string::npos && commas < 3;
             at = text.find(',', at + 1))
            ++commas;
        listy[b] = commas >= 3;
    }
    std::size_t k = 0;
    while (k < s.n) {
        if (!listy[tk[k].block]) {
            flush();
            const std::uint32_t block = tk[k].block;
            while (k < s.n && tk[k].block == block)
                ++k;
            continue;
        }
        // One item: from a name word to the next separator.
        const std::size_t b = k;
        bool name_like =
            tk[b].cap && tk[b].has_letter && !tk[b].has_digit && !(fl[b] & kFunctionWord);
        std::size_t e = b;
        while (e + 1 < s.n && tk[e + 1].block == tk[b].block) {
            // Separators are hard gaps; a soft one (space, hyphen) never is.
            if (tk[e + 1].hard_before) {
                const std::string_view gap = s.gap(e + 1);
                if (gap.find_first_of(",;") != std::string_view::npos)
                    break;
                // A sentence end, but not the dot of an initial ("Rahul K. Arora").
                if (gap.find_first_of(".!?") != std::string_view::npos &&
                    !(tk[e].cap && tk[e].end - tk[e].begin == 1))
                    break;
            }
            if ((fl[e + 1] & kAnd) && !tk[e + 1].cap)
                break;
            const Token& x = tk[e + 1];
            const bool fits = (x.cap && x.has_letter) || name_piece(s, e + 1) ||
                              ((fl[e + 1] & kNameParticle) && !x.cap);
            if (!fits)
                name_like = false;
            ++e;
        }
        if (e - b > 5)
            name_like = false;
        if (!name_like) {
            flush();
        } else {
            push_item(b, e);
        }
        // Past the separator ("," or "and") to the next item; a block ends the list.
        k = e + 1;
        if (k < s.n && tk[k].block != tk[b].block)
            flush();
        while (k < s.n && (fl[k] & kAnd) && !tk[k].cap)
            ++k;
    }
    flush();

    // A list one name a line (list items, signatory lines): each block opens with a name, alone
    // or followed by a role ("Jane Doe, Professor of Law, ...").
    std::size_t first = 0;
    while (first < s.n) {
        const std::uint32_t block = tk[first].block;
        std::size_t next = first;
        while (next < s.n && tk[next].block == block)
            ++next;
        std::size_t e = first;
        bool name_like = s.a.blocks[block].kind == Block::Kind::Paragraph && tk[first].cap &&
                         tk[first].has_letter && !tk[first].has_digit &&
                         !(fl[first] & kFunctionWord);
        while (name_like && e + 1 < next) {
            if (tk[e + 1].hard_before &&
                s.gap(e + 1).find_first_not_of(" ") != std::string_view::npos)
                break; // a separator ends the name
            const Token& x = tk[e + 1];
            if (!((x.cap && x.has_letter) || name_piece(s, e + 1) ||
                  ((fl[e + 1] & kNameParticle) && !x.cap)))
                name_like = false;
            ++e;
        }
        if (name_like && e - first <= 6)
            push_item(first, e);
        else
            flush();
        first = next;
    }
    flush();
}

} // namespace polgraph
