#pragma once
/// Entity extraction: gazetteer matching (longest match over case-folded tokens), discovery
/// rules for names no list has (source "pattern"), per-article alias resolution (surnames,
/// acronyms defined in the text, short model names, ambiguous names decided by context) and
/// relations stated in a sentence. Const after construction and safe to share between threads.
#include <cstdint>
#include <string>
#include <vector>

#include "core/article.hpp"
#include "core/record.hpp"
#include "extractors/gazetteer.hpp"
#include "extractors/lexicon.hpp"
#include "extractors/tokenizer.hpp"

namespace polgraph {

/// One resolved mention: tokens [first, last] refer to an entity.
struct Mention {
    std::size_t first = 0, last = 0;
    std::string id, type, name;
    std::string source = "gazetteer";
    double confidence = 1.0;
};

struct EntityResult {
    std::vector<Mention> mentions;          ///< in text order
    std::vector<EntityRecord> entities;     ///< aggregated, sorted by id
    std::vector<RelationRecord> relations;  ///< with sentence evidence
};

class EntityExtractor {
public:
    /// Both references must outlive the extractor.
    EntityExtractor(const Gazetteer& gazetteer, const Lexicon& lexicon);

    EntityResult extract(const Article& a, const Tokenized& t) const;

private:
    const Gazetteer& gaz_;
    const Lexicon& lex_;
};

} // namespace polgraph
