// The Logs page's table without the page's widgets: events and application
// log lines in one model, the level/source/search filter over them, the
// application log's message handler (captures, chains to the previous
// handler, uninstalls cleanly) and a burst far beyond the row cap.

#include "logs/AppLogBuffer.h"
#include "logs/LogEntry.h"
#include "logs/LogFilterProxy.h"
#include "logs/LogTableModel.h"
#include "logs/LogsPage.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QMutex>
#include <QSignalSpy>
#include <QTest>

#include <thread>

using namespace understudy;

Q_LOGGING_CATEGORY(lcLogsTest, "understudy.logstest")

namespace {

// A stand-in for whatever handler the process had before the buffer: it
// records what reaches it and prints nothing.
QMutex g_seenMutex;
QStringList g_seen;

void recordingHandler(QtMsgType, const QMessageLogContext &, const QString &message)
{
    QMutexLocker lock(&g_seenMutex);
    g_seen << message;
}

// A handler installed after a buffer that forwards to the one below it,
// as a test framework or another library would.
QtMessageHandler g_below = nullptr;
void forwardingHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (g_below)
        g_below(type, context, message);
}

QStringList seenByPrevious()
{
    QMutexLocker lock(&g_seenMutex);
    return g_seen;
}

Event event(const QString &kind, const QString &subject, const QJsonObject &detail, qint64 atMs)
{
    return Event{0, atMs, kind, subject, detail};
}

// What identifies a row in the expectations below.
QString keyOf(const LogEntry &entry)
{
    return entry.origin == LogOrigin::Event ? entry.source + QLatin1Char(':') + entry.subject : entry.source;
}

QList<LogEntry> sampleEntries()
{
    const qint64 t = 1700000000000;
    const auto breaker = [](const char *from, const char *to) {
        return QJsonObject{{QStringLiteral("from"), QLatin1String(from)},
                           {QStringLiteral("to"), QLatin1String(to)},
                           {QStringLiteral("reason"), QStringLiteral("5 failures")}};
    };
    QJsonArray errors{QJsonObject{{QStringLiteral("path"), QStringLiteral("routes[0].chain")},
                                  {QStringLiteral("message"), QStringLiteral("unknown chain")}}};
    return {
        entryFromEvent(
            event(QLatin1String(kEventBreakerTransition), QStringLiteral("primary/m"), breaker("closed", "open"), t)),
        entryFromEvent(event(QLatin1String(kEventBreakerTransition), QStringLiteral("backup/m"),
                             breaker("open", "half_open"), t + 1)),
        entryFromEvent(event(QLatin1String(kEventConfigApplied), QStringLiteral("config"),
                             QJsonObject{{QStringLiteral("generation"), 2}}, t + 2)),
        entryFromEvent(event(QLatin1String(kEventConfigRejected), QStringLiteral("config"),
                             QJsonObject{{QStringLiteral("errors"), errors}}, t + 3)),
        entryFromEvent(event(QLatin1String(kEventPoolError), QStringLiteral("primary/m"),
                             QJsonObject{{QStringLiteral("error"), QStringLiteral("connection refused")}}, t + 4)),
        entryFromLogMessage(QtDebugMsg, "understudy.cache", QStringLiteral("cache warmed"), t + 5),
        entryFromLogMessage(QtInfoMsg, "understudy.http", QStringLiteral("listening on 127.0.0.1:8787"), t + 6),
        entryFromLogMessage(QtWarningMsg, "understudy.upstream", QStringLiteral("upstream slow"), t + 7),
        entryFromLogMessage(QtCriticalMsg, "understudy.store", QStringLiteral("Disk full"), t + 8),
    };
}

} // namespace

class TestLogModel final : public QObject
{
    Q_OBJECT

private slots:
    void eventLevels();
    void levelFilterAndSearch_data();
    void levelFilterAndSearch();
    void handlerCapturesAndChains();
    void reinstallBelowAnotherHandlerDoesNotLoop();
    void burstKeepsTheRowCap();
};

void TestLogModel::eventLevels()
{
    const QList<LogEntry> entries = sampleEntries();
    QCOMPARE(entries[0].level, LogLevel::Warning); // breaker to open
    QCOMPARE(entries[1].level, LogLevel::Info);    // to half_open
    QCOMPARE(entries[2].level, LogLevel::Info);
    QCOMPARE(entries[3].level, LogLevel::Error); // rejected with errors
    QCOMPARE(entries[4].level, LogLevel::Error);
    QVERIFY(entries[0].message.contains(QStringLiteral("open")));
    QVERIFY(entries[3].message.contains(QStringLiteral("unknown chain")));
    QVERIFY(hasTrafficTarget(entries[0]));
    QVERIFY(hasTrafficTarget(entries[4]));
    QVERIFY(!hasTrafficTarget(entries[2]));
    QVERIFY(!hasTrafficTarget(entries[8]));
}

