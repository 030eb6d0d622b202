#include "core/util/memory.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <string>
#include <vector>

#include <sys/resource.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace polgraph {

double resident_mb() {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::strtod(line.c_str() + 6, nullptr) / 1024.0;
    return 0;
}

double peak_resident_mb() {
    // The kernel's counters are approximate per CPU: the high-water mark can read a few pages
    // below the resident set read just after it, and a peak is never below the present.
    rusage u{};
    const double peak =
        getrusage(RUSAGE_SELF, &u) == 0 ? static_cast<double>(u.ru_maxrss) / 1024.0 : 0;
    return std::max(peak, resident_mb());
}

// mimalloc's collector, when the program is linked with mimalloc (the polgraph command is):
// a weak reference, null in programs that are not.
extern "C" void mi_collect(bool force) __attribute__((weak));

void release_free_memory() {
    if (mi_collect) {
        mi_collect(true);
        return;
    }
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

void hold_until_exit(std::shared_ptr<void> obj) {
    // The list itself is never destroyed: static destructors would otherwise free it all at exit.
    static auto* kept = new std::vector<std::shared_ptr<void>>();
    static std::mutex m;
    std::lock_guard lock(m);
    kept->push_back(std::move(obj));
}

} // namespace polgraph
