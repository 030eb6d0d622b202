#pragma once
/// Atomic output files: data goes to a temporary file in the same directory, which is renamed
/// over the target only by commit(). A run that fails or is interrupted leaves the previous
/// output intact. Not thread-safe per object; different objects may be used from different
/// threads.
#include <fstream>
#include <string>

namespace polgraph {

class AtomicFile {
public:
    /// Opens a temporary file next to `path`. Throws IoError when it cannot.
    explicit AtomicFile(std::string path);
    ~AtomicFile(); ///< removes the temporary file unless committed
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    std::ostream& stream() { return out_; }
    /// Flushes, syncs and renames the temporary file over the target. Throws IoError (e.g. on a
    /// full disk), in which case the target is untouched.
    void commit();
    const std::string& path() const { return path_; }

private:
    std::string path_;
    std::string tmp_;
    std::ofstream out_;
    bool committed_ = false;
    int slot_ = -1;
};

/// Installs SIGINT/SIGTERM handlers that delete every open temporary file, print a note that the
/// previous outputs were left intact, and exit with status 130/143.
void install_interrupt_cleanup();

} // namespace polgraph
