#pragma once
/// Views: what an exporter or a query sees of a KnowledgeGraph — a selection of its nodes and a
/// list of edges (the graph's own or computed projections) with typed attributes.
///
/// `full_view` is the whole graph (the lossless form the JSON exporter writes). `make_view` builds
/// the projections and filters of the CLI's view options (--view, --types, --since/--until,
/// --min-weight, --min-articles, --top, --drop-hubs, --weight, --backbone). A view points into the
/// graph it was made from, which must outlive it. Views are plain values, safe to read from
/// several threads.
#include <array>
#include <cstdint>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/graph.hpp"

namespace polgraph {

/// A value already in JSON form (an object, or an array of objects), which the node-link JSON
/// writes as it is: an article's front-matter fields (`meta`) and its topic and keyphrase
/// candidates. Only for json_only attributes; other formats would see its text.
struct JsonText {
    std::string text;
    bool operator==(const JsonText&) const = default;
};

using AttrValue = std::variant<bool, std::int64_t, double, std::string, std::vector<std::string>,
                               std::vector<std::int64_t>, JsonText>;

/// One attribute of a node or edge. `json_only` attributes (sentence lists, evidence) are kept in
/// the lossless JSON form and left out of the formats people open in Gephi.
struct Attr {
    std::string name;
    AttrValue value;
    bool json_only = false;
};
using Attrs = std::vector<Attr>;

/// Type name of an attribute value for typed formats: boolean, long, double, string.
const char* attr_type_name(const AttrValue& v);

/// What only a computed edge (of a projection) carries.
struct ComputedEdge {
    Attrs extra;       ///< its attributes
    std::string start; ///< date from which the edge exists ("" = unknown)
};

/// One edge of a view. The whole graph's view has one per graph edge (6.3 M at 10^5 articles),
/// so it stays small: its kind is a view of the graph edge's kind or of a constant name, and the
/// computed edges' own fields live apart.
struct ViewEdge {
    KnowledgeGraph::NodeIndex source = 0;
    KnowledgeGraph::NodeIndex target = 0;
    std::string_view kind; ///< the graph edge's kind, or a string literal for computed edges
    double weight = 0;
    bool directed = true;
    const Edge* base = nullptr; ///< the graph edge this is, or nullptr for a computed edge
    std::shared_ptr<const ComputedEdge> computed; ///< computed edges only
};

/// The edges of a view, in output order; edges[i] is the i-th. A projection or a filtered view
/// lists its own. The whole graph's view lists none: it reads the graph's edges where they are,
/// which at 10^5 articles saves a list of 6.3 M edges (0.45 GB) on every export.
class ViewEdges {
public:
    class const_iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = ViewEdge;
        using difference_type = std::ptrdiff_t;
        using pointer = void;
        using reference = ViewEdge;
        const_iterator(const ViewEdges* of, std::size_t i) : of_(of), i_(i) {}
        ViewEdge operator*() const { return (*of_)[i_]; }
        const_iterator& operator++() { return ++i_, *this; }
        const_iterator operator++(int) { return {of_, i_++}; }
        bool operator==(const const_iterator& o) const { return i_ == o.i_; }
        bool operator!=(const const_iterator& o) const { return i_ != o.i_; }

    private:
        const ViewEdges* of_;
        std::size_t i_;
    };

    ViewEdges() = default;
    ViewEdges(std::vector<ViewEdge> list) : list_(std::move(list)) {}
    /// Every edge of g, in its canonical order, read from g when asked for.
    static ViewEdges whole(const KnowledgeGraph& g);

    std::size_t size() const { return graph_ ? first_.back() : list_.size(); }
    bool empty() const { return size() == 0; }
    ViewEdge operator[](std::size_t i) const;
    const_iterator begin() const { return {this, 0}; }
    const_iterator end() const { return {this, size()}; }
    /// Adds edges at the end (a view being made); the whole graph's edges are listed first.
    void push_back(ViewEdge e) {
        make_list();
        list_.push_back(std::move(e));
    }
    void append(std::vector<ViewEdge> more);

private:
    void make_list();

    std::vector<ViewEdge> list_;
    const KnowledgeGraph* graph_ = nullptr; ///< the whole graph's view
    std::vector<std::size_t> first_;        ///< then: position of each node's first out-edge
};

struct GraphView {
    const KnowledgeGraph* graph = nullptr;
    std::string name = "bipartite";
    std::vector<KnowledgeGraph::NodeIndex> nodes; ///< in output order
    ViewEdges edges;                              ///< in output order, both ends in `nodes`
    /// True when the view is not the whole graph as stored (a projection, a filter or another
    /// weighting): such a view is not a lossless copy of the graph and cannot be reloaded.
    bool filtered = false;
    /// The options that made the view, in command-line form ("" for the whole graph).
    std::string filters;
    /// Extra attributes of nodes in this view (`articles_in_view`, `entities_in_view`), listed by
    /// node_attrs() after `articles`; every node of a kind gets the same names.
    std::map<KnowledgeGraph::NodeIndex, Attrs> node_extra;
    std::vector<std::array<double, 2>> positions; ///< (x, y) per node of `nodes`, from a layout; empty: none

    /// Attributes of a node, always in the same order with the same types for a given node kind.
    Attrs node_attrs(KnowledgeGraph::NodeIndex v) const;
    /// Attributes of an edge (kind, weight, directed, then kind-specific ones).
    Attrs edge_attrs(const ViewEdge& e) const;

