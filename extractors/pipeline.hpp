#pragma once
/// The extraction pipeline: Article -> ArticleRecord. Runs the tokenizer, the entity extractor
/// (gazetteer, discovery rules, resolution, relations) and the topic scorer in a fixed order.
/// Resources are loaded once and shared read-only between worker threads.
#include <functional>
#include <memory>
#include <string>

#include "core/article.hpp"
#include "core/record.hpp"
#include "extractors/entity_extractor.hpp"
#include "extractors/gazetteer.hpp"
#include "extractors/keyphrase_extractor.hpp"
#include "extractors/lexicon.hpp"
#include "extractors/overlay.hpp"
#include "extractors/tokenizer.hpp"
#include "extractors/topic_extractor.hpp"

namespace polgraph {

/// Everything loaded from the data directory.
struct Resources {
    std::string data_dir;
    Gazetteer gazetteer;
    Lexicon lexicon;
    TopicTaxonomy taxonomy;
    KeyphraseLexicon keyphrase_lexicon;
    /// The curation overlay (--overlay), or null: its gazetteer part is in `gazetteer`, its
    /// record rewrite runs at the end of Pipeline::run.
    std::shared_ptr<const Overlay> overlay;

    /// Loads the gazetteer, word lists and topic taxonomy, with the overlay's additions.
    /// Throws Error/ParseError.
    static std::shared_ptr<const Resources> load(const std::string& data_dir,
                                                 std::shared_ptr<Overlay> overlay = nullptr);
};

struct PipelineOptions {
    bool keyphrases = false;       ///< also emit keyphrase candidates (--keyphrases)
    /// Stored in each record: topics whose corpus-damped score is below are left out of the
    /// graph (--min-topic-score).
    double min_topic_score = 1.0;
    /// Keyphrase candidates a record keeps (the graph keeps kKeyphrasesPerArticle of them).
    int max_keyphrase_candidates = 40;
};

class Pipeline {
public:
    Pipeline(std::shared_ptr<const Resources> res, PipelineOptions opts);

    /// Pure function of the article (and the resources): same input, same record.
    ArticleRecord run(const Article& a) const;
    /// Sees an article's tokens and entity mentions, which the record does not keep.
    using Inspect = std::function<void(const Tokenized&, const EntityResult&)>;
    /// The same record, calling `inspect` (if set) once the entities are extracted: tests and the
    /// fuzz targets check the tokens' and mentions' invariants there without tokenizing again.
    ArticleRecord run(const Article& a, const Inspect& inspect) const;

    const Resources& resources() const { return *res_; }
    /// The pipeline's entity extractor (its word index and gazetteer trie are built once).
    const EntityExtractor& entity_extractor() const { return entities_; }

private:
    std::shared_ptr<const Resources> res_;
    PipelineOptions opts_;
    EntityExtractor entities_;
    TopicExtractor topics_;
    KeyphraseExtractor keyphrases_;
};

} // namespace polgraph
