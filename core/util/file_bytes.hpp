#pragma once
/// The bytes of a graph file, for readers that scan it whole (snapshots, node-link JSON): mapped
/// when it is a regular file (no copy of a gigabyte), read into memory otherwise (pipes, /dev/fd).
#include <cstddef>
#include <istream>
#include <string>
#include <string_view>

namespace polgraph {

/// Reads a stream to its end. Throws IoError naming `name` on a read error.
std::string read_all(std::istream& in, const std::string& name);

class FileBytes {
public:
    /// How the bytes will be read: `random` maps every page up front (MAP_POPULATE);
    /// `sequential` lets pages come in as the scan reaches them (with read-ahead), so that a scan
    /// that release()s what it has passed never holds the whole file.
    enum class Access { random, sequential };

    /// Throws IoError naming `path` when it cannot be opened or read.
    explicit FileBytes(const std::string& path, Access access = Access::random);
    ~FileBytes();
    FileBytes(const FileBytes&) = delete;
    FileBytes& operator=(const FileBytes&) = delete;

    std::string_view view() const {
        return map_ ? std::string_view(static_cast<const char*>(map_), size_) : copy_;
    }

    /// Gives back the mapped pages wholly inside [begin, end). The bytes stay readable: the
    /// mapping is private and read-only, so a page read again comes back from the file.
    void release(std::size_t begin, std::size_t end);

private:
    void* map_ = nullptr;
    std::size_t size_ = 0;
    std::string copy_;
};

} // namespace polgraph
