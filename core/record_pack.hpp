#pragma once
/// PackedRecord: an ArticleRecord in a compact binary form, for the records a run holds between
/// extraction and the fold. An ArticleRecord of a typical article is about 30 KB of small heap
/// blocks (strings, vectors, map nodes); packed it is one buffer of a quarter of that or less, so
/// that a run over 10^5 articles does not hold gigabytes of records, and the fold reads them back
/// one at a time. The form lives in memory only: it is never written to a file, and it changes
/// whenever ArticleRecord does (the JSON line of core/record.hpp is the stable form).
#include <string>
#include <string_view>
#include <vector>

#include "core/record.hpp"

namespace polgraph {

struct PackedRecord {
    std::string id;   ///< ArticleRecord::id
    std::string hash; ///< ArticleRecord::hash (breaks ties between records with one id)
    std::string path; ///< ArticleRecord::path (what --update and merge compare)
    std::string data; ///< everything else, in the order of RecordPart
};

/// How much of a record unpack() decodes: the fields are stored in this order, so a pass that
/// needs only the first part stops early.
enum class RecordPart {
    Weights, ///< min_topic_score, topic_cues, topics, keyphrases (what CorpusWeights counts)
    Fold,    ///< + date, entities, relations (what the fold aggregates)
    All,     ///< + the article's own fields (title, source, url, ...; the path is always set)
};

/// Canonicalizes `r` (core/record.hpp) and packs it.
PackedRecord pack(ArticleRecord r);

/// Packs every record (each released as soon as it is packed), then gives the freed memory
/// back (release_free_memory).
std::vector<PackedRecord> pack_all(std::vector<ArticleRecord> records);

/// The record as packed, up to `part`; the fields of later parts keep their defaults.
ArticleRecord unpack(const PackedRecord& p, RecordPart part = RecordPart::All);

/// What the fold's first pass counts of a record (CorpusWeights::count): its topic cues, the cues
/// of its candidate topics (with repeats), and its keyphrase texts.
struct WeightKeys {
    std::vector<std::string_view> cues;
    std::vector<std::string_view> keyphrases;
};

/// The WeightKeys of a packed record, as views into `p.data` (valid while `p` is unchanged),
/// read without unpacking anything else.
WeightKeys weight_keys(const PackedRecord& p);

/// Sorts packed records by id and keeps, of records sharing an id, the one with the greatest
/// content hash: the canonical set KnowledgeGraph::build folds (deterministic, commutative).
void sort_unique(std::vector<PackedRecord>& records);

/// Writes packed records as JSON lines (the `--jsonl` form), in the order given; the lines are
/// made on up to `threads` threads (core/util/ordered_writer.hpp), the bytes are the same.
void write_records_jsonl(std::ostream& out, const std::vector<PackedRecord>& records,
                         unsigned threads = 1);

} // namespace polgraph
