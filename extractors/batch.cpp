#include "extractors/batch.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "core/error.hpp"
#include "core/util/memory.hpp"
#include "core/util/text.hpp"
#include "extractors/gazetteer.hpp"
#include "extractors/overlay.hpp"
#include "extractors/pipeline.hpp"
#include "store/graph_io.hpp"

namespace polgraph {

namespace {

/// What became of one input file.
struct Outcome {
    std::optional<PackedRecord> record; ///< packed in the worker (core/record_pack.hpp)
    std::optional<InputError> failure;
    std::vector<std::string> warnings;
    std::optional<FileStat> stat; ///< taken before reading (`update` only)
    bool reused = false;          ///< record taken from the `update` graph, file not read
};

/// What a record depends on besides the file: this program (its executable's path, size and
/// mtime, so that any rebuild counts), the data files and the options that change records. An
/// update trusts a stat cache only when its fingerprint is this one.
std::string extraction_fingerprint(const std::string& data_dir, const BatchOptions& o,
                                   const Overlay* overlay) {
    namespace fs = std::filesystem;
    std::string all = std::string(POLGRAPH_VERSION) + "\n";
    std::error_code ec;
    auto exe = fs::read_symlink("/proc/self/exe", ec);
    if (auto st = ec ? std::nullopt : stat_file(exe.string()))
        all += exe.string() + " " + std::to_string(st->size) + " " + std::to_string(st->mtime_ns);
    std::vector<std::string> files;
    for (auto it = fs::recursive_directory_iterator(data_dir, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
        if (it->is_regular_file() && it->path().string().find("/sample/") == std::string::npos)
            files.push_back(it->path().string());
    std::sort(files.begin(), files.end());
    for (const auto& f : files)
        all +=
            "\n" + f.substr(data_dir.size()) + " " + content_hash(read_file_bytes(f, 1ull << 40));
    char opts[64];
    std::snprintf(opts, sizeof opts, "\nkeyphrases=%d min_topic_score=%.6g", o.keyphrases ? 1 : 0,
                  o.min_topic_score);
    if (overlay) all += "\noverlay " + overlay->hash();
    return content_hash(all + opts);
}

/// The worker threads, joined however the scope is left (a hook that throws stops them first:
/// no more files are taken).
struct Workers {
    Workers(std::atomic<std::size_t>& next, std::size_t total, std::size_t running)
        : next(next), total(total), running(running) {}

    std::vector<std::thread> threads;
    std::atomic<std::size_t>& next;
    std::size_t total;
    std::mutex mutex;
    std::condition_variable finished;
    std::size_t running;

    /// Called by each worker as it returns.
    void leave() {
        {
            std::lock_guard<std::mutex> lock(mutex);
            --running;
        }
        finished.notify_all();
    }
    /// Waits until every worker has returned or `timeout` has passed; true when all have.
    bool wait_for(std::chrono::milliseconds timeout) {
        std::unique_lock<std::mutex> lock(mutex);
        return finished.wait_for(lock, timeout, [&] { return running == 0; });
    }
    ~Workers() {
        next.store(total);
        for (auto& t : threads) t.join();
    }
};

/// The batch over the inputs `list` gives (called once the graph to update is loaded; it may add
/// to the result's failures and skipped files).
BatchResult run_batch(const std::function<std::vector<InputFile>(BatchResult&)>& list,
                      const BatchOptions& o, const BatchHooks& hooks) {
    using clock = std::chrono::steady_clock;
    const auto t0 = clock::now();
    const std::int64_t run_start_ns = wall_clock_ns();
    const bool updating = !o.update.empty();
    BatchResult res;

    // The graph being updated: its records, indexed by id, and the stat cache written with it.
    std::vector<PackedRecord> previous;
    StatCache cache;
    if (updating && stat_file(o.update)) {
        previous = load_packed_records(o.update, o.jobs > 0 ? static_cast<unsigned>(o.jobs) : 0);
        cache = StatCache::load(stat_cache_path(o.update));
    }
    res.loaded = clock::now();
    std::unordered_map<std::string, std::size_t> previous_by_id;
    for (std::size_t i = 0; i < previous.size(); ++i) previous_by_id.emplace(previous[i].id, i);

    const std::string data_dir = resolve_data_dir(o.data_dir);
    std::shared_ptr<Overlay> overlay;
    if (!o.overlay.empty()) overlay = std::make_shared<Overlay>(Overlay::load(o.overlay));
    if (updating) {
        res.cache.set_fingerprint(extraction_fingerprint(data_dir, o, overlay.get()));
        if (cache.size() > 0 && cache.fingerprint() != res.cache.fingerprint()) {
            res.cache_discarded = true;
            cache = StatCache{};
        }
    }
    std::vector<InputFile> inputs = list(res);
    // The article on stdin gets a real name (its id is that name's stem).
    if (!o.stdin_name.empty())
        for (auto& in : inputs)
            if (in.path == "-")
                in.id = article_id_from_stem(std::filesystem::path(o.stdin_name).stem().string());

    const std::size_t total = inputs.size();
    res.inputs = total;
    std::vector<Outcome> outcomes(total);
    // A file the stat cache vouches for (same path, size and mtime as when its record was made)
    // keeps the graph's record and is not read.
    if (updating)
        for (std::size_t i = 0; i < total; ++i) {
            const auto& in = inputs[i];
            Outcome& out = outcomes[i];
            if (in.path == "-") continue;
            out.stat = stat_file(in.path);
            const StatCache::Entry* e = out.stat ? cache.find(in.path) : nullptr;
            auto p = previous_by_id.find(in.id);
            if (e && e->stat == *out.stat && p != previous_by_id.end() &&
                previous[p->second].path == in.path && previous[p->second].hash == e->hash) {
                out.record = std::move(previous[p->second]);
                previous[p->second] = PackedRecord{}; // taken: not kept a second time below
                out.reused = true;
                ++res.reused;
            }
        }
    if (hooks.on_inputs) hooks.on_inputs(res);
    // The data (gazetteers, taxonomy) is loaded only when some file is to be read.
    std::optional<Pipeline> pipeline;
    if (res.reused < total) {
        PipelineOptions popts;
        popts.keyphrases = o.keyphrases;
        popts.min_topic_score = o.min_topic_score;
        pipeline.emplace(Resources::load(data_dir, overlay), popts);
    }
    std::atomic<std::size_t> next{0}, done{res.reused}, failed{0};
    std::atomic<std::uint64_t> bytes{0};
    // No more readers than there are files (an update with one new file still folds the whole
    // graph on every thread: `threads` is the caller's for that).
    res.threads = o.jobs > 0 ? static_cast<unsigned>(o.jobs)
                             : std::max(1u, std::thread::hardware_concurrency());
    res.readers =
        static_cast<unsigned>(std::min<std::size_t>(res.threads, std::max<std::size_t>(total, 1)));

    // Each worker takes the next file, so records come back in any order; they are put in id
    // order below, which makes the result independent of `jobs` and of the input order. The
    // Article (the text) dies at the end of each iteration: only records are kept.
    Workers workers(next, total, res.readers);
    auto worker = [&]() {
        for (;;) {
            std::size_t i = next.fetch_add(1);
            if (i >= total) break;
            const auto& in = inputs[i];
            Outcome& out = outcomes[i];
            if (out.reused) continue;
            try {
                Article a = in.path == "-" && !o.stdin_name.empty()
                                ? parse_article(read_file_bytes("-", o.max_bytes), o.stdin_name,
                                                in.id, input_kind_for_path(o.stdin_name))
                                : read_article(in.path, in.id, o.max_bytes);
                bytes += a.bytes;
                out.warnings = std::move(a.warnings);
                out.record = pack(pipeline->run(a));
            } catch (...) {
                out.failure = describe_failure(in.path, std::current_exception());
                ++failed;
            }
            ++done;
        }
        workers.leave();
    };
    for (unsigned k = 0; k < res.readers; ++k) workers.threads.emplace_back(worker);
    // The hook is called at once, then every interval, and as soon as the last worker returns.
    for (bool all_done = !hooks.on_progress; !all_done;) {
        all_done = workers.wait_for(std::chrono::milliseconds(0));
        hooks.on_progress({done.load(), total, failed.load(), bytes.load(),
                           std::chrono::duration<double>(clock::now() - t0).count()});
        if (!all_done) workers.wait_for(hooks.interval);
    }
    for (auto& th : workers.threads) th.join();
    workers.threads.clear();
    res.extracted = clock::now();
    release_free_memory(); // what the workers freed while parsing (their arenas keep it)
    res.resident_mb_extracted = resident_mb();

    res.records.reserve(total + previous.size());
    std::unordered_set<std::string> input_ids, input_paths;
    for (std::size_t i = 0; i < total; ++i) {
        Outcome& out = outcomes[i];
        input_ids.insert(inputs[i].id);
        input_paths.insert(inputs[i].path);
        for (auto& w : out.warnings) res.warnings.push_back({inputs[i].path, std::move(w)});
        if (out.record && out.stat)
            res.cache.set(inputs[i].path, *out.stat, out.record->hash, run_start_ns);
        if (out.record) res.records.push_back(std::move(*out.record));
        if (out.failure) res.failures.push_back(std::move(*out.failure));
    }
    // The inputs replace the graph's records with the same id or path (a listed file that now
    // fails is dropped, as a rebuild would drop it); every other record is kept.
    for (auto& r : previous) {
        if (r.id.empty() || input_ids.count(r.id) || input_paths.count(r.path)) continue;
        ++res.kept;
        if (const StatCache::Entry* e = cache.find(r.path); e && e->hash == r.hash)
            res.cache.set(r.path, e->stat, e->hash, run_start_ns);
        res.records.push_back(std::move(r));
    }
    previous.clear();
    outcomes.clear();
    std::sort(res.failures.begin(), res.failures.end(),
              [](const InputError& a, const InputError& b) { return a.path < b.path; });
    sort_unique(res.records);
    return res;
}

} // namespace

BatchResult extract_batch(const std::vector<std::string>& paths, const BatchOptions& o,
                          const BatchHooks& hooks) {
    return run_batch(
        [&](BatchResult& res) {
            return collect_inputs(paths, o.globs.empty() ? default_globs() : o.globs, res.failures,
                                  &res.skipped);
        },
        o, hooks);
}

BatchResult extract_batch(std::vector<InputFile> inputs, const BatchOptions& o,
                          const BatchHooks& hooks) {
    return run_batch([&](BatchResult&) { return std::move(inputs); }, o, hooks);
}

std::string empty_batch_reason(const BatchResult& r, const std::vector<std::string>& paths,
                               const std::vector<std::string>& globs, bool above) {
    if (r.inputs == 0 && r.failures.empty()) {
        std::size_t n_skipped = 0;
        for (const auto& [suffix, n] : r.skipped) n_skipped += n;
        return "no file matched " + join(globs.empty() ? default_globs() : globs, ",") +
               (n_skipped           ? "; skipped " + describe_skipped(r.skipped)
                : paths.size() == 1 ? "; " + paths[0] + " holds no file"
                                    : "; the inputs hold no file");
    }
    return "no input could be read (" + std::to_string(r.failures.size()) + " error" +
           (r.failures.size() == 1 ? "" : "s") + (above ? " above)" : ")");
}

InputError describe_failure(const std::string& path, std::exception_ptr error) {
    try {
        std::rethrow_exception(error);
    } catch (const ParseError& e) {
        return {path,
                e.line() > 0 ? "line " + std::to_string(e.line()) + ": " + e.reason() : e.reason()};
    } catch (const IoError& e) {
        std::string msg = e.what();
        if (msg.rfind(path + ": ", 0) == 0) msg = msg.substr(path.size() + 2);
        return {path, msg};
    } catch (const std::exception& e) {
        return {path, std::string("unexpected error: ") + e.what()};
    }
}

} // namespace polgraph
