#pragma once
/// ArticleRecord: everything learned from one article. Extraction is a pure function
/// file -> record; the graph is folded from records. A record serialises to one JSON line
/// (`--jsonl`) and back without loss, which is what makes extraction shardable and incremental.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace polgraph {

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

struct TopicRecord {
    std::string id;   ///< "topic:slug"
    std::string name; ///< label
    double score = 0;
    std::string parent; ///< parent topic id or ""
    std::string source = "taxonomy"; ///< "taxonomy" or "front-matter"
};

struct RelationRecord {
    std::string type;   ///< affiliated_with, develops, jurisdiction
    std::string source; ///< entity id
    std::string target; ///< entity id
    std::uint32_t sentence = 0;
    std::string evidence; ///< the sentence text
};

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
    std::vector<TopicRecord> topics;         ///< sorted by score (desc), then id
    std::vector<RelationRecord> relations;   ///< sorted
    std::vector<KeyphraseRecord> keyphrases; ///< sorted by score (desc), then text
};

/// Puts entities, topics, relations and keyphrases in their canonical order.
void canonicalize(ArticleRecord& r);

/// JSON form (one `--jsonl` line). Keys are sorted, so dumping is deterministic.
nlohmann::json to_json(const ArticleRecord& r);

/// Parses and validates a record; throws polgraph::Error naming the missing or bad field.
ArticleRecord record_from_json(const nlohmann::json& j);

/// Rounds a score to 4 decimals so that records survive a JSON round trip byte for byte.
double round_score(double x);

} // namespace polgraph
