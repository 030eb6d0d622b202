// The binary graph snapshot: lossless against node-link JSON through the real CLI (export, query,
// merge, --update), and a reader that trusts nothing: damaged files from the CLI, and hand-made
// files with a valid checksum (built here from the layout documented in store/graph_snapshot.cpp)
// that break one rule each.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <mutex>
#include <regex>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/graph.hpp"
#include "core/graph_impl.hpp"
#include "core/util/text.hpp"
#include "store/graph_io.hpp"
#include "store/graph_snapshot.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using polgraph::is_snapshot_file;
using polgraph::KnowledgeGraph;
using polgraph::load_graph;
using polgraph::read_graph_json;
using polgraph::read_snapshot;
using polgraph::write_snapshot;
using polgraph::test::read_file;
using polgraph::test::run;
using polgraph::test::run_ok;
using polgraph::test::RunResult;
using polgraph::test::sh_quote;
using polgraph::test::TempDir;

namespace {

std::string bin() {
    return polgraph::test::polgraph_bin();
}

std::string sample() {
    return sh_quote(polgraph::test::source_dir() + "/data/sample");
}

// ---- a hand-made snapshot: two nodes (an article, an entity) and one mentions edge ------------

struct Spec {
    std::vector<std::string> kinds{"mentions"};
    std::uint8_t entity_kind = 1; // NodeKind::Entity
    std::string entity_id = "person:ada";
    std::string label = "Ada";
    std::uint32_t source = 0, target = 1;
    std::uint8_t kind = 0;
    double weight = 2;
    std::uint32_t out_degree = 1; // of the article
    std::string keyphrase = R"({"score":1.5,"text":"chip rules"})";
    std::uint32_t forms = 1;   // count written for the forms list
    int attr_depth = 0;        // nesting of arrays in the entity's attributes
    std::size_t note = 0;      // bytes of a text attribute of the entity (a large snapshot)
    bool title_number = false; // the article's title written as a number
    bool extra_field = false;  // the article's attributes with an unknown 15th field first
    std::string trailing;
    std::uint32_t version = 1;
};

class Bytes {
public:
    template <class T> Bytes& pod(T v) {
        char b[sizeof(T)];
        std::memcpy(b, &v, sizeof(T));
        s.append(b, sizeof(T));
        return *this;
    }
    Bytes& str(const std::string& v) {
        pod<std::uint32_t>(static_cast<std::uint32_t>(v.size()));
        s += v;
        return *this;
    }
    std::string s;
};

std::string attrs_value(int depth, std::size_t note) {
    Bytes v;
    v.pod<std::uint8_t>(8).pod<std::uint32_t>((depth > 0) + (note > 0)); // {
    if (depth > 0) {
        v.str("deep");                                                                // "deep":
        for (int i = 0; i < depth; ++i) v.pod<std::uint8_t>(7).pod<std::uint32_t>(1); // [[[...
        v.pod<std::uint8_t>(0);                                                       // null
    }
    if (note > 0) v.str("note").pod<std::uint8_t>(6).str(std::string(note, 'n')); // "note": "nn.."
    return v.s;
}

// An article's attributes as the writer lays them out: an object of 14 fields in key order,
// each set away from its default.
std::string article_value(bool title_number, bool extra_field, const std::string& keyphrase) {
    Bytes v;
    auto strs = [&](std::initializer_list<const char*> xs) {
        v.pod<std::uint8_t>(7).pod<std::uint32_t>(static_cast<std::uint32_t>(xs.size()));
        for (const char* x : xs) v.pod<std::uint8_t>(6).str(x);
    };
    auto text = [&](const char* x) { v.pod<std::uint8_t>(6).str(x); };
    v.pod<std::uint8_t>(8).pod<std::uint32_t>(extra_field ? 15 : 14);
    if (extra_field) v.str("added_later"), text("by a newer writer");
    v.str("authors"), strs({"Ann Lee", "Bo Chen"});
    v.str("bytes").pod<std::uint8_t>(4).pod<std::uint64_t>(5000000000ull);
    v.str("hash"), text("00ff00ff00ff00ff");
    v.str("keyphrase_candidates"), strs({keyphrase.c_str()});
    v.str("meta").pod<std::uint8_t>(8).pod<std::uint32_t>(2);
    v.str("lang"), text("en");
    v.str("section"), text("Tech");
    v.str("min_topic_score").pod<std::uint8_t>(5).pod<double>(2.5);
    v.str("path"), text("in/a1.md");
    v.str("sentences").pod<std::uint8_t>(4).pod<std::uint64_t>(7);
    v.str("source"), text("Example News");
    v.str("tags"), strs({"ai", "chips"});
    if (title_number) v.str("title").pod<std::uint8_t>(4).pod<std::uint64_t>(5);
    else v.str("title"), text("An article");
    v.str("topic_candidates"),
        strs(
            {R"({"id":"topic:ai","name":"AI","parent":"","score":3.0,"source":"taxonomy"})",
             R"({"id":"topic:chips","name":"Chips","parent":"topic:ai","parent_name":"AI","score":2.5,"source":"taxonomy"})"});
    v.str("topic_cues"), strs({"chip", "export control"});
    v.str("url"), text("https://example.org/a1");
    return v.s;
}

void node(Bytes& p, const std::string& id, std::uint8_t kind, const std::string& type,
          const std::string& label, std::uint32_t out, std::uint32_t in, const std::string& attrs) {
    p.str(id).pod<std::uint8_t>(kind).str(type).str(label).str("2024-05-01");
    p.pod<double>(1).pod<std::int32_t>(1).pod<std::uint32_t>(out).pod<std::uint32_t>(in);
    p.pod<std::uint64_t>(attrs.size());
    p.s += attrs;
}

std::string build(const Spec& sp) {
    Bytes p;
    p.pod<std::uint32_t>(static_cast<std::uint32_t>(sp.kinds.size()));
    for (const auto& k : sp.kinds) p.str(k);
    p.pod<std::uint64_t>(2);
    node(p, "a1", 0, "article", "An article", sp.out_degree, 0,
         article_value(sp.title_number, sp.extra_field, sp.keyphrase));
    node(p, sp.entity_id, sp.entity_kind, "person", sp.label, 0, 1,
         attrs_value(sp.attr_depth, sp.note));
    p.pod<std::uint64_t>(1);
    p.pod<std::uint32_t>(sp.source).pod<std::uint32_t>(sp.target).pod<std::uint8_t>(sp.kind);
    p.pod<std::uint8_t>(1 | 2).pod<double>(sp.weight).pod<std::uint32_t>(0);
    p.pod<std::uint32_t>(sp.forms).str("Ada");                           // forms
    p.pod<std::uint32_t>(2).pod<std::uint32_t>(0).pod<std::uint32_t>(3); // sentence ids
    p.str("gazetteer").pod<double>(1).pod<std::uint8_t>(1).str("");      // source .. name
    p.pod<std::uint32_t>(0);                                             // evidence
    p.s += sp.trailing;
    return polgraph::snapshot_header(p.s, sp.version) + p.s;
}

// The error of loading the snapshot of `sp`, the same whether the whole graph is read or only
// what records are made of (records_only: the edges are checked all the same).
std::string load_error(const Spec& sp) {
    std::string errors[2];
    for (bool records_only : {false, true}) {
        try {
            read_snapshot(
                build(sp), "made.pgsnap", [](std::size_t, std::size_t) {}, std::size_t{16} << 20,
                records_only);
            errors[records_only] = "(loaded)";
        } catch (const polgraph::Error& e) {
            errors[records_only] = e.what();
        }
    }
    if (errors[0] != errors[1])
        return "(the two modes differ: " + errors[0] + " | " + errors[1] + ")";
    return errors[0];
}

} // namespace

