#include "extractors/entity_extractor.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>

#include "core/text.hpp"

namespace polgraph {

namespace {

constexpr std::uint32_t kNoEntry = 0xffffffffu;

// A candidate mention before resolution.
struct Cand {
    std::size_t first = 0, last = 0;
    std::vector<std::uint32_t> entries; // gazetteer entries (several when a form is shared)
    bool ambiguous = false;
    // discovered by a rule
    std::string type, name;
    double confidence = 1.0;
    bool pattern = false;
    bool dropped = false;
};

bool glued(const Token& t) {
    return !t.hard_before && t.joiner_before != 0 && t.joiner_before != ' ';
}

bool case_ok(std::uint8_t rule, const Token& tok) {
    switch (rule) {
    case 0: return true;
    case 1: return tok.cap || tok.all_caps || !tok.has_letter;
    default: return tok.all_caps || (tok.cap && tok.end - tok.begin == 1) || !tok.has_letter;
    }
}

bool same_run(const Tokenized& t, std::size_t a, std::size_t b) {
    // b directly follows a within one block with a soft gap
    return b == a + 1 && b < t.tokens.size() && t.tokens[b].block == t.tokens[a].block &&
           !t.tokens[b].hard_before && !t.tokens[a].possessive;
}

std::string surface(const Article& a, const Tokenized& t, std::size_t f, std::size_t l) {
    return token_span_text(a, t, f, l);
}

std::string sentence_text(const Article& a, const Tokenized& t, std::uint32_t sentence,
                          std::size_t near) {
    std::size_t f = near, l = near;
    while (f > 0 && t.tokens[f - 1].sentence == sentence) --f;
    while (l + 1 < t.tokens.size() && t.tokens[l + 1].sentence == sentence) ++l;
    const std::string& text = a.blocks[t.tokens[f].block].text;
    std::size_t begin = t.tokens[f].begin;
    std::size_t end = t.tokens[l].end;
    while (end < text.size() && end < t.tokens[l].end + 3 &&
           (text[end] == '.' || text[end] == '!' || text[end] == '?' || text[end] == '"' ||
            text[end] == ')' || text[end] == '\''))
        ++end;
    std::string s = text.substr(begin, end - begin);
    if (s.size() > 600) s = s.substr(0, 600);
    return sanitize_utf8(s);
}

} // namespace

EntityExtractor::EntityExtractor(const Gazetteer& gazetteer, const Lexicon& lexicon)
    : gaz_(gazetteer), lex_(lexicon) {}

EntityResult EntityExtractor::extract(const Article& a, const Tokenized& t) const {
    const auto& tk = t.tokens;
    const std::size_t n = tk.size();
    std::vector<Cand> cands;

    // ---- 1. Gazetteer: longest match at each position, left to right.
    for (std::size_t i = 0; i < n;) {
        const auto* list = gaz_.candidates(tk[i].norm);
        std::size_t best_len = 0;
        std::vector<std::uint32_t> strong, weak;
        if (list) {
            for (std::uint32_t pid : *list) {
                const AliasPattern& p = gaz_.pattern(pid);
                std::size_t len = p.tokens.size();
                if (best_len && len < best_len) break;
                if (i + len > n) continue;
                bool ok = true;
                for (std::size_t k = 0; k < len && ok; ++k) {
                    const Token& x = tk[i + k];
                    if (k > 0 && !same_run(t, i + k - 1, i + k)) ok = false;
                    else if (x.norm != p.tokens[k] || !case_ok(p.case_rule[k], x)) ok = false;
                }
                if (!ok) continue;
                // A name glued to a version number is a different, longer name ("GPT-5" in
                // "GPT-5.4"), left to the discovery rules.
                if (i + len < n && glued(tk[i + len]) && same_run(t, i + len - 1, i + len) &&
                    tk[i + len].has_digit)
                    continue;
                if (i > 0 && glued(tk[i]) && same_run(t, i - 1, i) && tk[i - 1].has_digit &&
                    !tk[i - 1].has_letter)
                    continue;
                best_len = len;
                auto& bucket = p.ambiguous ? weak : strong;
                if (std::find(bucket.begin(), bucket.end(), p.entry) == bucket.end())
                    bucket.push_back(p.entry);
            }
        }
        // A one-word name that is also a common first name ("Yi", "Grace") needs confirmation.
        bool generic_model = false; // "Step-1" in a numbered list is a step, not StepFun's model
        for (auto e : strong)
            if (gaz_.entry(e).type == "model" && lex_.model_family_exclude.count(tk[i].norm))
                generic_model = true;
        // A model called by an ordinary capitalised word ("Gemini", "Claude", "Phi") needs its
        // developer or a model cue in the article.
        bool word_model = false;
        if (best_len == 1 && tk[i].cap && !tk[i].has_digit && !tk[i].all_caps) {
            const std::string& text = a.blocks[tk[i].block].text;
            std::size_t k = tk[i].begin, uppers = 0;
            while (k < tk[i].end) uppers += is_upper(next_codepoint(text, k)) ? 1 : 0;
            if (uppers == 1)
                for (auto e : strong)
                    if (gaz_.entry(e).type == "model") word_model = true;
        }
        // "the Amazon rainforest", "apple pie": a word that says it is not the entity.
        if (best_len && i + best_len < n && same_run(t, i + best_len - 1, i + best_len) &&
            lex_.not_entity_followers.count(tk[i + best_len].norm)) {
            i += best_len;
            continue;
        }
        if (!strong.empty() &&
            ((best_len == 1 && lex_.given_names.count(tk[i].norm)) || generic_model || word_model)) {
            for (auto e : strong)
                if (std::find(weak.begin(), weak.end(), e) == weak.end()) weak.push_back(e);
            strong.clear();
        }
        if (best_len) {
            Cand c;
            c.first = i;
            c.last = i + best_len - 1;
            c.ambiguous = strong.empty();
            c.entries = strong.empty() ? weak : strong;
            cands.push_back(std::move(c));
            i += best_len;
        } else {
            ++i;
        }
    }

    std::vector<char> strong_cov(n, 0);
    std::vector<long> cand_at(n, -1); // strong candidate covering a token
    for (std::size_t ci = 0; ci < cands.size(); ++ci)
        if (!cands[ci].ambiguous)
            for (std::size_t k = cands[ci].first; k <= cands[ci].last; ++k) {
                strong_cov[k] = 1;
                cand_at[k] = static_cast<long>(ci);
            }
    // Drops a strong candidate that a longer discovered name contains.
    auto release = [&](long ci) {
        Cand& c = cands[static_cast<std::size_t>(ci)];
        c.dropped = true;
        for (std::size_t k = c.first; k <= c.last; ++k) {
            strong_cov[k] = 0;
            cand_at[k] = -1;
        }
    };

    // ---- 2. Discovery rules over text the gazetteer did not cover.
    auto is_name_word = [&](const Token& x) {
        return x.cap && x.has_letter && !x.has_digit && !lex_.not_names.count(x.norm) &&
               !lex_.months.count(x.norm) && !lex_.weekdays.count(x.norm);
    };
    auto prev_norm = [&](std::size_t i) -> std::string {
        return i > 0 && tk[i - 1].block == tk[i].block && tk[i - 1].sentence == tk[i].sentence
                   ? tk[i - 1].norm
                   : std::string();
    };
    auto next_norm = [&](std::size_t i) -> std::string {
        return i + 1 < n && tk[i + 1].block == tk[i].block && tk[i + 1].sentence == tk[i].sentence
                   ? tk[i + 1].norm
                   : std::string();
    };
    auto block_kind = [&](std::size_t i) { return a.blocks[tk[i].block].kind; };
    auto add_pattern = [&](std::size_t f, std::size_t l, const std::string& type,
                           std::string name, double conf) {
        for (std::size_t k = f; k <= l; ++k)
            if (strong_cov[k]) return;
        Cand c;
        c.first = f;
        c.last = l;
        c.pattern = true;
        c.type = type;
        c.name = collapse_spaces(name);
        c.confidence = conf;
        // An entry of the gazetteer under this exact name is the same thing.
        for (auto e : gaz_.find_name(c.name))
            if (gaz_.entry(e).type == type) {
                c.pattern = false;
                c.entries = {e};
                break;
            }
        for (std::size_t k = f; k <= l; ++k) {
            strong_cov[k] = 1;
            cand_at[k] = static_cast<long>(cands.size());
        }
        cands.push_back(std::move(c));
    };
    auto is_model_cand = [&](long ci) {
        if (ci < 0) return false;
        const Cand& c = cands[static_cast<std::size_t>(ci)];
        if (c.pattern) return c.type == "model";
        return !c.entries.empty() && gaz_.entry(c.entries.front()).type == "model";
    };

    // 2a. Models: a known family name followed by a version ("GPT-5.4 Thinking", "Qwen2.5-72B").
    const std::size_t n_gazetteer = cands.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (strong_cov[i] || !tk[i].has_letter) continue;
        std::string fam = tk[i].norm;
        while (!fam.empty() && (std::isdigit(static_cast<unsigned char>(fam.back())) ||
                                fam.back() == '.'))
            fam.pop_back();
        if (fam.size() < 2 || !gaz_.is_model_family(fam) || lex_.model_family_exclude.count(fam))
            continue;
        if (!tk[i].cap && !tk[i].all_caps && fam.size() > 2) continue;
        bool digit = tk[i].has_digit;
        std::size_t j = i;
        while (j + 1 < n && same_run(t, j, j + 1) &&
               (!strong_cov[j + 1] ||
                (glued(tk[j + 1]) && is_model_cand(cand_at[j + 1]) &&
                 cands[static_cast<std::size_t>(cand_at[j + 1])].first == j + 1 &&
                 cands[static_cast<std::size_t>(cand_at[j + 1])].last == j + 1 && digit))) {
            const Token& x = tk[j + 1];
            if (strong_cov[j + 1]) { // "GPT-5.3-Codex": the suffix is part of the version
                release(cand_at[j + 1]);
                ++j;
                continue;
            }
            bool version = x.has_digit && (x.norm.size() <= 6);
            bool word = lex_.model_version_words.count(x.norm) &&
                        (x.joiner_before != ' ' || x.cap);
            if (!(version || word)) break;
            if (x.joiner_before == ' ' && x.has_digit && !digit && j == i && x.norm.size() > 4)
                break; // "GPT 2024" is a year
            digit = digit || x.has_digit;
            ++j;
        }
        if (!digit || (j == i && !tk[i].has_digit)) continue;
        // A span the gazetteer already knows as an ambiguous short name is resolved there.
        // (Only the gazetteer's candidates can share the span: they are sorted by position.)
        auto at = std::lower_bound(cands.begin(), cands.begin() + static_cast<long>(n_gazetteer), i,
                                   [](const Cand& c, std::size_t pos) { return c.first < pos; });
        bool known = false;
        for (; at != cands.begin() + static_cast<long>(n_gazetteer) && at->first == i; ++at)
            if (at->last == j) known = true;
        if (known) continue;
        add_pattern(i, j, "model", surface(a, t, i, j), 0.85);
        i = j;
    }

