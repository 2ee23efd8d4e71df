#pragma once

// JSON import/export of a whole workspace config (policy as code).
// The document carries `"understudy_config": <schema version>`, keys are
// written in a stable order, credentials appear only as references
// (`env:NAME`, `keychain:ENTRY`), never as values. Round-trip is lossless:
// configFromJson(configToJson(c)) == c for every valid c.

#include "config/Config.h"
#include "core/Result.h"

#include <QByteArray>

namespace understudy {

// Pretty-printed, stable key order, trailing newline (diff-friendly in git).
QByteArray configToJson(const Config &config);

// Parses and type-checks a document. Does NOT run semantic validation (see
// validateConfig); errors name the offending field path, e.g.
// `chains[checkout].steps[2].retry.max_retries: expected an integer`.
// Hostile input (deep nesting, huge numbers, wrong types, huge documents)
// yields an error, never a crash. Unknown fields are errors too, so a typo
// never silently becomes a default.
Result<Config> configFromJson(const QByteArray &json);

} // namespace understudy