void TestLogModel::levelFilterAndSearch_data()
{
    QTest::addColumn<int>("minimum");
    QTest::addColumn<int>("sources");
    QTest::addColumn<QString>("search");
    QTest::addColumn<QStringList>("expected");

    const int all = int(LogFilterProxy::Sources::All);
    const QString p = QStringLiteral("breaker_transition:primary/m");
    const QString b = QStringLiteral("breaker_transition:backup/m");
    const QString applied = QStringLiteral("config_applied:config");
    const QString rejected = QStringLiteral("config_rejected:config");
    const QString pool = QStringLiteral("pool_error:primary/m");
    const QString cache = QStringLiteral("understudy.cache");
    const QString http = QStringLiteral("understudy.http");
    const QString upstream = QStringLiteral("understudy.upstream");
    const QString store = QStringLiteral("understudy.store");

    QTest::newRow("everything") << int(LogLevel::Debug) << all << QString()
                                << QStringList{p, b, applied, rejected, pool, cache, http, upstream, store};
    QTest::newRow("info and above") << int(LogLevel::Info) << all << QString()
                                    << QStringList{p, b, applied, rejected, pool, http, upstream, store};
    QTest::newRow("warning and above") << int(LogLevel::Warning) << all << QString()
                                       << QStringList{p, rejected, pool, upstream, store};
    QTest::newRow("errors") << int(LogLevel::Error) << all << QString() << QStringList{rejected, pool, store};
    QTest::newRow("events only") << int(LogLevel::Debug) << int(LogFilterProxy::Sources::Events) << QString()
                                 << QStringList{p, b, applied, rejected, pool};
    QTest::newRow("application log only") << int(LogLevel::Debug) << int(LogFilterProxy::Sources::AppLog) << QString()
                                          << QStringList{cache, http, upstream, store};
    QTest::newRow("subject, any case") << int(LogLevel::Debug) << all << QStringLiteral("PRIMARY")
                                       << QStringList{p, pool};
    QTest::newRow("kind") << int(LogLevel::Debug) << all << QStringLiteral("config_") << QStringList{applied, rejected};
    QTest::newRow("message") << int(LogLevel::Debug) << all << QStringLiteral("disk") << QStringList{store};
    QTest::newRow("event message") << int(LogLevel::Debug) << all << QStringLiteral("connection refused")
                                   << QStringList{pool};
    QTest::newRow("category and level") << int(LogLevel::Warning) << all << QStringLiteral("understudy.")
                                        << QStringList{upstream, store};
    QTest::newRow("search within events")
        << int(LogLevel::Debug) << int(LogFilterProxy::Sources::Events) << QStringLiteral("127.0.0.1") << QStringList{};
    QTest::newRow("no match") << int(LogLevel::Debug) << all << QStringLiteral("nothing like this") << QStringList{};
}

void TestLogModel::levelFilterAndSearch()
{
    QFETCH(int, minimum);
    QFETCH(int, sources);
    QFETCH(QString, search);
    QFETCH(QStringList, expected);

    LogTableModel model;
    LogFilterProxy proxy;
    proxy.setLogModel(&model);
    QAbstractItemModelTester modelTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QList<LogEntry> entries = sampleEntries();
    // Two batches: filters apply to rows that arrive after they were set.
    model.append(entries.mid(0, 4));
    QCOMPARE(model.flushPending(), 4);
    proxy.setMinimumLevel(LogLevel(minimum));
    proxy.setSources(LogFilterProxy::Sources(sources));
    proxy.setSearchText(search);
    model.append(entries.mid(4));
    QCOMPARE(model.flushPending(), int(entries.size()) - 4);
    QCOMPARE(model.rowCount(), int(entries.size()));

    QStringList shown;
    for (int r = 0; r < proxy.rowCount(); ++r)
        shown << keyOf(model.entry(proxy.mapToSource(proxy.index(r, 0)).row()));
    QCOMPARE(shown, expected);
}

