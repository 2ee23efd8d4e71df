#pragma once

// The current config as rows of the schema-2 repository tables: one row per
// listener, provider, chain and route holding that element's exported JSON,
// plus one `settings` row per remaining top-level key of the export.
// configToJson/configFromJson stay the only serialisation of a Config; this
// file only cuts their document into rows and glues it back together.

#include "config/Config.h"
#include "core/Result.h"

#include <QSqlDatabase>

namespace understudy {

// Replaces every row with `config`. The caller owns the transaction and
// rolls back on failure.
Result<void> writeConfigTables(QSqlDatabase &db, const Config &config);

// Assembles the stored rows into a config ("corrupt" if rows do not parse).
Result<Config> readConfigTables(QSqlDatabase &db);

} // namespace understudy
