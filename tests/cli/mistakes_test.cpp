// Everyday mistakes, made with the real `polgraph` binary on real files: a run that reads nothing
// never replaces a graph, and each message names the user's path and the fix.
#include <map>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "tests/support.hpp"

using namespace polgraph::test;
using nlohmann::json;

namespace {

std::string sample() {
    return sh_quote(source_dir() + "/data/sample");
}

/// A graph of the sample corpus at `path`; returns its bytes.
std::string make_graph(const std::string& path) {
    run_ok(polgraph_bin() + " extract -q " + sample() + " -o " + sh_quote(path));
    return read_file(path);
}

} // namespace

TEST_CASE("a typo in the input path leaves the existing graph as it was", "[cli][mistakes]") {
    TempDir tmp;
    const std::string g = tmp.file("g.json"), rec = tmp.file("r.jsonl");
    const std::string before = make_graph(g);
    run_ok(polgraph_bin() + " extract -q " + sample() + " --jsonl " + sh_quote(rec));
    const std::string records_before = read_file(rec);
    REQUIRE(before.size() > 10000);
    auto r =
        run(polgraph_bin() + " extract " + sh_quote(tmp.file("corpuss")) + " -o " + sh_quote(g) +
            " --jsonl " + sh_quote(rec) + " --errors " + sh_quote(tmp.file("errors.jsonl")));
    CHECK(r.status == 3);
    CHECK_THAT(r.err, Catch::Contains("corpuss: no such file or directory") &&
                          Catch::Contains("0 articles") && Catch::Contains("nothing written") &&
                          Catch::Contains("--allow-empty"));
    CHECK(read_file(g) == before);
    CHECK(read_file(rec) == records_before);
    // The error report still names the input that failed.
    json line = json::parse(read_file(tmp.file("errors.jsonl")));
    CHECK(line["path"] == tmp.file("corpuss"));

    // Asked for, an empty graph is written.
    auto e = run(polgraph_bin() + " extract -q --allow-empty " + sh_quote(tmp.file("corpuss")) +
                 " -o " + sh_quote(g));
    CHECK(e.status == 1);
    json empty = json::parse(read_file(g));
    CHECK(empty["nodes"].empty());
}

TEST_CASE("a directory with no file matching --glob is named with what was skipped",
          "[cli][mistakes]") {
    TempDir tmp;
    tmp.write("docs/report.pdf", "%PDF-1.4");
    tmp.write("docs/notes.docx", "PK");
    tmp.write("docs/more.pdf", "%PDF-1.4");
    tmp.write("docs/.hidden.md", "not counted");
    const std::string g = tmp.file("g.json");
    const std::string before = make_graph(g);
    auto r = run(polgraph_bin() + " extract " + sh_quote(tmp.file("docs")) + " -o " + sh_quote(g));
    CHECK(r.status == 3);
    CHECK_THAT(r.err,
               Catch::Contains("0 articles: no file matched *.md,*.markdown,*.html,*.htm,*.txt; "
                               "skipped 2 .pdf, 1 .docx"));
    CHECK(read_file(g) == before);

    tmp.write("empty/.keep", "");
    auto e = run(polgraph_bin() + " extract " + sh_quote(tmp.file("empty")) + " -o " + sh_quote(g));
    CHECK(e.status == 3);
    CHECK_THAT(e.err, Catch::Contains("holds no file"));
    CHECK(read_file(g) == before);

    // -v says how many files every run's glob skipped.
    auto v = run(polgraph_bin() + " extract -v " + sample() + " " + sh_quote(tmp.file("docs")) +
                 " -o " + sh_quote(tmp.file("g2.json")));
    CHECK(v.status == 0);
    CHECK_THAT(v.err, Catch::Contains("6 files taken, 3 skipped (2 .pdf, 1 .docx)"));
}

TEST_CASE("merge with no record writes nothing unless asked", "[cli][mistakes]") {
    TempDir tmp;
    const std::string g = tmp.file("g.json");
    const std::string before = make_graph(g);
    const std::string empty = tmp.write("empty.jsonl", "\n");
    auto r = run(polgraph_bin() + " merge " + sh_quote(empty) + " -o " + sh_quote(g));
    CHECK(r.status == 3);
    CHECK_THAT(r.err, Catch::Contains("0 records") && Catch::Contains("--allow-empty"));
    CHECK(read_file(g) == before);
    run_ok(polgraph_bin() + " merge -q --allow-empty " + sh_quote(empty) + " -o " + sh_quote(g));
    CHECK(json::parse(read_file(g))["nodes"].empty());
}

