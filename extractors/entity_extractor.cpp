#include "extractors/entity_extractor.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>

#include "core/util/text.hpp"

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
    std::string id; // type + ":" + slugify(name), when pattern
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

namespace {

// The word lists a word is in, as bits of EntityExtractor::WordInfo::flags.
enum WordFlag : std::uint64_t {
    kPersonTitle = 1ull << 0,
    kRoleWord = 1ull << 1,
    kReportingVerb = 1ull << 2,
    kOrgSuffix = 1ull << 3,
    kOrgHeadWithOf = 1ull << 4,
    kOrgContextBefore = 1ull << 5,
    kOrgContextAfter = 1ull << 6,
    kModelVersionWord = 1ull << 7,
    kModelContext = 1ull << 8,
    kModelFamilyExclude = 1ull << 9,
    kNotEntityFollower = 1ull << 10,
    kFunctionWord = 1ull << 11,
    kWeakOrgSuffix = 1ull << 12,
    kPolicySuffix = 1ull << 13,
    kBillPrefix = 1ull << 14,
    kNameParticle = 1ull << 15,
    kNotName = 1ull << 16,
    kMonth = 1ull << 17,
    kWeekday = 1ull << 18,
    kGivenName = 1ull << 19,
    kModelFamily = 1ull << 20, // Gazetteer::is_model_family
    kTld = 1ull << 21,         // "ai", "com": "Jengu.ai"
    kReleaseVerb = 1ull << 22, // "released", "launches": organisation develops model
    kModelFiller = 1ull << 23, // "new", "latest": "OpenAI's new GPT-5"
    kConnector = 1ull << 24,   // "of", "and", "the" inside a capitalised name
    kCalled = 1ull << 25,      // "called", "named", "dubbed"
    kChatbot = 1ull << 26,     // "chatbot", "assistant"
    kChatbots = 1ull << 27,    // "chatbots", "assistants"
    kArticleWord = 1ull << 28, // "the", "a", "an"
    kByFrom = 1ull << 29,      // "by", "from": model developed by organisation
    kMadeVerb = 1ull << 30,    // "developed", "made", "built"...
    kOf = 1ull << 31,
    kFor = 1ull << 32,
    kShares = 1ull << 33,
    kExecutive = 1ull << 34,
    kOrder = 1ull << 35,
    kNo = 1ull << 36,
    kAt = 1ull << 37,
};

struct FixedWords {
    std::uint64_t flag;
    std::initializer_list<const char*> words;
};

const FixedWords kFixedWords[] = {
    {kTld, {"ai", "com", "io", "org", "net", "co"}},
    {kReleaseVerb,
     {"released", "releases", "launched", "launches", "unveiled", "unveils", "introduced",
      "introduces", "announced", "announces", "trained", "trains", "built", "builds", "developed",
      "develops", "debuted", "debuts", "shipped", "ships", "open-sourced", "published", "rolled",
      "unveiling", "releasing", "launching"}},
    {kModelFiller,
     {"new", "latest", "flagship", "open", "source", "reasoning", "frontier", "upcoming", "own",
      "recent", "newest"}},
    {kConnector, {"of", "for", "and", "on", "the", "de", "in"}},
    {kCalled, {"called", "named", "dubbed"}},
    {kChatbot, {"chatbot", "assistant"}},
    {kChatbots, {"chatbots", "assistants"}},
    {kArticleWord, {"the", "a", "an"}},
    {kByFrom, {"by", "from"}},
    {kMadeVerb, {"developed", "made", "built", "created", "released", "trained"}},
    {kOf, {"of"}},
    {kFor, {"for"}},
    {kShares, {"shares"}},
    {kExecutive, {"executive"}},
    {kOrder, {"order"}},
    {kNo, {"no"}},
    {kAt, {"at"}},
};

constexpr std::uint32_t kUnknownWord = 0xffffffffu;

// Indices in entity_types().
constexpr std::uint8_t kPerson = 0, kOrganization = 1, kModel = 2, kPolicy = 3, kLocation = 4;

} // namespace

