#pragma once
/// The extraction pipeline: Article -> ArticleRecord. Runs the tokenizer, the entity extractor
/// (gazetteer, discovery rules, resolution, relations) and the topic scorer in a fixed order.
/// Resources are loaded once and shared read-only between worker threads.
#include <memory>
#include <string>

#include "core/article.hpp"
#include "core/record.hpp"
#include "extractors/entity_extractor.hpp"
#include "extractors/gazetteer.hpp"
#include "extractors/lexicon.hpp"
#include "extractors/topic_extractor.hpp"

namespace polgraph {

/// Everything loaded from the data directory.
struct Resources {
    std::string data_dir;
    Gazetteer gazetteer;
    Lexicon lexicon;
    TopicTaxonomy taxonomy;

    /// Loads the gazetteer, word lists and topic taxonomy. Throws Error/ParseError.
    static std::shared_ptr<const Resources> load(const std::string& data_dir);
};

struct PipelineOptions {
    bool keyphrases = false;       ///< also emit keyphrases (--keyphrases)
    double min_topic_score = 1.0;  ///< topics scoring below are left out (--min-topic-score)
    int max_keyphrases = 10;
};

class Pipeline {
public:
    Pipeline(std::shared_ptr<const Resources> res, PipelineOptions opts);

    /// Pure function of the article (and the resources): same input, same record.
    ArticleRecord run(const Article& a) const;

    const Resources& resources() const { return *res_; }

private:
    std::shared_ptr<const Resources> res_;
    PipelineOptions opts_;
    EntityExtractor entities_;
    TopicExtractor topics_;
};

} // namespace polgraph
