#include "extractors/pipeline.hpp"

#include <algorithm>

namespace polgraph {

std::shared_ptr<const Resources> Resources::load(const std::string& data_dir,
                                                 std::shared_ptr<Overlay> overlay) {
    auto r = std::make_shared<Resources>();
    r->data_dir = data_dir;
    r->gazetteer = Gazetteer::load(data_dir, overlay.get());
    r->overlay = std::move(overlay);
    r->lexicon = Lexicon::load(data_dir);
    r->taxonomy = TopicTaxonomy::load(data_dir);
    r->keyphrase_lexicon = KeyphraseLexicon::load(data_dir);
    return r;
}

Pipeline::Pipeline(std::shared_ptr<const Resources> res, PipelineOptions opts)
    : res_(std::move(res)), opts_(opts), entities_(res_->gazetteer, res_->lexicon),
      topics_(res_->taxonomy),
      keyphrases_(res_->keyphrase_lexicon,
                  static_cast<std::size_t>(std::max(0, opts.max_keyphrase_candidates))) {}

ArticleRecord Pipeline::run(const Article& a) const {
    return run(a, Inspect());
}

ArticleRecord Pipeline::run(const Article& a, const Inspect& inspect) const {
    ArticleRecord r;
    r.id = a.id;
    r.path = a.path;
    r.title = a.title;
    r.date = a.date;
    r.source = a.source;
    r.url = a.url;
    r.hash = a.content_hash;
    r.bytes = a.bytes;
    r.authors = a.authors;
    r.tags = a.tags;
    r.meta = a.fields;
    Tokenized t = tokenize(a);
    r.sentences = t.sentence_count;
    EntityResult er = entities_.extract(a, t);
    if (inspect) inspect(t, er);
    r.entities = std::move(er.entities);
    r.relations = std::move(er.relations);
    TopicExtractor::Result tr = topics_.extract(a, t, opts_.min_topic_score);
    r.topics = std::move(tr.topics);
    r.topic_cues = std::move(tr.cues);
    r.min_topic_score = opts_.min_topic_score;
    if (res_->overlay) res_->overlay->apply(r);
    if (opts_.keyphrases) r.keyphrases = keyphrases_.extract(a, t, r.entities);
    canonicalize(r);
    return r;
}

} // namespace polgraph
