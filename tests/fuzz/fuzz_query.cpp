// Fuzz target: `polgraph query --batch`. The input is a batch of query lines, answered line by
// line as the command does (a trailing CR dropped, blank lines skipped) by answer_line over the
// query index of the sample corpus data/sample (graph and index built once). Checks, per line:
// the answer is one line of valid JSON, an object; a line nested deeper than kMaxQueryDepth, or
// one that run_query refuses (with a polgraph::Error only: any other exception is a finding), is
// answered {"error": "..."} (with the query's "query" member), and a line it answers is answered
// with run_query's result; a query object's "id" comes back as it was.
#include <exception>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/util/text.hpp"
#include "query/query.hpp"
#include "tests/fuzz/fuzz_check.hpp"
#include "tests/fuzz/fuzz_data.hpp"
#include "tests/fuzz/fuzz_target.hpp"

using namespace polgraph;
using nlohmann::json;

namespace {

void check_line(const QueryIndex& index, std::string_view line) {
    json q;
    bool parsed = true, too_deep = false;
    try {
        // Containers nested deeper than the limit are left out here (not built: this check must
        // not recurse through them either) and make answer_line refuse the line.
        q = json::parse(line.begin(), line.end(), [&](int depth, json::parse_event_t, json&) {
            too_deep = too_deep || depth > kMaxQueryDepth;
            return depth <= kMaxQueryDepth;
        });
    } catch (const json::exception&) {
        parsed = false;
    }
    json expected;
    const bool answered =
        parsed && !too_deep && fuzz::only_polgraph_errors([&] { expected = run_query(index, q); });
    bool failed = false;
    const std::string out = answer_line(index, line, &failed);
    if (out.find('\n') != std::string::npos) fuzz::fail("an answer spans several lines");
    json a;
    try {
        a = json::parse(out);
    } catch (const std::exception& e) {
        fuzz::fail("an answer is not valid JSON: ", e.what());
    }
    fuzz::check_json_strings(a, "answer");
    if (!a.is_object()) fuzz::fail("an answer is not a JSON object");
    if (too_deep) {
        if (!failed || !a.contains("error") || a.contains("id"))
            fuzz::fail("a line nested too deep is not refused");
        return;
    }
    if (failed == answered) fuzz::fail("answer_line's failure flag disagrees with run_query");
    const bool has_id = q.is_object() && q.contains("id");
    if (has_id && !(a.contains("id") && a["id"] == q["id"]))
        fuzz::fail("the query's id is not in its answer");
    if (!has_id && a.contains("id") && !(answered && expected.contains("id")))
        fuzz::fail("an answer has an id its query did not give");
    if (failed) {
        if (!a.contains("error") || !a["error"].is_string())
            fuzz::fail("a refused query is not answered {\"error\": ...}");
        if (q.is_object() && q.contains("query") &&
            !(a.contains("query") && a["query"] == q["query"]))
            fuzz::fail("a refused query's answer does not name the query");
        return;
    }
    if (has_id) expected["id"] = q["id"];
    if (out != expected.dump(-1, ' ', false, json::error_handler_t::replace))
        fuzz::fail("answer_line answered something else than run_query");
}

} // namespace

POLGRAPH_FUZZ_TARGET(query) {
    const QueryIndex& index = fuzz::sample_index();
    while (!input.empty()) {
        const std::size_t eol = input.find('\n');
        std::string_view line = input.substr(0, eol);
        input.remove_prefix(eol == std::string_view::npos ? input.size() : eol + 1);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (trim(line).empty()) continue;
        check_line(index, line);
    }
}
