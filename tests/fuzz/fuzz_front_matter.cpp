// libFuzzer target: YAML front matter. The input becomes the text between the "---" lines of a
// markdown article (so yaml-cpp sees it exactly), read with parse_article. Checks: only
// polgraph::Error escapes (invalid YAML, a list or scalar, too deep, too large), metadata is
// valid UTF-8, the date is ISO; anchors/aliases must not blow up time or memory (libFuzzer's
// -timeout and -rss_limit_mb catch that).
#include <cstddef>
#include <cstdint>
#include <string>

#include "extractors/reader.hpp"
#include "extractors/tokenizer.hpp"
#include "tests/fuzz/fuzz_check.hpp"

using namespace polgraph;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string doc = "---\n";
    doc.append(reinterpret_cast<const char*>(data), size);
    doc += "\n---\nBody text about OpenAI.\n";
    Article a;
    if (!fuzz::only_polgraph_errors([&] { a = parse_article(doc, "fuzz.md", "fuzz", InputKind::Markdown); }))
        return 0;
    fuzz::check_article(a);
    Tokenized t = tokenize(a);
    fuzz::check_offsets(a, t, nullptr);
    return 0;
}
