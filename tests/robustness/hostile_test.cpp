// Hostile input: one real `polgraph extract` run over a corpus that mixes good articles with every
// kind of input issue 8 lists (broken front matter, YAML bombs, BOM/CRLF/CR, fences, deep and
// broken HTML, a 50 MB line, binary, invalid UTF-8, empty, symlink loop, unreadable, FIFO, a file
// that vanishes mid-run, awkward file names). Checked: the exit status, one stderr line and one
// --errors line per rejected input naming the file and the reason, every other input in the
// graph with the content a reader would expect, the good articles extracted exactly as in a run
// without the hostile ones, and every output file accepted by the real clients.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "tests/robustness/process.hpp"
#include "tests/support.hpp"

using namespace polgraph::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// The first input the (single) worker reads, and the one removed while it reads the first.
const char* const kFirst = "000_big_line.md";
const char* const kVanishing = "zz_vanishing.md";
constexpr std::size_t kBigLine = 50u << 20;

struct Rejected {
    std::string name;   ///< path relative to the corpus root
    std::string reason; ///< expected part of the reason
};

struct Corpus {
    std::string root;                   ///< the directory given to polgraph
    std::vector<std::string> good;      ///< well-formed articles (relative names)
    std::vector<std::string> read;      ///< hostile inputs that must be read (relative names)
    std::vector<Rejected> rejected;     ///< hostile inputs that must be reported
    bool permission_case = false;       ///< an unreadable file is part of the corpus
    std::string run_as;                 ///< command prefix that drops root, or ""
    std::string command;                ///< how to start polgraph (a copy when run_as is set)
};

std::string repeat(const std::string& s, std::size_t n) {
    std::string out;
    out.reserve(s.size() * n);
    for (std::size_t i = 0; i < n; ++i) out += s;
    return out;
}

// Deterministic pseudo-random base64 text.
std::string base64ish(std::size_t n) {
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out(n, 'A');
    std::uint32_t x = 12345;
    for (auto& c : out) {
        x = x * 1664525u + 1013904223u;
        c = alphabet[x >> 26];
    }
    return out;
}

void write_bytes(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
    REQUIRE(out.good());
}

// Root reads files whatever their mode: run polgraph as an unprivileged user then, if possible.
// That user may not reach the build tree (a clone inside a private directory, e.g. mktemp -d), so
// it runs a copy of the binary and of data/ placed in the test's own directory. Returns the
// command prefix and sets `command`, or returns "" if nobody can run that copy.
std::string unprivileged_prefix(const TempDir& tmp, std::string& command) {
    command = polgraph_bin();
    if (geteuid() != 0) return "";
    std::string prefix;
    if (have_command("setpriv")) prefix = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
    else if (have_command("runuser")) prefix = "runuser -u nobody -- ";
    else return "";
    const std::string dir = tmp.file("nobody");
    fs::create_directories(dir);
    fs::copy_file(POLGRAPH_BIN, dir + "/polgraph");
    fs::copy(std::string(POLGRAPH_SOURCE_DIR) + "/data", dir + "/data", fs::copy_options::recursive);
    fs::permissions(tmp.path(), fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                    fs::perms::others_read | fs::perms::others_exec);
    auto probe = run("cd / && printf 'OpenAI said so.\\n' | " + prefix + sh_quote(dir + "/polgraph") +
                     " extract -q - --data " + sh_quote(dir + "/data") + " --jsonl -");
    if (probe.status != 0 || probe.out.find("organization:openai") == std::string::npos) return "";
    command = sh_quote(dir + "/polgraph");
    return prefix;
}

