// Phase 4 of entity extraction: relations stated in one sentence (affiliated_with, develops,
// jurisdiction), each with its sentence as evidence.
#include <algorithm>

#include "core/util/text.hpp"
#include "extractors/entity_extractor.hpp"
#include "extractors/entity_scan.hpp"

namespace polgraph {

using namespace detail;

namespace {

std::string sentence_text(const Article& a, const Tokenized& t, std::uint32_t sentence,
                          std::size_t near) {
    std::size_t f = near, l = near;
    while (f > 0 && t.tokens[f - 1].sentence == sentence)
        --f;
    while (l + 1 < t.tokens.size() && t.tokens[l + 1].sentence == sentence)
        ++l;
    const std::string& text = a.blocks[t.tokens[f].block].text;
    std::size_t begin = t.tokens[f].begin;
    std::size_t end = t.tokens[l].end;
    while (end < text.size() && end < t.tokens[l].end + 3 &&
           (text[end] == '.' || text[end] == '!' || text[end] == '?' || text[end] == '"' ||
            text[end] == ')' || text[end] == '\''))
        ++end;
    std::string s = text.substr(begin, end - begin);
    if (s.size() > 600)
        s = s.substr(0, 600);
    return sanitize_utf8(s);
}

} // namespace

void EntityExtractor::add_relations(const Scan& s, EntityResult& r) const {
    add_affiliations(s, r);
    const auto& tk = s.tk;
    const std::size_t n = s.n;
    const auto& fl = s.fl;
    const auto& a = s.a;
    const auto& t = s.t;
    const auto& wid = s.wid;
    // ---- 5. Relations stated in one sentence.
    const auto& ms = r.mentions;
    auto between_ok = [&](std::size_t from, std::size_t to, auto pred) {
        // tokens (from, to) exclusive all satisfy pred, same sentence
        for (std::size_t k = from + 1; k < to; ++k)
            if (!pred(k))
                return false;
        return true;
    };
    auto add_rel = [&](const std::string& type, const Mention& s, const Mention& o,
                       std::size_t at) {
        r.relations.push_back(
            {type, s.id, o.id, tk[at].sentence, sentence_text(a, t, tk[at].sentence, at)});
    };
    std::vector<std::uint8_t> mt(ms.size()); // entity_types() index of each mention's type
    for (std::size_t x = 0; x < ms.size(); ++x)
        mt[x] = static_cast<std::uint8_t>(
            std::find(entity_types().begin(), entity_types().end(), ms[x].type) -
            entity_types().begin());
    // Every rule below links two mentions at most kRelationReach tokens apart: only those pairs
    // are tried (mentions are in text order), which keeps a long article linear.
    constexpr std::size_t kRelationReach = 8;
    std::size_t longest_mention = 0;
    for (const auto& m : ms)
        longest_mention = std::max(longest_mention, m.last - m.first);
    for (std::size_t x = 0, lo = 0; x < ms.size(); ++x) {
        while (ms[lo].first + longest_mention + kRelationReach < ms[x].first)
            ++lo;
        std::size_t hi = x;
        while (hi < ms.size() && ms[hi].first <= ms[x].last + kRelationReach)
            ++hi;
        for (std::size_t y = lo; y < hi; ++y) {
            if (x == y)
                continue;
            const Mention& p = ms[x];
            const Mention& o = ms[y];
            const std::uint8_t pt = mt[x], ot = mt[y];
            if (tk[p.first].sentence != tk[o.first].sentence)
                continue;
            // affiliated_with: person -> organization
            if (pt == kPerson && ot == kOrganization) {
                if (o.last < p.first && p.first - o.last <= 4 &&
                    between_ok(o.last, p.first,
                               [&](std::size_t z) { return (fl[z] & kRoleWord) != 0; }) &&
                    p.first - o.last >= 2) {
                    add_rel("affiliated_with", p, o, p.first);
                } else if (p.last < o.first && o.first - p.last <= 7 &&
                           tk[p.last + 1].hard_before) {
                    std::size_t k = p.last + 1;
                    if (fl[k] & kArticleWord)
                        ++k;
                    std::size_t roles = 0;
                    while (k < o.first && (fl[k] & kRoleWord))
                        ++k, ++roles;
                    bool linked = roles > 0 && k == o.first - 1 && (fl[k] & (kOf | kAt | kFor));
                    if (roles > 0 && linked)
                        add_rel("affiliated_with", p, o, p.first);
                    // "Dario Amodei, Anthropic's CEO"
                    else if (k == o.first && roles == 0 && tk[o.last].possessive &&
                             o.last + 1 < n && (fl[o.last + 1] & kRoleWord))
                        add_rel("affiliated_with", p, o, p.first);
                }
            }
            // develops: organization -> model
            if (pt == kOrganization && ot == kModel && p.last < o.first) {
                std::size_t gap = o.first - p.last - 1;
                if (tk[p.last].possessive && gap <= 2 &&
                    between_ok(p.last, o.first,
                               [&](std::size_t z) { return (fl[z] & kModelFiller) != 0; }))
                    add_rel("develops", p, o, o.first);
                else if (gap >= 1 && gap <= 4) {
                    bool verb = false, clean = true;
                    for (std::size_t k = p.last + 1; k < o.first; ++k) {
                        if (fl[k] & kReleaseVerb)
                            verb = true;
                        if (tk[k].cap && !tk[k].sent_start)
                            clean = false;
                    }
                    for (std::size_t z = lo; z < hi; ++z)
                        if (ms[z].first > p.last && ms[z].first < o.first)
                            clean = false;
                    if (verb && clean)
                        add_rel("develops", p, o, o.first);
                }
            }
            if (pt == kModel && ot == kOrganization && p.last < o.first && o.first - p.last <= 4) {
                bool by = false, clean = true;
                for (std::size_t k = p.last + 1; k < o.first; ++k) {
                    if (fl[k] & kByFrom)
                        by = true;
                    else if (!(fl[k] & kMadeVerb))
                        clean = false;
                }
                if (by && clean && tk[o.first].block == tk[p.first].block)
                    add_rel("develops", o, p, p.first);
            }
            // jurisdiction: policy -> location/organization, "California's SB 53", "U.S. export
            // controls" when written apart.
            if (pt == kPolicy && (ot == kLocation || ot == kOrganization) &&
                o.last + 1 == p.first && s.same_run(o.last, p.first) == false &&
                (tk[o.last].possessive || !tk[p.first].hard_before))
                add_rel("jurisdiction", p, o, p.first);
            else if (pt == kPolicy && (ot == kLocation || ot == kOrganization) &&
                     o.last + 1 == p.first && !tk[p.first].hard_before)
                add_rel("jurisdiction", p, o, p.first);
        }
    }
    // "U.S. export controls", "EU AI Act": the policy's own name states its jurisdiction, when
    // the jurisdiction is itself an entity of the article.
    for (const auto& m : ms) {
        if (m.type != "policy" || m.source != "gazetteer")
            continue;
        auto e = gaz_.find_id(m.id);
        if (!e)
            continue;
        auto jf = jurisdiction_forms_.find(*e);
        if (jf == jurisdiction_forms_.end())
            continue;
        for (const auto& [je, forms] : jf->second) {
            const auto& jur = gaz_.entry(je);
            if (std::none_of(r.entities.begin(), r.entities.end(),
                             [&](const EntityRecord& x) { return x.id == jur.id; }))
                continue;
            for (const auto& form : forms) {
                std::size_t k = 0;
                while (k < form.size() && m.first + k <= m.last && form[k] == wid[m.first + k])
                    ++k;
                if (k == form.size() && k > 0 && m.first + k <= m.last) {
                    Mention target;
                    target.id = jur.id;
                    add_rel("jurisdiction", m, target, m.first);
                    break;
                }
            }
        }
    }
}

void EntityExtractor::add_affiliations(const Scan& s, EntityResult& r) const {
    // Roles stated around a person's name: "Acme's head of policy Jane Doe" (a possessive
    // role), "Li Wei, a professor of physics at Fudan University" (an apposition), and the lines
    // of signatory and speaker lists: "Jane Doe, Professor of Law, University of X",
    // "Prof. Dr. Max Muster (Example University)", "Jane Doe, Acme Labs". The role becomes the
    // person's "role" attribute when no list gives one.
    const auto& tk = s.tk;
    const auto& fl = s.fl;
    const auto& ms = r.mentions;
    std::vector<long> at(s.n, -1); // first mention starting at a token
    for (std::size_t x = ms.size(); x-- > 0;)
        at[ms[x].first] = static_cast<long>(x);
    auto org_at = [&](std::size_t k) -> const Mention* {
        if (k < s.n && (fl[k] & kArticleWord) && !tk[k].cap)
            ++k;
        if (k >= s.n || at[k] < 0)
            return nullptr;
        const Mention& m = ms[static_cast<std::size_t>(at[k])];
        return m.type == "organization" ? &m : nullptr;
    };
    auto link = [&](const Mention& p, const Mention& o, const std::string& role) {
        r.relations.push_back({"affiliated_with", p.id, o.id, tk[p.first].sentence,
                               sentence_text(s.a, s.t, tk[p.first].sentence, p.first)});
        if (role.empty() || p.source != "pattern")
            return;
        for (auto& e : r.entities)
            if (e.id == p.id && !e.attrs.count("role"))
                e.attrs["role"] = role;
    };
    auto roleish = [&](std::size_t k) {
        return (fl[k] & (kRoleWord | kPersonTitle | kPosition)) != 0;
    };
    auto separates = [](std::string_view gap) {
        return gap.find_first_of(",;()") != std::string_view::npos ||
               gap.find("\xE2\x80\x93") != std::string_view::npos || // en dash
               gap.find("\xE2\x80\x94") != std::string_view::npos || // em dash
               gap.find(" - ") != std::string_view::npos;
    };
    for (std::size_t x = 0; x < ms.size(); ++x) {
        const Mention& p = ms[x];
        if (p.type != "person")
            continue;
        // Possessive role before the name.
        if (p.first >= 2) {
            std::size_t k = p.first - 1;
            std::size_t others = 0;
            bool role_last = roleish(k);
            while (k > 0 && p.first - k <= 7 && !tk[k].possessive &&
                   tk[k].sentence == tk[p.first].sentence &&
                   (roleish(k) || ((fl[k] & (kOf | kFor | kAnd)) && !tk[k].cap) || others++ < 2))
                --k;
            if (role_last && tk[k].possessive) {
                // the possessive token ends an organisation mention
                for (std::size_t y = x; y-- > 0;)
                    if (ms[y].last == k && ms[y].type == "organization") {
                        link(p, ms[y], s.surface(k + 1, p.first - 1));
                        break;
                    }
            }
        }
        // After the name: appositions and the segments of a people line.
        std::size_t k = p.last + 1;
        while (k < s.n && tk[k].block == tk[p.last].block && (fl[k] & kPostNominal) &&
               tk[k].all_caps && !tk[k].hard_before)
            ++k;
        if (k >= s.n || tk[k].block != tk[p.first].block || !separates(s.gap(k)))
            continue;
        const bool paren = s.gap(k).find('(') != std::string_view::npos;
        // The name opens its line (a list item, a signatory line): "Jane Doe, Acme Labs".
        bool line_start = true;
        for (std::size_t b = p.first; b-- > 0 && tk[b].block == tk[p.first].block;)
            if (!(fl[b] & (kPersonTitle | kPeerage)))
                line_start = false;
        bool role_seen = false;
        std::string role;
        for (int segment = 0; segment < 4 && k < s.n; ++segment) {
            if (tk[k].block != tk[p.first].block || tk[k].sentence != tk[p.first].sentence)
                break;
            std::size_t e = k;
            while (e + 1 < s.n && tk[e + 1].block == tk[k].block &&
                   tk[e + 1].sentence == tk[k].sentence && !separates(s.gap(e + 1)))
                ++e;
            if (const Mention* o = org_at(k); o && o->last <= e) {
                const bool item_ends = e + 1 >= s.n || tk[e + 1].block != tk[e].block ||
                                       tk[e + 1].sentence != tk[e].sentence ||
                                       s.gap(e + 1).find_first_of(";)") != std::string_view::npos;
                if (paren || role_seen || (segment == 0 && line_start && item_ends && o->last == e))
                    link(p, *o, role);
                break;
            }
            std::size_t r0 = k;
            if ((fl[r0] & kArticleWord) && !tk[r0].cap)
                ++r0;
            if (r0 > e || !roleish(r0))
                break;
            role_seen = true;
            bool done = false;
            for (std::size_t q = r0 + 1; q < e && !done; ++q)
                if ((fl[q] & (kOf | kAt | kFor)) && !tk[q].cap)
                    if (const Mention* o = org_at(q + 1); o && o->last <= e) {
                        link(p, *o, role.empty() ? s.surface(r0, q - 1) : role);
                        done = true;
                    }
            if (done)
                break;
            if (role.empty())
                role = s.surface(r0, e);
            k = e + 1;
        }
    }
}

} // namespace polgraph
