// _polgraph: the compiled half of the `polgraph` Python package (python/polgraph/__init__.py is
// the other). A thin layer over the library calls the CLI makes: extract_batch and the fold
// (`extract`), read_merge_inputs (`merge`), load_graph, make_view, layout_view, export_view and
// write_table (`export`), run_query (`query --json`). Long calls release the GIL; UsageError
// becomes polgraph.UsageError and every other polgraph::Error polgraph.InputError, with the CLI's
// message.
#include <algorithm>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "core/error.hpp"
#include "core/graph.hpp"
#include "core/util/text.hpp"
#include "core/view.hpp"
#include "exporters/exporter.hpp"
#include "exporters/tables.hpp"
#include "extractors/batch.hpp"
#include "layout/view_layout.hpp"
#include "python/convert.hpp"
#include "query/query.hpp"
#include "store/atomic_file.hpp"
#include "store/graph_io.hpp"
#include "store/inputs.hpp"
#include "store/record_files.hpp"

namespace py = pybind11;

namespace polgraph::python {

namespace {

/// A graph and, made on first use, its query index. Immutable: safe to share between threads.
class PyGraph {
public:
    /// `root`: where the evidence queries read relative article paths from.
    PyGraph(KnowledgeGraph g, std::string root) : graph_(std::move(g)), root_(std::move(root)) {}

    const KnowledgeGraph& graph() const { return graph_; }
    const std::string& root() const { return root_; }

