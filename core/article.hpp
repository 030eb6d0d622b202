#pragma once
/// An article as read from one input file: metadata from the front matter and the body as ordered
/// plain-text blocks. Produced by the reader, consumed by the extractors; never contains markup.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace polgraph {

/// One block of plain text, in document order.
struct Block {
    enum class Kind { Title, Subtitle, Description, Meta, Heading, Paragraph };
    Kind kind = Kind::Paragraph;
    int level = 0;    ///< heading level (1-6) for headings
    std::string text; ///< normalised UTF-8 (see normalize_text), single-spaced
};

const char* block_kind_name(Block::Kind k);

struct Article {
    std::string id;       ///< file stem, or the path relative to the input root on a collision
    std::string path;     ///< path as given on the command line (or "-" for stdin)
    std::string title;
    std::string subtitle;
    std::string description;
    std::string date;     ///< ISO YYYY-MM-DD, or "" when unknown
    std::string source;
    std::string url;
    std::vector<std::string> authors;
    std::vector<std::string> tags; ///< tags, categories and keywords from the front matter
    std::map<std::string, std::string> fields; ///< every scalar front-matter field, as written
    std::vector<Block> blocks;     ///< title/subtitle/description/meta first, then the body
    std::string content_hash;      ///< hex FNV-1a 64 of the file bytes
    std::uint64_t bytes = 0;       ///< size of the file
    std::vector<std::string> warnings; ///< problems that did not stop the read (e.g. unclosed fence)
};

} // namespace polgraph
