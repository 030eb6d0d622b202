#include "core/topic_weights.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "core/util/text.hpp"

namespace polgraph {

double cue_damping(std::size_t df, std::size_t n) {
    const double share = (static_cast<double>(df) + 1.0) / (static_cast<double>(n) + 10.0);
    return std::min(1.0, std::log(1.0 + 1.0 / share) / std::log(6.0));
}

double keyphrase_idf(std::size_t df, std::size_t n) {
    return std::log((1.0 + static_cast<double>(n)) / (1.0 + static_cast<double>(df))) + 1.0;
}

namespace {

bool is_tag_cue(std::string_view cue) { return !cue.empty() && cue.front() == '#'; }

} // namespace

CorpusWeights::CorpusWeights(const std::vector<ArticleRecord>& records) {
    for (const auto& r : records) count(r);
}

void CorpusWeights::count(const ArticleRecord& r) {
    WeightKeys keys;
    for (const auto& cue : r.topic_cues) keys.cues.push_back(cue);
    for (const auto& t : r.topics)
        for (const auto& [cue, v] : t.cues) keys.cues.push_back(cue);
    for (const auto& k : r.keyphrases) keys.keyphrases.push_back(k.text);
    count(keys);
}

void CorpusWeights::count(const WeightKeys& keys) {
    auto add = [](Counts& df, std::string_view key) {
        if (auto it = df.find(key); it != df.end()) ++it->second;
        else df.emplace(std::string(key), 1);
    };
    ++n_;
    seen_.clear();
    for (std::string_view cue : keys.cues)
        if (!is_tag_cue(cue) && seen_.insert(cue).second) add(cue_df_, cue);
    seen_.clear();
    slugs_.clear();
    slugs_.reserve(keys.keyphrases.size()); // (no reallocation: seen_ holds views of these)
    for (std::string_view text : keys.keyphrases)
        if (seen_.insert(slugs_.emplace_back(slugify(text))).second) add(keyphrase_df_, slugs_.back());
}

std::size_t CorpusWeights::cue_df(const std::string& cue) const {
    auto it = cue_df_.find(cue);
    return it == cue_df_.end() ? 0 : it->second;
}

std::size_t CorpusWeights::keyphrase_df(const std::string& text) const {
    auto it = keyphrase_df_.find(slugify(text));
    return it == keyphrase_df_.end() ? 0 : it->second;
}

std::vector<TopicRecord> CorpusWeights::topics(const ArticleRecord& r) const {
    std::vector<TopicRecord> out;
    for (const auto& t : r.topics) {
        TopicRecord f{t.id, t.name, t.score, t.parent, t.source, t.parent_name, {}};
        if (!t.cues.empty()) {
            bool tagged = false;
            double s = 0;
            for (const auto& [cue, v] : t.cues) {
                if (is_tag_cue(cue)) {
                    tagged = true;
                    s += v;
                } else {
                    s += v * cue_damping(cue_df(cue), n_);
                }
            }
            f.score = round_score(s);
            if (!tagged && f.score < r.min_topic_score) continue;
        }
        out.push_back(std::move(f));
    }
    std::sort(out.begin(), out.end(), [](const TopicRecord& a, const TopicRecord& b) {
        return a.score != b.score ? a.score > b.score : a.id < b.id;
    });
    return out;
}

std::vector<KeyphraseRecord> CorpusWeights::keyphrases(const ArticleRecord& r) const {
    std::vector<KeyphraseRecord> out;
    out.reserve(r.keyphrases.size());
    for (const auto& k : r.keyphrases)
        out.push_back({k.text, round_score(k.score * keyphrase_idf(keyphrase_df(k.text), n_))});
    std::sort(out.begin(), out.end(), [](const KeyphraseRecord& a, const KeyphraseRecord& b) {
        return a.score != b.score ? a.score > b.score : a.text < b.text;
    });
    if (out.size() > kKeyphrasesPerArticle) out.resize(kKeyphrasesPerArticle);
    return out;
}

} // namespace polgraph
