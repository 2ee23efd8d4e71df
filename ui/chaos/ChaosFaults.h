#pragma once

// What the chaos panel knows about each SPEC §7 fault: a title for people,
// which MockSettings fields the fault reads (so the form enables only
// those), and a one-line summary of the parameters for the active list.
// Kept apart from the widgets so the table of relevance is tested as data.

#include "config/Config.h"

#include <QString>

#include <vector>

namespace understudy {

enum class FaultParam { Status, RetryAfter, AfterEvents, Delay, Down, Up, Latency };

// Every fault an operator can inject (everything but MockFault::None), in
// the order the form lists them.
std::vector<MockFault> injectableFaults();
// The MockSettings fields the mock script reads for `fault` (see
// providers/mock/MockScript.cpp); the others are ignored by it.
std::vector<FaultParam> faultParams(MockFault fault);
bool faultUses(MockFault fault, FaultParam param);

// "Error status", "Stream cut after N events", ... (translated).
QString faultTitle(MockFault fault);
// The relevant parameters of `settings` as short text, e.g.
// "status 503, Retry-After 5 s"; "" when the fault has none.
QString faultParameterText(const MockSettings &settings);

} // namespace understudy
