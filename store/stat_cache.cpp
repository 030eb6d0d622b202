#include "store/stat_cache.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstring>
#include <fstream>
#include <vector>

#include <sys/stat.h>

#include "store/atomic_file.hpp"

namespace polgraph {

namespace {

constexpr const char* kHeader =
    "# polgraph stat cache 1: size, mtime_ns, hash, path (tab-separated)";
constexpr const char* kFingerprint = "# fingerprint ";

template <class T> bool parse_int(std::string_view s, T& out) {
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size();
}

} // namespace

std::optional<FileStat> stat_file(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
    FileStat fs;
    fs.size = static_cast<std::uint64_t>(st.st_size);
    fs.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
    return fs;
}

std::int64_t wall_clock_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string stat_cache_path(const std::string& graph_path) {
    return graph_path + ".stat";
}

StatCache StatCache::load(const std::string& path) {
    StatCache c;
    std::ifstream in(path, std::ios::binary);
    if (!in) return c;
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind(kFingerprint, 0) == 0)
            c.fingerprint_ = line.substr(std::strlen(kFingerprint));
        if (line.empty() || line[0] == '#') continue;
        std::string_view v = line;
        std::string_view f[3];
        bool ok = true;
        for (auto& part : f) {
            auto tab = v.find('\t');
            if (tab == std::string_view::npos) {
                ok = false;
                break;
            }
            part = v.substr(0, tab);
            v.remove_prefix(tab + 1);
        }
        Entry e;
        if (!ok || v.empty() || !parse_int(f[0], e.stat.size) || !parse_int(f[1], e.stat.mtime_ns))
            continue;
        e.hash = std::string(f[2]);
        c.entries_[std::string(v)] = std::move(e);
    }
    return c;
}

void StatCache::save(const std::string& path) const {
    std::vector<const std::pair<const std::string, Entry>*> sorted;
    sorted.reserve(entries_.size());
    for (const auto& kv : entries_) sorted.push_back(&kv);
    std::sort(sorted.begin(), sorted.end(), [](auto a, auto b) { return a->first < b->first; });
    AtomicFile f(path);
    std::ostream& out = f.stream();
    out << kHeader << '\n' << kFingerprint << fingerprint_ << '\n';
    for (const auto* kv : sorted)
        out << kv->second.stat.size << '\t' << kv->second.stat.mtime_ns << '\t' << kv->second.hash
            << '\t' << kv->first << '\n';
    f.commit();
}

const StatCache::Entry* StatCache::find(const std::string& path) const {
    auto it = entries_.find(path);
    return it == entries_.end() ? nullptr : &it->second;
}

void StatCache::set(const std::string& path, const FileStat& st, std::string hash,
                    std::int64_t run_start_ns) {
    if (path.find('\n') != std::string::npos || path.empty()) return;
    if (st.mtime_ns > run_start_ns - kSettleNs) {
        entries_.erase(path);
        return;
    }
    entries_[path] = Entry{st, std::move(hash)};
}

} // namespace polgraph
