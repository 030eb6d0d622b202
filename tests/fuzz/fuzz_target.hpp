#pragma once
/// The fuzz targets' registry. A target is a body that takes one input (any bytes) and either
/// returns or aborts through fuzz::fail (an invariant broken) or a sanitizer report. The same body
/// runs in two programs: its libFuzzer executable (fuzz_<name>, with libfuzzer_main.cpp, in the
/// fuzz build) and the test suite (tests/fuzz/replay_test.cpp, in every build), which replays the
/// seed corpora and tests/fuzz/regressions/<name>/ through it.
///
/// A new target is one file, tests/fuzz/fuzz_<name>.cpp:
///
///     POLGRAPH_FUZZ_TARGET(name) {
///         ... check what the code under test does with `input` ...
///     }
///
/// plus its seeds in tests/fuzz/corpus/<name>/ and, optionally, tests/fuzz/dict/<name>.dict.
/// Both CMake lists (tests/CMakeLists.txt, tests/fuzz/CMakeLists.txt) pick the file up by its name.
/// What a body builds once (data, tries, graphs) goes into a function-local static (see
/// tests/fuzz/fuzz_data.hpp), never into the body itself.
#include <string_view>
#include <vector>

namespace polgraph::fuzz {

struct Target {
    const char* name;                    ///< directory name under corpus/ and regressions/
    void (*one_input)(std::string_view); ///< the body: returns, or aborts on a finding
};

/// Every target linked into this program, in static-initialisation order. Filled before main().
inline std::vector<Target>& targets() {
    static std::vector<Target> all;
    return all;
}

/// Adds a target to targets(); used by POLGRAPH_FUZZ_TARGET.
inline bool add_target(const char* name, void (*one_input)(std::string_view)) {
    targets().push_back({name, one_input});
    return true;
}

} // namespace polgraph::fuzz

/// Defines the body of the fuzz target `name` (an identifier) and registers it; the body sees the
/// input as `std::string_view input`.
#define POLGRAPH_FUZZ_TARGET(name)                                                                 \
    static void polgraph_fuzz_##name(std::string_view input);                                      \
    [[maybe_unused]] static const bool polgraph_fuzz_##name##_added =                              \
        ::polgraph::fuzz::add_target(#name, polgraph_fuzz_##name);                                 \
    static void polgraph_fuzz_##name(std::string_view input)
