// Phase 3 of entity extraction: resolution. Short forms take the entity of a name given in
// full (surnames, acronyms defined in the text), ambiguous gazetteer names are decided by
// context, and the surviving candidates become mentions and per-entity records.
#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <set>

#include "core/util/text.hpp"
#include "extractors/entity_extractor.hpp"
#include "extractors/entity_scan.hpp"

namespace polgraph {

using namespace detail;

bool EntityExtractor::vouched(const Scan& s, std::uint32_t e) const {
    for (const auto& id : vouchers_[e])
        if (s.strong_ids.count(id) || s.implied_ids.count(id))
            return true;
    return false;
}

bool EntityExtractor::in_org_list(
    const Scan& s, const Cand& c,
    const std::vector<std::reference_wrapper<const Cand>>& near) const {
    // "partners like AI Sweden, Orange, and Snowflake": two organisations named plainly next to
    // it in one list. Neighbours are the nearest candidates, across a comma or an "and"/"or".
    const auto& tk = s.tk;
    auto org = [&](const Cand& o) {
        if (o.ambiguous || o.dropped || tk[o.first].sentence != tk[c.first].sentence)
            return false;
        return o.pattern ? o.type == "organization"
                         : !o.entries.empty() && is_type(o.entries.front(), kOrganization);
    };
    auto listed = [&](std::size_t l, std::size_t r) { // tokens l < r: the end and start of items
        bool sep = false;
        for (std::size_t k = l + 1; k <= r; ++k) {
            if (s.gap(k).find(',') != std::string_view::npos)
                sep = true;
            if (k == r)
                break;
            if (!(s.fl[k] & kAnd) && tk[k].norm != "or")
                return false;
            sep = true;
        }
        return sep && r - l <= 3;
    };
    auto neighbour = [&](std::size_t first, std::size_t last, bool left) -> const Cand* {
        const Cand* best = nullptr;
        for (const Cand& o : near) {
            if (&o == &c || !org(o))
                continue;
            if (left && o.last < first && first - o.last <= 3 && (!best || o.last > best->last))
                best = &o;
            if (!left && o.first > last && o.first - last <= 3 && (!best || o.first < best->first))
                best = &o;
        }
        if (best && !(left ? listed(best->last, first) : listed(last, best->first)))
            best = nullptr;
        return best;
    };
    const Cand* l = neighbour(c.first, c.last, true);
    const Cand* r = neighbour(c.first, c.last, false);
    if (l && r)
        return true;
    if (l)
        return neighbour(l->first, l->last, true) != nullptr;
    if (r)
        return neighbour(r->first, r->last, false) != nullptr;
    return false;
}

bool EntityExtractor::posted_on_platform(const Scan& s, const Cand& c, std::uint32_t e) const {
    // "posted photos on X", "wrote in a thread on X": an online platform the text says one
    // posts on.
    const auto& tk = s.tk;
    if (c.first < 2 || !(s.fl[c.first - 1] & kOn) || tk[c.first - 1].cap ||
        tk[c.first - 1].sentence != tk[c.first].sentence)
        return false;
    const auto kind = gaz_.entry(e).attrs.find("kind");
    if (kind == gaz_.entry(e).attrs.end() || kind->second != "platform") return false;
    for (std::size_t b = c.first - 1, steps = 0; b-- > 0 && steps < 6; ++steps) {
        if (tk[b].sentence != tk[c.first].sentence) return false;
        if (s.fl[b] & kPostWord) return true;
    }
    return false;
}

bool EntityExtractor::cited_outlet(const Scan& s, const Cand& c, std::uint32_t e) const {
    // A news outlet cited as a source: "Variety reports", "Deadline first reported", "according
    // to Variety", "told Variety". Words that are also common words open many sentences
    // ("Science says ..."): there only "reports"/"reported"/"wrote" count after the name.
    const auto kind = gaz_.entry(e).attrs.find("kind");
    if (kind == gaz_.entry(e).attrs.end() || kind->second != "media") return false;
    const auto& tk = s.tk;
    const std::size_t sentence = tk[c.first].sentence;
    auto same = [&](std::size_t k) { return k < s.n && tk[k].sentence == sentence; };
    std::size_t after = c.last + 1;
    if (same(after) && tk[after].norm == "first") ++after;
    if (same(after) && (s.fl[after] & kOutletVerb)) {
        const std::string_view verb = tk[after].norm;
        if (!tk[c.first].sent_start || verb == "reports" || verb == "reported" || verb == "wrote")
            return true;
    }
    if (c.first >= 1 && same(c.first - 1) && (s.fl[c.first - 1] & kTold)) return true;
    return c.first >= 2 && same(c.first - 2) && tk[c.first - 1].norm == "to" &&
           (s.fl[c.first - 2] & kAccording);
}

namespace {

// Whether the capitals at k, written "(GPAI)", abbreviate the lower-case words just before them
// ("general-purpose artificial intelligence (GPAI)", "general-purpose AI (GPAI)").
bool defines_description(const Scan& s, std::size_t k) {
    const auto& tk = s.tk;
    if (k == 0 || tk[k - 1].block != tk[k].block || trim(s.gap(k)) != "(") return false;
    const std::string_view letters = s.text(k);
    std::size_t need = letters.size();
    bool lower = false;
    for (std::size_t j = k; j-- > 0 && need > 0 && j + 2 * letters.size() + 2 > k;) {
        if (tk[j].block != tk[k].block || tk[j].sentence != tk[k].sentence) return false;
        const std::string_view w = s.text(j);
        if (tk[j].all_caps && w.size() <= need && w == letters.substr(need - w.size(), w.size())) {
            need -= w.size();
        } else if (!tk[j].cap && !w.empty() && tk[j].has_letter &&
                   std::tolower(static_cast<unsigned char>(w[0])) ==
                       std::tolower(static_cast<unsigned char>(letters[need - 1]))) {
            --need;
            lower = true;
        } else if (!(s.fl[j] & (kConnector | kFunctionWord))) {
            return false;
        }
    }
    return need == 0 && lower;
}

} // namespace

void EntityExtractor::drop_redefined_acronyms(Scan& s) const {
    // An acronym the article defines as a description of its own is not the body the gazetteer
    // knows under it ("general-purpose AI (GPAI)" is no Global Partnership on AI), unless the
    // article also names that body in full.
    const auto& tk = s.tk;
    std::set<std::string_view> described;
    for (std::size_t k = 0; k < s.n; ++k)
        if (tk[k].all_caps && tk[k].has_letter && !tk[k].has_digit && defines_description(s, k))
            described.insert(s.text(k));
    if (described.empty()) return;
    std::set<std::uint32_t> in_full;
    for (const Cand& c : s.cands)
        if (!c.pattern && !c.dropped && c.last > c.first)
            in_full.insert(c.entries.begin(), c.entries.end());
    for (Cand& c : s.cands)
        if (!c.pattern && !c.dropped && c.first == c.last && described.count(s.text(c.first)) &&
            std::none_of(c.entries.begin(), c.entries.end(),
                         [&](std::uint32_t e) { return in_full.count(e) > 0; })) {
            if (!c.ambiguous) s.release(static_cast<long>(&c - s.cands.data()));
            c.dropped = true;
        }
}

void EntityExtractor::propagate_short_forms(Scan& s) const {
    const auto& tk = s.tk;
    const std::size_t n = s.n;
    auto& cands = s.cands;
    auto& strong_cov = s.strong_cov;
    const auto& a = s.a;
    // Acronyms defined in the text: "European Union (EU)".
    std::map<std::string, std::size_t, std::less<>> acronym_of; // exact text -> cand index
    for (std::size_t c = 0; c < cands.size(); ++c) {
        const Cand& m = cands[c];
        if (m.ambiguous)
            continue;
        std::size_t k = m.last + 1;
        if (k >= n || tk[k].block != tk[m.last].block)
            continue;
        const std::string& text = a.blocks[tk[k].block].text;
        std::string_view gap(text.data() + tk[m.last].end, tk[k].begin - tk[m.last].end);
        if (trim(gap) != "(" || k + 1 >= n || tk[k + 1].block != tk[k].block)
            continue;
        std::string_view after(text.data() + tk[k].end,
                               (tk[k + 1].block == tk[k].block ? tk[k + 1].begin : text.size()) -
                                   tk[k].end);
        if (after.empty() || trim(after)[0] != ')')
            continue;
        if (!tk[k].all_caps || tk[k].norm.size() > 10)
            continue;
        acronym_of.emplace(text.substr(tk[k].begin, tk[k].end - tk[k].begin), c);
    }
    // The initials of a name the rules found, used alone elsewhere in the article, even when
    // the text never puts them side by side ("U.S. Trade and Development Agency" ... "USTDA").
    std::map<std::string, std::size_t, std::less<>> initials_of; // initials -> cand ("" if two)
    for (std::size_t c = 0; c < cands.size(); ++c) {
        const Cand& m = cands[c];
        if (m.ambiguous || m.dropped || !m.pattern ||
            (m.type != "organization" && m.type != "policy"))
            continue;
        std::string initials;
        for (std::size_t k = m.first; k <= m.last; ++k)
            if (!(s.fl[k] & (kConnector | kFunctionWord)) && tk[k].has_letter) {
                const std::string_view w = s.text(k);
                initials += static_cast<char>(std::toupper(static_cast<unsigned char>(w[0])));
            }
        if (initials.size() < 3)
            continue;
        auto [it, fresh] = initials_of.emplace(initials, c);
        // Two bodies with these initials: none of them (a third one finds the mark already set).
        if (!fresh && it->second != static_cast<std::size_t>(-1) && cands[it->second].id != m.id)
            it->second = static_cast<std::size_t>(-1);
    }
    {
        std::vector<Cand> extra;
        // Acronyms and initials are written in capitals: only those tokens are looked up.
        const bool any = !acronym_of.empty() || !initials_of.empty();
        for (std::size_t i = 0; i < n && any; ++i) {
            if (strong_cov[i] || !tk[i].all_caps)
                continue;
            const std::string_view text = std::string_view(a.blocks[tk[i].block].text)
                                              .substr(tk[i].begin, tk[i].end - tk[i].begin);
            std::size_t src = static_cast<std::size_t>(-1);
            if (auto it = acronym_of.find(text); it != acronym_of.end())
                src = it->second;
            else if (auto in = initials_of.find(text);
                     in != initials_of.end() && tk[i].all_caps &&
                     !(s.fl[i] & (kNotName | kFunctionWord | kOrgSuffix | kCommonWord)))
                src = in->second;
            if (src == static_cast<std::size_t>(-1))
                continue;
            Cand c = cands[src];
            c.first = c.last = i;
            c.ambiguous = false;
            extra.push_back(std::move(c));
            strong_cov[i] = 1;
        }
        for (auto& c : extra)
            cands.push_back(std::move(c));
    }
}

void EntityExtractor::resolve_ambiguous(Scan& s) const {
    const auto& tk = s.tk;
    const std::size_t n = s.n;
    const auto& fl = s.fl;
    auto& cands = s.cands;
    auto& strong_cov = s.strong_cov;
    // ---- 3. Resolution of ambiguous gazetteer mentions.
    auto entity_id_of = [&](const Cand& c, std::uint32_t e) {
        return c.pattern ? c.id : gaz_.entry(e).id;
    };
    std::set<std::string>& strong_ids = s.strong_ids;
    for (const auto& c : cands) {
        if (c.ambiguous)
            continue;
        if (c.pattern)
            strong_ids.insert(entity_id_of(c, kNoEntry));
        else
            for (auto e : c.entries) {
                strong_ids.insert(gaz_.entry(e).id);
                // A law implies its jurisdiction: the EU AI Act's "Parliament" and "Council"
                // are the European Union's.
                if (is_type(e, kPolicy) && c.entries.size() == 1 && !c.dropped)
                    s.implied_ids.insert(vouchers_[e].begin(), vouchers_[e].end());
            }
    }
    // An organisation named in the article also vouches for its parents ("Google" for
    // "Google DeepMind", the developer of Gemini).
    // (vouchers_, computed once: see the constructor)
    auto context_named = [&](std::uint32_t e) { return vouched(s, e); };
    // Candidates by position, for the look-arounds below (linear, not quadratic, in the mentions
    // of a long article): those whose span reaches within `reach` tokens of [first, last].
    std::vector<std::size_t> by_first(cands.size());
    std::size_t longest = 0;
    for (std::size_t c = 0; c < cands.size(); ++c) {
        by_first[c] = c;
        longest = std::max(longest, cands[c].last - cands[c].first);
    }
    std::stable_sort(by_first.begin(), by_first.end(),
                     [&](std::size_t x, std::size_t y) { return cands[x].first < cands[y].first; });
    auto cands_near = [&](std::size_t first, std::size_t last, std::size_t reach) {
        std::vector<std::reference_wrapper<const Cand>> near;
        std::size_t from = first > reach + longest ? first - reach - longest : 0;
        auto it =
            std::lower_bound(by_first.begin(), by_first.end(), from,
                             [&](std::size_t c, std::size_t pos) { return cands[c].first < pos; });
        for (; it != by_first.end() && cands[*it].first <= last + reach; ++it)
            near.push_back(std::cref(cands[*it]));
        return near;
    };
    // First words of the organisations the article names: "Ross" beside "Ross Intelligence" is
    // that company's short name, not a person of that family name.
    std::set<std::string_view> org_firsts;
    for (const auto& c : cands)
        if (!c.ambiguous && !c.dropped && type_of(c) == kOrganization && c.last > c.first)
            org_firsts.insert(tk[c.first].norm);
    for (auto& c : cands) {
        if (!c.ambiguous)
            continue;
        if (c.first == c.last && org_firsts.count(tk[c.first].norm) &&
            std::all_of(c.entries.begin(), c.entries.end(),
                        [&](std::uint32_t e) { return is_type(e, kPerson); })) {
            c.dropped = true;
            continue;
        }
        // Overlapping a discovered name: the longer name wins ("Jordan Peterson").
        bool overlap = false;
        for (std::size_t k = c.first; k <= c.last; ++k)
            if (strong_cov[k])
                overlap = true;
        // Part of a longer capitalised name no rule knows ("Claude Shannon").
        if (c.first == c.last && c.last + 1 < n && s.same_run(c.last, c.last + 1) &&
            tk[c.last + 1].cap && tk[c.last + 1].has_letter && !tk[c.last + 1].has_digit &&
            (!(fl[c.last + 1] & kNotName) || (c.last + 2 < n && name_piece(s, c.last + 2))))
            overlap = true; // ... or a hyphenated given name: "Chang Do-hyun"
        if (overlap) {
            c.dropped = true;
            continue;
        }
        std::vector<std::uint32_t> keep;
        for (auto e : c.entries)
            if (strong_ids.count(gaz_.entry(e).id))
                keep.push_back(e);
        if (keep.empty())
            for (auto e : c.entries)
                if (context_named(e))
                    keep.push_back(e);
        if (keep.size() != 1 && c.first == c.last &&
            std::all_of(c.entries.begin(), c.entries.end(),
                        [&](std::uint32_t e) { return is_type(e, kPerson); })) {
            // "Governor Newsom", "President Trump": a title, or one far more prominent person,
            // among those the article confirms, else among all of that name.
            std::uint32_t e = pick_person(s, c.first, keep.empty() ? c.entries : keep);
            keep.clear();
            if (e != kNoEntry)
                keep.push_back(e);
        }
        if (keep.empty()) {
            // Local cues: "DeepSeek's R1", "the Gemini model", "startup Scale".
            for (auto e : c.entries) {
                const std::uint8_t type = entry_type_[e];
                const std::uint64_t before = s.prev_flags(c.first), after = s.next_flags(c.last);
                bool org_poss = c.first > 0 && tk[c.first - 1].possessive &&
                                tk[c.first - 1].block == tk[c.first].block;
                // In a list of models: "chatbots like ChatGPT, Claude, or Poke",
                // "models like Llama, Mistral, DBRX, Qwen".
                bool in_model_list = false;
                if (type == kModel) {
                    for (std::size_t b = c.first, steps = 0; b-- > 0 && steps < 10; ++steps) {
                        if (tk[b].sentence != tk[c.first].sentence)
                            break;
                        if (fl[b] & (kModelContext | kChatbots))
                            in_model_list = true;
                    }
                    for (const Cand& o : cands_near(c.first, c.last, 4))
                        if (!o.ambiguous && !o.dropped && !o.pattern && !o.entries.empty() &&
                            is_type(o.entries.front(), kModel) &&
                            tk[o.first].sentence == tk[c.first].sentence &&
                            (o.last + 4 >= c.first && o.first <= c.last + 4))
                            in_model_list = true;
                }
                if (type == kOrganization && in_org_list(s, c, cands_near(c.first, c.last, 12)))
                    keep.push_back(e);
                else if (type == kOrganization && posted_on_platform(s, c, e)) keep.push_back(e);
                else if (type == kOrganization && cited_outlet(s, c, e)) keep.push_back(e);
                else if (type == kModel && (org_poss || (after & kModelContext) ||
                                            (before & kModelContext) || in_model_list))
                    keep.push_back(e);
                else if (type == kOrganization &&
                         ((after & kOrgContextAfter) ||
                          ((before & kOrgContextBefore) && c.first > 0 && !tk[c.first - 1].cap)))
                    keep.push_back(e);
            }
        }
        if (keep.size() != 1) {
            c.dropped = true; // unresolved or still ambiguous: precision first
            continue;
        }
        c.entries = keep;
    }
}

EntityResult EntityExtractor::aggregate(Scan& s) const {
    const auto& tk = s.tk;
    const auto& a = s.a;
    auto& cands = s.cands;
    // ---- 4. Mentions and per-entity aggregation.
    EntityResult r;
    std::sort(cands.begin(), cands.end(),
              [](const Cand& x, const Cand& y) { return x.first < y.first; });
    std::map<std::string, EntityRecord> agg;
    for (const auto& c : cands) {
        if (c.dropped)
            continue;
        if (never_form(s, c.first, c.last))
            continue; // forms resolution made (a short form, a variant); the others never were
        if (!c.pattern && c.entries.size() != 1) {
            // The same unambiguous form listed for several entries: keep the one the article
            // confirms, else leave it out.
            std::vector<std::uint32_t> k;
            for (auto e : c.entries)
                if (vouched(s, e))
                    k.push_back(e);
            if (k.size() != 1)
                continue;
            const_cast<Cand&>(c).entries = k;
        }
        Mention m;
        m.first = c.first;
        m.last = c.last;
        m.rule = c.rule;
        if (!c.pattern)
            m.entry = c.entries.front();
        if (c.pattern) {
            m.type = c.type;
            m.name = c.name;
            m.id = c.id;
            m.source = "pattern";
            m.confidence = c.confidence;
        } else {
            const auto& e = gaz_.entry(c.entries.front());
            m.type = e.type;
            m.name = e.name;
            m.id = e.id;
        }
        auto [it, fresh] = agg.try_emplace(m.id);
        EntityRecord& er = it->second;
        if (fresh) {
            er.id = m.id;
            er.type = m.type;
            er.name = m.name;
            er.source = m.source;
            er.confidence = m.confidence;
            if (!c.pattern)
                er.attrs = gaz_.entry(c.entries.front()).attrs;
        }
        if (m.source == "gazetteer")
            er.source = "gazetteer", er.confidence = 1.0;
        er.confidence = std::max(er.confidence, m.confidence);
        er.count += 1;
        std::string form = collapse_spaces(s.surface(c.first, c.last));
        if (std::find(er.forms.begin(), er.forms.end(), form) == er.forms.end())
            er.forms.push_back(form);
        er.sentences.push_back(tk[c.first].sentence);
        auto kind = s.block_kind(c.first);
        if (kind == Block::Kind::Title || kind == Block::Kind::Subtitle ||
            kind == Block::Kind::Description)
            er.in_lead = true;
        r.mentions.push_back(std::move(m));
    }
    // The first paragraph is part of the lead too.
    for (std::size_t b = 0; b < a.blocks.size(); ++b)
        if (a.blocks[b].kind == Block::Kind::Paragraph) {
            for (const auto& m : r.mentions)
                if (tk[m.first].block == b)
                    agg[m.id].in_lead = true;
            break;
        }
    for (auto& [id, e] : agg)
        r.entities.push_back(std::move(e));
    return r;
}

} // namespace polgraph
