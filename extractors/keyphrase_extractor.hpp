#pragma once
/// Keyphrase candidates of one article (only with `extract --keyphrases`).
///
/// Candidates are noun-phrase-like runs, found without a part-of-speech tagger: runs of 1–4 words
/// inside one sentence with no stop word (data/stopwords.txt: function words, common verbs, vague
/// adjectives and adverbs, generic nouns), no punctuation other than a hyphen, no adverb in -ly
/// and no word with an apostrophe; a number only follows a name ("SB 53"). Verbs are caught by
/// their endings: a word in -ed (not hyphenated) starts a new run ("Amodei presented"), a run does
/// not start with a word in -ing ("maintaining leadership" -> "leadership"), and neither stands
/// alone, unless the word is in the list's [keep] section ("advanced", "training"). Names already
/// found as entities are left out, and so are single words of those names. Of a run longer than
/// four words only the last three count (English noun phrases end with their head).
///
/// tf counts each occurrence by position (title 2, lead and headings 1.5, body 1, alt text 0.5);
/// a phrase needs tf >= 1.5 (one occurrence in the lead or two in the body), a single word
/// tf >= 3. The local weight is (1 + ln tf) · L, with L = 0.5 for one word (single words are
/// rarely key), 1, 1.25 and 1.5 for two to four. The ranking against the
/// corpus (TF-IDF, with the document frequencies of the records being folded) happens in
/// KnowledgeGraph::build, see core/topic_weights.hpp. Immutable after construction; thread-safe.
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/article.hpp"
#include "core/record.hpp"
#include "extractors/tokenizer.hpp"

namespace polgraph {

/// The stop-word list for keyphrase candidates.
struct KeyphraseLexicon {
    std::unordered_set<std::string> stopwords; ///< case-folded
    std::unordered_set<std::string> keep;      ///< -ed/-ing words that are not verbs
    std::unordered_set<std::string> not_alone; ///< words that are no keyphrase on their own

    /// Loads data_dir/stopwords.txt (an absent file gives empty lists).
    static KeyphraseLexicon load(const std::string& data_dir);
    /// Adds words, one or more per line, separated by white space; '#' starts a comment; words
    /// after a line `[keep]` go to `keep`, after `[not alone]` to `not_alone`, after `[stop]`
    /// back to `stopwords`.
    void add_text(std::string_view text);
};

class KeyphraseExtractor {
public:
    /// `max_candidates`: how many candidates (the best by local weight) a record keeps.
    KeyphraseExtractor(const KeyphraseLexicon& lexicon, std::size_t max_candidates)
        : lex_(lexicon), max_(max_candidates) {}

    /// The article's candidates: text (as written, last word singular unless it is a name or an
    /// acronym) and local weight, sorted by weight then text, one per slug.
    std::vector<KeyphraseRecord> extract(const Article& a, const Tokenized& t,
                                         const std::vector<EntityRecord>& entities) const;

private:
    const KeyphraseLexicon& lex_;
    std::size_t max_;
};

} // namespace polgraph
