// The HTML page (`polgraph export -o graph.html`): what it embeds, that no text can break out of
// it, that it is the same bytes for the same view, and (tagged [browser], run by CTest as
// html.browser) the page itself in headless Chromium through playwright-core
// (tests/html/page_check.mjs), loaded from file:// as a person would open it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/graph.hpp"
#include "core/view.hpp"
#include "exporters/html_exporter.hpp"
#include "store/graph_io.hpp"
#include "tests/support.hpp"

using namespace polgraph::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::string kDataOpen = "<script type=\"application/json\" id=\"polgraph-data\">";

std::size_t count(const std::string& s, const std::string& what) {
    std::size_t n = 0;
    for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
    return n;
}

// The page's data element, checked and parsed back. The element ends at the first "</script>"
// after it, as the browser's HTML parser ends it: text that broke out would fail the parse.
json page_data(const std::string& page) {
    const auto open = page.find(kDataOpen);
    REQUIRE(open != std::string::npos);
    const auto from = open + kDataOpen.size();
    const auto end = page.find("</script>", from);
    REQUIRE(end != std::string::npos);
    const std::string text = page.substr(from, end - from);
    CHECK(text.find('<') == std::string::npos);
    CHECK(text.find("\xE2\x80\xA8") == std::string::npos);
    CHECK(text.find("\xE2\x80\xA9") == std::string::npos);
    return json::parse(text);
}

// Runs `polgraph export GRAPH ARGS` and returns the counts it reports.
ViewCounts export_graph(const std::string& graph, const std::string& args) {
    auto r = run_ok(polgraph_bin() + " export " + sh_quote(graph) + " " + args);
    ViewCounts s = view_counts(r.err);
    REQUIRE(s.nodes >= 0);
    return s;
}

std::string sample_graph(const TempDir& tmp) {
    const std::string graph = tmp.file("sample.json");
    run_ok(polgraph_bin() + " extract -q " + sh_quote(source_dir() + "/data/sample") + " -o " +
           sh_quote(graph));
    return graph;
}

// The sample's records with hostile text where the page shows it: an entity's name and one of
// its surface forms, an article's title and a javascript: url; a second article with a web url.
// Merged into a graph with the real CLI.
const std::string kBreakOut = "</script><script>alert(1)</script>\u2028<!--x";

struct HostileGraph {
    std::string graph, entity_id, bad_article, good_article;
};

HostileGraph hostile_graph(const TempDir& tmp) {
    std::istringstream lines(extract_sample_jsonl(tmp.file("sample.jsonl")));
    std::vector<json> records;
    for (std::string line; std::getline(lines, line);)
        if (!line.empty()) records.push_back(json::parse(line));
    REQUIRE(records.size() >= 2);
    HostileGraph h;
    json& first = records[0];
    first["title"] = kBreakOut + " title";
    first["url"] = "javascript:alert(2)";
    json& entity = first["entities"][0];
    entity["name"] = kBreakOut;
    entity["forms"].push_back("para\u2029sep");
    records[1]["url"] = "https://example.org/a?b=1&c=<i>";
    h.entity_id = entity["id"];
    h.bad_article = first["id"];
    h.good_article = records[1]["id"];
    std::string text;
    for (const auto& r : records) text += r.dump() + "\n";
    const std::string jsonl = tmp.write("hostile.jsonl", text);
    h.graph = tmp.file("hostile.json");
    run_ok(polgraph_bin() + " merge -q " + sh_quote(jsonl) + " -o " + sh_quote(h.graph));
    return h;
}

int index_of(const json& column, const std::string& value) {
    for (std::size_t i = 0; i < column.size(); ++i)
        if (column[i] == value) return static_cast<int>(i);
    return -1;
}

} // namespace

