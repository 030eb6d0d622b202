// CSV quoting (RFC 4180) of exporters/escape.hpp.
#include <catch2/catch.hpp>

#include "exporters/escape.hpp"

using polgraph::csv_field;

TEST_CASE("csv_field quotes only what needs it", "[csv]") {
    CHECK(csv_field("plain") == "plain");
    CHECK(csv_field("") == "");
    CHECK(csv_field("a,b") == "\"a,b\"");
    CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csv_field("two\nlines") == "\"two\nlines\"");
    CHECK(csv_field("cr\rhere") == "\"cr\rhere\"");
    CHECK(csv_field(" padded") == "\" padded\"");
    CHECK(csv_field("semi;colon") == "semi;colon");
}

TEST_CASE("csv_field sanitises and can keep fields on one line", "[csv]") {
    CHECK(csv_field("ctl\x01\x1f!") == "ctl!");
    CHECK(csv_field("bad\xff") == "bad\xEF\xBF\xBD");
    CHECK(csv_field("two\nlines", true) == "two lines");
    CHECK(csv_field("a\r\nb,c", true) == "\"a  b,c\"");
    CHECK(csv_field("tab\tx", true) == "tab x");
}
