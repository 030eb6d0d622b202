// Batch extraction at scale, through the real CLI on real files: determinism across -j and input
// order, shards merged with `polgraph merge`, `--update` against a rebuild, bad files in the
// middle of a run, the progress line, and the GNU parallel recipe from the README.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support.hpp"

namespace fs = std::filesystem;
using polgraph::test::have_command;
using polgraph::test::read_file;
using polgraph::test::run;
using polgraph::test::run_ok;
using polgraph::test::RunResult;
using polgraph::test::sh_quote;
using polgraph::test::TempDir;

namespace {

std::string bin() { return polgraph::test::polgraph(); }

/// Copies the repository's sample articles and, when ../shared is there, the development corpus
/// into dir/corpus, with an old modification time (so that the stat cache trusts them).
/// Returns the sorted list of article paths.
std::vector<std::string> make_corpus(const TempDir& tmp) {
    fs::path dir = fs::path(tmp.path()) / "corpus";
    fs::create_directories(dir);
    std::vector<fs::path> sources = {fs::path(polgraph::test::source_dir()) / "data" / "sample"};
    std::string shared = polgraph::test::shared_dir();
    if (!shared.empty()) sources.push_back(fs::path(shared) / "corpus");
    std::vector<std::string> files;
    for (const auto& src : sources)
        for (const auto& e : fs::directory_iterator(src))
            if (e.path().extension() == ".md") {
                fs::path to = dir / e.path().filename();
                fs::copy_file(e.path(), to, fs::copy_options::overwrite_existing);
                fs::permissions(to, fs::perms::owner_read | fs::perms::owner_write);
                files.push_back(to.string());
            }
    std::sort(files.begin(), files.end());
    REQUIRE(run("touch -d '2024-01-01 00:00:00' " + sh_quote(dir.string()) + "/*.md").status == 0);
    return files;
}

std::string join_quoted(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += " " + sh_quote(x);
    return s;
}

void write_lines(const std::string& path, const std::vector<std::string>& lines) {
    std::ofstream f(path);
    for (const auto& l : lines) f << l << "\n";
}

std::size_t count_articles(const std::string& graph_json) {
    auto j = nlohmann::json::parse(graph_json);
    std::size_t n = 0;
    for (const auto& node : j["nodes"]) n += node["kind"] == "article";
    return n;
}

} // namespace