Corpus build_corpus(const TempDir& tmp) {
    Corpus c;
    c.root = tmp.file("in");
    fs::create_directories(c.root);
    auto put = [&](const std::string& name, const std::string& bytes) {
        write_bytes(c.root + "/" + name, bytes);
    };

    // --- Good articles: generated, and (when present) the shared development corpus.
    put("good_alpha.md", article("Alpha report", "2025-03-01",
                                 "<p>Sam Altman of OpenAI met Dario Amodei of Anthropic in Paris.</p>"
                                 "<p>Nvidia sells chips to China.</p>"));
    put("good_beta.html", "<html><head><title>Beta page</title></head><body><h1>Beta page</h1>"
                          "<p>The European Union adopted the EU AI Act.</p></body></html>");
    put("good_gamma.txt", "Gamma notes\n\nMicrosoft and Google compete on cloud services.\n");
    c.good = {"good_alpha.md", "good_beta.html", "good_gamma.txt"};
    if (std::string shared = shared_dir(); !shared.empty()) {
        int n = 0;
        for (const auto& e : fs::directory_iterator(shared + "/corpus")) {
            if (e.path().extension() != ".md" || n >= 3) continue;
            std::string name = "shared_" + e.path().filename().string();
            put(name, read_file(e.path().string()));
            c.good.push_back(name);
            ++n;
        }
    }
    // Awkward file names, good content.
    for (std::string name : {"with space.md", "quote\"s and 'apostrophes'.md", "new\nline.md",
                             "\xC3\xBCn\xC3\xAF\x63\xC3\xB6\x64\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC.md"}) {
        put(name, article("Named " + std::to_string(name.size()), "2025-01-0" + std::to_string(name.size() % 9 + 1),
                          "<p>Anthropic released a model.</p>"));
        c.good.push_back(name);
    }

    // --- Hostile inputs that must be read.
    // One 50 MB line, shaped like scraped markdown: an inline data: image and a raw base64 blob
    // between two sentences.
    put(kFirst, "---\ntitle: Big line\n---\nOpenAI opened an office in Tokyo. ![chart](data:image/png;base64," +
                    base64ish(kBigLine / 2) + ") then a raw blob " + base64ish(kBigLine / 2) +
                    " and Nvidia at the end.\n");
    put("no_front_matter.md", "Plain markdown about Nvidia and China, with no front matter.\n");
    put("bom.md", "\xEF\xBB\xBF---\ntitle: BOM title\n---\nText after a byte order mark about OpenAI.\n");
    put("crlf.md", "---\r\ntitle: CRLF title\r\n---\r\n\r\nFirst paragraph about Anthropic.\r\n\r\n"
                   "Second paragraph.\r\n");
    put("lone_cr.md", "---\rtitle: CR title\r---\r\rA paragraph about Nvidia.\r\rAnother one.\r");
    put("tabs.md", "---\ntitle:\tTabbed title\n---\nWords\tseparated\tby tabs about Anthropic.\n");
    put("unterminated_fence.md", "---\ntitle: Open fence\n---\n```html\n<p>Text about Nvidia in a "
                                 "fence that is never closed.</p>\n");
    put("fences.md", "---\ntitle: Fences\n---\n```html\n<p>First fence names OpenAI.</p>\n```\n\n"
                     "````markdown\n```html\n<p>A nested fence names Anthropic.</p>\n```\n````\n\n"
                     "```python\nprint('Google')\n```\n\n~~~html\n<p>A third fence names Nvidia.</p>\n~~~\n");
    put("malformed.html", "<html><body><p>Unclosed <b>bold <i>and italic about OpenAI<div>inside "
                          "</span></p></td><p attr=\"unterminated>Anthropic text<</body>");
    put("deep_nesting.html", "<html><body>" + repeat("<div>", 100000) +
                                 "<p>Deep inside, Anthropic.</p>" + repeat("</div>", 100000) +
                                 "<p>After the divs, OpenAI.</p>" + repeat("<span><b>", 50000) +
                                 "unclosed Nvidia" + "</body></html>");
    put("script_style.html", "<html><head><style>.Anthropic { color: red }</style>"
                             "<script>var ceo = 'Anthropic';</script></head><body><p>Only OpenAI "
                             "is visible.</p><script>document.write('Anthropic')</script>"
                             "<noscript>Anthropic</noscript></body></html>");
    put("invalid_utf8.md", "---\ntitle: \"Bad \xFF\xFE bytes\"\n---\nText \xC3\x28 with invalid "
                           "UTF-8 and a NUL " + std::string(1, '\0') + " byte, \xED\xA0\x80 then Sam "
                           "Altman of OpenAI.\n");
    {
        // A "billion laughs": nine levels of nine aliases each (9^9 strings if expanded).
        std::string y = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
        for (char l = 'b'; l <= 'i'; ++l) {
            std::string prev(1, static_cast<char>(l - 1));
            y += std::string(1, l) + ": &" + l + " [" + repeat("*" + prev + ",", 8) + "*" + prev + "]\n";
        }
        put("yaml_laughs.md", "---\n" + y + "tags: *i\nauthors: *i\ntitle: Laughs\n---\nBody about OpenAI.\n");
    }
    c.read = {kFirst, "no_front_matter.md", "bom.md", "crlf.md", "lone_cr.md", "tabs.md",
              "unterminated_fence.md", "fences.md", "malformed.html", "deep_nesting.html",
              "script_style.html", "invalid_utf8.md", "yaml_laughs.md"};

    // --- Hostile inputs that must be reported.
    put("unterminated_front_matter.md", "---\ntitle: never closed\nbody text\n");
    put("invalid_yaml.md", "---\ntitle: [unclosed\n---\nBody.\n");
    put("front_matter_list.md", "---\n- a\n- b\n---\nBody.\n");
    put("front_matter_scalar.md", "---\njust a scalar\n---\nBody.\n");
    static const char kPng[] = "\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0";
    put("image.md", std::string(kPng, sizeof kPng - 1) +
                        repeat(std::string("\0\x01\x02\xFF", 4), 64));
    put("empty.md", "");
    put("bad\nname.md", "");
    {
        // Over the default --max-bytes (64 MiB) by one byte; sparse, so it costs no disk.
        std::string p = c.root + "/over_limit.md";
        int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        REQUIRE(fd >= 0);
        REQUIRE(::ftruncate(fd, (64 << 20) + 1) == 0);
        ::close(fd);
    }
    fs::create_directories(c.root + "/sub");
    put("sub/nested.md", article("Nested article", "2025-02-02", "<p>OpenAI again.</p>"));
    c.good.push_back("sub/nested.md");
    fs::create_directory_symlink("..", c.root + "/sub/loop");
    REQUIRE(::mkfifo((c.root + "/fifo.md").c_str(), 0644) == 0);
    put(kVanishing, article("Vanishing", "2025-02-03", "<p>Removed during the run.</p>"));
    c.rejected = {
        {"unterminated_front_matter.md", "unterminated front matter"},
        {"invalid_yaml.md", "invalid YAML front matter"},
        {"front_matter_list.md", "front matter is a YAML list, expected a mapping"},
        {"front_matter_scalar.md", "front matter is a YAML scalar, expected a mapping"},
        {"image.md", "not a text file (looks like a PNG image)"},
        {"empty.md", "empty file"},
        {"bad\nname.md", "empty file"},
        {"over_limit.md", "over the size limit of 67108864 bytes (--max-bytes)"},
        {"sub/loop", "directory symlink loop"},
        {"fifo.md", "not a regular file (a FIFO)"},
        {kVanishing, "cannot open: No such file or directory"},
    };
    c.run_as = unprivileged_prefix(tmp, c.command);
    if (geteuid() != 0 || !c.run_as.empty()) {
        put("unreadable.md", article("Unreadable", "2025-02-04", "<p>Secret.</p>"));
        ::chmod((c.root + "/unreadable.md").c_str(), 0);
        c.rejected.push_back({"unreadable.md", "cannot open: Permission denied"});
        c.permission_case = true;
    } else {
        WARN("SKIP: running as root, and no unprivileged user (setpriv/runuser, nobody) can run a copy of "
             << polgraph_bin() << ": the unreadable-file case is not run");
    }
    return c;
}