    const QueryIndex& index() const {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!index_) {
            index_ = std::make_unique<QueryIndex>(graph_);
            index_->set_article_root(root_);
        }
        return *index_;
    }

private:
    KnowledgeGraph graph_;
    std::string root_;
    mutable std::mutex mutex_;
    mutable std::unique_ptr<QueryIndex> index_;
};

/// Records in id order, packed until asked for.
struct PyRecords {
    std::vector<PackedRecord> records;
};

unsigned threads_for(int jobs) {
    return jobs > 0 ? static_cast<unsigned>(jobs)
                    : std::max(1u, std::thread::hardware_concurrency());
}

py::list pairs(const std::vector<InputError>& list) {
    py::list out;
    for (const auto& e : list) out.append(py::make_tuple(text(e.path), text(e.reason)));
    return out;
}

/// extract_batch with the GIL released. The thread that called it wakes every 200 ms to let
/// Python handle signals (Ctrl-C stops the run) and to call `progress(done, total)`.
/// `listed`: (path, id) pairs of list_inputs, taken as they are, rather than `paths`.
BatchResult run_batch(const std::vector<std::string>& paths,
                      const std::vector<std::pair<std::string, std::string>>& listed,
                      const BatchOptions& options, const py::object& progress) {
    if (paths.empty() && listed.empty())
        throw UsageError("no input: give files, directories or - (stdin)");
    BatchHooks hooks;
    hooks.on_progress = [&](const BatchProgress& p) {
        py::gil_scoped_acquire gil;
        if (PyErr_CheckSignals() != 0) throw py::error_already_set();
        if (!progress.is_none()) progress(p.done, p.total);
    };
    std::vector<InputFile> inputs;
    for (const auto& [path, id] : listed) inputs.push_back({path, path, id});
    py::gil_scoped_release nogil;
    return listed.empty() ? extract_batch(paths, options, hooks)
                          : extract_batch(std::move(inputs), options, hooks);
}

/// `extract` (fold: a Graph) and `records` (a Records): a batch, then its records folded or
/// kept; with the failures and warnings as (path, text) pairs.
py::tuple extract(const std::vector<std::string>& paths,
                  const std::vector<std::pair<std::string, std::string>>& listed, int jobs,
                  bool keyphrases, double min_topic_score, const std::string& data,
                  const std::vector<std::string>& globs, std::uint64_t max_bytes,
                  const std::string& overlay, bool allow_empty, const std::string& root,
                  const py::object& progress, bool fold) {
    BatchOptions o;
    o.overlay = overlay;
    o.jobs = jobs;
    o.keyphrases = keyphrases;
    o.min_topic_score = min_topic_score;
    o.data_dir = data;
    o.globs = globs;
    o.max_bytes = max_bytes;
    BatchResult r = run_batch(paths, listed, o, progress);
    if (r.records.empty() && !allow_empty)
        throw Error("0 articles: " + empty_batch_reason(r, paths, o.globs, false) +
                    "; allow_empty=True gives an empty graph");
    py::object out;
    if (fold) {
        std::unique_ptr<PyGraph> g;
        {
            py::gil_scoped_release nogil;
            g = std::make_unique<PyGraph>(KnowledgeGraph::build(std::move(r.records), r.threads),
                                          root);
        }
        out = py::cast(std::move(g));
    } else {
        out = py::cast(std::make_unique<PyRecords>(PyRecords{std::move(r.records)}));
    }
    return py::make_tuple(out, pairs(r.failures), pairs(r.warnings));
}

py::tuple merge(const std::vector<std::string>& inputs, int jobs, bool allow_empty,
                const std::string& root) {
    if (std::count(inputs.begin(), inputs.end(), "-") > 1)
        throw UsageError("stdin (-) can be given only once");
    std::unique_ptr<PyGraph> g;
    std::vector<std::string> conflicts;
    {
        py::gil_scoped_release nogil;
        MergeInputs in = read_merge_inputs(inputs, true);
        if (in.records.empty() && !allow_empty)
            throw Error("0 records in " + std::to_string(inputs.size()) + " input" +
                        (inputs.size() == 1 ? "" : "s") +
                        "; allow_empty=True gives an empty graph");
        conflicts = std::move(in.conflicts);
        g = std::make_unique<PyGraph>(
            KnowledgeGraph::build(std::move(in.records), threads_for(jobs)), root);
    }
    py::list c;
    for (const auto& m : conflicts) c.append(text(m));
    return py::make_tuple(std::move(g), c);
}

/// `export`: a table view (mentions, timeline) as CSV, or a view in any format, laid out first
/// when the format writes positions and `eo.layout` asks for a layout.
void save(const PyGraph& g, const std::string& path, const std::string& format,
          const std::string& view, const py::dict& filters, const ExportOptions& eo) {
    const ViewOptions vo = view_options(view, filters);
    py::gil_scoped_release nogil;
    // As `polgraph export`: the output checked before any work, the view refused before any write.
    const ExporterEntry& entry = exporter_for(format, path);
    if (is_table_view(vo.view)) {
        check_table_options(vo);
        if (entry.name != "csv")
            throw UsageError("--view " + vo.view + " is a table: write it as CSV (-o " + vo.view +
                             ".csv or --format csv), not " + path);
        check_output_path(path);
        AtomicFile f(path);
        write_table(g.graph(), vo, f.stream());
        f.commit();
        return;
    }
    for (const auto& f : entry.make(eo)->output_files(path)) check_output_path(f);
    GraphView v = make_view(g.graph(), vo);
    entry.make(eo)->check(v);
    if (entry.positions) {
        // As export: no layout given is fa2 for the HTML page, none for the other formats.
        LayoutOptions lo = eo.layout;
        if (lo.algorithm.empty()) lo.algorithm = entry.name == "html" ? "fa2" : "none";
        layout_view(v, lo);
    }
    export_view(v, entry, eo, path);
}

/// One query object (the `--batch` form) in, its answer out, as JSON text: what `query --json`
/// prints, byte for byte.
std::string query(const PyGraph& g, const std::string& q) {
    py::gil_scoped_release nogil;
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(q);
    } catch (const nlohmann::json::exception& e) {
        throw UsageError(std::string("not a JSON object: ") + e.what());
    }
    return run_query(g.index(), j).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

py::dict table(const PyGraph& g, const std::string& view, const py::dict& filters) {
    const ViewOptions vo = view_options(view, filters);
    GraphView v;
    {
        py::gil_scoped_release nogil;
        v = make_view(g.graph(), vo);
    }
    return view_table(v);
}

/// Record `i` as its --jsonl line, without the newline.
std::string record_line(const PyRecords& r, std::size_t i) {
    if (i >= r.records.size()) throw py::index_error("record index out of range");
    std::ostringstream out;
    write_record_line(out, unpack(r.records[i]));
    std::string line = std::move(out).str();
    if (!line.empty() && line.back() == '\n') line.pop_back();
    return line;
}

/// The input files of `paths` as (path, id) pairs, and the paths that cannot be listed as
/// (path, reason) pairs: collect_inputs.
py::tuple list_inputs(const std::vector<std::string>& paths,
                      const std::vector<std::string>& globs) {
    std::vector<InputError> errors;
    std::vector<InputFile> inputs;
    {
        py::gil_scoped_release nogil;
        inputs = collect_inputs(paths, globs.empty() ? default_globs() : globs, errors);
    }
    py::list out;
    for (const auto& in : inputs) out.append(py::make_tuple(text(in.path), text(in.id)));
    return py::make_tuple(out, pairs(errors));
}

} // namespace

} // namespace polgraph::python