TEST_CASE("option -j 1, -j 4 and any order of the inputs give the same bytes", "[batch]") {
    TempDir tmp;
    auto files = make_corpus(tmp);
    REQUIRE(files.size() >= 6);
    std::string corpus = tmp.file("corpus");
    run_ok(bin() + " extract " + sh_quote(corpus) + " -j 1 -q -o " + sh_quote(tmp.file("j1.json")) +
       " -o " + sh_quote(tmp.file("j1.graphml")) + " --jsonl " + sh_quote(tmp.file("j1.jsonl")));
    run_ok(bin() + " extract " + sh_quote(corpus) + " -j 4 -q -o " + sh_quote(tmp.file("j4.json")) +
       " -o " + sh_quote(tmp.file("j4.graphml")) + " --jsonl " + sh_quote(tmp.file("j4.jsonl")));
    // The same files named one by one, in a scrambled order, twice over, and through a list.
    std::vector<std::string> shuffled = files;
    std::reverse(shuffled.begin(), shuffled.end());
    std::rotate(shuffled.begin(), shuffled.begin() + 3, shuffled.end());
    run_ok(bin() + " extract" + join_quoted(shuffled) + join_quoted(files) + " -j 3 -q -o " +
       sh_quote(tmp.file("shuffled.json")) + " --jsonl " + sh_quote(tmp.file("shuffled.jsonl")));
    write_lines(tmp.file("list.txt"), shuffled);
    run_ok(bin() + " extract --files-from " + sh_quote(tmp.file("list.txt")) + " -j 2 -q -o " +
       sh_quote(tmp.file("list.json")));

    const std::string ref = read_file(tmp.file("j1.json"));
    CHECK(count_articles(ref) == files.size());
    CHECK(read_file(tmp.file("j4.json")) == ref);
    CHECK(read_file(tmp.file("shuffled.json")) == ref);
    CHECK(read_file(tmp.file("list.json")) == ref);
    CHECK(read_file(tmp.file("j4.graphml")) == read_file(tmp.file("j1.graphml")));
    CHECK(read_file(tmp.file("j4.jsonl")) == read_file(tmp.file("j1.jsonl")));
    CHECK(read_file(tmp.file("shuffled.jsonl")) == read_file(tmp.file("j1.jsonl")));

    // export -j: every format formatted on one thread or on several, the same bytes (with the
    // development corpus the graph has more edges than one chunk of write_ordered, 512).
    const std::vector<std::string> outputs = {".json",      ".graphology.json", ".graphml",
                                              ".gexf",      ".nodes.csv",       ".edges.csv",
                                              ".neo4j.nodes.csv", ".neo4j.relationships.csv"};
    for (const char* j : {"1", "4"}) {
        const std::string base = tmp.file(std::string("export-j") + j);
        run_ok(bin() + " export " + sh_quote(tmp.file("j1.json")) + " -q --dynamic -j " + j +
               " -o " + sh_quote(base + ".json") + " -o " + sh_quote(base + ".graphology.json") +
               " -o " + sh_quote(base + ".graphml") + " -o " + sh_quote(base + ".gexf") + " -o " +
               sh_quote(base + ".csv") + " -o " + sh_quote(base + ".neo4j"));
    }
    for (const auto& suffix : outputs) {
        INFO(suffix);
        const std::string one = read_file(tmp.file("export-j1" + suffix));
        CHECK(one.size() > 1000);
        CHECK(read_file(tmp.file("export-j4" + suffix)) == one);
    }
}

TEST_CASE("merge of shards equals the single run, in any order and grouping", "[batch]") {
    TempDir tmp;
    auto files = make_corpus(tmp);
    run_ok(bin() + " extract " + sh_quote(tmp.file("corpus")) + " -q -o " + sh_quote(tmp.file("all.json")));
    const std::string all = read_file(tmp.file("all.json"));
    // Three shards: two as record files, one as a graph.
    std::vector<std::string> a, b, c;
    for (std::size_t i = 0; i < files.size(); ++i) (i % 3 == 0 ? a : i % 3 == 1 ? b : c).push_back(files[i]);
    run_ok(bin() + " extract" + join_quoted(a) + " -q --jsonl " + sh_quote(tmp.file("a.jsonl")));
    write_lines(tmp.file("b.txt"), b);
    run_ok(bin() + " extract --files-from - -q --jsonl - > " + sh_quote(tmp.file("b.jsonl")) + " < " +
       sh_quote(tmp.file("b.txt")));
    run_ok(bin() + " extract" + join_quoted(c) + " -q -o " + sh_quote(tmp.file("c.json")));

    auto merge = [&](const std::string& inputs, const std::string& out) {
        run_ok(bin() + " merge " + inputs + " -q -o " + sh_quote(tmp.file(out)));
        return read_file(tmp.file(out));
    };
    const std::string A = sh_quote(tmp.file("a.jsonl")), B = sh_quote(tmp.file("b.jsonl")),
                      C = sh_quote(tmp.file("c.json"));
    CHECK(merge(A + " " + B + " " + C, "abc.json") == all);
    CHECK(merge(C + " " + A + " " + B, "cab.json") == all);
    // Associative: (A + B) + C == A + (B + C), through both intermediate forms.
    run_ok(bin() + " merge " + A + " " + B + " -q --jsonl " + sh_quote(tmp.file("ab.jsonl")));
    run_ok(bin() + " merge " + B + " " + C + " -q -o " + sh_quote(tmp.file("bc.json")));
    CHECK(merge(sh_quote(tmp.file("ab.jsonl")) + " " + C, "ab_c.json") == all);
    CHECK(merge(A + " " + sh_quote(tmp.file("bc.json")), "a_bc.json") == all);
    // Idempotent: a shard given twice, or the whole graph with a shard, changes nothing.
    CHECK(merge(A + " " + A + " " + B + " " + C, "aabc.json") == all);
    CHECK(merge(sh_quote(tmp.file("all.json")) + " " + B, "all_b.json") == all);
    // Records on stdin.
    run_ok("cat " + A + " " + B + " | " + bin() + " merge - " + C + " -q -o " + sh_quote(tmp.file("stdin.json")));
    CHECK(read_file(tmp.file("stdin.json")) == all);
    // Inputs told apart by their content, on stdin or under any name: records after blank lines,
    // a graph in JSON, a snapshot.
    run_ok("(printf '\\n \\n'; cat " + A + " " + B + ") > " + sh_quote(tmp.file("ab.records")));
    CHECK(merge(sh_quote(tmp.file("ab.records")) + " " + C, "named.json") == all);
    run_ok("cp " + C + " " + sh_quote(tmp.file("c.graph")));
    run_ok(bin() + " merge " + C + " -q -o " + sh_quote(tmp.file("c.pgsnap")));
    for (const std::string& other : {std::string("c.graph"), std::string("c.pgsnap")}) {
        run_ok("cat " + sh_quote(tmp.file(other)) + " | " + bin() + " merge - " +
               sh_quote(tmp.file("ab.records")) + " -q -o " + sh_quote(tmp.file("piped.json")));
        CHECK(read_file(tmp.file("piped.json")) == all);
    }
}

