// The module's operator new and delete: mimalloc where that is safe, as the polgraph command is
// linked with it (CMakeLists.txt, polgraph_use_allocator). Extraction and the fold allocate
// millions of small objects on every thread; with glibc's malloc, polgraph.extract of 10^4
// articles took 10-20% longer than the command (bench/bench_python.py), with mimalloc 2-3%.
//
// A module cannot replace malloc in the Python process, only the operator new that its own
// code and the C++ libraries loaded with it (libstdc++, yaml-cpp) call, and only where those
// libraries were first loaded by this module: one loaded earlier by another extension keeps the
// operator new it found then (glibc's), and memory it allocates or frees for this module's
// strings and containers would cross allocators. So new takes from mimalloc only after
// use_mimalloc_if_consistent() has seen both libraries hand back mimalloc memory; delete frees
// each block to the allocator it came from, whatever was decided.
#if defined(POLGRAPH_MIMALLOC)
#include <cstdlib>
#include <new>
#include <string>
#include <system_error>

#include <mimalloc.h>
#include <yaml-cpp/yaml.h>

namespace {

bool g_use_mimalloc = false;

void* allocate(std::size_t n) {
    if (n == 0) n = 1;
    void* p = g_use_mimalloc ? mi_malloc(n) : std::malloc(n);
    if (!p) throw std::bad_alloc();
    return p;
}

void* allocate(std::size_t n, std::align_val_t a) {
    if (n == 0) n = 1;
    const auto align = static_cast<std::size_t>(a);
    void* p = g_use_mimalloc ? mi_malloc_aligned(n, align)
                             : std::aligned_alloc(align, (n + align - 1) / align * align);
    if (!p) throw std::bad_alloc();
    return p;
}

void release(void* p) noexcept {
    if (!p) return;
    if (mi_is_in_heap_region(p)) mi_free(p);
    else std::free(p);
}

} // namespace

namespace polgraph::python {

bool use_mimalloc_if_consistent() {
    g_use_mimalloc = true;
    // Memory that libstdc++ and yaml-cpp allocate in their own code (more than a string holds
    // inline), and this module's code frees.
    const std::string from_libstdcxx =
        std::make_error_code(std::errc::no_such_file_or_directory).message();
    YAML::Emitter from_yaml; // its text grows in a vector of yaml-cpp's
    from_yaml << "a scalar longer than a short string's buffer";
    g_use_mimalloc =
        mi_is_in_heap_region(from_libstdcxx.data()) && mi_is_in_heap_region(from_yaml.c_str());
    return g_use_mimalloc;
}

} // namespace polgraph::python

void* operator new(std::size_t n) {
    return allocate(n);
}
void* operator new[](std::size_t n) {
    return allocate(n);
}
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
    try {
        return allocate(n);
    } catch (...) {
        return nullptr;
    }
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
    try {
        return allocate(n);
    } catch (...) {
        return nullptr;
    }
}
void* operator new(std::size_t n, std::align_val_t a) {
    return allocate(n, a);
}
void* operator new[](std::size_t n, std::align_val_t a) {
    return allocate(n, a);
}
void operator delete(void* p) noexcept {
    release(p);
}
void operator delete[](void* p) noexcept {
    release(p);
}
void operator delete(void* p, std::size_t) noexcept {
    release(p);
}
void operator delete[](void* p, std::size_t) noexcept {
    release(p);
}
void operator delete(void* p, std::align_val_t) noexcept {
    release(p);
}
void operator delete[](void* p, std::align_val_t) noexcept {
    release(p);
}
void operator delete(void* p, std::size_t, std::align_val_t) noexcept {
    release(p);
}
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept {
    release(p);
}

#else

namespace polgraph::python {

bool use_mimalloc_if_consistent() {
    return false;
}

} // namespace polgraph::python

#endif