EntityExtractor::WordInfo& EntityExtractor::intern(std::string_view norm) {
    if (WordInfo* w = words_.find(norm)) return *w;
    WordInfo& w = words_.insert(norm);
    w.id = static_cast<std::uint32_t>(words_.size() - 1);
    return w;
}

void EntityExtractor::add_words(const std::unordered_set<std::string>& list, std::uint64_t flag) {
    for (const auto& w : list) intern(w).flags |= flag;
}

const EntityExtractor::WordInfo* EntityExtractor::word(std::string_view norm) const {
    return words_.find(norm);
}

std::uint32_t EntityExtractor::trie_child(std::uint32_t node, std::uint32_t word) const {
    const auto& next = trie_[node].next;
    auto it = std::lower_bound(next.begin(), next.end(), std::make_pair(word, std::uint32_t{0}));
    return it != next.end() && it->first == word ? it->second : kNoNode;
}

EntityExtractor::EntityExtractor(const Gazetteer& gazetteer, const Lexicon& lexicon)
    : gaz_(gazetteer), lex_(lexicon) {
    add_words(lex_.person_titles, kPersonTitle);
    add_words(lex_.role_words, kRoleWord);
    add_words(lex_.reporting_verbs, kReportingVerb);
    add_words(lex_.org_suffixes, kOrgSuffix);
    add_words(lex_.org_heads_with_of, kOrgHeadWithOf);
    add_words(lex_.org_context_before, kOrgContextBefore);
    add_words(lex_.org_context_after, kOrgContextAfter);
    add_words(lex_.model_version_words, kModelVersionWord);
    add_words(lex_.model_context, kModelContext);
    add_words(lex_.model_family_exclude, kModelFamilyExclude);
    add_words(lex_.not_entity_followers, kNotEntityFollower);
    add_words(lex_.function_words, kFunctionWord);
    add_words(lex_.weak_org_suffixes, kWeakOrgSuffix);
    add_words(lex_.policy_suffixes, kPolicySuffix);
    add_words(lex_.bill_prefixes, kBillPrefix);
    add_words(lex_.name_particles, kNameParticle);
    add_words(lex_.not_names, kNotName);
    add_words(lex_.months, kMonth);
    add_words(lex_.weekdays, kWeekday);
    add_words(lex_.given_names, kGivenName);
    for (const auto& [w, count] : gaz_.model_families()) intern(w).flags |= kModelFamily;
    for (const auto& fixed : kFixedWords)
        for (const char* w : fixed.words) intern(w).flags |= fixed.flag;
    // Patterns in Gazetteer::candidates order among those of one first word and length
    // (unambiguous first, then by index): that is the order of a node's list.
    std::vector<std::uint32_t> order(gaz_.pattern_count());
    for (std::uint32_t p = 0; p < order.size(); ++p) order[p] = p;
    std::stable_partition(order.begin(), order.end(),
                          [&](std::uint32_t p) { return !gaz_.pattern(p).ambiguous; });
    std::unordered_map<std::uint64_t, std::uint32_t> edges; // (node, word) -> child, while built
    for (std::uint32_t pid : order) {
        const AliasPattern& pattern = gaz_.pattern(pid);
        WordInfo& first = intern(pattern.tokens[0]);
        if (first.trie == kNoNode) {
            first.trie = static_cast<std::uint32_t>(trie_.size());
            trie_.emplace_back();
        }
        std::uint32_t node = first.trie;
        for (std::size_t k = 1; k < pattern.tokens.size(); ++k) {
            const std::uint32_t id = intern(pattern.tokens[k]).id;
            auto [edge, fresh] = edges.try_emplace(std::uint64_t{node} << 32 | id,
                                                   static_cast<std::uint32_t>(trie_.size()));
            if (fresh) {
                trie_[node].next.emplace_back(id, edge->second);
                trie_.emplace_back();
            }
            node = edge->second;
        }
        TrieNode& end = trie_[node];
        auto rules = std::find(end.rules.begin(), end.rules.end(), pattern.case_rule);
        if (rules == end.rules.end()) rules = end.rules.insert(end.rules.end(), pattern.case_rule);
        end.ends.push_back({pattern.entry, static_cast<std::uint32_t>(rules - end.rules.begin()),
                            pattern.ambiguous});
    }
    for (auto& node : trie_) std::sort(node.next.begin(), node.next.end());

    const auto& types = entity_types();
    entry_type_.resize(gaz_.entries().size());
    vouchers_.resize(gaz_.entries().size());
    // The same few names (developers, parents, countries) recur across entries: each is
    // normalised and looked up once.
    std::unordered_map<std::string, std::vector<std::uint32_t>> named;
    auto find_name = [&](const std::string& name) -> const std::vector<std::uint32_t>& {
        auto it = named.find(name);
        if (it == named.end()) it = named.emplace(name, gaz_.find_name(name)).first;
        return it->second;
    };
    auto parent_of = [&](const std::string& id) -> std::string {
        auto e = gaz_.find_id(id);
        if (!e) return "";
        auto p = gaz_.entry(*e).attrs.find("parent");
        if (p == gaz_.entry(*e).attrs.end()) return "";
        for (auto o : find_name(p->second)) return gaz_.entry(o).id;
        return "";
    };
    for (std::uint32_t e = 0; e < gaz_.entries().size(); ++e) {
        const GazetteerEntry& entry = gaz_.entry(e);
        entry_type_[e] = static_cast<std::uint8_t>(
            std::find(types.begin(), types.end(), entry.type) - types.begin());
        for (const char* key : {"developer", "affiliation", "maker", "jurisdiction", "parent"}) {
            auto it = entry.attrs.find(key);
            if (it == entry.attrs.end()) continue;
            for (auto& part : split(it->second, ';'))
                for (auto o : find_name(std::string(trim(part)))) {
                    const std::string& id = gaz_.entry(o).id;
                    vouchers_[e].push_back(id);
                    std::string up = parent_of(id);
                    if (!up.empty()) vouchers_[e].push_back(up);
                }
        }
        auto j = entry.attrs.find("jurisdiction");
        if (entry.type != "policy" || j == entry.attrs.end()) continue;
        auto& list = jurisdiction_forms_[e];
        for (auto je : find_name(j->second)) {
            const auto& jur = gaz_.entry(je);
            std::vector<std::string> forms{jur.name};
            for (const auto& al : jur.aliases)
                if (!al.empty() && al[0] != '~') forms.push_back(al);
            std::vector<std::vector<std::uint32_t>> form_words;
            for (const auto& form : forms) {
                form_words.emplace_back();
                for (const auto& tok : tokenize_text(form).tokens)
                    form_words.back().push_back(intern(tok.norm).id);
            }
            list.emplace_back(je, std::move(form_words));
        }
    }
}