TEST_CASE("merge reports conflicts and refuses broken inputs", "[batch]") {
    TempDir tmp;
    std::string x1 = tmp.write("one/report.md", polgraph::test::article("Report", "2025-01-02", "<p>Nvidia sells chips.</p>"));
    std::string x2 = tmp.write("two/report.md", polgraph::test::article("Report", "2025-01-03", "<p>OpenAI trains models.</p>"));
    run_ok(bin() + " extract " + sh_quote(x1) + " -q --jsonl " + sh_quote(tmp.file("1.jsonl")));
    run_ok(bin() + " extract " + sh_quote(x2) + " -q --jsonl " + sh_quote(tmp.file("2.jsonl")));
    auto r = run(bin() + " merge " + sh_quote(tmp.file("1.jsonl")) + " " + sh_quote(tmp.file("2.jsonl")) +
                 " -o " + sh_quote(tmp.file("m.json")));
    CHECK(r.status == 0);
    CHECK_THAT(r.err, Catch::Contains("warning") && Catch::Contains("\"report\"") &&
                          Catch::Contains("one/report.md") && Catch::Contains("two/report.md"));
    auto r2 = run(bin() + " merge " + sh_quote(tmp.file("2.jsonl")) + " " + sh_quote(tmp.file("1.jsonl")) +
                  " -q -o " + sh_quote(tmp.file("m2.json")));
    CHECK(r2.status == 0);
    CHECK(read_file(tmp.file("m.json")) == read_file(tmp.file("m2.json")));
    CHECK(count_articles(read_file(tmp.file("m.json"))) == 1);

    // A damaged record file: fatal, named with its line, nothing written.
    std::string bad = read_file(tmp.file("1.jsonl")) + "{\"id\": \"x\", \"entities\": 7}\n";
    tmp.write("bad.jsonl", bad);
    auto r3 = run(bin() + " merge " + sh_quote(tmp.file("bad.jsonl")) + " -o " + sh_quote(tmp.file("out.json")));
    CHECK(r3.status == 3);
    CHECK_THAT(r3.err, Catch::Contains("bad.jsonl:2"));
    CHECK_FALSE(fs::exists(tmp.file("out.json")));
    tmp.write("junk.json", "{\"nodes\": 3}");
    auto r4 = run(bin() + " merge " + sh_quote(tmp.file("junk.json")) + " -o " + sh_quote(tmp.file("out.json")));
    CHECK(r4.status == 3);
    CHECK_THAT(r4.err, Catch::Contains("junk.json"));
    CHECK(run(bin() + " merge -o " + sh_quote(tmp.file("out.json"))).status == 2);
}

