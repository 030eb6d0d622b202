#pragma once
/// Atomic output files: data goes to a temporary file in the same directory, which is renamed
/// over the target only by commit(). A run that fails (full disk, I/O error) or is interrupted
/// (SIGINT/SIGTERM, see install_interrupt_cleanup) leaves the previous output intact and no
/// temporary file behind. Not thread-safe per object; different objects may be used from
/// different threads.
#include <memory>
#include <ostream>
#include <string>

namespace polgraph {

class AtomicFile {
public:
    /// Creates a temporary file next to `path`. Throws IoError when it cannot.
    explicit AtomicFile(std::string path);
    ~AtomicFile(); ///< removes the temporary file unless committed
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    /// Where the content goes. A write error (e.g. ENOSPC) is remembered and reported by commit().
    std::ostream& stream() { return out_; }
    /// Flushes, syncs and renames the temporary file over the target. Throws IoError naming the
    /// system error (e.g. "No space left on device"), in which case the target is untouched.
    void commit();
    const std::string& path() const { return path_; }

private:
    class Buffer;
    std::string path_;
    std::string tmp_;
    std::unique_ptr<Buffer> buf_;
    std::ostream out_;
    bool committed_ = false;
    int slot_ = -1;
};

/// Installs SIGINT/SIGTERM handlers that delete every open temporary file, print a note that the
/// previous outputs were left intact, and exit with status 130/143.
void install_interrupt_cleanup();

} // namespace polgraph