// Runs `command` in the background; when the watched directory reports that `first` was opened
// (the run has listed its inputs and its single worker started reading), removes `vanishing`.
// Returns the exit status.
int run_removing_mid_run(const std::string& command, const std::string& dir,
                         const std::string& first, const std::string& vanishing) {
    DirWatch watch(dir, IN_OPEN);
    REQUIRE(watch.ok());
    Background proc(command);
    REQUIRE(proc.started());
    const bool opened = watch.wait_for([&](const std::string& n) { return n == first; }, proc);
    INFO("polgraph ended before it opened " << first);
    REQUIRE(opened);
    REQUIRE(::unlink((dir + "/" + vanishing).c_str()) == 0);
    return proc.wait();
}

// Strict JSON with Python's parser (NaN/Infinity refused): whole file or one value per line.
void check_json_with_python(const std::string& path, bool lines) {
    std::string py =
        "import json,sys\n"
        "def bad(x): raise ValueError('non-standard number ' + x)\n"
        "t = open(sys.argv[1], encoding='utf-8', errors='strict').read()\n"
        "vals = [l for l in t.split('\\n') if l] if sys.argv[2] == '1' else [t]\n"
        "for v in vals: json.loads(v, parse_constant=bad)\n"
        "print('ok', len(vals))\n";
    TempDir t;
    std::string script = t.write("strict.py", py);
    auto r = run("python3 " + sh_quote(script) + " " + sh_quote(path) + (lines ? " 1" : " 0"));
    INFO(path << ": " << r.out << r.err);
    CHECK(r.status == 0);
}

