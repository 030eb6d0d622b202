// Phase 2 of entity extraction: discovery rules for names no list has (source "pattern"):
// models by family + version, parameter count or "called"; bill numbers and executive orders;
// capitalised runs (policies, organisations, people); organisations named by context.
#include <algorithm>

#include "core/util/text.hpp"
#include "extractors/entity_extractor.hpp"
#include "extractors/entity_scan.hpp"

namespace polgraph {

using namespace detail;

void EntityExtractor::discover_models(Scan& s) const {
    const auto& tk = s.tk;
    const std::size_t n = s.n;
    const auto& fl = s.fl;
    auto& cands = s.cands;
    auto& strong_cov = s.strong_cov;
    auto& cand_at = s.cand_at;
    auto is_model_cand = [&](long ci) {
        if (ci < 0)
            return false;
        const Cand& c = cands[static_cast<std::size_t>(ci)];
        if (c.pattern)
            return c.type == "model";
        return !c.entries.empty() && is_type(c.entries.front(), kModel);
    };

    // 2a. Models: a known family name followed by a version ("GPT-5.4 Thinking", "Qwen2.5-72B").
    for (std::size_t i = 0; i < n; ++i) {
        if (strong_cov[i] || !tk[i].has_letter)
            continue;
        std::string_view fam = tk[i].norm;
        while (!fam.empty() &&
               (std::isdigit(static_cast<unsigned char>(fam.back())) || fam.back() == '.'))
            fam.remove_suffix(1);
        if (fam.size() < 2)
            continue;
        std::uint64_t fam_flags = fl[i];
        if (fam.size() != tk[i].norm.size()) {
            const WordInfo* w = word(fam);
            fam_flags = w ? w->flags : 0;
        }
        if (!(fam_flags & kModelFamily) || (fam_flags & kModelFamilyExclude))
            continue;
        if (!tk[i].cap && !tk[i].all_caps && fam.size() > 2)
            continue;
        bool digit = tk[i].has_digit;
        std::size_t j = i;
        while (j + 1 < n && s.same_run(j, j + 1) &&
               (!strong_cov[j + 1] ||
                (glued(tk[j + 1]) && is_model_cand(cand_at[j + 1]) &&
                 cands[static_cast<std::size_t>(cand_at[j + 1])].first == j + 1 &&
                 cands[static_cast<std::size_t>(cand_at[j + 1])].last == j + 1 && digit))) {
            const Token& x = tk[j + 1];
            if (strong_cov[j + 1]) { // "GPT-5.3-Codex": the suffix is part of the version
                s.release(cand_at[j + 1]);
                ++j;
                continue;
            }
            bool version = x.has_digit && (x.norm.size() <= 6);
            bool word = (fl[j + 1] & kModelVersionWord) && (x.joiner_before != ' ' || x.cap);
            if (!(version || word))
                break;
            if (x.joiner_before == ' ' && x.has_digit && !digit && j == i && x.norm.size() > 4)
                break; // "GPT 2024" is a year
            digit = digit || x.has_digit;
            ++j;
        }
        if (!digit || (j == i && !tk[i].has_digit))
            continue;
        // A span the gazetteer already knows as an ambiguous short name is resolved there.
        // (Only the gazetteer's candidates can share the span: they are sorted by position.)
        if (s.gazetteer_span(i, j, [](const Cand&) { return true; })) continue;
        add_pattern(s, i, j, "model", s.surface(i, j), 0.85, "model:family-version");
        i = j;
    }

    // 2a'. Unknown model names with a parameter count ("HyperNova 60B", "Falcon 180B") or named
    // as one ("a new model called Muse Spark").
    auto is_size = [](const std::string& w) {
        std::size_t k = 0;
        while (k < w.size() && (std::isdigit(static_cast<unsigned char>(w[k])) || w[k] == 'x'))
            ++k;
        return k > 0 && k + 1 == w.size() && (w[k] == 'b' || w[k] == 'm' || w[k] == 't') &&
               std::isdigit(static_cast<unsigned char>(w[0]));
    };
    for (std::size_t i = 0; i + 1 < n; ++i) {
        if (strong_cov[i] || !tk[i].cap || !tk[i].has_letter ||
            (fl[i] & (kNotName | kModelFamilyExclude)))
            continue;
        std::size_t j = i;
        if (j + 1 < n && s.same_run(j, j + 1) && tk[j + 1].cap && !strong_cov[j + 1] &&
            !tk[j + 1].has_digit)
            ++j;
        if (!(j + 1 < n && s.same_run(j, j + 1) && !strong_cov[j + 1] && is_size(tk[j + 1].norm)))
            continue;
        std::size_t k = j + 1;
        while (k + 1 < n && s.same_run(k, k + 1) && !strong_cov[k + 1] &&
               (tk[k + 1].has_digit || (fl[k + 1] & kModelVersionWord)) &&
               tk[k + 1].norm.size() <= 8)
            ++k;
        add_pattern(s, i, k, "model", s.surface(i, k), 0.8, "model:parameter-count");
        i = k;
    }
    for (std::size_t i = 1; i + 1 < n; ++i) {
        if (!(fl[i] & kCalled))
            continue;
        std::size_t f = i + 1;
        if (strong_cov[f] || !tk[f].cap || tk[f].block != tk[i].block ||
            tk[f].sentence != tk[i].sentence)
            continue;
        std::size_t l = f;
        while (l + 1 < n && l < f + 2 && s.same_run(l, l + 1) &&
               (tk[l + 1].cap || tk[l + 1].has_digit) && !strong_cov[l + 1])
            ++l;
        std::string kind;
        for (std::size_t b = i; b-- > 0 && b + 4 > i;) {
            if (tk[b].sentence != tk[i].sentence)
                break;
            if (fl[b] & (kModelContext | kChatbot))
                kind = "model";
            else if (fl[b] & kOrgContextBefore)
                kind = "organization";
            if (!kind.empty())
                break;
        }
        if (!kind.empty())
            add_pattern(s, f, l, kind, s.surface(f, l), 0.7,
                        kind == "model" ? "model:called" : "organization:called");
    }
    // Organisations that go by their web domain ("Jengu.ai").
    for (std::size_t i = 0; i + 1 < n; ++i) {
        if (strong_cov[i] || !tk[i].cap || strong_cov[i + 1] || !s.same_run(i, i + 1))
            continue;
        if (tk[i + 1].joiner_before != '.' || !(fl[i + 1] & kTld) || tk[i + 1].cap)
            continue;
        add_pattern(s, i, i + 1, "organization", s.surface(i, i + 1), 0.7,
                    "organization:web-domain");
        ++i;
    }
}

void EntityExtractor::discover_bills(Scan& s) const {
    const auto& tk = s.tk;
    const std::size_t n = s.n;
    const auto& fl = s.fl;
    auto& strong_cov = s.strong_cov;
    const auto& a = s.a;
    // 2b. Bill numbers ("SB 53", "AB 2013") and numbered executive orders.
    for (std::size_t i = 0; i + 1 < n; ++i) {
        if (strong_cov[i])
            continue;
        if ((fl[i] & kBillPrefix) && tk[i].all_caps && s.same_run(i, i + 1) &&
            tk[i + 1].has_digit && !tk[i + 1].has_letter && !strong_cov[i + 1]) {
            std::string prefix =
                a.blocks[tk[i].block].text.substr(tk[i].begin, tk[i].end - tk[i].begin);
            std::string num =
                a.blocks[tk[i].block].text.substr(tk[i + 1].begin, tk[i + 1].end - tk[i + 1].begin);
            add_pattern(s, i, i + 1, "policy", prefix + " " + num, 0.8, "policy:bill-number");
            ++i;
            continue;
        }
        if ((fl[i] & kExecutive) && tk[i].cap && i + 2 < n && (fl[i + 1] & kOrder) &&
            s.same_run(i, i + 1)) {
            std::size_t k = i + 2;
            if ((fl[k] & kNo) && k + 1 < n)
                ++k;
            if (tk[k].has_digit && !tk[k].has_letter && tk[k].block == tk[i].block &&
                !tk[k].hard_before) {
                std::string num =
                    a.blocks[tk[k].block].text.substr(tk[k].begin, tk[k].end - tk[k].begin);
                add_pattern(s, i, k, "policy", "Executive Order " + num, 0.9,
                            "policy:executive-order");
                i = k;
            }
        }
    }
}

namespace {

// A word that reads like a verb form: "increasing", "maximize", "optimise".
bool verb_like(const std::string& w) {
    auto ends = [&](const char* suffix) {
        const std::size_t n = std::char_traits<char>::length(suffix);
        return w.size() > n + 2 && w.compare(w.size() - n, n, suffix) == 0;
    };
    return ends("ing") || ends("ize") || ends("ise") || ends("izes") || ends("ises");
}

} // namespace

bool EntityExtractor::holds_position(const Scan& s, std::size_t f, std::size_t j) const {
    // "Turing Chair in AI", "Professor of Machine Learning University": a post, not a body.
    // "Office of the Director of National Intelligence" names the office.
    for (std::size_t k = f; k <= j; ++k)
        if ((s.fl[k] & kPosition) && s.tk[k].cap && !(k > f && (s.fl[k - 1] & kArticleWord)))
            return true;
    return false;
}

std::size_t EntityExtractor::and_between_bodies(const Scan& s, std::size_t f, std::size_t j) const {
    // "Orvieto Holdings and Calloway Group": the word before "and" ends a body's name (a legal
    // form, "Holdings", "Institute"), not a field ("Computing and Robotics Lab"), and neither
    // half is a word alone or holds "of" ("Department of Energy and Climate Change").
    const auto& tk = s.tk;
    const auto& fl = s.fl;
    for (std::size_t k = f + 2; k + 2 <= j; ++k) {
        if (!(fl[k] & kAnd) || tk[k].cap || !tk[k + 1].cap) continue;
        const std::uint64_t end = fl[k - 1];
        const std::string_view w = tk[k - 1].norm;
        const bool body = (end & (kLegalSuffix | kOrgHeadWithOf)) || w == "group" ||
                          w == "holdings" || w == "labs" || w == "ventures" || w == "partners" ||
                          w == "capital";
        if (!body || (end & kWeakOrgSuffix) || !tk[k - 1].cap) return 0;
        for (std::size_t h = f; h < k; ++h)
            if (fl[h] & (kOf | kFor | kConnector) && !tk[h].cap) return 0;
        return k;
    }
    return 0;
}

std::size_t EntityExtractor::org_start_after_role(const Scan& s, std::size_t f,
                                                  std::size_t j) const {
    const auto& tk = s.tk;
    const auto& fl = s.fl;
    // "Shares of Kestrel Dynamics", "Employees of ...": what a body has, not part of its name.
    auto role = [&](std::size_t k) {
        return tk[k].cap && ((fl[k] & (kRoleWord | kPersonTitle)) ||
                             ((fl[k] & kOrgContextAfter) && !(fl[k] & kOrgHeadWithOf)));
    };
    if (!role(f)) return f;
    std::size_t k = f;
    while (k < j && role(k)) ++k;
    if (k >= j || !(fl[k] & (kOf | kFor)) || tk[k].cap)
        return f;
    std::size_t org = k + 1;
    if (org < j && (fl[org] & kArticleWord) && !tk[org].cap)
        ++org;
    for (std::size_t h = org + 1; h < j; ++h)
        if ((fl[h] & kOrgHeadWithOf) && (fl[h + 1] & (kOf | kFor)) && !tk[h + 1].cap)
            return h;
    return org;
}

void EntityExtractor::discover_capitalised(Scan& s) const {
    const auto& tk = s.tk;
    const std::size_t n = s.n;
    const auto& fl = s.fl;
    auto& cands = s.cands;
    auto& strong_cov = s.strong_cov;
    auto& cand_at = s.cand_at;
    // 2c. Capitalised runs: policies ("... Act"), organisations ("... Labs", "Ministry of ..."),
    // people ("Given Surname", "Senator X Y", "X Y said").
    auto connector = [&](std::size_t k) { return !tk[k].cap && (fl[k] & kConnector); };
    auto passable = [&](std::size_t k) { // a known place or organisation inside a longer name
        long ci = cand_at[k];
        if (ci < 0)
            return false;
        const Cand& c = cands[static_cast<std::size_t>(ci)];
        if (c.pattern || c.entries.empty())
            return false;
        return is_type(c.entries.front(), kLocation) || is_type(c.entries.front(), kOrganization);
    };
    auto named_plainly = [&](const Cand& g) { // an entry of g named by a form of its own
        return std::any_of(cands.begin(), cands.end(), [&](const Cand& o) {
            return !o.ambiguous && !o.dropped && !o.pattern &&
                   std::find_first_of(o.entries.begin(), o.entries.end(), g.entries.begin(),
                                      g.entries.end()) != o.entries.end();
        });
    };
    for (std::size_t i = 0; i < n; ++i) {
        if (strong_cov[i] || !tk[i].cap || !tk[i].has_letter)
            continue;
        if (fl[i] & kFunctionWord)
            continue; // "The", "In" never start a name
        // A name may run through a known place or organisation ("Joint California Policy Working
        // Group", "United Nations Security Council") when it ends like an organisation's name.
        {
            std::size_t s0 = i;
            // A person or product a body is named after starts its name ("Alan Turing
            // Institute"); the name inside is no mention of its own.
            bool after_person = false;
            if (i > 0 && s.same_run(i - 1, i) && cand_at[i - 1] >= 0) {
                const Cand& c = cands[static_cast<std::size_t>(cand_at[i - 1])];
                const std::uint8_t type = type_of(c);
                after_person =
                    !c.pattern && (type == kPerson || type == kModel || type == kProduct);
            }
            if (i > 0 && s.same_run(i - 1, i) && (passable(i - 1) || after_person)) {
                s0 = cands[static_cast<std::size_t>(cand_at[i - 1])].first;
            }
            std::size_t j = i;
            bool inner = s0 < i;
            auto cap_ok = [&](std::size_t k) {
                return tk[k].cap && (!strong_cov[k] || passable(k));
            };
            while (j + 1 < n && s.same_run(j, j + 1)) {
                if (cap_ok(j + 1)) {
                    if (strong_cov[j + 1])
                        inner = true;
                    ++j;
                } else if ((fl[j + 1] & (kOf | kFor)) && !tk[j + 1].cap && j + 2 < n &&
                           s.same_run(j + 1, j + 2) && cap_ok(j + 2)) {
                    j += 1;
                } else {
                    break;
                }
            }
            // "Bank of Canada": an organisation head, "of", and a known place.
            bool head_of = s0 == i && j > i + 1 && (fl[i] & kOrgHeadWithOf) &&
                           (fl[i + 1] & (kOf | kFor)) && inner && !tk[i].sent_start;
            if (after_person && (head_of || (fl[j] & kWeakOrgSuffix)))
                inner = false;
            if (inner && j > s0 && !holds_position(s, s0, j) &&
                (head_of || (!strong_cov[j] && (fl[j] & kOrgSuffix) &&
                             (!(fl[j] & kWeakOrgSuffix) || j - s0 >= 3))) &&
                s.block_kind(i) != Block::Kind::Heading && s.block_kind(i) != Block::Kind::Title) {
                for (std::size_t k = s0; k <= j; ++k)
                    if (cand_at[k] >= 0)
                        s.release(cand_at[k]);
                add_pattern(s, s0, j, "organization", s.surface(s0, j), 0.75,
                            "organization:through-name");
                i = j;
                continue;
            }
        }
        // maximal run
        std::size_t j = i;
        while (j + 1 < n && s.same_run(j, j + 1) && !strong_cov[j + 1]) {
            const Token& x = tk[j + 1];
            if (x.cap && x.has_letter) {
                ++j;
                continue;
            }
            // A hyphenated given name: "Kim Gi-ho", "Tsai Ing-wen".
            if (name_piece(s, j + 1) && tk[j].cap && tk[j].end - tk[j].begin <= 6) {
                ++j;
                continue;
            }
            if (x.has_digit && !x.has_letter && x.norm.size() == 4 && j > i) {
                ++j;
                continue;
            }
            // "Meridian Inc. and Cobalt Ltd.": a company's legal form ends its name.
            if ((fl[j] & kLegalSuffix) && tk[j].cap && j > i) break;
            if ((connector(j + 1) || (fl[j + 1] & kNameParticle)) && j + 2 < n &&
                s.same_run(j + 1, j + 2) && tk[j + 2].cap && !strong_cov[j + 2]) {
                j += 2;
                continue;
            }
            break;
        }
        std::size_t f = i;
        // Leading function words and sentence-initial filler are not part of a name.
        while (f <= j && ((fl[f] & kFunctionWord) || (tk[f].sent_start && (fl[f] & kNotName) &&
                                                      !(fl[f] & (kOrgHeadWithOf | kOrgSuffix)))))
            ++f;
        if (f > j) {
            i = j;
            continue;
        }
        const bool heading =
            s.block_kind(f) == Block::Kind::Heading || s.block_kind(f) == Block::Kind::Title;
        bool done = false;
        // Policy: ends with Act/Bill/Directive/...; two words at least.
        // ... and a word that is no title or policy word: "Executive Order" alone is none.
        bool policy_named = false;
        for (std::size_t k = f; k < j; ++k)
            if (!(fl[k] & (kPersonTitle | kRoleWord | kPolicySuffix | kConnector)))
                policy_named = true;
        if (j > f && (fl[j] & kPolicySuffix) && !heading && !holds_position(s, f, j) &&
            policy_named) {
            add_pattern(s, f, j, "policy", s.surface(f, j), 0.8, "policy:suffix");
            done = true;
        }
        // Organisation: suffix ("... Labs", "... Inc") or "Ministry of ...". Never a role
        // phrase: in "Director of Robotics Institute" or "Professor of Machine Learning
        // University of Oxford" the organisation starts after the role.
        if (!done && !heading) {
            const std::size_t run_start = f;
            f = org_start_after_role(s, f, j);
            bool suffix = j > f && (fl[j] & kOrgSuffix) && tk[f].cap && !(fl[f] & kGivenName);
            // "Chinese AI", "Artificial Intelligence": descriptive words before a suffix.
            bool named = j - f >= 2;
            for (std::size_t k = f; k < j; ++k)
                if (!(fl[k] & (kNotName | kOrgSuffix)))
                    named = true;
            if (!named)
                suffix = false;
            // "Define AI" at the start of a sentence, "Increasing AI", "Maximize the AI" are verb
            // phrases, not companies.
            if (suffix && tk[f].sent_start && j - f == 1 && (fl[j] & kWeakOrgSuffix))
                suffix = false;
            if (suffix && (fl[j] & kWeakOrgSuffix))
                for (std::size_t k = f; k < j; ++k)
                    if (connector(k) || verb_like(tk[k].norm))
                        suffix = false;
            bool head_of = false;
            for (std::size_t k = f; k < j; ++k)
                if ((fl[k] & kOrgHeadWithOf) && (fl[k + 1] & (kOf | kFor)))
                    head_of = true;
            // "AI Safety Institute" where the article names the body it is a '~' form of ("AI
            // Security Institute"): resolution binds it to that body.
            if ((suffix || head_of) && s.gazetteer_span(f, j, [&](const Cand& g) {
                    return g.ambiguous && !g.dropped && named_plainly(g);
                }))
                suffix = head_of = false;
            if ((suffix || head_of) && !holds_position(s, f, j)) {
                // A country or place just before it is part of its name: "U.S. Trade and
                // Development Agency", "Korea Development Institute".
                if (f == run_start && f > 0 && s.same_run(f - 1, f) && cand_at[f - 1] >= 0) {
                    const Cand& c = cands[static_cast<std::size_t>(cand_at[f - 1])];
                    if (!c.pattern && !c.entries.empty() && is_type(c.entries.front(), kLocation)) {
                        const std::size_t place = c.first;
                        s.release(cand_at[f - 1]);
                        f = place;
                    }
                }
                if (const std::size_t k = and_between_bodies(s, f, j); suffix && k) {
                    add_pattern(s, f, k - 1, "organization", s.surface(f, k - 1), 0.75,
                                "organization:suffix");
                    add_pattern(s, k + 1, j, "organization", s.surface(k + 1, j), 0.75,
                                "organization:suffix");
                } else {
                    add_pattern(s, f, j, "organization", s.surface(f, j), suffix ? 0.75 : 0.8,
                                suffix ? "organization:suffix" : "organization:head-of");
                }
                done = true;
            }
            f = run_start;
        }
        if (!done)
            discover_people_in_run(s, f, j, heading);
        i = j;
    }
}

void EntityExtractor::discover_by_context(Scan& s) const {
    const auto& tk = s.tk;
    const std::size_t n = s.n;
    const auto& fl = s.fl;
    auto& strong_cov = s.strong_cov;
    // 2d. Organisations named by context: "startup X", "X's CEO", "shares of X".
    for (std::size_t i = 0; i < n; ++i) {
        if (strong_cov[i] || !tk[i].cap || !tk[i].has_letter)
            continue;
        if (fl[i] & (kNotName | kGivenName))
            continue;
        const std::uint64_t before = s.prev_flags(i);
        // "founder and CEO of Thrive Global", "a partner at Kleiner Perkins": after such a role
        // the name may hold words that start no name ("Global").
        const bool cue_role = (before & (kOf | kAt)) && i >= 2 && (fl[i - 2] & kLeadRole) &&
                              tk[i - 2].sentence == tk[i].sentence;
        const std::uint64_t stop = cue_role ? kFunctionWord : kNotName;
        std::size_t j = i;
        while (j + 1 < n && j < i + 2 && s.same_run(j, j + 1) && tk[j + 1].cap &&
               !strong_cov[j + 1] && !(fl[j + 1] & stop))
            ++j;
        bool cue_before = ((before & kOrgContextBefore) && i > 0 && !tk[i - 1].cap) || cue_role;
        bool cue_shares = (before & kOf) && i >= 2 && (fl[i - 2] & kShares);
        bool cue_after = tk[j].possessive && (s.next_flags(j) & kOrgContextAfter);
        if ((cue_before || cue_shares || cue_after) && !(tk[i].sent_start && !cue_before)) {
            add_pattern(s, i, j, "organization", s.surface(i, j), 0.7, "organization:context");
        }
        i = j;
    }
}

void EntityExtractor::discover_elliptical_models(Scan& s) const {
    // "ChatGPT Free, Plus, Pro, and Team", "Claude Opus, Sonnet and Haiku": after a model named
    // as family + variant, a list of bare capitalised variants names the family's other models
    // the gazetteer knows.
    const auto& tk = s.tk;
    const std::size_t n_before = s.cands.size();
    for (std::size_t ci = 0; ci < n_before; ++ci) {
        const Cand& c = s.cands[ci];
        if (c.dropped || c.ambiguous || c.last == c.first || c.last + 1 >= s.n ||
            !tk[c.last + 1].hard_before || type_of(c) != kModel)
            continue;
        const std::size_t last = c.last; // s.cands grows below
        // The trie node of the family words (all but the last).
        std::uint32_t node = s.root[c.first];
        for (std::size_t k = c.first + 1; k < last && node != kNoNode; ++k)
            node = trie_child(node, s.wid[k]);
        if (node == kNoNode)
            continue;
        std::size_t k = last + 1;
        while (k < s.n && tk[k].block == tk[last].block) {
            bool sep = s.gap(k).find(',') != std::string_view::npos;
            while (k < s.n && (s.fl[k] & kAnd || tk[k].norm == "or") && !tk[k].cap) {
                sep = true;
                ++k;
            }
            if (!sep || k >= s.n || !tk[k].cap || tk[k].has_digit || s.strong_cov[k] ||
                (k + 1 < s.n && s.same_run(k, k + 1) && tk[k + 1].cap))
                break;
            const std::uint32_t end = trie_child(node, s.wid[k]);
            if (end == kNoNode)
                break;
            std::uint32_t entry = kNoEntry;
            for (const PatternEnd& p : trie_[end].ends)
                if (!p.ambiguous && is_type(p.entry, kModel))
                    entry = entry == kNoEntry || entry == p.entry ? p.entry : kNoEntry - 1;
            if (entry == kNoEntry || entry == kNoEntry - 1)
                break;
            Cand v;
            v.first = v.last = k;
            v.entries = {entry};
            v.rule = "model:elliptical";
            s.strong_cov[k] = 1;
            s.cand_at[k] = static_cast<long>(s.cands.size());
            s.cands.push_back(std::move(v));
            ++k;
        }
    }
}

} // namespace polgraph
