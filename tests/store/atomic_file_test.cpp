// AtomicFile on its own: what a writer puts through stream() is the committed file's content, byte
// for byte, for files larger than the writeback step (8 MiB) and with a seek back to patch a
// header (what the snapshot writer does), however the writes are cut.
#include <catch2/catch.hpp>

#include <cerrno>
#include <filesystem>
#include <string>

#include "store/atomic_file.hpp"
#include "tests/support.hpp"

using namespace polgraph::test;

namespace {

// Deterministic bytes that differ from position to position, so that a misplaced block shows.
std::string pattern(std::size_t n, unsigned seed) {
    std::string s(n, '\0');
    std::uint32_t x = seed * 2654435761u + 1;
    for (auto& c : s) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        c = static_cast<char>(x);
    }
    return s;
}

} // namespace

TEST_CASE("an atomic file holds what was written, across writeback steps and a seek back",
          "[core][atomic]") {
    TempDir tmp;
    const std::string path = tmp.file("out.bin");
    const std::string header = pattern(32, 1), body = pattern((std::size_t{21} << 20) + 12345, 2);
    // Pieces of every size: single characters, small writes (buffered), and writes larger than
    // the stream's buffer (passed straight to the file).
    const std::size_t cuts[] = {1, 7, 4096, 65536, 65537, std::size_t{3} << 20};
    polgraph::AtomicFile f(path);
    std::ostream& out = f.stream();
    out.write(std::string(header.size(), '\0').data(), static_cast<std::streamsize>(header.size()));
    for (std::size_t at = 0, k = 0; at < body.size(); ++k) {
        const std::size_t n = std::min(cuts[k % std::size(cuts)], body.size() - at);
        if (n == 1) out.put(body[at]);
        else out.write(body.data() + at, static_cast<std::streamsize>(n));
        at += n;
    }
    const auto end = out.tellp();
    out.seekp(0);
    out.write(header.data(), static_cast<std::streamsize>(header.size()));
    out.seekp(end);
    out << "tail";
    REQUIRE(out.good());
    CHECK_FALSE(std::filesystem::exists(path)); // nothing at the target before commit
    f.commit();
    const std::string got = read_file(path);
    REQUIRE(got.size() == header.size() + body.size() + 4);
    CHECK(got == header + body + "tail");
}

TEST_CASE("a commit that fails at its sync or rename leaves the previous file whole",
          "[core][atomic]") {
    using polgraph::detail::CommitStep;
    TempDir tmp;
    const std::string path = tmp.file("graph.json");
    const std::string old_content = pattern(100000, 3);
    {
        polgraph::AtomicFile f(path);
        f.stream() << old_content;
        f.commit();
    }
    for (CommitStep step : {CommitStep::Fsync, CommitStep::Rename}) {
        polgraph::detail::fail_next_commit(step, EIO);
        polgraph::AtomicFile f(path);
        f.stream() << "a new graph that must not replace the old one";
        CHECK_THROWS_WITH(f.commit(),
                          Catch::Contains("Input/output error") && Catch::Contains("left intact"));
        CHECK(read_file(path) == old_content);
        // No temporary file is left behind.
        std::size_t files = 0;
        for (const auto& e : std::filesystem::directory_iterator(tmp.path())) {
            (void)e;
            ++files;
        }
        CHECK(files == 1);
    }
    // The directory sync comes after the rename: the new file is in place, and the failure to
    // make that durable is reported.
    polgraph::detail::fail_next_commit(CommitStep::DirSync, EIO);
    {
        polgraph::AtomicFile f(path);
        f.stream() << "new";
        CHECK_THROWS_WITH(f.commit(), Catch::Contains("directory could not be synced"));
    }
    CHECK(read_file(path) == "new");
    // A fault is used once.
    {
        polgraph::AtomicFile f(path);
        f.stream() << "newer";
        CHECK_NOTHROW(f.commit());
    }
    CHECK(read_file(path) == "newer");
}

TEST_CASE("an output that cannot be written is named with the reason", "[core][atomic]") {
    TempDir tmp;
    CHECK_THROWS_WITH(polgraph::check_output_path(tmp.file("nodir/g.json")),
                      "cannot write " + tmp.file("nodir/g.json") + ": directory " +
                          tmp.file("nodir") + " does not exist");
    CHECK_THROWS_WITH(polgraph::check_output_path(tmp.path()),
                      "cannot write " + tmp.path() + ": it is a directory");
    const std::string file = tmp.write("plain", "x");
    CHECK_THROWS_WITH(polgraph::check_output_path(file + "/g.json"),
                      Catch::Contains(file + " is not a directory"));
    CHECK_THROWS_WITH(polgraph::AtomicFile(tmp.file("nodir/g.json")),
                      "cannot write " + tmp.file("nodir/g.json") + ": directory " +
                          tmp.file("nodir") + " does not exist");
    CHECK_NOTHROW(polgraph::check_output_path(tmp.file("g.json")));
}
