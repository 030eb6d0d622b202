#pragma once
/// The process's memory: what it holds now and at its peak, and giving freed memory back.
namespace polgraph {

/// Resident memory now (VmRSS of /proc/self/status), in MB; 0 where the system does not tell.
double resident_mb();
/// Peak resident memory of the process so far (ru_maxrss), in MB; 0 where unknown.
double peak_resident_mb();
/// Returns memory that has been freed but that the allocator still holds to the system
/// (glibc's malloc_trim; nothing elsewhere). Steps that free much and then allocate much call it
/// between the two: after the fold of 10^5 articles, the freed records and temporaries were
/// 0.9 GB of a 3.3 GB resident set that the next step did not reuse.
void release_free_memory();

} // namespace polgraph
