// Atomic outputs: a real `polgraph extract` interrupted by SIGINT/SIGTERM (while it reads its
// inputs, and while it writes its outputs) or failing on a full disk leaves the previous output
// files byte for byte, no temporary file behind, and says so on stderr.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include <sys/mount.h>
#include <sys/stat.h>

#include "tests/robustness/process.hpp"
#include "tests/support.hpp"

using namespace polgraph::test;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kNames = {"OpenAI", "Anthropic", "Nvidia", "Google", "Microsoft",
                                         "Sam Altman", "Dario Amodei", "China", "Paris", "Tokyo"};

// `n` small articles, each naming three entities, so that the graph has many nodes and edges.
void generate_corpus(const std::string& dir, int n) {
    fs::create_directories(dir);
    for (int i = 0; i < n; ++i) {
        std::string html = "<p>" + kNames[i % 10] + " met " + kNames[(i / 10) % 10] + " and " +
                           kNames[(i / 100) % 10] + " on day " + std::to_string(i) + ".</p>";
        std::string name = "a" + std::to_string(100000 + i) + ".md";
        std::ofstream(dir + "/" + name) << article("Article " + std::to_string(i), "2025-01-01", html);
    }
}

std::vector<std::string> temp_files(const std::string& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().filename().string().find(".tmp.") != std::string::npos)
            out.push_back(e.path().filename().string());
    return out;
}

// Previous outputs: a one-article graph in every format the test writes.
std::vector<std::pair<std::string, std::string>> previous_outputs(const TempDir& tmp,
                                                                  const std::string& out) {
    std::string one = tmp.write("one/only.md", article("Only", "2024-12-31", "<p>OpenAI.</p>"));
    std::vector<std::pair<std::string, std::string>> files;
    std::string args;
    for (const char* name : {"graph.json", "graph.graphml"}) {
        files.push_back({out + "/" + name, ""});
        args += " -o " + sh_quote(out + "/" + name);
    }
    auto r = run(polgraph_bin() + " extract -q " + sh_quote(one) + args);
    REQUIRE(r.status == 0);
    for (auto& [path, content] : files) {
        content = read_file(path);
        REQUIRE(!content.empty());
    }
    return files;
}

} // namespace

TEST_CASE("an interrupted extract leaves the previous outputs intact and says so",
          "[robustness][atomic]") {
    TempDir tmp;
    const std::string in = tmp.file("in"), out = tmp.file("out");
    fs::create_directories(out);
    generate_corpus(in, 1500);
    auto previous = previous_outputs(tmp, out);
    const std::string cmd = polgraph_bin() + " extract -j2 " + sh_quote(in) + " -o " +
                            sh_quote(out + "/graph.json") + " -o " + sh_quote(out + "/graph.graphml") +
                            " 2>" + sh_quote(tmp.file("stderr"));

    auto check_intact = [&](int status, int sig) {
        CHECK(status == 128 + sig);
        const std::string err = read_file(tmp.file("stderr"));
        INFO(err);
        CHECK_THAT(err, Catch::Contains("polgraph: interrupted;"));
        CHECK_THAT(err, Catch::Contains("left intact"));
        for (const auto& [path, content] : previous) {
            INFO(path);
            CHECK(read_file(path) == content);
        }
        CHECK(temp_files(out).empty());
    };

    SECTION("SIGINT while the inputs are being read") {
        DirWatch watch(in, IN_OPEN);
        REQUIRE(watch.ok());
        Background proc(cmd);
        REQUIRE(watch.wait_for([](const std::string& n) { return n.rfind("a1", 0) == 0; }, proc));
        kill(proc.pid(), SIGINT);
        check_intact(proc.wait(), SIGINT);
    }
    SECTION("SIGTERM while the first output is being written") {
        DirWatch watch(out, IN_CREATE);
        REQUIRE(watch.ok());
        Background proc(cmd);
        // The temporary file of the first output (.graph.json.tmp.PID.N) appears: the graph is
        // built and being written.
        REQUIRE(watch.wait_for([](const std::string& n) { return n.rfind(".graph.json.tmp.", 0) == 0; },
                               proc));
        kill(proc.pid(), SIGTERM);
        check_intact(proc.wait(), SIGTERM);
    }
}

TEST_CASE("a full disk fails the run with the system's reason and keeps the previous output",
          "[robustness][atomic]") {
    TempDir tmp;
    const std::string in = tmp.file("in");
    generate_corpus(in, 200);

    SECTION("a 64 KiB tmpfs (ENOSPC)") {
        const std::string out = tmp.file("full");
        fs::create_directories(out);
        if (geteuid() != 0 || mount("tmpfs", out.c_str(), "tmpfs", 0, "size=64k") != 0) {
            WARN("SKIP: cannot mount a small tmpfs here (needs root): the ENOSPC case is not run");
            return;
        }
        struct Unmount {
            std::string dir;
            ~Unmount() { umount2(dir.c_str(), MNT_DETACH); }
        } unmount{out};
        auto previous = previous_outputs(tmp, out);
        auto r = run(polgraph_bin() + " extract -q " + sh_quote(in) + " -o " + sh_quote(out + "/graph.json") +
                     " -o " + sh_quote(out + "/graph.graphml"));
        INFO(r.err);
        CHECK(r.status == 3);
        CHECK_THAT(r.err, Catch::Contains("No space left on device"));
        CHECK_THAT(r.err, Catch::Contains("the previous file, if any, was left intact"));
        for (const auto& [path, content] : previous) CHECK(read_file(path) == content);
        CHECK(temp_files(out).empty());
    }
    SECTION("a file size limit (EFBIG), which needs no privileges") {
        const std::string out = tmp.file("limited");
        fs::create_directories(out);
        auto previous = previous_outputs(tmp, out);
        // SIGXFSZ ignored: the write fails with EFBIG instead of killing the process. ulimit -f
        // counts 512-byte blocks in dash and 1024-byte blocks in bash: 32 or 64 KiB.
        auto r = run("trap '' XFSZ; ulimit -f 64; " + polgraph_bin() + " extract -q " + sh_quote(in) +
                     " -o " + sh_quote(out + "/graph.json"));
        INFO(r.err);
        CHECK(r.status == 3);
        CHECK_THAT(r.err, Catch::Contains("File too large"));
        CHECK_THAT(r.err, Catch::Contains("the previous file, if any, was left intact"));
        CHECK(read_file(out + "/graph.json") == previous[0].second);
        CHECK(temp_files(out).empty());
    }
}
