#include "store/SchemaMigrations.h"

#include "store/SqliteConnection.h"

#include <QSqlError>

namespace understudy {

namespace {

QString s(const char *sql)
{
    return QString::fromLatin1(sql);
}

// Version 1: the layout of the first releases.
SchemaMigration version1()
{
    return {1,
            {
                s("CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)"),
                // created_at: unix seconds, UTC. snapshot: the exported config JSON.
                s("CREATE TABLE revisions ("
                  " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                  " created_at INTEGER NOT NULL,"
                  " author TEXT NOT NULL,"
                  " message TEXT NOT NULL,"
                  " snapshot TEXT NOT NULL)"),
            }};
}

// The body of a top-level json_each() row as JSON text: objects and arrays
// come back as JSON already, scalars must be re-encoded (json_quote of the
// atom would turn true into 1).
constexpr const char *kJsonEachBody = "CASE type"
                                      " WHEN 'object' THEN value WHEN 'array' THEN value"
                                      " WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' WHEN 'null' THEN 'null'"
                                      " ELSE json_quote(atom) END";

QString moveElements(const char *table)
{
    // json_each over an array: key is the index, value the element.
    return QStringLiteral("INSERT INTO %1 (name, position, body)"
                          " SELECT json_extract(value, '$.name'), key, value"
                          " FROM json_each((SELECT value FROM meta WHERE key = 'config'), '$.%1')")
        .arg(QLatin1String(table));
}

QString elementTable(const char *table)
{
    return QStringLiteral("CREATE TABLE %1 ("
                          " name TEXT PRIMARY KEY NOT NULL,"
                          " position INTEGER NOT NULL UNIQUE,"
                          " body TEXT NOT NULL CHECK (json_valid(body)))")
        .arg(QLatin1String(table));
}

// Version 2: the config in repository tables, each row an element's JSON as
// exported by configToJson; revisions keep full snapshots.
SchemaMigration version2()
{
    return {
        2,
        {
            // Top-level scalars and objects of the export (limits, admin, ...).
            elementTable("settings"),
            elementTable("listeners"),
            elementTable("providers"),
            elementTable("chains"),
            s("CREATE TABLE routes ("
              " name TEXT PRIMARY KEY NOT NULL,"
              " position INTEGER NOT NULL UNIQUE,"
              " chain TEXT REFERENCES chains (name) ON UPDATE CASCADE ON DELETE RESTRICT,"
              " body TEXT NOT NULL CHECK (json_valid(body)))"),
            s("CREATE INDEX routes_chain ON routes (chain)"),

            // Move the v1 config blob into the tables (json_id orders the keys).
            QStringLiteral("INSERT INTO settings (name, position, body)"
                           " SELECT key, id, %1"
                           " FROM json_each((SELECT value FROM meta WHERE key = 'config'))"
                           " WHERE key NOT IN ('listeners', 'providers', 'chains', 'routes')")
                .arg(QLatin1String(kJsonEachBody)),
            moveElements("listeners"),
            moveElements("providers"),
            moveElements("chains"),
            s("INSERT INTO routes (name, position, chain, body)"
              " SELECT json_extract(value, '$.name'), key, NULLIF(json_extract(value, '$.chain'), ''), value"
              " FROM json_each((SELECT value FROM meta WHERE key = 'config'), '$.routes')"),
            s("DELETE FROM meta WHERE key = 'config'"),

            // Revisions: ISO-8601 UTC timestamps, `message` becomes `summary`.
            s("CREATE TABLE revisions_v2 ("
              " id INTEGER PRIMARY KEY AUTOINCREMENT,"
              " created_at TEXT NOT NULL,"
              " author TEXT NOT NULL,"
              " summary TEXT NOT NULL,"
              " snapshot TEXT NOT NULL CHECK (json_valid(snapshot)))"),
            s("INSERT INTO revisions_v2 (id, created_at, author, summary, snapshot)"
              " SELECT id, strftime('%Y-%m-%dT%H:%M:%fZ', created_at, 'unixepoch'), author, message, snapshot"
              " FROM revisions ORDER BY id"),
            // Carry the AUTOINCREMENT counter over, so ids of revisions deleted
            // under v1 are never handed out again (the copy above only set the
            // new table's counter to the highest id still present).
            s("DELETE FROM sqlite_sequence WHERE name = 'revisions_v2'"),
            s("INSERT INTO sqlite_sequence (name, seq)"
              " SELECT 'revisions_v2', seq FROM sqlite_sequence WHERE name = 'revisions'"),
            s("DROP TABLE revisions"),
            s("ALTER TABLE revisions_v2 RENAME TO revisions"),
        },
    };
}

// Version 3: the request log with its attempt trails, optional bodies, the
// event log and per-minute metric rollups (written by observe/'s writer
// thread on its own connection). Times are ms since the epoch (UTC) so range
// scans and retention compare integers. Indexes serve the console's request
// log queries (newest first, by route/outcome/status) and retention
// (oldest first); served-by and text searches scan requests_time newest
// first.
SchemaMigration version3()
{
    return {
        3,
        {
            s("CREATE TABLE requests ("
              " id INTEGER PRIMARY KEY,"
              " request_id TEXT NOT NULL,"
              " started_at_ms INTEGER NOT NULL,"
              " route TEXT NOT NULL,"
              " method TEXT NOT NULL,"
              " path TEXT NOT NULL,"
              " consumer TEXT NOT NULL DEFAULT '',"
              " status INTEGER NOT NULL,"
              " outcome TEXT NOT NULL,"
              " served_by TEXT NOT NULL DEFAULT '',"
              " served_model TEXT NOT NULL DEFAULT '',"
              " fallback_depth INTEGER NOT NULL DEFAULT 0,"
              " attempts INTEGER NOT NULL DEFAULT 0,"
              " duration_ms INTEGER NOT NULL DEFAULT 0,"
              " ttft_ms INTEGER,"
              " prompt_tokens INTEGER,"
              " completion_tokens INTEGER,"
              " cost REAL NOT NULL DEFAULT 0,"
              " bytes_in INTEGER NOT NULL DEFAULT 0,"
              " bytes_out INTEGER NOT NULL DEFAULT 0,"
              " cached INTEGER NOT NULL DEFAULT 0,"
              " static INTEGER NOT NULL DEFAULT 0,"
              " degraded INTEGER NOT NULL DEFAULT 0,"
              " stream INTEGER NOT NULL DEFAULT 0,"
              // The attempt trail, compactly: a JSON array with one array per
              // attempt, [step_path, target, start_offset_ms, duration_ms,
              // ttft_ms|null, bytes, outcome, upstream_status,
              // retry_after_ms|null, breaker_state, decision]. One row per
              // request instead of one per attempt halves the writer's
              // B-tree inserts; only the detail view reads it.
              " trail TEXT NOT NULL DEFAULT '[]')"),
            s("CREATE INDEX requests_time ON requests (started_at_ms, id)"),
            s("CREATE INDEX requests_route ON requests (route, started_at_ms, id)"),
            s("CREATE INDEX requests_outcome ON requests (outcome, started_at_ms, id)"),
            s("CREATE INDEX requests_status ON requests (status, started_at_ms, id)"),
            // No index on served_by or request_id: both are searched by
            // substring (LIKE '%...%', which no index serves), and an index
            // on a high-entropy text such as the request id costs every
            // insert a random B-tree descent and page write.
            // Headers as a JSON object text, bodies capped and redacted.
            s("CREATE TABLE request_bodies ("
              " request INTEGER PRIMARY KEY NOT NULL REFERENCES requests (id) ON DELETE CASCADE,"
              " request_headers TEXT,"
              " request_body BLOB,"
              " response_headers TEXT,"
              " response_body BLOB,"
              " truncated INTEGER NOT NULL DEFAULT 0)"),
            s("CREATE TABLE events ("
              " id INTEGER PRIMARY KEY,"
              " at_ms INTEGER NOT NULL,"
              " kind TEXT NOT NULL,"
              " subject TEXT NOT NULL,"
              " detail TEXT NOT NULL CHECK (json_valid(detail)))"),
            s("CREATE INDEX events_time ON events (at_ms, id)"),
            s("CREATE INDEX events_kind ON events (kind, at_ms, id)"),
            // One row per route and minute; outcomes is {"ok": n, ...} and the
            // histograms are {"<bucket upper bound ms>": n, ...}.
            s("CREATE TABLE metrics_minute ("
              " minute_ms INTEGER NOT NULL,"
              " route TEXT NOT NULL,"
              " requests INTEGER NOT NULL,"
              " errors INTEGER NOT NULL,"
              " fallbacks INTEGER NOT NULL,"
              " outcomes TEXT NOT NULL CHECK (json_valid(outcomes)),"
              " latency_p50_ms REAL, latency_p95_ms REAL, latency_p99_ms REAL,"
              " ttft_p50_ms REAL, ttft_p95_ms REAL, ttft_p99_ms REAL,"
              " latency_histogram TEXT NOT NULL CHECK (json_valid(latency_histogram)),"
              " ttft_histogram TEXT NOT NULL CHECK (json_valid(ttft_histogram)),"
              " prompt_tokens INTEGER NOT NULL,"
              " completion_tokens INTEGER NOT NULL,"
              " cost REAL NOT NULL,"
              " PRIMARY KEY (minute_ms, route)) WITHOUT ROWID"),
        },
    };
}

// Version 4: request ids that sort by start time. id = started_at_ms << 20
// plus a sequence number (see RequestLogWriter), so the table's own rowid
// order is time order: newest-first pages, time ranges, keyset cursors and
// retention run on the rowid B-tree, and the separate time index (one of
// the writer's most expensive inserts per request) is gone. The route
// index keys on (route, rowid) = route then time. Outcome and status are
// indexed only where they are rare and worth finding (not ok, 4xx/5xx):
// common values fill a page from a newest-first scan at once, and healthy
// traffic costs those indexes nothing. Existing rows get new ids in the
// same order; their stored bodies follow them.
SchemaMigration version4()
{
    return {
        4,
        {
            s("CREATE TEMP TABLE request_ids AS SELECT id AS old_id,"
              " (max(started_at_ms, 0) << 20)"
              " + (row_number() OVER (PARTITION BY max(started_at_ms, 0) ORDER BY id) - 1) AS new_id FROM requests"),
            s("CREATE TABLE requests_v4 ("
              " id INTEGER PRIMARY KEY,"
              " request_id TEXT NOT NULL,"
              " started_at_ms INTEGER NOT NULL,"
              " route TEXT NOT NULL,"
              " method TEXT NOT NULL,"
              " path TEXT NOT NULL,"
              " consumer TEXT NOT NULL DEFAULT '',"
              " status INTEGER NOT NULL,"
              " outcome TEXT NOT NULL,"
              " served_by TEXT NOT NULL DEFAULT '',"
              " served_model TEXT NOT NULL DEFAULT '',"
              " fallback_depth INTEGER NOT NULL DEFAULT 0,"
              " attempts INTEGER NOT NULL DEFAULT 0,"
              " duration_ms INTEGER NOT NULL DEFAULT 0,"
              " ttft_ms INTEGER,"
              " prompt_tokens INTEGER,"
              " completion_tokens INTEGER,"
              " cost REAL NOT NULL DEFAULT 0,"
              " bytes_in INTEGER NOT NULL DEFAULT 0,"
              " bytes_out INTEGER NOT NULL DEFAULT 0,"
              " cached INTEGER NOT NULL DEFAULT 0,"
              " static INTEGER NOT NULL DEFAULT 0,"
              " degraded INTEGER NOT NULL DEFAULT 0,"
              " stream INTEGER NOT NULL DEFAULT 0,"
              " trail TEXT NOT NULL DEFAULT '[]')"),
            s("INSERT INTO requests_v4 SELECT m.new_id, r.request_id, r.started_at_ms, r.route, r.method, r.path,"
              " r.consumer, r.status, r.outcome, r.served_by, r.served_model, r.fallback_depth, r.attempts,"
              " r.duration_ms, r.ttft_ms, r.prompt_tokens, r.completion_tokens, r.cost, r.bytes_in, r.bytes_out,"
              " r.cached, r.static, r.degraded, r.stream, r.trail"
              " FROM requests r JOIN request_ids m ON m.old_id = r.id"),
            s("CREATE TABLE request_bodies_v4 ("
              " request INTEGER PRIMARY KEY NOT NULL REFERENCES requests_v4 (id) ON DELETE CASCADE,"
              " request_headers TEXT,"
              " request_body BLOB,"
              " response_headers TEXT,"
              " response_body BLOB,"
              " truncated INTEGER NOT NULL DEFAULT 0)"),
            s("INSERT INTO request_bodies_v4 SELECT m.new_id, b.request_headers, b.request_body,"
              " b.response_headers, b.response_body, b.truncated"
              " FROM request_bodies b JOIN request_ids m ON m.old_id = b.request"),
            s("DROP TABLE request_bodies"),
            s("DROP TABLE requests"),
            // Renaming also rewrites request_bodies_v4's reference.
            s("ALTER TABLE requests_v4 RENAME TO requests"),
            s("ALTER TABLE request_bodies_v4 RENAME TO request_bodies"),
            s("DROP TABLE temp.request_ids"),
            s("CREATE INDEX requests_route ON requests (route)"),
            s("CREATE INDEX requests_outcome ON requests (outcome) WHERE outcome <> 'ok'"),
            s("CREATE INDEX requests_status ON requests (status) WHERE status >= 400"),
        },
    };
}

// Version 5: the request log's row is narrow. Only what an index or a
// search needs keeps a column of its own (request_id, route, path, status,
// outcome, served_by); the rest of the summary is one compact JSON array,
// like the trail:
//   summary = [started_at_ms, method, consumer, served_model,
//              fallback_depth, attempts, duration_ms, ttft_ms|null,
//              prompt_tokens|null, completion_tokens|null, cost, bytes_in,
//              bytes_out, cached, static, degraded, stream]
// SQLite's per-column work (binding, record encoding) was most of the
// writer's cost per request; for ad-hoc SQL, summary ->> '$[6]' is the
// duration. Ids and stored bodies stay as they are.
SchemaMigration version5()
{
    return {
        5,
        {
            s("CREATE TABLE requests_v5 ("
              " id INTEGER PRIMARY KEY,"
              " request_id TEXT NOT NULL,"
              " route TEXT NOT NULL,"
              " path TEXT NOT NULL,"
              " status INTEGER NOT NULL,"
              " outcome TEXT NOT NULL,"
              " served_by TEXT NOT NULL DEFAULT '',"
              " summary TEXT NOT NULL,"
              " trail TEXT NOT NULL DEFAULT '[]')"),
            s("INSERT INTO requests_v5 SELECT id, request_id, route, path, status, outcome, served_by,"
              " json_array(started_at_ms, method, consumer, served_model, fallback_depth, attempts, duration_ms,"
              " ttft_ms, prompt_tokens, completion_tokens, cost, bytes_in, bytes_out, cached, static, degraded,"
              " stream), trail FROM requests"),
            // The bodies move too: dropping the old table would take them
            // with it (ON DELETE CASCADE).
            s("CREATE TABLE request_bodies_v5 ("
              " request INTEGER PRIMARY KEY NOT NULL REFERENCES requests_v5 (id) ON DELETE CASCADE,"
              " request_headers TEXT,"
              " request_body BLOB,"
              " response_headers TEXT,"
              " response_body BLOB,"
              " truncated INTEGER NOT NULL DEFAULT 0)"),
            s("INSERT INTO request_bodies_v5 SELECT * FROM request_bodies"),
            s("DROP TABLE request_bodies"),
            s("DROP TABLE requests"),
            s("ALTER TABLE requests_v5 RENAME TO requests"),
            s("ALTER TABLE request_bodies_v5 RENAME TO request_bodies"),
            s("CREATE INDEX requests_route ON requests (route)"),
            s("CREATE INDEX requests_outcome ON requests (outcome) WHERE outcome <> 'ok'"),
            s("CREATE INDEX requests_status ON requests (status) WHERE status >= 400"),
        },
    };
}

// The route index becomes route spans (observe/RequestRouteSpans.h): one
// row per route per written batch instead of one index entry per request.
// Old rows get a span per route per second or so (id >> 30: the start time
// in units of 1024 ms).
SchemaMigration version6()
{
    return {
        6,
        {
            s("CREATE TABLE request_route_spans ("
              " route TEXT NOT NULL,"
              " first_id INTEGER NOT NULL,"
              " last_id INTEGER NOT NULL,"
              " row_count INTEGER NOT NULL,"
              " PRIMARY KEY (route, last_id, first_id)) WITHOUT ROWID"),
            s("INSERT INTO request_route_spans (route, first_id, last_id, row_count)"
              " SELECT route, min(id), max(id), count(*) FROM requests GROUP BY route, id >> 30"),
            s("DROP INDEX requests_route"),
        },
    };
}

// The requests table becomes the first of the request log's segments
// (observe/RequestLogSegments.h): the writer starts a new segment table
// every so many rows, and retention drops whole segments instead of deleting
// rows one by one. `requests` is now a view over every segment (UNION ALL;
// SQLite merges the segments' id orders, so the queries keep their plans).
// The bodies lose their foreign key (a key cannot point into several
// tables): the writer deletes a segment's bodies when it drops it.
SchemaMigration version7()
{
    return {
        7,
        {
            s("CREATE TABLE request_segments ("
              " seq INTEGER PRIMARY KEY,"
              " row_count INTEGER NOT NULL)"),
            s("INSERT INTO request_segments (seq, row_count) VALUES (1, (SELECT count(*) FROM requests))"),
            // Spans below the oldest row, left by an interrupted retention
            // run of schema 6 (whose writer mended them when it started).
            s("DELETE FROM request_route_spans"
              " WHERE last_id < coalesce((SELECT min(id) FROM requests), 9223372036854775807)"),
            s("CREATE TABLE request_bodies_v7 ("
              " request INTEGER PRIMARY KEY NOT NULL,"
              " request_headers TEXT,"
              " request_body BLOB,"
              " response_headers TEXT,"
              " response_body BLOB,"
              " truncated INTEGER NOT NULL DEFAULT 0)"),
            s("INSERT INTO request_bodies_v7 SELECT * FROM request_bodies"),
            s("DROP TABLE request_bodies"),
            s("ALTER TABLE request_bodies_v7 RENAME TO request_bodies"),
            s("ALTER TABLE requests RENAME TO request_segment_1"),
            s("CREATE VIEW requests AS SELECT * FROM request_segment_1"),
        },
    };
}

} // namespace

const std::vector<SchemaMigration> &schemaMigrations()
{
    // Immutable after first use; C++ guarantees thread-safe initialisation.
    static const std::vector<SchemaMigration> migrations{version1(), version2(), version3(), version4(),
                                                         version5(), version6(), version7()};
    return migrations;
}

Result<int> migrateSchema(QSqlDatabase &db, int fromVersion)
{
    int version = fromVersion;
    for (const SchemaMigration &migration : schemaMigrations()) {
        if (migration.toVersion <= version)
            continue;
        if (!db.transaction())
            return sqlFailure(QStringLiteral("cannot start the migration to schema %1").arg(migration.toVersion),
                              db.lastError());
        auto fail = [&](const Error &error) -> Result<int> {
            db.rollback();
            return Result<int>::failure(
                QStringLiteral("migration_failed"),
                QStringLiteral(
                    "upgrading the workspace from schema %1 to %2 failed, the file was left at schema %1: %3")
                    .arg(version)
                    .arg(migration.toVersion)
                    .arg(error.message));
        };
        for (const QString &statement : migration.statements) {
            if (auto done = execStatement(db, statement); !done)
                return fail(done.error());
        }
        if (auto done = execStatement(db, QStringLiteral("PRAGMA user_version = %1").arg(migration.toVersion)); !done)
            return fail(done.error());
        if (!db.commit())
            return fail(sqlFailure(QStringLiteral("commit"), db.lastError()));
        version = migration.toVersion;
    }
    return version;
}

} // namespace understudy
