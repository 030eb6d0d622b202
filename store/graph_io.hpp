#pragma once
/// Reading graph files: the node-link JSON that exporters/json_exporter writes, and graph files in
/// either form (node-link JSON or the snapshot of store/graph_snapshot.hpp, told apart by their
/// first bytes). Everything read is validated: bad JSON, missing fields, edges to missing nodes,
/// duplicate ids, filtered views and files of another kind (GraphML, records, ...) are errors that
/// name the file and the problem. Throws polgraph::Error. The functions are reentrant.
#include <functional>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "core/graph.hpp"
#include "core/record.hpp"
#include "core/record_pack.hpp"

namespace polgraph {

/// Loads a node-link JSON graph; `name` is the file named in errors.
KnowledgeGraph read_graph_json(std::istream& in, const std::string& name);
KnowledgeGraph read_graph_json(std::string_view text, const std::string& name);
KnowledgeGraph read_graph_json_file(const std::string& path);

/// The records of a node-link JSON graph, validated as read_graph_json does, without building the
/// graph (for merge and --update, which fold them together with other records).
std::vector<ArticleRecord> read_json_records(std::istream& in, const std::string& name);
/// The same from bytes in memory. `done_with(begin, end)`, when given, is told of byte ranges the
/// reader has passed (a mapped file can give their pages back).
std::vector<ArticleRecord>
read_json_records(std::string_view text, const std::string& name,
                  const std::function<void(std::size_t, std::size_t)>& done_with = {});
std::vector<ArticleRecord> read_json_records_file(const std::string& path);

/// Loads a graph file in either form: a snapshot (recognised by its first bytes, whatever the
/// suffix) or node-link JSON. "-" reads stdin.
KnowledgeGraph load_graph(const std::string& path);
/// The records of a graph file in either form (for merge and --update), packed
/// (core/record_pack.hpp): a snapshot's records are never all unpacked. A snapshot's records are
/// made on `threads` threads (0: one a core).
std::vector<PackedRecord> load_packed_records(const std::string& path, unsigned threads = 0);

} // namespace polgraph
