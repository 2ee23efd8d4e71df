#include "RawSqlite.h"

#include "config/ConfigJson.h"
#include "config/DemoWorkspace.h"
#include "store/SchemaMigrations.h"
#include "store/Workspace.h"

#include <QFileInfo>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QTest>

using namespace understudy;

namespace {

Config withDeadline(int deadlineMs)
{
    Config config = demoConfig();
    config.chains.front().policy.deadlineMs = deadlineMs;
    return config;
}

std::vector<qint64> idsOf(const std::vector<RevisionInfo> &revisions)
{
    std::vector<qint64> ids;
    for (const auto &r : revisions)
        ids.push_back(r.id);
    return ids;
}

} // namespace

class TestWorkspace final : public QObject
{
    Q_OBJECT

private slots:
    void init() { QVERIFY(m_dir.isValid()); }

    void createOpenLoadRoundTrip()
    {
        const QString path = file("round.understudy");
        {
            auto ws = Workspace::create(path, demoConfig(), QStringLiteral("alice"), QStringLiteral("Initial"));
            QVERIFY2(ws.ok(), qPrintable(ws.ok() ? QString() : ws.error().message));
            QCOMPARE((*ws)->path(), path);
            QCOMPARE((*ws)->schemaVersion(), kWorkspaceSchemaVersion);
            auto loaded = (*ws)->loadConfig();
            QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message));
            QVERIFY(*loaded == demoConfig());
        }
        auto ws = Workspace::open(path);
        QVERIFY2(ws.ok(), qPrintable(ws.ok() ? QString() : ws.error().message));
        auto loaded = (*ws)->loadConfig();
        QVERIFY(loaded.ok());
        QCOMPARE(configToJson(*loaded), configToJson(demoConfig()));

        auto revisions = (*ws)->revisions();
        QVERIFY(revisions.ok());
        QCOMPARE(revisions->size(), std::size_t(1));
        const RevisionInfo &first = revisions->front();
        QCOMPARE(first.id, 1);
        QCOMPARE(first.author, QStringLiteral("alice"));
        QCOMPARE(first.summary, QStringLiteral("Initial"));
        QCOMPARE(first.createdAt.timeSpec(), Qt::UTC);
        QVERIFY(qAbs(first.createdAt.secsTo(QDateTime::currentDateTimeUtc())) < 24 * 3600); // sane, not a timing check

        auto rev = (*ws)->revision(1);
        QVERIFY(rev.ok());
        QVERIFY(rev->config == demoConfig());
    }

    void fileHasWorkspacePragmasAndTables()
    {
        const QString path = file("pragmas.understudy");
        QVERIFY(Workspace::create(path, demoConfig(), QStringLiteral("a"), QStringLiteral("s")).ok());
        RawSqlite raw(path);
        QCOMPARE(raw.value(QStringLiteral("PRAGMA application_id")).toInt(), kWorkspaceApplicationId);
        QCOMPARE(raw.value(QStringLiteral("PRAGMA user_version")).toInt(), kWorkspaceSchemaVersion);
        QCOMPARE(raw.value(QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
        // The config lives in the repository tables, one row per element.
        QCOMPARE(raw.column(QStringLiteral("SELECT name FROM providers ORDER BY position")),
                 (QStringList{QStringLiteral("primary"), QStringLiteral("secondary"), QStringLiteral("local")}));
        QStringList routeChains;
        for (const Route &route : demoConfig().routes)
            routeChains << route.chain;
        QCOMPARE(raw.column(QStringLiteral("SELECT chain FROM routes ORDER BY position")), routeChains);
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM revisions")).toInt(), 1);
    }

    void connectionIsRemovedWithTheWorkspace()
    {
        const QString a = file("a.understudy");
        const QString b = file("b.understudy");
        {
            auto wa = Workspace::create(a, demoConfig(), QStringLiteral("x"), QStringLiteral("a"));
            auto wb = Workspace::create(b, withDeadline(40'000), QStringLiteral("x"), QStringLiteral("b"));
            QVERIFY(wa.ok() && wb.ok());
            QCOMPARE(QSqlDatabase::connectionNames().size(), 2);
            QVERIFY((*wa)->loadConfig().value() == demoConfig());
            QVERIFY((*wb)->loadConfig().value() == withDeadline(40'000));
        }
        QVERIFY(QSqlDatabase::connectionNames().isEmpty());
    }

    void saveRecordsRevisionAndCurrentConfig()
    {
        const QString path = file("save.understudy");
        {
            auto ws = Workspace::create(path, demoConfig(), QStringLiteral("alice"), QStringLiteral("Initial"));
            QVERIFY(ws.ok());
            auto saved = (*ws)->saveConfig(withDeadline(45'678), QStringLiteral("bob"), QStringLiteral("Shorter"));
            QVERIFY2(saved.ok(), qPrintable(saved.ok() ? QString() : saved.error().message));
            QCOMPARE(saved->id, 2);
            QCOMPARE(saved->author, QStringLiteral("bob"));
            QCOMPARE(saved->summary, QStringLiteral("Shorter"));
            QVERIFY((*ws)->loadConfig().value() == withDeadline(45'678));
            auto revisions = (*ws)->revisions();
            QVERIFY(revisions.ok());
            QCOMPARE(idsOf(*revisions), (std::vector<qint64>{2, 1})); // newest first
            QCOMPARE(revisions->front().createdAt, saved->createdAt);
        }
        auto ws = Workspace::open(path);
        QVERIFY(ws.ok());
        QVERIFY((*ws)->loadConfig().value() == withDeadline(45'678));
        QVERIFY((*ws)->revision(1).value().config == demoConfig());
        QVERIFY((*ws)->revision(2).value().config == withDeadline(45'678));
    }

    void savedOrderOfElementsIsKept()
    {
        const QString path = file("order.understudy");
        auto ws = Workspace::create(path, demoConfig(), QStringLiteral("a"), QStringLiteral("s"));
        QVERIFY(ws.ok());
        Config reordered = demoConfig();
        std::reverse(reordered.providers.begin(), reordered.providers.end());
        QVERIFY((*ws)->saveConfig(reordered, QStringLiteral("a"), QStringLiteral("reorder")).ok());
        QVERIFY((*ws)->loadConfig().value() == reordered);
    }

    void invalidSaveChangesNothing()
    {
        const QString path = file("invalid.understudy");
        auto ws = Workspace::create(path, demoConfig(), QStringLiteral("alice"), QStringLiteral("Initial"));
        QVERIFY(ws.ok());
        Config broken = demoConfig();
        broken.chains.front().steps.front().retry.maxRetries = -4;
        auto saved = (*ws)->saveConfig(broken, QStringLiteral("mallory"), QStringLiteral("Break it"));
        QVERIFY(!saved.ok());
        QCOMPARE(saved.error().code, QStringLiteral("invalid_config"));
        QVERIFY2(saved.error().message.contains(QStringLiteral("max_retries")), qPrintable(saved.error().message));
        QCOMPARE((*ws)->revisions().value().size(), std::size_t(1));
        QVERIFY((*ws)->loadConfig().value() == demoConfig());
    }

    void failedWriteRollsBackEverything()
    {
        const QString path = file("rollback.understudy");
        auto ws = Workspace::create(path, demoConfig(), QStringLiteral("alice"), QStringLiteral("Initial"));
        QVERIFY(ws.ok());
        {
            // Make the last statement of a save fail, after the config rows
            // were already replaced inside the transaction.
            RawSqlite raw(path);
            QVERIFY(raw.exec(QStringLiteral("CREATE TRIGGER refuse BEFORE INSERT ON revisions "
                                            "BEGIN SELECT RAISE(ABORT, 'refused by test'); END")));
        }
        auto saved = (*ws)->saveConfig(withDeadline(50'000), QStringLiteral("bob"), QStringLiteral("Doomed"));
        QVERIFY(!saved.ok());
        QVERIFY2(saved.error().message.contains(QStringLiteral("refused by test")), qPrintable(saved.error().message));
        QVERIFY((*ws)->loadConfig().value() == demoConfig());
        QCOMPARE((*ws)->revisions().value().size(), std::size_t(1));
    }

    void twoInstancesOnOneFileSeeEachOther()
    {
        // The console and a CLI run may have the same workspace open.
        const QString path = file("shared.understudy");
        auto first = Workspace::create(path, demoConfig(), QStringLiteral("a"), QStringLiteral("s"));
        QVERIFY(first.ok());
        auto second = Workspace::open(path);
        QVERIFY2(second.ok(), qPrintable(second.ok() ? QString() : second.error().message));
        QVERIFY((*second)->saveConfig(withDeadline(40'000), QStringLiteral("cli"), QStringLiteral("from cli")).ok());
        QVERIFY((*first)->loadConfig().value() == withDeadline(40'000));
        QCOMPARE((*first)->revisions().value().front().author, QStringLiteral("cli"));
    }

    void damagedRowIsReportedAsCorrupt()
    {
        const QString path = file("row.understudy");
        auto ws = Workspace::create(path, demoConfig(), QStringLiteral("a"), QStringLiteral("s"));
        QVERIFY(ws.ok());
        {
            RawSqlite raw(path);
            QVERIFY(raw.exec(QStringLiteral("UPDATE listeners SET body = json_set(body, '$.bogus', 1)")));
        }
        auto loaded = (*ws)->loadConfig();
        QVERIFY(!loaded.ok());
        QCOMPARE(loaded.error().code, QStringLiteral("corrupt"));
        QVERIFY2(loaded.error().message.contains(QStringLiteral("bogus")), qPrintable(loaded.error().message));
    }

    void createFailsOnExistingPath()
    {
        const QString path = file("exists.understudy");
        const QByteArray bytes = "precious\n";
        QVERIFY(writeBytes(path, bytes));
        auto ws = Workspace::create(path, demoConfig(), QStringLiteral("a"), QStringLiteral("s"));
        QVERIFY(!ws.ok());
        QCOMPARE(ws.error().code, QStringLiteral("already_exists"));
        QCOMPARE(readBytes(path), bytes);
    }

    void createRejectsInvalidConfigAndLeavesNoFile()
    {
        const QString path = file("never.understudy");
        Config broken = demoConfig();
        broken.chains.front().steps.front().retry.maxRetries = -1;
        auto ws = Workspace::create(path, broken, QStringLiteral("a"), QStringLiteral("s"));
        QVERIFY(!ws.ok());
        QCOMPARE(ws.error().code, QStringLiteral("invalid_config"));
        QVERIFY(!QFileInfo::exists(path));
    }

    void createMakesParentFolders()
    {
        const QString path = file("deep/er/nested.understudy");
        QVERIFY(Workspace::create(path, demoConfig(), QStringLiteral("a"), QStringLiteral("s")).ok());
        QVERIFY(QFileInfo(path).isFile());
    }

    void restoreRecordsNewRevision()
    {
        const QString path = file("restore.understudy");
        auto ws = Workspace::create(path, demoConfig(), QStringLiteral("alice"), QStringLiteral("Initial"));
        QVERIFY(ws.ok());
        QVERIFY((*ws)->saveConfig(withDeadline(45'678), QStringLiteral("bob"), QStringLiteral("Shorter")).ok());
        auto restored = (*ws)->restore(1, QStringLiteral("carol"));
        QVERIFY2(restored.ok(), qPrintable(restored.ok() ? QString() : restored.error().message));
        QCOMPARE(restored->id, 3);
        QCOMPARE(restored->author, QStringLiteral("carol"));
        QCOMPARE(restored->summary, QStringLiteral("Restored revision 1"));
        QVERIFY((*ws)->loadConfig().value() == demoConfig());
        QCOMPARE(idsOf((*ws)->revisions().value()), (std::vector<qint64>{3, 2, 1}));

        auto missing = (*ws)->restore(42, QStringLiteral("carol"));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, QStringLiteral("not_found"));
        QCOMPARE((*ws)->revisions().value().size(), std::size_t(3));
    }

    void diffShowsTheChangedLine()
    {
        const QString path = file("diff.understudy");
        auto ws = Workspace::create(path, demoConfig(), QStringLiteral("alice"), QStringLiteral("Initial"));
        QVERIFY(ws.ok());
        const int before = demoConfig().chains.front().policy.deadlineMs;
        QVERIFY((*ws)->saveConfig(withDeadline(45'678), QStringLiteral("bob"), QStringLiteral("Shorter")).ok());

        auto diff = (*ws)->diff(1, 2);
        QVERIFY(diff.ok());
        const QStringList lines = diff->split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QStringList changed;
        for (const QString &line : lines) {
            if (line.startsWith(QLatin1Char('-')) || line.startsWith(QLatin1Char('+')))
                changed << line;
        }
        QCOMPARE(changed.size(), 2);
        QVERIFY2(changed[0].startsWith(QLatin1Char('-')) &&
                     changed[0].contains(QStringLiteral("\"deadline_ms\": %1").arg(before)),
                 qPrintable(*diff));
        QVERIFY2(changed[1].startsWith(QLatin1Char('+')) &&
                     changed[1].contains(QStringLiteral("\"deadline_ms\": 45678")),
                 qPrintable(*diff));
        QVERIFY(lines.front().startsWith(QStringLiteral("@@ ")));

        QCOMPARE((*ws)->diff(2, 2).value(), QString());
        auto missing = (*ws)->diff(1, 9);
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, QStringLiteral("not_found"));
    }

    void openOrCreateDemoCreatesOnceThenOpens()
    {
        const QString path = file("first-run/demo.understudy");
        {
            auto ws = Workspace::openOrCreateDemo(path);
            QVERIFY2(ws.ok(), qPrintable(ws.ok() ? QString() : ws.error().message));
            QVERIFY((*ws)->loadConfig().value() == demoConfig());
            QVERIFY((*ws)->saveConfig(withDeadline(55'000), QStringLiteral("me"), QStringLiteral("mine")).ok());
        }
        auto ws = Workspace::openOrCreateDemo(path);
        QVERIFY(ws.ok());
        QVERIFY((*ws)->loadConfig().value() == withDeadline(55'000)); // opened, not recreated
        QCOMPARE((*ws)->revisions().value().size(), std::size_t(2));
    }

    void defaultPathIsInAppData()
    {
        QVERIFY(defaultWorkspacePath().endsWith(QStringLiteral("/demo.understudy")));
        QVERIFY(QFileInfo(defaultWorkspacePath()).isAbsolute());
    }

private:
    QString file(const char *name) const { return m_dir.filePath(QLatin1String(name)); }
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestWorkspace)
#include "tst_workspace.moc"
