#pragma once
/// Internal to the entity extractor: the per-article working state its phases share (token
/// look-ups, candidate mentions, which tokens a name covers) and the word-list flags. Not a
/// public API; one Scan per extract() call, never shared between threads.
#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "core/article.hpp"
#include "extractors/tokenizer.hpp"

namespace polgraph::detail {

inline constexpr std::uint32_t kNoEntry = 0xffffffffu;
inline constexpr std::uint32_t kUnknownWord = 0xffffffffu;

/// Indices in entity_types().
inline constexpr std::uint8_t kPerson = 0, kOrganization = 1, kModel = 2, kPolicy = 3,
                              kLocation = 4, kProduct = 5;

/// The word lists a word is in, as bits of EntityExtractor::WordInfo::flags.
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
    kSurname = 1ull << 38,          // a family name of some origin (data/names/surnames_*.txt)
    kFamilyFirst = 1ull << 39,      // ... of an origin written family name first
    kAmbiguousSurname = 1ull << 40, // listed with '~' only: also a common word
    kPostNominal = 1ull << 41,      // "MP", "PhD", "Jr": after a name, not part of it
    kPeerage = 1ull << 42,          // "Lord", "Baroness": a style that is part of the name
    kNotPersonWord = 1ull << 43,    // "Dynasty", "Airport": no person's name has it
    kCommonWord = 1ull << 44,       // data/stopwords.txt: no one's name
    kAnd = 1ull << 45,
    kPosition = 1ull << 46, // "Professor", "Chair", "Director": a post, not part of a body's name
    kGivenNameTitle = 1ull << 47, // "Sir", "Dame": said with the given name ("Sir Demis")
    kNameSyllable = 1ull << 48,   // a syllable of given names of some origin ("won", "in")
    kLegalSuffix = 1ull << 49,    // "Inc", "Ltd", "GmbH": a company's legal form
    kLeadRole = 1ull << 50,       // "CEO", "founder", "partner": heads or owns a body ("... of X")
    kOrgHead = 1ull << 51,        // "startup", "nonprofit": ", a startup ..." after a body's name
    kExchange = 1ull << 52,       // "Nasdaq", "NYSE": "(NASDAQ: XYZ)" after a company's name
    kWorkAt = 1ull << 53,         // "worked", "stint": "... at X" names an employer
    kFounded = 1ull << 54,        // "founded": "co-founded X"
    kPostWord = 1ull << 55,       // "posted", "wrote": "posted on X" names a platform
    kOn = 1ull << 56,
    kOutletVerb = 1ull << 57, // "reports", "wrote": "Variety reports" names a news outlet
    kAccording = 1ull << 58,  // "according": "according to Variety"
    kTold = 1ull << 59,       // "told": "told Variety"
};

/// A candidate mention before resolution.
struct Cand {
    std::size_t first = 0, last = 0;
    std::vector<std::uint32_t> entries; ///< gazetteer entries (several when a form is shared)
    bool ambiguous = false;
    // discovered by a rule
    std::string type, name;
    std::string id; ///< type + ":" + slugify(name), when pattern
    double confidence = 1.0;
    bool pattern = false;
    bool dropped = false;
    const char* rule = "gazetteer"; ///< the rule that found it (eval --details)
};

inline bool glued(const Token& t) {
    return !t.hard_before && t.joiner_before != 0 && t.joiner_before != ' ';
}

/// The per-article state of one extract() call.
struct Scan {
    Scan(const Article& art, const Tokenized& tok)
        : a(art), t(tok), tk(tok.tokens), n(tok.tokens.size()), wid(n, kUnknownWord), fl(n, 0),
          root(n, 0xffffffffu) {}