TEST_CASE("an output in a missing directory is named, before any work", "[cli][mistakes]") {
    TempDir tmp;
    const std::string g = tmp.file("g.json");
    make_graph(g);
    const std::string missing = tmp.file("nodir") + "/g.json";
    for (const std::string& cmd :
         {"extract " + sample() + " -o " + sh_quote(missing),
          "extract " + sample() + " -o " + sh_quote(g) + " --jsonl " + sh_quote(missing),
          "export " + sh_quote(g) + " -o " + sh_quote(missing),
          "merge " + sh_quote(g) + " -o " + sh_quote(missing)}) {
        auto r = run(polgraph_bin() + " " + cmd);
        INFO(cmd);
        CHECK(r.status == 3);
        CHECK(r.err == "polgraph: cannot write " + missing + ": directory " + tmp.file("nodir") +
                           " does not exist\n");
    }
    // A directory where the file should go.
    auto d = run(polgraph_bin() + " export " + sh_quote(g) + " -o " + sh_quote(tmp.path()));
    CHECK(d.status != 0);
    // Relative paths are named as given.
    auto rel = run("cd " + sh_quote(tmp.path()) + " && " + polgraph_bin() +
                   " export g.json -o nodir/g.graphml");
    CHECK(rel.status == 3);
    CHECK(rel.err == "polgraph: cannot write nodir/g.graphml: directory nodir does not exist\n");
    CHECK_THAT(rel.err, !Catch::Contains(".tmp."));
}

TEST_CASE("query names the kind of file it was given instead of a graph", "[cli][mistakes]") {
    TempDir tmp;
    const std::string g = tmp.file("g.json");
    make_graph(g);
    run_ok(polgraph_bin() + " export -q " + sh_quote(g) + " -o " + sh_quote(tmp.file("g.graphml")) +
           " -o " + sh_quote(tmp.file("g.gexf")) + " -o " +
           sh_quote(tmp.file("g.graphology.json")));
    run_ok(polgraph_bin() + " extract -q " + sample() + " --jsonl " +
           sh_quote(tmp.file("r.jsonl")));
    auto gm = run(polgraph_bin() + " query " + sh_quote(tmp.file("g.graphml")) + " stats");
    CHECK(gm.status == 3);
    CHECK_THAT(gm.err, Catch::Contains(tmp.file("g.graphml") + " is GraphML;") &&
                           Catch::Contains("node-link JSON or the snapshot written by extract "
                                           "(-o graph.json / -o graph.pgsnap)"));
    auto gx = run(polgraph_bin() + " query " + sh_quote(tmp.file("g.gexf")) + " stats");
    CHECK_THAT(gx.err, Catch::Contains("g.gexf is GEXF;"));
    auto go = run(polgraph_bin() + " export " + sh_quote(tmp.file("g.graphology.json")) + " -o " +
                  sh_quote(tmp.file("x.graphml")));
    CHECK(go.status == 3);
    CHECK_THAT(go.err, Catch::Contains("is graphology JSON;"));
    auto rec = run(polgraph_bin() + " query " + sh_quote(tmp.file("r.jsonl")) + " stats");
    CHECK(rec.status == 3);
    CHECK_THAT(rec.err,
               Catch::Contains("holds article records (extract --jsonl)") &&
                   Catch::Contains("polgraph merge " + tmp.file("r.jsonl") + " -o graph.json"));
    // merge reads records, but not GraphML.
    auto mg = run(polgraph_bin() + " merge " + sh_quote(tmp.file("g.graphml")) + " -o " +
                  sh_quote(tmp.file("m.json")));
    CHECK(mg.status == 3);
    CHECK_THAT(mg.err, Catch::Contains("g.graphml is GraphML;"));
}

TEST_CASE("query with its arguments swapped says that the graph comes first", "[cli][mistakes]") {
    TempDir tmp;
    const std::string g = tmp.file("g.json");
    make_graph(g);
    auto r = run(polgraph_bin() + " query stats " + sh_quote(g));
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("the graph file comes first") &&
                          Catch::Contains("polgraph query " + g + " stats") &&
                          Catch::Contains("Usage: polgraph query GRAPH"));
    auto t = run(polgraph_bin() + " query top " + sh_quote(g) + " --top 3");
    CHECK(t.status == 2);
    CHECK_THAT(t.err, Catch::Contains("polgraph query " + g + " top"));
    // A graph file that happens to be called "stats" is a graph.
    run_ok("cd " + sh_quote(tmp.path()) + " && cp g.json stats && " + polgraph_bin() +
           " query stats stats");
}