PYBIND11_MODULE(_polgraph, m) {
    using namespace polgraph;
    using namespace polgraph::python;
    m.doc() = "The compiled half of the polgraph package; use `import polgraph`.";
    m.attr("__version__") = POLGRAPH_VERSION;
    // What the library's C++ allocations use in this process (python/allocator.cpp).
    m.attr("allocator") = use_mimalloc_if_consistent() ? "mimalloc" : "malloc";
    register_exceptions(m);

    py::class_<PyGraph>(m, "Graph", "A knowledge graph (use polgraph.Graph).")
        .def_static(
            "load",
            [](const std::string& path, const std::string& root) {
                py::gil_scoped_release nogil;
                return std::make_unique<PyGraph>(load_graph(path), root);
            },
            py::arg("path"), py::arg("root"))
        .def_property_readonly("node_count",
                               [](const PyGraph& g) { return g.graph().node_count(); })
        .def_property_readonly("edge_count",
                               [](const PyGraph& g) { return g.graph().edge_count(); })
        .def(
            "save",
            [](const PyGraph& g, const std::string& path, const std::string& format,
               const std::string& view, const py::dict& filters, bool dynamic,
               const std::string& gexf_version, const std::string& layout, int layout_iterations,
               std::uint64_t seed) {
                if (gexf_version != "1.2" && gexf_version != "1.3")
                    throw UsageError("gexf_version: expected \"1.2\" or \"1.3\", got \"" +
                                     gexf_version + "\"");
                const auto& names = layout_names();
                if (!layout.empty() && std::find(names.begin(), names.end(), layout) == names.end())
                    throw UsageError("layout: unknown layout \"" + layout +
                                     "\" (known: " + join(names, ", ") + ")");
                ExportOptions eo;
                eo.dynamic = dynamic;
                eo.gexf_version = gexf_version;
                eo.layout.algorithm = layout;
                eo.layout.iterations = layout_iterations;
                eo.layout.seed = seed;
                save(g, path, format, view, filters, eo);
            },
            py::arg("path"), py::arg("format"), py::arg("view"), py::arg("filters"),
            py::arg("dynamic"), py::arg("gexf_version"), py::arg("layout"),
            py::arg("layout_iterations"), py::arg("seed"))
        .def_property_readonly("root", &PyGraph::root)
        .def("query", &query, py::arg("query"))
        .def("table", &table, py::arg("view"), py::arg("filters"));

    py::class_<PyRecords>(m, "Records", "Records in id order (use polgraph.records).")
        .def("__len__", [](const PyRecords& r) { return r.records.size(); })
        .def("line", &record_line, py::arg("i"));

    m.def("extract", &extract, py::arg("paths"), py::arg("listed"), py::arg("jobs"),
          py::arg("keyphrases"), py::arg("min_topic_score"), py::arg("data"), py::arg("globs"),
          py::arg("max_bytes"), py::arg("overlay"), py::arg("allow_empty"), py::arg("root"),
          py::arg("progress"), py::arg("fold"));
    m.def("merge", &merge, py::arg("inputs"), py::arg("jobs"), py::arg("allow_empty"),
          py::arg("root"));
    m.def("list_inputs", &list_inputs, py::arg("paths"), py::arg("globs"));
    m.attr("DEFAULT_MAX_BYTES") = kDefaultMaxBytes;
}
