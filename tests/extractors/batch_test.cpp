// extract_batch (extractors/batch.hpp), the library call behind `polgraph extract` and Python's
// polgraph.extract: its records, failures and warnings, shards of a listing, and its hooks. The
// CLI's side of the same run is tested in tests/batch/batch_test.cpp.
#include <catch2/catch.hpp>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "extractors/batch.hpp"
#include "support.hpp"

using polgraph::BatchHooks;
using polgraph::BatchOptions;
using polgraph::BatchProgress;
using polgraph::BatchResult;
using polgraph::extract_batch;
using polgraph::test::TempDir;

namespace {

std::string sample() {
    return polgraph::test::source_dir() + "/data/sample";
}

/// (id, path, hash) of each record, in the result's order.
std::vector<std::string> summary(const BatchResult& r) {
    std::vector<std::string> out;
    for (const auto& rec : r.records) out.push_back(rec.id + " " + rec.path + " " + rec.hash);
    return out;
}

/// A sample article copied to `dir/name` (two copies with one stem in two folders make the
/// listing give path-based ids), with `extra` appended.
void copy_article(const TempDir& tmp, const std::string& name, const std::string& extra) {
    tmp.write(name, polgraph::test::read_file(sample() + "/04_taiwan-fabs.md") + extra);
}

} // namespace

TEST_CASE("extract_batch: the same records in id order whatever jobs", "[extract_batch]") {
    BatchOptions one, two;
    one.jobs = 1;
    two.jobs = 2;
    BatchResult a = extract_batch(std::vector<std::string>{sample()}, one);
    BatchResult b = extract_batch(std::vector<std::string>{sample()}, two);
    REQUIRE(a.records.size() == a.inputs);
    REQUIRE(a.inputs == 6);
    CHECK(summary(a) == summary(b));
    CHECK(std::is_sorted(a.records.begin(), a.records.end(),
                         [](const auto& x, const auto& y) { return x.id < y.id; }));
    CHECK(a.failures.empty());
    CHECK(a.threads == 1);
    CHECK(b.readers == 2);
}

TEST_CASE("extract_batch: failures by path, warnings, and why nothing was read",
          "[extract_batch]") {
    TempDir tmp;
    copy_article(tmp, "in/good.md", "");
    tmp.write("in/z-broken.md", "---\ntitle: [unclosed\n---\nText.\n");
    tmp.write("in/undated.md", "---\ntitle: T\nnewsDate: 05/03/2026\n---\nThe EU met.\n");
    const std::string missing = tmp.file("a-missing");
    BatchResult r = extract_batch(std::vector<std::string>{tmp.file("in"), missing}, {});
    REQUIRE(r.failures.size() == 2);
    CHECK(r.failures[0].path == missing);
    CHECK(r.failures[1].path == tmp.file("in/z-broken.md"));
    CHECK(r.failures[1].reason.rfind("line 3: invalid YAML front matter", 0) == 0);
    REQUIRE(r.warnings.size() == 1);
    CHECK(r.warnings[0].path == tmp.file("in/undated.md"));
    CHECK(r.records.size() == 2);

    BatchOptions md_only;
    md_only.globs = {"*.zzz"};
    BatchResult none = extract_batch(std::vector<std::string>{tmp.file("in")}, md_only);
    CHECK(none.records.empty());
    CHECK(polgraph::empty_batch_reason(none, {tmp.file("in")}, md_only.globs, false) ==
          "no file matched *.zzz; skipped 3 .md");
    BatchResult unread = extract_batch(std::vector<std::string>{missing}, {});
    CHECK(polgraph::empty_batch_reason(unread, {missing}, {}, true) ==
          "no input could be read (1 error above)");
}

TEST_CASE("extract_batch: a shard of a listing keeps the ids of the whole", "[extract_batch]") {
    TempDir tmp;
    copy_article(tmp, "root/a/fabs.md", "\nTSMC in Arizona.\n");
    copy_article(tmp, "root/b/fabs.md", "\nTSMC in Japan.\n");
    std::vector<polgraph::InputError> errors;
    auto listed = polgraph::collect_inputs({tmp.file("root")}, polgraph::default_globs(), errors);
    REQUIRE(listed.size() == 2);
    CHECK(listed[1].id == "b/fabs");
    BatchResult whole = extract_batch(std::vector<std::string>{tmp.file("root")}, {});
    BatchResult shard = extract_batch(std::vector<polgraph::InputFile>{listed[1]}, {});
    REQUIRE(shard.records.size() == 1);
    CHECK(summary(shard)[0] == summary(whole)[1]);
    // Alone, the file gets its stem: another record.
    BatchResult alone = extract_batch(std::vector<std::string>{listed[1].path}, {});
    CHECK(alone.records.at(0).id == "fabs");
}

TEST_CASE("extract_batch: progress reaches the total, and a hook that throws stops the batch",
          "[extract_batch]") {
    BatchHooks hooks;
    std::vector<BatchProgress> seen;
    hooks.on_progress = [&](const BatchProgress& p) { seen.push_back(p); };
    std::size_t listed = 0;
    hooks.on_inputs = [&](const BatchResult& so_far) { listed = so_far.inputs; };
    BatchResult r = extract_batch(std::vector<std::string>{sample()}, {}, hooks);
    CHECK(listed == 6);
    REQUIRE(!seen.empty());
    CHECK(seen.back().done == 6);
    CHECK(seen.back().total == 6);
    CHECK(seen.back().bytes > 0);

    hooks.on_progress = [](const BatchProgress&) { throw std::runtime_error("stop"); };
    CHECK_THROWS_WITH(extract_batch(std::vector<std::string>{sample()}, {}, hooks), "stop");
    // Nothing is left running: the next batch gives the same records.
    CHECK(summary(extract_batch(std::vector<std::string>{sample()}, {})) == summary(r));
}
