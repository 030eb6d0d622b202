#pragma once
/// CSV for Gephi's spreadsheet import (Data Laboratory > Import Spreadsheet), RFC 4180 quoting.
/// `-o out.csv` writes out.nodes.csv (Id, Label, Type, then every other node attribute) and
/// out.edges.csv (Source, Target, Type = Directed/Undirected, Kind, Weight, then every other
/// edge attribute). Lists are joined with "; ".
#include "exporters/exporter.hpp"

namespace polgraph {

class CsvExporter : public Exporter {
public:
    std::vector<std::string> output_files(const std::string& path) const override;
    void write(const GraphView& view, std::ostream& out, std::size_t index) const override;
};

/// `path` without a trailing suffix (case-insensitive), for the multi-file formats.
std::string strip_suffix(const std::string& path, const std::vector<std::string>& suffixes);

} // namespace polgraph
