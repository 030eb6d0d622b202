#include "core/atomic_file.hpp"

#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <mutex>

#include <fcntl.h>
#include <unistd.h>

#include "core/error.hpp"

namespace polgraph {

namespace {

// Open temporary files, kept in a fixed table so that a signal handler can unlink them without
// allocating.
constexpr std::size_t kMaxOpen = 64;
std::array<std::array<char, 4096>, kMaxOpen> g_tmp_paths{};
std::array<std::atomic<bool>, kMaxOpen> g_tmp_used{};
std::mutex g_tmp_mutex;

int register_tmp(const std::string& p) {
    std::lock_guard<std::mutex> lock(g_tmp_mutex);
    if (p.size() >= 4096) return -1;
    for (std::size_t i = 0; i < kMaxOpen; ++i) {
        if (!g_tmp_used[i].load()) {
            std::memcpy(g_tmp_paths[i].data(), p.c_str(), p.size() + 1);
            g_tmp_used[i].store(true);
            return static_cast<int>(i);
        }
    }
    return -1;
}

void unregister_tmp(int slot) {
    if (slot >= 0) g_tmp_used[static_cast<std::size_t>(slot)].store(false);
}

extern "C" void on_interrupt(int sig) {
    for (std::size_t i = 0; i < kMaxOpen; ++i)
        if (g_tmp_used[i].load()) unlink(g_tmp_paths[i].data());
    const char msg[] =
        "\npolgraph: interrupted; partial outputs removed, previous output files left intact\n";
    ssize_t ignored = write(2, msg, sizeof msg - 1);
    (void)ignored;
    _exit(128 + sig);
}

} // namespace

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
    static std::atomic<unsigned> counter{0};
    std::string dir = ".";
    std::string base = path_;
    if (auto slash = path_.rfind('/'); slash != std::string::npos) {
        dir = path_.substr(0, slash);
        if (dir.empty()) dir = "/";
        base = path_.substr(slash + 1);
    }
    tmp_ = (dir == "/" ? "" : dir) + "/." + base + ".tmp." + std::to_string(getpid()) + "." +
           std::to_string(counter++);
    out_.open(tmp_, std::ios::binary | std::ios::trunc);
    if (!out_)
        throw IoError(path_ + ": cannot write (temporary file " + tmp_ + "): " +
                      std::strerror(errno));
    slot_ = register_tmp(tmp_);
}

AtomicFile::~AtomicFile() {
    if (!committed_) {
        out_.close();
        std::remove(tmp_.c_str());
    }
    unregister_tmp(slot_);
}

void AtomicFile::commit() {
    out_.flush();
    bool ok = static_cast<bool>(out_);
    out_.close();
    if (ok) {
        int fd = ::open(tmp_.c_str(), O_RDONLY);
        if (fd >= 0) {
            ok = ::fsync(fd) == 0;
            ::close(fd);
        }
    }
    if (!ok) {
        int err = errno;
        std::remove(tmp_.c_str());
        throw IoError(path_ + ": write failed (" + std::strerror(err) +
                      "); the previous file, if any, was left intact");
    }
    if (std::rename(tmp_.c_str(), path_.c_str()) != 0) {
        int err = errno;
        std::remove(tmp_.c_str());
        throw IoError(path_ + ": cannot rename the finished output into place: " +
                      std::strerror(err));
    }
    committed_ = true;
}

void install_interrupt_cleanup() {
    struct sigaction sa {};
    sa.sa_handler = on_interrupt;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
}

} // namespace polgraph
