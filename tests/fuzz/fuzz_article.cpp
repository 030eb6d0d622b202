// libFuzzer target: the article reader on whole file bytes (markdown, HTML or plain text, by the
// input's size modulo 3), then the tokenizer, the entity extractor and the full pipeline with the
// real data/ directory. Checks: only polgraph::Error escapes; every string produced is valid
// UTF-8; every token and mention lies inside its block text; the record survives its JSON round
// trip unchanged.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "core/record.hpp"
#include "extractors/pipeline.hpp"
#include "extractors/reader.hpp"
#include "tests/fuzz/fuzz_check.hpp"

using namespace polgraph;

namespace {

const Pipeline& pipeline() {
    static const auto res = Resources::load(resolve_data_dir(POLGRAPH_SOURCE_DIR "/data"));
    static const Pipeline p(res, PipelineOptions{true, 1.0, 40});
    return p;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    pipeline();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    static const InputKind kinds[] = {InputKind::Markdown, InputKind::Html, InputKind::Text};
    const InputKind kind = kinds[size % 3];
    Article a;
    if (!fuzz::only_polgraph_errors([&] { a = parse_article(bytes, "fuzz.md", "fuzz", kind); }))
        return 0;
    fuzz::check_article(a);
    const Pipeline& p = pipeline();
    Tokenized t = tokenize(a);
    EntityExtractor entities(p.resources().gazetteer, p.resources().lexicon);
    EntityResult er = entities.extract(a, t);
    fuzz::check_offsets(a, t, &er);
    ArticleRecord r;
    fuzz::only_polgraph_errors([&] { r = p.run(a); });
    const nlohmann::json j = to_json(r);
    fuzz::check_json_strings(j, "record");
    ArticleRecord back;
    if (!fuzz::only_polgraph_errors([&] { back = record_from_json(j.dump()); }))
        fuzz::fail("a record does not read back from its own JSON");
    if (to_json(back) != j) fuzz::fail("record JSON round trip is not lossless");
    return 0;
}