TEST_CASE("option --update adds, replaces and keeps records, and equals a rebuild", "[batch]") {
    TempDir tmp;
    auto files = make_corpus(tmp);
    REQUIRE(files.size() >= 6);
    const std::string corpus = tmp.file("corpus"), g = tmp.file("g.json");
    // Night 1: every file but the last two. The graph does not exist yet: it is created.
    std::vector<std::string> first(files.begin(), files.end() - 2);
    auto r1 = run(bin() + " extract" + join_quoted(first) + " --update " + sh_quote(g));
    REQUIRE(r1.status == 0);
    CHECK_THAT(r1.err, Catch::Contains("does not exist yet"));
    CHECK(fs::exists(g + ".stat"));

    // Night 2: the two new files only, and one changed file (different size, new content).
    std::string changed = files[1];
    {
        std::string text = read_file(changed);
        auto pos = text.rfind("</p>");
        REQUIRE(pos != std::string::npos);
        text.insert(pos, " Huawei and Cerebras were also named.");
        std::ofstream(changed, std::ios::binary) << text;
    }
    std::vector<std::string> second(files.end() - 2, files.end());
    second.push_back(changed);
    auto r2 = run(bin() + " extract" + join_quoted(second) + " --update " + sh_quote(g));
    INFO(r2.err);
    REQUIRE(r2.status == 0);
    std::string kept = std::to_string(files.size() - 3);
    CHECK_THAT(r2.err, Catch::Contains(std::to_string(files.size()) + " articles (3 read, 0 unchanged, " +
                                       kept + " kept from"));
    run_ok(bin() + " extract " + sh_quote(corpus) + " -q -o " + sh_quote(tmp.file("full.json")));
    CHECK(read_file(g) == read_file(tmp.file("full.json")));

    // Night 3: the whole directory again. Unchanged files (old mtime) are not read again; the
    // changed file has a fresh mtime, so the cache did not keep it and it is read.
    auto r3 = run(bin() + " extract " + sh_quote(corpus) + " -v --update " + sh_quote(g) + " -o " +
                  sh_quote(tmp.file("g3.json")));
    INFO(r3.err);
    REQUIRE(r3.status == 0);
    // --verbose times the loading of the graph before the reading.
    CHECK_THAT(r3.err, Catch::Contains("polgraph: time: load ") && Catch::Contains(" s, read+extract "));
    CHECK_THAT(r3.err, Catch::Contains("articles (1 read, " + std::to_string(files.size() - 1) + " unchanged, 0 kept"));
    CHECK(read_file(tmp.file("g3.json")) == read_file(tmp.file("full.json")));
    CHECK(fs::exists(tmp.file("g3.json.stat")));

    // Proof that unchanged files are not read: alter one without changing its size or mtime.
    // --update keeps the old record (the stat cache vouches for the file); a touch makes it
    // read again, and then the result is the rebuild of the altered file.
    std::string sneaky = files[0];
    {
        std::string text = read_file(sneaky);
        auto pos = text.find("<p>");
        REQUIRE(pos != std::string::npos);
        text.replace(pos + 3, 4, "ZZZZ");
        std::ofstream(sneaky, std::ios::binary) << text;
    }
    run_ok("touch -d '2024-01-01 00:00:00' " + sh_quote(sneaky));
    run_ok(bin() + " extract " + sh_quote(corpus) + " -q --update " + sh_quote(tmp.file("g3.json")) +
       " -o " + sh_quote(tmp.file("g4.json")));
    CHECK(read_file(tmp.file("g4.json")) == read_file(tmp.file("full.json")));
    run_ok("touch -d '2024-01-02 00:00:00' " + sh_quote(sneaky));
    run_ok(bin() + " extract " + sh_quote(corpus) + " -q --update " + sh_quote(tmp.file("g3.json")) +
       " -o " + sh_quote(tmp.file("g5.json")));
    run_ok(bin() + " extract " + sh_quote(corpus) + " -q -o " + sh_quote(tmp.file("full5.json")));
    CHECK(read_file(tmp.file("g5.json")) == read_file(tmp.file("full5.json")));
    CHECK(read_file(tmp.file("g5.json")) != read_file(tmp.file("full.json")));

    // A listed file that has become unreadable as an article is dropped, as a rebuild drops it.
    std::ofstream(files[2], std::ios::binary) << "---\ntitle: broken\n";
    auto r6 = run(bin() + " extract " + sh_quote(corpus) + " --update " + sh_quote(tmp.file("g5.json")) +
                  " -o " + sh_quote(tmp.file("g6.json")) + " --errors " + sh_quote(tmp.file("e6.jsonl")));
    CHECK(r6.status == 1);
    auto r7 = run(bin() + " extract " + sh_quote(corpus) + " -q -o " + sh_quote(tmp.file("full7.json")));
    CHECK(r7.status == 1);
    CHECK(read_file(tmp.file("g6.json")) == read_file(tmp.file("full7.json")));
    CHECK_THAT(read_file(tmp.file("e6.jsonl")), Catch::Contains(fs::path(files[2]).filename().string()));

    // Other options (or another polgraph build, or other data) make other records: the stat
    // cache of g5.json vouches for nothing then, and every file is read again.
    auto r9 = run(bin() + " extract " + sh_quote(corpus) + " --keyphrases --update " +
                  sh_quote(tmp.file("g5.json")) + " -o " + sh_quote(tmp.file("g9.json")));
    CHECK_THAT(r9.err, Catch::Contains("(" + std::to_string(files.size() - 1) + " read, 0 unchanged"));
    run(bin() + " extract " + sh_quote(corpus) + " --keyphrases -q -o " + sh_quote(tmp.file("full9.json")));
    CHECK(read_file(tmp.file("g9.json")) == read_file(tmp.file("full9.json")));

    // --update of a missing graph into another output is an error, not a silent new graph.
    auto r8 = run(bin() + " extract " + sh_quote(corpus) + " --update " + sh_quote(tmp.file("nope.json")) +
                  " -o " + sh_quote(tmp.file("x.json")));
    CHECK(r8.status == 3);
    CHECK_FALSE(fs::exists(tmp.file("x.json")));
}

