#include "store/record_files.hpp"

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/error.hpp"
#include "store/graph_io.hpp"
#include "store/graph_snapshot.hpp"
#include "store/json_scan.hpp"

namespace polgraph {

namespace {

bool has_suffix(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
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

struct Sourced {
    PackedRecord record;
    std::size_t input = 0;
};

} // namespace

std::vector<PackedRecord> read_merge_input(const std::string& name) {
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

MergeInputs read_merge_inputs(const std::vector<std::string>& names, bool find_conflicts) {
    MergeInputs out;
    if (!find_conflicts) {
        for (const auto& name : names)
            for (auto& r : read_merge_input(name)) out.records.push_back(std::move(r));
        return out;
    }
    std::vector<Sourced> all;
    for (std::size_t i = 0; i < names.size(); ++i)
        for (auto& r : read_merge_input(names[i])) all.push_back({std::move(r), i});
    std::sort(all.begin(), all.end(), [](const Sourced& a, const Sourced& b) {
        if (a.record.id != b.record.id) return a.record.id < b.record.id;
        return a.record.hash > b.record.hash;
    });
    for (std::size_t i = 1; i < all.size(); ++i) {
        const Sourced& keep = all[i - 1];
        const Sourced& other = all[i];
        if (keep.record.id != other.record.id || keep.record.hash == other.record.hash) continue;
        std::string msg = "article \"" + keep.record.id + "\" differs between " +
                          names[keep.input] + " (" + keep.record.path + ") and " +
                          names[other.input] + " (" + other.record.path + ")";
        if (keep.record.path != other.record.path)
            msg += ": two files with one stem; a single extract run would have given them "
                   "path-based ids";
        out.conflicts.push_back(msg + "; keeping the one from " + names[keep.input]);
    }
    out.records.reserve(all.size());
    for (auto& s : all) out.records.push_back(std::move(s.record));
    return out;
}

} // namespace polgraph
