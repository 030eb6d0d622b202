#pragma once
// Test helpers for runs that must be acted on while they are going: start a command in the
// background and wait for a file-system event (inotify) that marks a known point of the run,
// e.g. "the first input was opened" or "the temporary output file was created". Deterministic:
// no sleeps. Linux only (like the rest of the suite).
#include <functional>
#include <string>

#include <poll.h>
#include <signal.h>
#include <sys/inotify.h>
#include <sys/wait.h>
#include <unistd.h>

namespace polgraph::test {

/// A command started with /bin/sh -c "exec ..." (so the pid is the command's own).
class Background {
public:
    explicit Background(const std::string& command) {
        pid_ = fork();
        if (pid_ == 0) {
            execl("/bin/sh", "sh", "-c", ("exec " + command).c_str(), static_cast<char*>(nullptr));
            _exit(127);
        }
    }
    ~Background() {
        if (pid_ > 0 && !waited_) {
            kill(pid_, SIGKILL);
            wait();
        }
    }
    Background(const Background&) = delete;
    Background& operator=(const Background&) = delete;

    pid_t pid() const { return pid_; }
    bool started() const { return pid_ > 0; }
    /// True once the process has ended (does not block).
    bool ended() {
        if (waited_) return true;
        int st = 0;
        if (waitpid(pid_, &st, WNOHANG) == pid_) {
            waited_ = true;
            status_ = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
        }
        return waited_;
    }
    /// Waits for the end; exit status, or 128 + signal.
    int wait() {
        if (!waited_) {
            int st = 0;
            while (waitpid(pid_, &st, 0) < 0 && errno == EINTR) {
            }
            waited_ = true;
            status_ = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
        }
        return status_;
    }

private:
    pid_t pid_ = -1;
    bool waited_ = false;
    int status_ = -1;
};

/// inotify on one directory.
class DirWatch {
public:
    DirWatch(const std::string& dir, uint32_t mask) {
        fd_ = inotify_init1(IN_CLOEXEC);
        if (fd_ >= 0 && inotify_add_watch(fd_, dir.c_str(), mask) < 0) {
            close(fd_);
            fd_ = -1;
        }
    }
    ~DirWatch() {
        if (fd_ >= 0) close(fd_);
    }
    DirWatch(const DirWatch&) = delete;
    DirWatch& operator=(const DirWatch&) = delete;
    bool ok() const { return fd_ >= 0; }

    /// Waits until an event names an entry for which `match(name)` holds; returns false if
    /// `proc` ends first.
    bool wait_for(const std::function<bool(const std::string&)>& match, Background& proc) {
        alignas(inotify_event) char buf[16384];
        for (;;) {
            pollfd p{fd_, POLLIN, 0};
            if (poll(&p, 1, 100) > 0) {
                ssize_t n = read(fd_, buf, sizeof buf);
                for (ssize_t off = 0; off < n;) {
                    auto* ev = reinterpret_cast<inotify_event*>(buf + off);
                    if (ev->len > 0 && match(ev->name)) return true;
                    off += static_cast<ssize_t>(sizeof(inotify_event) + ev->len);
                }
            } else if (proc.ended()) {
                return false;
            }
        }
    }

private:
    int fd_ = -1;
};

} // namespace polgraph::test