    // 2a'. Unknown model names with a parameter count ("HyperNova 60B", "Falcon 180B") or named
    // as one ("a new model called Muse Spark").
    auto is_size = [](const std::string& w) {
        std::size_t k = 0;
        while (k < w.size() && (std::isdigit(static_cast<unsigned char>(w[k])) || w[k] == 'x')) ++k;
        return k > 0 && k + 1 == w.size() && (w[k] == 'b' || w[k] == 'm' || w[k] == 't') &&
               std::isdigit(static_cast<unsigned char>(w[0]));
    };
    for (std::size_t i = 0; i + 1 < n; ++i) {
        if (strong_cov[i] || !tk[i].cap || !tk[i].has_letter || lex_.not_names.count(tk[i].norm) ||
            lex_.model_family_exclude.count(tk[i].norm))
            continue;
        std::size_t j = i;
        if (j + 1 < n && same_run(t, j, j + 1) && tk[j + 1].cap && !strong_cov[j + 1] &&
            !tk[j + 1].has_digit)
            ++j;
        if (!(j + 1 < n && same_run(t, j, j + 1) && !strong_cov[j + 1] && is_size(tk[j + 1].norm)))
            continue;
        std::size_t k = j + 1;
        while (k + 1 < n && same_run(t, k, k + 1) && !strong_cov[k + 1] &&
               (tk[k + 1].has_digit || lex_.model_version_words.count(tk[k + 1].norm)) &&
               tk[k + 1].norm.size() <= 8)
            ++k;
        add_pattern(i, k, "model", surface(a, t, i, k), 0.8);
        i = k;
    }
    for (std::size_t i = 1; i + 1 < n; ++i) {
        if (!(tk[i].norm == "called" || tk[i].norm == "named" || tk[i].norm == "dubbed")) continue;
        std::size_t f = i + 1;
        if (strong_cov[f] || !tk[f].cap || tk[f].block != tk[i].block || tk[f].sentence != tk[i].sentence)
            continue;
        std::size_t l = f;
        while (l + 1 < n && l < f + 2 && same_run(t, l, l + 1) && (tk[l + 1].cap || tk[l + 1].has_digit) &&
               !strong_cov[l + 1])
            ++l;
        std::string kind;
        for (std::size_t b = i; b-- > 0 && b + 4 > i;) {
            if (tk[b].sentence != tk[i].sentence) break;
            if (lex_.model_context.count(tk[b].norm) || tk[b].norm == "chatbot" || tk[b].norm == "assistant")
                kind = "model";
            else if (lex_.org_context_before.count(tk[b].norm))
                kind = "organization";
            if (!kind.empty()) break;
        }
        if (!kind.empty()) add_pattern(f, l, kind, surface(a, t, f, l), 0.7);
    }
    // Organisations that go by their web domain ("Jengu.ai").
    static const std::set<std::string> tlds = {"ai", "com", "io", "org", "net", "co"};
    for (std::size_t i = 0; i + 1 < n; ++i) {
        if (strong_cov[i] || !tk[i].cap || strong_cov[i + 1] || !same_run(t, i, i + 1)) continue;
        if (tk[i + 1].joiner_before != '.' || !tlds.count(tk[i + 1].norm) || tk[i + 1].cap) continue;
        add_pattern(i, i + 1, "organization", surface(a, t, i, i + 1), 0.7);
        ++i;
    }