TEST_CASE("option --update keeps a snapshot and a JSON export of it in step", "[batch]") {
    TempDir tmp;
    auto files = make_corpus(tmp);
    REQUIRE(files.size() >= 4);
    const std::string snap = tmp.file("g.pgsnap"), json = tmp.file("g.json");
    const std::string outs = " -o " + sh_quote(snap) + " " + sh_quote(json);
    // Night 1: the graph to update is one of the outputs and does not exist yet: both are made.
    std::vector<std::string> first(files.begin(), files.end() - 1);
    auto r1 = run(bin() + " extract" + join_quoted(first) + " --update " + sh_quote(snap) + outs);
    INFO(r1.err);
    REQUIRE(r1.status == 0);
    CHECK_THAT(r1.err, Catch::Contains("does not exist yet"));
    CHECK(fs::exists(snap + ".stat"));
    // Night 2: every file; only the new one is read, and both files equal a full run's.
    auto r2 = run(bin() + " extract" + join_quoted(files) + " --update " + sh_quote(snap) + outs);
    INFO(r2.err);
    REQUIRE(r2.status == 0);
    CHECK_THAT(r2.err, Catch::Contains("(1 read, " + std::to_string(files.size() - 1) + " unchanged"));
    run_ok(bin() + " extract" + join_quoted(files) + " -q -o " + sh_quote(tmp.file("full.pgsnap")) + " " +
           sh_quote(tmp.file("full.json")));
    CHECK(read_file(snap) == read_file(tmp.file("full.pgsnap")));
    CHECK(read_file(json) == read_file(tmp.file("full.json")));
}

