// collect_keys (the XML and CSV exporters' key schema) read in chunks on several threads gives
// what one scan in item order gives: keys in first-seen order, a key's type widened to string
// when its values differ, json_only attributes left out. Checked against that scan, written
// here, on random attribute lists where keys first appear and change type in late chunks.
#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <string>
#include <vector>

#include "exporters/keys.hpp"

using namespace polgraph;

namespace {

std::vector<AttrKey> one_scan(const std::vector<Attrs>& items) {
    std::vector<AttrKey> keys;
    std::map<std::string, std::size_t> pos;
    for (const auto& attrs : items)
        for (const auto& a : attrs) {
            if (a.json_only) continue;
            const std::string type = attr_type_name(a.value);
            auto [it, fresh] = pos.try_emplace(a.name, keys.size());
            if (fresh) keys.push_back({a.name, type});
            else if (keys[it->second].type != type) keys[it->second].type = "string";
        }
    return keys;
}

AttrValue value_of_kind(int kind) {
    switch (kind) {
    case 0:
        return true;
    case 1:
        return std::int64_t{7};
    case 2:
        return 2.5;
    default:
        return std::string("x");
    }
}

} // namespace

TEST_CASE("collect_keys in chunks gives one scan's keys, order and types", "[exporters]") {
    std::mt19937 rng(20261130);
    for (int round = 0; round < 30; ++round) {
        const std::size_t n = 1 + rng() % 20000;
        const int names = 1 + static_cast<int>(rng() % 40);
        // Each name has a usual kind; now and then (more often in later rounds) another one.
        std::vector<int> usual(static_cast<std::size_t>(names));
        for (auto& k : usual) k = static_cast<int>(rng() % 4);
        std::vector<Attrs> items(n);
        for (std::size_t i = 0; i < n; ++i) {
            // Names become available as i grows, so that some appear first in late chunks.
            const int avail = std::max<int>(1, static_cast<int>(names * (i + 1) / n));
            const std::size_t count = rng() % 5;
            for (std::size_t c = 0; c < count; ++c) {
                const int name = static_cast<int>(rng() % static_cast<unsigned>(avail));
                const bool odd = rng() % (2000 + 500 * static_cast<unsigned>(round)) == 0;
                Attr a{"k" + std::to_string(name),
                       value_of_kind(odd ? static_cast<int>(rng() % 4)
                                         : usual[static_cast<std::size_t>(name)]),
                       rng() % 50 == 0};
                items[i].push_back(std::move(a));
            }
        }
        const auto expected = one_scan(items);
        for (std::size_t chunk : {std::size_t{5}, std::size_t{300}, std::size_t{4096}, n}) {
            const auto got = collect_keys(
                n, [&](std::size_t i) { return items[i]; }, chunk);
            INFO("round " << round << ", n " << n << ", chunk " << chunk);
            REQUIRE(got.size() == expected.size());
            for (std::size_t k = 0; k < got.size(); ++k) {
                CHECK(got[k].name == expected[k].name);
                CHECK(got[k].type == expected[k].type);
            }
        }
    }
}