    // 2b. Bill numbers ("SB 53", "AB 2013") and numbered executive orders.
    for (std::size_t i = 0; i + 1 < n; ++i) {
        if (strong_cov[i]) continue;
        if (lex_.bill_prefixes.count(tk[i].norm) && tk[i].all_caps && same_run(t, i, i + 1) &&
            tk[i + 1].has_digit && !tk[i + 1].has_letter && !strong_cov[i + 1]) {
            std::string prefix = a.blocks[tk[i].block].text.substr(tk[i].begin, tk[i].end - tk[i].begin);
            std::string num = a.blocks[tk[i].block].text.substr(tk[i + 1].begin,
                                                                 tk[i + 1].end - tk[i + 1].begin);
            add_pattern(i, i + 1, "policy", prefix + " " + num, 0.8);
            ++i;
            continue;
        }
        if (tk[i].norm == "executive" && tk[i].cap && i + 2 < n && tk[i + 1].norm == "order" &&
            same_run(t, i, i + 1)) {
            std::size_t k = i + 2;
            if (tk[k].norm == "no" && k + 1 < n) ++k;
            if (tk[k].has_digit && !tk[k].has_letter && tk[k].block == tk[i].block &&
                !tk[k].hard_before) {
                std::string num = a.blocks[tk[k].block].text.substr(tk[k].begin,
                                                                     tk[k].end - tk[k].begin);
                add_pattern(i, k, "policy", "Executive Order " + num, 0.9);
                i = k;
            }
        }
    }

