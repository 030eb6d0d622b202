// The fuzz targets' seed corpora (tests/fuzz/corpus/<target>/) and saved regression inputs
// (tests/fuzz/regressions/<target>/, written by scripts/fuzz.sh) replayed through the same bodies
// the libFuzzer executables run (tests/fuzz/fuzz_<target>.cpp), in every build: a broken invariant
// aborts the test (Catch2 reports the input's path), and in the sanitizer build so does an ASan or
// UBSan report.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "support.hpp"
#include "tests/fuzz/fuzz_target.hpp"

namespace fs = std::filesystem;
using polgraph::fuzz::Target;
using polgraph::fuzz::targets;

namespace {

const fs::path kFuzzDir = fs::path(POLGRAPH_TEST_DIR) / "fuzz";

const Target* find_target(const std::string& name) {
    auto it = std::find_if(targets().begin(), targets().end(),
                           [&](const Target& t) { return t.name == name; });
    return it == targets().end() ? nullptr : &*it;
}

std::vector<fs::path> sorted_entries(const fs::path& dir) {
    std::vector<fs::path> out;
    if (fs::is_directory(dir))
        for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

// Runs every file of every <dir>/<target>/ through its target; returns how many.
std::size_t replay(const fs::path& dir) {
    std::size_t n = 0;
    for (const fs::path& sub : sorted_entries(dir)) {
        INFO("directory " << sub.string());
        const Target* t = find_target(sub.filename().string());
        REQUIRE(t != nullptr); // a directory must be named after a target
        for (const fs::path& file : sorted_entries(sub)) {
            INFO("input " << file.string());
            REQUIRE(fs::is_regular_file(file));
            t->one_input(polgraph::test::read_file(file.string()));
            ++n;
        }
    }
    return n;
}

} // namespace

TEST_CASE("fuzz: every target has seeds and every input directory names a target", "[fuzz]") {
    std::set<std::string> names;
    for (const Target& t : targets()) {
        INFO("target " << t.name);
        CHECK(names.insert(t.name).second);
        CHECK(!sorted_entries(kFuzzDir / "corpus" / t.name).empty());
    }
    CHECK(names.count("article") == 1);
    CHECK(names.count("query") == 1);
    for (const char* kind : {"corpus", "regressions", "dict"})
        for (const fs::path& p : sorted_entries(kFuzzDir / kind)) {
            const std::string name = p.stem().string();
            INFO(kind << ": " << p.string());
            CHECK(names.count(name) == 1);
        }
}

TEST_CASE("fuzz: the seed corpora replay through their targets", "[fuzz]") {
    CHECK(replay(kFuzzDir / "corpus") > 0);
}

TEST_CASE("fuzz: the saved regression inputs replay through their targets", "[fuzz]") {
    CHECK(replay(kFuzzDir / "regressions") > 0);
}
