#pragma once
// Helpers for tests that drive the real CLI and the real graph clients. No mocks: every helper
// runs a real program or reads a real file.
#include <string>
#include <vector>

namespace polgraph::test {

struct RunResult {
    int status = -1;  ///< exit status (128+signal if killed)
    std::string out;  ///< stdout
    std::string err;  ///< stderr
};

/// Runs a shell command line (through /bin/sh), capturing stdout and stderr.
RunResult run(const std::string& command, const std::string& stdin_text = "");

/// Runs a command that must succeed: a failed REQUIRE (showing the command and its stderr) unless
/// it exits with status 0.
RunResult run_ok(const std::string& command);

/// The polgraph binary under test, shell-quoted.
std::string polgraph();
/// The same; usable where `using namespace polgraph::test` makes `polgraph()` ambiguous.
std::string polgraph_bin();

/// Quotes a string for /bin/sh.
std::string sh_quote(const std::string& s);

/// The command `polgraph export GRAPH ARGS` writing BASE.gexf, BASE.graphml and
/// BASE.graphology.json: the formats that carry the positions of --layout.
std::string export_positions_command(const std::string& graph, const std::string& args,
                                     const std::string& base);

/// A fresh temporary directory, removed when the object goes away.
class TempDir {
public:
    TempDir();
    ~TempDir();
    const std::string& path() const { return path_; }
    std::string file(const std::string& name) const { return path_ + "/" + name; }
    /// Writes a file (creating parent directories) and returns its path.
    std::string write(const std::string& name, const std::string& content) const;

private:
    std::string path_;
};

std::string read_file(const std::string& path);
std::string source_dir();
/// ../shared next to the source tree ($POLGRAPH_SHARED overrides), or "" when absent.
std::string shared_dir();
/// True when a command exists on PATH.
bool have_command(const std::string& name);

/// Where the npm test clients are (graphology, playwright-core): $POLGRAPH_INTEROP_MODULES, else
/// ~/.cache/polgraph-interop/node_modules, where scripts/bootstrap.sh --test installs them.
std::string interop_modules();

/// Node and edge counts of a view, as polgraph's summary line gives them.
struct ViewCounts {
    long nodes = -1, edges = -1; ///< -1: no summary line
    std::string text() const {
        return "nodes=" + std::to_string(nodes) + " edges=" + std::to_string(edges);
    }
};
/// The counts in "polgraph: entities view (...): 139 nodes, 1117 edges -> ..." (stderr of
/// extract or export).
ViewCounts view_counts(const std::string& err);

/// Runs `polgraph extract --keyphrases --jsonl PATH` on data/sample and returns the records
/// text (every list of a record is non-empty somewhere in it).
std::string extract_sample_jsonl(const std::string& path);

/// A small article in the seed format (YAML front matter + ```html fence).
std::string article(const std::string& title, const std::string& date, const std::string& html,
                    const std::string& extra_front_matter = "");

} // namespace polgraph::test
