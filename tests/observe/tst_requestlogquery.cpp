#include "ObserveTestSupport.h"

#include "observe/EventLog.h"
#include "observe/RequestLogQuery.h"
#include "observe/RequestLogWriter.h"

#include <QJsonArray>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

using namespace understudy;

namespace {

constexpr qint64 kBase = 1700000000000;
constexpr int kCount = 300;

// Request n: route chat/embed alternating by 3, 5xx for every 7th, served by
// backup when n is even. Every fifth pair shares a start time (cursor ties).
RequestTrail generated(int n)
{
    const QString route = n % 3 == 0 ? QStringLiteral("embed") : QStringLiteral("chat");
    RequestTrail t = makeTrail(n, kBase + (n / 2) * 1000, route, n % 2 == 0);
    if (n % 7 == 0) {
        t.status = 503;
        t.outcome = OutcomeClass::Status5xx;
        t.servedBy.clear();
    }
    t.path = QStringLiteral("/v1/item/%1").arg(n);
    return t;
}

} // namespace

class TestRequestLogQuery final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("q.understudy"));
        const QString error = createWorkspace(m_path);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        RequestLogWriter::Options options;
        options.workspacePath = m_path;
        // Several segments (schema 7): every query reads through the view.
        options.retention.segmentRows = kCount / 6;
        auto writer = RequestLogWriter::start(options);
        QVERIFY(writer.ok());
        m_writer = std::move(writer).value();
        for (int n = 0; n < kCount; ++n) {
            m_writer->submit(generated(n));
            if (n % 50 == 49)
                m_writer->flush();
        }
        m_writer->flush();
        QVERIFY(SqlProbe(m_path).column(QStringLiteral("SELECT seq FROM request_segments")).size() >= 5);
        // The view covers every segment.
        QCOMPARE(SqlProbe(m_path).value(QStringLiteral("SELECT count(*) FROM requests")).toInt(), kCount);
        auto query = RequestLogQuery::open(m_path);
        QVERIFY2(query.ok(), qPrintable(query.ok() ? QString() : query.error().message));
        m_query = std::move(query).value();
    }

    void trailTextSurvivesTheCompactEncoding()
    {
        // Quotes, backslashes, control characters and non-ASCII text in the
        // attempt strings come back exactly; optional numbers stay absent.
        const QString path = m_dir.filePath(QStringLiteral("escapes.understudy"));
        const QString error = createWorkspace(path);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        RequestTrail t = makeTrail(1, kBase, QStringLiteral("chat"), true);
        t.attempts[0].stepPath = QStringLiteral("chat/steps[0] \"quoted\" back\\slash");
        t.attempts[0].decision = QStringLiteral("next:\ttab\nnewline \u0001 caf\u00e9 \u20ac \U0001F600");
        t.attempts[0].ttftMs = -1;
        t.attempts[1].target = QString();
        t.attempts[1].retryAfterMs = 0;
        // One kind of escape each, in otherwise plain ASCII.
        t.attempts[1].stepPath = QStringLiteral("tab\there");
        t.attempts[1].breakerState = QStringLiteral("half\\open");
        t.attempts[1].decision = QStringLiteral("served \"quoted\"");
        t.consumer = QStringLiteral("team \"a\" back\\slash caf\u00e9");
        t.servedModel = QStringLiteral("m\u20ac\nx");
        t.path = QStringLiteral("/v1/caf\u00e9");
        {
            RequestLogWriter::Options options;
            options.workspacePath = path;
            auto writer = RequestLogWriter::start(options);
            QVERIFY(writer.ok());
            (*writer)->submit(t);
            (*writer)->flush();
            QCOMPARE((*writer)->stats().written, std::uint64_t(1));
        }
        auto query = RequestLogQuery::open(path);
        QVERIFY(query.ok());
        auto page = (*query)->find({}, 5);
        QVERIFY(page.ok());
        QCOMPARE(page->rows.size(), std::size_t(1));
        auto one = (*query)->request(page->rows.front().id);
        QVERIFY2(one.ok(), qPrintable(one.ok() ? QString() : one.error().message));
        QCOMPARE(one->trail.consumer, t.consumer);
        QCOMPARE(one->trail.servedModel, t.servedModel);
        QCOMPARE(one->trail.path, t.path);
        QCOMPARE(one->trail.attempts.size(), std::size_t(2));
        for (std::size_t i = 0; i < 2; ++i) {
            const AttemptRecord &want = t.attempts[i];
            const AttemptRecord &got = one->trail.attempts[i];
            QCOMPARE(got.stepPath, want.stepPath);
            QCOMPARE(got.target, want.target);
            QCOMPARE(got.startOffsetMs, want.startOffsetMs);
            QCOMPARE(got.durationMs, want.durationMs);
            QCOMPARE(got.ttftMs, want.ttftMs);
            QCOMPARE(got.bytes, want.bytes);
            QCOMPARE(got.outcome, want.outcome);
            QCOMPARE(got.upstreamStatus, want.upstreamStatus);
            QCOMPARE(got.retryAfterMs, want.retryAfterMs);
            QCOMPARE(got.breakerState, want.breakerState);
            QCOMPARE(got.decision, want.decision);
        }
    }

    void cleanupTestCase()
    {
        m_query.reset();
        m_writer.reset();
    }

    void pagesCoverEverythingOnceNewestFirst()
    {
        QList<qint64> ids;
        QSet<QByteArray> requestIds;
        QString cursor;
        qint64 lastStarted = std::numeric_limits<qint64>::max();
        int pages = 0;
        do {
            auto page = m_query->find({}, 7, cursor);
            QVERIFY2(page.ok(), qPrintable(page.ok() ? QString() : page.error().message));
            for (const LoggedRequest &r : page->rows) {
                QVERIFY(r.trail.startedAtMs <= lastStarted);
                lastStarted = r.trail.startedAtMs;
                ids << r.id;
                requestIds.insert(r.trail.requestId);
            }
            cursor = page->nextCursor;
            ++pages;
        } while (!cursor.isEmpty());
        QCOMPARE(ids.size(), kCount);
        QCOMPARE(requestIds.size(), kCount);
        QCOMPARE(pages, (kCount + 6) / 7);
        // Inserts after the first page do not shift later pages.
        auto first = m_query->find({}, 10);
        QVERIFY(first.ok());
        auto second = m_query->find({}, 10, first->nextCursor);
        QVERIFY(second.ok());
        QVERIFY(second->rows.front().id < first->rows.back().id ||
                second->rows.front().trail.startedAtMs < first->rows.back().trail.startedAtMs);
    }

    void filters_data()
    {
        QTest::addColumn<int>("which");
        QTest::newRow("route") << 0;
        QTest::newRow("outcome") << 1;
        QTest::newRow("status range") << 2;
        QTest::newRow("served by substring") << 3;
        QTest::newRow("text over path") << 4;
        QTest::newRow("time range") << 5;
        QTest::newRow("combined") << 6;
    }

    void filters()
    {
        QFETCH(int, which);
        RequestFilter filter;
        std::function<bool(const RequestTrail &)> expected;
        switch (which) {
        case 0:
            filter.route = QStringLiteral("embed");
            expected = [](const RequestTrail &t) { return t.route == QLatin1String("embed"); };
            break;
        case 1:
            filter.outcome = QStringLiteral("status_5xx");
            expected = [](const RequestTrail &t) { return t.outcome == OutcomeClass::Status5xx; };
            break;
        case 2:
            filter.statusMin = 500;
            filter.statusMax = 599;
            expected = [](const RequestTrail &t) { return t.status >= 500; };
            break;
        case 3:
            filter.servedBy = QStringLiteral("backup/");
            expected = [](const RequestTrail &t) { return t.servedBy.contains(QLatin1String("backup/")); };
            break;
        case 4:
            filter.text = QStringLiteral("item/1");
            expected = [](const RequestTrail &t) { return t.path.contains(QLatin1String("item/1")); };
            break;
        case 5:
            filter.fromMs = kBase + 10 * 1000;
            filter.toMs = kBase + 20 * 1000;
            expected = [](const RequestTrail &t) {
                return t.startedAtMs >= kBase + 10 * 1000 && t.startedAtMs < kBase + 20 * 1000;
            };
            break;
        default:
            filter.route = QStringLiteral("chat");
            filter.servedBy = QStringLiteral("primary");
            expected = [](const RequestTrail &t) {
                return t.route == QLatin1String("chat") && t.servedBy.contains(QLatin1String("primary"));
            };
        }
        QSet<QByteArray> want;
        for (int n = 0; n < kCount; ++n)
            if (const RequestTrail t = generated(n); expected(t))
                want.insert(t.requestId);
        QVERIFY(!want.isEmpty());
        QVERIFY(want.size() < kCount);

        QSet<QByteArray> got;
        QString cursor;
        do {
            auto page = m_query->find(filter, 13, cursor);
            QVERIFY(page.ok());
            for (const LoggedRequest &r : page->rows) {
                QVERIFY2(!got.contains(r.trail.requestId), r.trail.requestId.constData());
                got.insert(r.trail.requestId);
            }
            cursor = page->nextCursor;
        } while (!cursor.isEmpty());
        QCOMPARE(got, want);
        QCOMPARE(m_query->count(filter).value(), qint64(want.size()));
    }

    // Route filters read the route spans (schema 6): a request that ran long
    // is written in a later batch with an early id, inside an older batch's
    // span; a rare route has a few one-row spans. Pages must still come
    // newest first, each row once, exactly the route's rows.
    void routeQueriesFollowSpansAcrossBatches_data()
    {
        QTest::addColumn<QString>("route");
        QTest::addColumn<qint64>("fromOffsetMs");
        QTest::addColumn<qint64>("toOffsetMs");
        QTest::addColumn<int>("pageRows");
        QTest::newRow("busy route") << QStringLiteral("chat") << qint64(-1) << qint64(-1) << 7;
        QTest::newRow("busy route, one page") << QStringLiteral("chat") << qint64(-1) << qint64(-1) << 1000;
        QTest::newRow("rare route") << QStringLiteral("rare") << qint64(-1) << qint64(-1) << 2;
        QTest::newRow("route of one batch") << QStringLiteral("embed") << qint64(-1) << qint64(-1) << 5;
        QTest::newRow("no such route") << QStringLiteral("none") << qint64(-1) << qint64(-1) << 5;
        QTest::newRow("busy route, time range") << QStringLiteral("chat") << qint64(100) << qint64(10100) << 9;
        QTest::newRow("rare route, time range") << QStringLiteral("rare") << qint64(0) << qint64(15000) << 3;
    }

    void routeQueriesFollowSpansAcrossBatches()
    {
        QFETCH(QString, route);
        QFETCH(qint64, fromOffsetMs);
        QFETCH(qint64, toOffsetMs);
        QFETCH(int, pageRows);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("spans.understudy"));
        QVERIFY(createWorkspace(path).isEmpty());
        {
            RequestLogWriter::Options options;
            options.workspacePath = path;
            // A segment per batch: the route's ranges cross segments, and
            // the long request of the second batch sits in a newer segment
            // than the ids around it.
            options.retention.segmentRows = 50;
            auto writer = RequestLogWriter::start(options);
            QVERIFY(writer.ok());
            int n = 0;
            auto submit = [&](qint64 offsetMs, const QString &r) {
                (*writer)->submit(makeTrail(n++, kBase + offsetMs, r, false));
            };
            for (int i = 0; i < 60; ++i)
                submit(i * 5, i == 30 ? QStringLiteral("rare") : QStringLiteral("chat"));
            (*writer)->flush();
            for (int i = 0; i < 60; ++i)
                submit(10000 + i * 5, i % 4 == 0 ? QStringLiteral("embed") : QStringLiteral("chat"));
            submit(152, QStringLiteral("chat")); // started in the first batch's time, ended now
            submit(9000, QStringLiteral("rare"));
            (*writer)->flush();
            for (int i = 0; i < 30; ++i)
                submit(20000 + i * 40, QStringLiteral("chat"));
            submit(20001, QStringLiteral("rare"));
            (*writer)->flush();
        }
        QCOMPARE(SqlProbe(path).column(QStringLiteral("SELECT seq FROM request_segments")).size(), 3);
        QString where = QStringLiteral("route = '%1'").arg(route);
        RequestFilter filter;
        filter.route = route;
        if (fromOffsetMs >= 0) {
            filter.fromMs = kBase + fromOffsetMs;
            where += QStringLiteral(" AND id >= %1").arg((kBase + fromOffsetMs) << 20);
        }
        if (toOffsetMs >= 0) {
            filter.toMs = kBase + toOffsetMs;
            where += QStringLiteral(" AND id < %1").arg((kBase + toOffsetMs) << 20);
        }
        const QList<qint64> want =
            SqlProbe(path).column(QStringLiteral("SELECT id FROM requests WHERE %1 ORDER BY id DESC").arg(where));

        auto log = RequestLogQuery::open(path);
        QVERIFY(log.ok());
        QList<qint64> got;
        QString cursor;
        do {
            auto page = (*log)->find(filter, pageRows, cursor);
            QVERIFY2(page.ok(), qPrintable(page.ok() ? QString() : page.error().message));
            QVERIFY(int(page->rows.size()) <= pageRows);
            for (const LoggedRequest &r : page->rows) {
                QCOMPARE(r.trail.route, route);
                got << r.id;
            }
            cursor = page->nextCursor;
        } while (!cursor.isEmpty());
        QCOMPARE(got, want); // the same rows, newest first, each once
        QCOMPARE((*log)->count(filter).value(), qint64(want.size()));
    }

    void likeWildcardsAreLiteral()
    {
        RequestFilter filter;
        filter.text = QStringLiteral("%");
        QCOMPARE(m_query->count(filter).value(), 0);
    }

    void fetchesOneRequestsTrail()
    {
        RequestFilter filter;
        filter.text = QStringLiteral("req-42");
        auto page = m_query->find(filter, 5);
        QVERIFY(page.ok());
        QCOMPARE(page->rows.size(), std::size_t(1));
        auto one = m_query->request(page->rows.front().id);
        QVERIFY(one.ok());
        const RequestTrail want = generated(42);
        const RequestTrail &got = one->trail;
        QCOMPARE(got.route, want.route);
        QCOMPARE(got.consumer, want.consumer);
        QCOMPARE(got.status, want.status);
        QCOMPARE(got.outcome, want.outcome);
        QCOMPARE(got.fallbackDepth, 1);
        QCOMPARE(got.promptTokens, 12);
        QCOMPARE(got.bytesOut, 1234);
        QCOMPARE(one->attempts, 2);
        QCOMPARE(got.attempts.size(), std::size_t(2));
        QCOMPARE(got.attempts[0].target, QStringLiteral("primary/m"));
        QCOMPARE(got.attempts[0].outcome, OutcomeClass::Status5xx);
        QCOMPARE(got.attempts[0].upstreamStatus, 503);
        QCOMPARE(got.attempts[0].retryAfterMs.value_or(-1), 2000);
        QCOMPARE(got.attempts[1].target, QStringLiteral("backup/m"));
        QCOMPARE(got.attempts[1].ttftMs, 9);
        QVERIFY(!got.attempts[1].retryAfterMs);
        QVERIFY(!one->hasBodies);

        // A page with attempts carries the same trail; a plain page none.
        QVERIFY(page->rows.front().trail.attempts.empty());
        auto withAttempts = m_query->findWithAttempts(filter, 5);
        QVERIFY(withAttempts.ok());
        QCOMPARE(withAttempts->rows.size(), std::size_t(1));
        const std::vector<AttemptRecord> &attempts = withAttempts->rows.front().trail.attempts;
        QCOMPARE(attempts.size(), std::size_t(2));
        QCOMPARE(attempts[0].target, got.attempts[0].target);
        QCOMPARE(attempts[0].retryAfterMs, got.attempts[0].retryAfterMs);
        QCOMPARE(attempts[1].ttftMs, got.attempts[1].ttftMs);

        auto missing = m_query->request(999999);
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, QStringLiteral("not_found"));
        auto bad = m_query->find({}, 5, QStringLiteral("not-a-cursor"));
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().code, QStringLiteral("invalid_cursor"));
    }

    void eventsAreStoredQueriedAndStreamed()
    {
        qint64 now = kBase;
        EventLog::Options options;
        options.nowMs = [&now] { return now; };
        options.recentCapacity = 3;
        EventLog events(options);
        events.setStorage([this](const Event &e) { m_writer->submitEvent(e); });

        QObject receiver; // lives on this thread: queued delivery needs our event loop
        std::vector<Event> queued;
        const int queuedId = events.subscribe(&receiver, [&](const Event &e) { queued.push_back(e); });
        std::vector<QString> direct;
        events.subscribeDirect([&](const Event &e) { direct.push_back(e.kind); });

        std::thread poster([&] {
            events.post(QLatin1String(kEventBreakerTransition), QStringLiteral("openai/gpt-4o"),
                        QJsonObject{{QStringLiteral("from"), QStringLiteral("closed")},
                                    {QStringLiteral("to"), QStringLiteral("open")}});
        });
        poster.join();
        now += 1000;
        events.post(QLatin1String(kEventConfigRejected), QStringLiteral("config"),
                    QJsonObject{{QStringLiteral("errors"), QJsonArray{QStringLiteral("chains[a].steps[0]: bad")}}});
        now += 1000;
        events.post(QLatin1String(kEventListenerStarted), QStringLiteral("default"));
        now += 1000;
        events.post(QLatin1String(kEventListenerStopped), QStringLiteral("default"));

        QCOMPARE(direct.size(), std::size_t(4)); // on the posting threads, at once
        QTRY_COMPARE(queued.size(), std::size_t(4));
        QCOMPARE(queued.front().kind, QLatin1String(kEventBreakerTransition));
        QCOMPARE(queued.front().detail.value(QStringLiteral("to")).toString(), QStringLiteral("open"));

        // The recent ring is bounded, oldest out first.
        const auto recent = events.recent();
        QCOMPARE(recent.size(), std::size_t(3));
        QCOMPARE(recent.front().kind, QLatin1String(kEventConfigRejected));
        QCOMPARE(events.recent(kBase + 2000).size(), std::size_t(2));

        events.unsubscribe(queuedId);
        events.post(QStringLiteral("pool_error"), QStringLiteral("p"));
        QCoreApplication::processEvents();
        QCOMPARE(queued.size(), std::size_t(4));

        m_writer->flush();
        EventFilter filter;
        filter.kind = QLatin1String(kEventConfigRejected);
        auto stored = m_query->events(filter);
        QVERIFY(stored.ok());
        QCOMPARE(stored->size(), std::size_t(1));
        QCOMPARE(stored->front().atMs, kBase + 1000);
        QCOMPARE(stored->front().detail.value(QStringLiteral("errors")).toArray().size(), 1);
        EventFilter range;
        range.fromMs = kBase + 1000;
        range.toMs = kBase + 3000;
        QCOMPARE(m_query->events(range)->size(), std::size_t(2));
    }

    void rollupsRoundTrip()
    {
        MinuteRollup r;
        r.minuteMs = kBase;
        r.route = QStringLiteral("chat");
        r.requests = 10;
        r.errors = 2;
        r.fallbacks = 3;
        r.outcomes = {{QStringLiteral("ok"), 8}, {QStringLiteral("status_5xx"), 2}};
        r.latencyP50Ms = 120.5;
        r.latencyHistogram = {{128.0, 9}, {std::numeric_limits<double>::infinity(), 1}};
        r.promptTokens = 100;
        r.cost = 0.25;
        m_writer->submitRollups({r});
        m_writer->flush();
        auto back = m_query->rollups(kBase, kBase + 60000);
        QVERIFY(back.ok());
        QCOMPARE(back->size(), std::size_t(1));
        const MinuteRollup &b = back->front();
        QCOMPARE(b.route, r.route);
        QCOMPARE(b.requests, 10);
        QCOMPARE(b.outcomes, r.outcomes);
        QCOMPARE(b.latencyP50Ms.value_or(0), 120.5);
        QVERIFY(!b.ttftP50Ms);
        QCOMPARE(b.latencyHistogram, r.latencyHistogram);
        QCOMPARE(b.cost, 0.25);
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<RequestLogWriter> m_writer;
    std::unique_ptr<RequestLogQuery> m_query;
};

QTEST_GUILESS_MAIN(TestRequestLogQuery)
#include "tst_requestlogquery.moc"