TEST_CASE("the HTML page embeds names that would end a script, and they cannot", "[html]") {
    TempDir tmp;
    const HostileGraph h = hostile_graph(tmp);
    const ViewCounts s = export_graph(h.graph, "-o " + sh_quote(tmp.file("page.html")));
    const std::string page = read_file(tmp.file("page.html"));

    // Two script elements (the data and the code), each ended once; no other markup from data.
    CHECK(count(page, "<script") == 2);
    CHECK(count(page, "</script>") == 2);
    CHECK(page.find("<title>polgraph: bipartite view</title>") != std::string::npos);
    CHECK(page.find("\xE2\x80\xA8") == std::string::npos);

    const json d = page_data(page);
    CHECK(d["format"] == "polgraph-html-1");
    CHECK(static_cast<long>(d["nodes"]["id"].size()) == s.nodes);
    CHECK(static_cast<long>(d["edges"]["source"].size()) == s.edges);
    const int e = index_of(d["nodes"]["id"], h.entity_id);
    REQUIRE(e >= 0);
    CHECK(d["nodes"]["label"][e] == kBreakOut);
    const auto& aliases = d["nodes"]["aliases"][e];
    CHECK(std::find(aliases.begin(), aliases.end(), "para\u2029sep") != aliases.end());
    const int a = index_of(d["articles"]["title"], kBreakOut + " title");
    REQUIRE(a >= 0);
    CHECK(d["articles"]["url"][a] == "javascript:alert(2)"); // data, shown as text by the page
    const auto& refs = d["nodes"]["refs"][e];
    CHECK(std::find(refs.begin(), refs.end(), a) != refs.end());

    // Nothing outside the data names another resource.
    const auto open = page.find(kDataOpen), close = page.find("</script>", open);
    const std::string code = page.substr(0, open) + page.substr(close);
    CHECK(code.find("://") == std::string::npos);
    CHECK(code.find(" src=") == std::string::npos);
    CHECK(code.find("@import") == std::string::npos);
    CHECK(code.find("url(") == std::string::npos);
}

