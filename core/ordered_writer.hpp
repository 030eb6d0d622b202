#pragma once
/// Formats the items of a large export on several threads and writes them in order: the bytes are
/// those of a one-thread loop, whatever the number of threads. For exporters and record files
/// whose per-item formatting is const and independent (each item depends only on its input).
#include <algorithm>
#include <cstddef>
#include <exception>
#include <ostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace polgraph {

/// Calls format(i, stream) for i in [0, n), item i writing its text to `stream`, on up to
/// `threads` threads in chunks of `chunk` items, and writes the chunks to `out` in item order.
/// While this thread writes one round of chunks, the others format the next: writing a 1.6 GB
/// graph no longer waits on formatting, nor formatting on writing. Memory holds at most
/// 2 * threads * chunk formatted items. Exceptions from `format` are rethrown once every thread
/// has stopped.
template <class Format>
void write_ordered(std::ostream& out, std::size_t n, Format&& format, unsigned threads = 0,
                   std::size_t chunk = 4096) {
    if (threads == 0) threads = std::clamp(std::thread::hardware_concurrency(), 1u, 4u);
    if (n < 2 * chunk) threads = 1;
    std::vector<std::ostringstream> buffers(threads);
    std::vector<std::exception_ptr> errors(threads);
    auto work = [&](std::size_t begin, unsigned t) {
        try {
            buffers[t].str(std::string());
            const std::size_t b = std::min(n, begin + t * chunk), e = std::min(n, b + chunk);
            for (std::size_t i = b; i < e; ++i) format(i, buffers[t]);
        } catch (...) {
            errors[t] = std::current_exception();
        }
    };
    const std::size_t round = threads * chunk;
    if (threads == 1) { // one thread: format a chunk, write it, on this thread alone
        for (std::size_t begin = 0; begin < n; begin += round) {
            work(begin, 0);
            if (errors[0]) std::rethrow_exception(errors[0]);
            const std::string text = std::move(buffers[0]).str();
            out.write(text.data(), static_cast<std::streamsize>(text.size()));
        }
        return;
    }
    std::vector<std::thread> pool;
    auto start = [&](std::size_t begin) {
        for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work, begin, t);
    };
    std::vector<std::string> ready(threads); // the round being written
    std::exception_ptr failed;
    if (n > 0) start(0);
    for (std::size_t begin = 0; begin < n && !failed; begin += round) {
        for (auto& th : pool) th.join();
        pool.clear();
        for (unsigned t = 0; t < threads && !failed; ++t) {
            failed = errors[t];
            ready[t] = std::move(buffers[t]).str();
        }
        if (failed) break;
        if (begin + round < n) start(begin + round);
        try {
            for (const auto& text : ready) out.write(text.data(), static_cast<std::streamsize>(text.size()));
        } catch (...) {
            failed = std::current_exception();
        }
    }
    for (auto& th : pool) th.join();
    if (failed) std::rethrow_exception(failed);
}

} // namespace polgraph
