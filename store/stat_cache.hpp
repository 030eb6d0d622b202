#pragma once
/// The stat cache behind `extract --update`: for each file a graph was built from, its size,
/// modification time and content hash, kept next to the graph in GRAPH.stat. Like git's index, it
/// only tells which files are certainly unchanged (same path, size and mtime), so that they need
/// not be read again; the graph itself stays a pure function of the file contents and paths. A
/// missing, stale or damaged cache costs time (files are read again), never correctness.
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

namespace polgraph {

/// Size and modification time of a file, as stat(2) reports them.
struct FileStat {
    std::uint64_t size = 0;
    std::int64_t mtime_ns = 0;
    bool operator==(const FileStat&) const = default;
};

/// stat(2) of a regular file (following symlinks); nullopt when it cannot be stat'ed.
std::optional<FileStat> stat_file(const std::string& path);

/// Nanoseconds since the epoch, on the clock file modification times use.
std::int64_t wall_clock_ns();

class StatCache {
public:
    struct Entry {
        FileStat stat;
        std::string hash; ///< content hash of the bytes (ArticleRecord::hash)
    };

    /// Reads a cache file. A missing file gives an empty cache; lines that cannot be parsed are
    /// skipped (the files they describe are then read again).
    static StatCache load(const std::string& path);

    /// What the records were made with (program, data files, options): a cache whose fingerprint
    /// differs from the current one vouches for nothing, since the same file would now give a
    /// different record.
    const std::string& fingerprint() const { return fingerprint_; }
    void set_fingerprint(std::string f) { fingerprint_ = std::move(f); }

    /// Writes the cache atomically (sorted by path, so the file is deterministic). Throws IoError.
    void save(const std::string& path) const;

    /// The entry for `path`, or nullptr.
    const Entry* find(const std::string& path) const;

    /// Records a file. Entries whose mtime is less than kSettleNs older than `run_start_ns` are
    /// not kept: the file may still be changing within the file system's timestamp resolution
    /// (the "racy clean" case), so the next run reads it again rather than trusting its mtime.
    void set(const std::string& path, const FileStat& st, std::string hash,
             std::int64_t run_start_ns);

    std::size_t size() const { return entries_.size(); }

    static constexpr std::int64_t kSettleNs = 2'000'000'000; ///< 2 s (FAT and NFS resolution)

private:
    std::unordered_map<std::string, Entry> entries_;
    std::string fingerprint_;
};

/// The cache file that belongs to a graph file: GRAPH + ".stat".
std::string stat_cache_path(const std::string& graph_path);

} // namespace polgraph
