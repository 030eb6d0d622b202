#include "core/util/file_bytes.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/error.hpp"

namespace polgraph {

std::string read_all(std::istream& in, const std::string& name) {
    std::ostringstream s;
    s << in.rdbuf();
    if (in.bad()) throw IoError(name + ": read error");
    return std::move(s).str();
}

FileBytes::FileBytes(const std::string& path, Access access) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw IoError(path + ": cannot open graph file: " + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
        const int flags = MAP_PRIVATE | (access == Access::random ? MAP_POPULATE : 0);
        void* p = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, flags, fd, 0);
        if (p != MAP_FAILED) {
            map_ = p;
            size_ = static_cast<std::size_t>(st.st_size);
            if (access == Access::sequential) ::madvise(map_, size_, MADV_SEQUENTIAL);
        }
    }
    ::close(fd);
    if (!map_) {
        std::ifstream in(path, std::ios::binary);
        if (!in) throw IoError(path + ": cannot open graph file");
        copy_ = read_all(in, path);
    }
}

FileBytes::~FileBytes() {
    if (map_) ::munmap(map_, size_);
}

void FileBytes::release(std::size_t begin, std::size_t end) {
    if (!map_) return;
    static const std::size_t page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    const std::size_t from = (begin + page - 1) / page * page;
    const std::size_t to = std::min(end, size_) / page * page;
    if (to > from) ::madvise(static_cast<char*>(map_) + from, to - from, MADV_DONTNEED);
}

} // namespace polgraph
