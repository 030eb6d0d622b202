// Flat tables (mentions, timeline) as CSV, from the mentions edges of the graph.
#include "exporters/tables.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "core/error.hpp"
#include "exporters/escape.hpp"

namespace polgraph {

namespace {

using NI = KnowledgeGraph::NodeIndex;

// The entities a table keeps: of the kept types, then --min-articles, --drop-hubs and --top
// over their article counts within the dates (ties: id order).
std::vector<char> kept_entities(const KnowledgeGraph& g, const ViewOptions& o,
                                const std::vector<char>& article_in) {
    const std::size_t n = g.node_count();
    std::vector<int> articles(n, 0);
    for (NI a = 0; a < n; ++a)
        if (article_in[a])
            g.for_each_out_edge(a, [&](NI t, const Edge& e) {
                if (e.kind == "mentions") ++articles[t];
            });
    std::vector<NI> ranked;
    for (NI v = 0; v < n; ++v) {
        const Node& x = g.node(v);
        if (x.kind != NodeKind::Entity || articles[v] == 0) continue;
        if (!o.types.empty() && std::find(o.types.begin(), o.types.end(), x.type) == o.types.end())
            continue;
        if (articles[v] < o.min_articles) continue;
        ranked.push_back(v);
    }
    std::stable_sort(ranked.begin(), ranked.end(), [&](NI x, NI y) {
        return articles[x] != articles[y] ? articles[x] > articles[y] : g.node(x).id < g.node(y).id;
    });
    const std::size_t from = std::min(ranked.size(), static_cast<std::size_t>(o.drop_hubs));
    std::size_t to = ranked.size();
    if (o.top > 0) to = std::min(to, from + static_cast<std::size_t>(o.top));
    std::vector<char> keep(n, 0);
    for (std::size_t i = from; i < to; ++i) keep[ranked[i]] = 1;
    return keep;
}

// Nodes of a kind in id order.
std::vector<NI> by_id(const KnowledgeGraph& g, const std::vector<char>& in) {
    std::vector<NI> out;
    for (NI v = 0; v < g.node_count(); ++v)
        if (in[v]) out.push_back(v);
    std::sort(out.begin(), out.end(), [&](NI x, NI y) { return g.node(x).id < g.node(y).id; });
    return out;
}

std::string row(std::initializer_list<std::string_view> fields) {
    std::string out;
    for (auto f : fields) out += (out.empty() ? "" : ",") + csv_field(f);
    return out + "\n";
}

std::string number(double x) {
    std::string s;
    if (x == static_cast<double>(static_cast<std::int64_t>(x))) {
        append_integer(s, static_cast<std::int64_t>(x));
        return s;
    }
    return std::to_string(x);
}

} // namespace

const std::vector<std::string>& table_names() {
    static const std::vector<std::string> names = {"mentions", "timeline"};
    return names;
}

bool is_table_view(const std::string& view) {
    const auto& t = table_names();
    return std::find(t.begin(), t.end(), view) != t.end();
}

void check_table_options(const ViewOptions& o) {
    if (!is_table_view(o.view)) throw UsageError("--view " + o.view + " is not a table");
    std::string other;
    if (o.weight != "count") other = "--weight";
    else if (o.min_weight != 0) other = "--min-weight";
    else if (o.backbone != 0) other = "--backbone";
    if (!other.empty())
        throw UsageError(other + " weighs network edges; the " + o.view +
                         " table takes --since, --until, --types, --min-articles, --drop-hubs "
                         "and --top");
    for (const auto& t : o.types)
        if (t == "topic" || t == "keyphrase" || t == "article")
            throw UsageError("--types " + t + ": the " + o.view + " table lists entities");
}

std::size_t write_table(const KnowledgeGraph& g, const ViewOptions& o, std::ostream& out) {
    check_table_options(o);
    const auto [since, until] = parse_date_range(o.since, o.until);
    const std::size_t n = g.node_count();
    std::vector<char> article_in(n, 0);
    for (NI v = 0; v < n; ++v) {
        const Node& x = g.node(v);
        article_in[v] = x.kind == NodeKind::Article && in_date_range(x.date, since, until) &&
                        (o.view != "timeline" || x.date.size() >= 7);
    }
    const std::vector<char> keep = kept_entities(g, o, article_in);
    std::size_t rows = 0;
    if (o.view == "mentions") {
        out << "article,title,date,source,entity,name,type,mentions,in_lead,first_sentence\n";
        for (NI a : by_id(g, article_in)) {
            const Node& art = g.node(a);
            std::vector<std::pair<NI, const Edge*>> es;
            g.for_each_out_edge(a, [&](NI t, const Edge& e) {
                if (e.kind == "mentions" && keep[t]) es.emplace_back(t, &e);
            });
            std::sort(es.begin(), es.end(), [&](const auto& x, const auto& y) {
                return g.node(x.first).id < g.node(y.first).id;
            });
            for (const auto& [t, e] : es) {
                const Node& ent = g.node(t);
                const auto& s = e->more().sentence_ids;
                out << row({art.id, art.label, art.date, art.article.source, ent.id, ent.label,
                            ent.type, number(e->weight), e->more().in_lead ? "true" : "false",
                            s.empty() ? "" : std::to_string(s.front())});
                ++rows;
            }
        }
        return rows;
    }
    // timeline: (entity, month) -> (articles, mentions)
    std::map<std::pair<NI, std::string>, std::pair<int, double>> cells;
    for (NI a = 0; a < n; ++a) {
        if (!article_in[a]) continue;
        const std::string month = g.node(a).date.substr(0, 7);
        g.for_each_out_edge(a, [&](NI t, const Edge& e) {
            if (e.kind != "mentions" || !keep[t]) return;
            auto& c = cells[{t, month}];
            c.first += 1;
            c.second += e.weight;
        });
    }
    out << "entity,name,type,month,articles,mentions\n";
    for (NI v : by_id(g, keep)) {
        const Node& ent = g.node(v);
        for (auto it = cells.lower_bound({v, ""}); it != cells.end() && it->first.first == v;
             ++it) {
            out << row({ent.id, ent.label, ent.type, it->first.second,
                        std::to_string(it->second.first), number(it->second.second)});
            ++rows;
        }
    }
    return rows;
}

} // namespace polgraph
