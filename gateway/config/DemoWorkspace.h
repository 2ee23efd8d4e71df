#pragma once

#include "config/Config.h"

namespace understudy {

// The first-run demo config (SPEC §7): mock providers only, a
// /v1/chat/completions llm route on 127.0.0.1:8787 whose chain goes
// primary -> secondary -> local -> cache -> static.
Config demoConfig();

} // namespace understudy
