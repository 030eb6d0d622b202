#pragma once
/// What the fuzz targets build once and share between inputs, from the source tree: the resources
/// of data/ (gazetteer tries, word lists, taxonomy) and the extraction pipeline over them. Each is
/// a function-local static, built on the first call and reused by every later input (and by every
/// target in the replay test, which links them all). The source tree is POLGRAPH_SOURCE_DIR, which
/// the build defines.
#include <memory>

#include "extractors/gazetteer.hpp"
#include "extractors/pipeline.hpp"

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

} // namespace polgraph::fuzz
