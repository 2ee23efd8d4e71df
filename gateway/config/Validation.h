#pragma once

// The one validation function used by the console, the CLI and the admin
// API. An invalid config never reaches the engine.

#include "config/Config.h"

#include <QString>

#include <vector>

namespace understudy {

struct ValidationIssue
{
    enum class Severity { Error, Warning };
    Severity severity = Severity::Error;
    QString path;    // e.g. "chains[checkout].steps[2].retry.max_retries"
    QString message; // what is wrong and how to fix it
    bool operator==(const ValidationIssue &) const = default;
};

std::vector<ValidationIssue> validateConfig(const Config &config);

// True when no issue is an error (warnings allowed).
bool isValid(const std::vector<ValidationIssue> &issues);

// "path: message" lines, errors first, for CLIs and logs.
QString formatIssues(const std::vector<ValidationIssue> &issues);

} // namespace understudy
