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
/// Memory holds at most threads * chunk formatted items. Exceptions from `format` are rethrown.
template <class Format>
void write_ordered(std::ostream& out, std::size_t n, Format&& format, unsigned threads = 0,
                   std::size_t chunk = 4096) {
    if (threads == 0) threads = std::clamp(std::thread::hardware_concurrency(), 1u, 4u);
    if (n < 2 * chunk) threads = 1;
    std::vector<std::ostringstream> buffers(threads);
    std::vector<std::exception_ptr> errors(threads);
    for (std::size_t begin = 0; begin < n; begin += threads * chunk) {
        auto work = [&](unsigned t) {
            try {
                buffers[t].str(std::string());
                const std::size_t b = begin + t * chunk, e = std::min(n, b + chunk);
                for (std::size_t i = b; i < e; ++i) format(i, buffers[t]);
            } catch (...) {
                errors[t] = std::current_exception();
            }
        };
        std::vector<std::thread> pool;
        for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, t);
        work(0);
        for (auto& th : pool) th.join();
        for (unsigned t = 0; t < threads; ++t) {
            if (errors[t]) std::rethrow_exception(errors[t]);
            const std::string text = std::move(buffers[t]).str();
            out.write(text.data(), static_cast<std::streamsize>(text.size()));
        }
    }
}

} // namespace polgraph
