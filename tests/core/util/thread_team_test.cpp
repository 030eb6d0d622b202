// ThreadTeam (core/util/thread_team.hpp): every chunk runs once per run, on any number of
// threads, run after run; an exception from a chunk reaches the caller and the team stays usable.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <stdexcept>
#include <vector>

#include "core/util/thread_team.hpp"

TEST_CASE("a thread team runs every chunk once per run", "[thread_team]") {
    for (unsigned threads : {0u, 1u, 2u, 4u}) {
        polgraph::ThreadTeam team(threads);
        CHECK(team.size() == std::max(threads, 1u));
        for (std::size_t chunks : {0u, 1u, 3u, 100u}) {
            std::vector<std::atomic<int>> runs(chunks);
            for (int round = 0; round < 20; ++round)
                team.run(chunks, [&](std::size_t c) { runs[c].fetch_add(1); });
            for (std::size_t c = 0; c < chunks; ++c) {
                INFO("threads " << threads << ", chunk " << c << " of " << chunks);
                CHECK(runs[c].load() == 20);
            }
        }
    }
}

TEST_CASE("a thread team rethrows a chunk's exception and keeps working", "[thread_team]") {
    for (unsigned threads : {1u, 3u}) {
        polgraph::ThreadTeam team(threads);
        CHECK_THROWS_AS(team.run(50,
                                 [](std::size_t c) {
                                     if (c == 7) throw std::runtime_error("chunk 7");
                                 }),
                        std::runtime_error);
        std::atomic<int> sum{0};
        team.run(10, [&](std::size_t c) { sum += static_cast<int>(c); });
        CHECK(sum.load() == 45);
    }
}