TEST_CASE("a hand-made snapshot loads with every field as written", "[snapshot]") {
    const KnowledgeGraph g = read_snapshot(build(Spec{}), "made.pgsnap");
    REQUIRE(g.node_count() == 2);
    REQUIRE(g.edge_count() == 1);
    CHECK(g.node(0).kind == polgraph::NodeKind::Article);
    const polgraph::ArticleInfo& a = g.node(0).article;
    CHECK(a.title == "An article");
    CHECK(a.source == "Example News");
    CHECK(a.url == "https://example.org/a1");
    CHECK(a.path == "in/a1.md");
    CHECK(a.hash == "00ff00ff00ff00ff");
    CHECK(a.bytes == 5000000000ull);
    CHECK(a.sentences == 7);
    CHECK(a.authors == std::vector<std::string>{"Ann Lee", "Bo Chen"});
    CHECK(a.tags == std::vector<std::string>{"ai", "chips"});
    CHECK(a.meta == std::map<std::string, std::string>{{"lang", "en"}, {"section", "Tech"}});
    CHECK(a.min_topic_score == 2.5);
    CHECK(to_strings(a.topic_cues) == std::vector<std::string>{"chip", "export control"});
    CHECK(a.topic_candidates.size() == 2);
    CHECK(a.keyphrase_candidates ==
          std::vector<std::string>{R"({"score":1.5,"text":"chip rules"})"});
    CHECK(g.node(1).id == "person:ada");
    CHECK(g.node(1).date == "2024-05-01");
    int edges = 0;
    g.for_each_edge([&](std::size_t s, std::size_t t, const polgraph::Edge& e) {
        ++edges;
        CHECK(s == 0);
        CHECK(t == 1);
        CHECK(e.kind == "mentions");
        CHECK(e.weight == 2);
        CHECK(e.more().forms == std::vector<std::string>{"Ada"});
        CHECK(e.more().sentence_ids == std::vector<std::uint32_t>{0, 3});
        CHECK(e.more().in_lead);
    });
    CHECK(edges == 1);
    // What the reader built writes back to the same bytes.
    std::ostringstream out;
    write_snapshot(g, out);
    CHECK(out.str() == build(Spec{}));
}

