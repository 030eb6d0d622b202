#pragma once
/// Flat tables of a graph, for pandas, R or a spreadsheet (`export --view mentions|timeline
/// -o FILE.csv`): what a user would otherwise join from the nodes and edges files by hand.
///   mentions: one row per article x entity it mentions (article id, title, date, source,
///             entity id, name, type, mentions, in_lead, first sentence index), by article id
///             then entity id;
///   timeline: one row per entity x month (YYYY-MM) with the articles of that month that
///             mention it and their mentions, by entity id then month; undated articles are
///             left out.
/// Filters: --since/--until (article dates), --types (entity types), then --min-articles,
/// --drop-hubs and --top over the entities' article counts within the dates.
#include <ostream>
#include <string>
#include <vector>

#include "core/graph.hpp"
#include "core/view.hpp"

namespace polgraph {

/// Names of the table views (mentions, timeline).
const std::vector<std::string>& table_names();
bool is_table_view(const std::string& view);

/// Checks that `o` asks for a table with options a table takes; throws UsageError otherwise.
void check_table_options(const ViewOptions& o);

/// Writes the table `o.view` as CSV (header line, then rows; LF line ends). Returns the rows.
std::size_t write_table(const KnowledgeGraph& g, const ViewOptions& o, std::ostream& out);

} // namespace polgraph
