#include "RawSqlite.h"

#include "config/ConfigJson.h"
#include "config/DemoWorkspace.h"
#include "observe/RequestLogQuery.h"
#include "store/SchemaMigrations.h"
#include "store/Workspace.h"

#include <QTemporaryDir>
#include <QTest>

using namespace understudy;

namespace {

Config tuned()
{
    Config config = demoConfig();
    config.chains.front().policy.deadlineMs = 9'000;
    config.providers.front().mock.latencyMs = 777;
    return config;
}

// Writes the schema-1 layout exactly as Understudy 0.0.x did, by hand, so
// the test does not depend on the migration code it checks.
bool writeVersion1File(const QString &path)
{
    RawSqlite raw(path);
    const QString initial = QString::fromUtf8(configToJson(demoConfig()));
    const QString current = QString::fromUtf8(configToJson(tuned()));
    return raw.exec(QStringLiteral("PRAGMA application_id = 1431520345")) &&
           raw.exec(QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)")) &&
           raw.exec(QStringLiteral("CREATE TABLE revisions ("
                                   " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                                   " created_at INTEGER NOT NULL,"
                                   " author TEXT NOT NULL,"
                                   " message TEXT NOT NULL,"
                                   " snapshot TEXT NOT NULL)")) &&
           raw.exec(QStringLiteral("INSERT INTO revisions (id, created_at, author, message, snapshot) "
                                   "VALUES (1, 1700000000, 'alice', 'Initial', ?)"),
                    {initial}) &&
           raw.exec(QStringLiteral("INSERT INTO revisions (id, created_at, author, message, snapshot) "
                                   "VALUES (2, 1700003600, 'bob', 'Tuned latency', ?)"),
                    {current}) &&
           // A deleted revision: its id must never be handed out again.
           raw.exec(QStringLiteral("INSERT INTO revisions (id, created_at, author, message, snapshot) "
                                   "VALUES (3, 1700007200, 'eve', 'Oops', ?)"),
                    {initial}) &&
           raw.exec(QStringLiteral("DELETE FROM revisions WHERE id = 3")) &&
           raw.exec(QStringLiteral("INSERT INTO meta (key, value) VALUES ('config', ?)"), {current}) &&
           raw.exec(QStringLiteral("PRAGMA user_version = 1"));
}

} // namespace