TEST_CASE("article attributes in another layout load the same as the writer's", "[snapshot]") {
    // The writer's layout is decoded field by field; any other object goes through the general
    // JSON path. Both must give the same article, which writes back to the writer's bytes.
    Spec other;
    other.extra_field = true;
    const KnowledgeGraph a = read_snapshot(build(Spec{}), "made.pgsnap");
    const KnowledgeGraph b = read_snapshot(build(other), "other.pgsnap");
    std::ostringstream out_a, out_b;
    write_snapshot(a, out_a);
    write_snapshot(b, out_b);
    CHECK(out_b.str() == out_a.str());
    CHECK(out_a.str() == build(Spec{}));
    CHECK(b.node(0).article.meta == a.node(0).article.meta);
    CHECK(b.node(0).article.topic_candidates == a.node(0).article.topic_candidates);
}

TEST_CASE("hand-made snapshots that break one rule are refused with the reason", "[snapshot]") {
    using Catch::Contains;
    Spec s;
    s.target = 7;
    CHECK_THAT(load_error(s), Contains("made.pgsnap: damaged snapshot at byte") &&
                                  Contains("joins a node that does not exist"));
    s = {};
    s.kind = 3;
    CHECK_THAT(load_error(s), Contains("has an unknown kind"));
    s = {};
    s.kinds = {"flies_to"};
    CHECK_THAT(load_error(s), Contains("unknown edge kind \"flies_to\""));
    s = {};
    s.source = 1, s.target = 0; // entity -> article
    CHECK_THAT(load_error(s), Contains("a mentions edge cannot join \"person:ada\" to \"a1\""));
    s = {};
    s.entity_kind = 9;
    CHECK_THAT(load_error(s), Contains("unknown node kind"));
    s = {};
    s.entity_id = "a1";
    CHECK_THAT(load_error(s), Contains("duplicate node id \"a1\""));
    s = {};
    s.out_degree = 4000000000u;
    CHECK_THAT(load_error(s), Contains("node degrees do not add up"));
    s = {};
    s.forms = 0xFFFFFFFFu;
    CHECK_THAT(load_error(s), Contains("impossible count of mention form"));
    s = {};
    s.weight = std::numeric_limits<double>::quiet_NaN();
    CHECK_THAT(load_error(s), Contains("edge weight is not a finite number"));
    s = {};
    s.attr_depth = 100000; // would exhaust the stack if the reader recursed without a bound
    CHECK_THAT(load_error(s), Contains("attributes nested too deep"));
    s = {};
    s.trailing = "x";
    CHECK_THAT(load_error(s), Contains("data after the last edge"));
    s = {};
    s.title_number = true;
    CHECK_THAT(load_error(s), Contains("bad attributes of article \"a1\""));
    s = {};
    // Candidates are copied into node-link JSON as they are: only the fold's own text loads.
    for (const char* bad : {R"({"score":1.5,"text":m})", R"({"text":"chip rules","score":1.5})",
                            R"({"score":1.5})", "[]", R"({"score":1.5,"text":"chip rules"} )"}) {
        s.keyphrase = bad;
        CHECK_THAT(load_error(s), Contains("bad topic or keyphrase candidate of article \"a1\""));
    }
    s = {};
    s.version = 2;
    CHECK_THAT(load_error(s), Contains("made.pgsnap: snapshot version 2"));
    // Damage that the checksum catches, and files cut short anywhere.
    std::string good = build(Spec{});
    std::string flipped = good;
    flipped[good.size() - 5] ^= 0x40;
    CHECK_THROWS_WITH(read_snapshot(flipped, "f"), Contains("checksum mismatch"));
    for (std::size_t cut = polgraph::kSnapshotMagic.size(); cut < good.size(); cut += 7)
        CHECK_THROWS_AS(read_snapshot(good.substr(0, cut), "f"), polgraph::Error);
}

