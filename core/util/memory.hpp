#pragma once
/// The process's memory: what it holds now and at its peak, and giving freed memory back.
#include <memory>
#include <utility>

namespace polgraph {

/// Resident memory now (VmRSS of /proc/self/status), in MB; 0 where the system does not tell.
double resident_mb();
/// Peak resident memory of the process so far (ru_maxrss), in MB; 0 where unknown.
double peak_resident_mb();
/// Returns memory that has been freed but that the allocator still holds to the system
/// (mimalloc's mi_collect in a program linked with it, else glibc's malloc_trim; nothing
/// elsewhere). Steps that free much and then allocate much call it between the two: after the
/// fold of 10^5 articles, the freed records and temporaries were 0.9 GB of a 3.3 GB resident
/// set that the next step did not reuse.
void release_free_memory();

/// True in builds with AddressSanitizer (which has its own allocator and leak checker).
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kAddressSanitizer = true;
#else
inline constexpr bool kAddressSanitizer = false;
#endif
#else
inline constexpr bool kAddressSanitizer = false;
#endif

/// Keeps `obj` (a pointer to it) until the process exits; see keep_until_exit.
void hold_until_exit(std::shared_ptr<void> obj);

/// Hands `obj` over to be kept until the process exits, never destroyed: for a command's large
/// result once its outputs are written (the graph of 10^5 articles took 1.6 s to free, piece
/// by piece, and the system takes the memory back at exit at no cost). It stays reachable, so
/// leak checkers do not report it; with AddressSanitizer it is destroyed at once as usual, so
/// that the sanitizer still checks every allocation it made.
template <class T> void keep_until_exit(T&& obj) {
    using V = std::decay_t<T>;
    if constexpr (kAddressSanitizer) {
        V gone(std::forward<T>(obj));
    } else {
        hold_until_exit(std::make_shared<V>(std::forward<T>(obj)));
    }
}

} // namespace polgraph
