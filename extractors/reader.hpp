#pragma once
/// Reading input files into Articles: YAML front matter (yaml-cpp), markdown bodies (cmark-gfm),
/// ```html fences, raw HTML files (gumbo) and plain text. Pure functions, thread-safe.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/article.hpp"

namespace polgraph {

/// What kind of file the bytes are, decided from the file suffix.
enum class InputKind { Markdown, Html, Text };

/// Picks the input kind from a path's suffix (.html/.htm → Html, .txt → Text, else Markdown).
InputKind input_kind_for_path(std::string_view path);

/// Default size limit for one input file (64 MiB); see --max-bytes.
inline constexpr std::uint64_t kDefaultMaxBytes = 64ull << 20;

/// HTML is parsed at most this many elements deep (gumbo's tree construction is quadratic in the
/// nesting depth and frees its tree recursively); see cap_html_nesting.
inline constexpr int kMaxHtmlNesting = 256;

/// Block text drops words holding a run of more ASCII characters than this without white space
/// (base64 data, minified code, hashes): they are not prose. Non-ASCII text (CJK) is not affected.
inline constexpr std::size_t kMaxWordBytes = 256;

/// Returns `html` with the start tags that would open an element deeper than `max_depth` levels
/// (and their end tags) replaced by a space, so the text they held stays. Void elements and
/// elements closed implicitly by their next sibling (p, li, td, ...) do not count. Linear time;
/// sets *capped to whether anything was removed.
std::string cap_html_nesting(std::string_view html, int max_depth, bool* capped = nullptr);

/// Parses one article from its bytes. `path` is only used for messages and the record;
/// `id` becomes Article::id. Throws ParseError (naming `path` and the reason, with a line where
/// known) for input that is not an article: binary data, unterminated or invalid front matter,
/// front matter that is not a mapping, a file with no text at all.
Article parse_article(std::string_view bytes, const std::string& path, const std::string& id,
                      InputKind kind);

/// Reads a file (or "-" for stdin) and parses it. Throws IoError when it cannot be read,
/// ParseError as parse_article, and ParseError when it is larger than `max_bytes`.
Article read_article(const std::string& path, const std::string& id,
                     std::uint64_t max_bytes = kDefaultMaxBytes);

/// Reads a whole file into memory, refusing files larger than `max_bytes` (IoError/ParseError).
std::string read_file_bytes(const std::string& path, std::uint64_t max_bytes);

/// 64-bit FNV-1a of the bytes, as 16 lowercase hex digits.
std::string content_hash(std::string_view bytes);

} // namespace polgraph
