#pragma once
/// Reading the inputs of a merge (`polgraph merge`, `polgraph.merge` in Python): record files
/// (`extract --jsonl`, one JSON record per line), node-link JSON graphs and snapshots, told apart
/// by their suffix or their first line, and the articles that differ between inputs.
#include <string>
#include <vector>

#include "core/record_pack.hpp"

namespace polgraph {

/// The records of one input, packed as they are read (10^5 records never exist unpacked): a
/// snapshot or a ".json" graph by its content, anything else ("-" is stdin) by its first line
/// that is not blank: a record line, else a graph. Throws IoError when it cannot be read,
/// ParseError (with file and line) when it is not a record or graph file.
std::vector<PackedRecord> read_merge_input(const std::string& name);

struct MergeInputs {
    std::vector<PackedRecord> records; ///< every input's records (one id may repeat)
    /// One message per article whose records differ between two inputs, saying which one the
    /// fold keeps (the greater content hash, whatever the order of the inputs): "article \"x\"
    /// differs between a.jsonl (p) and b.jsonl (q); keeping the one from a.jsonl".
    std::vector<std::string> conflicts;
};

/// The records of every input, in turn; the conflicts only when `find_conflicts` (it sorts the
/// records by id). Throws as read_merge_input.
MergeInputs read_merge_inputs(const std::vector<std::string>& names, bool find_conflicts);

} // namespace polgraph
