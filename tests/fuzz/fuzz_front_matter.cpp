// Fuzz target: YAML front matter. The input becomes the text between the "---" lines of a
// markdown article (so yaml-cpp sees it exactly), read with parse_article. Checks: only
// polgraph::Error escapes (invalid YAML, a list or scalar, too deep, too large), metadata is
// valid UTF-8, the date is ISO; anchors/aliases must not blow up time or memory (libFuzzer's
// -timeout and -rss_limit_mb catch that).
#include <string>
#include <string_view>

#include "core/article.hpp"
#include "extractors/reader.hpp"
#include "extractors/tokenizer.hpp"
#include "tests/fuzz/fuzz_check.hpp"
#include "tests/fuzz/fuzz_target.hpp"

using namespace polgraph;

POLGRAPH_FUZZ_TARGET(front_matter) {
    std::string doc = "---\n";
    doc += input;
    doc += "\n---\nBody text about OpenAI.\n";
    Article a;
    if (!fuzz::only_polgraph_errors(
            [&] { a = parse_article(doc, "fuzz.md", "fuzz", InputKind::Markdown); }))
        return;
    fuzz::check_article(a);
    fuzz::check_offsets(a, tokenize(a), nullptr);
}