TEST_CASE("a large snapshot, its attributes decoded on a second thread, loads and fails as a "
          "small one",
          "[snapshot]") {
    // From 256 KB of attributes on (a 300 KB note), the attributes are decoded on a second
    // thread while the edges are read; below, after the edges on one thread. The same graph, and
    // the same error (but for its byte offsets, which the note moves), either way.
    const auto no_offsets = [](const std::string& e) {
        return std::regex_replace(e, std::regex("at byte [0-9]+"), "at byte N");
    };
    std::vector<Spec> specs(6);
    specs[1].attr_depth = 100;
    specs[2].target = 7; // a bad edge
    specs[3].attr_depth = 100, specs[3].target = 7;
    specs[4].title_number = true; // bad article attributes
    specs[5].title_number = true, specs[5].trailing = "x";
    for (Spec s : specs) {
        const std::string small = load_error(s);
        s.note = std::size_t{300} << 10;
        CHECK(no_offsets(load_error(s)) == no_offsets(small));
    }
    CHECK_THAT(load_error(specs[1]), Catch::Contains("attributes nested too deep"));
    CHECK_THAT(load_error(specs[3]), Catch::Contains("joins a node that does not exist"));
    CHECK_THAT(load_error(specs[5]), Catch::Contains("data after the last edge"));
    Spec big;
    big.note = std::size_t{300} << 10;
    const KnowledgeGraph g = read_snapshot(build(big), "big.pgsnap");
    CHECK(g.node(1).attrs.at("note") == std::string(big.note, 'n'));
    std::ostringstream out;
    write_snapshot(g, out);
    CHECK(out.str() == build(big));
}

TEST_CASE("text in a snapshot is cleaned as the JSON loader cleans it", "[snapshot]") {
    Spec s;
    s.label = "Ada\x01 \xff Lovelace";
    const KnowledgeGraph g = read_snapshot(build(s), "made.pgsnap");
    const std::string& label = g.node(1).label;
    CHECK(label == polgraph::sanitize_utf8(s.label));
    CHECK(polgraph::is_valid_utf8(label));
    CHECK(label.find('\x01') == std::string::npos);
    // Cleaned on the way in, so loading what is written back changes nothing.
    std::ostringstream once, twice;
    write_snapshot(g, once);
    write_snapshot(read_snapshot(once.str(), "once"), twice);
    CHECK(once.str() == twice.str());
}

