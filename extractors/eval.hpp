#pragma once
/// Entity-extraction evaluation against hand-checked gold annotations (the polgraph-gold-1 format,
/// see README "Evaluating accuracy"). Pure functions; thread-safe.
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/record.hpp"

namespace polgraph {

/// Gold entities of one article: type -> canonical names, plus aliases per canonical name.
struct GoldArticle {
    std::map<std::string, std::vector<std::string>> entities;
    std::map<std::string, std::vector<std::string>> aliases;
};

/// Parses a gold file (`{"schema": "polgraph-gold-1", "articles": {"file.md": {...}}}`).
/// Throws Error naming the problem.
std::map<std::string, GoldArticle> parse_gold(const nlohmann::json& j, const std::string& name);

struct TypeScore {
    int tp = 0, fp = 0, fn = 0;
    double precision() const { return tp + fp ? double(tp) / (tp + fp) : 0.0; }
    double recall() const { return tp + fn ? double(tp) / (tp + fn) : 0.0; }
    double f1() const {
        double p = precision(), r = recall();
        return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
    }
};

/// One scoring mistake, for --details.
struct EvalError {
    std::string article, type, name;
    bool false_positive = true; ///< false: a missed gold entity
    /// What kind of mistake: for a false positive "wrong type" (the name is gold under another
    /// type), "duplicate" (a second id for a gold entity already found), "wrong referent" (a form
    /// of a gold entity bound to another entity), "boundary" (overlaps a gold name: too long or
    /// too short), or "spurious"; for a miss "missed".
    std::string kind;
    std::string related; ///< the gold (or predicted) entity the mistake is about, "type:name"
    std::string id;      ///< the prediction's entity id (false positives)
};

struct EvalResult {
    std::map<std::string, TypeScore> by_type; ///< per entity type
    TypeScore overall;                        ///< micro-averaged over all types
    int articles = 0;
    std::vector<EvalError> errors;
};

/// Scores records against gold. An article is matched by its file name (`path`'s last component)
/// or its id. A prediction matches a gold entity of the same type when its name or one of its
/// surface forms equals the gold canonical name or one of its aliases, ignoring case and white
/// space; each gold entity and each prediction match at most once. Each mistake is classified
/// (EvalError::kind).
EvalResult evaluate(const std::vector<ArticleRecord>& records,
                    const std::map<std::string, GoldArticle>& gold);

/// Normalised comparison key (case-folded, single-spaced, typographic quotes folded).
std::string eval_key(const std::string& s);

} // namespace polgraph
