// Phase 1 of entity extraction: the gazetteer's names matched over the case-folded tokens,
// longest match first at each position, with per-word case rules.
#include <algorithm>

#include "core/util/text.hpp"
#include "extractors/entity_extractor.hpp"
#include "extractors/entity_scan.hpp"

namespace polgraph {

using namespace detail;

namespace {

bool case_ok(std::uint8_t rule, const Scan& s, std::size_t i) {
    const Token& tok = s.tk[i];
    switch (rule) {
    case 0:
        return true;
    case 1:
        return tok.cap || tok.all_caps || !tok.has_letter;
    case 3: { // as written ("DoE", not "Doe") or in capitals
        const std::string_view text = s.text(i);
        return tok.all_caps || (tok.cap && std::any_of(text.begin() + 1, text.end(), [](char c) {
                                    return c >= 'A' && c <= 'Z';
                                }));
    }
    default:
        return tok.all_caps || (tok.cap && tok.end - tok.begin == 1) || !tok.has_letter;
    }
}

} // namespace

void EntityExtractor::match_gazetteer(Scan& s) const {
    const auto& tk = s.tk;
    const std::size_t n = s.n;
    const auto& fl = s.fl;
    const auto& a = s.a;
    auto& cands = s.cands;
    std::vector<std::uint32_t> path; // trie nodes matched from i, by length - 1
    std::vector<char> rules_ok;      // per case-rule set of a node: does the text fit it
    // The longest name at token i (0: none), its entries by whether they are ambiguous.
    auto longest = [&](std::size_t i, std::vector<std::uint32_t>& strong,
                       std::vector<std::uint32_t>& weak) {
        std::size_t best_len = 0;
        strong.clear();
        weak.clear();
        // A name glued to a version number is a different, longer name ("GPT-5" in "GPT-5.4"),
        // left to the discovery rules; so is one glued after a number.
        const bool glued_after_number = i > 0 && glued(tk[i]) && s.same_run(i - 1, i) &&
                                        tk[i - 1].has_digit && !tk[i - 1].has_letter;
        if (s.root[i] != kNoNode && !glued_after_number) {
            // The words of a name, in one run; then its case, longest name first.
            path.assign(1, s.root[i]);
            for (std::size_t k = 1; i + k < n && s.same_run(i + k - 1, i + k); ++k) {
                std::uint32_t next = trie_child(path.back(), s.wid[i + k]);
                if (next == kNoNode)
                    break;
                path.push_back(next);
            }
            for (std::size_t len = path.size(); len > 0 && !best_len; --len) {
                if (i + len < n && glued(tk[i + len]) && s.same_run(i + len - 1, i + len) &&
                    tk[i + len].has_digit)
                    continue;
                const TrieNode& node = trie_[path[len - 1]];
                if (node.ends.empty())
                    continue;
                rules_ok.assign(node.rules.size(), 0);
                for (std::size_t r = 0; r < node.rules.size(); ++r) {
                    bool ok = true;
                    for (std::size_t k = 0; k < len && ok; ++k)
                        ok = case_ok(node.rules[r][k], s, i + k);
                    rules_ok[r] = ok;
                }
                for (const PatternEnd& p : node.ends) {
                    if (!rules_ok[p.rules])
                        continue;
                    best_len = len;
                    auto& bucket = p.ambiguous ? weak : strong;
                    if (std::find(bucket.begin(), bucket.end(), p.entry) == bucket.end())
                        bucket.push_back(p.entry);
                }
            }
        }
        return best_len;
    };
    std::vector<std::uint32_t> strong, weak, strong2, weak2;
    for (std::size_t i = 0; i < n;) {
        std::size_t best_len = longest(i, strong, weak);
        // "The White House Office of Science ...": a name that starts with a function word
        // gives way to a longer one starting just after it.
        if (best_len >= 2 && (fl[i] & kFunctionWord) &&
            longest(i + 1, strong2, weak2) >= best_len) {
            ++i;
            continue;
        }
        // A one-word name that is also a common first name ("Yi", "Grace") needs confirmation.
        bool generic_model = false; // "Step-1" in a numbered list is a step, not StepFun's model
        for (auto e : strong)
            if (is_type(e, kModel) && (fl[i] & kModelFamilyExclude))
                generic_model = true;
        // A model called by an ordinary capitalised word ("Gemini", "Claude", "Phi") needs its
        // developer or a model cue in the article.
        bool word_model = false;
        if (best_len == 1 && tk[i].cap && !tk[i].has_digit && !tk[i].all_caps) {
            const std::string& text = a.blocks[tk[i].block].text;
            std::size_t k = tk[i].begin, uppers = 0;
            while (k < tk[i].end)
                uppers += is_upper(next_codepoint(text, k)) ? 1 : 0;
            if (uppers == 1)
                for (auto e : strong)
                    if (is_type(e, kModel))
                        word_model = true;
        }
        // "the Amazon rainforest", "apple pie": a word that says it is not the entity.
        if (best_len && i + best_len < n && s.same_run(i + best_len - 1, i + best_len) &&
            (fl[i + best_len] & kNotEntityFollower)) {
            i += best_len;
            continue;
        }
        if (!strong.empty() &&
            ((best_len == 1 && (fl[i] & kGivenName)) || generic_model || word_model)) {
            for (auto e : strong)
                if (std::find(weak.begin(), weak.end(), e) == weak.end())
                    weak.push_back(e);
            strong.clear();
        }
        // An overlay's `never`: the form is no name, and confirms or lends its name to nothing.
        if (best_len && never_form(s, i, i + best_len - 1)) {
            i += best_len;
            continue;
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
}

} // namespace polgraph
