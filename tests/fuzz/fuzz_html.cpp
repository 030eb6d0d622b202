// Fuzz target: the HTML page (exporters/html_exporter). The input's first byte picks the view
// (bipartite, entities, articles, entity-topic) and whether it has a ForceAtlas2 layout; the rest
// is a node-link graph file, loaded on one thread (fuzz::load_graph_json). Either the loader
// refuses it with a polgraph::Error, or the page the exporter writes for the view
// - holds its data in one <script type="application/json" id="polgraph-data"> element, with no
//   `<` and no U+2028/U+2029 in it, so that no text of the graph can end the element or break a
//   script;
// - is, outside that element, the page of the empty graph's view: no text of the graph reaches the
//   markup;
// - holds data that parse back (strict JSON, valid UTF-8) to the view: its node ids and labels
//   in the view's order, every column one entry a row, edges between node rows, article rows in
//   range.
#include <cstddef>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/graph.hpp"
#include "core/view.hpp"
#include "exporters/exporter.hpp"
#include "layout/view_layout.hpp"
#include "tests/fuzz/fuzz_check.hpp"
#include "tests/fuzz/fuzz_data.hpp"
#include "tests/fuzz/fuzz_target.hpp"

using namespace polgraph;

namespace {

constexpr std::string_view kDataOpen = R"(<script type="application/json" id="polgraph-data">)";
constexpr std::string_view kDataClose = "</script>";

GraphView view_of(const KnowledgeGraph& g, unsigned char options) {
    ViewOptions vo;
    vo.view = view_names()[options % view_names().size()];
    GraphView view = make_view(g, vo);
    if (options & 0x10) layout_view(view, LayoutOptions{"fa2", 3, 1}, 1);
    return view;
}

std::string page_of(const GraphView& view) {
    std::ostringstream out;
    find_exporter("html", "")->make(ExportOptions{})->write(view, out, 0);
    return out.str();
}

// The page split at its data element: (the page without the data, the data).
std::pair<std::string, std::string> split_page(const std::string& page) {
    const std::size_t open = page.find(kDataOpen);
    if (open == std::string::npos) fuzz::fail("the page has no data element");
    if (page.find(kDataOpen, open + 1) != std::string::npos)
        fuzz::fail("the page has two data elements");
    const std::size_t begin = open + kDataOpen.size();
    const std::size_t end = page.find(kDataClose, begin);
    if (end == std::string::npos) fuzz::fail("the data element is not closed");
    return {page.substr(0, begin) + page.substr(end), page.substr(begin, end - begin)};
}

void check_column(const nlohmann::json& table, const char* name, std::size_t rows) {
    const auto it = table.find(name);
    if (it == table.end()) return; // optional columns: x, y, kind
    if (!it->is_array() || it->size() != rows)
        fuzz::fail("a column of the page's data is not one entry a row: ", name);
}

void check_data(const nlohmann::json& d, const GraphView& view) {
    const KnowledgeGraph& g = *view.graph;
    const std::size_t n = view.nodes.size(), m = view.edges.size();
    if (d.at("format") != "polgraph-html-1" || d.at("view") != view.name)
        fuzz::fail("the page's data names another format or view");
    const nlohmann::json& nodes = d.at("nodes");
    for (const char* c : {"id", "label", "type", "date", "mentions", "articles", "aliases", "attrs",
                          "refs", "x", "y"})
        check_column(nodes, c, n);
    for (std::size_t i = 0; i < n; ++i) {
        const Node& node = g.node(view.nodes[i]);
        if (nodes.at("id").at(i) != node.id || nodes.at("label").at(i) != node.label)
            fuzz::fail("a node's id or label reads back otherwise: ", node.id);
    }
    const nlohmann::json& articles = d.at("articles");
    const std::size_t rows = articles.at("title").size();
    for (const char* c : {"title", "date", "source", "url"}) check_column(articles, c, rows);
    for (const auto& refs : nodes.at("refs"))
        for (const auto& r : refs)
            if (!r.is_number_integer() || r.get<long long>() < 0 || r.get<std::size_t>() >= rows)
                fuzz::fail("a node refers to an article row that does not exist");
    const nlohmann::json& edges = d.at("edges");
    for (const char* c : {"source", "target", "weight", "kind"}) check_column(edges, c, m);
    for (const char* end : {"source", "target"})
        for (const auto& v : edges.at(end))
            if (!v.is_number_integer() || v.get<long long>() < 0 || v.get<std::size_t>() >= n)
                fuzz::fail("an edge joins a node row that does not exist");
}

} // namespace

POLGRAPH_FUZZ_TARGET(html) {
    if (input.empty()) return;
    const auto options = static_cast<unsigned char>(input[0]);
    KnowledgeGraph g;
    if (!fuzz::only_polgraph_errors(
            [&] { g = fuzz::load_graph_json(input.substr(1), "fuzz.json"); }))
        return;
    const GraphView view = view_of(g, options);
    const auto [markup, data] = split_page(page_of(view));

    if (data.find('<') != std::string::npos) fuzz::fail("a `<` in the page's data");
    if (data.find("\xE2\x80\xA8") != std::string::npos ||
        data.find("\xE2\x80\xA9") != std::string::npos)
        fuzz::fail("U+2028 or U+2029 in the page's data");
    // The page of the empty graph's view, outside its data (the same with a layout or without).
    static std::map<std::string, std::string> empty_markup;
    auto [it, fresh] = empty_markup.try_emplace(view.name);
    if (fresh) it->second = split_page(page_of(view_of(KnowledgeGraph{}, options))).first;
    if (markup != it->second) fuzz::fail("text of the graph in the page outside its data");

    nlohmann::json parsed;
    try {
        parsed = nlohmann::json::parse(data);
    } catch (const nlohmann::json::exception& e) {
        fuzz::fail("the page's data is not valid JSON: ", e.what());
    }
    fuzz::check_json_strings(parsed, "the page's data");
    try {
        check_data(parsed, view);
    } catch (const nlohmann::json::exception& e) {
        fuzz::fail("the page's data lacks a part: ", e.what());
    }
}
