#include "store/inputs.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <system_error>

#include <sys/stat.h>

#include "core/record.hpp"
#include "core/util/text.hpp"

namespace polgraph {

namespace fs = std::filesystem;

std::string not_regular_file_reason(unsigned int st_mode) {
    const mode_t m = static_cast<mode_t>(st_mode);
    const char* what = S_ISFIFO(m)                ? "a FIFO"
                       : S_ISSOCK(m)              ? "a socket"
                       : S_ISCHR(m) || S_ISBLK(m) ? "a device"
                       : S_ISDIR(m)               ? "a directory"
                                                  : "an unknown file type";
    return std::string("not a regular file (") + what + ")";
}

const std::vector<std::string>& default_globs() {
    static const std::vector<std::string> g = {"*.md", "*.markdown", "*.html", "*.htm", "*.txt"};
    return g;
}

namespace {

bool glob_match(const std::string& pattern, const std::string& name) {
    // '*' matches any run, '?' one character; case-insensitive for suffixes.
    std::string p = casefold(pattern), s = casefold(name);
    std::size_t pi = 0, si = 0, star = std::string::npos, mark = 0;
    while (si < s.size()) {
        if (pi < p.size() && (p[pi] == '?' || p[pi] == s[si])) {
            ++pi;
            ++si;
        } else if (pi < p.size() && p[pi] == '*') {
            star = pi++;
            mark = si;
        } else if (star != std::string::npos) {
            pi = star + 1;
            si = ++mark;
        } else {
            return false;
        }
    }
    while (pi < p.size() && p[pi] == '*') ++pi;
    return pi == p.size();
}

void walk(const fs::path& dir, const std::string& root, const std::vector<std::string>& globs,
          std::set<std::pair<dev_t, ino_t>>& visited, std::vector<InputFile>& out,
          std::vector<InputError>& errors, SkippedFiles* skipped, int depth) {
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0) {
        errors.push_back({dir.string(), "cannot read directory"});
        return;
    }
    if (!visited.insert({st.st_dev, st.st_ino}).second) {
        errors.push_back({dir.string(), "directory symlink loop (already visited), skipped"});
        return;
    }
    if (depth > 64) {
        errors.push_back({dir.string(), "directory nesting deeper than 64 levels, skipped"});
        return;
    }
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) {
        errors.push_back({dir.string(), "cannot read directory: " + ec.message()});
        return;
    }
    std::vector<fs::directory_entry> entries;
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec) {
            errors.push_back({dir.string(), "error while listing: " + ec.message()});
            break;
        }
        entries.push_back(*it);
    }
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
        return a.path().filename() < b.path().filename();
    });
    for (const auto& e : entries) {
        std::string name = e.path().filename().string();
        if (name.empty() || name[0] == '.') continue;
        std::error_code ec2;
        if (e.is_directory(ec2)) {
            walk(e.path(), root, globs, visited, out, errors, skipped, depth + 1);
            continue;
        }
        bool keep = false;
        for (const auto& g : globs)
            if (glob_match(g, name)) keep = true;
        if (!keep) {
            if (skipped) {
                const std::string ext = casefold(e.path().extension().string());
                ++(*skipped)[ext.empty() ? "(no suffix)" : ext];
            }
            continue;
        }
        // Every matching name is either kept or reported: a dangling symlink, a FIFO or a file
        // that vanished since the listing is never dropped silently.
        struct stat fst {};
        if (::stat(e.path().c_str(), &fst) != 0) {
            int err = errno;
            struct stat lst {};
            bool link = ::lstat(e.path().c_str(), &lst) == 0 && S_ISLNK(lst.st_mode);
            errors.push_back(
                {e.path().string(), link ? "broken symbolic link"
                                         : std::string("cannot stat: ") + std::strerror(err)});
            continue;
        }
        if (!S_ISREG(fst.st_mode)) {
            errors.push_back(
                {e.path().string(), not_regular_file_reason(fst.st_mode) + ", skipped"});
            continue;
        }
        out.push_back({e.path().string(), root, ""});
    }
}

std::string rel_id(const InputFile& f) {
    fs::path p(f.path), r(f.root);
    std::string rel;
    if (fs::is_directory(r)) rel = p.lexically_relative(r).string();
    if (rel.empty() || rel.rfind("..", 0) == 0) rel = p.lexically_normal().string();
    // drop the suffix, like the stem
    auto dot = rel.rfind('.');
    auto slash = rel.rfind('/');
    if (dot != std::string::npos && (slash == std::string::npos || dot > slash) && dot > 0)
        rel = rel.substr(0, dot);
    if (rel.rfind("./", 0) == 0) rel = rel.substr(2);
    return rel;
}

} // namespace

std::vector<InputFile> collect_inputs(const std::vector<std::string>& args,
                                      const std::vector<std::string>& globs,
                                      std::vector<InputError>& errors, SkippedFiles* skipped) {
    std::vector<InputFile> out;
    std::set<std::pair<dev_t, ino_t>> visited;
    for (const auto& a : args) {
        if (a == "-") {
            out.push_back({"-", "-", "stdin"});
            continue;
        }
        std::error_code ec;
        fs::file_status st = fs::status(a, ec);
        if (ec || !fs::exists(st)) {
            errors.push_back({a, "no such file or directory"});
            continue;
        }
        if (fs::is_directory(st)) walk(a, a, globs, visited, out, errors, skipped, 0);
        else out.push_back({a, a, ""});
    }
    // The same file named twice (directly and through a directory) is read once.
    std::sort(out.begin(), out.end(),
              [](const InputFile& x, const InputFile& y) { return x.path < y.path; });
    out.erase(std::unique(out.begin(), out.end(),
                          [](const InputFile& x, const InputFile& y) { return x.path == y.path; }),
              out.end());
    std::map<std::string, int> stems;
    for (auto& f : out) {
        if (f.path == "-") continue;
        f.id = fs::path(f.path).stem().string();
        if (f.id.empty()) f.id = fs::path(f.path).filename().string();
        f.id = article_id_from_stem(f.id);
        stems[f.id]++;
    }
    for (auto& f : out)
        if (f.path != "-" && stems[f.id] > 1) f.id = article_id_from_stem(rel_id(f));
    return out;
}

std::string describe_skipped(const SkippedFiles& skipped) {
    std::vector<std::pair<std::string, std::size_t>> rows(skipped.begin(), skipped.end());
    std::stable_sort(rows.begin(), rows.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    std::string out;
    for (const auto& [suffix, n] : rows)
        out += (out.empty() ? "" : ", ") + std::to_string(n) + " " + suffix;
    return out;
}

} // namespace polgraph
