// Fuzz target: polgraph's JSON scanner (store/json_scan) against nlohmann::json. For any
// bytes, both accept or both refuse, and what they accept reads as the same value. The two known
// differences are checked as such: a NUL byte, which nlohmann takes for the end of the input and
// the scanner refuses; and nesting deeper than the scanner's limit, which it refuses on purpose.
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "store/json_scan.hpp"
#include "tests/fuzz/fuzz_check.hpp"
#include "tests/fuzz/fuzz_target.hpp"
#include "tests/store/json_scan_support.hpp"

using namespace polgraph;
using nlohmann::json;
using polgraph::test::to_nlohmann;

POLGRAPH_FUZZ_TARGET(json_scan) {
    const std::string text(input);
    bool ours_ok = false;
    json ours;
    try {
        JsonScanner scan(text, 64);
        JsonDoc doc;
        scan.start();
        const JsonValue& v = scan.parse(doc, 0);
        scan.finish();
        ours = to_nlohmann(v);
        ours_ok = true;
    } catch (const JsonDepthError&) {
        return; // deeper than the limit: refused on purpose
    } catch (const JsonSyntaxError&) {
    }
    if (text.find('\0') != std::string::npos) {
        if (ours_ok) fuzz::fail("the scanner accepted a NUL byte");
        return;
    }
    bool theirs_ok = false;
    json theirs;
    try {
        theirs = json::parse(text);
        theirs_ok = true;
    } catch (const json::exception&) {
    }
    if (ours_ok != theirs_ok)
        fuzz::fail(ours_ok ? "the scanner accepted what nlohmann refuses"
                           : "the scanner refused what nlohmann accepts");
    if (ours_ok && ours != theirs) fuzz::fail("the scanner read another value than nlohmann");
}
