// polgraph command-line entry point: the only place that catches exceptions and maps them to
// exit codes (see cli/commands.hpp).
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "core/util/allocator.hpp"
#include "store/atomic_file.hpp"

int main(int argc, char** argv) {
    using namespace polgraph;
    install_interrupt_cleanup();
    CLI::App app{"polgraph: turn a corpus of policy and news articles into a knowledge graph"};
    app.set_version_flag("--version", std::string("polgraph ") + POLGRAPH_VERSION_STRING + " (" +
                                          allocator_name() + ")");
    app.require_subcommand(1);
    app.footer("Exit status: 0 success; 1 some inputs failed (outputs still written); 2 usage "
               "error; 3 fatal error; 130/143 interrupted.\nRun 'polgraph COMMAND --help' for a "
               "command's options.");
    cli::setup_extract(app);
    cli::setup_export(app);
    cli::setup_merge(app);
    cli::setup_eval(app);
    cli::setup_query(app);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() != 0) {
            if (std::string hint = cli::usage_hint({argv + 1, argv + argc}); !hint.empty()) {
                std::cerr << "polgraph: " << hint << "\n";
                return cli::kUsage;
            }
        }
        int rc = app.exit(e);
        return rc == 0 ? 0 : cli::kUsage;
    } catch (const UsageError& e) {
        std::cerr << "polgraph: " << e.what() << "\n";
        return cli::kUsage;
    } catch (const Error& e) {
        std::cerr << "polgraph: " << e.what() << "\n";
        return cli::kFatal;
    } catch (const std::exception& e) {
        std::cerr << "polgraph: unexpected error: " << e.what() << "\n";
        return cli::kFatal;
    }
    return cli::g_exit_code;
}