    // 2c. Capitalised runs: policies ("... Act"), organisations ("... Labs", "Ministry of ..."),
    // people ("Given Surname", "Senator X Y", "X Y said").
    auto connector = [&](const Token& x) {
        return !x.cap && (x.norm == "of" || x.norm == "for" || x.norm == "and" || x.norm == "on" ||
                          x.norm == "the" || x.norm == "de" || x.norm == "in");
    };
    auto passable = [&](std::size_t k) { // a known place or organisation inside a longer name
        long ci = cand_at[k];
        if (ci < 0) return false;
        const Cand& c = cands[static_cast<std::size_t>(ci)];
        if (c.pattern || c.entries.empty()) return false;
        const std::string& ty = gaz_.entry(c.entries.front()).type;
        return ty == "location" || ty == "organization";
    };
    for (std::size_t i = 0; i < n; ++i) {
        if (strong_cov[i] || !tk[i].cap || !tk[i].has_letter) continue;
        if (lex_.function_words.count(tk[i].norm)) continue; // "The", "In" never start a name
        // A name may run through a known place or organisation ("Joint California Policy Working
        // Group", "United Nations Security Council") when it ends like an organisation's name.
        {
            std::size_t s0 = i;
            if (i > 0 && same_run(t, i - 1, i) && passable(i - 1)) {
                s0 = cands[static_cast<std::size_t>(cand_at[i - 1])].first;
            }
            std::size_t j = i;
            bool inner = s0 < i;
            auto cap_ok = [&](std::size_t k) {
                return tk[k].cap && (!strong_cov[k] || passable(k));
            };
            while (j + 1 < n && same_run(t, j, j + 1)) {
                if (cap_ok(j + 1)) {
                    if (strong_cov[j + 1]) inner = true;
                    ++j;
                } else if ((tk[j + 1].norm == "of" || tk[j + 1].norm == "for") && !tk[j + 1].cap &&
                           j + 2 < n && same_run(t, j + 1, j + 2) && cap_ok(j + 2)) {
                    j += 1;
                } else {
                    break;
                }
            }
            // "Bank of Canada": an organisation head, "of", and a known place.
            bool head_of = s0 == i && j > i + 1 && lex_.org_heads_with_of.count(tk[i].norm) &&
                           (tk[i + 1].norm == "of" || tk[i + 1].norm == "for") && inner &&
                           !tk[i].sent_start;
            const std::string& lastn = tk[j].norm;
            if (inner && j > s0 &&
                (head_of || (!strong_cov[j] && lex_.org_suffixes.count(lastn) &&
                             (!lex_.weak_org_suffixes.count(lastn) || j - s0 >= 3))) &&
                block_kind(i) != Block::Kind::Heading && block_kind(i) != Block::Kind::Title) {
                for (std::size_t k = s0; k <= j; ++k)
                    if (cand_at[k] >= 0) release(cand_at[k]);
                add_pattern(s0, j, "organization", surface(a, t, s0, j), 0.75);
                i = j;
                continue;
            }
        }
        // maximal run
        std::size_t j = i;
        while (j + 1 < n && same_run(t, j, j + 1) && !strong_cov[j + 1]) {
            const Token& x = tk[j + 1];
            if (x.cap && x.has_letter) { ++j; continue; }
            if (x.has_digit && !x.has_letter && x.norm.size() == 4 && j > i) { ++j; continue; }
            if ((connector(x) || lex_.name_particles.count(x.norm)) && j + 2 < n &&
                same_run(t, j + 1, j + 2) && tk[j + 2].cap && !strong_cov[j + 2]) {
                j += 2;
                continue;
            }
            break;
        }
        std::size_t f = i;
        // Leading function words and sentence-initial filler are not part of a name.
        while (f <= j && (lex_.function_words.count(tk[f].norm) ||
                          (tk[f].sent_start && lex_.not_names.count(tk[f].norm) &&
                           !lex_.org_heads_with_of.count(tk[f].norm) &&
                           !lex_.org_suffixes.count(tk[f].norm))))
            ++f;
        if (f > j) { i = j; continue; }
        const bool heading = block_kind(f) == Block::Kind::Heading ||
                             block_kind(f) == Block::Kind::Title;
        const std::string& last = tk[j].norm;
        bool done = false;
        // Policy: ends with Act/Bill/Directive/...; two words at least.
        if (j > f && lex_.policy_suffixes.count(last) && !heading) {
            add_pattern(f, j, "policy", surface(a, t, f, j), 0.8);
            done = true;
        }
        // Organisation: suffix ("... Labs", "... Inc") or "Ministry of ...".
        if (!done && !heading) {
            bool suffix = j > f && lex_.org_suffixes.count(last) && tk[f].cap &&
                          !lex_.given_names.count(tk[f].norm);
            // "Chinese AI", "Artificial Intelligence": descriptive words before a suffix.
            bool named = j - f >= 2;
            for (std::size_t k = f; k < j; ++k)
                if (!lex_.not_names.count(tk[k].norm) && !lex_.org_suffixes.count(tk[k].norm))
                    named = true;
            if (!named) suffix = false;
            // "Define AI" at the start of a sentence is a verb phrase, not a company.
            if (suffix && tk[f].sent_start && j - f == 1 && lex_.weak_org_suffixes.count(last))
                suffix = false;
            bool head_of = false;
            for (std::size_t k = f; k < j; ++k)
                if (lex_.org_heads_with_of.count(tk[k].norm) &&
                    (tk[k + 1].norm == "of" || tk[k + 1].norm == "for"))
                    head_of = true;
            if (suffix || head_of) {
                add_pattern(f, j, "organization", surface(a, t, f, j), suffix ? 0.75 : 0.8);
                done = true;
            }
        }
        if (!done) {
            // People: split the run at connectors, test each part.
            std::size_t s = f;
            while (s <= j) {
                std::size_t e = s;
                while (e + 1 <= j && !connector(tk[e + 1])) ++e;
                std::size_t ps = s;
                bool title_cue = false;
                std::string before = prev_norm(ps);
                if (lex_.person_titles.count(before)) title_cue = true;
                while (ps <= e && lex_.person_titles.count(tk[ps].norm)) {
                    title_cue = true;
                    ++ps;
                }
                std::size_t len = ps <= e ? e - ps + 1 : 0;
                bool shape = len >= 2 && len <= 4;
                for (std::size_t k = ps; shape && k <= e; ++k) {
                    if (lex_.name_particles.count(tk[k].norm) && k != ps && k != e) continue;
                    bool initial = tk[k].end - tk[k].begin == 1 && tk[k].cap && k != e;
                    if (!initial && !is_name_word(tk[k])) shape = false;
                    if (tk[k].all_caps && tk[k].end - tk[k].begin > 1) shape = false;
                }
                if (shape && tk[e].end - tk[e].begin < 2) shape = false;
                if (shape) {
                    bool given = lex_.given_names.count(tk[ps].norm) > 0;
                    std::string after = next_norm(e);
                    bool verb = lex_.reporting_verbs.count(after) > 0;
                    bool appos = false;
                    if (e + 2 < n && tk[e + 1].hard_before && tk[e + 1].block == tk[e].block) {
                        std::size_t k = e + 1;
                        if (tk[k].norm == "the" || tk[k].norm == "a" || tk[k].norm == "an") ++k;
                        appos = k < n && lex_.role_words.count(tk[k].norm) && !tk[k].cap;
                    }
                    double conf = 0;
                    if (given && (title_cue || verb || appos)) conf = 0.95;
                    else if (given) conf = heading ? 0.7 : 0.8;
                    else if (title_cue && len <= 3) conf = 0.75;
                    else if ((verb || appos) && len <= 3 && (!tk[ps].sent_start || verb))
                        conf = 0.65;
                    if (conf > 0) add_pattern(ps, e, "person", surface(a, t, ps, e), conf);
                }
                s = e + 1;
                while (s <= j && connector(tk[s])) ++s;
            }
        }
        i = j;
    }