TEST_CASE("an unknown --format lists the known ones", "[cli][mistakes]") {
    TempDir tmp;
    for (const std::string& cmd :
         {"extract " + sample() + " -o " + sh_quote(tmp.file("g.out")),
          "merge " + sh_quote(tmp.file("x.json")) + " -o " + sh_quote(tmp.file("g.out"))}) {
        auto r = run(polgraph_bin() + " " + cmd + " --format gml");
        CHECK(r.status == 2);
        CHECK(r.err == "polgraph: unknown format gml; known: json, graphml, gexf, graphology, csv, "
                       "neo4j, html, snapshot\n");
    }
    TempDir t2;
    const std::string g = t2.file("g.json");
    make_graph(g);
    auto e = run(polgraph_bin() + " export " + sh_quote(g) + " --format gml -o " +
                 sh_quote(t2.file("g.out")));
    CHECK(e.status == 2);
    CHECK_THAT(e.err, Catch::Contains("unknown format gml; known: json,"));
}

TEST_CASE("each query subcommand's help shows query's exit statuses", "[cli][mistakes]") {
    for (const char* sub : {"related", "neighbors", "path", "top", "stats"}) {
        auto r = run(polgraph_bin() + " query g.json " + sub + " --help");
        INFO(sub << "\n" << r.out);
        CHECK(r.status == 0);
        CHECK_THAT(r.out, Catch::Contains("Exit status: 0 answered; 1 --batch"));
        CHECK_THAT(r.out, !Catch::Contains("some inputs failed"));
    }
}

TEST_CASE("query --batch accepts neighbours as the command line does", "[cli][mistakes]") {
    TempDir tmp;
    const std::string g = tmp.file("g.json");
    make_graph(g);
    const std::string q = R"({"query":"neighbours","entity":"Nvidia","top":2})"
                          "\n"
                          R"({"query":"neighbors","entity":"Nvidia","top":2})"
                          "\n";
    auto r = run(polgraph_bin() + " query " + sh_quote(g) + " --batch", q);
    CHECK(r.status == 0);
    auto nl = r.out.find('\n');
    REQUIRE(nl != std::string::npos);
    json a = json::parse(r.out.substr(0, nl)), b = json::parse(r.out.substr(nl + 1));
    CHECK_FALSE(a.contains("error"));
    CHECK(a == b);
    CHECK(a["results"].size() == 2);
    auto cli = run(polgraph_bin() + " query " + sh_quote(g) + " neighbours Nvidia --top 2 --json");
    CHECK(cli.status == 0);
    CHECK(json::parse(cli.out) == a);
}

TEST_CASE("a front-matter date that cannot be read is a warning, never dropped silently",
          "[cli][mistakes]") {
    TempDir tmp;
    const std::string body = "```html\n<p>Nvidia sells chips to China.</p>\n```\n";
    tmp.write("in/ambiguous.md", "---\ntitle: A\nnewsDate: 05/03/2026\n---\n" + body);
    tmp.write("in/clear.md", "---\ntitle: B\nnewsDate: 25/03/2026\n---\n" + body);
    tmp.write("in/same.md", "---\ntitle: C\nnewsDate: 04/04/2026\n---\n" + body);
    tmp.write("in/words.md", "---\ntitle: D\nnewsDate: sometime last spring\n---\n" + body);
    tmp.write("in/fallback.md",
              "---\ntitle: E\nnewsDate: soon\npublishedOn: 2026-01-02\n---\n" + body);
    auto r = run(polgraph_bin() + " extract -v " + sh_quote(tmp.file("in")) + " --jsonl " +
                 sh_quote(tmp.file("r.jsonl")) + " --errors " + sh_quote(tmp.file("e.jsonl")));
    CHECK(r.status == 0);
    CHECK_THAT(r.err,
               Catch::Contains("ambiguous.md: warning: front matter newsDate \"05/03/2026\": "
                               "the day and month could be either way round; not used"));
    CHECK_THAT(r.err, Catch::Contains("words.md: warning: front matter newsDate \"sometime last "
                                      "spring\": not a date polgraph can read; not used"));
    std::map<std::string, std::string> dates;
    const std::string recs = read_file(tmp.file("r.jsonl"));
    for (std::size_t at = 0; at < recs.size();) {
        auto eol = recs.find('\n', at);
        json rec = json::parse(recs.substr(at, eol - at));
        dates[rec["id"]] = rec["date"];
        at = eol + 1;
    }
    CHECK(dates["ambiguous"] == "");
    CHECK(dates["clear"] == "2026-03-25");
    CHECK(dates["same"] == "2026-04-04");
    CHECK(dates["words"] == "");
    CHECK(dates["fallback"] == "2026-01-02");
    // --errors lists the warnings (with "warning", not "reason": the files were read).
    const std::string errors = read_file(tmp.file("e.jsonl"));
    std::vector<json> lines;
    for (std::size_t at = 0; at < errors.size();) {
        auto eol = errors.find('\n', at);
        lines.push_back(json::parse(errors.substr(at, eol - at)));
        at = eol + 1;
    }
    REQUIRE(lines.size() == 3);
    for (const auto& l : lines) {
        CHECK(l.contains("warning"));
        CHECK_FALSE(l.contains("reason"));
    }
    CHECK(lines[0]["path"] == tmp.file("in") + "/ambiguous.md");
    CHECK(lines[1]["path"] == tmp.file("in") + "/fallback.md");
    CHECK(lines[2]["path"] == tmp.file("in") + "/words.md");
    // Without -v the warnings are not printed, but still reported in --errors.
    auto q = run(polgraph_bin() + " extract " + sh_quote(tmp.file("in")) + " --jsonl " +
                 sh_quote(tmp.file("r2.jsonl")));
    CHECK_THAT(q.err, !Catch::Contains("warning"));
}

