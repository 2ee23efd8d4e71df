#pragma once

#include <QStringList>
#include <QTextStream>

namespace understudy::cli {

// Exit codes of understudy-gateway, documented in `--help` and the README.
enum ExitCode : int {
    ExitOk = 0,
    ExitInvalidConfig = 1, // the config has validation errors
    ExitUsage = 2,         // bad command line
    ExitIo = 3,            // a file could not be read or written
    ExitWorkspace = 4,     // the workspace could not be opened (corrupt, foreign, newer)
    ExitNotFound = 5,      // a named revision or resource does not exist
    ExitUnavailable = 6,   // a listener could not start or a gateway is unreachable
};

// Streams and arguments of one CLI invocation, so commands are testable
// without a process.
struct CliContext
{
    QStringList arguments; // after the subcommand name
    QTextStream &out;
    QTextStream &err;
};

} // namespace understudy::cli