TEST_CASE("bad files in the middle: the good ones make the graph, every bad one is listed", "[batch]") {
    TempDir tmp;
    auto files = make_corpus(tmp);
    const std::string corpus = tmp.file("corpus");
    run_ok(bin() + " extract " + sh_quote(corpus) + " -q -o " + sh_quote(tmp.file("good.json")));
    // Bad files sorted between the good ones.
    std::map<std::string, std::string> bad = {
        {"000a_empty.md", ""},
        {"003a_binary.md", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)},
        {"005a_unterminated.md", "---\ntitle: never closed\n\n```html\n<p>x</p>\n```\n"},
        {"010a_not_a_mapping.md", "---\n- a\n- b\n---\nbody\n"},
        {"zz_bad_yaml.md", "---\ntitle: [unclosed\n---\n<p>x</p>\n"},
    };
    for (const auto& [name, content] : bad) tmp.write("corpus/" + name, content);
    tmp.write("corpus/007a_dangling.md.target", "x");
    fs::create_symlink(tmp.file("corpus/no-such-file"), tmp.file("corpus/007b_dangling.md"));
    for (int j : {1, 3}) {
        std::string out = tmp.file("mixed" + std::to_string(j) + ".json");
        std::string errs = tmp.file("errors" + std::to_string(j) + ".jsonl");
        auto r = run(bin() + " extract " + sh_quote(corpus) + " -j " + std::to_string(j) + " -o " +
                     sh_quote(out) + " --errors " + sh_quote(errs));
        INFO(r.err);
        CHECK(r.status == 1);
        CHECK(read_file(out) == read_file(tmp.file("good.json")));
        std::set<std::string> listed;
        std::istringstream lines(read_file(errs));
        std::string line;
        while (std::getline(lines, line)) {
            auto e = nlohmann::json::parse(line);
            CHECK_FALSE(e["reason"].get<std::string>().empty());
            listed.insert(fs::path(e["path"].get<std::string>()).filename().string());
        }
        std::set<std::string> expected = {"007b_dangling.md"};
        for (const auto& [name, content] : bad) expected.insert(name);
        CHECK(listed == expected);
        CHECK_THAT(r.err, Catch::Contains(std::to_string(bad.size() + 1) + " errors"));
    }
}

TEST_CASE("one article on stdin, paths on stdin, and clashing uses of stdin", "[batch]") {
    TempDir tmp;
    auto files = make_corpus(tmp);
    auto r = run("cat " + sh_quote(files[0]) + " | " + bin() + " extract --jsonl - - -q");
    REQUIRE(r.status == 0);
    auto rec = nlohmann::json::parse(r.out);
    CHECK(rec["id"] == "stdin");
    CHECK(rec["hash"].get<std::string>().size() == 16);
    CHECK(r.err.empty());
    write_lines(tmp.file("list.txt"), {files[0], "", files[1]});
    auto r2 = run("cat " + sh_quote(tmp.file("list.txt")) + " | " + bin() + " extract --files-from - --jsonl - -q");
    REQUIRE(r2.status == 0);
    CHECK(std::count(r2.out.begin(), r2.out.end(), '\n') == 2);
    auto r3 = run(bin() + " extract --files-from - - --jsonl -");
    CHECK(r3.status == 2);
    CHECK_THAT(r3.err, Catch::Contains("stdin"));
    // --stdin-name: the article piped in is recorded as if it had been read from that path.
    const std::string name = "corpus/" + fs::path(files[0]).filename().string();
    const std::string cd = "cd " + sh_quote(tmp.path()) + " && ";
    auto direct = run(cd + bin() + " extract " + sh_quote(name) + " --jsonl - -q");
    auto piped = run(cd + "cat " + sh_quote(name) + " | " + bin() + " extract - --stdin-name " +
                     sh_quote(name) + " --jsonl - -q");
    REQUIRE(direct.status == 0);
    REQUIRE(piped.status == 0);
    CHECK(piped.out == direct.out);
    CHECK(nlohmann::json::parse(piped.out)["path"] == name);
}

