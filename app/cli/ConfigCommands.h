#pragma once

#include "CliContext.h"

namespace understudy::cli {

// Policy-as-code commands: init, validate, export, import, revisions, restore, diff.
int runInit(CliContext &ctx);
int runValidate(CliContext &ctx);
int runExport(CliContext &ctx);
int runImport(CliContext &ctx);
int runRevisions(CliContext &ctx);
int runRestore(CliContext &ctx);
int runDiff(CliContext &ctx);

} // namespace understudy::cli
