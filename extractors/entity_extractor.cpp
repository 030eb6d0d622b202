// EntityExtractor: construction (word lists interned, the gazetteer's trie, per-entry context
// ids) and extract(), which runs the phases of entity_matching, entity_discovery,
// entity_resolution and entity_relations over one article.
#include "extractors/entity_extractor.hpp"

#include <algorithm>
#include <unordered_map>

#include "core/util/text.hpp"
#include "extractors/entity_scan.hpp"

namespace polgraph {

using namespace detail;

namespace {

struct FixedWords {
    std::uint64_t flag;
    std::initializer_list<const char*> words;
};

const FixedWords kFixedWords[] = {
    {kTld, {"ai", "com", "io", "org", "net", "co"}},
    {kReleaseVerb,
     {"released",   "releases",  "launched",  "launches",  "unveiled", "unveils", "introduced",
      "introduces", "announced", "announces", "trained",   "trains",   "built",   "builds",
      "developed",  "develops",  "debuted",   "debuts",    "shipped",  "ships",   "open-sourced",
      "published",  "rolled",    "unveiling", "releasing", "launching"}},
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
    {kAnd, {"and", "&"}},
    {kGivenNameTitle, {"sir", "dame"}},
    {kLeadRole,
     {"ceo", "cto", "cfo", "coo", "founder", "co-founder", "cofounder", "chairman", "chairwoman",
      "partner"}},
    {kExchange,
     {"nasdaq", "nyse", "lse", "tsx", "hkex", "asx", "krx", "euronext", "sgx", "bse", "nse", "szse",
      "sse", "tyo", "otc", "otcqx"}},
    {kWorkAt,
     {"works", "worked", "working", "employed", "stint", "tenure", "career", "job", "internship"}},
    {kFounded, {"founded", "cofounded"}},
    {kPostWord,
     {"posted", "post", "posts", "posting", "wrote", "writes", "tweeted", "shared", "message",
      "thread", "video", "account", "livestream", "livestreamed"}},
    {kOn, {"on"}},
    {kOutletVerb,
     {"reports", "reported", "reporting", "writes", "wrote", "revealed", "reveals", "confirmed",
      "confirms", "obtained", "published", "publishes", "said", "says", "noted", "notes"}},
    {kAccording, {"according"}},
    {kTold, {"told"}},
    {kLegalSuffix, {"inc", "incorporated", "corp", "corporation", "co",  "ltd", "limited", "llc",
                    "plc", "gmbh",         "ag",   "sa",          "sas", "nv",  "bv",      "pbc",
                    "lp",  "llp",          "pte",  "pty",         "spa", "srl"}},
};

} // namespace

EntityExtractor::WordInfo& EntityExtractor::intern(std::string_view norm) {
    if (WordInfo* w = words_.find(norm))
        return *w;
    WordInfo& w = words_.insert(norm);
    w.id = static_cast<std::uint32_t>(words_.size() - 1);
    return w;
}

void EntityExtractor::add_words(const std::unordered_set<std::string>& list, std::uint64_t flag) {
    for (const auto& w : list)
        intern(w).flags |= flag;
}

const EntityExtractor::WordInfo* EntityExtractor::word(std::string_view norm) const {
    return words_.find(norm);
}

std::uint32_t EntityExtractor::trie_child(std::uint32_t node, std::uint32_t word) const {
    const auto& next = trie_[node].next;
    auto it = std::lower_bound(next.begin(), next.end(), std::make_pair(word, std::uint32_t{0}));
    return it != next.end() && it->first == word ? it->second : kNoNode;
}

void EntityExtractor::add_family_names() {
    // A person written family name first ("Xi Jinping", "Lee Jae-myung") is called by that first
    // word alone, where the gazetteer derives the last word of other names: an ambiguous
    // one-word pattern for it. Also each person's prominence.
    prominence_.assign(gaz_.entries().size(), 0);
    std::unordered_map<std::string, std::uint32_t> shared; // model keys of two entries
    for (std::uint32_t e = 0; e < gaz_.entries().size(); ++e) {
        const GazetteerEntry& entry = gaz_.entry(e);
        if (entry.type == "model") {
            std::vector<std::string> forms{entry.name};
            for (const auto& al : entry.aliases)
                if (!al.empty() && al[0] != '~')
                    forms.push_back(al);
            for (const auto& form : forms) {
                auto [it, fresh] = model_keys_.emplace(model_version_key(form), e);
                if (!fresh && it->second != e)
                    shared.emplace(it->first, e);
            }
        }
        if (entry.type != "person")
            continue;
        if (auto p = entry.attrs.find("prominence"); p != entry.attrs.end() && !p->second.empty())
            prominence_[e] =
                static_cast<std::uint8_t>(std::clamp(static_cast<int>(p->second[0] - '0'), 0, 9));
        const Tokenized t = tokenize_text(entry.name);
        if (t.tokens.size() < 2 || !t.tokens[0].cap)
            continue;
        const WordInfo* fam = word(t.tokens[0].norm);
        if (!fam || !(fam->flags & kFamilyFirst)) {
            given_names_[t.tokens[0].norm].push_back(e);
            continue;
        }
        bool family_first = false;
        for (std::size_t o = 0; o < lex_.name_origins.size() && !family_first; ++o) {
            const NameOrigin& origin = lex_.name_origins[o];
            if (!origin.family_first || !(fam->origins >> o & 1u) || origin.syllables.empty())
                continue;
            family_first = true;
            for (std::size_t k = 1; k < t.tokens.size() && family_first; ++k) {
                const Token& x = t.tokens[k];
                const bool piece = !x.cap && x.joiner_before == '-';
                family_first = piece || syllable_count(x.norm, origin.syllables) > 0;
            }
        }
        if (!family_first || fam->trie == kNoNode)
            continue;
        TrieNode& node = trie_[fam->trie];
        const std::vector<std::uint8_t> capitalised{1};
        if (std::any_of(node.ends.begin(), node.ends.end(),
                        [&](const PatternEnd& p) { return p.entry == e; }))
            continue;
        auto rules = std::find(node.rules.begin(), node.rules.end(), capitalised);
        if (rules == node.rules.end())
            rules = node.rules.insert(node.rules.end(), capitalised);
        node.ends.push_back({e, static_cast<std::uint32_t>(rules - node.rules.begin()), true});
    }
    for (const auto& [key, e] : shared)
        model_keys_.erase(key);
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
    add_words(lex_.post_nominals, kPostNominal);
    add_words(lex_.peerage_titles, kPeerage);
    add_words(lex_.not_person_words, kNotPersonWord);
    add_words(lex_.common_words, kCommonWord);
    add_words(lex_.position_words, kPosition);
    add_words(lex_.org_apposition_heads, kOrgHead);
    for (const auto& origin : lex_.name_origins) add_words(origin.syllables, kNameSyllable);
    for (const auto& [w, info] : lex_.surnames) {
        WordInfo& wi = intern(w);
        wi.origins |= info.origins;
        wi.ambiguous_origins |= info.ambiguous;
        wi.flags |= info.origins ? kSurname : kAmbiguousSurname;
        for (std::size_t o = 0; o < lex_.name_origins.size(); ++o)
            if ((info.origins >> o & 1u) && lex_.name_origins[o].family_first)
                wi.flags |= kFamilyFirst;
    }
    for (const auto& [w, count] : gaz_.model_families())
        intern(w).flags |= kModelFamily;
    for (const auto& fixed : kFixedWords)
        for (const char* w : fixed.words)
            intern(w).flags |= fixed.flag;
    // Patterns in Gazetteer::candidates order among those of one first word and length
    // (unambiguous first, then by index): that is the order of a node's list.
    std::vector<std::uint32_t> order(gaz_.pattern_count());
    for (std::uint32_t p = 0; p < order.size(); ++p)
        order[p] = p;
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
        if (rules == end.rules.end())
            rules = end.rules.insert(end.rules.end(), pattern.case_rule);
        end.ends.push_back({pattern.entry, static_cast<std::uint32_t>(rules - end.rules.begin()),
                            pattern.ambiguous});
    }
    for (auto& node : trie_)
        std::sort(node.next.begin(), node.next.end());
    add_family_names();

