// The CLI's exit codes and messages, run as a real process.

#include "config/ConfigJson.h"
#include "config/DemoWorkspace.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace understudy;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run runCli(const QStringList &args)
{
    QProcess process;
    process.start(QStringLiteral(UNDERSTUDY_GATEWAY_BIN), args);
    if (!process.waitForFinished(60'000)) {
        process.kill();
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QCOMPARE(f.write(bytes), bytes.size());
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestCli final : public QObject
{
    Q_OBJECT

private slots:
    void init() { QVERIFY(m_dir.isValid()); }

    void usageAndHelp_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no args") << QStringList{} << 2 << QStringLiteral("Usage:");
        QTest::newRow("help") << QStringList{QStringLiteral("--help")} << 0 << QStringLiteral("validate");
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")} << 2
                                         << QStringLiteral("unknown command 'frobnicate'");
        QTest::newRow("validate without file")
            << QStringList{QStringLiteral("validate")} << 2 << QStringLiteral("wrong number of arguments");
        QTest::newRow("export without workspace")
            << QStringList{QStringLiteral("export")} << 2 << QStringLiteral("--workspace is required");
        QTest::newRow("bad option") << QStringList{QStringLiteral("revisions"), QStringLiteral("--bogus")} << 2
                                    << QStringLiteral("bogus");
        QTest::newRow("command help") << QStringList{QStringLiteral("import"), QStringLiteral("--help")} << 0
                                      << QStringLiteral("--summary");
    }

    void usageAndHelp()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, mentions);
        const Run run = runCli(args);
        QCOMPARE(run.exitCode, exitCode);
        const QString all = run.out + run.err;
        QVERIFY2(all.contains(mentions), qPrintable(all));
    }

    void validateReportsPathsAndExitCodes()
    {
        const QString good = m_dir.filePath(QStringLiteral("good.json"));
        writeFile(good, configToJson(demoConfig()));
        Run run = runCli({QStringLiteral("validate"), good});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QStringLiteral("valid")), qPrintable(run.out));

        Config broken = demoConfig();
        broken.routes.front().chain = QStringLiteral("no-such-chain");
        const QString bad = m_dir.filePath(QStringLiteral("bad.json"));
        writeFile(bad, configToJson(broken));
        run = runCli({QStringLiteral("validate"), bad});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("routes[")), qPrintable(run.err));
        QVERIFY2(run.err.contains(QStringLiteral("no-such-chain")), qPrintable(run.err));

        const QString notJson = m_dir.filePath(QStringLiteral("not.json"));
        writeFile(notJson, "{ this is not json");
        run = runCli({QStringLiteral("validate"), notJson});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(!run.err.isEmpty());

        run = runCli({QStringLiteral("validate"), m_dir.filePath(QStringLiteral("missing.json"))});
        QCOMPARE(run.exitCode, 3);
    }

    void importExportRevisionsRestore()
    {
        const QString ws = m_dir.filePath(QStringLiteral("team.understudy"));
        const QString v1 = m_dir.filePath(QStringLiteral("v1.json"));
        Config config = demoConfig();
        writeFile(v1, configToJson(config));

        Run run = runCli({QStringLiteral("import"), QStringLiteral("--workspace"), ws, v1});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(QFile::exists(ws));

        // A second revision with a changed deadline.
        config.chains.front().policy.deadlineMs = 45'678;
        const QString v2 = m_dir.filePath(QStringLiteral("v2.json"));
        writeFile(v2, configToJson(config));
        run = runCli({QStringLiteral("import"), QStringLiteral("-w"), ws, QStringLiteral("-m"),
                      QStringLiteral("tighter deadline"), v2});
        QCOMPARE(run.exitCode, 0);

        run = runCli({QStringLiteral("export"), QStringLiteral("--workspace"), ws});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out.toUtf8(), configToJson(config));

        const QString exported = m_dir.filePath(QStringLiteral("out.json"));
        run = runCli({QStringLiteral("export"), QStringLiteral("--workspace"), ws, QStringLiteral("-o"), exported});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(readFile(exported), configToJson(config));

        run = runCli({QStringLiteral("revisions"), QStringLiteral("--workspace"), ws});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QStringLiteral("tighter deadline")), qPrintable(run.out));

        run = runCli(
            {QStringLiteral("diff"), QStringLiteral("--workspace"), ws, QStringLiteral("1"), QStringLiteral("2")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QStringLiteral("45678")), qPrintable(run.out));

        run = runCli({QStringLiteral("restore"), QStringLiteral("--workspace"), ws, QStringLiteral("1")});
        QCOMPARE(run.exitCode, 0);
        run = runCli({QStringLiteral("export"), QStringLiteral("--workspace"), ws});
        QCOMPARE(run.out.toUtf8(), configToJson(demoConfig()));

        run = runCli({QStringLiteral("restore"), QStringLiteral("--workspace"), ws, QStringLiteral("99")});
        QCOMPARE(run.exitCode, 5);
        run = runCli({QStringLiteral("restore"), QStringLiteral("--workspace"), ws, QStringLiteral("abc")});
        QCOMPARE(run.exitCode, 2);
    }

    void invalidImportChangesNothing()
    {
        const QString ws = m_dir.filePath(QStringLiteral("keep.understudy"));
        const QString good = m_dir.filePath(QStringLiteral("good.json"));
        writeFile(good, configToJson(demoConfig()));
        QCOMPARE(runCli({QStringLiteral("import"), QStringLiteral("-w"), ws, good}).exitCode, 0);
        const QString before = runCli({QStringLiteral("revisions"), QStringLiteral("-w"), ws}).out;

        Config broken = demoConfig();
        broken.chains.front().steps.front().retry.maxRetries = -4;
        const QString bad = m_dir.filePath(QStringLiteral("bad.json"));
        writeFile(bad, configToJson(broken));
        const Run run = runCli({QStringLiteral("import"), QStringLiteral("-w"), ws, bad});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("nothing applied")), qPrintable(run.err));
        QCOMPARE(runCli({QStringLiteral("revisions"), QStringLiteral("-w"), ws}).out, before);
        QCOMPARE(runCli({QStringLiteral("export"), QStringLiteral("-w"), ws}).out.toUtf8(), configToJson(demoConfig()));
    }

    void brokenWorkspaceIsReportedAndUntouched()
    {
        const QString ws = m_dir.filePath(QStringLiteral("notes.understudy"));
        const QByteArray text = "these are my notes, not a database\n";
        writeFile(ws, text);
        const Run run = runCli({QStringLiteral("revisions"), QStringLiteral("--workspace"), ws});
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(run.err.contains(ws), qPrintable(run.err));
        QCOMPARE(readFile(ws), text);

        const Run missing =
            runCli({QStringLiteral("export"), QStringLiteral("-w"), m_dir.filePath(QStringLiteral("nope"))});
        QCOMPARE(missing.exitCode, 5);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
