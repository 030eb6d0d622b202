#pragma once
/// A batch extraction: the run behind `polgraph extract` and `polgraph.extract` in Python. Lists
/// the input files, reads and extracts them on worker threads into packed records, puts the
/// records in id order and collects the files that failed; with `update`, files the stat cache
/// shows unchanged keep the record the graph holds without being read again. What to do with the
/// records (fold them, write them) is the caller's.
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/record_pack.hpp"
#include "extractors/reader.hpp"
#include "store/inputs.hpp"
#include "store/stat_cache.hpp"

namespace polgraph {

struct BatchOptions {
    std::string data_dir;           ///< "" = the built-in data (resolve_data_dir)
    std::vector<std::string> globs; ///< suffix patterns for directory walks; empty: default_globs()
    /// For "-" (one article on stdin): the path to record it under (its stem gives the id, its
    /// suffix the format); "" keeps "-" and the id "stdin".
    std::string stdin_name;
    int jobs = 0; ///< worker threads; 0: one a core
    std::uint64_t max_bytes = kDefaultMaxBytes;
    bool keyphrases = false;
    double min_topic_score = 1.0;
    /// A curation overlay file (extractors/overlay.hpp) applied to every record; its hash is in
    /// the `update` fingerprint, so a changed overlay re-reads every file. "" for none.
    std::string overlay;
    /// A graph file (JSON or snapshot) to start from, as `extract --update`: its records are
    /// kept, except those the inputs replace (same id or path); an input its stat cache
    /// (stat_cache_path) vouches for keeps its record unread. A file that does not exist starts
    /// an empty graph. "" for none.
    std::string update;
};

/// How far the reading has got, for a progress display.
struct BatchProgress {
    std::size_t done = 0;  ///< files read, failed or reused
    std::size_t total = 0; ///< files listed
    std::size_t failed = 0;
    std::uint64_t bytes = 0; ///< bytes read
    double seconds = 0;      ///< since extract_batch was called
};

struct BatchResult {
    /// One record per article, packed, in id order (sort_unique): with `update`, the kept records
    /// of the graph too.
    std::vector<PackedRecord> records;
    /// Inputs that could not be listed, read or extracted (path, reason), by path.
    std::vector<InputError> failures;
    /// Warnings about inputs that were read (path, warning), in input order.
    std::vector<InputError> warnings;
    std::size_t inputs = 0; ///< files listed
    SkippedFiles skipped;   ///< files the directory walks left out (no glob matched)
    std::size_t reused = 0; ///< `update`: inputs whose record was kept unread
    std::size_t kept = 0;   ///< `update`: records of the graph that no input replaced
    /// `update`: the stat cache made for the records (what to save beside the graph written).
    StatCache cache;
    /// `update`: the graph's stat cache was made by another build, data or options, and ignored.
    bool cache_discarded = false;
    unsigned threads = 1;                            ///< `jobs` resolved (at least 1)
    unsigned readers = 1;                            ///< threads that read (no more than the files)
    std::chrono::steady_clock::time_point loaded;    ///< `update`'s graph read
    std::chrono::steady_clock::time_point extracted; ///< every file read
    double resident_mb_extracted = 0;                ///< resident memory then (resident_mb)
};

/// Callbacks of a batch, each called on the thread that called extract_batch. An exception
/// thrown by one stops the batch (the workers finish the file they hold) and is rethrown.
struct BatchHooks {
    /// Once the inputs are listed, before any is read: `so_far` has `inputs`, `skipped` and
    /// `cache_discarded`.
    std::function<void(const BatchResult& so_far)> on_inputs;
    /// About every `interval` while files are read, and once when all are.
    std::function<void(const BatchProgress&)> on_progress;
    std::chrono::milliseconds interval{200};
};

/// Runs a batch over `paths` (files, directories, "-" for stdin; see collect_inputs). Per-file
/// failures are collected, never thrown; throws polgraph::Error when the data directory, the
/// overlay or the `update` graph cannot be read (ParseError with the overlay's line). Same inputs, same records, whatever `jobs`.
BatchResult extract_batch(const std::vector<std::string>& paths, const BatchOptions& options,
                          const BatchHooks& hooks = {});

/// The same over inputs listed already, keeping their ids: a shard of a listing made by
/// collect_inputs over the whole input (the ids of files that share a stem depend on it).
BatchResult extract_batch(std::vector<InputFile> inputs, const BatchOptions& options,
                          const BatchHooks& hooks = {});

/// Why a batch gave no record, for the error that says so: "no file matched *.md,...; skipped
/// 2 .pdf" or "no input could be read (3 errors)" (with `above`: "(3 errors above)", when they
/// were printed).
std::string empty_batch_reason(const BatchResult& result, const std::vector<std::string>& paths,
                               const std::vector<std::string>& globs, bool above);

/// The failure reported for `path` when reading or extracting it threw `error`: the message
/// without the path ("line 3: invalid YAML ..." for a ParseError with a line).
InputError describe_failure(const std::string& path, std::exception_ptr error);

} // namespace polgraph