TEST_CASE("progress on a terminal only, --quiet, --verbose, summary and documented exit codes", "[batch]") {
    TempDir tmp;
    auto files = make_corpus(tmp);
    const std::string corpus = tmp.file("corpus");
    const std::string n = std::to_string(files.size());
    // Not a terminal: no progress line, just the summary.
    auto plain = run(bin() + " extract " + sh_quote(corpus) + " -o " + sh_quote(tmp.file("a.json")));
    REQUIRE(plain.status == 0);
    CHECK(plain.err.find('\r') == std::string::npos);
    CHECK(plain.err.find("ETA") == std::string::npos);
    CHECK_THAT(plain.err, Catch::Contains(n + " articles, ") && Catch::Contains(" entities, ") &&
                              Catch::Contains(" edges, 0 errors, ") && Catch::EndsWith(" s\n"));
    auto quiet = run(bin() + " extract " + sh_quote(corpus) + " -q -o " + sh_quote(tmp.file("b.json")));
    CHECK(quiet.status == 0);
    CHECK(quiet.err.empty());
    // --verbose prints the reader's warnings.
    tmp.write("corpus/zz_open_fence.md", "---\ntitle: Open\n---\n```html\n<p>Nvidia.</p>\n");
    auto verbose = run(bin() + " extract " + sh_quote(corpus) + " -v -o " + sh_quote(tmp.file("c.json")));
    CHECK(verbose.status == 0);
    CHECK_THAT(verbose.err, Catch::Contains("zz_open_fence.md: warning: unterminated"));
    // ...and where the time went; without --verbose, no timing line.
    CHECK_THAT(verbose.err, Catch::Contains("polgraph: time: read+extract ") &&
                                Catch::Contains(" s, fold ") && Catch::Contains(" s, write "));
    CHECK(plain.err.find("time:") == std::string::npos);
    // ...and the memory: resident after each step, and a peak no lower than any of them.
    {
        std::smatch m;
        const std::regex mem(
            R"(polgraph: memory: peak (\d+) MB; resident after read\+extract (\d+) MB, records\+jsonl (\d+) MB, fold (\d+) MB)");
        REQUIRE(std::regex_search(verbose.err, m, mem));
        const long peak = std::stol(m[1]);
        CHECK(peak > 0);
        for (int k = 2; k <= 4; ++k) CHECK(std::stol(m[k]) > 0);
        for (int k = 2; k <= 4; ++k) CHECK(std::stol(m[k]) <= peak);
        CHECK(plain.err.find("memory:") == std::string::npos);
    }
    // A terminal (script(1) gives the command a pseudo-terminal): the progress line appears.
    if (!have_command("script")) {
        WARN("SKIPPED the terminal check: script(1) (util-linux) is not installed");
    } else {
        auto tty = run("script -qec " + sh_quote(bin() + " extract " + sh_quote(corpus) + " -o " +
                                                 sh_quote(tmp.file("d.json"))) + " /dev/null");
        CHECK(tty.status == 0);
        const std::string all = tty.out + tty.err;
        std::string done = std::to_string(files.size() + 1);
        CHECK_THAT(all, Catch::Contains(done + "/" + done + " files") && Catch::Contains("MB/s") &&
                            Catch::Contains("0 errors") && Catch::Contains("ETA"));
    }
    for (const char* cmd : {" extract --help", " merge --help"}) {
        auto h = run(bin() + cmd);
        CHECK(h.status == 0);
        CHECK_THAT(h.out, Catch::Contains("Exit status") && Catch::Contains("2 usage error") &&
                              Catch::Contains("3 fatal"));
    }
}

