// The extractors' word table: look-ups find exactly the inserted words (including ones that share
// a hash prefix, long ones and the empty word) and keep finding them after it grows.
#include <string>

#include <catch2/catch.hpp>

#include "core/util/word_table.hpp"

using namespace polgraph;

TEST_CASE("WordTable finds what was inserted and nothing else", "[word_table]") {
    WordTable<int> t;
    CHECK(t.find("the") == nullptr);
    t.insert("the") = 1;
    t.insert("") = 2;
    t.insert("internationalisation-and-more") = 3;
    CHECK(t.insert("the") == 1); // an existing word is not added again
    REQUIRE(t.size() == 3);
    REQUIRE(t.find("the") != nullptr);
    CHECK(*t.find("the") == 1);
    CHECK(*t.find("") == 2);
    CHECK(*t.find("internationalisation-and-more") == 3);
    CHECK(t.find("th") == nullptr);
    CHECK(t.find("thee") == nullptr);
    CHECK(t.find("internationalisation-and-mor") == nullptr);
    CHECK(t.key(1).empty());
}

TEST_CASE("WordTable keeps every word through rehashing", "[word_table]") {
    WordTable<std::size_t> t;
    for (std::size_t i = 0; i < 5000; ++i) t.insert("w" + std::to_string(i)) = i;
    REQUIRE(t.size() == 5000);
    for (std::size_t i = 0; i < 5000; ++i) {
        const std::size_t* v = t.find("w" + std::to_string(i));
        REQUIRE(v != nullptr);
        CHECK(*v == i);
        CHECK(t.key(i) == "w" + std::to_string(i));
    }
    CHECK(t.find("w5000") == nullptr);
    CHECK(t.find("x1") == nullptr);
}