    // 2d. Organisations named by context: "startup X", "X's CEO", "shares of X".
    for (std::size_t i = 0; i < n; ++i) {
        if (strong_cov[i] || !tk[i].cap || !tk[i].has_letter) continue;
        if (lex_.not_names.count(tk[i].norm) || lex_.given_names.count(tk[i].norm)) continue;
        std::size_t j = i;
        while (j + 1 < n && j < i + 2 && same_run(t, j, j + 1) && tk[j + 1].cap &&
               !strong_cov[j + 1] && !lex_.not_names.count(tk[j + 1].norm))
            ++j;
        std::string before = prev_norm(i);
        bool cue_before = lex_.org_context_before.count(before) && i > 0 && !tk[i - 1].cap;
        bool cue_shares = before == "of" && i >= 2 && tk[i - 2].norm == "shares";
        bool cue_after = tk[j].possessive && lex_.org_context_after.count(next_norm(j));
        if ((cue_before || cue_shares || cue_after) && !(tk[i].sent_start && !cue_before)) {
            add_pattern(i, j, "organization", surface(a, t, i, j), 0.7);
        }
        i = j;
    }

    // Discovered people are also named by their surname alone later on ("Amodei").
    std::map<std::string, std::size_t> surname_of; // surname norm -> cand index
    for (std::size_t c = 0; c < cands.size(); ++c)
        if (cands[c].pattern && cands[c].type == "person")
            surname_of.emplace(tk[cands[c].last].norm, c);
    // Acronyms defined in the text: "European Union (EU)".
    std::map<std::string, std::size_t> acronym_of; // exact text -> cand index
    for (std::size_t c = 0; c < cands.size(); ++c) {
        const Cand& m = cands[c];
        if (m.ambiguous) continue;
        std::size_t k = m.last + 1;
        if (k >= n || tk[k].block != tk[m.last].block) continue;
        const std::string& text = a.blocks[tk[k].block].text;
        std::string_view gap(text.data() + tk[m.last].end, tk[k].begin - tk[m.last].end);
        if (trim(gap) != "(" || k + 1 >= n || tk[k + 1].block != tk[k].block) continue;
        std::string_view after(text.data() + tk[k].end,
                               (tk[k + 1].block == tk[k].block ? tk[k + 1].begin : text.size()) -
                                   tk[k].end);
        if (after.empty() || trim(after)[0] != ')') continue;
        if (!tk[k].all_caps || tk[k].norm.size() > 10) continue;
        acronym_of.emplace(text.substr(tk[k].begin, tk[k].end - tk[k].begin), c);
    }
    {
        std::vector<Cand> extra;
        for (std::size_t i = 0; i < n; ++i) {
            if (strong_cov[i]) continue;
            const std::string word =
                a.blocks[tk[i].block].text.substr(tk[i].begin, tk[i].end - tk[i].begin);
            std::size_t src = static_cast<std::size_t>(-1);
            if (auto it = acronym_of.find(word); it != acronym_of.end()) src = it->second;
            else if (auto s = surname_of.find(tk[i].norm); s != surname_of.end() && tk[i].cap &&
                     !(i + 1 < n && same_run(t, i, i + 1) && tk[i + 1].cap))
                src = s->second;
            if (src == static_cast<std::size_t>(-1)) continue;
            Cand c = cands[src];
            c.first = c.last = i;
            c.ambiguous = false;
            extra.push_back(std::move(c));
            strong_cov[i] = 1;
        }
        for (auto& c : extra) cands.push_back(std::move(c));
    }

