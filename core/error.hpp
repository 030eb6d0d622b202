#pragma once
/// Exceptions used across polgraph. Every failure a user can cause derives from polgraph::Error;
/// cli/main.cpp maps them to exit codes.
#include <stdexcept>
#include <string>

namespace polgraph {

/// Base class of every polgraph error.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Bad command-line usage or option values (exit code 2).
class UsageError : public Error {
public:
    using Error::Error;
};

/// A file could not be parsed. Carries the file and, where known, the 1-based line.
class ParseError : public Error {
public:
    ParseError(std::string file, std::string reason, int line = 0)
        : Error(format(file, reason, line)), file_(std::move(file)), reason_(std::move(reason)),
          line_(line) {}
    const std::string& file() const { return file_; }
    const std::string& reason() const { return reason_; }
    int line() const { return line_; }

private:
    static std::string format(const std::string& file, const std::string& reason, int line) {
        std::string s = file.empty() ? std::string("<input>") : file;
        if (line > 0) s += ":" + std::to_string(line);
        return s + ": " + reason;
    }
    std::string file_;
    std::string reason_;
    int line_;
};

/// A file could not be read or written (exit code 3 when it is an output).
class IoError : public Error {
public:
    using Error::Error;
};

} // namespace polgraph
