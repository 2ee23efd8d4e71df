#include "RawSqlite.h"

#include "config/DemoWorkspace.h"
#include "store/SchemaMigrations.h"
#include "store/Workspace.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace understudy;

// Files that are not (usable) workspaces are reported with a code a script
// can act on and are left exactly as they were.
class TestWorkspaceProbe final : public QObject
{
    Q_OBJECT

private slots:
    void init() { QVERIFY(m_dir.isValid()); }

    void missingFile()
    {
        auto ws = Workspace::open(file("nope.understudy"));
        QVERIFY(!ws.ok());
        QCOMPARE(ws.error().code, QStringLiteral("not_found"));
        QVERIFY(!QFileInfo::exists(file("nope.understudy")));
    }

    void textFile()
    {
        const QString path = file("notes.understudy");
        QVERIFY(writeBytes(path, "these are my notes, not a database\n"));
        expectUntouched(path, "not_a_workspace");
    }

    void emptyFile()
    {
        // SQLite would happily treat an empty file as a new database.
        const QString path = file("empty.understudy");
        QVERIFY(writeBytes(path, QByteArray()));
        expectUntouched(path, "not_a_workspace");
    }

    void foreignSqliteDatabase()
    {
        const QString path = file("bookmarks.sqlite");
        {
            RawSqlite raw(path);
            QVERIFY(raw.exec(QStringLiteral("CREATE TABLE bookmarks (url TEXT, title TEXT)")));
            QVERIFY(raw.exec(QStringLiteral("INSERT INTO bookmarks VALUES ('https://example.org', 'Example')")));
        }
        expectUntouched(path, "not_a_workspace");
    }

    void otherApplicationId()
    {
        const QString path = file("other-app.db");
        {
            RawSqlite raw(path);
            QVERIFY(raw.exec(QStringLiteral("PRAGMA application_id = 1234")));
            QVERIFY(raw.exec(QStringLiteral("CREATE TABLE revisions (id INTEGER PRIMARY KEY, note TEXT)")));
        }
        Error error;
        expectUntouched(path, "not_a_workspace", &error);
        QVERIFY2(error.message.contains(QStringLiteral("application")), qPrintable(error.message));
    }

    void newerSchema()
    {
        const QString path = file("future.understudy");
        QVERIFY(Workspace::create(path, demoConfig(), QStringLiteral("a"), QStringLiteral("s")).ok());
        {
            RawSqlite raw(path);
            QVERIFY(raw.exec(QStringLiteral("PRAGMA user_version = %1").arg(kWorkspaceSchemaVersion + 7)));
        }
        Error error;
        expectUntouched(path, "newer_schema", &error);
        QVERIFY2(error.message.contains(QString::number(kWorkspaceSchemaVersion + 7)), qPrintable(error.message));
    }

    void truncatedWorkspace()
    {
        const QString path = file("truncated.understudy");
        const QByteArray whole = workspaceBytes(path);
        QVERIFY(whole.size() > 8 * 4096);
        QVERIFY(writeBytes(path, whole.left(whole.size() / 2)));
        expectUntouched(path, "corrupt");
    }

    void damagedPages()
    {
        const QString path = file("damaged.understudy");
        QByteArray bytes = workspaceBytes(path);
        // Page 1 (the header and schema) survives; every other page is noise.
        for (qsizetype i = 4096; i < bytes.size(); ++i)
            bytes[i] = char((i * 131) & 0xff);
        QVERIFY(writeBytes(path, bytes));
        expectUntouched(path, "corrupt");
    }

    void cutHeader()
    {
        const QString path = file("cut.understudy");
        QVERIFY(writeBytes(path, QByteArray("SQLite format 3\0\x10\x00", 18)));
        expectUntouched(path, "corrupt");
    }

    void directory()
    {
        const QString path = file("folder.understudy");
        QVERIFY(QDir().mkpath(path));
        auto ws = Workspace::open(path);
        QVERIFY(!ws.ok());
        QCOMPARE(ws.error().code, QStringLiteral("not_a_workspace"));
    }

    // Probing a workspace this process already holds open must not drop
    // the process's SQLite locks (closing any other handle on the file
    // would). Without its shared lock, another process that opens and
    // closes the file believes it is the last user, checkpoints and deletes
    // the -wal/-shm files under this process's live connection.
    void probingKeepsThisProcesssLocks()
    {
        const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
        if (python.isEmpty())
            QSKIP("python3 is needed to use the file from another process");
        const QString path = file("held.understudy");
        {
            auto ws = Workspace::create(path, demoConfig(), QStringLiteral("a"), QStringLiteral("s"));
            QVERIFY(ws.ok());
        }
        RawSqlite holder(path);
        QVERIFY(holder.exec(QStringLiteral("CREATE TABLE held_open (x)")));
        QVERIFY(QFileInfo::exists(path + QStringLiteral("-wal")));

        {
            auto again = Workspace::open(path); // probes the file, then opens it
            QVERIFY(again.ok());
        }

        QProcess other;
        other.start(python, {QStringLiteral("-c"),
                             QStringLiteral("import sqlite3,sys\n"
                                            "c=sqlite3.connect(sys.argv[1])\n"
                                            "c.execute('SELECT count(*) FROM sqlite_schema').fetchall()\n"
                                            "c.close()\n"),
                             path});
        QVERIFY(other.waitForFinished(20000));
        QCOMPARE(other.exitCode(), 0);
        QVERIFY2(QFileInfo::exists(path + QStringLiteral("-wal")),
                 "another process deleted the WAL under a live connection");
        QCOMPARE(holder.value(QStringLiteral("SELECT count(*) FROM held_open")).toInt(), 0);
    }

private:
    QString file(const char *name) const { return m_dir.filePath(QLatin1String(name)); }

    // A real workspace's bytes after it was closed (WAL checkpointed).
    QByteArray workspaceBytes(const QString &path)
    {
        Config big = demoConfig();
        // Enough rows to span several pages.
        for (int i = 0; i < 60; ++i) {
            Provider p = big.providers.front();
            p.name = QStringLiteral("extra-%1").arg(i);
            p.mock.answer = QString(200, QLatin1Char('x'));
            big.providers.push_back(p);
        }
        {
            auto ws = Workspace::create(path, big, QStringLiteral("a"), QStringLiteral("s"));
            if (!ws.ok()) {
                qWarning("%s", qPrintable(ws.error().message));
                return {};
            }
        }
        return readBytes(path);
    }

    // Fails the current test unless open() reports `code`, names the file,
    // leaves its bytes as they were and leaves no -wal/-shm beside it.
    void expectUntouched(const QString &path, const char *code, Error *error = nullptr)
    {
        const QByteArray before = readBytes(path);
        auto ws = Workspace::open(path);
        QVERIFY2(!ws.ok(), "open() accepted the file");
        if (error)
            *error = ws.error();
        QCOMPARE(ws.error().code, QLatin1String(code));
        QVERIFY2(ws.error().message.contains(path), qPrintable(ws.error().message));
        QCOMPARE(readBytes(path), before);
        const QStringList leftovers =
            QDir(m_dir.path()).entryList({QFileInfo(path).fileName() + QStringLiteral("-*")}, QDir::Files);
        QVERIFY2(leftovers.isEmpty(), qPrintable(leftovers.join(QLatin1Char(' '))));
    }

    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestWorkspaceProbe)
#include "tst_workspaceprobe.moc"