    // ---- 3. Resolution of ambiguous gazetteer mentions.
    auto entity_id_of = [&](const Cand& c, std::uint32_t e) {
        return c.pattern ? c.type + ":" + slugify(c.name) : gaz_.entry(e).id;
    };
    std::set<std::string> strong_ids;
    for (const auto& c : cands) {
        if (c.ambiguous) continue;
        if (c.pattern) strong_ids.insert(entity_id_of(c, kNoEntry));
        else
            for (auto e : c.entries) strong_ids.insert(gaz_.entry(e).id);
    }
    // An organisation named in the article also vouches for its parents ("Google" for
    // "Google DeepMind", the developer of Gemini).
    auto parent_of = [&](const std::string& id) -> std::string {
        auto e = gaz_.find_id(id);
        if (!e) return "";
        auto p = gaz_.entry(*e).attrs.find("parent");
        if (p == gaz_.entry(*e).attrs.end()) return "";
        for (auto o : gaz_.find_name(p->second)) return gaz_.entry(o).id;
        return "";
    };
    auto context_named = [&](std::uint32_t e) {
        for (const char* key : {"developer", "affiliation", "maker", "jurisdiction", "parent"}) {
            auto it = gaz_.entry(e).attrs.find(key);
            if (it == gaz_.entry(e).attrs.end()) continue;
            for (auto& part : split(it->second, ';'))
                for (auto o : gaz_.find_name(std::string(trim(part)))) {
                    const std::string& id = gaz_.entry(o).id;
                    if (strong_ids.count(id)) return true;
                    std::string up = parent_of(id);
                    if (!up.empty() && strong_ids.count(up)) return true;
                }
        }
        return false;
    };
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
        auto it = std::lower_bound(by_first.begin(), by_first.end(), from,
                                   [&](std::size_t c, std::size_t pos) { return cands[c].first < pos; });
        for (; it != by_first.end() && cands[*it].first <= last + reach; ++it)
            near.push_back(std::cref(cands[*it]));
        return near;
    };
    for (auto& c : cands) {
        if (!c.ambiguous) continue;
        // Overlapping a discovered name: the longer name wins ("Jordan Peterson").
        bool overlap = false;
        for (std::size_t k = c.first; k <= c.last; ++k)
            if (strong_cov[k]) overlap = true;
        // Part of a longer capitalised name no rule knows ("Claude Shannon").
        if (c.first == c.last && c.last + 1 < n && same_run(t, c.last, c.last + 1) &&
            tk[c.last + 1].cap && tk[c.last + 1].has_letter && !tk[c.last + 1].has_digit &&
            !lex_.not_names.count(tk[c.last + 1].norm))
            overlap = true;
        if (overlap) {
            c.dropped = true;
            continue;
        }
        std::vector<std::uint32_t> keep;
        for (auto e : c.entries)
            if (strong_ids.count(gaz_.entry(e).id)) keep.push_back(e);
        if (keep.empty())
            for (auto e : c.entries)
                if (context_named(e)) keep.push_back(e);
        if (keep.empty() && c.first == c.last && c.first > 0 &&
            lex_.person_titles.count(tk[c.first - 1].norm) && tk[c.first - 1].cap &&
            tk[c.first - 1].block == tk[c.first].block) {
            // "Governor Newsom": a title before a known surname.
            for (auto e : c.entries)
                if (gaz_.entry(e).type == "person") keep.push_back(e);
        }
        if (keep.empty()) {
            // Local cues: "DeepSeek's R1", "the Gemini model", "startup Scale".
            for (auto e : c.entries) {
                const std::string& type = gaz_.entry(e).type;
                std::string before = prev_norm(c.first), after = next_norm(c.last);
                bool org_poss = c.first > 0 && tk[c.first - 1].possessive &&
                                tk[c.first - 1].block == tk[c.first].block;
                // In a list of models: "chatbots like ChatGPT, Claude, or Poke",
                // "models like Llama, Mistral, DBRX, Qwen".
                bool in_model_list = false;
                if (type == "model") {
                    for (std::size_t b = c.first, steps = 0; b-- > 0 && steps < 10; ++steps) {
                        if (tk[b].sentence != tk[c.first].sentence) break;
                        if (lex_.model_context.count(tk[b].norm) || tk[b].norm == "chatbots" ||
                            tk[b].norm == "assistants")
                            in_model_list = true;
                    }
                    for (const Cand& o : cands_near(c.first, c.last, 4))
                        if (!o.ambiguous && !o.dropped && !o.pattern && !o.entries.empty() &&
                            gaz_.entry(o.entries.front()).type == "model" &&
                            tk[o.first].sentence == tk[c.first].sentence &&
                            (o.last + 4 >= c.first && o.first <= c.last + 4))
                            in_model_list = true;
                }
                if (type == "model" && (org_poss || lex_.model_context.count(after) ||
                                        lex_.model_context.count(before) || in_model_list))
                    keep.push_back(e);
                else if (type == "organization" && (lex_.org_context_after.count(after) ||
                                                    (lex_.org_context_before.count(before) &&
                                                     c.first > 0 && !tk[c.first - 1].cap)))
                    keep.push_back(e);
            }
        }
        if (keep.size() != 1) {
            c.dropped = true; // unresolved or still ambiguous: precision first
            continue;
        }
        c.entries = keep;
    }

    // ---- 4. Mentions and per-entity aggregation.
    EntityResult r;
    std::sort(cands.begin(), cands.end(),
              [](const Cand& x, const Cand& y) { return x.first < y.first; });
    std::map<std::string, EntityRecord> agg;
    for (const auto& c : cands) {
        if (c.dropped) continue;
        if (!c.pattern && c.entries.size() != 1) {
            // The same unambiguous form listed for several entries: keep the one the article
            // confirms, else leave it out.
            std::vector<std::uint32_t> k;
            for (auto e : c.entries)
                if (context_named(e)) k.push_back(e);
            if (k.size() != 1) continue;
            const_cast<Cand&>(c).entries = k;
        }
        Mention m;
        m.first = c.first;
        m.last = c.last;
        if (c.pattern) {
            m.type = c.type;
            m.name = c.name;
            m.id = c.type + ":" + slugify(c.name);
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
            if (!c.pattern) er.attrs = gaz_.entry(c.entries.front()).attrs;
        }
        if (m.source == "gazetteer") er.source = "gazetteer", er.confidence = 1.0;
        er.confidence = std::max(er.confidence, m.confidence);
        er.count += 1;
        std::string form = collapse_spaces(surface(a, t, c.first, c.last));
        if (std::find(er.forms.begin(), er.forms.end(), form) == er.forms.end())
            er.forms.push_back(form);
        er.sentences.push_back(tk[c.first].sentence);
        auto kind = block_kind(c.first);
        if (kind == Block::Kind::Title || kind == Block::Kind::Subtitle ||
            kind == Block::Kind::Description)
            er.in_lead = true;
        r.mentions.push_back(std::move(m));
    }
    // The first paragraph is part of the lead too.
    for (std::size_t b = 0; b < a.blocks.size(); ++b)
        if (a.blocks[b].kind == Block::Kind::Paragraph) {
            for (const auto& m : r.mentions)
                if (tk[m.first].block == b) agg[m.id].in_lead = true;
            break;
        }
    for (auto& [id, e] : agg) r.entities.push_back(std::move(e));

    // ---- 5. Relations stated in one sentence.
    const auto& ms = r.mentions;
    auto between_ok = [&](std::size_t from, std::size_t to, auto pred) {
        // tokens (from, to) exclusive all satisfy pred, same sentence
        for (std::size_t k = from + 1; k < to; ++k)
            if (!pred(tk[k])) return false;
        return true;
    };
    auto add_rel = [&](const std::string& type, const Mention& s, const Mention& o,
                       std::size_t at) {
        r.relations.push_back({type, s.id, o.id, tk[at].sentence,
                               sentence_text(a, t, tk[at].sentence, at)});
    };
    static const std::set<std::string> release_verbs = {
        "released", "releases", "launched", "launches", "unveiled", "unveils", "introduced",
        "introduces", "announced", "announces", "trained", "trains", "built", "builds",
        "developed", "develops", "debuted", "debuts", "shipped", "ships", "open-sourced",
        "published", "rolled", "unveiling", "releasing", "launching"};
    static const std::set<std::string> model_fillers = {"new", "latest", "flagship", "open",
                                                        "source", "reasoning", "frontier",
                                                        "upcoming", "own", "recent", "newest"};
    // Every rule below links two mentions at most kRelationReach tokens apart: only those pairs
    // are tried (mentions are in text order), which keeps a long article linear.
    constexpr std::size_t kRelationReach = 8;
    std::size_t longest_mention = 0;
    for (const auto& m : ms) longest_mention = std::max(longest_mention, m.last - m.first);
    for (std::size_t x = 0, lo = 0; x < ms.size(); ++x) {
        while (ms[lo].first + longest_mention + kRelationReach < ms[x].first) ++lo;
        std::size_t hi = x;
        while (hi < ms.size() && ms[hi].first <= ms[x].last + kRelationReach) ++hi;
        for (std::size_t y = lo; y < hi; ++y) {
            if (x == y) continue;
            const Mention& p = ms[x];
            const Mention& o = ms[y];
            if (tk[p.first].sentence != tk[o.first].sentence) continue;
            // affiliated_with: person -> organization
            if (p.type == "person" && o.type == "organization") {
                if (o.last < p.first && p.first - o.last <= 4 &&
                    between_ok(o.last, p.first, [&](const Token& z) {
                        return lex_.role_words.count(z.norm) > 0;
                    }) &&
                    p.first - o.last >= 2) {
                    add_rel("affiliated_with", p, o, p.first);
                } else if (p.last < o.first && o.first - p.last <= 7 &&
                           tk[p.last + 1].hard_before) {
                    std::size_t k = p.last + 1;
                    if (tk[k].norm == "the" || tk[k].norm == "a" || tk[k].norm == "an") ++k;
                    std::size_t roles = 0;
                    while (k < o.first && lex_.role_words.count(tk[k].norm)) ++k, ++roles;
                    bool linked = roles > 0 && k == o.first - 1 &&
                                  (tk[k].norm == "of" || tk[k].norm == "at" || tk[k].norm == "for");
                    if (roles > 0 && linked) add_rel("affiliated_with", p, o, p.first);
                    // "Dario Amodei, Anthropic's CEO"
                    else if (k == o.first && roles == 0 && tk[o.last].possessive &&
                             o.last + 1 < n && lex_.role_words.count(tk[o.last + 1].norm))
                        add_rel("affiliated_with", p, o, p.first);
                }
            }
            // develops: organization -> model
            if (p.type == "organization" && o.type == "model" && p.last < o.first) {
                std::size_t gap = o.first - p.last - 1;
                if (tk[p.last].possessive && gap <= 2 &&
                    between_ok(p.last, o.first, [&](const Token& z) {
                        return model_fillers.count(z.norm) > 0;
                    }))
                    add_rel("develops", p, o, o.first);
                else if (gap >= 1 && gap <= 4) {
                    bool verb = false, clean = true;
                    for (std::size_t k = p.last + 1; k < o.first; ++k) {
                        if (release_verbs.count(tk[k].norm)) verb = true;
                        if (tk[k].cap && !tk[k].sent_start) clean = false;
                    }
                    for (std::size_t z = lo; z < hi; ++z)
                        if (ms[z].first > p.last && ms[z].first < o.first) clean = false;
                    if (verb && clean) add_rel("develops", p, o, o.first);
                }
            }
            if (p.type == "model" && o.type == "organization" && p.last < o.first &&
                o.first - p.last <= 4) {
                bool by = false, clean = true;
                for (std::size_t k = p.last + 1; k < o.first; ++k) {
                    if (tk[k].norm == "by" || tk[k].norm == "from") by = true;
                    else if (!(tk[k].norm == "developed" || tk[k].norm == "made" ||
                               tk[k].norm == "built" || tk[k].norm == "created" ||
                               tk[k].norm == "released" || tk[k].norm == "trained"))
                        clean = false;
                }
                if (by && clean && tk[o.first].block == tk[p.first].block)
                    add_rel("develops", o, p, p.first);
            }
            // jurisdiction: policy -> location/organization, "California's SB 53", "U.S. export
            // controls" when written apart.
            if (p.type == "policy" && (o.type == "location" || o.type == "organization") &&
                o.last + 1 == p.first && same_run(t, o.last, p.first) == false &&
                (tk[o.last].possessive || !tk[p.first].hard_before))
                add_rel("jurisdiction", p, o, p.first);
            else if (p.type == "policy" && (o.type == "location" || o.type == "organization") &&
                     o.last + 1 == p.first && !tk[p.first].hard_before)
                add_rel("jurisdiction", p, o, p.first);
        }
    }
    // "U.S. export controls", "EU AI Act": the policy's own name states its jurisdiction, when
    // the jurisdiction is itself an entity of the article.
    for (const auto& m : ms) {
        if (m.type != "policy" || m.source != "gazetteer") continue;
        auto e = gaz_.find_id(m.id);
        if (!e) continue;
        auto j = gaz_.entry(*e).attrs.find("jurisdiction");
        if (j == gaz_.entry(*e).attrs.end()) continue;
        for (auto je : gaz_.find_name(j->second)) {
            const auto& jur = gaz_.entry(je);
            if (!agg.count(jur.id) && std::none_of(r.entities.begin(), r.entities.end(),
                                                   [&](const EntityRecord& x) { return x.id == jur.id; }))
                continue;
            std::vector<std::string> forms{jur.name};
            for (const auto& al : jur.aliases)
                if (!al.empty() && al[0] != '~') forms.push_back(al);
            for (const auto& form : forms) {
                Tokenized ft = tokenize_text(form);
                std::size_t k = 0;
                while (k < ft.tokens.size() && m.first + k <= m.last &&
                       ft.tokens[k].norm == tk[m.first + k].norm)
                    ++k;
                if (k == ft.tokens.size() && k > 0 && m.first + k <= m.last) {
                    Mention target;
                    target.id = jur.id;
                    add_rel("jurisdiction", m, target, m.first);
                    break;
                }
            }
        }
    }
    return r;
}

} // namespace polgraph
