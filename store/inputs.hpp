#pragma once
/// Expanding command-line paths into the list of input files, and giving each a stable id.
#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace polgraph {

struct InputFile {
    std::string path; ///< as found (argument, or argument joined with the relative path)
    std::string root; ///< the argument it came from
    std::string id;   ///< file stem, or the path relative to its root on a collision
};

struct InputError {
    std::string path;
    std::string reason;
};

/// Files a directory walk left out because no glob matched them, counted by suffix (".pdf",
/// "(no suffix)"); hidden entries are not counted.
using SkippedFiles = std::map<std::string, std::size_t>;

/// Expands files, directories (recursed in sorted order, hidden entries skipped, symlinked
/// directories followed once: loops are reported, not followed) and "-" (stdin). Directory
/// entries are kept when their name matches one of `globs` ("*.md" style suffix patterns); files
/// named explicitly are always kept. Ids do not depend on the order of the arguments. The files
/// that no glob matched are counted in `skipped` when it is given.
std::vector<InputFile> collect_inputs(const std::vector<std::string>& args,
                                      const std::vector<std::string>& globs,
                                      std::vector<InputError>& errors,
                                      SkippedFiles* skipped = nullptr);

/// "1 .pdf, 2 .docx": the counts of `skipped`, largest first (ties by suffix).
std::string describe_skipped(const SkippedFiles& skipped);

/// Why a path that is not a regular file cannot be read as an article ("not a regular file (a
/// FIFO)"), from its st_mode.
std::string not_regular_file_reason(unsigned int st_mode);

/// The default --glob list.
const std::vector<std::string>& default_globs();

} // namespace polgraph