std::map<std::string, json> records_by_path(const std::string& jsonl) {
    std::map<std::string, json> out;
    std::istringstream in(read_file(jsonl));
    for (std::string line; std::getline(in, line);) {
        if (line.empty()) continue;
        json j = json::parse(line);
        out[j.at("path").get<std::string>()] = j;
    }
    return out;
}

} // namespace

TEST_CASE("hostile corpus: one extract run reads or reports every input and writes valid files",
          "[robustness][hostile]") {
    TempDir tmp;
    Corpus c = build_corpus(tmp);
    const std::string out = tmp.file("out");
    fs::create_directories(out);
    if (!c.run_as.empty()) {
        // The unprivileged user needs to reach the inputs and write the outputs.
        fs::permissions(tmp.path(), fs::perms::owner_all | fs::perms::group_read |
                                        fs::perms::group_exec | fs::perms::others_read |
                                        fs::perms::others_exec);
        fs::permissions(out, fs::perms::all);
    }
    const std::string help = run(polgraph_bin() + " extract --help").out;
    std::vector<std::string> outputs = {out + "/graph.json", out + "/graph.graphml"};
    if (help.find("gexf") != std::string::npos) outputs.push_back(out + "/graph.gexf");
    if (help.find("csv") != std::string::npos) outputs.push_back(out + "/graph.csv");
    std::string args = " extract -v -j1 " + sh_quote(c.root);
    if (!c.run_as.empty()) args += " --data " + sh_quote(tmp.file("nobody/data"));
    for (const auto& o : outputs) args += " -o " + sh_quote(o);
    args += " --jsonl " + sh_quote(out + "/records.jsonl") + " --errors " +
            sh_quote(out + "/errors.jsonl");
    const std::string err_file = out + "/stderr.txt";
    const auto t0 = std::chrono::steady_clock::now();
    int status = run_removing_mid_run("timeout 600 " + c.run_as + c.command + args + " >/dev/null 2>" +
                                          sh_quote(err_file),
                                      c.root, kFirst, kVanishing);
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const std::string err = read_file(err_file);
    INFO("stderr:\n" << err.substr(0, 6000));
    WARN("hostile corpus run: " << secs << " s" << (c.run_as.empty() ? "" : " (as nobody)"));
    REQUIRE(status == 1); // outputs written, some inputs failed

    // --- Every rejected input: one stderr line and one --errors line, naming file and reason.
    // Lines with "reason" are inputs left out; lines with "warning" are about inputs that were
    // read (they are in the graph too).
    std::map<std::string, std::string> errors, warnings;
    {
        std::istringstream in(read_file(out + "/errors.jsonl"));
        for (std::string line; std::getline(in, line);) {
            json j = json::parse(line);
            REQUIRE(j.contains("reason") != j.contains("warning"));
            (j.contains("reason") ? errors : warnings)[j.at("path").get<std::string>()] =
                j.contains("reason") ? j.at("reason").get<std::string>()
                                     : j.at("warning").get<std::string>();
        }
    }
    for (const auto& r : c.rejected) {
        const std::string path = c.root + "/" + r.name;
        INFO("rejected input " << r.name);
        REQUIRE(errors.count(path) == 1);
        CHECK_THAT(errors[path], Catch::Contains(r.reason));
        std::string shown = path;
        for (std::size_t p; (p = shown.find('\n')) != std::string::npos;) shown.replace(p, 1, "\\n");
        CHECK_THAT(err, Catch::Contains("polgraph: " + shown + ": "));
        const std::string line = err.substr(err.find("polgraph: " + shown + ": "));
        CHECK_THAT(line.substr(0, line.find('\n')), Catch::Contains(r.reason));
    }
    CHECK(errors.size() == c.rejected.size());
    CHECK_THAT(err, Catch::Contains("unterminated ```html fence"));
    CHECK_THAT(err, Catch::Contains("HTML nested more than 256 levels deep"));
    CHECK_THAT(warnings[c.root + "/unterminated_fence.md"],
               Catch::Contains("unterminated ```html fence"));
    CHECK_THAT(warnings[c.root + "/deep_nesting.html"],
               Catch::Contains("HTML nested more than 256"));

    // --- Every other input is in the graph (article nodes carry their path).
    json graph = json::parse(read_file(out + "/graph.json"));
    std::map<std::string, json> articles;
    std::map<std::string, std::set<std::string>> mentions; // article id -> entity ids
    for (const auto& n : graph.at("nodes"))
        if (n.at("kind") == "article") articles[n.at("path").get<std::string>()] = n;
    for (const auto& l : graph.at("links"))
        if (l.at("kind") == "mentions")
            mentions[l.at("source").get<std::string>()].insert(l.at("target").get<std::string>());
    std::vector<std::string> expected_in_graph = c.good;
    expected_in_graph.insert(expected_in_graph.end(), c.read.begin(), c.read.end());
    for (const auto& name : expected_in_graph) {
        INFO("input that must be read: " << name);
        CHECK(articles.count(c.root + "/" + name) == 1);
        CHECK(errors.count(c.root + "/" + name) == 0);
    }
    CHECK(articles.size() == expected_in_graph.size());
    // Every matching name in the tree is accounted for, exactly once.
    std::size_t listed = 0;
    for (auto it = fs::recursive_directory_iterator(c.root); it != fs::recursive_directory_iterator(); ++it) {
        if (it->is_symlink()) {
            it.disable_recursion_pending();
            ++listed;
            continue;
        }
        if (!it->is_directory()) ++listed;
    }
    CHECK(listed + 1 == articles.size() + errors.size()); // + the vanished file

    auto article_at = [&](const std::string& name) -> const json& {
        static const json none = json::object();
        auto it = articles.find(c.root + "/" + name);
        return it == articles.end() ? none : it->second;
    };
    auto mentioned = [&](const std::string& name, const std::string& entity) {
        const json& a = article_at(name);
        return a.contains("id") && mentions[a.at("id").get<std::string>()].count(entity) > 0;
    };
    // --- What a reader would expect from each hostile input that is read.
    CHECK(article_at("bom.md").value("title", "") == "BOM title");
    CHECK(article_at("crlf.md").value("title", "") == "CRLF title");
    CHECK(article_at("lone_cr.md").value("title", "") == "CR title");
    CHECK(article_at("tabs.md").value("title", "") == "Tabbed title");
    CHECK(article_at("yaml_laughs.md").value("title", "") == "Laughs");
    CHECK(article_at("invalid_utf8.md").value("title", "") == "Bad \xEF\xBF\xBD\xEF\xBF\xBD bytes");
    CHECK(article_at("new\nline.md").value("id", "") == "new\nline");
    CHECK(mentioned(kFirst, "organization:openai"));
    CHECK(mentioned(kFirst, "location:tokyo"));
    CHECK(mentioned(kFirst, "organization:nvidia"));
    for (const auto& e : mentions[article_at(kFirst).value("id", "")])
        CHECK(e.rfind("model:", 0) != 0); // no "names" made of base64
    CHECK(mentioned("no_front_matter.md", "organization:nvidia"));
    CHECK(mentioned("bom.md", "organization:openai"));
    CHECK(mentioned("crlf.md", "organization:anthropic"));
    CHECK(mentioned("lone_cr.md", "organization:nvidia"));
    CHECK(mentioned("tabs.md", "organization:anthropic"));
    CHECK(mentioned("unterminated_fence.md", "organization:nvidia"));
    CHECK(mentioned("fences.md", "organization:openai"));
    CHECK(mentioned("fences.md", "organization:anthropic"));
    CHECK(mentioned("fences.md", "organization:nvidia"));
    CHECK_FALSE(mentioned("fences.md", "organization:google")); // a code listing is not prose
    CHECK(mentioned("malformed.html", "organization:openai"));
    CHECK(mentioned("deep_nesting.html", "organization:anthropic"));
    CHECK(mentioned("deep_nesting.html", "organization:openai"));
    CHECK(mentioned("deep_nesting.html", "organization:nvidia"));
    CHECK(mentioned("script_style.html", "organization:openai"));
    CHECK_FALSE(mentioned("script_style.html", "organization:anthropic"));
    CHECK(mentioned("invalid_utf8.md", "person:sam-altman"));
    CHECK(mentioned("yaml_laughs.md", "organization:openai"));

    // --- The good articles are extracted exactly as without the hostile inputs around them.
    std::string clean_args = " extract -q -j2 --jsonl " + sh_quote(tmp.file("clean.jsonl"));
    for (const auto& name : c.good) clean_args += " " + sh_quote(c.root + "/" + name);
    auto clean = run(polgraph_bin() + clean_args);
    INFO(clean.err);
    REQUIRE(clean.status == 0);
    auto hostile_records = records_by_path(out + "/records.jsonl");
    auto clean_records = records_by_path(tmp.file("clean.jsonl"));
    REQUIRE(clean_records.size() == c.good.size());
    for (const auto& [path, rec] : clean_records) {
        INFO("good article " << path);
        REQUIRE(hostile_records.count(path) == 1);
        CHECK(hostile_records[path].dump() == rec.dump());
    }

    // --- Every output passes the real clients.
    check_json_with_python(out + "/graph.json", false);
    check_json_with_python(out + "/records.jsonl", true);
    check_json_with_python(out + "/errors.jsonl", true);
    const std::string shared = shared_dir();
    if (shared.empty()) {
        WARN("../shared is absent: GraphML/GEXF checked for well-formedness only");
        auto x = run("xmllint --noout " + sh_quote(out + "/graph.graphml"));
        CHECK(x.status == 0);
    } else {
        const std::string tools = shared + "/tools/interop/";
        auto gm = run("bash " + sh_quote(tools + "check_graphml.sh") + " " + sh_quote(out + "/graph.graphml"));
        INFO(gm.out << gm.err);
        CHECK(gm.status == 0);
        auto js = run("/usr/bin/python3 " + sh_quote(tools + "check_json.py") + " " +
                      sh_quote(out + "/graph.json") + " --no-graphology");
        INFO(js.out << js.err);
        CHECK(js.status == 0);
        if (help.find("gexf") != std::string::npos) {
            auto gx = run("bash " + sh_quote(tools + "check_gexf.sh") + " " + sh_quote(out + "/graph.gexf"));
            INFO(gx.out << gx.err);
            CHECK(gx.status == 0);
        }
    }
    if (help.find("csv") != std::string::npos) {
        auto t = run("/usr/bin/python3 " + sh_quote(std::string(POLGRAPH_TEST_DIR) + "/interop/check_tables.py") +
                     " gephi " + sh_quote(out + "/graph"));
        INFO(t.out << t.err);
        CHECK(t.status == 0);
    }
}

TEST_CASE("a long line of prose is extracted in linear time, every mention counted",
          "[robustness][hostile]") {
    // 40,000 sentences on one line (1.4 MB). Relations and alias resolution once compared every
    // mention with every other: this took minutes. Counts are known by construction.
    TempDir tmp;
    const int n = 40000;
    const std::string path = tmp.write("long.md", "---\ntitle: Long line\n---\n" +
                                                       repeat("OpenAI and Anthropic met in Paris. ", n) + "\n");
    auto r = run("timeout 300 " + polgraph_bin() + " extract -q " + sh_quote(path) + " --jsonl " +
                 sh_quote(tmp.file("r.jsonl")));
    INFO(r.err);
    REQUIRE(r.status == 0);
    json rec = json::parse(read_file(tmp.file("r.jsonl")));
    std::map<std::string, int> counts;
    for (const auto& e : rec.at("entities")) counts[e.at("id").get<std::string>()] = e.at("count").get<int>();
    CHECK(counts["organization:openai"] == n);
    CHECK(counts["organization:anthropic"] == n);
    CHECK(counts["location:paris"] == n);
    CHECK(counts.size() == 3);
}