    /// True when at least one edge is directed (or, without edges, for the bipartite view).
    bool directed() const;
    /// True when at least one edge is undirected.
    bool has_undirected() const;
    /// True when two edges join the same two nodes (in either direction).
    bool has_parallel_edges() const;
    bool has_self_loops() const;
    /// Number of view edges at each node, aligned with `nodes`.
    std::vector<std::size_t> degrees() const;

    /// Date (YYYY-MM-DD) from which a node exists, for timelines: an article's date, an entity's
    /// first mention, a topic's or keyphrase's first article; "" when unknown or not a valid date.
    std::string node_start(KnowledgeGraph::NodeIndex v) const;
    /// Date from which an edge exists: the article's date for article edges, the first shared
    /// article for co-occurrences, the first evidence for relations; "" when unknown.
    std::string edge_start(const ViewEdge& e) const;

    /// Throws polgraph::Error unless node ids are unique and every edge ends at a view node.
    void check() const;
};

/// The whole graph: every node and every edge (articles, entities, topics, keyphrases).
GraphView full_view(const KnowledgeGraph& g);

/// Options of `make_view`, one field per command-line option (cli/view_options.cpp).
struct ViewOptions {
    /// bipartite (articles + entities + topics, default), entities (entity co-occurrence
    /// network), articles (article–article network weighted by shared entities), entity-topic
    /// (entities and topics, weighted by the articles in which both occur).
    std::string view = "bipartite";
    /// Node types to keep (entity types, and "topic"/"keyphrase" in the bipartite view); empty:
    /// all. Article nodes are always kept (subject to the dates).
    std::vector<std::string> types;
    /// Article dates, inclusive: YYYY-MM-DD, or YYYY-MM / YYYY for a whole month or year.
    /// Articles without a date are left out when either is set.
    std::string since, until;
    double min_weight = 0; ///< drop projection edges lighter than this (after --weight)
    int min_articles = 0;  ///< drop entities in fewer articles of the view
    int top = 0;           ///< keep only the N entities in most articles (0: all)
    int drop_hubs = 0;     ///< leave out the K entities in most articles
    /// Projection edge weight: count (articles in which both occur); fractional (each article
    /// spreads a total of 1 over the pairs it makes, as VOSviewer's fractional counting: a
    /// 90-name list weighs as much as a two-name story; for the articles view each entity
    /// spreads 1 over its article pairs); association (count / (ci * cj)); jaccard.
    std::string weight = "count";
    double backbone = 0;          ///< disparity-filter significance level (0: off)

    /// True when the options select the whole graph unchanged.
    bool is_default() const;
    /// The options in command-line form, for file metadata ("" when default).
    std::string describe() const;
};

/// Names accepted by ViewOptions::view and ViewOptions::weight.
const std::vector<std::string>& view_names();
const std::vector<std::string>& weight_names();

/// A --since/--until value as a date prefix: YYYY, YYYY-MM or YYYY-MM-DD (other spellings of a
/// full date go through normalize_date). Article dates compare against it by prefix, so
/// `--until 2025-02` keeps all of February. Throws UsageError naming `option`.
std::string parse_date_bound(const std::string& value, const std::string& option);

/// --since and --until as date prefixes (parse_date_bound), checked to be in order. Throws
/// UsageError naming the options.
std::pair<std::string, std::string> parse_date_range(const std::string& since,
                                                     const std::string& until);

/// True when an article dated `date` is within prefix bounds made by parse_date_range; with
/// both bounds empty every article is, dated or not, else an undated one is not.
bool in_date_range(const std::string& date, const std::string& since, const std::string& until);

/// Builds the view the options describe. Filters apply in this order: article dates; node types;
/// entity --min-articles (articles counted within the dates); --drop-hubs; --top; projection
/// edges (co-occurrence counts over the kept articles and entities); --backbone on those counts;
/// --weight; --min-weight on the final weight. In the entities, articles and entity-topic views,
/// --backbone and --min-weight also remove the nodes they leave without any edge.
/// Ties in --top/--drop-hubs are broken by node id. Throws UsageError for bad option values.
GraphView make_view(const KnowledgeGraph& g, const ViewOptions& opts);

/// One weighted undirected edge, for disparity_filter.
struct WeightedPair {
    std::size_t a = 0, b = 0;
    double weight = 0;
};

/// The disparity filter (Serrano, Boguñá & Vespignani, PNAS 106:6483, 2009). For an edge (i, j)
/// and an endpoint i of degree k > 1, the edge is significant for i when
/// (1 - w_ij / s_i)^(k - 1) < alpha (s_i: strength of i). An edge is kept when it is significant
/// for either endpoint. The edge of an endpoint with degree 1 is always kept: the null model
/// says nothing about a node's only edge (its p-value is 1), and dropping it would disconnect
/// that node. Returns a keep flag per input edge.
std::vector<bool> disparity_filter(const std::vector<WeightedPair>& edges, double alpha);

/// A colour per node type, from one palette readable on white and black backgrounds.
const char* type_color(const std::string& type);

/// Node size for drawing: grows with the square root of an entity's or topic's mentions, and of
/// the degree in the view for articles and keyphrases.
double node_size(const Node& n, std::size_t degree);

/// True for a valid calendar date YYYY-MM-DD (what xsd:date and neo4j's date accept).
bool is_iso_date(std::string_view s);

namespace detail {
/// Sets `into` to d when d is a valid date earlier than it (or `into` is empty).
void take_min_date(std::string& into, const std::string& d);
} // namespace detail

/// True for the kinds of edge from an article to what it is about: mentions, has_topic,
/// has_keyphrase. A node's articles are the sources of its in-edges of these kinds.
bool is_article_edge(std::string_view kind);

} // namespace polgraph
