#pragma once
/// ThreadTeam: a fixed set of threads that run one job at a time over numbered chunks, for a
/// loop that runs many short parallel steps (a layout's iterations), where starting threads for
/// every step would cost more than the step. Which thread runs which chunk varies from run to
/// run: a job whose chunk c writes only chunk c's outputs gives the same results on any number of
/// threads.
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace polgraph {

class ThreadTeam {
public:
    /// A team of `threads` threads counting the caller: threads - 1 are started here (none for 0
    /// or 1, when run() calls the job on the caller's thread alone). Throws std::system_error
    /// when a thread cannot be started.
    explicit ThreadTeam(unsigned threads);
    /// Stops and joins the threads.
    ~ThreadTeam();
    ThreadTeam(const ThreadTeam&) = delete;
    ThreadTeam& operator=(const ThreadTeam&) = delete;

    /// Threads that run a job, counting the caller.
    unsigned size() const { return static_cast<unsigned>(workers_.size()) + 1; }

    /// Calls job(c) once for every c in [0, chunks), on the team's threads and the caller's, and
    /// returns when every call has returned. When a call throws, the chunks not yet started are
    /// skipped and the first exception is rethrown here. One run at a time: not to be called
    /// from a job or from two threads at once.
    void run(std::size_t chunks, const std::function<void(std::size_t)>& job);

private:
    void work();
    void serve();
    void halt();

    std::mutex m_;
    std::condition_variable wake_, done_;
    std::uint64_t generation_ = 0; ///< one per run(), so that a woken worker knows it is new
    bool stop_ = false;
    const std::function<void(std::size_t)>* job_ = nullptr;
    std::size_t chunks_ = 0;
    std::atomic<std::size_t> next_{0};
    std::atomic<bool> failed_{false};
    std::exception_ptr error_;
    unsigned busy_ = 0; ///< workers still in the current run
    std::vector<std::thread> workers_;
};

} // namespace polgraph