TEST_CASE("query tables line up CJK text and cut it at a character boundary", "[cli][mistakes]") {
    TempDir tmp;
    const std::string body = "```html\n<p>Nvidia and Huawei compete in China. Jensen Huang "
                             "said so in Beijing.</p>\n```\n";
    // Titles of two columns a character (and one with a combining mark) beside ASCII ones.
    tmp.write("in/a.md", "---\ntitle: 英伟达与华为在中国的芯片竞争加剧，出口管制收紧后的市场格局\n"
                         "newsDate: 2025-01-02\n---\n" +
                             body);
    tmp.write("in/b.md", "---\ntitle: Cafe\xCC\x81 chips\nnewsDate: 2025-01-03\n---\n" + body);
    tmp.write("in/c.md", "---\ntitle: 엔비디아\nnewsDate: 2025-01-04\n---\n" + body);
    tmp.write("in/d.md", "---\ntitle: Plain title\nnewsDate: 2025-01-05\n---\n" + body);
    // An article that shares nothing, so that the others' entities are not in every article
    // (their IDF weight would be zero).
    tmp.write("in/e.md", "---\ntitle: Other\nnewsDate: 2025-01-06\n---\n```html\n<p>Mistral AI "
                         "opened an office in Paris.</p>\n```\n");
    const std::string g = tmp.file("g.json");
    run_ok(polgraph_bin() + " extract -q " + sh_quote(tmp.file("in")) + " -o " + sh_quote(g));
    auto r = run_ok(polgraph_bin() + " query " + sh_quote(g) + " related d");
    // The last column ("shared ...") starts at the same display column on every row.
    std::vector<std::size_t> starts;
    std::size_t at = 0;
    while (at < r.out.size()) {
        auto eol = r.out.find('\n', at);
        std::string line = r.out.substr(at, eol - at);
        at = eol + 1;
        auto pos = line.find("shared");
        if (pos == std::string::npos) pos = line.find("Beijing"); // first of the shared list
        if (line.empty() || pos == std::string::npos || line.rfind("score", 0) == 0) continue;
        // Display columns before `pos`: CJK counts two, a combining mark none.
        std::size_t cols = 0;
        for (std::size_t i = 0; i < pos;) {
            const unsigned char c = static_cast<unsigned char>(line[i]);
            const std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
            const std::string ch = line.substr(i, n);
            cols += n == 1 ? 1 : ch == "\xCC\x81" ? 0 : ch == "\xE2\x80\xA6" ? 1 : n == 3 ? 2 : 1;
            i += n;
        }
        starts.push_back(cols);
    }
    INFO(r.out);
    REQUIRE(starts.size() == 4); // the header and three related articles
    for (auto s : starts) CHECK(s == starts[0]);
    // The long title is cut, whole characters only (the output is valid UTF-8: the JSON
    // parser would reject a cut sequence).
    CHECK_THAT(r.out, Catch::Contains("\xE2\x80\xA6"));
    CHECK_NOTHROW(json::parse(json(r.out).dump()));
}
