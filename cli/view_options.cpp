#include "cli/view_options.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <set>

#include "core/error.hpp"
#include "exporters/tables.hpp"
#include "store/atomic_file.hpp"

namespace polgraph::cli {

void add_view_options(CLI::App* app, ViewOptions& o, bool tables) {
    auto* g = app->add_option_group(
        "View and filters",
        "Which network the -o files hold (in extract, the node-link JSON -o and --jsonl always "
        "hold the whole, reloadable graph). Filters apply in this order: dates, types, "
        "--min-articles, --drop-hubs, --top, then on co-occurrence edges --backbone, --weight, "
        "--min-weight");
    g->add_option("--view", o.view,
                  "bipartite: articles, entities, topics (default); entities: entity "
                  "co-occurrence network; articles: article network weighted by shared entities; "
                  "entity-topic: entities and topics, weighted by the articles where both occur" +
                      std::string(tables ? "; tables (CSV): mentions (article x entity rows), "
                                           "timeline (entity x month: articles, mentions)"
                                         : ""))
        ->check(CLI::IsMember([tables] {
            std::vector<std::string> names = view_names();
            if (tables) names.insert(names.end(), table_names().begin(), table_names().end());
            return names;
        }()));
    g->add_option("--types", o.types,
                  "Keep only these node types, comma-separated (entity types such as "
                  "person,organization,model,policy,location,product; topic, keyphrase)")
        ->delimiter(',');
    auto date = CLI::Validator(
        [](std::string& s) -> std::string {
            try {
                parse_date_bound(s, "date");
            } catch (const UsageError& e) {
                return e.what();
            }
            return {};
        },
        "DATE");
    g->add_option("--since", o.since,
                  "Only articles dated on or after DATE (YYYY-MM-DD, YYYY-MM or YYYY); undated "
                  "articles are left out; entities are kept if an article in range mentions them")
        ->check(date);
    g->add_option("--until", o.until,
                  "Only articles dated on or before DATE (YYYY-MM keeps the whole month)")
        ->check(date);
    g->add_option("--min-weight", o.min_weight,
                  "Drop co-occurrence/projection edges whose weight (after --weight) is below W; "
                  "in projection views, nodes left without edges go too")
        ->check(CLI::NonNegativeNumber);
    g->add_option("--min-articles", o.min_articles,
                  "Drop entities mentioned in fewer than N articles (of the date range)")
        ->check(CLI::NonNegativeNumber);
    g->add_option("--top", o.top, "Keep only the N entities mentioned in most articles")
        ->check(CLI::NonNegativeNumber);
    g->add_option("--drop-hubs", o.drop_hubs,
                  "Leave out the K entities mentioned in most articles (e.g. \"United States\")")
        ->check(CLI::NonNegativeNumber);
    g->add_option("--weight", o.weight,
                  "Co-occurrence edge weight: count (articles with both), fractional (each "
                  "article spreads a total of 1 over its entity pairs, so that long lists and "
                  "round-ups do not dominate), association (c_ij/(c_i*c_j), VOSviewer's "
                  "association strength) or jaccard (c_ij/(c_i+c_j-c_ij))")
        ->check(CLI::IsMember(weight_names()));
    g->add_option("--backbone", o.backbone,
                  "Keep only co-occurrence edges significant at level ALPHA under the disparity "
                  "filter (Serrano et al. 2009), e.g. 0.05; computed on article counts; a "
                  "node's only edge is kept; in projection views, nodes left without edges go")
        ->check(CLI::Validator(
            [](std::string& s) -> std::string {
                double x = -1;
                try {
                    std::size_t used = 0;
                    x = std::stod(s, &used);
                    if (used != s.size()) x = -1;
                } catch (const std::exception&) {
                }
                return x >= 0 && x < 1 ? "" : "ALPHA must be a number in [0, 1), e.g. 0.05";
            },
            "ALPHA"));
}

void add_export_options(CLI::App* app, ExportOptions& o) {
    app->add_flag("--dynamic", o.dynamic,
                  "GEXF: a dynamic graph (timeformat date): articles and their edges start at the "
                  "publication date, entities at their first mention, for Gephi's timeline");
    app->add_option("--gexf-version", o.gexf_version,
                    "GEXF: 1.3 (default), or 1.2 for readers that do not know 1.3 (NetworkX 2.8, "
                    "Debian 12's python3-networkx)")
        ->check(CLI::IsMember({"1.2", "1.3"}));
    auto* g = app->add_option_group(
        "Layout", "Node positions for the GEXF (viz:position), GraphML, graphology and HTML "
                  "(x, y) outputs, computed on the view they hold; the same for any -j");
    o.layout.algorithm = ""; // not given: fa2 when an output is the HTML page, else none
    g->add_option("--layout", o.layout.algorithm,
                  "fa2 (ForceAtlas2, Gephi's settings; Barnes-Hut from 500 nodes) or none (no "
                  "positions; graphology and HTML get a sunflower spiral). Default: fa2 when an "
                  "output is the HTML page, else none")
        ->check(CLI::IsMember(layout_names()));
    g->add_option("--layout-iterations", o.layout.iterations,
                  "ForceAtlas2 iterations (default: 500, fewer for large views: "
                  "3*10^6/(nodes+edges/40), at least 20)")
        ->check(CLI::Range(1, 1000000));
    g->add_option("--seed", o.layout.seed, "Seed of the layout's random start (default 1)")
        ->check(CLI::NonNegativeNumber);
}

void layout_for_outputs(GraphView& view, const std::vector<const ExporterEntry*>& exporters,
                        const ExportOptions& o, bool quiet) {
    LayoutOptions layout = o.layout;
    if (layout.algorithm.empty()) {
        const bool page = std::any_of(exporters.begin(), exporters.end(),
                                      [](const ExporterEntry* e) { return e->name == "html"; });
        layout.algorithm = page ? "fa2" : "none";
    }
    if (layout.algorithm == "none" ||
        std::none_of(exporters.begin(), exporters.end(),
                     [](const ExporterEntry* e) { return e->positions; }))
        return;
    const auto t0 = std::chrono::steady_clock::now();
    const int iterations = layout_view(view, layout);
    if (quiet) return;
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.2f",
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    std::cerr << "polgraph: " << layout.algorithm << " layout of the " << view.name
              << " view: " << iterations << " iterations, " << seconds << " s\n";
}

void check_output_paths(const std::vector<const ExporterEntry*>& exporters,
                        const std::vector<std::string>& outputs, const ExportOptions& exp,
                        const std::vector<std::string>& extra) {
    std::vector<std::string> files;
    for (std::size_t k = 0; k < outputs.size(); ++k)
        for (auto& f : exporters[k]->make(exp)->output_files(outputs[k])) files.push_back(f);
    for (const auto& f : extra)
        if (!f.empty() && f != "-") files.push_back(f);
    std::set<std::string> seen;
    for (const auto& f : files)
        if (!seen.insert(f).second)
            throw UsageError(f + ": written twice; give distinct output files");
    for (const auto& f : files) check_output_path(f);
}

std::string view_summary(const GraphView& view) {
    std::string s = view.name + " view";
    if (!view.filters.empty()) s += " (" + view.filters + ")";
    return s + ": " + std::to_string(view.nodes.size()) + " nodes, " +
           std::to_string(view.edges.size()) + " edges";
}

} // namespace polgraph::cli
