#pragma once
/// Conversions between the library's values and Python's for the _polgraph module: text, the
/// view options from keyword arguments, a view as columns, and the exceptions. Every function
/// needs the GIL.
#include <string>
#include <string_view>

#include <pybind11/pybind11.h>

#include "core/view.hpp"

namespace polgraph::python {

/// A Python str from UTF-8 bytes; invalid bytes become U+FFFD (as the exporters write them).
pybind11::str text(std::string_view s);

/// ViewOptions from `view` and the filters given as keyword arguments, named as the CLI's view
/// options without their dashes (types, since, until, min_weight, min_articles, top, drop_hubs,
/// weight, backbone). `types` takes a list or a comma-separated string. An unknown name or a
/// value of the wrong type throws UsageError; the values themselves are checked by make_view.
ViewOptions view_options(const std::string& view, const pybind11::dict& filters);

/// A view as two tables of columns: {"nodes": {"id": [...], "label": [...], ...}, "edges":
/// {"source": [...], "target": [...], "kind": [...], ...}, "directed": bool, "multigraph":
/// bool}. Columns are the attributes the exporters write for Gephi (GraphView::node_attrs and
/// edge_attrs without the JSON-only ones), in the order first seen; a row without one holds None.
pybind11::dict view_table(const GraphView& view);

/// Creates polgraph.Error, polgraph.UsageError (also a ValueError) and polgraph.InputError in
/// `m`, and translates polgraph::UsageError to the second and every other polgraph::Error to
/// the third, with the same message.
void register_exceptions(pybind11::module_& m);

/// Makes the module's operator new take from mimalloc, as the polgraph command's allocations do,
/// when the C++ libraries loaded with it (libstdc++, yaml-cpp) allocate from it too; true when it
/// does. False in builds without mimalloc (python/allocator.cpp).
bool use_mimalloc_if_consistent();

} // namespace polgraph::python
