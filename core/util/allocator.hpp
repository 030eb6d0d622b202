#pragma once
/// The memory allocator of the program that includes this header. Programs linked with mimalloc
/// (the polgraph command and bench_extract, see CMakeLists.txt) are compiled with
/// POLGRAPH_MIMALLOC; calling allocator_name() is also what keeps the library linked, since the
/// linker's --as-needed drops a library that no symbol of the program refers to.
#include <string>

#if defined(POLGRAPH_MIMALLOC)
#include <mimalloc.h>
#endif

namespace polgraph {
namespace {

/// "mimalloc 2.0.9" or "system malloc". Timings and memory figures depend on it.
inline std::string allocator_name() {
#if defined(POLGRAPH_MIMALLOC)
    const int v = mi_version();
    return "mimalloc " + std::to_string(v / 100) + "." + std::to_string(v / 10 % 10) + "." +
           std::to_string(v % 10);
#else
    return "system malloc";
#endif
}

} // namespace
} // namespace polgraph
