#pragma once
/// Neo4j bulk-import CSV (`neo4j-admin database import full --nodes=... --relationships=...`).
/// `-o graph.neo4j` (or `--format neo4j -o graph`) writes graph.neo4j.nodes.csv
/// (`id:ID,:LABEL,name,` then typed properties such as `mentions:double`, `articles:long`,
/// `forms:string[]`, `date:date` when every date is a calendar date) and
/// graph.neo4j.relationships.csv (`:START_ID,:END_ID,:TYPE,weight:double,directed:boolean,...`).
/// Labels: Article, Entity plus the entity type (Person, Organization, ...), Topic, Keyphrase;
/// relationship types: the edge kind in upper case (MENTIONS, CO_OCCURS, ...). Neo4j
/// relationships are directed: an undirected edge is written once with `directed` false.
/// Fields are single-line (no --multiline-fields needed); a ';' inside a list element (the
/// importer's array delimiter) becomes ','; empty values are left empty (no property).
#include "exporters/exporter.hpp"

namespace polgraph {

class Neo4jExporter : public Exporter {
public:
    std::vector<std::string> output_files(const std::string& path) const override;
    void write(const GraphView& view, std::ostream& out, std::size_t index) const override;
};

} // namespace polgraph
