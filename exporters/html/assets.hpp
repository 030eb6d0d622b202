#pragma once
/// The HTML page's parts, the files of exporters/html/ as they were at build time: the source
/// file defining these functions is generated from them by cmake/embed_assets.cmake.
#include <string_view>

namespace polgraph::detail {

std::string_view viewer_html(); ///< viewer.html, the template with {{title}}, {{style}}, ... slots
std::string_view viewer_css();  ///< viewer.css
std::string_view viewer_js();   ///< viewer.js

} // namespace polgraph::detail