EntityResult EntityExtractor::extract(const Article& a, const Tokenized& t) const {
    const auto& tk = t.tokens;
    const std::size_t n = tk.size();
    std::vector<Cand> cands;
    // One look-up per token: its word id, word lists and gazetteer patterns.
    std::vector<std::uint32_t> wid(n, kUnknownWord);
    std::vector<std::uint64_t> fl(n, 0);
    std::vector<std::uint32_t> root(n, kNoNode);
    for (std::size_t i = 0; i < n; ++i)
        if (const WordInfo* w = word(tk[i].norm)) {
            wid[i] = w->id;
            fl[i] = w->flags;
            root[i] = w->trie;
        }
    const WordInfo* no_word = word(""); // what prev_flags/next_flags give at a sentence edge
    const std::uint64_t no_word_flags = no_word ? no_word->flags : 0;
    auto is_type = [&](std::uint32_t e, std::uint8_t type) { return entry_type_[e] == type; };

    // ---- 1. Gazetteer: longest match at each position, left to right.
    std::vector<std::uint32_t> path; // trie nodes matched from i, by length - 1
    std::vector<char> rules_ok;      // per case-rule set of a node: does the text fit it
    for (std::size_t i = 0; i < n;) {
        std::size_t best_len = 0;
        std::vector<std::uint32_t> strong, weak;
        // A name glued to a version number is a different, longer name ("GPT-5" in "GPT-5.4"),
        // left to the discovery rules; so is one glued after a number.
        const bool glued_after_number = i > 0 && glued(tk[i]) && same_run(t, i - 1, i) &&
                                        tk[i - 1].has_digit && !tk[i - 1].has_letter;
        if (root[i] != kNoNode && !glued_after_number) {
            // The words of a name, in one run; then its case, longest name first.
            path.assign(1, root[i]);
            for (std::size_t k = 1; i + k < n && same_run(t, i + k - 1, i + k); ++k) {
                std::uint32_t next = trie_child(path.back(), wid[i + k]);
                if (next == kNoNode) break;
                path.push_back(next);
            }
            for (std::size_t len = path.size(); len > 0 && !best_len; --len) {
                if (i + len < n && glued(tk[i + len]) && same_run(t, i + len - 1, i + len) &&
                    tk[i + len].has_digit)
                    continue;
                const TrieNode& node = trie_[path[len - 1]];
                if (node.ends.empty()) continue;
                rules_ok.assign(node.rules.size(), 0);
                for (std::size_t r = 0; r < node.rules.size(); ++r) {
                    bool ok = true;
                    for (std::size_t k = 0; k < len && ok; ++k)
                        ok = case_ok(node.rules[r][k], tk[i + k]);
                    rules_ok[r] = ok;
                }
                for (const PatternEnd& p : node.ends) {
                    if (!rules_ok[p.rules]) continue;
                    best_len = len;
                    auto& bucket = p.ambiguous ? weak : strong;
                    if (std::find(bucket.begin(), bucket.end(), p.entry) == bucket.end())
                        bucket.push_back(p.entry);
                }
            }
        }
        // A one-word name that is also a common first name ("Yi", "Grace") needs confirmation.
        bool generic_model = false; // "Step-1" in a numbered list is a step, not StepFun's model
        for (auto e : strong)
            if (is_type(e, kModel) && (fl[i] & kModelFamilyExclude)) generic_model = true;
        // A model called by an ordinary capitalised word ("Gemini", "Claude", "Phi") needs its
        // developer or a model cue in the article.
        bool word_model = false;
        if (best_len == 1 && tk[i].cap && !tk[i].has_digit && !tk[i].all_caps) {
            const std::string& text = a.blocks[tk[i].block].text;
            std::size_t k = tk[i].begin, uppers = 0;
            while (k < tk[i].end) uppers += is_upper(next_codepoint(text, k)) ? 1 : 0;
            if (uppers == 1)
                for (auto e : strong)
                    if (is_type(e, kModel)) word_model = true;
        }
        // "the Amazon rainforest", "apple pie": a word that says it is not the entity.
        if (best_len && i + best_len < n && same_run(t, i + best_len - 1, i + best_len) &&
            (fl[i + best_len] & kNotEntityFollower)) {
            i += best_len;
            continue;
        }
        if (!strong.empty() &&
            ((best_len == 1 && (fl[i] & kGivenName)) || generic_model || word_model)) {
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
    auto is_name_word = [&](std::size_t k) {
        const Token& x = tk[k];
        return x.cap && x.has_letter && !x.has_digit && !(fl[k] & (kNotName | kMonth | kWeekday));
    };
    // Word lists of the previous/next word in the same sentence (of the empty word at its edge).
    auto prev_flags = [&](std::size_t i) {
        return i > 0 && tk[i - 1].block == tk[i].block && tk[i - 1].sentence == tk[i].sentence
                   ? fl[i - 1]
                   : no_word_flags;
    };
    auto next_flags = [&](std::size_t i) {
        return i + 1 < n && tk[i + 1].block == tk[i].block && tk[i + 1].sentence == tk[i].sentence
                   ? fl[i + 1]
                   : no_word_flags;
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
        if (c.pattern) c.id = type + ":" + slugify(c.name);
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
        return !c.entries.empty() && is_type(c.entries.front(), kModel);
    };

    // 2a. Models: a known family name followed by a version ("GPT-5.4 Thinking", "Qwen2.5-72B").
    const std::size_t n_gazetteer = cands.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (strong_cov[i] || !tk[i].has_letter) continue;
        std::string_view fam = tk[i].norm;
        while (!fam.empty() && (std::isdigit(static_cast<unsigned char>(fam.back())) ||
                                fam.back() == '.'))
            fam.remove_suffix(1);
        if (fam.size() < 2) continue;
        std::uint64_t fam_flags = fl[i];
        if (fam.size() != tk[i].norm.size()) {
            const WordInfo* w = word(fam);
            fam_flags = w ? w->flags : 0;
        }
        if (!(fam_flags & kModelFamily) || (fam_flags & kModelFamilyExclude)) continue;
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
            bool word = (fl[j + 1] & kModelVersionWord) && (x.joiner_before != ' ' || x.cap);
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
        if (strong_cov[i] || !tk[i].cap || !tk[i].has_letter ||
            (fl[i] & (kNotName | kModelFamilyExclude)))
            continue;
        std::size_t j = i;
        if (j + 1 < n && same_run(t, j, j + 1) && tk[j + 1].cap && !strong_cov[j + 1] &&
            !tk[j + 1].has_digit)
            ++j;
        if (!(j + 1 < n && same_run(t, j, j + 1) && !strong_cov[j + 1] && is_size(tk[j + 1].norm)))
            continue;
        std::size_t k = j + 1;
        while (k + 1 < n && same_run(t, k, k + 1) && !strong_cov[k + 1] &&
               (tk[k + 1].has_digit || (fl[k + 1] & kModelVersionWord)) &&
               tk[k + 1].norm.size() <= 8)
            ++k;
        add_pattern(i, k, "model", surface(a, t, i, k), 0.8);
        i = k;
    }
    for (std::size_t i = 1; i + 1 < n; ++i) {
        if (!(fl[i] & kCalled)) continue;
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
            if (fl[b] & (kModelContext | kChatbot))
                kind = "model";
            else if (fl[b] & kOrgContextBefore)
                kind = "organization";
            if (!kind.empty()) break;
        }
        if (!kind.empty()) add_pattern(f, l, kind, surface(a, t, f, l), 0.7);
    }
    // Organisations that go by their web domain ("Jengu.ai").
    for (std::size_t i = 0; i + 1 < n; ++i) {
        if (strong_cov[i] || !tk[i].cap || strong_cov[i + 1] || !same_run(t, i, i + 1)) continue;
        if (tk[i + 1].joiner_before != '.' || !(fl[i + 1] & kTld) || tk[i + 1].cap) continue;
        add_pattern(i, i + 1, "organization", surface(a, t, i, i + 1), 0.7);
        ++i;
    }

    // 2b. Bill numbers ("SB 53", "AB 2013") and numbered executive orders.
    for (std::size_t i = 0; i + 1 < n; ++i) {
        if (strong_cov[i]) continue;
        if ((fl[i] & kBillPrefix) && tk[i].all_caps && same_run(t, i, i + 1) &&
            tk[i + 1].has_digit && !tk[i + 1].has_letter && !strong_cov[i + 1]) {
            std::string prefix = a.blocks[tk[i].block].text.substr(tk[i].begin, tk[i].end - tk[i].begin);
            std::string num = a.blocks[tk[i].block].text.substr(tk[i + 1].begin,
                                                                 tk[i + 1].end - tk[i + 1].begin);
            add_pattern(i, i + 1, "policy", prefix + " " + num, 0.8);
            ++i;
            continue;
        }
        if ((fl[i] & kExecutive) && tk[i].cap && i + 2 < n && (fl[i + 1] & kOrder) &&
            same_run(t, i, i + 1)) {
            std::size_t k = i + 2;
            if ((fl[k] & kNo) && k + 1 < n) ++k;
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
    auto connector = [&](std::size_t k) { return !tk[k].cap && (fl[k] & kConnector); };
    auto passable = [&](std::size_t k) { // a known place or organisation inside a longer name
        long ci = cand_at[k];
        if (ci < 0) return false;
        const Cand& c = cands[static_cast<std::size_t>(ci)];
        if (c.pattern || c.entries.empty()) return false;
        return is_type(c.entries.front(), kLocation) || is_type(c.entries.front(), kOrganization);
    };
    for (std::size_t i = 0; i < n; ++i) {
        if (strong_cov[i] || !tk[i].cap || !tk[i].has_letter) continue;
        if (fl[i] & kFunctionWord) continue; // "The", "In" never start a name
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
                } else if ((fl[j + 1] & (kOf | kFor)) && !tk[j + 1].cap &&
                           j + 2 < n && same_run(t, j + 1, j + 2) && cap_ok(j + 2)) {
                    j += 1;
                } else {
                    break;
                }
            }
            // "Bank of Canada": an organisation head, "of", and a known place.
            bool head_of = s0 == i && j > i + 1 && (fl[i] & kOrgHeadWithOf) &&
                           (fl[i + 1] & (kOf | kFor)) && inner &&
                           !tk[i].sent_start;
            if (inner && j > s0 &&
                (head_of || (!strong_cov[j] && (fl[j] & kOrgSuffix) &&
                             (!(fl[j] & kWeakOrgSuffix) || j - s0 >= 3))) &&
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
            if ((connector(j + 1) || (fl[j + 1] & kNameParticle)) && j + 2 < n &&
                same_run(t, j + 1, j + 2) && tk[j + 2].cap && !strong_cov[j + 2]) {
                j += 2;
                continue;
            }
            break;
        }
        std::size_t f = i;
        // Leading function words and sentence-initial filler are not part of a name.
        while (f <= j && ((fl[f] & kFunctionWord) ||
                          (tk[f].sent_start && (fl[f] & kNotName) &&
                           !(fl[f] & (kOrgHeadWithOf | kOrgSuffix)))))
            ++f;
        if (f > j) { i = j; continue; }
        const bool heading = block_kind(f) == Block::Kind::Heading ||
                             block_kind(f) == Block::Kind::Title;
        bool done = false;
        // Policy: ends with Act/Bill/Directive/...; two words at least.
        if (j > f && (fl[j] & kPolicySuffix) && !heading) {
            add_pattern(f, j, "policy", surface(a, t, f, j), 0.8);
            done = true;
        }
        // Organisation: suffix ("... Labs", "... Inc") or "Ministry of ...".
        if (!done && !heading) {
            bool suffix = j > f && (fl[j] & kOrgSuffix) && tk[f].cap && !(fl[f] & kGivenName);
            // "Chinese AI", "Artificial Intelligence": descriptive words before a suffix.
            bool named = j - f >= 2;
            for (std::size_t k = f; k < j; ++k)
                if (!(fl[k] & (kNotName | kOrgSuffix)))
                    named = true;
            if (!named) suffix = false;
            // "Define AI" at the start of a sentence is a verb phrase, not a company.
            if (suffix && tk[f].sent_start && j - f == 1 && (fl[j] & kWeakOrgSuffix))
                suffix = false;
            bool head_of = false;
            for (std::size_t k = f; k < j; ++k)
                if ((fl[k] & kOrgHeadWithOf) && (fl[k + 1] & (kOf | kFor)))
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
                while (e + 1 <= j && !connector(e + 1)) ++e;
                std::size_t ps = s;
                bool title_cue = false;
                if (prev_flags(ps) & kPersonTitle) title_cue = true;
                while (ps <= e && (fl[ps] & kPersonTitle)) {
                    title_cue = true;
                    ++ps;
                }
                std::size_t len = ps <= e ? e - ps + 1 : 0;
                bool shape = len >= 2 && len <= 4;
                for (std::size_t k = ps; shape && k <= e; ++k) {
                    if ((fl[k] & kNameParticle) && k != ps && k != e) continue;
                    bool initial = tk[k].end - tk[k].begin == 1 && tk[k].cap && k != e;
                    if (!initial && !is_name_word(k)) shape = false;
                    if (tk[k].all_caps && tk[k].end - tk[k].begin > 1) shape = false;
                }
                if (shape && tk[e].end - tk[e].begin < 2) shape = false;
                if (shape) {
                    bool given = (fl[ps] & kGivenName) != 0;
                    bool verb = (next_flags(e) & kReportingVerb) != 0;
                    bool appos = false;
                    if (e + 2 < n && tk[e + 1].hard_before && tk[e + 1].block == tk[e].block) {
                        std::size_t k = e + 1;
                        if (fl[k] & kArticleWord) ++k;
                        appos = k < n && (fl[k] & kRoleWord) && !tk[k].cap;
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
                while (s <= j && connector(s)) ++s;
            }
        }
        i = j;
    }

    // 2d. Organisations named by context: "startup X", "X's CEO", "shares of X".
    for (std::size_t i = 0; i < n; ++i) {
        if (strong_cov[i] || !tk[i].cap || !tk[i].has_letter) continue;
        if (fl[i] & (kNotName | kGivenName)) continue;
        std::size_t j = i;
        while (j + 1 < n && j < i + 2 && same_run(t, j, j + 1) && tk[j + 1].cap &&
               !strong_cov[j + 1] && !(fl[j + 1] & kNotName))
            ++j;
        const std::uint64_t before = prev_flags(i);
        bool cue_before = (before & kOrgContextBefore) && i > 0 && !tk[i - 1].cap;
        bool cue_shares = (before & kOf) && i >= 2 && (fl[i - 2] & kShares);
        bool cue_after = tk[j].possessive && (next_flags(j) & kOrgContextAfter);
        if ((cue_before || cue_shares || cue_after) && !(tk[i].sent_start && !cue_before)) {
            add_pattern(i, j, "organization", surface(a, t, i, j), 0.7);
        }
        i = j;
    }

    // Discovered people are also named by their surname alone later on ("Amodei").
    std::map<std::string, std::size_t, std::less<>> surname_of; // surname norm -> cand index
    for (std::size_t c = 0; c < cands.size(); ++c)
        if (cands[c].pattern && cands[c].type == "person")
            surname_of.emplace(tk[cands[c].last].norm, c);
    // Acronyms defined in the text: "European Union (EU)".
    std::map<std::string, std::size_t, std::less<>> acronym_of; // exact text -> cand index
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
            const std::string_view text = std::string_view(a.blocks[tk[i].block].text)
                                              .substr(tk[i].begin, tk[i].end - tk[i].begin);
            std::size_t src = static_cast<std::size_t>(-1);
            if (auto it = acronym_of.find(text); it != acronym_of.end()) src = it->second;
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
        return c.pattern ? c.id : gaz_.entry(e).id;
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
    // (vouchers_, computed once: see the constructor)
    auto context_named = [&](std::uint32_t e) {
        for (const auto& id : vouchers_[e])
            if (strong_ids.count(id)) return true;
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
            !(fl[c.last + 1] & kNotName))
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
            (fl[c.first - 1] & kPersonTitle) && tk[c.first - 1].cap &&
            tk[c.first - 1].block == tk[c.first].block) {
            // "Governor Newsom": a title before a known surname.
            for (auto e : c.entries)
                if (is_type(e, kPerson)) keep.push_back(e);
        }
        if (keep.empty()) {
            // Local cues: "DeepSeek's R1", "the Gemini model", "startup Scale".
            for (auto e : c.entries) {
                const std::uint8_t type = entry_type_[e];
                const std::uint64_t before = prev_flags(c.first), after = next_flags(c.last);
                bool org_poss = c.first > 0 && tk[c.first - 1].possessive &&
                                tk[c.first - 1].block == tk[c.first].block;
                // In a list of models: "chatbots like ChatGPT, Claude, or Poke",
                // "models like Llama, Mistral, DBRX, Qwen".
                bool in_model_list = false;
                if (type == kModel) {
                    for (std::size_t b = c.first, steps = 0; b-- > 0 && steps < 10; ++steps) {
                        if (tk[b].sentence != tk[c.first].sentence) break;
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
                if (type == kModel && (org_poss || (after & kModelContext) ||
                                       (before & kModelContext) || in_model_list))
                    keep.push_back(e);
                else if (type == kOrganization && ((after & kOrgContextAfter) ||
                                                   ((before & kOrgContextBefore) &&
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
        if (gaz_.has_never_forms() &&
            gaz_.is_never(collapse_spaces(surface(a, t, c.first, c.last))))
            continue; // an overlay's `never`
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
            if (!pred(k)) return false;
        return true;
    };
    auto add_rel = [&](const std::string& type, const Mention& s, const Mention& o,
                       std::size_t at) {
        r.relations.push_back({type, s.id, o.id, tk[at].sentence,
                               sentence_text(a, t, tk[at].sentence, at)});
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
    for (const auto& m : ms) longest_mention = std::max(longest_mention, m.last - m.first);
    for (std::size_t x = 0, lo = 0; x < ms.size(); ++x) {
        while (ms[lo].first + longest_mention + kRelationReach < ms[x].first) ++lo;
        std::size_t hi = x;
        while (hi < ms.size() && ms[hi].first <= ms[x].last + kRelationReach) ++hi;
        for (std::size_t y = lo; y < hi; ++y) {
            if (x == y) continue;
            const Mention& p = ms[x];
            const Mention& o = ms[y];
            const std::uint8_t pt = mt[x], ot = mt[y];
            if (tk[p.first].sentence != tk[o.first].sentence) continue;
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
                    if (fl[k] & kArticleWord) ++k;
                    std::size_t roles = 0;
                    while (k < o.first && (fl[k] & kRoleWord)) ++k, ++roles;
                    bool linked = roles > 0 && k == o.first - 1 && (fl[k] & (kOf | kAt | kFor));
                    if (roles > 0 && linked) add_rel("affiliated_with", p, o, p.first);
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
                        if (fl[k] & kReleaseVerb) verb = true;
                        if (tk[k].cap && !tk[k].sent_start) clean = false;
                    }
                    for (std::size_t z = lo; z < hi; ++z)
                        if (ms[z].first > p.last && ms[z].first < o.first) clean = false;
                    if (verb && clean) add_rel("develops", p, o, o.first);
                }
            }
            if (pt == kModel && ot == kOrganization && p.last < o.first &&
                o.first - p.last <= 4) {
                bool by = false, clean = true;
                for (std::size_t k = p.last + 1; k < o.first; ++k) {
                    if (fl[k] & kByFrom) by = true;
                    else if (!(fl[k] & kMadeVerb)) clean = false;
                }
                if (by && clean && tk[o.first].block == tk[p.first].block)
                    add_rel("develops", o, p, p.first);
            }
            // jurisdiction: policy -> location/organization, "California's SB 53", "U.S. export
            // controls" when written apart.
            if (pt == kPolicy && (ot == kLocation || ot == kOrganization) &&
                o.last + 1 == p.first && same_run(t, o.last, p.first) == false &&
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
        if (m.type != "policy" || m.source != "gazetteer") continue;
        auto e = gaz_.find_id(m.id);
        if (!e) continue;
        auto jf = jurisdiction_forms_.find(*e);
        if (jf == jurisdiction_forms_.end()) continue;
        for (const auto& [je, forms] : jf->second) {
            const auto& jur = gaz_.entry(je);
            if (!agg.count(jur.id) && std::none_of(r.entities.begin(), r.entities.end(),
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
    return r;
}

} // namespace polgraph
