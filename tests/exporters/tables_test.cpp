// export --view mentions / timeline: flat CSV tables read back by pandas (Debian's
// python3-pandas) and checked cell by cell against the graph file; their filters and refusals.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "support.hpp"

using nlohmann::json;
using polgraph::test::read_file;
using polgraph::test::run;
using polgraph::test::run_ok;
using polgraph::test::sh_quote;
using polgraph::test::TempDir;

namespace {

std::string bin() {
    return polgraph::test::polgraph_bin();
}

bool have_pandas() {
    static const bool ok = [] {
        const bool found = std::filesystem::exists("/usr/bin/python3") &&
                           run("/usr/bin/python3 -c 'import pandas'").status == 0;
        if (!found) WARN("SKIPPED: /usr/bin/python3 with python3-pandas is absent");
        return found;
    }();
    return ok;
}

} // namespace

TEST_CASE("export --view mentions and timeline: tables pandas reads, equal to the graph",
          "[export][tables]") {
    TempDir tmp;
    const std::string g = tmp.file("g.json");
    run_ok(bin() + " extract " + sh_quote(polgraph::test::source_dir() + "/data/sample") +
           " -q -o " + sh_quote(g));
    const auto r = run_ok(bin() + " export " + sh_quote(g) + " --view mentions -o " +
                          sh_quote(tmp.file("m.csv")));
    CHECK(r.err.find("mentions table: ") != std::string::npos);
    run_ok(bin() + " export " + sh_quote(g) + " --view timeline -q -o " +
           sh_quote(tmp.file("t.csv")));
    const std::string m = read_file(tmp.file("m.csv"));
    CHECK(m.rfind("article,title,date,source,entity,name,type,mentions,in_lead,first_sentence\n",
                  0) == 0);
    // One row per mentions link.
    std::size_t links = 0;
    const json graph = json::parse(read_file(g));
    for (const auto& l : graph["links"]) links += l["kind"] == "mentions";
    CHECK(std::count(m.begin(), m.end(), '\n') >= static_cast<long>(links) + 1);
    if (!have_pandas()) return;
    const auto checked = json::parse(
        run_ok("/usr/bin/python3 " +
               sh_quote(polgraph::test::source_dir() + "/tests/exporters/tables_check.py") + " " +
               sh_quote(g) + " " + sh_quote(tmp.file("m.csv")) + " " + sh_quote(tmp.file("t.csv")))
            .out);
    INFO(checked.dump());
    CHECK(checked["ok"] == true);
    CHECK(checked["mentions"] == links);
    CHECK(checked["timeline"].get<int>() > 0);
}

TEST_CASE("export tables: dates, types and --top narrow the rows, network options are refused",
          "[export][tables]") {
    TempDir tmp;
    const std::string g = tmp.file("g.json");
    run_ok(bin() + " extract " + sh_quote(polgraph::test::source_dir() + "/data/sample") +
           " -q -o " + sh_quote(g));
    auto table = [&](const std::string& args) {
        run_ok(bin() + " export " + sh_quote(g) + " -q -o " + sh_quote(tmp.file("x.csv")) + " " +
               args);
        return read_file(tmp.file("x.csv"));
    };
    const std::string all = table("--view mentions");
    const std::string people = table("--view mentions --types person");
    CHECK(people.size() < all.size());
    CHECK(people.find(",organization,") == std::string::npos);
    CHECK(people.find(",person,") != std::string::npos);
    const std::string late = table("--view timeline --since 2025-09");
    CHECK(late.find(",2025-08,") == std::string::npos);
    // --top 3: three entities, each with its months.
    const std::string top3 = table("--view timeline --top 3");
    std::set<std::string> ents;
    std::istringstream in(top3);
    std::string line;
    std::getline(in, line); // header
    while (std::getline(in, line)) ents.insert(line.substr(0, line.find(',')));
    CHECK(ents.size() == 3);
    // Refusals: a table is CSV, and network weights do not apply.
    auto bad = run(bin() + " export " + sh_quote(g) + " --view mentions -o " +
                   sh_quote(tmp.file("m.gexf")));
    CHECK(bad.status == 2);
    CHECK(bad.err.find("is a table: write it as CSV") != std::string::npos);
    bad = run(bin() + " export " + sh_quote(g) + " --view timeline --weight fractional -o " +
              sh_quote(tmp.file("t.csv")));
    CHECK(bad.status == 2);
    CHECK(bad.err.find("--weight weighs network edges") != std::string::npos);
    bad = run(bin() + " extract " + sh_quote(polgraph::test::source_dir() + "/data/sample") +
              " --view mentions -o " + sh_quote(tmp.file("e.csv")));
    CHECK(bad.status == 2);
    CHECK_FALSE(std::filesystem::exists(tmp.file("e.csv")));
}
