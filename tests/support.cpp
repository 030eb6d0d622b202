#include "tests/support.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

#include <sys/wait.h>
#include <unistd.h>

namespace polgraph::test {

namespace fs = std::filesystem;

RunResult run_ok(const std::string& command) {
    RunResult r = run(command);
    INFO(command << "\n" << r.err);
    REQUIRE(r.status == 0);
    return r;
}

std::string sh_quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'') out += "'\\''";
        else out += c;
    }
    return out + "'";
}

std::string polgraph() { return sh_quote(POLGRAPH_BIN); }
std::string polgraph_bin() { return polgraph(); }

std::string export_positions_command(const std::string& graph, const std::string& args,
                                     const std::string& base) {
    return polgraph() + " export " + sh_quote(graph) + " " + args + " -o " +
           sh_quote(base + ".gexf") + " -o " + sh_quote(base + ".graphml") + " -o " +
           sh_quote(base + ".graphology.json");
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string interop_modules() {
    const char* m = std::getenv("POLGRAPH_INTEROP_MODULES");
    if (m && *m) return m;
    const char* home = std::getenv("HOME");
    return std::string(home ? home : "") + "/.cache/polgraph-interop/node_modules";
}

ViewCounts view_counts(const std::string& err) {
    static const std::regex re(R"(view[^\n]*: (\d+) nodes, (\d+) edges)");
    std::smatch m;
    ViewCounts c;
    if (std::regex_search(err, m, re)) {
        c.nodes = std::stol(m[1]);
        c.edges = std::stol(m[2]);
    }
    return c;
}

RunResult run(const std::string& command, const std::string& stdin_text) {
    // The npm clients that tests call are found through this variable.
    if (!std::getenv("POLGRAPH_INTEROP_MODULES") && std::getenv("HOME"))
        setenv("POLGRAPH_INTEROP_MODULES", interop_modules().c_str(), 0);
    TempDir tmp;
    std::string in = tmp.write("stdin", stdin_text);
    std::string out = tmp.file("stdout"), err = tmp.file("stderr");
    std::string full = "(" + command + ") <" + sh_quote(in) + " >" + sh_quote(out) + " 2>" +
                       sh_quote(err);
    int rc = std::system(full.c_str());
    RunResult r;
    if (rc == -1) r.status = -1;
    else if (WIFEXITED(rc)) r.status = WEXITSTATUS(rc);
    else if (WIFSIGNALED(rc)) r.status = 128 + WTERMSIG(rc);
    r.out = read_file(out);
    r.err = read_file(err);
    return r;
}

TempDir::TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "polgraph-test-XXXXXX").string();
    std::vector<char> buf(tmpl.begin(), tmpl.end());
    buf.push_back('\0');
    if (!mkdtemp(buf.data())) throw std::runtime_error("mkdtemp failed");
    path_ = buf.data();
}

TempDir::~TempDir() {
    std::error_code ec;
    // Restore permissions a test may have removed, so cleanup succeeds.
    for (auto it = fs::recursive_directory_iterator(path_, fs::directory_options::skip_permission_denied, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) break;
        fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
    }
    fs::remove_all(path_, ec);
}

std::string TempDir::write(const std::string& name, const std::string& content) const {
    fs::path p = fs::path(path_) / name;
    fs::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out << content;
    return p.string();
}

std::string source_dir() { return POLGRAPH_SOURCE_DIR; }

std::string shared_dir() {
    const char* env = std::getenv("POLGRAPH_SHARED");
    std::string d = env && *env ? env : POLGRAPH_SHARED_DEFAULT;
    return fs::is_directory(d) ? d : "";
}

std::string extract_sample_jsonl(const std::string& path) {
    run_ok(polgraph_bin() + " extract " + sh_quote(source_dir() + "/data/sample") +
           " --keyphrases -q --jsonl " + sh_quote(path));
    return read_file(path);
}

bool have_command(const std::string& name) {
    return std::system(("command -v " + name + " >/dev/null 2>&1").c_str()) == 0;
}

std::string article(const std::string& title, const std::string& date, const std::string& html,
                    const std::string& extra_front_matter) {
    return "---\ntitle: \"" + title + "\"\nnewsDate: " + date + "\nsource: \"example.org\"\n" +
           extra_front_matter + "---\n\n```html\n" + html + "\n```\n";
}

} // namespace polgraph::test