TEST_CASE("the HTML page is chosen by --format html or the .html/.htm suffix, same bytes each time",
          "[html]") {
    TempDir tmp;
    const std::string graph = sample_graph(tmp);
    const std::string args = " --view entities --min-articles 2 ";
    export_graph(graph, args + "-o " + sh_quote(tmp.file("a.html")) + " -o " +
                            sh_quote(tmp.file("b.HTM")));
    export_graph(graph, args + "--format html -o " + sh_quote(tmp.file("c.json")));
    export_graph(graph, args + "-o " + sh_quote(tmp.file("d.html")) + " -j 1");
    const std::string a = read_file(tmp.file("a.html"));
    CHECK(a.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(read_file(tmp.file("b.HTM")) == a);
    CHECK(read_file(tmp.file("c.json")) == a);
    CHECK(read_file(tmp.file("d.html")) == a);
    CHECK(page_data(a)["filters"] == "--view entities --min-articles 2");

    auto help = run_ok(polgraph_bin() + " export --help");
    CHECK(help.out.find("html: self-contained HTML page") != std::string::npos);
}

TEST_CASE("the HTML page of every view lists each node's articles from the graph", "[html]") {
    TempDir tmp;
    const std::string graph = sample_graph(tmp);
    const json whole = json::parse(read_file(graph));
    // Each node's articles as the graph states them (mentions, has_topic, has_keyphrase).
    std::map<std::string, std::set<std::string>> articles_of;
    std::map<std::string, std::string> title_of;
    for (const auto& n : whole["nodes"])
        if (n["kind"] == "article") {
            title_of[n["id"]] = n["title"];
            articles_of[n["id"]].insert(n["id"].get<std::string>());
        }
    for (const auto& l : whole["links"])
        if (l["kind"] == "mentions" || l["kind"] == "has_topic" || l["kind"] == "has_keyphrase")
            articles_of[l["target"]].insert(l["source"].get<std::string>());

    for (const std::string view : {"bipartite", "entities", "articles", "entity-topic"}) {
        SECTION(view) {
            const std::string page = tmp.file(view + ".html");
            const ViewCounts s = export_graph(graph, "--view " + view + " -o " + sh_quote(page));
            const json d = page_data(read_file(page));
            REQUIRE(static_cast<long>(d["nodes"]["id"].size()) == s.nodes);
            REQUIRE(static_cast<long>(d["edges"]["source"].size()) == s.edges);
            CHECK(d["view"] == view);
            const json& dates = d["articles"]["date"];
            CHECK(std::is_sorted(dates.begin(), dates.end()));
            for (std::size_t i = 0; i < d["nodes"]["id"].size(); ++i) {
                const std::string id = d["nodes"]["id"][i];
                std::set<std::string> titles, want;
                for (const auto& r : d["nodes"]["refs"][i])
                    titles.insert(d["articles"]["title"][r.get<int>()]);
                for (const auto& a : articles_of[id]) want.insert(title_of[a]);
                INFO(id);
                CHECK(titles == want);
                CHECK(std::is_sorted(d["nodes"]["refs"][i].begin(), d["nodes"]["refs"][i].end()));
            }
            for (const auto& x : d["edges"]["source"]) CHECK(x < s.nodes);
            for (const auto& x : d["edges"]["target"]) CHECK(x < s.nodes);
        }
    }
}

TEST_CASE("the HTML page carries a layout's positions when the view has them", "[html]") {
    TempDir tmp;
    const auto g = polgraph::load_graph(sample_graph(tmp));
    polgraph::ViewOptions o;
    o.view = "entities";
    polgraph::GraphView view = polgraph::make_view(g, o);
    std::ostringstream without;
    polgraph::HtmlExporter().write(view, without, 0);
    CHECK_FALSE(page_data(without.str())["nodes"].contains("x"));

    for (std::size_t i = 0; i < view.nodes.size(); ++i)
        view.positions.push_back({static_cast<double>(i) * 1.5, -0.25 - static_cast<double>(i)});
    std::ostringstream with;
    polgraph::HtmlExporter().write(view, with, 0);
    const json d = page_data(with.str());
    REQUIRE(d["nodes"]["x"].size() == view.nodes.size());
    CHECK(d["nodes"]["x"][2] == 3);
    CHECK(d["nodes"]["y"][2] == -2.25);

    view.positions.pop_back();
    std::ostringstream wrong;
    CHECK_THROWS_AS(polgraph::HtmlExporter().write(view, wrong, 0), polgraph::Error);
}

TEST_CASE("the HTML page draws the positions of --layout fa2, its default layout",
          "[html][layout]") {
    TempDir tmp;
    const std::string graph = sample_graph(tmp);
    const std::string base = tmp.file("laid-out");
    // Two runs: the page alone must get the layout; the same view and seed give the same one.
    export_graph(graph, "--view entities --layout fa2 -o " + sh_quote(base + ".html"));
    export_graph(graph, "--view entities --layout fa2 -o " + sh_quote(base + ".graphology.json"));
    const json d = page_data(read_file(base + ".html"));
    std::map<std::string, std::pair<double, double>> at; // the graphology file's positions
    const json graphology = json::parse(read_file(base + ".graphology.json"));
    for (const auto& n : graphology.at("nodes"))
        at[n["key"]] = {n["attributes"]["x"], n["attributes"]["y"]};
    REQUIRE(d["nodes"]["x"].size() == at.size());
    for (std::size_t i = 0; i < at.size(); ++i) {
        const auto& [x, y] = at.at(d["nodes"]["id"][i]);
        // Five significant digits in the page, three decimals in the graphology file.
        CHECK(std::abs(d["nodes"]["x"][i].get<double>() - x) <= 1e-4 * std::abs(x) + 1e-3);
        CHECK(std::abs(d["nodes"]["y"][i].get<double>() - y) <= 1e-4 * std::abs(y) + 1e-3);
    }
    // fa2 is the page's default layout; --layout none gives the spiral, other positions.
    export_graph(graph, "--view entities -o " + sh_quote(base + "-default.html"));
    CHECK(read_file(base + "-default.html") == read_file(base + ".html"));
    export_graph(graph, "--view entities --layout none -o " + sh_quote(base + "-none.html"));
    const json spiral = page_data(read_file(base + "-none.html"));
    CHECK(spiral["nodes"]["id"] == d["nodes"]["id"]);
    CHECK_FALSE(spiral["nodes"].contains("x")); // the page places the nodes itself
    // A run with the page lays out its other files too; without the page, no positions.
    export_graph(graph, "--view entities -o " + sh_quote(base + "-with.html") + " -o " +
                            sh_quote(base + "-with.graphology.json"));
    CHECK(read_file(base + "-with.graphology.json") == read_file(base + ".graphology.json"));
    export_graph(graph, "--view entities -o " + sh_quote(base + "-alone.graphology.json"));
    CHECK(read_file(base + "-alone.graphology.json") != read_file(base + ".graphology.json"));
}

// ---- In a browser ------------------------------------------------------------------------------

namespace {

// The Chromium that page_check.mjs launches.
std::string chromium() {
    const char* c = std::getenv("POLGRAPH_CHROMIUM");
    return c && *c ? c : "/usr/bin/chromium";
}

// True when node, Chromium and playwright-core are there; else says why the test is skipped.
bool have_browser() {
    static const bool ok = [] {
        const bool all = have_command("node") && fs::exists(chromium()) &&
                         fs::exists(interop_modules() + "/playwright-core");
        if (!all)
            WARN("SKIP: browser tests need node, " << chromium() << " and playwright-core in "
                                                   << interop_modules()
                                                   << " (scripts/bootstrap.sh --test)");
        return all;
    }();
    return ok;
}

// Runs page_check.mjs on `page` with `args`; its report (the run must carry out every step).
json check_page(const std::string& page, const std::string& args) {
    const std::string script = std::string(POLGRAPH_TEST_DIR) + "/html/page_check.mjs";
    auto r = run("node " + sh_quote(script) + " " + sh_quote(page) + " " + args);
    INFO("page_check " << page << " " << args << "\n" << r.out << r.err);
    REQUIRE(r.status == 0);
    json report = json::parse(r.out);
    // Offline, quiet: the page asked for nothing but itself, and nothing went wrong.
    const std::string self = report["page"];
    for (const auto& url : report["requests"]) CHECK(url == self);
    CHECK(report["consoleErrors"].empty());
    CHECK(report["pageErrors"].empty());
    CHECK(report["dialogs"].empty());
    return report;
}

} // namespace

TEST_CASE("the HTML page of the development corpus works in Chromium", "[html][browser]") {
    if (!have_browser()) return;
    if (shared_dir().empty()) {
        WARN("SKIP: ../shared (the development corpus) is absent");
        return;
    }
    TempDir tmp;
    const std::string graph = tmp.file("corpus.json");
    run_ok(polgraph_bin() + " extract -q " + sh_quote(shared_dir() + "/corpus") + " -o " +
           sh_quote(graph));
    const json whole = json::parse(read_file(graph));

    for (const std::string view : {"bipartite", "entities"}) {
        SECTION(view) {
            const std::string page = tmp.file(view + ".html"), same = tmp.file(view + ".json");
            const ViewCounts s = export_graph(graph, "--view " + view + " -o " + sh_quote(page) +
                                                         " -o " + sh_quote(same));
            const json d = json::parse(read_file(same)); // the same view as node-link JSON
            REQUIRE(static_cast<long>(d["nodes"].size()) == s.nodes);
            REQUIRE(static_cast<long>(d["links"].size()) == s.edges);

            // The entity in most articles is searched for by the start of its name, the next one
            // with most mentions is clicked on the canvas, and the next again is opened by a
            // deep link.
            std::vector<json> ents;
            for (const auto& n : d["nodes"])
                if (n["kind"] == "entity") ents.push_back(n);
            REQUIRE(ents.size() >= 3);
            auto by = [&](const char* key) {
                std::stable_sort(ents.begin(), ents.end(), [&](const json& x, const json& y) {
                    return x[key].get<double>() > y[key].get<double>();
                });
            };
            by("articles");
            const json searched = ents[0];
            by("mentions");
            std::vector<json> others;
            for (const auto& n : ents)
                if (n["id"] != searched["id"]) others.push_back(n);
            const json clicked = others[0], linked = others[1];
            const std::string label = searched["label"];
            const std::string typed = label.substr(0, 4);

            // A date filter of one day: the newest article's.
            std::string day;
            for (const auto& n : whole["nodes"])
                if (n["kind"] == "article") day = std::max(day, n["date"].get<std::string>());
            std::set<std::string> on_day; // nodes with an article that day
            for (const auto& n : whole["nodes"])
                if (n["kind"] == "article" && n["date"] == day)
                    on_day.insert(n["id"].get<std::string>());
            const std::set<std::string> articles_on_day = on_day;
            for (const auto& l : whole["links"])
                if ((l["kind"] == "mentions" || l["kind"] == "has_topic" ||
                     l["kind"] == "has_keyphrase") &&
                    articles_on_day.count(l["source"]))
                    on_day.insert(l["target"].get<std::string>());

            // What untick "person" and the date filter leave, from the node-link JSON.
            long people = 0, dated = 0, edges_without_people = 0, edges_on_day = 0;
            std::map<std::string, std::string> type_of;
            for (const auto& n : d["nodes"]) {
                type_of[n["id"]] = n["type"];
                people += n["type"] == "person";
                dated += on_day.count(n["id"]) > 0;
            }
            for (const auto& l : d["links"]) {
                edges_without_people +=
                    type_of[l["source"]] != "person" && type_of[l["target"]] != "person";
                edges_on_day += on_day.count(l["source"]) && on_day.count(l["target"]);
            }

            const json r = check_page(
                page, "--search " + sh_quote(typed) + " --pick " + sh_quote(label) + " --click " +
                          sh_quote(clicked["id"]) + " --deep-link " + sh_quote(linked["id"]) +
                          " --toggle-type person --dates " + day + " " + day);
            CHECK(r["nodes"] == s.nodes);
            CHECK(r["edges"] == s.edges);
            const auto& offered = r["search"]["offered"];
            CHECK(std::find(offered.begin(), offered.end(), label) != offered.end());
            CHECK(r["search"]["panelTitle"] == label);
            CHECK(r["search"]["focused"] == "panel-title");
            CHECK(r["click"]["panelTitle"] == clicked["label"]);
            CHECK(r["deepLinks"][0]["panelTitle"] == linked["label"]);
            CHECK(r["toggle"]["nodes"] == s.nodes - people);
            CHECK(r["toggle"]["edges"] == edges_without_people);
            CHECK(r["toggle"]["restored"]["nodes"] == s.nodes);
            CHECK(r["dates"]["nodes"] == dated);
            CHECK(r["dates"]["edges"] == edges_on_day);
            CHECK(r["dates"]["restored"]["edges"] == s.edges);
            if (view == "entities") {
                // The page's date filter keeps the entities the CLI's --since/--until keeps.
                const ViewCounts cli =
                    export_graph(graph, "--view entities --since " + day + " --until " + day +
                                            " -o " + sh_quote(tmp.file("day.json")));
                CHECK(r["dates"]["nodes"] == cli.nodes);
            }
        }
    }
}

TEST_CASE("the HTML page shows hostile names as text and links only to the web",
          "[html][browser]") {
    if (!have_browser()) return;
    TempDir tmp;
    const HostileGraph h = hostile_graph(tmp);
    const std::string page = tmp.file("hostile.html");
    export_graph(h.graph, "-o " + sh_quote(page));
    const json r =
        check_page(page, "--search " + sh_quote("</script") + " --pick " + sh_quote(kBreakOut) +
                             " --deep-link " + sh_quote(h.bad_article) + " --deep-link " +
                             sh_quote(h.good_article));
    CHECK(r["search"]["panelTitle"] == kBreakOut);
    CHECK(r["deepLinks"][0]["panelTitle"] == kBreakOut + " title");
    CHECK(r["deepLinks"][0]["links"].empty()); // javascript: is shown, not linked
    CHECK(r["deepLinks"][1]["links"] == json::array({"https://example.org/a?b=1&c=%3Ci%3E"}));
    for (const auto& link : r["search"]["links"])
        CHECK(link.get<std::string>().rfind("https://", 0) == 0);
}
