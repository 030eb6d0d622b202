#include "layout/forceatlas2.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numbers>
#include <string>

#include "core/error.hpp"
#include "core/util/thread_team.hpp"

namespace polgraph {

namespace detail {

namespace {

// Nodes per chunk of parallel work. Fixed, so that the per-chunk sums of swinging and traction,
// added up in chunk order, are the same whatever the number of threads.
constexpr std::size_t kChunk = 256;
constexpr double kMaxMagnitude = 1e100;   // start coordinates, edge coefficients, distances
constexpr double kMaxFactor = 1e12;       // masses, scaling ratio, gravity
constexpr double kOverlapDistance = 0.01; // nodes at one position repel as if this far apart
// Squared distances are floored here in the exact sum, whose loop has no branch: a node's own
// term (and a coincident node's) is then 0 * finite rather than 0 / 0.
constexpr double kMinDistance2 = 1e-200;
constexpr std::size_t kLeafSize = 16; // quadtree cells with at most this many nodes are leaves
constexpr std::size_t kLeavesPerChunk = 32; // leaves per chunk of Barnes-Hut work
constexpr int kMaxDepth = 40; // deeper cells are leaves too: they hold coincident nodes
// The global speed never stalls at 0, nor grows without bound when nothing swings (one node, a
// settled layout): past 1e100 speed * swinging could reach inf * 0.
constexpr double kMinSpeed = 1e-10, kMaxSpeed = 1e100;

std::uint64_t splitmix64(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

double unit_interval(std::uint64_t r) {
    return static_cast<double>(r >> 11) * 0x1.0p-53;
}

// |(a, b)|: std::hypot only where the squares overflow (it took 7% of an iteration).
double norm(double a, double b) {
    const double s = a * a + b * b;
    return s <= std::numeric_limits<double>::max() ? std::sqrt(s) : std::hypot(a, b);
}

// The push between two nodes at the same position, on node i from node j: a direction drawn from
// the pair (opposite for the two of them), at strength as if kOverlapDistance apart.
void add_overlap_push(std::size_t i, std::size_t j, double mass_j, double& sx, double& sy) {
    std::uint64_t s = (static_cast<std::uint64_t>(std::min(i, j)) << 32) ^ std::max(i, j);
    const double angle = 2 * std::numbers::pi * unit_interval(splitmix64(s));
    const double f = (i < j ? mass_j : -mass_j) / kOverlapDistance;
    sx += std::cos(angle) * f;
    sy += std::sin(angle) * f;
}

/// Bodies that repel a node: other nodes, and far cells of the quadtree as one body each.
struct Bodies {
    std::vector<double> x, y, mass;
    std::vector<std::uint32_t> node; ///< the node, or kCell for a cell
    static constexpr std::uint32_t kCell = std::numeric_limits<std::uint32_t>::max();

    void clear() {
        x.clear();
        y.clear();
        mass.clear();
        node.clear();
    }
    void add(double bx, double by, double bm, std::uint32_t v) {
        x.push_back(bx);
        y.push_back(by);
        mass.push_back(bm);
        node.push_back(v);
    }
};

/// The sum over bodies b of mass(b) * (p_i - p_b) / d^2 for node i at (xi, yi), in body order;
/// node i itself may be among them (`node`: each body's node; nullptr: body j is node j).
/// The loop has no branch, so that the compiler vectorises it (GCC 12 at -O2: 2.3 times
/// faster): four partial sums (body index mod 4), added in a fixed order. A body at d = 0 adds
/// 0 there; other nodes at i's very position are then pushed apart.
void repel(std::size_t i, double xi, double yi, const double* x, const double* y, const double* m,
           const std::uint32_t* node, std::size_t count, double& sx, double& sy) {
    std::array<double, 4> ax{}, ay{}, same{};
    auto add = [&](std::size_t j, std::size_t l) {
        const double dx = xi - x[j], dy = yi - y[j];
        const double d2 = dx * dx + dy * dy;
        const double f = m[j] / (d2 > kMinDistance2 ? d2 : kMinDistance2);
        ax[l] += dx * f;
        ay[l] += dy * f;
        same[l] += d2 == 0 ? 1.0 : 0.0;
    };
    const std::size_t n4 = count / 4 * 4;
    for (std::size_t j = 0; j < n4; j += 4)
        for (std::size_t l = 0; l < 4; ++l) add(j + l, l);
    for (std::size_t j = n4; j < count; ++j) add(j, 0);
    sx += (ax[0] + ax[1]) + (ax[2] + ax[3]);
    sy += (ay[0] + ay[1]) + (ay[2] + ay[3]);
    if ((same[0] + same[1]) + (same[2] + same[3]) > 1) // other bodies than i at its position
        for (std::size_t j = 0; j < count; ++j) {
            const std::size_t v = node ? node[j] : j;
            if (v != i && v != Bodies::kCell && x[j] == xi && y[j] == yi)
                add_overlap_push(i, v, m[j], sx, sy);
        }
}

/// A quadtree over the node positions for Barnes-Hut repulsion, rebuilt at every iteration.
/// Built on one thread, top down: a cell's nodes are a contiguous range of `order_`, split into
/// quadrants by std::partition; every step depends only on the positions, so the tree (and every
/// mass and centre) is the same on every run. Its leaves (at most kLeafSize nodes, or at
/// kMaxDepth) are the groups of nodes whose repulsion is computed together: one walk of the tree
/// per leaf lists the bodies that repel its nodes (Barnes 1990, "A modified tree code").
class QuadTree {
public:
    void build(const std::vector<double>& x, const std::vector<double>& y,
               const std::vector<double>& mass);

    std::size_t leaf_count() const { return leaves_.size(); }
    /// The nodes of a leaf (indices into the layout's arrays).
    std::span<const std::uint32_t> leaf_nodes(std::size_t leaf) const {
        const Cell& c = cells_[leaves_[leaf].cell];
        return {order_.data() + c.begin, c.end - c.begin};
    }
    /// The bodies that repel the nodes of `leaf`: cells that hold none of them and whose width
    /// is below theta times their distance (centre of mass to the leaf's bounding box) as one
    /// body, the nodes of the other cells reached one by one (the leaf's own included).
    void interactions(std::size_t leaf, double theta2, Bodies& out) const;

private:
    struct Cell {
        double cx = 0, cy = 0, mass = 0;  ///< centre of mass and mass
        double size = 0;                  ///< width of the square
        std::uint32_t begin = 0, end = 0; ///< its nodes: order_[begin, end)
        std::uint32_t first_child = 0;    ///< children are cells_[first_child, + children)
        std::uint32_t children = 0;       ///< 0: a leaf
    };
    struct Leaf {
        std::uint32_t cell = 0;
        double x0 = 0, y0 = 0, x1 = 0, y1 = 0; ///< bounding box of its nodes
    };

    struct Point {
        double x, y;
        std::uint32_t v;
    };
    struct Square {
        double mx, my, half; ///< centre and half width
        int depth;
    };

    std::vector<Cell> cells_;
    std::vector<Square> squares_; ///< of each cell, while building
    std::vector<Point> points_;   ///< the nodes, partitioned while building
    std::vector<Leaf> leaves_;
    std::vector<std::uint32_t> order_;
    std::vector<double> px_, py_, pm_; ///< node positions and masses in tree order
};

void QuadTree::build(const std::vector<double>& x, const std::vector<double>& y,
                     const std::vector<double>& mass) {
    const std::size_t n = x.size();
    // The nodes are partitioned with their coordinates, not through their index: contiguous
    // reads (the build took a fifth of an iteration at 2 * 10^4 nodes, reading x[v], y[v]).
    points_.resize(n);
    for (std::size_t i = 0; i < n; ++i) points_[i] = {x[i], y[i], static_cast<std::uint32_t>(i)};
    const auto [x0, x1] = std::minmax_element(x.begin(), x.end());
    const auto [y0, y1] = std::minmax_element(y.begin(), y.end());
    double side = std::max(*x1 - *x0, *y1 - *y0);
    if (!(side > 0)) side = 1;
    squares_.assign(1, {(*x0 + *x1) / 2, (*y0 + *y1) / 2, side / 2, 0});
    cells_.assign(1, Cell{0, 0, 0, side, 0, static_cast<std::uint32_t>(n), 0, 0});
    leaves_.clear();
    // Breadth first: the children of a cell are appended together, after it.
    for (std::size_t c = 0; c < cells_.size(); ++c) {
        const Square sq = squares_[c];
        const auto b = points_.begin() + cells_[c].begin, e = points_.begin() + cells_[c].end;
        if (e - b <= static_cast<std::ptrdiff_t>(kLeafSize) || sq.depth >= kMaxDepth) {
            leaves_.push_back({static_cast<std::uint32_t>(c)});
            continue;
        }
        const auto mid = std::partition(b, e, [&](const Point& p) { return p.x < sq.mx; });
        const auto left = std::partition(b, mid, [&](const Point& p) { return p.y < sq.my; });
        const auto right = std::partition(mid, e, [&](const Point& p) { return p.y < sq.my; });
        const std::array<decltype(b), 5> cut{b, left, mid, right, e};
        const double h = sq.half / 2;
        const std::array<double, 4> dx{-h, -h, h, h}, dy{-h, h, -h, h};
        cells_[c].first_child = static_cast<std::uint32_t>(cells_.size());
        for (int q = 0; q < 4; ++q) {
            if (cut[q] == cut[q + 1]) continue;
            Cell child;
            child.size = sq.half;
            child.begin = static_cast<std::uint32_t>(cut[q] - points_.begin());
            child.end = static_cast<std::uint32_t>(cut[q + 1] - points_.begin());
            cells_.push_back(child);
            squares_.push_back({sq.mx + dx[q], sq.my + dy[q], h, sq.depth + 1});
            ++cells_[c].children;
        }
    }
    // Nodes in tree order, so that a leaf reads contiguous memory.
    order_.resize(n);
    px_.resize(n);
    py_.resize(n);
    pm_.resize(n);
    for (std::size_t k = 0; k < n; ++k) {
        order_[k] = points_[k].v;
        px_[k] = points_[k].x;
        py_[k] = points_[k].y;
        pm_[k] = mass[points_[k].v];
    }
    // Masses and centres bottom up (children come after their parent), in a fixed order.
    for (std::size_t c = cells_.size(); c-- > 0;) {
        Cell& cell = cells_[c];
        double m = 0, sx = 0, sy = 0;
        if (cell.children == 0) {
            for (std::uint32_t k = cell.begin; k < cell.end; ++k) {
                m += pm_[k];
                sx += pm_[k] * px_[k];
                sy += pm_[k] * py_[k];
            }
        } else {
            for (std::uint32_t k = 0; k < cell.children; ++k) {
                const Cell& ch = cells_[cell.first_child + k];
                m += ch.mass;
                sx += ch.mass * ch.cx;
                sy += ch.mass * ch.cy;
            }
        }
        cell.mass = m;
        cell.cx = m > 0 ? sx / m : 0;
        cell.cy = m > 0 ? sy / m : 0;
    }
    for (Leaf& leaf : leaves_) {
        const Cell& c = cells_[leaf.cell];
        const auto [lx0, lx1] = std::minmax_element(px_.begin() + c.begin, px_.begin() + c.end);
        const auto [ly0, ly1] = std::minmax_element(py_.begin() + c.begin, py_.begin() + c.end);
        leaf.x0 = *lx0;
        leaf.x1 = *lx1;
        leaf.y0 = *ly0;
        leaf.y1 = *ly1;
    }
}

void QuadTree::interactions(std::size_t leaf, double theta2, Bodies& out) const {
    out.clear();
    const Leaf& g = leaves_[leaf];
    const Cell& own = cells_[g.cell];
    std::array<std::uint32_t, 4 * kMaxDepth + 4> stack;
    std::size_t top = 0;
    stack[top++] = 0;
    while (top > 0) {
        const Cell& c = cells_[stack[--top]];
        const bool holds_leaf = c.begin <= own.begin && own.end <= c.end;
        if (!holds_leaf) {
            const double dx = std::max({g.x0 - c.cx, 0.0, c.cx - g.x1});
            const double dy = std::max({g.y0 - c.cy, 0.0, c.cy - g.y1});
            if (c.size * c.size < theta2 * (dx * dx + dy * dy)) {
                out.add(c.cx, c.cy, c.mass, Bodies::kCell);
                continue;
            }
        }
        if (c.children == 0) {
            for (std::uint32_t k = c.begin; k < c.end; ++k)
                out.add(px_[k], py_[k], pm_[k], order_[k]);
            continue;
        }
        for (std::uint32_t k = c.children; k-- > 0;) stack[top++] = c.first_child + k;
    }
}

/// The state of one layout run.
class Layout {
public:
    Layout(std::size_t n, std::span<const LayoutEdge> edges, const ForceAtlas2Settings& s,
           std::span<const double> masses, std::span<const LayoutPoint> start);
    void run();
    std::vector<LayoutPoint> positions() const;

private:
    void forces_exact(std::size_t chunk);
    void forces_barnes_hut(std::size_t chunk);
    void add_forces(std::size_t i, double rx, double ry);
    void measure(std::size_t chunk);
    void adapt_speed();
    void move(std::size_t chunk);

    const ForceAtlas2Settings& s_;
    std::size_t n_;
    bool barnes_hut_;
    double scaling_;
    std::vector<double> x_, y_, mass_;
    std::vector<double> fx_, fy_;   ///< forces of this iteration
    std::vector<double> ofx_, ofy_; ///< and of the one before
    std::vector<double> swinging_;
    // Adjacency (CSR): the neighbours of node v are other_[first_[v], first_[v + 1]), each with
    // its attraction coefficient, in edge order.
    std::vector<std::size_t> first_;
    std::vector<std::uint32_t> other_;
    std::vector<double> coef_;
    std::vector<double> chunk_swinging_, chunk_traction_;
    QuadTree tree_;
    double speed_ = 1, efficiency_ = 1;
};

void check_setting(bool ok, const char* what) {
    if (!ok) throw Error(std::string("forceatlas2: ") + what);
}

Layout::Layout(std::size_t n, std::span<const LayoutEdge> edges, const ForceAtlas2Settings& s,
               std::span<const double> masses, std::span<const LayoutPoint> start)
    : s_(s), n_(n), barnes_hut_(uses_barnes_hut(s, n)),
      scaling_(s.scaling_ratio.value_or(n < 100 ? 10.0 : 2.0)) {
    check_setting(s.iterations >= 0, "iterations must be >= 0");
    check_setting(scaling_ > 0 && scaling_ <= kMaxFactor, "the scaling ratio must be in (0, 1e12]");
    check_setting(s.gravity >= 0 && s.gravity <= kMaxFactor, "gravity must be in [0, 1e12]");
    check_setting(std::isfinite(s.edge_weight_influence), "edge weight influence must be finite");
    check_setting(s.theta > 0 && s.theta <= kMaxMagnitude, "theta must be > 0");
    check_setting(s.jitter_tolerance > 0 && s.jitter_tolerance <= kMaxMagnitude,
                  "the jitter tolerance must be > 0");
    check_setting(s.max_displacement > 0 && s.max_displacement <= kMaxMagnitude,
                  "the maximum displacement must be > 0");
    check_setting(n < std::numeric_limits<std::uint32_t>::max(), "too many nodes");
    check_setting(masses.empty() || masses.size() == n, "one mass per node is needed");
    check_setting(start.empty() || start.size() == n, "one start position per node is needed");

    std::vector<std::size_t> degree(n, 0);
    for (std::size_t e = 0; e < edges.size(); ++e) {
        const LayoutEdge& ed = edges[e];
        if (ed.source >= n || ed.target >= n)
            throw Error("forceatlas2: edge " + std::to_string(e) +
                        " ends at a node >= " + std::to_string(n));
        if (!(ed.weight >= 0))
            throw Error("forceatlas2: edge " + std::to_string(e) + " has weight " +
                        std::to_string(ed.weight) + "; weights must be >= 0");
        ++degree[ed.source];
        ++degree[ed.target];
    }
    mass_.resize(n);
    for (std::size_t v = 0; v < n; ++v) {
        mass_[v] = masses.empty() ? static_cast<double>(degree[v]) + 1 : masses[v];
        check_setting(mass_[v] > 0 && mass_[v] <= kMaxFactor, "masses must be in (0, 1e12]");
    }

    double compensation = 1; // outbound attraction distribution: the mean mass (as Gephi)
    if (s.outbound_attraction_distribution && n > 0) {
        double sum = 0;
        for (double m : mass_) sum += m;
        compensation = sum / static_cast<double>(n);
    }
    first_.assign(n + 1, 0);
    for (const LayoutEdge& e : edges)
        if (e.source != e.target) {
            ++first_[e.source + 1];
            ++first_[e.target + 1];
        }
    for (std::size_t v = 0; v < n; ++v) first_[v + 1] += first_[v];
    other_.resize(first_[n]);
    coef_.resize(first_[n]);
    std::vector<std::size_t> fill(first_.begin(), first_.end() - 1);
    for (const LayoutEdge& e : edges) {
        if (e.source == e.target) continue;
        double c = std::min(std::pow(e.weight, s.edge_weight_influence), kMaxMagnitude);
        if (s.outbound_attraction_distribution) c = c * compensation / mass_[e.source];
        c = std::min(c, kMaxMagnitude);
        other_[fill[e.source]] = static_cast<std::uint32_t>(e.target);
        coef_[fill[e.source]++] = c;
        other_[fill[e.target]] = static_cast<std::uint32_t>(e.source);
        coef_[fill[e.target]++] = c;
    }

    x_.resize(n);
    y_.resize(n);
    if (!start.empty()) {
        for (std::size_t v = 0; v < n; ++v) {
            check_setting(std::fabs(start[v][0]) <= kMaxMagnitude &&
                              std::fabs(start[v][1]) <= kMaxMagnitude,
                          "start coordinates must be finite, of magnitude at most 1e100");
            x_[v] = start[v][0];
            y_[v] = start[v][1];
        }
    } else {
        // Uniform in a disc whose area grows with the node count.
        std::uint64_t state = s.seed;
        const double radius = 10 * std::sqrt(static_cast<double>(n));
        for (std::size_t v = 0; v < n; ++v) {
            const double r = radius * std::sqrt(unit_interval(splitmix64(state)));
            const double a = 2 * std::numbers::pi * unit_interval(splitmix64(state));
            x_[v] = r * std::cos(a);
            y_[v] = r * std::sin(a);
        }
    }
    fx_.assign(n, 0);
    fy_.assign(n, 0);
    ofx_.assign(n, 0);
    ofy_.assign(n, 0);
    swinging_.assign(n, 0);
    const std::size_t chunks = (n + kChunk - 1) / kChunk;
    chunk_swinging_.assign(chunks, 0);
    chunk_traction_.assign(chunks, 0);
}

// Repulsion from every node, in index order.
void Layout::forces_exact(std::size_t chunk) {
    const std::size_t begin = chunk * kChunk, end = std::min(n_, begin + kChunk);
    for (std::size_t i = begin; i < end; ++i) {
        double rx = 0, ry = 0;
        repel(i, x_[i], y_[i], x_.data(), y_.data(), mass_.data(), nullptr, n_, rx, ry);
        add_forces(i, rx, ry);
    }
}

// Repulsion by Barnes-Hut, for the nodes of kLeavesPerChunk leaves of the tree.
void Layout::forces_barnes_hut(std::size_t chunk) {
    const std::size_t begin = chunk * kLeavesPerChunk;
    const std::size_t end = std::min(tree_.leaf_count(), begin + kLeavesPerChunk);
    const double theta2 = s_.theta * s_.theta;
    Bodies bodies;
    for (std::size_t leaf = begin; leaf < end; ++leaf) {
        tree_.interactions(leaf, theta2, bodies);
        for (const std::uint32_t i : tree_.leaf_nodes(leaf)) {
            double rx = 0, ry = 0;
            repel(i, x_[i], y_[i], bodies.x.data(), bodies.y.data(), bodies.mass.data(),
                  bodies.node.data(), bodies.x.size(), rx, ry);
            add_forces(i, rx, ry);
        }
    }
}

// The force on node i from its repulsion sum (rx, ry), gravity and its edges, into fx_, fy_.
void Layout::add_forces(std::size_t i, double rx, double ry) {
    const double xi = x_[i], yi = y_[i], mi = mass_[i];
    double fx = scaling_ * mi * rx, fy = scaling_ * mi * ry;
    const double d0 = std::sqrt(xi * xi + yi * yi);
    if (s_.strong_gravity) {
        fx -= s_.gravity * mi * xi;
        fy -= s_.gravity * mi * yi;
    } else if (d0 > 0) {
        fx -= s_.gravity * mi * xi / d0;
        fy -= s_.gravity * mi * yi / d0;
    }
    // Four partial sums (k mod 4), added in a fixed order: dense views have hundreds of edges
    // per node, and one sum would wait for each addition before the next.
    std::array<double, 4> ax{}, ay{};
    const bool lin_log = s_.lin_log;
    auto add = [&](std::size_t k, std::size_t l) {
        const std::uint32_t j = other_[k];
        const double dx = xi - x_[j], dy = yi - y_[j];
        double f = coef_[k];
        if (lin_log) {
            const double d = std::sqrt(dx * dx + dy * dy);
            f = d > 0 ? f * std::log1p(d) / d : 0.0;
        }
        ax[l] += dx * f;
        ay[l] += dy * f;
    };
    const std::size_t kb = first_[i], ke = first_[i + 1], k4 = kb + (ke - kb) / 4 * 4;
    for (std::size_t k = kb; k < k4; k += 4)
        for (std::size_t l = 0; l < 4; ++l) add(k + l, l);
    for (std::size_t k = k4; k < ke; ++k) add(k, 0);
    fx_[i] = fx - ((ax[0] + ax[1]) + (ax[2] + ax[3]));
    fy_[i] = fy - ((ay[0] + ay[1]) + (ay[2] + ay[3]));
}

// Swinging (how much a node's force changed direction) and traction (how much it kept it), per
// node and summed per chunk.
void Layout::measure(std::size_t chunk) {
    const std::size_t begin = chunk * kChunk, end = std::min(n_, begin + kChunk);
    double swinging = 0, traction = 0;
    for (std::size_t i = begin; i < end; ++i) {
        swinging_[i] = mass_[i] * norm(ofx_[i] - fx_[i], ofy_[i] - fy_[i]);
        swinging += swinging_[i];
        traction += mass_[i] * norm(ofx_[i] + fx_[i], ofy_[i] + fy_[i]) / 2;
    }
    chunk_swinging_[chunk] = swinging;
    chunk_traction_[chunk] = traction;
}

// The global speed, after Gephi's ForceAtlas2 (the paper's section "Adaptive speed"): as high
// as the jitter tolerance allows the total swinging to be against the total traction, rising by
// at most half per iteration; its efficiency drops when the layout oscillates.
void Layout::adapt_speed() {
    double swinging = 0, traction = 0;
    for (std::size_t c = 0; c < chunk_swinging_.size(); ++c) {
        swinging += chunk_swinging_[c];
        traction += chunk_traction_[c];
    }
    const double n = static_cast<double>(n_);
    const double estimated = 0.05 * std::sqrt(n);
    const double min_jt = std::sqrt(estimated), max_jt = 10;
    double jt =
        s_.jitter_tolerance * std::max(min_jt, std::min(max_jt, estimated * traction / (n * n)));
    constexpr double min_efficiency = 0.05;
    if (swinging > 2 * traction) {
        if (efficiency_ > min_efficiency) efficiency_ *= 0.5;
        jt = std::max(jt, s_.jitter_tolerance);
    }
    const double target = swinging > 0 ? jt * efficiency_ * traction / swinging : speed_;
    if (swinging > jt * traction) {
        if (efficiency_ > min_efficiency) efficiency_ *= 0.7;
    } else if (speed_ < 1000) {
        efficiency_ *= 1.3;
    }
    speed_ += std::min(target - speed_, 0.5 * speed_);
    speed_ = std::clamp(speed_, kMinSpeed, kMaxSpeed);
}

// Moves the nodes of one chunk: the global speed, lowered by the node's own swinging, and
// capped so that the node moves at most max_displacement.
void Layout::move(std::size_t chunk) {
    const std::size_t begin = chunk * kChunk, end = std::min(n_, begin + kChunk);
    for (std::size_t i = begin; i < end; ++i) {
        double factor = speed_ / (1 + std::sqrt(speed_ * swinging_[i]));
        const double force = norm(fx_[i], fy_[i]);
        if (factor * force > s_.max_displacement) factor = s_.max_displacement / force;
        x_[i] += fx_[i] * factor;
        y_[i] += fy_[i] * factor;
    }
}

void Layout::run() {
    const std::size_t chunks = chunk_swinging_.size();
    ThreadTeam team(static_cast<unsigned>(
        std::min<std::size_t>(std::max(s_.threads, 1u), std::max<std::size_t>(chunks, 1))));
    const std::function<void(std::size_t)> exact = [this](std::size_t c) { forces_exact(c); };
    const std::function<void(std::size_t)> barnes_hut = [this](std::size_t c) {
        forces_barnes_hut(c);
    };
    const std::function<void(std::size_t)> measure = [this](std::size_t c) { this->measure(c); };
    const std::function<void(std::size_t)> move = [this](std::size_t c) { this->move(c); };
    for (int it = 0; it < s_.iterations && n_ > 0; ++it) {
        fx_.swap(ofx_);
        fy_.swap(ofy_);
        if (barnes_hut_) {
            tree_.build(x_, y_, mass_);
            team.run((tree_.leaf_count() + kLeavesPerChunk - 1) / kLeavesPerChunk, barnes_hut);
        } else {
            team.run(chunks, exact);
        }
        team.run(chunks, measure);
        adapt_speed();
        team.run(chunks, move);
    }
}

std::vector<LayoutPoint> Layout::positions() const {
    std::vector<LayoutPoint> out(n_);
    for (std::size_t v = 0; v < n_; ++v) out[v] = {x_[v], y_[v]};
    return out;
}

} // namespace

} // namespace detail

bool uses_barnes_hut(const ForceAtlas2Settings& s, std::size_t node_count) {
    switch (s.barnes_hut) {
    case ForceAtlas2Settings::BarnesHut::On:
        return true;
    case ForceAtlas2Settings::BarnesHut::Off:
        return false;
    case ForceAtlas2Settings::BarnesHut::Auto:
        break;
    }
    return node_count >= ForceAtlas2Settings::kBarnesHutAutoNodes;
}

std::vector<LayoutPoint> forceatlas2(std::size_t node_count, std::span<const LayoutEdge> edges,
                                     const ForceAtlas2Settings& settings,
                                     std::span<const double> masses,
                                     std::span<const LayoutPoint> start) {
    detail::Layout layout(node_count, edges, settings, masses, start);
    layout.run();
    return layout.positions();
}

} // namespace polgraph
