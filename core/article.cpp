#include "core/article.hpp"

namespace polgraph {

const char* block_kind_name(Block::Kind k) {
    switch (k) {
    case Block::Kind::Title: return "title";
    case Block::Kind::Subtitle: return "subtitle";
    case Block::Kind::Description: return "description";
    case Block::Kind::Meta: return "meta";
    case Block::Kind::Heading: return "heading";
    case Block::Kind::Paragraph: return "paragraph";
    }
    return "paragraph";
}

} // namespace polgraph