    const Article& a;
    const Tokenized& t;
    const std::vector<Token>& tk;
    const std::size_t n;
    // One look-up per token: its word id, word lists and gazetteer trie node.
    std::vector<std::uint32_t> wid;
    std::vector<std::uint64_t> fl;
    std::vector<std::uint32_t> root;
    std::uint64_t no_word_flags = 0; ///< what prev_flags/next_flags give at a sentence edge
    std::vector<Cand> cands;
    std::size_t n_gazetteer = 0;       ///< cands[0, n_gazetteer) are the gazetteer's, by position
    std::vector<char> strong_cov;      ///< token covered by an unambiguous candidate
    std::vector<long> cand_at;         ///< that candidate's index, or -1
    std::set<std::string> strong_ids;  ///< entities named unambiguously, before resolution
    std::set<std::string> implied_ids; ///< jurisdictions of the laws named unambiguously

    /// b directly follows a within one block with a soft gap.
    bool same_run(std::size_t x, std::size_t y) const {
        return y == x + 1 && y < n && tk[y].block == tk[x].block && !tk[y].hard_before &&
               !tk[x].possessive;
    }
    /// Word lists of the previous/next word in the same sentence (of the empty word at its edge).
    std::uint64_t prev_flags(std::size_t i) const {
        return i > 0 && tk[i - 1].block == tk[i].block && tk[i - 1].sentence == tk[i].sentence
                   ? fl[i - 1]
                   : no_word_flags;
    }
    std::uint64_t next_flags(std::size_t i) const {
        return i + 1 < n && tk[i + 1].block == tk[i].block && tk[i + 1].sentence == tk[i].sentence
                   ? fl[i + 1]
                   : no_word_flags;
    }
    Block::Kind block_kind(std::size_t i) const { return a.blocks[tk[i].block].kind; }
    bool in_heading(std::size_t i) const {
        return block_kind(i) == Block::Kind::Heading || block_kind(i) == Block::Kind::Title;
    }
    std::string surface(std::size_t f, std::size_t l) const { return token_span_text(a, t, f, l); }
    /// The token's text as written.
    std::string_view text(std::size_t i) const {
        return std::string_view(a.blocks[tk[i].block].text)
            .substr(tk[i].begin, tk[i].end - tk[i].begin);
    }
    /// The text between token k - 1 and token k of the same block ("" across blocks).
    std::string_view gap(std::size_t k) const {
        if (k == 0 || tk[k - 1].block != tk[k].block)
            return {};
        return std::string_view(a.blocks[tk[k].block].text)
            .substr(tk[k - 1].end, tk[k].begin - tk[k - 1].end);
    }
    /// Whether the gazetteer has a candidate over exactly [first, last] that `pred` accepts
    /// (cands[0, n_gazetteer) are sorted by position).
    template <class Pred>
    bool gazetteer_span(std::size_t first, std::size_t last, Pred pred) const {
        const auto end = cands.begin() + static_cast<long>(n_gazetteer);
        auto at = std::lower_bound(cands.begin(), end, first,
                                   [](const Cand& c, std::size_t pos) { return c.first < pos; });
        for (; at != end && at->first == first; ++at)
            if (at->last == last && pred(*at)) return true;
        return false;
    }
    /// Drops a strong candidate (a longer discovered name contains it).
    void release(long ci) {
        Cand& c = cands[static_cast<std::size_t>(ci)];
        c.dropped = true;
        for (std::size_t k = c.first; k <= c.last; ++k) {
            strong_cov[k] = 0;
            cand_at[k] = -1;
        }
    }
};

/// A model name's key for comparing versions written differently: case, spaces and hyphens
/// dropped, and a letter before the version that repeats the family's initial ("Kimi K2.5" =
/// "Kimi 2.5" = "kimi-k2.5"). entity_canonical.cpp.
std::string model_version_key(std::string_view name);

/// A lower-case piece glued by a hyphen to the word before it, part of a given name: "Gi-ho",
/// "Jae-myung", "Ing-wen" (not "Seoul-based"). person_rules.cpp.
bool name_piece(const Scan& s, std::size_t k);

} // namespace polgraph::detail
