#pragma once
/// Topics: the reviewed taxonomy (data/topics.json) and the per-article cue scorer.
///
/// Scoring (article-local, a pure function of the article): every match of a cue phrase counts
/// with the weight of its position (title 2, heading/subtitle/description/first paragraph 1.5,
/// body 1, image alt text 0.5); a cue found with positional mass m contributes
/// w · (1 + ln m) / kTopicScoreUnit to its topic (sub-linear: repeating a cue adds less than
/// using another cue). The corpus-level part (document frequency damping common cues, and the
/// threshold) happens when records are folded: see core/topic_weights.hpp.
/// Immutable after loading; thread-safe.
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/article.hpp"
#include "core/record.hpp"
#include "core/util/word_table.hpp"
#include "extractors/tokenizer.hpp"

namespace polgraph {

/// Contribution, in score units, of a cue of weight 1 found once in the body is 1/kTopicScoreUnit:
/// a score of 1.0 (the default --min-topic-score) takes two plain mentions of a strong (weight
/// 3) cue, one in the title, or two different strong cues.
inline constexpr double kTopicScoreUnit = 5.0;
/// Score of a front-matter tag (tagged topics are kept whatever their score).
inline constexpr double kTagScore = 1.0;

/// One cue of a topic: its key (normalised tokens, last one singular) and weight, with the
/// token sequences it matches (as written, singular and plural of the last word).
struct TopicCue {
    std::string key;
    double weight = 0;
    std::vector<std::vector<std::string>> variants;
};

struct Topic {
    std::string id;     ///< "topic:export-controls"
    std::string label;
    std::string parent; ///< parent topic id or ""
    std::string parent_label;
    std::vector<TopicCue> cues;
};

/// The text of data_dir/name, or nothing when the file does not exist; throws IoError naming
/// `what` when it exists but cannot be read. (Shared by the topic and keyphrase loaders.)
std::optional<std::string> read_data_file(const std::string& data_dir, const std::string& name,
                                          const std::string& what);

/// Weight of a word by where it stands, per block of `a`: title 2; subtitle, description,
/// headings and the first paragraph 1.5; other paragraphs 1; image alt texts 0.5.
std::vector<double> block_position_weights(const Article& a);

/// Lower-cased, singular form of a phrase for matching tags and cues: a leading '#' is dropped,
/// hyphens, underscores, slashes and other punctuation separate words, and the last word is made
/// singular ("#AI-Chips" -> "ai chip", "data_centres" -> "data centre").
std::string normalize_topic_phrase(std::string_view phrase);

/// English singular of a lower-case word by suffix rules ("policies" -> "policy",
/// "controls" -> "control"); words of fewer than `min_len` letters and words ending in
/// -ss/-us/-is/-ics are left alone.
std::string singular_word(const std::string& w, std::size_t min_len = 4);

class TopicTaxonomy {
public:
    /// Loads data_dir/topics.json (an absent file gives an empty taxonomy).
    static TopicTaxonomy load(const std::string& data_dir);
    /// Parses the JSON text: an array of {"id", "label", "parent" (id or null), "cues":
    /// {phrase: weight}}. Throws ParseError naming `file` and the problem (bad JSON, missing id,
    /// duplicate id, unknown parent, non-positive weight).
    void add_json(std::string_view text, const std::string& file);

    const std::vector<Topic>& topics() const { return topics_; }

    struct CueRef {
        std::size_t topic, cue, variant;
    };
    /// Cue variants whose first token is `tok`.
    const std::vector<CueRef>* cues_starting(std::string_view tok) const;
    /// Length in words of the longest cue.
    std::size_t max_cue_tokens() const { return max_cue_tokens_; }
    /// Topic whose label, id or cue has the normalised form of `phrase` (see
    /// normalize_topic_phrase; labels and ids win over cues), or -1.
    long match_phrase(std::string_view phrase) const;

private:
    void reindex();

    std::vector<Topic> topics_;
    WordTable<std::vector<CueRef>> index_; ///< first token -> cue variants (one probe a token)
    std::unordered_map<std::string, std::size_t> by_phrase_;
    std::size_t max_cue_tokens_ = 0;
};

class TopicExtractor {
public:
    explicit TopicExtractor(const TopicTaxonomy& taxonomy) : tax_(taxonomy) {}

    struct Result {
        /// Taxonomy topics whose cues match with a score of at least `min_score` (score = sum of
        /// cue contributions, `cues` = the evidence) and the front-matter tags (matched to the
        /// taxonomy by label, id or cue, otherwise new topics with source "front-matter"; always
        /// kept), sorted by score then id.
        std::vector<TopicRecord> topics;
        /// Every cue found, whatever its topic's score (sorted, unique).
        std::vector<std::string> cues;
    };
    Result extract(const Article& a, const Tokenized& t, double min_score) const;

private:
    const TopicTaxonomy& tax_;
};

} // namespace polgraph
