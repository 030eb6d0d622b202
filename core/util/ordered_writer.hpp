#pragma once
/// Formats the items of a large export on several threads and writes them in order: the bytes are
/// those of a one-thread loop, whatever the number of threads. For exporters and record files
/// whose per-item formatting is const and independent (each item depends only on its input).
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <ostream>
#include <sstream>
#include <string>
#include <thread>
#include <type_traits>

#include "core/util/make_ahead.hpp"

namespace polgraph {

/// The threads an export formats on when not told (threads = 0): the cores, at most 4, unless
/// set_export_threads gave a number (`extract -j N` does, so that -j 1 uses one thread).
inline std::atomic<unsigned> g_export_threads{0};
inline void set_export_threads(unsigned n) {
    g_export_threads.store(n);
}
inline unsigned export_threads() {
    const unsigned set = g_export_threads.load();
    return set ? set : std::clamp(std::thread::hardware_concurrency(), 1u, 4u);
}

/// Calls format(i, text) for i in [0, n), item i appending its text to `text`, on up to `threads`
/// threads in chunks of `chunk` items, and writes the chunks to `out` in item order. `text` is a
/// std::string&, or a std::ostream& for a formatter that takes one (slower: each stream operation
/// costs a sentry).
/// This thread writes while the others format the chunks that follow (make_ahead): each keeps
/// formatting without waiting for the others, a chunk ahead of the one waiting to be written.
/// Memory holds about 3 * threads * chunk formatted items. Exceptions from `format` or from
/// writing are rethrown once every thread has stopped.
template <class Format>
void write_ordered(std::ostream& out, std::size_t n, Format&& format, unsigned threads = 0,
                   std::size_t chunk = 512) {
    if (threads == 0) threads = export_threads();
    if (n < 2 * chunk) threads = 1;
    const std::size_t chunks = (n + chunk - 1) / chunk;
    auto text = [&](std::size_t c) {
        const std::size_t end = std::min(n, (c + 1) * chunk);
        if constexpr (std::is_invocable_v<Format&, std::size_t, std::string&>) {
            std::string o;
            for (std::size_t i = c * chunk; i < end; ++i) format(i, o);
            return o;
        } else {
            std::ostringstream o;
            for (std::size_t i = c * chunk; i < end; ++i) format(i, o);
            return std::move(o).str();
        }
    };
    auto write = [&](std::size_t, const std::string& t) {
        out.write(t.data(), static_cast<std::streamsize>(t.size()));
    };
    // One thread formats and writes on its own, spawning none.
    make_ahead(chunks, threads == 1 ? 0 : threads, text, write, 1);
}

} // namespace polgraph
