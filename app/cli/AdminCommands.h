#pragma once

#include "CliContext.h"

namespace understudy::cli {

// Commands that manage a running gateway through its admin API. Each takes
// --url (default $UNDERSTUDY_ADMIN_URL or http://127.0.0.1:8788) and
// --token (default $UNDERSTUDY_ADMIN_TOKEN).

// `status`: health, generation, listeners, open breakers, active chaos.
int runStatus(CliContext &ctx);
// `apply FILE.json`: validate and apply a config, recorded as a revision.
int runApply(CliContext &ctx);
// `breakers [--open T | --close T | --reset T]`: list, force or reset.
int runBreakers(CliContext &ctx);
// `tail`: one line per finished request, live, until interrupted.
int runTail(CliContext &ctx);
// `admin-token -w FILE`: print the workspace's admin token (creating it).
int runAdminToken(CliContext &ctx);

} // namespace understudy::cli
