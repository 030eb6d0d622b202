#pragma once
/// Topics: the reviewed taxonomy (data/topics.json) and the per-article cue scorer.
/// Immutable after loading; thread-safe.
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/article.hpp"
#include "core/record.hpp"
#include "extractors/tokenizer.hpp"

namespace polgraph {

struct Topic {
    std::string id;     ///< "topic:export-controls"
    std::string label;
    std::string parent; ///< parent topic id or ""
    std::vector<std::pair<std::vector<std::string>, double>> cues; ///< tokenised cue, weight
};

class TopicTaxonomy {
public:
    /// Loads data_dir/topics.json (an absent file gives an empty taxonomy).
    static TopicTaxonomy load(const std::string& data_dir);
    /// Parses the JSON text; throws ParseError naming `file` and the problem.
    void add_json(std::string_view text, const std::string& file);

    const std::vector<Topic>& topics() const { return topics_; }
    /// Cue index: first token -> (topic index, cue index).
    const std::vector<std::pair<std::size_t, std::size_t>>* cues_starting(const std::string& tok) const;
    /// Topic whose label or cue equals `phrase` (case-insensitive), or -1.
    long match_phrase(std::string_view phrase) const;

private:
    std::vector<Topic> topics_;
    std::unordered_map<std::string, std::vector<std::pair<std::size_t, std::size_t>>> index_;
    std::unordered_map<std::string, std::size_t> by_phrase_;
};

class TopicExtractor {
public:
    explicit TopicExtractor(const TopicTaxonomy& taxonomy) : tax_(taxonomy) {}

    /// Scores every topic for the article; returns those with score >= min_score, plus topics
    /// from front-matter tags.
    std::vector<TopicRecord> extract(const Article& a, const Tokenized& t, double min_score) const;

private:
    const TopicTaxonomy& tax_;
};

} // namespace polgraph