    const auto& types = entity_types();
    entry_type_.resize(gaz_.entries().size());
    vouchers_.resize(gaz_.entries().size());
    // The same few names (developers, parents, countries) recur across entries: each is
    // normalised and looked up once.
    std::unordered_map<std::string, std::vector<std::uint32_t>> named;
    auto find_name = [&](const std::string& name) -> const std::vector<std::uint32_t>& {
        auto it = named.find(name);
        if (it == named.end())
            it = named.emplace(name, gaz_.find_name(name)).first;
        return it->second;
    };
    auto parent_of = [&](const std::string& id) -> std::string {
        auto e = gaz_.find_id(id);
        if (!e)
            return "";
        auto p = gaz_.entry(*e).attrs.find("parent");
        if (p == gaz_.entry(*e).attrs.end())
            return "";
        for (auto o : find_name(p->second))
            return gaz_.entry(o).id;
        return "";
    };
    for (std::uint32_t e = 0; e < gaz_.entries().size(); ++e) {
        const GazetteerEntry& entry = gaz_.entry(e);
        entry_type_[e] = static_cast<std::uint8_t>(
            std::find(types.begin(), types.end(), entry.type) - types.begin());
        for (const char* key : {"developer", "affiliation", "maker", "jurisdiction", "parent"}) {
            auto it = entry.attrs.find(key);
            if (it == entry.attrs.end())
                continue;
            for (auto& part : split(it->second, ';'))
                for (auto o : find_name(std::string(trim(part)))) {
                    const std::string& id = gaz_.entry(o).id;
                    vouchers_[e].push_back(id);
                    std::string up = parent_of(id);
                    if (!up.empty())
                        vouchers_[e].push_back(up);
                }
        }
        auto j = entry.attrs.find("jurisdiction");
        if (entry.type != "policy" || j == entry.attrs.end())
            continue;
        auto& list = jurisdiction_forms_[e];
        for (auto je : find_name(j->second)) {
            const auto& jur = gaz_.entry(je);
            std::vector<std::string> forms{jur.name};
            for (const auto& al : jur.aliases)
                if (!al.empty() && al[0] != '~')
                    forms.push_back(al);
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

void EntityExtractor::look_up_words(Scan& s) const {
    for (std::size_t i = 0; i < s.n; ++i)
        if (const WordInfo* w = word(s.tk[i].norm)) {
            s.wid[i] = w->id;
            s.fl[i] = w->flags;
            s.root[i] = w->trie;
        }
    const WordInfo* no_word = word("");
    s.no_word_flags = no_word ? no_word->flags : 0;
}

bool EntityExtractor::never_form(const Scan& s, std::size_t f, std::size_t l) const {
    return gaz_.has_never_forms() && gaz_.is_never(collapse_spaces(s.surface(f, l)));
}

void EntityExtractor::add_pattern(Scan& s, std::size_t f, std::size_t l, const std::string& type,
                                  std::string name, double conf, const char* rule) const {
    for (std::size_t k = f; k <= l; ++k)
        if (s.strong_cov[k])
            return;
    if (never_form(s, f, l)) return;
    Cand c;
    c.first = f;
    c.last = l;
    c.pattern = true;
    c.type = type;
    c.name = collapse_spaces(name);
    c.confidence = conf;
    c.rule = rule;
    // An entry of the gazetteer under this exact name is the same thing.
    for (auto e : gaz_.find_name(c.name))
        if (gaz_.entry(e).type == type) {
            c.pattern = false;
            c.entries = {e};
            break;
        }
    if (c.pattern)
        c.id = type + ":" + slugify(c.name);
    for (std::size_t k = f; k <= l; ++k) {
        s.strong_cov[k] = 1;
        s.cand_at[k] = static_cast<long>(s.cands.size());
    }
    s.cands.push_back(std::move(c));
}

EntityResult EntityExtractor::extract(const Article& a, const Tokenized& t) const {
    Scan s(a, t);
    look_up_words(s);
    match_gazetteer(s);
    s.strong_cov.assign(s.n, 0);
    s.cand_at.assign(s.n, -1);
    for (std::size_t ci = 0; ci < s.cands.size(); ++ci)
        if (!s.cands[ci].ambiguous)
            for (std::size_t k = s.cands[ci].first; k <= s.cands[ci].last; ++k) {
                s.strong_cov[k] = 1;
                s.cand_at[k] = static_cast<long>(ci);
            }
    s.n_gazetteer = s.cands.size();
    discover_models(s);
    discover_bills(s);
    discover_capitalised(s);
    discover_by_context(s);
    discover_elliptical_models(s);
    discover_person_lists(s);
    discover_org_cues(s);
    drop_redefined_acronyms(s);
    resolve_person_short_forms(s);
    propagate_short_forms(s);
    resolve_ambiguous(s);
    canonicalize(s);
    EntityResult r = aggregate(s);
    add_relations(s, r);
    return r;
}

} // namespace polgraph