TEST_CASE("the GNU parallel recipe: shards across cores, then merge, equals one run", "[batch][parallel]") {
    if (!have_command("parallel")) {
        WARN("SKIPPED: GNU parallel is not installed (Debian package 'parallel')");
        return;
    }
    TempDir tmp;
    auto files = make_corpus(tmp);
    const std::string cd = "cd " + sh_quote(tmp.path()) + " && ";
    run_ok(cd + bin() + " extract corpus -q -o single.json");
    const std::string single = read_file(tmp.file("single.json"));
    REQUIRE(count_articles(single) == files.size());
    // The README recipes: the file list cut into blocks of 4 lines, one extract per block, two
    // at a time. (1) each shard writes its own record file; (2) records go to stdout and
    // parallel concatenates them; (3) as (1) through --sshlogin, where ':' is this machine.
    fs::create_directories(tmp.file("shards"));
    run_ok(cd + "find corpus -name '*.md' | parallel --will-cite --pipe -N 4 -j 2 " +
       sh_quote(bin() + " extract --files-from - -q -j 1 --jsonl shards/part-{#}.jsonl"));
    std::size_t shards = 0;
    for (const auto& e : fs::directory_iterator(tmp.file("shards"))) shards += e.is_regular_file();
    CHECK(shards == (files.size() + 3) / 4);
    run_ok(cd + bin() + " merge shards/*.jsonl -q -o merged.json");
    CHECK(read_file(tmp.file("merged.json")) == single);

    run_ok(cd + "find corpus -name '*.md' | parallel --will-cite --pipe -N 4 -j 2 " +
       sh_quote(bin() + " extract --files-from - -q -j 1 --jsonl -") + " > records.jsonl");
    run_ok(cd + bin() + " merge records.jsonl -q -o merged2.json");
    CHECK(read_file(tmp.file("merged2.json")) == single);

    run_ok(cd + "find corpus -name '*.md' | parallel --will-cite -S : --workdir " + sh_quote(tmp.path()) +
       " --pipe -N 5 " + sh_quote(bin() + " extract --files-from - -q -j 1 --jsonl -") +
       " > records3.jsonl");
    run_ok(cd + bin() + " merge records3.jsonl -q -o merged3.json");
    CHECK(read_file(tmp.file("merged3.json")) == single);
}

TEST_CASE("a map step (--jsonl only) folds no graph and counts the entities a fold would", "[batch]") {
    TempDir tmp;
    const std::string sample = sh_quote(polgraph::test::source_dir() + "/data/sample");
    RunResult map = run_ok(bin() + " extract " + sample + " --jsonl " + sh_quote(tmp.file("r.jsonl")));
    RunResult full = run_ok(bin() + " extract " + sample + " -o " + sh_quote(tmp.file("g.json")));
    // "polgraph: N articles, E entities, X nodes, ..." against "polgraph: N articles, E entities, 0
    // errors": the same text up to " entities".
    const auto entities = [](const std::string& err) {
        auto e = err.find(" entities");
        REQUIRE(e != std::string::npos);
        return err.substr(0, e);
    };
    CHECK(entities(map.err) == entities(full.err));
    CHECK_THAT(full.err, Catch::Contains(" nodes, "));
    CHECK_THAT(map.err, !Catch::Contains(" nodes") && Catch::Contains(" entities, 0 errors"));
    // The records are those the full run folded.
    run_ok(bin() + " merge " + sh_quote(tmp.file("r.jsonl")) + " -q -o " + sh_quote(tmp.file("m.json")));
    CHECK(read_file(tmp.file("m.json")) == read_file(tmp.file("g.json")));
}
