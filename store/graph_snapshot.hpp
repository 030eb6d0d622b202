#pragma once
/// The binary snapshot: the folded graph as it is in memory, so that loading it skips JSON parsing
/// and the fold (a graph of 10^5 articles loads in seconds instead of a minute). Lossless: writing
/// the snapshot of a loaded snapshot, or of the graph read back from its node-link JSON, gives the
/// same bytes. The file starts with kSnapshotMagic and carries a version and a checksum; any damage
/// is reported, never trusted. Throws polgraph::Error. The functions are reentrant.
#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>

#include "core/graph.hpp"

namespace polgraph {

/// The first bytes of a binary graph snapshot.
inline constexpr std::string_view kSnapshotMagic{"\x89PGSNAP\r\n\x1a\n", 11};
/// The version of the snapshot layout this build writes and reads.
inline constexpr std::uint32_t kSnapshotVersion = 1;

/// Writes `g` as a snapshot, in pieces (the whole file is never in memory).
void write_snapshot(const KnowledgeGraph& g, std::ostream& out);

/// Parses snapshot bytes; `name` is the file named in errors. Validates the checksum, every
/// length and index, and the kinds of the nodes each edge joins.
KnowledgeGraph read_snapshot(std::string_view bytes, const std::string& name);
/// The same, calling done_with(begin, end) with ranges of `bytes` (offsets) that the parse has
/// finished with and will not read again, each about `step` bytes, so that a caller holding the
/// bytes in a mapped file can give its pages back as the graph grows (load_graph does: at 10^5
/// articles the file is 0.7 GB). Calls may come from two threads at once, with disjoint ranges.
/// With `records_only`, every edge is still read and checked but only those records are made of
/// (mentions, relations) are kept: a graph for packed_records(), built in less time and memory
/// (co-occurrences are most of the edges), and for nothing else.
KnowledgeGraph read_snapshot(std::string_view bytes, const std::string& name,
                             const std::function<void(std::size_t, std::size_t)>& done_with,
                             std::size_t step = std::size_t{16} << 20, bool records_only = false);

/// True when `head` (a file's first bytes) starts like a snapshot.
bool is_snapshot(std::string_view head);
/// True when the file at `path` can be opened and starts like a snapshot.
bool is_snapshot_file(const std::string& path);

/// A snapshot's header for `payload`: kSnapshotMagic, the version, the payload's size and its
/// checksum (hash_bytes of core/util/hash.hpp: it detects damage, it is not a MAC).
/// write_snapshot writes it; tests and the fuzzer seal hand-made payloads with it.
std::string snapshot_header(std::string_view payload, std::uint32_t version = kSnapshotVersion);
/// The same from the payload's size and checksum, when the payload is written in pieces.
std::string snapshot_header(std::uint64_t size, std::uint64_t checksum,
                            std::uint32_t version = kSnapshotVersion);

} // namespace polgraph