TEST_CASE("snapshot and node-link JSON hold the same graph, byte for byte both ways",
          "[snapshot]") {
    TempDir tmp;
    const std::string j = tmp.file("g.json"), s = tmp.file("g.pgsnap");
    run_ok(bin() + " extract " + sample() + " -q -o " + sh_quote(j) + " -o " + sh_quote(s));
    REQUIRE(is_snapshot_file(s));
    CHECK_FALSE(is_snapshot_file(j));
    run_ok(bin() + " export " + sh_quote(s) + " -q -o " + sh_quote(tmp.file("back.json")));
    CHECK(read_file(tmp.file("back.json")) == read_file(j));
    run_ok(bin() + " export " + sh_quote(j) + " -q -o " + sh_quote(tmp.file("back.pgsnap")));
    CHECK(read_file(tmp.file("back.pgsnap")) == read_file(s));
    // --format wins over the suffix, and stdin works too.
    run_ok(bin() + " export - -q --format snapshot -o " + sh_quote(tmp.file("stdin.bin")) + " < " +
           sh_quote(s));
    CHECK(read_file(tmp.file("stdin.bin")) == read_file(s));
    // Every other format is the same whichever form the graph was loaded from.
    for (const char* out : {"x.graphml", "x.gexf", "x.csv"}) {
        run_ok(bin() + " export " + sh_quote(j) + " -q -o " +
               sh_quote(tmp.file(std::string("j") + out)));
        run_ok(bin() + " export " + sh_quote(s) + " -q -o " +
               sh_quote(tmp.file(std::string("s") + out)));
    }
    CHECK(read_file(tmp.file("jx.graphml")) == read_file(tmp.file("sx.graphml")));
    CHECK(read_file(tmp.file("jx.gexf")) == read_file(tmp.file("sx.gexf")));
    CHECK(read_file(tmp.file("jx.edges.csv")) == read_file(tmp.file("sx.edges.csv")));
}

TEST_CASE("a snapshot has the same bytes on a stream that cannot seek back", "[snapshot]") {
    // A file (the command's output) gets its header's checksum patched in after the payload;
    // a stream that cannot seek (a pipe) gets the payload hashed in a pass of its own first.
    TempDir tmp;
    const std::string s = tmp.file("g.pgsnap");
    run_ok(bin() + " extract " + sample() + " -q -o " + sh_quote(s));
    const KnowledgeGraph g = load_graph(s); // checks the patched checksum
    struct AppendOnly : std::streambuf {
        std::string bytes;
        int_type overflow(int_type c) override {
            if (!traits_type::eq_int_type(c, traits_type::eof()))
                bytes.push_back(traits_type::to_char_type(c));
            return traits_type::not_eof(c);
        }
        std::streamsize xsputn(const char* p, std::streamsize n) override {
            bytes.append(p, static_cast<std::size_t>(n));
            return n;
        }
    } pipe;
    std::ostream out(&pipe);
    REQUIRE(out.tellp() == std::ostream::pos_type(-1));
    write_snapshot(g, out);
    CHECK(pipe.bytes == read_file(s));
    std::ostringstream mem;
    write_snapshot(g, mem);
    CHECK(mem.str() == read_file(s));
}

TEST_CASE("the snapshot reader never reads again the bytes it says it is done with", "[snapshot]") {
    // load() gives a mapped file's pages back as the parse reports them done with. Here every
    // range reported is overwritten at once: the graph must still come out the same.
    TempDir tmp;
    const std::string s = tmp.file("g.pgsnap");
    run_ok(bin() + " extract " + sample() + " -q -o " + sh_quote(s));
    const std::string original = read_file(s);
    std::string bytes = original;
    std::mutex m;
    std::vector<std::pair<std::size_t, std::size_t>> done;
    const KnowledgeGraph g = read_snapshot(
        bytes, "scribbled",
        [&](std::size_t begin, std::size_t end) {
            REQUIRE(begin < end);
            REQUIRE(end <= bytes.size());
            std::memset(bytes.data() + begin, 0xAB, end - begin);
            std::lock_guard lock(m);
            done.emplace_back(begin, end);
        },
        1);
    std::ostringstream again;
    write_snapshot(g, again);
    CHECK(again.str() == original);
    // The ranges are disjoint and cover most of the file.
    std::sort(done.begin(), done.end());
    std::size_t covered = 0;
    for (std::size_t i = 0; i < done.size(); ++i) {
        if (i > 0) CHECK(done[i - 1].second <= done[i].first);
        covered += done[i].second - done[i].first;
    }
    CHECK(covered > original.size() * 9 / 10);
}

