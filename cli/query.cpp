// `polgraph query GRAPH <related|neighbors|path|top|topics|evidence|stats> ...`: questions about a
// stored graph,
// answered as aligned tables for people or JSON for scripts; `--batch` answers one JSON query
// per stdin line with one JSON result per stdout line, loading the graph once.
#include <algorithm>
#include <iostream>
#include <sstream>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "core/graph.hpp"
#include "core/util/text.hpp"
#include "query/query.hpp"
#include "store/graph_io.hpp"
#include "store/stat_cache.hpp"

namespace polgraph::cli {

namespace {

struct QueryOptions {
    std::string graph;
    bool json = false;
    bool batch = false;
    std::string root; // where relative article paths are read from (evidence)
    std::size_t top = 10;
    // related
    std::string article;
    std::string entity;
    // neighbors
    std::string type;
    int depth = 1;
    // path, evidence
    std::string from, to;
    PathOptions path;
    // top
    std::string by = "degree";
    // every question
    QueryFilters filters;
};

std::string fixed(double x, int decimals) {
    std::ostringstream ss;
    ss.setf(std::ios::fixed);
    ss.precision(decimals);
    ss << x;
    return ss.str();
}

std::string number(double x) {
    return x == static_cast<double>(static_cast<long long>(x)) ? std::to_string(static_cast<long long>(x))
                                                               : fixed(x, 3);
}

std::string join(const std::vector<std::string>& parts, const char* sep = ", ") {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? sep : "") + parts[i];
    return out;
}

// An aligned text table: columns separated by two spaces, numbers right-aligned, the last column
// not padded (it holds the free-text explanations). Widths are display widths (core/util/text.hpp),
// so that CJK names (two columns a character) and combining marks (none) line up in a terminal.
class Table {
public:
    explicit Table(std::vector<std::string> headers, std::string right = "")
        : headers_(std::move(headers)), right_(std::move(right)) {}
    void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
    void print(std::ostream& out) const {
        std::vector<std::size_t> w(headers_.size(), 0);
        for (std::size_t c = 0; c < headers_.size(); ++c) w[c] = display_width(headers_[c]);
        for (const auto& r : rows_)
            for (std::size_t c = 0; c < r.size() && c < w.size(); ++c)
                w[c] = std::max(w[c], display_width(r[c]));
        auto line = [&](const std::vector<std::string>& r) {
            std::string s;
            for (std::size_t c = 0; c < headers_.size(); ++c) {
                const std::string cell = c < r.size() ? r[c] : "";
                const std::string pad(w[c] - display_width(cell), ' ');
                const bool last = c + 1 == headers_.size();
                if (c > 0) s += "  ";
                if (c < right_.size() && right_[c] == 'r') s += pad + cell;
                else s += last ? cell : cell + pad;
            }
            while (!s.empty() && s.back() == ' ') s.pop_back();
            out << s << '\n';
        };
        line(headers_);
        for (const auto& r : rows_) line(r);
    }

private:
    std::vector<std::string> headers_;
    std::string right_; // 'r' per right-aligned column
    std::vector<std::vector<std::string>> rows_;
};

std::string named(const NodeRef& r) { return r.label + " (" + r.id + ")"; }

// "(--since 2025 --exclude-types location)" after a heading, when there are filters.
std::string filtered(const std::string& filters) {
    return filters.empty() ? "" : " (" + filters + ")";
}

// The filters without "--topic T", for a header that names the topic already.
std::string filtered_but_topic(std::string filters) {
    if (const auto at = filters.find("--topic "); at != std::string::npos) {
        auto end = filters.find(" --", at + 8);
        if (end == std::string::npos) end = filters.size();
        else ++end; // the space before the next option
        filters.erase(at, end - at);
        while (!filters.empty() && filters.back() == ' ') filters.pop_back();
    }
    return filtered(filters);
}

void print_related(const RelatedResult& r, std::ostream& out) {
    out << "Articles related to " << r.article.id << " \"" << r.article.label << "\""
        << filtered(r.filters) << "\n"
        << "score: IDF-weighted cosine of entities and topics; each shared item shows its "
           "contribution\n\n";
    Table t({"#", "score", "article", "date", "title", "shared (contribution)"}, "rr");
    std::size_t rank = 0;
    for (const auto& a : r.results) {
        std::vector<std::string> why;
        for (const auto& s : a.shared) why.push_back(s.node.label + " " + fixed(s.contribution, 3));
        t.add({std::to_string(++rank), fixed(a.score, 3), a.article.id, a.article.date,
               clip_to_width(a.article.label, 40), join(why)});
    }
    t.print(out);
    if (r.results.empty()) out << "(no article shares an entity or topic with it)\n";
}

void print_topic_articles(const TopicArticlesResult& r, std::ostream& out) {
    out << "Articles on " << named(r.topic) << filtered(r.filters) << ": " << r.total << " article"
        << (r.total == 1 ? "" : "s")
        << ", by their score for the topic (or a subtopic), newest first on ties\n\n";
    Table t({"#", "score", "date", "article", "topic", "title"}, "rr");
    std::size_t rank = 0;
    for (const auto& a : r.results)
        t.add({std::to_string(++rank), fixed(a.score, 2), a.article.date, a.article.id, a.via.label,
               clip_to_width(a.article.label, 60)});
    t.print(out);
}

void print_topics(const TopicsResult& r, std::ostream& out) {
    out << "Topics" << filtered(r.filters)
        << ": articles on each (subtopics included), dates, the entities in most of them\n\n";
    Table t({"#", "topic", "parent", "articles", "first", "last", "top entities"}, "r  r");
    std::size_t rank = 0;
    for (const auto& x : r.results) {
        std::vector<std::string> ents;
        for (std::size_t i = 0; i < x.entities.size(); ++i)
            ents.push_back(x.entities[i].label + " " + std::to_string(x.counts[i]));
        t.add({std::to_string(++rank), x.topic.label, x.parent.label, std::to_string(x.articles),
               x.first_date, x.last_date, join(ents)});
    }
    t.print(out);
}

// One sentence of evidence, or why it cannot be quoted.
std::string evidence_text(const EvidenceSentence& e) {
    if (e.status == "ok") return "\"" + e.marked + "\"";
    if (e.status == "missing")
        return "(" + e.article.id + ": no file at " + e.file +
               "; relative paths are read from the directory extract ran in, or from --root)";
    if (e.status == "changed")
        return "(" + e.article.id + ": the article file changed since extraction; not quoted)";
    if (e.status == "none") return "(no kept article names both in one sentence)";
    return "(" + e.article.id + ": the article file cannot be read)";
}

void print_evidence(const EvidenceResult& r, std::ostream& out) {
    out << "Sentences naming " << named(r.a) << " and " << named(r.b) << filtered(r.filters) << ": "
        << r.total << ", newest article first\n\n";
    for (const auto& e : r.results)
        out << e.article.date << "  " << e.article.id << "  sentence " << e.sentence << "\n  "
            << evidence_text(e) << "\n";
    if (r.total == 0) out << "(they are never named in one sentence)\n";
    if (r.results.size() < r.total)
        out << "(" << r.total - r.results.size() << " more: --top 0 lists all)\n";
}

void print_entity_articles(const EntityArticlesResult& r, std::ostream& out) {
    out << "Articles about " << named(r.entity) << filtered(r.filters) << ": " << r.total
        << " article" << (r.total == 1 ? "" : "s")
        << ", most prominent first (lead, then mentions)\n\n";
    Table t({"#", "lead", "mentions", "date", "article", "title"}, "r r");
    std::size_t rank = 0;
    for (const auto& a : r.results)
        t.add({std::to_string(++rank), a.in_lead ? "yes" : "no", std::to_string(a.count),
               a.article.date, a.article.id, clip_to_width(a.article.label, 60)});
    t.print(out);
}

void print_neighbors(const NeighborsResult& r, std::ostream& out) {
    out << "Neighbours of " << named(r.entity) << (r.type.empty() ? "" : " of type " + r.type)
        << filtered(r.filters) << ": " << r.total << " entit" << (r.total == 1 ? "y" : "ies")
        << (r.depth == 2 ? " within 2 hops" : " co-occurring") << "\n\n";
    if (r.depth == 1) {
        Table t({"#", "entity", "type", "articles", "sentences", "examples"}, "r  rr");
        std::size_t rank = 0;
        for (const auto& n : r.results)
            t.add({std::to_string(++rank), n.entity.label, n.entity.type, number(n.weight),
                   std::to_string(n.sentences), join(n.examples)});
        t.print(out);
        return;
    }
    Table t({"#", "dist", "entity", "type", "weight", "sentences", "via", "examples"}, "rr  rr");
    std::size_t rank = 0;
    for (const auto& n : r.results) {
        std::vector<std::string> via;
        for (const auto& v : n.via) via.push_back(v.label);
        t.add({std::to_string(++rank), std::to_string(n.distance), n.entity.label, n.entity.type,
               number(n.weight), n.distance == 1 ? std::to_string(n.sentences) : "",
               join(via), join(n.examples)});
    }
    t.print(out);
}

void print_path(const PathResult& r, std::ostream& out) {
    out << "Path from " << named(r.from) << " to " << named(r.to) << filtered(r.filters) << ": ";
    if (!r.found) {
        out << "none (" << r.reason << ")\n";
        return;
    }
    out << r.hops.size() << " hop" << (r.hops.size() == 1 ? "" : "s") << "\n\n";
    Table t({"hop", "from", "to", "weight", "sentences", "evidence (articles mentioning both)"},
            "r  rr");
    std::size_t i = 0;
    for (const auto& h : r.hops)
        t.add({std::to_string(++i), h.from.label, h.to.label, number(h.weight),
               std::to_string(h.sentences), join(h.articles)});
    t.print(out);
    i = 0;
    for (const auto& h : r.hops) {
        ++i;
        if (h.evidence.status == "none")
            out << "  hop " << i << ": " << evidence_text(h.evidence) << "\n";
        else if (!h.evidence.status.empty())
            out << "  hop " << i << " [" << h.evidence.article.id << ", sentence "
                << h.evidence.sentence << "]: " << evidence_text(h.evidence) << "\n";
    }
    i = 0;
    for (const auto& h : r.hops) {
        ++i;
        for (const auto& rel : h.relations)
            out << "  hop " << i << ": " << rel.source.label << " " << rel.type << " "
                << rel.target.label << " [" << rel.article << ", sentence " << rel.sentence
                << "]: \"" << clip_to_width(rel.text, 160) << "\"\n";
    }
}

void print_top(const TopResult& r, std::ostream& out) {
    out << "Central entities by " << r.by << (r.type.empty() ? "" : ", type " + r.type)
        << (r.topic.id.empty()
                ? filtered(r.filters)
                : ", in articles on " + named(r.topic) + filtered_but_topic(r.filters))
        << " (network of " << r.network_entities << " entities)\n\n";
    Table t({"#", "entity", "type", "score", "degree", "weighted", "articles"}, "r  rrrr");
    std::size_t rank = 0;
    for (const auto& c : r.results)
        t.add({std::to_string(++rank), c.entity.label, c.entity.type,
               r.by == "pagerank" ? fixed(c.score, 4)
               : r.by == "betweenness" ? fixed(c.score, 2)
                                       : number(c.score),
               std::to_string(c.degree), number(c.weighted), std::to_string(c.articles)});
    t.print(out);
}

void print_stats(const StatsResult& s, std::ostream& out) {
    out << "Graph: " << s.nodes << " nodes, " << s.edges << " edges\n";
    out << "Dates: " << (s.first_date.empty() ? "none" : s.first_date + " .. " + s.last_date)
        << " (" << s.undated_articles << " undated article" << (s.undated_articles == 1 ? "" : "s")
        << ")\n";
    out << "Components: " << s.components << " (largest " << s.largest_component
        << " nodes); entity network: " << s.entity_components << " (largest "
        << s.largest_entity_component << " entities, " << s.isolated_entities << " isolated)\n\n";
    auto section = [&](const char* head, const char* count, const std::vector<Count>& rows) {
        Table t({head, count}, " r");
        for (const auto& c : rows) t.add({c.name.empty() ? "(none)" : c.name, std::to_string(c.count)});
        t.print(out);
        out << '\n';
    };
    section("node type", "count", s.node_types);
    section("edge kind", "count", s.edge_kinds);
    section("source", "articles", s.sources);
}

void emit(const nlohmann::json& j) {
    std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

void run_batch(const QueryIndex& index) {
    std::string line;
    bool failed = false;
    while (std::getline(std::cin, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (trim(line).empty()) continue;
        bool bad = false;
        std::cout << answer_line(index, line, &bad) << '\n';
        failed |= bad;
        std::cout.flush(); // a script may wait for each answer before sending the next query
    }
    g_exit_code = failed ? kSomeFailed : kOk;
}

void run_query_cmd(const QueryOptions& o, const std::string& sub) {
    if (o.batch && !sub.empty())
        throw UsageError("--batch reads its queries from stdin; give no subcommand with it");
    if (!o.batch && sub.empty())
        throw UsageError(
            "give a query (related, neighbors, path, top, topics, evidence, stats) or --batch");
    if (o.batch && o.graph == "-") throw UsageError("--batch reads queries from stdin; give a graph file");
    KnowledgeGraph g = load_graph(o.graph);
    QueryIndex index(g);
    index.set_article_root(o.root);
    g_exit_code = kOk;
    if (o.batch) return run_batch(index);
    const QueryFilters& f = o.filters;
    index.check_filters(f);
    if (sub == "related") {
        if (!o.article.empty() && !o.entity.empty())
            throw UsageError("related: give an ARTICLE or --entity NAME, not both");
        if (!o.entity.empty()) {
            auto r = index.entity_articles(o.entity, o.top, f);
            return o.json ? emit(to_json(r)) : print_entity_articles(r, std::cout);
        }
        if (!o.article.empty()) {
            auto r = index.related(o.article, o.top, f);
            return o.json ? emit(to_json(r)) : print_related(r, std::cout);
        }
        if (!f.topic.empty()) { // the topic is what is asked, not a filter
            QueryFilters rest = f;
            rest.topic.clear();
            auto r = index.topic_articles(f.topic, o.top, rest);
            return o.json ? emit(to_json(r)) : print_topic_articles(r, std::cout);
        }
        throw UsageError("related: give an ARTICLE, --entity NAME or --topic T");
    }
    if (sub == "neighbors") {
        auto r = index.neighbors(o.entity, o.type, o.top, o.depth, f);
        return o.json ? emit(to_json(r)) : print_neighbors(r, std::cout);
    }
    if (sub == "path") {
        auto r = index.path(o.from, o.to, f, o.path);
        return o.json ? emit(to_json(r)) : print_path(r, std::cout);
    }
    if (sub == "top") {
        auto r = index.top(o.by, o.type, o.top, f);
        return o.json ? emit(to_json(r)) : print_top(r, std::cout);
    }
    if (sub == "topics") {
        auto r = index.topics(o.top, f);
        return o.json ? emit(to_json(r)) : print_topics(r, std::cout);
    }
    if (sub == "evidence") {
        auto r = index.evidence(o.from, o.to, o.top, f);
        return o.json ? emit(to_json(r)) : print_evidence(r, std::cout);
    }
    auto r = index.stats();
    return o.json ? emit(to_json(r)) : print_stats(r, std::cout);
}

} // namespace

std::string usage_hint(const std::vector<std::string>& args) {
    static const std::vector<std::string> subs = {"related", "neighbors", "neighbours", "path",
                                                  "top",     "topics",    "evidence",   "stats"};
    if (args.size() < 2 || args[0] != "query") return "";
    if (std::find(subs.begin(), subs.end(), args[1]) == subs.end() || stat_file(args[1])) return "";
    std::string graph = "GRAPH";
    for (std::size_t i = 2; i < args.size(); ++i)
        if (!args[i].empty() && args[i][0] != '-' && stat_file(args[i])) {
            graph = args[i];
            break;
        }
    return "query: the graph file comes first, then the question: polgraph query " + graph + " " +
           args[1] +
           " ...\nUsage: polgraph query GRAPH {related,neighbors,path,top,topics,evidence,stats} "
           "[OPTIONS] (polgraph query --help)";
}

void setup_query(CLI::App& app) {
    auto o = std::make_shared<QueryOptions>();
    auto* cmd = app.add_subcommand("query", "Ask a stored graph: related articles, neighbours, "
                                            "paths, central entities, statistics");
    // Set before the subcommands are added: they inherit it, so that `query top --help` shows
    // query's exit statuses rather than the top-level ones.
    cmd->footer("Names match ids, canonical names and aliases, case-insensitively; an unknown "
                "name lists the closest matches.\nExit status: 0 answered; 1 --batch with at "
                "least one bad line (answered with {\"error\": ...}); 2 usage error, including "
                "a name not in the graph; 3 unreadable graph.");
    cmd->add_option("graph", o->graph, "Graph file written by extract, merge or export: node-link JSON or a snapshot (.pgsnap, loads much faster)")->required();
    cmd->add_flag("--json", o->json, "Print the result as one line of JSON");
    cmd->add_option("--root", o->root,
                    "Directory the graph's relative article paths are read from, to quote "
                    "sentences (evidence, path --evidence); default: the current directory")
        ->check(CLI::ExistingDirectory);
    cmd->add_flag("--batch", o->batch,
                  "Read one JSON query per stdin line, e.g. {\"query\":\"related\",\"article\":"
                  "\"000_seed\",\"top\":5}, and write one JSON result (or {\"error\": ...}) per line");
    cmd->require_subcommand(0, 1);
    auto top_opt = [&](CLI::App* sub) {
        sub->add_option("--top", o->top, "Number of results (0: all; default 10)");
    };
    // The filters every question takes (QueryFilters); --topic and --weight where they apply.
    auto filter_opts = [&](CLI::App* sub, bool topic, bool weight) {
        auto* g =
            sub->add_option_group("Filters", "Which articles count and which entities take part");
        g->add_option("--since", o->filters.since,
                      "Only articles from this date (YYYY, YYYY-MM or YYYY-MM-DD)");
        g->add_option("--until", o->filters.until, "Only articles up to this date (inclusive)");
        if (topic)
            g->add_option("--topic", o->filters.topic,
                          "Only articles on this topic (subtopics included)");
        g->add_option("--types", o->filters.types, "Only entities of these types (comma-separated)")
            ->delimiter(',');
        g->add_option("--exclude-types", o->filters.exclude_types,
                      "Leave out entities of these types, e.g. location (comma-separated)")
            ->delimiter(',');
        g->add_option("--drop-hubs", o->filters.drop_hubs,
                      "Leave out the K entities in most (kept) articles");
        if (weight)
            g->add_option("--weight", o->filters.weight,
                          "Co-occurrence weight: count (articles with both) or fractional (each "
                          "article spreads 1 over its entity pairs: long lists weigh one article)")
                ->check(CLI::IsMember(query_weight_names()));
    };

    auto* related = cmd->add_subcommand(
        "related", "Articles like ARTICLE (id or path), with the shared entities and topics that "
                   "explain it; or the articles about --entity E, or on --topic T");
    related->add_option("article", o->article, "Article id or file path");
    related->add_option("--entity", o->entity,
                        "List the articles about this entity instead, most prominent first");
    top_opt(related);
    filter_opts(related, true, false);

    auto* neighbors = cmd->add_subcommand("neighbors", "Entities co-occurring with ENTITY");
    neighbors->alias("neighbours");
    neighbors->add_option("entity", o->entity, "Entity id, name or alias")->required();
    neighbors->add_option("--type", o->type, "Only neighbours of this entity type");
    neighbors->add_option("--depth", o->depth, "1: co-occurring; 2: also entities two hops away")
        ->check(CLI::Range(1, 2));
    top_opt(neighbors);
    filter_opts(neighbors, true, true);

    auto* path = cmd->add_subcommand("path", "Shortest path between two entities in the "
                                             "co-occurrence network, with the articles of each hop");
    path->add_option("from", o->from, "Entity id, name or alias")->required();
    path->add_option("to", o->to, "Entity id, name or alias")->required();
    path->add_option("--max-hops", o->path.max_hops, "Accept only paths of at most N hops");
    path->add_flag("--via-sentences", o->path.via_sentences,
                   "Only hops whose two entities are named in one sentence");
    path->add_flag("--evidence", o->path.evidence,
                   "Quote one sentence per hop, read back from the article files");
    filter_opts(path, true, true);

    auto* top = cmd->add_subcommand("top", "Central entities");
    top->add_option("--by", o->by, "degree, weighted, pagerank or betweenness (default degree)")
        ->check(CLI::IsMember(centrality_names()));
    top->add_option("--type", o->type, "Only entities of this type");
    top_opt(top);
    filter_opts(top, true, true);

    auto* topics = cmd->add_subcommand(
        "topics", "Topics with their article counts, first and last dates and top entities");
    topics->add_option("--top", o->top, "Entities listed per topic (default 10)");
    filter_opts(topics, true, false);

    auto* evidence = cmd->add_subcommand(
        "evidence", "Sentences in which two entities are named together, read back from the "
                    "article files (a moved or changed file is reported, never misquoted)");
    evidence->add_option("a", o->from, "Entity id, name or alias")->required();
    evidence->add_option("b", o->to, "Entity id, name or alias")->required();
    top_opt(evidence);
    filter_opts(evidence, true, false);

    cmd->add_subcommand("stats", "Counts per node type and edge kind, dates, sources, components");

    for (auto* sub : cmd->get_subcommands({})) sub->fallthrough();
    cmd->callback([o, cmd]() {
        std::string sub;
        for (auto* s : cmd->get_subcommands()) sub = s->get_name();
        run_query_cmd(*o, sub);
    });
}

} // namespace polgraph::cli
