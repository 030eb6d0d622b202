// extract --overlay on real files: the graph, the records (--jsonl) and an export agree on every
// directive; --update reads every file again when the overlay changes; a bad overlay stops the
// run before anything is written, naming the file and line.
#include <catch2/catch.hpp>

#include <set>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "support.hpp"

using nlohmann::json;
using polgraph::test::article;
using polgraph::test::read_file;
using polgraph::test::run;
using polgraph::test::run_ok;
using polgraph::test::sh_quote;
using polgraph::test::TempDir;

namespace {

std::string bin() {
    return polgraph::test::polgraph_bin();
}

// Entity ids of a node-link graph file.
std::set<std::string> graph_entities(const std::string& path) {
    std::set<std::string> out;
    const json g = json::parse(read_file(path));
    for (const auto& n : g["nodes"])
        if (n["kind"] == "entity") out.insert(n["id"].get<std::string>());
    return out;
}

// Entity ids of a records file (--jsonl).
std::set<std::string> record_entities(const std::string& path) {
    std::set<std::string> out;
    std::istringstream in(read_file(path));
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) {
            const json r = json::parse(line);
            for (const auto& e : r["entities"]) out.insert(e["id"].get<std::string>());
        }
    return out;
}

void write_corpus(const TempDir& tmp) {
    tmp.write("in/a.md",
              article("Robot makers meet regulators", "2025-03-01",
                      "<p>Quorvex met OpenAl and OpenAI staff in Paris on Monday.</p><p>Nvidia "
                      "sold H100 chips to Quorvex, Quill said.</p>"));
    tmp.write("in/b.md", article("Chips and rules", "2025-04-02",
                                 "<p>OpenAI and Microsoft discussed Nvidia H100 supplies in "
                                 "Paris and Berlin.</p>"));
}

} // namespace

TEST_CASE("extract --overlay: every directive shows in the graph, the records and exports",
          "[cli][overlay]") {
    TempDir tmp;
    write_corpus(tmp);
    const std::string in = sh_quote(tmp.file("in"));
    run_ok(bin() + " extract " + in + " -q -o " + sh_quote(tmp.file("plain.json")));
    const auto plain = graph_entities(tmp.file("plain.json"));
    REQUIRE(plain.count("organization:openai") == 1);
    REQUIRE(plain.count("location:paris") == 1);
    REQUIRE(plain.count("product:h100") == 1);
    REQUIRE(plain.count("organization:quorvex") == 0);
    REQUIRE(plain.count("person:ada-quill") == 0);
    tmp.write("fix.tsv", "# our fixes\n"
                         "add\torganization\tQuorvex\n"
                         "add\tperson\tAda Quill\tQuill\n"
                         "never\tparis\n"
                         "merge\torganization:microsoft\torganization:openai\n"
                         "type\tproduct:h100\tmodel\n"
                         "drop\ttype:location\n");
    run_ok(bin() + " extract " + in + " -q --overlay " + sh_quote(tmp.file("fix.tsv")) + " -o " +
           sh_quote(tmp.file("g.json")) + " --jsonl " + sh_quote(tmp.file("r.jsonl")) + " -o " +
           sh_quote(tmp.file("g.csv")));
    const auto fixed = graph_entities(tmp.file("g.json"));
    CHECK(fixed.count("organization:quorvex") == 1);
    CHECK(fixed.count("person:ada-quill") == 1);
    CHECK(fixed.count("organization:microsoft") == 0);
    CHECK(fixed.count("organization:openai") == 1);
    CHECK(fixed.count("product:h100") == 0);
    CHECK(fixed.count("model:h100") == 1);
    for (const auto& id : fixed) CHECK(id.rfind("location:", 0) != 0);
    // The records say the same, and so does the CSV export of the graph.
    CHECK(record_entities(tmp.file("r.jsonl")) == fixed);
    const std::string csv = read_file(tmp.file("g.nodes.csv"));
    CHECK(csv.find("model:h100") != std::string::npos);
    CHECK(csv.find("location:paris") == std::string::npos);
    // "OpenAl" (a misspelling) was no form of OpenAI: an alias directive adds it (one more
    // mention in a).
    auto openai_mentions = [&](const std::string& graph) {
        const json g = json::parse(read_file(graph));
        for (const auto& l : g["links"])
            if (l["kind"] == "mentions" && l["target"] == "organization:openai" &&
                l["source"] == "a")
                return l["weight"].get<double>();
        return 0.0;
    };
    tmp.write("alias.tsv", "alias\torganization:openai\tOpenAl\n");
    run_ok(bin() + " extract " + in + " -q --overlay " + sh_quote(tmp.file("alias.tsv")) + " -o " +
           sh_quote(tmp.file("alias.json")));
    CHECK(openai_mentions(tmp.file("alias.json")) == openai_mentions(tmp.file("plain.json")) + 1);
}

TEST_CASE("extract --overlay: --update reads every file again when the overlay changes",
          "[cli][overlay]") {
    TempDir tmp;
    write_corpus(tmp);
    const std::string in = sh_quote(tmp.file("in")), g = sh_quote(tmp.file("g.json"));
    tmp.write("fix.tsv", "drop\tlocation:paris\n");
    // Files older than the cache are trusted by --update (a file changed in the same second as
    // the cache is always read again).
    run_ok("touch -d '2024-01-01 00:00:00' " + in + "/*.md");
    const std::string cmd = bin() + " extract " + in + " -v --overlay " +
                            sh_quote(tmp.file("fix.tsv")) + " --update " + g;
    run_ok(cmd);
    CHECK(graph_entities(tmp.file("g.json")).count("location:paris") == 0);
    CHECK(run_ok(cmd).err.find("(0 read, 2 unchanged") != std::string::npos);
    tmp.write("fix.tsv", "drop\tlocation:berlin\n");
    const auto again = run_ok(cmd);
    CHECK(again.err.find("every file is read again") != std::string::npos);
    const auto now = graph_entities(tmp.file("g.json"));
    CHECK(now.count("location:paris") == 1);
    CHECK(now.count("location:berlin") == 0);
}

TEST_CASE("extract --overlay: a bad line stops the run before anything is written",
          "[cli][overlay]") {
    TempDir tmp;
    write_corpus(tmp);
    const std::string g = tmp.file("g.json");
    run_ok(bin() + " extract " + sh_quote(tmp.file("in")) + " -q -o " + sh_quote(g));
    const std::string before = read_file(g);
    tmp.write("fix.tsv", "# fixes\nmerge\tperson:roe\tperson:jane-roe\nmerge\tRoe\tperson:x\n");
    const auto r = run(bin() + " extract " + sh_quote(tmp.file("in")) + " -q --overlay " +
                       sh_quote(tmp.file("fix.tsv")) + " -o " + sh_quote(g));
    CHECK(r.status != 0);
    CHECK(r.err.find("fix.tsv:3") != std::string::npos);
    CHECK(r.err.find("\"Roe\" is not an entity id") != std::string::npos);
    CHECK(read_file(g) == before);
    const auto missing = run(bin() + " extract " + sh_quote(tmp.file("in")) + " --overlay " +
                             sh_quote(tmp.file("nope.tsv")) + " -o " + sh_quote(g));
    CHECK(missing.status == 2);
    CHECK(missing.err.find("nope.tsv") != std::string::npos);
}
