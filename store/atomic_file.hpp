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
    /// Flushes, syncs and renames the temporary file over the target, then syncs the directory so
    /// that the rename itself survives a power loss. Throws IoError naming the system error (e.g.
    /// "No space left on device"); when the write, the sync or the rename fails the target is
    /// untouched. A failed directory sync is reported too (the new file is then in place, but its
    /// name may not be on disk yet).
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

/// Checks, before any work is done, that `path` can be written as an output: its directory exists,
/// is a directory and is writable, and `path` itself is not a directory. Throws IoError naming the
/// user's path and the problem ("cannot write out/g.json: directory out does not exist").
void check_output_path(const std::string& path);

namespace detail {
/// The steps of AtomicFile::commit() that touch the disk.
enum class CommitStep { None, Fsync, Rename, DirSync };
/// Fault injection for tests: the next commit() (in any thread) fails at `step` as if that system
/// call had returned the error `err`. CommitStep::None clears it.
void fail_next_commit(CommitStep step, int err);
} // namespace detail

/// Installs SIGINT/SIGTERM handlers that delete every open temporary file, print a note that the
/// previous outputs were left intact, and exit with status 130/143.
void install_interrupt_cleanup();

} // namespace polgraph
