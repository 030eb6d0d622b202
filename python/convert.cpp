#include "python/convert.hpp"

#include <cstdint>
#include <unordered_map>
#include <variant>
#include <vector>

#include "core/error.hpp"
#include "core/util/text.hpp"

namespace py = pybind11;

namespace polgraph::python {

namespace {

PyObject* g_error = nullptr;
PyObject* g_usage_error = nullptr;
PyObject* g_input_error = nullptr;

py::object value(const AttrValue& v) {
    return std::visit(
        [](const auto& x) -> py::object {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, bool>) return py::bool_(x);
            else if constexpr (std::is_same_v<T, std::int64_t>) return py::int_(x);
            else if constexpr (std::is_same_v<T, double>) return py::float_(x);
            else if constexpr (std::is_same_v<T, std::string>) return text(x);
            else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
                py::list l(x.size());
                for (std::size_t i = 0; i < x.size(); ++i) l[i] = text(x[i]);
                return l;
            } else if constexpr (std::is_same_v<T, std::vector<std::int64_t>>) {
                py::list l(x.size());
                for (std::size_t i = 0; i < x.size(); ++i) l[i] = py::int_(x[i]);
                return l;
            } else {
                return text(x.text); // JsonText: JSON-only attributes, which tables leave out
            }
        },
        v);
}

/// Columns filled a row at a time; a column first seen at row r starts with r Nones, and a row
/// that lacks a column gets None in it.
class Columns {
public:
    void set(const std::string& name, py::object v) {
        auto [it, added] = index_.try_emplace(name, cols_.size());
        if (added) {
            names_.push_back(name);
            cols_.emplace_back();
            cols_.back().reserve(rows_ + 1);
            cols_.back().resize(rows_, py::none());
        }
        cols_[it->second].push_back(std::move(v));
    }
    void end_row() {
        ++rows_;
        for (auto& c : cols_)
            if (c.size() < rows_) c.push_back(py::none());
    }
    py::dict dict() const {
        py::dict d;
        for (std::size_t i = 0; i < names_.size(); ++i) {
            py::list l(cols_[i].size());
            for (std::size_t r = 0; r < cols_[i].size(); ++r) l[r] = cols_[i][r];
            d[text(names_[i])] = std::move(l);
        }
        return d;
    }

private:
    std::unordered_map<std::string, std::size_t> index_;
    std::vector<std::string> names_;
    std::vector<std::vector<py::object>> cols_;
    std::size_t rows_ = 0;
};

std::string type_name(const py::handle& v) {
    return py::str(py::type::handle_of(v).attr("__name__"));
}

template <class T> T get(const py::handle& v, const std::string& key, const char* expected) {
    const bool ok = std::is_same_v<T, std::string> ? py::isinstance<py::str>(v)
                    : std::is_integral_v<T>
                        ? py::isinstance<py::int_>(v) && !py::isinstance<py::bool_>(v)
                        : (py::isinstance<py::int_>(v) || py::isinstance<py::float_>(v)) &&
                              !py::isinstance<py::bool_>(v);
    if (!ok) throw UsageError("filter " + key + ": expected " + expected + ", got " + type_name(v));
    return v.cast<T>();
}

} // namespace

py::str text(std::string_view s) {
    PyObject* o = PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "replace");
    if (!o) throw py::error_already_set();
    return py::reinterpret_steal<py::str>(o);
}

ViewOptions view_options(const std::string& view, const py::dict& filters) {
    ViewOptions o;
    o.view = view;
    for (const auto& [k, v] : filters) {
        const std::string key = py::str(k);
        if (v.is_none()) continue;
        if (key == "types") {
            if (py::isinstance<py::str>(v)) {
                o.types = split(v.cast<std::string>(), ',');
            } else {
                for (const auto& t : v) o.types.push_back(get<std::string>(t, key, "a type name"));
            }
        } else if (key == "since") {
            o.since = get<std::string>(v, key, "a date (str)");
        } else if (key == "until") {
            o.until = get<std::string>(v, key, "a date (str)");
        } else if (key == "min_weight") {
            o.min_weight = get<double>(v, key, "a number");
        } else if (key == "min_articles") {
            o.min_articles = get<int>(v, key, "an integer");
        } else if (key == "top") {
            o.top = get<int>(v, key, "an integer");
        } else if (key == "drop_hubs") {
            o.drop_hubs = get<int>(v, key, "an integer");
        } else if (key == "weight") {
            o.weight = get<std::string>(v, key, "count, association or jaccard");
        } else if (key == "backbone") {
            o.backbone = get<double>(v, key, "a number");
        } else {
            throw UsageError("unknown filter " + key +
                             " (known: types, since, until, min_weight, min_articles, top, "
                             "drop_hubs, weight, backbone)");
        }
    }
    return o;
}

py::dict view_table(const GraphView& v) {
    const KnowledgeGraph& g = *v.graph;
    Columns nodes, edges;
    for (const auto n : v.nodes) {
        nodes.set("id", text(g.node(n).id));
        for (const auto& a : v.node_attrs(n))
            if (!a.json_only && a.name != "node_id") nodes.set(a.name, value(a.value));
        nodes.end_row();
    }
    for (const auto& e : v.edges) {
        edges.set("source", text(g.node(e.source).id));
        edges.set("target", text(g.node(e.target).id));
        for (const auto& a : v.edge_attrs(e))
            if (!a.json_only) edges.set(a.name, value(a.value));
        edges.end_row();
    }
    py::dict out;
    out["nodes"] = nodes.dict();
    out["edges"] = edges.dict();
    out["directed"] = v.directed();
    out["multigraph"] = v.has_parallel_edges();
    return out;
}

void register_exceptions(py::module_& m) {
    auto make = [&](const char* name, const char* doc, PyObject* bases) {
        std::string qualified = "polgraph.";
        qualified += name;
        PyObject* e = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases, nullptr);
        if (!e) throw py::error_already_set();
        m.add_object(name, py::handle(e)); // the module keeps the reference
        return e;
    };
    g_error = make("Error", "Base class of the errors polgraph raises.", nullptr);
    py::tuple usage_bases = py::make_tuple(py::handle(g_error), py::handle(PyExc_ValueError));
    g_usage_error = make("UsageError",
                         "A bad argument or option value (the CLI's usage errors, exit status 2).",
                         usage_bases.ptr());
    g_input_error = make("InputError",
                         "A file that cannot be read, parsed or written (the CLI's fatal errors, "
                         "exit status 3).",
                         g_error);
    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const UsageError& e) {
            PyErr_SetString(g_usage_error, e.what());
        } catch (const Error& e) {
            PyErr_SetString(g_input_error, e.what());
        }
    });
}

} // namespace polgraph::python
