#pragma once
/// The corpus-level half of topic and keyphrase scoring, applied when records are folded into a
/// graph (KnowledgeGraph::build). Extraction stays a pure function of one article: a record keeps
/// its candidate topics with per-cue evidence and its candidate keyphrases with local weights;
/// the document frequencies that damp common cues and rank keyphrases against the corpus are
/// counted here, over the set of records being folded. The result depends only on that set, so
/// merge(extract(A), extract(B)) == extract(A ∪ B). Immutable after construction; thread-safe.
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/record.hpp"
#include "core/record_pack.hpp"

namespace polgraph {

/// Keyphrases kept per article in the graph (the best by TF-IDF).
inline constexpr std::size_t kKeyphrasesPerArticle = 10;

/// Damping factor in (0, 1] of a topic cue found in `df` of `n` articles. With the smoothed
/// document share f = (df + 1) / (n + 10), the factor is min(1, ln(1 + 1/f) / ln 6): cues in up to
/// about a fifth of the articles keep their full weight (and so does every cue of a corpus of
/// fewer than ten articles, where a share means little); a cue found everywhere in a large corpus
/// counts ln 2 / ln 6 = 0.39 of its weight.
double cue_damping(std::size_t df, std::size_t n);

/// Smoothed inverse document frequency of a keyphrase found in `df` of `n` articles:
/// ln((1 + n) / (1 + df)) + 1 (1 for a phrase found everywhere).
double keyphrase_idf(std::size_t df, std::size_t n);

class CorpusWeights {
public:
    /// Counts, over `records`, the articles in which each topic cue occurs (ArticleRecord::
    /// topic_cues and the cues of its candidates, front-matter tags aside), and each keyphrase (by
    /// slug).
    explicit CorpusWeights(const std::vector<ArticleRecord>& records);
    /// Empty counts, to be filled one record at a time with count() (each record once).
    CorpusWeights() = default;
    /// Adds one article's cues and keyphrases to the counts (only its Weights part is read:
    /// topic_cues, topics, keyphrases). Not thread-safe; the other members are, once counting
    /// is done.
    void count(const ArticleRecord& r);
    /// The same from the keys of a packed record (core/record_pack.hpp), without unpacking it.
    void count(const WeightKeys& keys);

    std::size_t articles() const { return n_; }
    std::size_t cue_df(const std::string& cue) const;
    std::size_t keyphrase_df(const std::string& text) const;

    /// The topics the graph gives `r`: each candidate's cue contributions multiplied by
    /// cue_damping and summed (rounded to 4 decimals); kept when the sum reaches
    /// r.min_topic_score, or when a front-matter tag names the topic, or when the candidate
    /// carries no cue evidence (taken as given). Sorted by score, then id; `cues` left empty.
    std::vector<TopicRecord> topics(const ArticleRecord& r) const;

    /// The keyphrases the graph gives `r`: local weight × keyphrase_idf, the best
    /// kKeyphrasesPerArticle by that score (ties by text), rounded to 4 decimals.
    std::vector<KeyphraseRecord> keyphrases(const ArticleRecord& r) const;

private:
    // Looked up by std::string or std::string_view alike.
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    using Counts = std::unordered_map<std::string, std::size_t, Hash, std::equal_to<>>;
    std::size_t n_ = 0;
    Counts cue_df_, keyphrase_df_;
    std::unordered_set<std::string_view> seen_; // count()'s scratch set
    std::vector<std::string> slugs_;              // the keyphrase slugs seen_ points into
};

} // namespace polgraph