class TestWorkspaceMigration final : public QObject
{
    Q_OBJECT

private slots:
    void version1FileIsMigratedWithItsData()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("old.understudy"));
        QVERIFY(writeVersion1File(path));
        {
            RawSqlite raw(path);
            QCOMPARE(raw.value(QStringLiteral("PRAGMA user_version")).toInt(), 1);
        }

        {
            auto ws = Workspace::open(path);
            QVERIFY2(ws.ok(), qPrintable(ws.ok() ? QString() : ws.error().message));
            QCOMPARE((*ws)->schemaVersion(), kWorkspaceSchemaVersion);

            auto config = (*ws)->loadConfig();
            QVERIFY2(config.ok(), qPrintable(config.ok() ? QString() : config.error().message));
            QVERIFY(*config == tuned());

            auto revisions = (*ws)->revisions();
            QVERIFY(revisions.ok());
            QCOMPARE(revisions->size(), std::size_t(2));
            const RevisionInfo &newest = revisions->at(0);
            QCOMPARE(newest.id, 2);
            QCOMPARE(newest.author, QStringLiteral("bob"));
            QCOMPARE(newest.summary, QStringLiteral("Tuned latency"));
            QCOMPARE(newest.createdAt, QDateTime::fromSecsSinceEpoch(1700003600, Qt::UTC));
            QCOMPARE(revisions->at(1).createdAt, QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC));
            QVERIFY((*ws)->revision(1).value().config == demoConfig());

            auto saved = (*ws)->saveConfig(demoConfig(), QStringLiteral("carol"), QStringLiteral("After upgrade"));
            QVERIFY(saved.ok());
            QCOMPARE(saved->id, 4); // 3 was used (and deleted) before the upgrade
        }

        RawSqlite raw(path);
        QCOMPARE(raw.value(QStringLiteral("PRAGMA user_version")).toInt(), kWorkspaceSchemaVersion);
        QCOMPARE(raw.value(QStringLiteral("PRAGMA application_id")).toInt(), kWorkspaceApplicationId);
        // The blob is gone; the routes table carries the chain reference.
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM meta WHERE key = 'config'")).toInt(), 0);
        QStringList routeChains;
        for (const Route &route : demoConfig().routes)
            routeChains << route.chain;
        QCOMPARE(raw.column(QStringLiteral("SELECT chain FROM routes ORDER BY position")), routeChains);
        QCOMPARE(raw.column(QStringLiteral("SELECT \"table\" FROM pragma_foreign_key_list('routes')")),
                 QStringList{QStringLiteral("chains")});
    }

    void failedMigrationLeavesVersion1Intact()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad-old.understudy"));
        QVERIFY(writeVersion1File(path));
        {
            // A route whose chain does not exist cannot satisfy the v2
            // foreign key, so the migration must fail as a whole.
            RawSqlite raw(path);
            QVERIFY(raw.exec(QStringLiteral("UPDATE meta SET value = json_set(value, '$.routes[0].chain', 'ghost') "
                                            "WHERE key = 'config'")));
        }
        auto ws = Workspace::open(path);
        QVERIFY(!ws.ok());
        QCOMPARE(ws.error().code, QStringLiteral("migration_failed"));

        RawSqlite raw(path);
        QCOMPARE(raw.value(QStringLiteral("PRAGMA user_version")).toInt(), 1);
        QCOMPARE(raw.column(QStringLiteral("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE "
                                           "'sqlite_%' ORDER BY name")),
                 (QStringList{QStringLiteral("meta"), QStringLiteral("revisions")}));
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM revisions")).toInt(), 2);
    }

    // Schema 4 renumbers the request log so ids sort by start time; the
    // rows, their order, their stored bodies and the cascade all survive.
    void version3RequestLogIsRenumberedWithItsBodies()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v3.understudy"));
        QVERIFY(writeVersion1File(path));
        {
            // Up to schema 3 with the migrations themselves (v1 -> v3 is
            // checked above); then a v3 request log written by hand, ids in
            // finishing order, not start order, two in the same millisecond.
            RawSqlite raw(path);
            for (const SchemaMigration &migration : schemaMigrations()) {
                if (migration.toVersion < 2 || migration.toVersion > 3)
                    continue;
                for (const QString &statement : migration.statements)
                    QVERIFY(raw.exec(statement));
            }
            QVERIFY(raw.exec(QStringLiteral("PRAGMA user_version = 3")));
            // Times before the epoch (a bad clock) all count as the epoch.
            const QList<std::pair<int, qint64>> rows = {
                {1, 1700000000500}, {2, 1700000000100}, {3, 1700000000500}, {4, 1700000000900}, {5, -3}, {6, -1}};
            for (const auto &[id, started] : rows) {
                QVERIFY(raw.exec(QStringLiteral("INSERT INTO requests (id, request_id, started_at_ms, route, method,"
                                                " path, status, outcome, trail) VALUES (?, ?, ?, 'chat', 'POST',"
                                                " '/v1/chat/completions', 200, 'ok', '[]')"),
                                 {id, QStringLiteral("req-%1").arg(id), started}));
            }
            QVERIFY(raw.exec(QStringLiteral("INSERT INTO request_bodies (request, request_body) VALUES (3, 'three')")));
        }

        {
            auto ws = Workspace::open(path);
            QVERIFY2(ws.ok(), qPrintable(ws.ok() ? QString() : ws.error().message));
            QCOMPARE((*ws)->schemaVersion(), kWorkspaceSchemaVersion);
        }

        RawSqlite raw(path);
        QCOMPARE(raw.column(QStringLiteral("SELECT request_id FROM requests ORDER BY id")),
                 (QStringList{QStringLiteral("req-5"), QStringLiteral("req-6"), QStringLiteral("req-2"),
                              QStringLiteral("req-1"), QStringLiteral("req-3"), QStringLiteral("req-4")}));
        QCOMPARE(raw.value(QStringLiteral("SELECT id FROM requests WHERE request_id = 'req-2'")).toLongLong(),
                 1700000000100LL << 20);
        QCOMPARE(raw.value(QStringLiteral("SELECT r.request_id FROM request_bodies b JOIN requests r"
                                          " ON r.id = b.request WHERE b.request_body = 'three'"))
                     .toString(),
                 QStringLiteral("req-3"));
        // Schema 7: the table is the first segment under a `requests` view,
        // with its indexes and its row count in the catalog.
        QCOMPARE(raw.value(QStringLiteral("SELECT type FROM sqlite_schema WHERE name = 'requests'")).toString(),
                 QStringLiteral("view"));
        QCOMPARE(raw.column(QStringLiteral("SELECT seq || ':' || row_count FROM request_segments")),
                 QStringList{QStringLiteral("1:6")});
        QCOMPARE(raw.column(QStringLiteral("SELECT name FROM sqlite_schema WHERE type = 'index' AND"
                                           " tbl_name = 'request_segment_1' ORDER BY name")),
                 (QStringList{QStringLiteral("requests_outcome"), QStringLiteral("requests_status")}));
        // Schema 6: the route index gave way to route spans, one per route
        // per 1024 ms of start time, that account for every row.
        QCOMPARE(raw.column(QStringLiteral("SELECT route || ':' || row_count FROM request_route_spans"
                                           " ORDER BY last_id")),
                 (QStringList{QStringLiteral("chat:2"), QStringLiteral("chat:4")}));
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM requests r WHERE NOT EXISTS (SELECT 1 FROM"
                                          " request_route_spans s WHERE s.route = r.route AND r.id BETWEEN"
                                          " s.first_id AND s.last_id)"))
                     .toInt(),
                 0);
        // The bodies no longer have a foreign key (the writer deletes them
        // with their segment or rows) and kept every row.
        QCOMPARE(raw.column(QStringLiteral("SELECT \"table\" FROM pragma_foreign_key_list('request_bodies')")),
                 QStringList{});
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM request_bodies")).toInt(), 1);
    }

    // Schema 5 moves the request summary's unindexed columns into one JSON
    // array; a v4 row reads back the same through RequestLogQuery.
    void version4RequestRowsKeepEveryValue()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v4.understudy"));
        QVERIFY(writeVersion1File(path));
        const qint64 id = (1700000000100LL << 20) | 7;
        {
            RawSqlite raw(path);
            for (const SchemaMigration &migration : schemaMigrations()) {
                if (migration.toVersion < 2 || migration.toVersion > 4)
                    continue;
                for (const QString &statement : migration.statements)
                    QVERIFY(raw.exec(statement));
            }
            QVERIFY(raw.exec(QStringLiteral("PRAGMA user_version = 4")));
            QVERIFY(raw.exec(
                QStringLiteral(
                    "INSERT INTO requests (id, request_id, started_at_ms, route, method, path, consumer, status,"
                    " outcome, served_by, served_model, fallback_depth, attempts, duration_ms, ttft_ms,"
                    " prompt_tokens, completion_tokens, cost, bytes_in, bytes_out, cached, static, degraded, stream,"
                    " trail) VALUES (?, 'req-1', 1700000000100, 'chat', 'POST', '/v1/chat/completions', 'team-a',"
                    " 200, 'ok', 'chat/steps[1] backup/m', 'm-small', 1, 2, 140, 35, 12, NULL, 0.25,"
                    " 321, 1234, 0, 0, 1, 1, '[]')"),
                {id}));
            QVERIFY(raw.exec(QStringLiteral("INSERT INTO request_bodies (request, request_body) VALUES (?, 'body')"),
                             {id}));
        }
        {
            auto ws = Workspace::open(path);
            QVERIFY2(ws.ok(), qPrintable(ws.ok() ? QString() : ws.error().message));
        }
        RawSqlite raw(path);
        QCOMPARE(raw.value(QStringLiteral("SELECT summary FROM requests WHERE id = %1").arg(id)).toString(),
                 QStringLiteral("[1700000000100,\"POST\",\"team-a\",\"m-small\",1,2,140,35,12,null,0.25,321,1234,0,0,"
                                "1,1]"));
        QCOMPARE(
            raw.value(QStringLiteral("SELECT request_body FROM request_bodies WHERE request = %1").arg(id)).toString(),
            QStringLiteral("body"));

        auto log = RequestLogQuery::open(path);
        QVERIFY2(log.ok(), qPrintable(log.ok() ? QString() : log.error().message));
        auto row = (*log)->request(id);
        QVERIFY2(row.ok(), qPrintable(row.ok() ? QString() : row.error().message));
        const RequestTrail &t = row->trail;
        QCOMPARE(t.requestId, QByteArray("req-1"));
        QCOMPARE(t.startedAtMs, 1700000000100LL);
        QCOMPARE(t.route, QStringLiteral("chat"));
        QCOMPARE(t.method, QStringLiteral("POST"));
        QCOMPARE(t.path, QStringLiteral("/v1/chat/completions"));
        QCOMPARE(t.consumer, QStringLiteral("team-a"));
        QCOMPARE(t.status, 200);
        QCOMPARE(t.outcome, OutcomeClass::Ok);
        QCOMPARE(t.servedBy, QStringLiteral("chat/steps[1] backup/m"));
        QCOMPARE(t.servedModel, QStringLiteral("m-small"));
        QCOMPARE(t.fallbackDepth, 1);
        QCOMPARE(row->attempts, 2);
        QCOMPARE(t.durationMs, 140);
        QCOMPARE(t.ttftMs, 35);
        QCOMPARE(t.promptTokens, 12);
        QCOMPARE(t.completionTokens, -1);
        QCOMPARE(t.cost, 0.25);
        QCOMPARE(t.bytesIn, 321);
        QCOMPARE(t.bytesOut, 1234);
        QVERIFY(!t.cached && !t.staticAnswer && t.degraded && t.stream);
        QVERIFY(row->hasBodies);

        // The migrated row is found by its route (through the spans schema 6
        // built), and not by another.
        RequestFilter chat;
        chat.route = QStringLiteral("chat");
        auto page = (*log)->find(chat, 10);
        QVERIFY2(page.ok(), qPrintable(page.ok() ? QString() : page.error().message));
        QCOMPARE(int(page->rows.size()), 1);
        QCOMPARE(page->rows.front().id, id);
        RequestFilter other;
        other.route = QStringLiteral("embed");
        QCOMPARE(int((*log)->find(other, 10)->rows.size()), 0);
    }

    void migrationsAreOrdered()
    {
        const auto &migrations = schemaMigrations();
        QCOMPARE(int(migrations.size()), kWorkspaceSchemaVersion);
        for (std::size_t i = 0; i < migrations.size(); ++i)
            QCOMPARE(migrations[i].toVersion, int(i) + 1);
    }
};

QTEST_GUILESS_MAIN(TestWorkspaceMigration)
#include "tst_workspacemigration.moc"