TEST_CASE("a snapshot read for its records only gives the records of the whole graph",
          "[snapshot]") {
    // --update and merge read a snapshot keeping only mentions and relations (records_only).
    TempDir tmp;
    const std::string s = tmp.file("g.pgsnap");
    run_ok(bin() + " extract " + sample() + " -q -o " + sh_quote(s));
    const std::string bytes = read_file(s);
    const KnowledgeGraph whole = read_snapshot(bytes, "whole");
    const KnowledgeGraph part = read_snapshot(
        bytes, "part", [](std::size_t, std::size_t) {}, std::size_t{16} << 20, true);
    CHECK(part.node_count() == whole.node_count());
    CHECK(part.edge_count() < whole.edge_count() / 2); // co-occurrences are most of the edges
    const auto a = whole.packed_records(2), b = part.packed_records(2);
    REQUIRE(a.size() == b.size());
    REQUIRE(a.size() > 3);
    for (std::size_t i = 0; i < a.size(); ++i) {
        INFO(a[i].id);
        CHECK(b[i].id == a[i].id);
        CHECK(b[i].hash == a[i].hash);
        CHECK(b[i].path == a[i].path);
        CHECK(b[i].data == a[i].data);
    }
    // (Edges are checked in either mode: see the hand-made snapshots above.)
}

TEST_CASE("queries answer the same from a snapshot as from JSON", "[snapshot]") {
    TempDir tmp;
    const std::string j = tmp.file("g.json"), s = tmp.file("g.pgsnap");
    run_ok(bin() + " extract " + sample() + " -q -o " + sh_quote(j) + " -o " + sh_quote(s));
    auto top = nlohmann::json::parse(run_ok(bin() + " query " + sh_quote(j) + " top --json").out);
    REQUIRE(top["results"].size() >= 2);
    const std::string e1 = top["results"][0]["id"], e2 = top["results"][1]["id"];
    auto stats =
        nlohmann::json::parse(run_ok(bin() + " query " + sh_quote(j) + " stats --json").out);
    REQUIRE(stats["nodes"].get<int>() > 10);
    for (const std::string& q : std::vector<std::string>{
             "stats", "top --by pagerank", "top --by betweenness", "neighbors " + sh_quote(e1),
             "neighbors " + sh_quote(e1) + " --depth 2",
             "path " + sh_quote(e1) + " " + sh_quote(e2), "related --entity " + sh_quote(e2)}) {
        INFO(q);
        const auto a = run_ok(bin() + " query " + sh_quote(j) + " " + q + " --json").out;
        CHECK(a.size() > 20);
        CHECK(run_ok(bin() + " query " + sh_quote(s) + " " + q + " --json").out == a);
    }
    const std::string batch = "{\"query\":\"neighbors\",\"entity\":\"" + e1 +
                              "\"}\n{\"query\":\"nonsense\"}\n{\"query\":\"stats\"}\n";
    RunResult bj = run(bin() + " query " + sh_quote(j) + " --batch", batch);
    RunResult bs = run(bin() + " query " + sh_quote(s) + " --batch", batch);
    CHECK(bj.status == bs.status);
    CHECK(bj.out == bs.out);
}

