#pragma once

// Decides whether a file may be opened as a workspace before anything
// writes to it: a wrong file must be reported and left byte-identical.

#include "core/Result.h"

#include <QString>

namespace understudy {

// Checks, in order: the file exists and is readable ("not_found",
// "io_error"); its first 16 bytes are the SQLite header, read by us before
// the driver sees the file ("not_a_workspace"); it carries Understudy's
// application_id ("not_a_workspace", also for other applications'
// databases); its schema is not newer than this build ("newer_schema"); and
// PRAGMA quick_check passes ("corrupt"). Only reads (the connection is
// query_only). Returns the file's schema version (user_version).
Result<int> probeWorkspaceFile(const QString &path);

} // namespace understudy
