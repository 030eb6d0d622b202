#include "core/util/thread_team.hpp"

#include <utility>

namespace polgraph {

ThreadTeam::ThreadTeam(unsigned threads) {
    try {
        for (unsigned k = 1; k < threads; ++k) workers_.emplace_back([this] { serve(); });
    } catch (...) {
        halt(); // the destructor will not run: join the threads already started
        throw;
    }
}

ThreadTeam::~ThreadTeam() {
    halt();
}

void ThreadTeam::halt() {
    {
        std::lock_guard lock(m_);
        stop_ = true;
    }
    wake_.notify_all();
    for (auto& t : workers_)
        if (t.joinable()) t.join();
    workers_.clear();
}

void ThreadTeam::serve() {
    std::uint64_t seen = 0;
    for (;;) {
        {
            std::unique_lock lock(m_);
            wake_.wait(lock, [&] { return stop_ || generation_ != seen; });
            if (stop_) return;
            seen = generation_;
        }
        work();
        std::lock_guard lock(m_);
        if (--busy_ == 0) done_.notify_one();
    }
}

void ThreadTeam::work() {
    while (!failed_.load(std::memory_order_relaxed)) {
        const std::size_t c = next_.fetch_add(1, std::memory_order_relaxed);
        if (c >= chunks_) return;
        try {
            (*job_)(c);
        } catch (...) {
            std::lock_guard lock(m_);
            if (!error_) error_ = std::current_exception();
            failed_ = true;
        }
    }
}

void ThreadTeam::run(std::size_t chunks, const std::function<void(std::size_t)>& job) {
    if (workers_.empty()) {
        for (std::size_t c = 0; c < chunks; ++c) job(c);
        return;
    }
    {
        std::lock_guard lock(m_);
        job_ = &job;
        chunks_ = chunks;
        next_ = 0;
        failed_ = false;
        error_ = nullptr;
        busy_ = static_cast<unsigned>(workers_.size());
        ++generation_;
    }
    wake_.notify_all();
    work();
    std::exception_ptr error;
    {
        std::unique_lock lock(m_);
        done_.wait(lock, [&] { return busy_ == 0; });
        error = std::exchange(error_, nullptr);
    }
    if (error) std::rethrow_exception(error);
}

} // namespace polgraph
