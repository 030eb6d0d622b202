#pragma once
/// What the fuzz targets build once and share between inputs, from the source tree: the resources
/// of data/ (gazetteer tries, word lists, taxonomy), the extraction pipeline over them, the records
/// and graph of the sample corpus data/sample with its query index; and how the targets load and
/// write graph files. Each is a function-local static, built on the first call and reused by every
/// later input (and by every target in the replay test, which links them all). The source tree is
/// POLGRAPH_SOURCE_DIR, which the build defines.
#include <exception>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/graph.hpp"
#include "core/record.hpp"
#include "core/record_pack.hpp"
#include "core/view.hpp"
#include "exporters/exporter.hpp"
#include "extractors/gazetteer.hpp"
#include "extractors/pipeline.hpp"
#include "extractors/reader.hpp"
#include "query/query.hpp"
#include "store/graph_io.hpp"
#include "store/inputs.hpp"
#include "tests/fuzz/fuzz_check.hpp"

namespace polgraph::fuzz {

/// The resources of the source tree's data/ directory.
inline const std::shared_ptr<const Resources>& resources() {
    static const auto res = Resources::load(resolve_data_dir(POLGRAPH_SOURCE_DIR "/data"));
    return res;
}

/// The pipeline `polgraph extract --keyphrases` runs, over resources().
inline const Pipeline& pipeline() {
    static const Pipeline p(resources(), PipelineOptions{true, 1.0, 40});
    return p;
}

/// The records `polgraph extract --keyphrases data/sample` folds into its graph.
inline const std::vector<ArticleRecord>& sample_records() {
    static const std::vector<ArticleRecord> records = [] {
        std::vector<InputError> errors;
        std::vector<ArticleRecord> out;
        for (const InputFile& f :
             collect_inputs({POLGRAPH_SOURCE_DIR "/data/sample"}, default_globs(), errors))
            out.push_back(pipeline().run(read_article(f.path, f.id)));
        if (!errors.empty() || out.empty()) fail("cannot read the sample corpus data/sample");
        return out;
    }();
    return records;
}

/// The graph `polgraph extract --keyphrases data/sample` builds.
inline const KnowledgeGraph& sample_graph() {
    static const KnowledgeGraph g = KnowledgeGraph::build(sample_records());
    return g;
}

/// The graph of node-link JSON `text` as read_graph_json (store/graph_io) loads it, its records
/// read and folded, but folded on this thread (read_graph_json folds on every core, to the same
/// graph): coverage that depends on how threads ran would make two runs with the same PRNG seed
/// differ, and CI's smoke run must repeat. Throws what read_graph_json throws.
inline KnowledgeGraph load_graph_json(std::string_view text, const std::string& name) {
    return KnowledgeGraph::build(pack_all(read_json_records(text, name)), 1);
}

/// `g` as the JSON exporter writes it (node-link JSON).
inline std::string write_graph_json(const KnowledgeGraph& g) {
    const ExporterEntry* e = find_exporter("json", "");
    if (!e) fail("no json exporter");
    std::ostringstream out;
    e->make(ExportOptions{})->write(full_view(g), out, 0);
    return out.str();
}

/// The JSON exporter writes `g` as strict, valid JSON that loads again (load_graph_json) and is
/// written back to the same bytes: the node-link file is lossless.
inline void check_json_round_trip(const KnowledgeGraph& g) {
    const std::string once = write_graph_json(g);
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(once);
    } catch (const std::exception& e) {
        fail("the exporter wrote invalid JSON: ", e.what());
    }
    check_json_strings(doc, "exported graph");
    KnowledgeGraph again;
    if (!only_polgraph_errors([&] { again = load_graph_json(once, "again.json"); }))
        fail("a graph written by the exporter does not load again");
    if (write_graph_json(again) != once) fail("load -> write is not a fixed point");
}

/// The query index of sample_graph() (what `polgraph query --batch` answers from).
inline const QueryIndex& sample_index() {
    static const QueryIndex index(sample_graph());
    return index;
}

} // namespace polgraph::fuzz
