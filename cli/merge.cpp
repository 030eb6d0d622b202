// `polgraph merge`: the reduce step of a sharded run. Reads record files (`extract --jsonl`) and
// graph files (`-o graph.json`), takes the union of their records and folds it into one graph.
// KnowledgeGraph::build sorts the records by id and breaks ties by content hash, so merging is
// associative and commutative and merge(extract(A), extract(B)) equals extract(A ∪ B) byte for byte.
#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "cli/commands.hpp"
#include "cli/view_options.hpp"
#include "core/error.hpp"
#include "core/graph.hpp"
#include "core/util/memory.hpp"
#include "core/view.hpp"
#include "exporters/exporter.hpp"
#include "store/atomic_file.hpp"
#include "store/graph_io.hpp"
#include "store/graph_snapshot.hpp"
#include "store/json_scan.hpp"

namespace polgraph::cli {

namespace {

struct MergeOptions {
    std::vector<std::string> inputs;
    std::vector<std::string> outputs;
    std::string format;
    std::string jsonl;
    bool quiet = false;
    bool allow_empty = false;
};

bool has_suffix(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// A record file holds one JSON object with an "id" per line; a graph file is one JSON document.
bool looks_like_jsonl(std::string_view text) {
    std::size_t b = text.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return true; // empty: no records
    std::size_t e = text.find('\n', b);
    try {
        JsonScanner scan(text.substr(b, e == std::string_view::npos ? e : e - b), 64);
        JsonDoc doc;
        scan.start();
        const JsonValue& first = scan.parse(doc, 0);
        scan.finish();
        return first.is_object() && first.find("id") && !first.find("nodes");
    } catch (const Error&) { // not JSON, or too deep: not a record line
        return false;
    }
}

/// An input's records, packed (core/record_pack.hpp) as soon as they are read.
std::vector<PackedRecord> read_input(const std::string& name) {
    if (name != "-" && (has_suffix(name, ".json") || is_snapshot_file(name)))
        return load_packed_records(name);
    std::ifstream file;
    if (name != "-") {
        file.open(name, std::ios::binary);
        if (!file) throw IoError(name + ": cannot open");
    }
    std::istream& in = name == "-" ? std::cin : file;
    const auto blank = [](const std::string& l) {
        return l.find_first_not_of(" \t\r") == std::string::npos;
    };
    // The first line that is not blank tells a record file from a graph file. Records are packed
    // line by line (10^5 records never exist unpacked, nor the file's text); a graph is read whole.
    std::string head, line;
    int line_no = 0;
    while (std::getline(in, line)) {
        ++line_no;
        head += line;
        if (!in.eof()) head += '\n'; // (getline took one)
        if (!blank(line)) break;
    }
    if (looks_like_jsonl(head)) {
        std::vector<PackedRecord> out;
        if (!blank(line)) out.push_back(pack(record_from_jsonl_line(line, name, line_no)));
        while (std::getline(in, line)) {
            ++line_no;
            if (!blank(line)) out.push_back(pack(record_from_jsonl_line(line, name, line_no)));
        }
        if (in.bad()) throw IoError(name + ": read failed");
        return out;
    }
    std::ostringstream rest;
    rest << in.rdbuf();
    if (in.bad()) throw IoError(name + ": read failed");
    const std::string text = head + std::move(rest).str();
    if (is_snapshot(text)) return read_snapshot(text, name).packed_records();
    return pack_all(read_json_records(std::string_view(text), name));
}

struct Sourced {
    PackedRecord record; ///< packed as soon as its input is read (core/record_pack.hpp)
    std::size_t input = 0;
};

/// Two inputs with different records under one id: say which one the fold keeps (the greater
/// content hash, whatever the order of the inputs).
void report_conflicts(std::vector<Sourced>& all, const std::vector<std::string>& names) {
    std::sort(all.begin(), all.end(), [](const Sourced& a, const Sourced& b) {
        if (a.record.id != b.record.id) return a.record.id < b.record.id;
        return a.record.hash > b.record.hash;
    });
    for (std::size_t i = 1; i < all.size(); ++i) {
        const Sourced& keep = all[i - 1];
        const Sourced& other = all[i];
        if (keep.record.id != other.record.id || keep.record.hash == other.record.hash) continue;
        std::cerr << "polgraph: warning: article \"" << keep.record.id << "\" differs between "
                  << names[keep.input] << " (" << keep.record.path << ") and "
                  << names[other.input] << " (" << other.record.path << ")";
        if (keep.record.path != other.record.path)
            std::cerr << ": two files with one stem; a single extract run would have given them "
                         "path-based ids";
        std::cerr << "; keeping the one from " << names[keep.input] << "\n";
    }
}

void run_merge(const MergeOptions& o) {
    const auto t0 = std::chrono::steady_clock::now();
    std::vector<const ExporterEntry*> exporters;
    for (const auto& out : o.outputs) exporters.push_back(&exporter_for(o.format, out));
    if (o.outputs.empty() && o.jsonl.empty())
        throw UsageError("nothing to write: give -o FILE and/or --jsonl FILE");
    check_output_paths(exporters, o.outputs, ExportOptions{}, {o.jsonl});
    if (std::count(o.inputs.begin(), o.inputs.end(), "-") > 1)
        throw UsageError("stdin (-) can be given only once");

    std::vector<Sourced> all;
    for (std::size_t i = 0; i < o.inputs.size(); ++i)
        for (auto& r : read_input(o.inputs[i])) all.push_back({std::move(r), i});
    const std::size_t n_read = all.size();
    // Inputs that hold no record (empty record files, empty graphs) never replace a graph.
    if (n_read == 0 && !o.allow_empty)
        throw Error("0 records in " + std::to_string(o.inputs.size()) + " input" +
                    (o.inputs.size() == 1 ? "" : "s") +
                    "; nothing written; --allow-empty writes an empty graph");
    if (!o.quiet) report_conflicts(all, o.inputs);
    std::vector<PackedRecord> records;
    records.reserve(all.size());
    for (auto& s : all) records.push_back(std::move(s.record));
    all.clear();

    const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    KnowledgeGraph g = KnowledgeGraph::build(std::move(records), threads);
    release_free_memory(); // the inputs and the fold's temporaries, before the outputs
    if (!o.jsonl.empty()) {
        const std::vector<PackedRecord> merged = g.packed_records();
        if (o.jsonl == "-") {
            write_records_jsonl(std::cout, merged, threads);
            std::cout.flush();
        } else {
            AtomicFile f(o.jsonl);
            write_records_jsonl(f.stream(), merged, threads);
            f.commit();
        }
    }
    GraphView view = full_view(g);
    for (std::size_t k = 0; k < o.outputs.size(); ++k)
        export_view(view, *exporters[k], ExportOptions{}, o.outputs[k]);
    if (!o.quiet) {
        std::size_t articles = 0, entities = 0;
        for (std::size_t v = 0; v < g.node_count(); ++v) {
            articles += g.node(v).kind == NodeKind::Article;
            entities += g.node(v).kind == NodeKind::Entity;
        }
        double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::fprintf(stderr,
                     "polgraph: merged %zu records from %zu inputs: %zu articles, %zu entities, "
                     "%zu nodes, %zu edges, %.2f s\n",
                     n_read, o.inputs.size(), articles, entities, g.node_count(), g.edge_count(),
                     secs);
    }
    g_exit_code = kOk;
    keep_until_exit(std::move(g)); // everything is written: left for the system to take back
}

} // namespace

void setup_merge(CLI::App& app) {
    auto o = std::make_shared<MergeOptions>();
    auto* cmd = app.add_subcommand(
        "merge", "Merge record files (extract --jsonl), JSON graphs and snapshots into one graph");
    cmd->add_option("inputs", o->inputs,
                    "Record files (.jsonl, one record per line), JSON graphs (.json), snapshots "
                    "(.pgsnap), or - for stdin; other names are recognised by their content")
        ->required();
    cmd->add_option("-o,--output", o->outputs, "Output graph file; repeatable (format from --format or the suffix: " + exporter_names() + ")");
    cmd->add_option("--format", o->format, "Output format for every -o: " + exporter_names());
    cmd->add_option("--jsonl", o->jsonl, "Also write the merged records, one JSON line each, to FILE (- for stdout)");
    cmd->add_flag("-q,--quiet", o->quiet, "No summary or warnings");
    cmd->add_flag("--allow-empty", o->allow_empty,
                  "Write the outputs even when the inputs hold no record (an empty graph); without "
                  "it such a merge writes nothing and exits 3");
    cmd->footer(
        "The same article id in several inputs: the record with the greater content hash "
        "is kept, whatever the input order (a warning names both).\n"
        "Exit status: 0 merged; 2 usage error; 3 fatal error, nothing written: an input is "
        "unreadable or not a record/graph file, the inputs hold no record, an output cannot "
        "be written; 130/143 interrupted (previous outputs left intact).");
    cmd->callback([o]() { run_merge(*o); });
}

} // namespace polgraph::cli
