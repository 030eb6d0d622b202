#pragma once
/// ArticleRecord: everything learned from one article. Extraction is a pure function
/// file -> record; the graph is folded from records. A record serialises to one JSON line
/// (`--jsonl`) and back without loss, which is what makes extraction shardable and incremental.
#include <cstdint>
#include <istream>
#include <map>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace polgraph {

class JsonValue; // store/json_scan.hpp

/// One entity as found in one article.
struct EntityRecord {
    std::string id;   ///< "type:slug", e.g. "person:dario-amodei"
    std::string type; ///< person, organization, model, policy, location, product
    std::string name; ///< canonical name
    int count = 0;    ///< mentions in the article
    std::vector<std::string> forms;       ///< distinct surface strings, sorted
    std::vector<std::uint32_t> sentences; ///< sentence indices of the mentions, sorted, unique
    std::string source = "gazetteer";     ///< "gazetteer" or "pattern"
    double confidence = 1.0;
    bool in_lead = false; ///< mentioned in the title, subtitle, description or first paragraph
    std::map<std::string, std::string> attrs; ///< gazetteer attributes (role, developer, ...)
};

/// A candidate topic of one article. Extraction only knows the article, so `score` is the
/// article-local score (the sum of `cues`); candidates scoring below the record's
/// `min_topic_score` are not kept (damping only lowers scores). KnowledgeGraph::build damps each
/// cue by its document frequency over the records being folded and keeps the topics whose damped
/// score still reaches `min_topic_score` (core/topic_weights.hpp). A topic without `cues` is
/// taken as given (kept, undamped).
struct TopicRecord {
    std::string id;   ///< "topic:slug"
    std::string name; ///< label
    double score = 0; ///< article-local score: sum of the cue contributions
    std::string parent; ///< parent topic id or ""
    std::string source = "taxonomy"; ///< "taxonomy" or "front-matter"
    std::string parent_name = ""; ///< label of the parent topic ("" without a parent)
    /// Evidence: cue phrase (normalised, singular) -> contribution to `score` before corpus
    /// damping. Keys starting with '#' are front-matter tags; they are never damped and keep the
    /// topic whatever its score.
    std::map<std::string, double> cues = {};
};

struct RelationRecord {
    std::string type;   ///< affiliated_with, develops, jurisdiction
    std::string source; ///< entity id
    std::string target; ///< entity id
    std::uint32_t sentence = 0;
    std::string evidence; ///< the sentence text
};

/// A candidate keyphrase of one article: `score` is the article-local term weight
/// (1 + ln tf, tf weighted by position); KnowledgeGraph::build multiplies it by the phrase's
/// inverse document frequency over the records and keeps the best ones per article.
struct KeyphraseRecord {
    std::string text;
    double score = 0;
};

struct ArticleRecord {
    std::string id;
    std::string path;
    std::string title;
    std::string date;
    std::string source;
    std::string url;
    std::string hash;     ///< content hash of the file bytes
    std::uint64_t bytes = 0;
    std::uint32_t sentences = 0;
    std::vector<std::string> authors;
    std::vector<std::string> tags;
    std::map<std::string, std::string> meta; ///< every scalar front-matter field
    std::vector<EntityRecord> entities;      ///< sorted by id
    std::vector<TopicRecord> topics;         ///< candidates, sorted by score (desc), then id
    double min_topic_score = 1.0;            ///< threshold on the damped score (--min-topic-score)
    /// Every taxonomy cue found in the article (sorted, unique), also those of topics scoring
    /// below the threshold: the document frequencies that damp common cues count these.
    std::vector<std::string> topic_cues;
    std::vector<RelationRecord> relations;   ///< sorted
    std::vector<KeyphraseRecord> keyphrases; ///< sorted by score (desc), then text
};

/// Puts entities, topics, relations and keyphrases in their canonical order.
void canonicalize(ArticleRecord& r);

/// JSON form (one `--jsonl` line). Keys are sorted, so dumping is deterministic.
nlohmann::json to_json(const ArticleRecord& r);

/// Parses and validates a record; throws polgraph::Error naming the missing or bad field.
/// Article ids are file stems, and ':' separates the kind from the name in every other node id
/// ("person:dario-amodei", "topic:export-controls"): an article id never contains one (':' is
/// written %3A and '%' %25, one-to-one), so an article cannot take a node id of another kind.
std::string article_id_from_stem(std::string stem);
/// Throws Error when `id` could not be an article id (empty, or containing ':').
void check_article_id(const std::string& id, const std::string& where);

/// The record of a JSON object as to_json writes it (its text: one line of --jsonl). Throws
/// polgraph::Error naming the problem; JsonSyntaxError or JsonDepthError when the text is not
/// JSON.
ArticleRecord record_from_json(const JsonValue& j);
ArticleRecord record_from_json(std::string_view text);

/// Rounds a score to 4 decimals so that records survive a JSON round trip byte for byte.
double round_score(double x);

/// JSON form of one topic or keyphrase (as in a record's `topics`/`keyphrases` arrays) and back;
/// `where` names the record in error messages (polgraph::Error).
nlohmann::json to_json(const TopicRecord& t);
TopicRecord topic_from_json(const JsonValue& j, const std::string& where);
TopicRecord topic_from_json(std::string_view text, const std::string& where);
nlohmann::json to_json(const KeyphraseRecord& k);
KeyphraseRecord keyphrase_from_json(const JsonValue& j, const std::string& where);
KeyphraseRecord keyphrase_from_json(std::string_view text, const std::string& where);
/// The text of to_json(t).dump() and to_json(k).dump() (article nodes keep their candidates as
/// this text, and the JSON graph holds it), written straight from the fields: the fold makes
/// one per candidate, about 10^6 at 10^5 articles. Throw as dump() does on text that is not
/// UTF-8.
std::string topic_json_text(const TopicRecord& t);
std::string keyphrase_json_text(const KeyphraseRecord& k);

/// Writes one record as a JSON line (`--jsonl`), newline included.
void write_record_line(std::ostream& out, const ArticleRecord& r);

/// The record of one line written by write_record_line, line `line_no` of `name`. Throws
/// ParseError naming both.
ArticleRecord record_from_jsonl_line(std::string_view line, const std::string& name, int line_no);

/// Reads JSON lines written by write_record_line (blank lines are skipped). Throws ParseError
/// naming `name` and the line of the first bad record.
std::vector<ArticleRecord> read_records_jsonl(std::istream& in, const std::string& name);

} // namespace polgraph