void TestLogModel::handlerCapturesAndChains()
{
    const QtMessageHandler original = qInstallMessageHandler(recordingHandler);
    {
        AppLogBuffer buffer(100);
        QSignalSpy delivered(&buffer, &AppLogBuffer::linesAppended);
        QVERIFY(buffer.install());
        QCOMPARE(AppLogBuffer::installed(), &buffer);
        AppLogBuffer other(10);
        QVERIFY(!other.install()); // one at a time

        qCWarning(lcLogsTest, "upstream answered 503 | target=primary/m");
        std::thread worker([] { qCWarning(lcLogsTest, "from a worker thread"); });
        worker.join();

        const std::vector<LogEntry> lines = buffer.lines();
        QCOMPARE(lines.size(), std::size_t(2));
        QCOMPARE(lines[0].message, QStringLiteral("upstream answered 503 | target=primary/m"));
        QCOMPARE(lines[0].level, LogLevel::Warning);
        QCOMPARE(lines[0].source, QStringLiteral("understudy.logstest"));
        QCOMPARE(lines[1].message, QStringLiteral("from a worker thread"));
        // The handler that was there before still gets every line.
        QVERIFY(seenByPrevious().contains(QStringLiteral("upstream answered 503 | target=primary/m")));
        QVERIFY(seenByPrevious().contains(QStringLiteral("from a worker thread")));

        // Both lines arrive in one batch on the buffer's thread.
        QTRY_COMPARE_WITH_TIMEOUT(delivered.count(), 1, 10000);
        QCOMPARE(delivered.first().at(0).value<QList<LogEntry>>().size(), 2);
        QCOMPARE(delivered.first().at(1).toLongLong(), qint64(1));

        buffer.uninstall();
        QVERIFY(!buffer.isInstalled());
        qCWarning(lcLogsTest, "after uninstall");
        QCOMPARE(buffer.lines().size(), std::size_t(2));
        QVERIFY(seenByPrevious().contains(QStringLiteral("after uninstall")));
        QVERIFY(other.install()); // the slot is free again
    }                             // `other` uninstalls in its destructor
    // What was there before the buffers is current again.
    QVERIFY(qInstallMessageHandler(original) == recordingHandler);
}

void TestLogModel::reinstallBelowAnotherHandlerDoesNotLoop()
{
    const QtMessageHandler original = qInstallMessageHandler(recordingHandler);
    {
        AppLogBuffer first(10);
        QVERIFY(first.install());
        g_below = qInstallMessageHandler(forwardingHandler); // on top, forwards to the buffer's handler
        first.uninstall(); // leaves the forwarding handler (and ours below it) in place

        AppLogBuffer second(10);
        QVERIFY(second.install());
        qCWarning(lcLogsTest, "once through the chain");
        QCOMPARE(second.lines().size(), std::size_t(1));
        QCOMPARE(seenByPrevious().count(QStringLiteral("once through the chain")), 1);
        second.uninstall();
        qCWarning(lcLogsTest, "after the second uninstall");
        QCOMPARE(second.lines().size(), std::size_t(1));
        QCOMPARE(seenByPrevious().count(QStringLiteral("after the second uninstall")), 1);
    }
    qInstallMessageHandler(original);
    g_below = nullptr;
}

void TestLogModel::burstKeepsTheRowCap()
{
    const QtMessageHandler original = qInstallMessageHandler(recordingHandler);
    {
        AppLogBuffer buffer; // default capacity 5,000
        QVERIFY(buffer.install());
        LogsPage page; // no observability: the application log alone
        page.setAppLogBuffer(&buffer);
        QAbstractItemModelTester modelTester(page.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(page.proxyModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int cap = page.model()->rowCap();
        QCOMPARE(cap, LogTableModel::DefaultRowCap);

        constexpr int kLines = 10000;
        for (int i = 0; i < kLines; ++i)
            qCInfo(lcLogsTest, "burst line %d", i);
        const auto lastMessage = [&page] {
            const int rows = page.model()->rowCount();
            return rows > 0 ? page.model()->entry(rows - 1).message : QString();
        };
        QTRY_COMPARE_WITH_TIMEOUT(lastMessage(), QStringLiteral("burst line %1").arg(kLines - 1), 20000);
        QCOMPARE(page.model()->rowCount(), cap);
        QCOMPARE(page.model()->entry(0).message, QStringLiteral("burst line %1").arg(kLines - cap));
        QCOMPARE(buffer.lines().size(), std::size_t(buffer.capacity()));
        QVERIFY(seenByPrevious().contains(QStringLiteral("burst line 0")));
        QVERIFY(seenByPrevious().contains(QStringLiteral("burst line %1").arg(kLines - 1)));

        // The search box narrows the capped table.
        page.setSearchText(QStringLiteral("BURST LINE 999"));
        QCOMPARE(page.proxyModel()->rowCount(), 10); // 9990..9999; line 999 left with the cap
    }
    qInstallMessageHandler(original);
}

QTEST_MAIN(TestLogModel)
#include "tst_logmodel.moc"
