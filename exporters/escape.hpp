#pragma once
/// The one place where text is escaped for XML, JSON and CSV output. All sanitise first: invalid
/// UTF-8 becomes U+FFFD and characters that XML 1.0 forbids (C0 controls other than tab, newline
/// and carriage return, U+FFFE/U+FFFF) are removed, so no output file is ever invalid.
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

namespace polgraph {

/// Escapes text for XML element content and attribute values (&, <, >, ", ' and CR/LF/tab in
/// attributes as character references).
std::string xml_escape(std::string_view s);

/// Writes (appends) a JSON string literal (with quotes), escaping as RFC 8259 requires.
void write_json_string(std::ostream& out, std::string_view s);
void append_json_string(std::string& out, std::string_view s);
std::string json_quote(std::string_view s);

/// JSON text made safe to inline in an HTML <script> element: every `<`, U+2028 and U+2029 is
/// written \u003c, \u2028, \u2029. Outside its strings JSON has none of them, so the value is
/// the same; without a `<` no text can end the element (`</script`) or open a comment (`<!--`),
/// and the line separators cannot end a JavaScript line.
std::string json_for_script(std::string_view json);

/// One CSV field as RFC 4180 wants it: sanitised like the others, quoted (with "" for a quote)
/// when it holds a comma, quote, CR or LF or starts or ends with white space.
/// `single_line` also turns CR, LF and tab into spaces, for readers that refuse multi-line
/// fields (neo4j-admin import without --multiline-fields).
std::string csv_field(std::string_view s, bool single_line = false);

/// Appends an integer in decimal, as `ostream << x` writes it.
void append_integer(std::string& out, std::int64_t x);

/// Formats a double the same way everywhere (shortest round-trip form, never NaN/Inf).
std::string format_number(double x);

/// A node coordinate (layout position): rounded to 3 decimals, then as format_number. Layouts
/// place nodes units to thousands of units apart; a thousandth of a unit is below any pixel.
std::string format_coordinate(double x);

} // namespace polgraph
