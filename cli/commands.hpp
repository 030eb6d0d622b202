#pragma once
// Subcommand registration. Each subcommand lives in its own file: an options struct,
// setup_x(CLI::App&) which declares the options and sets the callback, and run_x(options).
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace polgraph::cli {

/// Exit codes (documented in --help and the README).
enum ExitCode : int {
    kOk = 0,            ///< everything worked
    kSomeFailed = 1,    ///< outputs written, but some inputs failed (see the error report)
    kUsage = 2,         ///< bad command line or option values
    kFatal = 3,         ///< nothing usable written: unreadable data, graph or output
    kInterrupted = 130, ///< SIGINT (143 for SIGTERM): previous outputs left intact
};

void setup_extract(CLI::App& app);
void setup_export(CLI::App& app);
void setup_merge(CLI::App& app);
void setup_eval(CLI::App& app);
void setup_query(CLI::App& app);

/// A clearer message for a command line the parser refused, when it is a common mistake
/// (`query stats g.json`: the graph comes first); "" otherwise. `args` excludes the program name.
std::string usage_hint(const std::vector<std::string>& args);

/// Set by a subcommand's run function; main returns it.
extern int g_exit_code;

} // namespace polgraph::cli
