// Extracts one article with the installed library and data, prints its entity ids.
#include <iostream>

#include "extractors/pipeline.hpp"
#include "extractors/reader.hpp"

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: consumer DATA_DIR ARTICLE\n";
        return 2;
    }
    auto res = polgraph::Resources::load(argv[1]);
    polgraph::Pipeline pipeline(res, polgraph::PipelineOptions{});
    auto record = pipeline.run(polgraph::read_article(argv[2], "article"));
    for (const auto& e : record.entities) std::cout << e.id << "\n";
    return 0;
}
