#pragma once

// The workspace file's schema and how older files move forward to it.
//
// Version 1 (Understudy 0.0.x) kept the whole config as one JSON blob in
// `meta` and revisions with a unix-seconds timestamp and a `message`.
// Version 2 keeps the config in one table per element kind (so routes can
// reference chains with a real foreign key) and ISO-8601 UTC timestamps.
// Version 3 adds the request log, events and metric rollups (observe/);
// version 4 gives request rows time-ordered ids, version 5 a narrow row and
// version 6 route spans in place of the route index.

#include "core/Result.h"

#include <QSqlDatabase>
#include <QStringList>

#include <vector>

namespace understudy {

// PRAGMA application_id of every workspace: "USDY" as a big-endian int.
inline constexpr int kWorkspaceApplicationId = 0x55534459;
// PRAGMA user_version this build writes.
inline constexpr int kWorkspaceSchemaVersion = 7;

struct SchemaMigration
{
    int toVersion = 0;
    QStringList statements; // one SQL statement each, run in order
};

// Every migration, oldest first; migrations()[i].toVersion == i + 1.
const std::vector<SchemaMigration> &schemaMigrations();

// Applies the migrations after `fromVersion`, each in its own transaction
// that also sets user_version, so a failure leaves the file at the last
// version that completed. Returns the version reached.
Result<int> migrateSchema(QSqlDatabase &db, int fromVersion);

} // namespace understudy
