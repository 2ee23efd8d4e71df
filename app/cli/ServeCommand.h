#pragma once

#include "CliContext.h"

namespace understudy::cli {

// `serve`: runs the engine headless until SIGTERM/SIGINT, then drains.
// SIGHUP reloads the config from the same source (hot swap, validated).
int runServe(CliContext &ctx);

} // namespace understudy::cli
