#include "extractors/keyphrase_extractor.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "core/util/text.hpp"
#include "extractors/topic_extractor.hpp"

namespace polgraph {

KeyphraseLexicon KeyphraseLexicon::load(const std::string& data_dir) {
    KeyphraseLexicon lex;
    if (auto text = read_data_file(data_dir, "stopwords.txt", "stop-word list")) lex.add_text(*text);
    return lex;
}

void KeyphraseLexicon::add_text(std::string_view text) {
    std::unordered_set<std::string>* into = &stopwords;
    for (const auto& line : split(text, '\n')) {
        std::string_view l = line;
        if (auto hash = l.find('#'); hash != std::string_view::npos) l = l.substr(0, hash);
        l = trim(l);
        if (l == "[keep]" || l == "[stop]" || l == "[not alone]") {
            into = l == "[keep]" ? &keep : l == "[stop]" ? &stopwords : &not_alone;
            continue;
        }
        std::istringstream words{std::string(l)};
        std::string w;
        while (words >> w) into->insert(casefold(w));
    }
}

namespace {

struct Candidate {
    double tf = 0;
    std::size_t words = 0;
    std::map<std::string, int> shown; ///< display form -> occurrences
};

} // namespace

std::vector<KeyphraseRecord>
KeyphraseExtractor::extract(const Article& a, const Tokenized& t,
                            const std::vector<EntityRecord>& entities) const {
    const auto& tk = t.tokens;
    const std::vector<double> where = block_position_weights(a);
    // Names found as entities are not phrases, nor is one word of such a name ("Yi", "Spark").
    std::unordered_set<std::string> entity_forms, entity_words;
    // The words of every entity form, by first word, to find where the text names one.
    std::unordered_map<std::string, std::vector<std::vector<std::string>>> forms_by_first;
    for (const auto& e : entities) {
        entity_forms.insert(slugify(e.name));
        for (const auto& f : e.forms) {
            entity_forms.insert(slugify(f));
            std::vector<std::string> words;
            for (const auto& w : tokenize_text(f).tokens) words.push_back(w.norm);
            for (const auto& w : words) entity_words.insert(w);
            if (!words.empty()) forms_by_first[words.front()].push_back(std::move(words));
        }
    }
    // Tokens that are part of a capitalised entity name in the text: no candidate contains one
    // ("OpenAI CEO Sam Altman" gives no phrase; "US export controls" gives "export controls").
    std::vector<char> named(tk.size(), 0);
    for (std::size_t i = 0; i < tk.size(); ++i) {
        if (!(tk[i].cap || tk[i].all_caps)) continue;
        auto it = forms_by_first.find(tk[i].norm);
        if (it == forms_by_first.end()) continue;
        for (const auto& words : it->second) {
            std::size_t n = 0;
            while (n < words.size() && i + n < tk.size() && tk[i + n].block == tk[i].block &&
                   tk[i + n].norm == words[n])
                ++n;
            if (n == words.size()) std::fill(named.begin() + i, named.begin() + i + n, 1);
        }
    }
    // Words that may stand in a candidate; everything else ends the run.
    auto usable = [&](const Token& k) {
        if (named[static_cast<std::size_t>(&k - tk.data())]) return false;
        if (!k.has_letter || lex_.stopwords.count(k.norm) ||
            k.norm.find('\'') != std::string::npos)
            return false;
        std::size_t cps = 0;
        for (std::size_t i = 0; i < k.norm.size(); ++i)
            if ((static_cast<unsigned char>(k.norm[i]) & 0xC0) != 0x80) ++cps;
        if (cps < 2) return false;
        return !(k.norm.size() > 4 && k.norm.ends_with("ly"));
    };
    auto verb_like = [&](const Token& k, const char* ending) {
        return k.norm.size() > 4 && k.norm.ends_with(ending) && !lex_.keep.count(k.norm);
    };
    // Names and acronyms keep their case ("DeepSeek", "GPUs"); other words are lower-cased.
    auto keeps_case = [&](const Token& k) {
        if (k.all_caps || (k.cap && !k.sent_start)) return true;
        const std::string& text = a.blocks[k.block].text;
        for (std::uint32_t i = k.begin + 1; i < k.end; ++i)
            if (text[i] >= 'A' && text[i] <= 'Z') return true;
        return false;
    };
    std::map<std::string, Candidate> cands; // slug -> candidate
    auto add = [&](std::size_t first, std::size_t last) {
        // Leading verbs: "maintaining leadership", "screened Steven Spielberg".
        auto strip = [&]() {
            while (first <= last && (verb_like(tk[first], "ing") ||
                                     (first < last && verb_like(tk[first], "ed") &&
                                      tk[first + 1].cap && !tk[first + 1].all_caps &&
                                      !tk[first + 1].sent_start)))
                ++first;
        };
        strip();
        // Of a longer run, the last three words: English noun phrases end with their head.
        if (first <= last && last - first >= 4) {
            first = last - 2;
            strip();
        }
        if (first > last) return;
        const std::size_t n = last - first + 1;
        // Alone, a generic word ("company", "top") or a bare verb says nothing of the article.
        if (n == 1 && (verb_like(tk[first], "ed") || !tk[first].has_letter ||
                       entity_words.count(tk[first].norm) || lex_.not_alone.count(tk[first].norm)))
            return;
        std::string raw = token_span_text(a, t, first, last);
        if (entity_forms.count(slugify(raw))) return;
        std::string shown;
        for (std::size_t i = first; i <= last; ++i) {
            const Token& k = tk[i];
            const std::string& text = a.blocks[k.block].text;
            std::string w = keeps_case(k) ? text.substr(k.begin, k.end - k.begin) : k.norm;
            if (i == last && w == k.norm) w = singular_word(w);
            if (i > first) shown += k.joiner_before == '-' ? "-" : " ";
            shown += w;
        }
        Candidate& c = cands[slugify(shown)];
        c.tf += where[tk[first].block];
        c.words = n;
        c.shown[shown] += 1;
    };
    std::size_t start = 0;
    bool open = false;
    for (std::size_t i = 0; i <= tk.size(); ++i) {
        const bool joins = i < tk.size() && open && !tk[i].hard_before &&
                           tk[i].block == tk[start].block &&
                           (tk[i].joiner_before == ' ' || tk[i].joiner_before == '-') &&
                           !tk[i - 1].possessive;
        // A number continues a name ("SB 53", "Llama 4"); a verb in -ed starts a new run.
        const bool number = i < tk.size() && !tk[i].has_letter && tk[i].has_digit && joins &&
                            (tk[i - 1].cap || tk[i - 1].all_caps);
        const bool ok = i < tk.size() && (usable(tk[i]) || number);
        const bool verb = ok && joins && tk[i].joiner_before != '-' && verb_like(tk[i], "ed");
        if (open && !(joins && ok && !verb)) {
            add(start, i - 1);
            open = false;
        }
        if (ok && !open && (usable(tk[i]))) {
            start = i;
            open = true;
        }
    }
    std::vector<KeyphraseRecord> out;
    out.reserve(cands.size());
    for (const auto& [slug, c] : cands) {
        if (c.tf < (c.words == 1 ? 3.0 : 1.5)) continue;
        // The display form seen most often (ties: the first in order).
        const auto best = std::max_element(c.shown.begin(), c.shown.end(),
                                           [](const auto& x, const auto& y) { return x.second < y.second; });
        double w = (1.0 + std::log(c.tf)) *
                   (c.words == 1 ? 0.5 : 1.0 + static_cast<double>(c.words - 2) / 4.0);
        out.push_back({best->first, round_score(w)});
    }
    std::sort(out.begin(), out.end(), [](const KeyphraseRecord& x, const KeyphraseRecord& y) {
        return x.score != y.score ? x.score > y.score : x.text < y.text;
    });
    if (out.size() > max_) out.resize(max_);
    return out;
}

} // namespace polgraph