TEST_CASE("merge and --update take snapshots and give what they give with JSON", "[snapshot]") {
    TempDir tmp;
    std::vector<std::string> files;
    for (const auto& e : fs::directory_iterator(polgraph::test::source_dir() + "/data/sample"))
        if (e.path().extension() == ".md") files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    REQUIRE(files.size() >= 3);
    std::string first, rest;
    for (std::size_t i = 0; i < files.size(); ++i)
        (i < 2 ? first : rest) += " " + sh_quote(files[i]);
    const std::string a = tmp.file("a.pgsnap"), b = tmp.file("b.jsonl");
    run_ok(bin() + " extract" + first + " -q -o " + sh_quote(a) + " -o " +
           sh_quote(tmp.file("a.json")));
    run_ok(bin() + " extract" + rest + " -q --jsonl " + sh_quote(b));
    run_ok(bin() + " extract " + sample() + " -q -o " + sh_quote(tmp.file("full.json")) + " -o " +
           sh_quote(tmp.file("full.pgsnap")));
    // merge: a snapshot shard (by its first bytes, whatever the name) and a JSONL shard.
    fs::copy_file(a, tmp.file("a.bin"));
    run_ok(bin() + " merge " + sh_quote(tmp.file("a.bin")) + " " + sh_quote(b) + " -q -o " +
           sh_quote(tmp.file("m.json")) + " -o " + sh_quote(tmp.file("m.pgsnap")));
    CHECK(read_file(tmp.file("m.json")) == read_file(tmp.file("full.json")));
    CHECK(read_file(tmp.file("m.pgsnap")) == read_file(tmp.file("full.pgsnap")));
    // --update of a snapshot in place stays a snapshot and equals the full run.
    auto r = run(bin() + " extract" + rest + " --update " + sh_quote(a));
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(is_snapshot_file(a));
    CHECK(read_file(a) == read_file(tmp.file("full.pgsnap")));
    // ... and an update of the JSON graph equals it too.
    run_ok(bin() + " extract" + rest + " -q --update " + sh_quote(tmp.file("a.json")) + " -o " +
           sh_quote(tmp.file("u.json")));
    CHECK(read_file(tmp.file("u.json")) == read_file(tmp.file("full.json")));
    // In place, the format is the graph's: asking for another one is a usage error.
    RunResult bad = run(bin() + " extract" + rest + " --format json --update " + sh_quote(a));
    CHECK(bad.status == 2);
    CHECK_THAT(bad.err, Catch::Contains("in place as snapshot"));
}

TEST_CASE("damaged snapshots and refused views: a clear error and no output", "[snapshot]") {
    TempDir tmp;
    const std::string s = tmp.file("g.pgsnap");
    run_ok(bin() + " extract " + sample() + " -q -o " + sh_quote(s));
    const std::string good = read_file(s);
    REQUIRE(good.size() > 1000);
    std::ofstream(tmp.file("cut.pgsnap"), std::ios::binary) << good.substr(0, good.size() / 2);
    std::string flipped = good;
    flipped[good.size() / 2] ^= 0x01;
    std::ofstream(tmp.file("flip.pgsnap"), std::ios::binary) << flipped;
    for (const auto& [name, reason] : std::vector<std::pair<std::string, std::string>>{
             {"cut.pgsnap", "(truncated?)"}, {"flip.pgsnap", "checksum mismatch"}}) {
        for (const std::string& cmd : std::vector<std::string>{
                 " query " + sh_quote(tmp.file(name)) + " stats",
                 " export " + sh_quote(tmp.file(name)) + " -o " + sh_quote(tmp.file("out.json")),
                 " merge " + sh_quote(tmp.file(name)) + " -o " + sh_quote(tmp.file("out.json"))}) {
            RunResult r = run(bin() + cmd);
            INFO(cmd << "\n" << r.err);
            CHECK(r.status == 3);
            CHECK_THAT(r.err, Catch::Contains(tmp.file(name) + ": damaged snapshot") &&
                                  Catch::Contains(reason));
            CHECK_FALSE(fs::exists(tmp.file("out.json")));
        }
    }
    // A projection is not the graph: refused before anything is written.
    RunResult v = run(bin() + " export " + sh_quote(s) + " --view entities -o " +
                      sh_quote(tmp.file("ok.graphml")) + " -o " + sh_quote(tmp.file("v.pgsnap")));
    CHECK(v.status == 2);
    CHECK_THAT(v.err, Catch::Contains("the snapshot format holds the whole graph"));
    CHECK_FALSE(fs::exists(tmp.file("v.pgsnap")));
    CHECK_FALSE(fs::exists(tmp.file("ok.graphml")));
}
