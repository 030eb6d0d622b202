// libFuzzer's entry points for one fuzz target executable: fuzz_<name> links this file and exactly
// one tests/fuzz/fuzz_<name>.cpp, whose registered body gets every input.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "tests/fuzz/fuzz_target.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    if (polgraph::fuzz::targets().size() != 1) {
        std::fprintf(stderr, "a fuzz executable must link exactly one target, not %zu\n",
                     polgraph::fuzz::targets().size());
        std::abort();
    }
    // The empty input: the body builds what it shares between inputs (data, tries, graphs) here,
    // before libFuzzer starts timing inputs.
    polgraph::fuzz::targets().front().one_input({});
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    polgraph::fuzz::targets().front().one_input(
        std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
