// Fuzz target: whole file bytes through the article reader, then the tokenizer, the entity
// extractor and the full pipeline with the real data/ directory (all built once, shared by every
// input). An input whose first character (after a BOM and white space) is '<' is read as an HTML
// file, any other as a markdown file and, by the reader only, as a text file: the seeds are read
// as what they are, and a mutation reaches the other readers. Checks: only polgraph::Error
// escapes; every string produced is valid UTF-8; every token and mention lies inside its block
// text (checked inside Pipeline::run, which tokenizes and extracts once); the record survives its
// JSON round trip unchanged.
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/article.hpp"
#include "core/record.hpp"
#include "extractors/pipeline.hpp"
#include "extractors/reader.hpp"
#include "extractors/tokenizer.hpp"
#include "tests/fuzz/fuzz_check.hpp"
#include "tests/fuzz/fuzz_data.hpp"
#include "tests/fuzz/fuzz_target.hpp"

using namespace polgraph;

namespace {

bool looks_like_html(std::string_view bytes) {
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    const std::size_t first = bytes.find_first_not_of(" \t\r\n");
    return first != std::string_view::npos && bytes[first] == '<';
}

// Reads `bytes` as `kind`; false when the reader refuses them (a polgraph::Error).
bool read_checked(std::string_view bytes, InputKind kind, Article& a) {
    if (!fuzz::only_polgraph_errors([&] { a = parse_article(bytes, "fuzz", "fuzz", kind); }))
        return false;
    fuzz::check_article(a);
    return true;
}

} // namespace

POLGRAPH_FUZZ_TARGET(article) {
    const Pipeline& p = fuzz::pipeline();
    const bool html = looks_like_html(input);
    Article a;
    if (!html) read_checked(input, InputKind::Text, a);
    if (!read_checked(input, html ? InputKind::Html : InputKind::Markdown, a)) return;
    ArticleRecord r;
    const auto check = [&](const Tokenized& t, const EntityResult& er) {
        fuzz::check_offsets(a, t, &er);
    };
    if (!fuzz::only_polgraph_errors([&] { r = p.run(a, check); })) return;
    const nlohmann::json j = to_json(r);
    const std::string line = fuzz::check_json_strings(j, "record");
    ArticleRecord back;
    if (!fuzz::only_polgraph_errors([&] { back = record_from_json(line); }))
        fuzz::fail("a record does not read back from its own JSON");
    if (to_json(back) != j) fuzz::fail("record JSON round trip is not lossless");
}
