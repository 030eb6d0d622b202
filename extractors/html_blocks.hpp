#pragma once
/// HTML to article blocks, for the reader (extractors/reader.cpp): gumbo parses the HTML (capped to
/// kMaxHtmlNesting levels first, see cap_html_nesting in extractors/reader.hpp) and a DOM walk cuts
/// its text into headings and paragraphs. Pure functions, thread-safe.
#include <string>
#include <string_view>
#include <vector>

#include "core/article.hpp"

namespace polgraph::detail {

/// What the walk found: the blocks, and what a whole page says about itself.
struct HtmlResult {
    std::vector<Block> blocks;
    std::string title; ///< <title>
    std::string first_h1;
    std::string meta_description;
    std::string meta_date;
};

/// The blocks of `html`; with `whole_page`, page chrome (header, footer, aside, nav) is dropped
/// and the title, description and date are read from the head. Problems that do not stop the read
/// (nesting capped) are added to `warnings`.
HtmlResult html_to_blocks(std::string_view html, bool whole_page,
                          std::vector<std::string>& warnings);

/// Block text: normalised, single-spaced, without words holding a run of more than kMaxWordBytes
/// ASCII characters (base64 data, minified code, hashes are not prose).
std::string block_text(std::string_view raw);

} // namespace polgraph::detail
