#include "ObserveTestSupport.h"

#include "observe/RequestLogWriter.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

using namespace understudy;

namespace {

constexpr qint64 kNow = 1700000000000;
constexpr qint64 kHour = 3600 * 1000;

std::unique_ptr<RequestLogWriter> startWriter(RequestLogWriter::Options options)
{
    auto writer = RequestLogWriter::start(std::move(options));
    if (!writer.ok()) {
        qWarning("%s", qPrintable(writer.error().message));
        return nullptr;
    }
    return std::move(writer).value();
}

std::shared_ptr<const CapturedExchange> bodies(int size)
{
    auto x = std::make_shared<CapturedExchange>();
    x->requestHeaders = {{"Authorization", "Bearer sk-secret-123"}, {"Content-Type", "application/json"}};
    x->requestBody = "{\"model\":\"m\",\"api_key\":\"sk-body-secret\",\"pad\":\"" + QByteArray(size, 'x') + "\"}";
    x->responseHeaders = {{"Set-Cookie", "session=abc"}};
    x->responseBody = "{\"ok\":true}";
    return x;
}

// Every request is counted in exactly one route span, and no span reaches
// below the oldest request left (schema 6; RequestRouteSpans.h).
bool spansAccountForEveryRow(const QString &path)
{
    SqlProbe db(path);
    const qint64 rows = db.value(QStringLiteral("SELECT count(*) FROM requests")).toLongLong();
    const qint64 counted =
        db.value(QStringLiteral("SELECT coalesce(sum(row_count), 0) FROM request_route_spans")).toLongLong();
    const qint64 uncovered = db.value(QStringLiteral("SELECT count(*) FROM requests r WHERE (SELECT count(*) FROM"
                                                     " request_route_spans s WHERE s.route = r.route AND r.id"
                                                     " BETWEEN s.first_id AND s.last_id) <> 1"))
                                 .toLongLong();
    const qint64 below = db.value(QStringLiteral("SELECT count(*) FROM request_route_spans WHERE first_id <"
                                                 " (SELECT min(id) FROM requests)"))
                             .toLongLong();
    if (rows != counted || uncovered != 0 || below != 0) {
        qWarning("requests %lld, counted in spans %lld, not in exactly one span %lld, spans below the oldest %lld",
                 rows, counted, uncovered, below);
        return false;
    }
    return true;
}

} // namespace

class TestRequestLogWriter final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("ws-%1.understudy").arg(++m_counter));
        const QString error = createWorkspace(m_path);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    // Row ids sort by start time; requests that started in the same
    // millisecond, also across a writer restart (its sequence starts over),
    // all get a row, and the log reads back in start order.
    void requestsInTheSameMillisecondAllGetARowInStartOrder_data()
    {
        QTest::addColumn<int>("batchRows");
        QTest::newRow("one row per statement") << 10;
        // The batch's first rows go in one multi-row INSERT, which meets a
        // taken id on the second round and falls back to row by row.
        QTest::newRow("multi-row statements") << 40;
    }

    void requestsInTheSameMillisecondAllGetARowInStartOrder()
    {
        QFETCH(int, batchRows);
        RequestLogWriter::Options options;
        options.workspacePath = m_path;
        options.batchRows = batchRows;
        constexpr int kPerWriter = 30;
        for (int round = 0; round < 2; ++round) {
            auto writer = startWriter(options);
            QVERIFY(writer);
            // Out of order, as requests finish: later starts first.
            for (int i = 0; i < kPerWriter; ++i)
                writer->submit(makeTrail(round * kPerWriter + i, i % 3 == 0 ? kNow + 5 : kNow + 2), {});
            writer->submit(makeTrail(1000 + round, kNow - 7), {});
            writer->flush();
            QCOMPARE(writer->stats().writeErrors, std::uint64_t(0));
        }
        SqlProbe db(m_path);
        QCOMPARE(db.value(QStringLiteral("SELECT count(*) FROM requests")).toInt(), 2 * kPerWriter + 2);
        const QList<qint64> starts = db.column(QStringLiteral("SELECT (summary ->> '$[0]') FROM requests ORDER BY id"));
        QVERIFY(std::is_sorted(starts.begin(), starts.end()));
        QCOMPARE(starts.first(), kNow - 7);
        QCOMPARE(starts.last(), kNow + 5);
    }

    // Rows written several to a statement keep every column in its place.
    void everyColumnOfABatchLandsInItsOwnRow()
    {
        RequestLogWriter::Options options;
        options.workspacePath = m_path;
        auto writer = startWriter(options);
        QVERIFY(writer);
        constexpr int kRows = 3 * RequestLogWriter::kRowsPerStatement + 5;
        QStringList expected;
        for (int i = 0; i < kRows; ++i) {
            const QString route = i % 3 == 0 ? QStringLiteral("embed") : QStringLiteral("chat");
            RequestTrail t = makeTrail(i, kNow + i, route, i % 4 == 0);
            t.status = 200 + i;
            t.promptTokens = i % 5 == 0 ? -1 : i;
            writer->submit(std::move(t));
            expected << QStringLiteral("req-%1|%2|%3|%4|%5|%6|%7|%8|%9")
                            .arg(i)
                            .arg(kNow + i)
                            .arg(route)
                            .arg(200 + i)
                            .arg(100 + i % 50)
                            .arg(i % 2 == 0 ? 1 : 0)
                            .arg(i % 5 == 0 ? QStringLiteral("null") : QString::number(i))
                            .arg(i % 4 == 0 ? 2 : 1)
                            .arg(i % 4 == 0 ? QStringLiteral("chat/steps[1] backup/m")
                                            : QStringLiteral("chat/steps[0] primary/m"));
        }
        writer->flush();
        QCOMPARE(writer->stats().written, std::uint64_t(kRows));
        SqlProbe db(m_path);
        const QString stored =
            db
                .value(QStringLiteral(
                    "SELECT group_concat(request_id || '|' || (summary ->> '$[0]') || '|' || route || '|' || status ||"
                    " '|' || (summary ->> '$[6]') || '|' || (summary ->> '$[16]') || '|' || ifnull((summary ->> "
                    "'$[8]'), 'null') || '|' ||"
                    " json_array_length(trail) || '|' || served_by, ';') FROM (SELECT * FROM requests ORDER BY id)"))
                .toString();
        QCOMPARE(stored, expected.join(QLatin1Char(';')));
    }

    void refusesAWorkspaceWithoutTheLogSchema()
    {
        RequestLogWriter::Options options;
        options.workspacePath = m_dir.filePath(QStringLiteral("missing/nothing.understudy"));
        auto writer = RequestLogWriter::start(options);
        QVERIFY(!writer.ok());
    }

    void burstIsWrittenCompletelyWhenTheWriterKeepsUp()
    {
        RequestLogWriter::Options options;
        options.workspacePath = m_path;
        auto writer = startWriter(options);
        QVERIFY(writer);
        constexpr int kPerThread = 25000;
        auto produce = [&](int offset) {
            for (int i = 0; i < kPerThread; ++i)
                writer->submit(makeTrail(offset + i, kNow + offset + i));
        };
        std::thread a(produce, 0);
        std::thread b(produce, kPerThread);
        a.join();
        b.join();
        writer->flush();
        const auto stats = writer->stats();
        QCOMPARE(stats.submitted, std::uint64_t(2 * kPerThread));
        QCOMPARE(stats.written, std::uint64_t(2 * kPerThread));
        QCOMPARE(stats.summariesDropped, std::uint64_t(0));
        QCOMPARE(stats.writeErrors, std::uint64_t(0));
        QVERIFY2(stats.batches < std::uint64_t(2 * kPerThread / 10), "rows are written in batches");

        SqlProbe db(m_path);
        QCOMPARE(db.value(QStringLiteral("SELECT count(*) FROM requests")).toLongLong(), 2 * kPerThread);
        QCOMPARE(db.value(QStringLiteral("SELECT count(DISTINCT request_id) FROM requests")).toLongLong(),
                 2 * kPerThread);
        QCOMPARE(db.value(QStringLiteral("SELECT sum(json_array_length(trail)) FROM requests")).toLongLong(),
                 4 * kPerThread);
        QCOMPARE(db.value(QStringLiteral("SELECT sum((summary ->> '$[12]')) FROM requests")).toLongLong(),
                 2LL * kPerThread * 1234);
    }

    void slowWriterDropsBodiesBeforeSummaries()
    {
        RequestLogWriter::Options options;
        options.workspacePath = m_path;
        options.batchRows = 50;
        options.maxQueuedEntries = 100000; // never the limit here
        options.maxQueuedBytes = 4 * 1024 * 1024;
        options.beforeBatch = [](int) { std::this_thread::sleep_for(std::chrono::milliseconds(20)); };
        auto writer = startWriter(options);
        QVERIFY(writer);
        constexpr int kCount = 2000;
        for (int i = 0; i < kCount; ++i)
            writer->submit(makeTrail(i, kNow + i), bodies(4096));
        // submit() never waited for the writer: everything was accepted, and
        // the byte bound holds already.
        auto stats = writer->stats();
        QCOMPARE(stats.submitted, std::uint64_t(kCount));
        QCOMPARE(stats.bodiesSubmitted, std::uint64_t(kCount));
        QVERIFY(stats.queuedBytes <= options.maxQueuedBytes);
        QVERIFY(stats.bodiesDropped > 0);

        writer->flush();
        stats = writer->stats();
        QCOMPARE(stats.summariesDropped, std::uint64_t(0)); // the bodies alone made room
        QCOMPARE(stats.written, std::uint64_t(kCount));
        QCOMPARE(stats.bodiesWritten + stats.bodiesDropped, std::uint64_t(kCount));

        SqlProbe db(m_path);
        QCOMPARE(db.value(QStringLiteral("SELECT count(*) FROM requests")).toLongLong(), kCount);
        QCOMPARE(db.value(QStringLiteral("SELECT count(*) FROM request_bodies")).toULongLong(), stats.bodiesWritten);
        // The oldest queued bodies went: the requests without one form one
        // run (request i started at kNow + i), and the newest request kept
        // its body.
        const QList<qint64> bare = db.column(QStringLiteral("SELECT (summary ->> '$[0]') FROM requests WHERE id NOT IN"
                                                            " (SELECT request FROM request_bodies) ORDER BY id"));
        QCOMPARE(quint64(bare.size()), stats.bodiesDropped);
        QCOMPARE(bare.last() - bare.first() + 1, qint64(bare.size()));
        QCOMPARE(db.value(QStringLiteral("SELECT count(*) FROM request_bodies WHERE request = (SELECT max(id) FROM "
                                         "requests)"))
                     .toInt(),
                 1);
        // The drop was reported as an event.
        QVERIFY(db.value(QStringLiteral("SELECT count(*) FROM events WHERE kind = 'log_drop'")).toInt() >= 1);
    }

    void starvedWriterDropsOldestSummariesAndCountsThem()
    {
        RequestLogWriter::Options options;
        options.workspacePath = m_path;
        options.batchRows = 50;
        options.maxQueuedEntries = 100;
        options.beforeBatch = [](int) { std::this_thread::sleep_for(std::chrono::milliseconds(20)); };
        auto writer = startWriter(options);
        QVERIFY(writer);
        constexpr int kCount = 2000;
        for (int i = 0; i < kCount; ++i)
            writer->submit(makeTrail(i, kNow + i), i % 2 ? bodies(100) : nullptr);
        auto stats = writer->stats();
        QCOMPARE(stats.submitted, std::uint64_t(kCount));
        QVERIFY(stats.queued <= 100);
        QVERIFY(stats.summariesDropped > 0);

        writer->flush();
        stats = writer->stats();
        QCOMPARE(stats.written + stats.summariesDropped, std::uint64_t(kCount));
        QCOMPARE(stats.bodiesWritten + stats.bodiesDropped, std::uint64_t(kCount / 2));
        SqlProbe db(m_path);
        QCOMPARE(db.value(QStringLiteral("SELECT count(*) FROM requests")).toULongLong(), stats.written);
        // The newest requests (a full queue's worth) all made it.
        const QList<qint64> newest = db.column(QStringLiteral(
            "SELECT CAST(substr(request_id, 5) AS INTEGER) AS n FROM requests ORDER BY n DESC LIMIT 100"));
        QCOMPARE(newest.size(), 100);
        QCOMPARE(newest.first(), qint64(kCount - 1));
        QCOMPARE(newest.last(), qint64(kCount - 100));
    }

    void storedBodiesAreRedactedAndCapped()
    {
        RequestLogWriter::Options options;
        options.workspacePath = m_path;
        options.redaction.maxBodyBytes = 256;
        auto writer = startWriter(options);
        QVERIFY(writer);
        writer->submit(makeTrail(1, kNow), bodies(1000));
        writer->submit(makeTrail(2, kNow + 1), bodies(10));
        writer->flush();
        SqlProbe db(m_path);
        QCOMPARE(db.value(QStringLiteral("SELECT count(*) FROM request_bodies")).toInt(), 2);
        const QString big = db.value(QStringLiteral("SELECT CAST(request_body AS TEXT) FROM request_bodies b JOIN "
                                                    "requests r ON r.id = b.request WHERE r.request_id = 'req-1'"))
                                .toString();
        QVERIFY(big.size() <= 256);
        QVERIFY(!big.contains(QLatin1String("sk-body-secret")));
        QCOMPARE(db.value(QStringLiteral("SELECT truncated FROM request_bodies b JOIN requests r ON r.id = "
                                         "b.request WHERE r.request_id = 'req-1'"))
                     .toInt(),
                 1);
        const QString small = db.value(QStringLiteral("SELECT CAST(request_body AS TEXT) FROM request_bodies b JOIN "
                                                      "requests r ON r.id = b.request WHERE r.request_id = 'req-2'"))
                                  .toString();
        QVERIFY2(small.contains(QLatin1String("\"api_key\":\"[redacted]\"")), qPrintable(small));
        const QString headers = db.value(QStringLiteral("SELECT request_headers || response_headers FROM "
                                                        "request_bodies"))
                                    .toString();
        QVERIFY2(headers.contains(QLatin1String("Bearer [redacted]")), qPrintable(headers));
        QVERIFY(!headers.contains(QLatin1String("sk-secret-123")));
        QVERIFY(!headers.contains(QLatin1String("session=abc")));
    }

    void retentionByAgeThenByCount()
    {
        std::atomic<qint64> now{kNow};
        RequestLogWriter::Options options;
        options.workspacePath = m_path;
        options.nowMs = [&now] { return now.load(); };
        options.retention.maxAgeMs = 5 * kHour + kHour / 2;
        options.retention.maxRows = 1000;
        options.retention.deleteChunk = 2;         // several chunks per run
        options.retention.intervalMs = 24 * kHour; // only when asked
        options.retention.eventMaxAgeMs = 2 * kHour;
        auto writer = startWriter(options);
        QVERIFY(writer);
        for (int k = 0; k < 10; ++k)
            writer->submit(makeTrail(k, kNow - k * kHour));
        writer->submitEvent(Event{0, kNow - 3 * kHour, QStringLiteral("pool_error"), QStringLiteral("p"), {}});
        writer->submitEvent(Event{0, kNow - kHour, QStringLiteral("pool_error"), QStringLiteral("p"), {}});
        writer->flush();

        RetentionResult result = writer->runRetention();
        QVERIFY(result.ok);
        QCOMPARE(result.requestsByAge, 4); // 6..9 hours old
        QCOMPARE(result.requestsByCount, 0);
        QCOMPARE(result.events, 1);
        writer->flush();
        {
            SqlProbe db(m_path);
            QCOMPARE(db.value(QStringLiteral("SELECT count(*) FROM requests")).toInt(), 6);
            QCOMPARE(db.value(QStringLiteral("SELECT min((summary ->> '$[0]')) FROM requests")).toLongLong(),
                     kNow - 5 * kHour);
            // Trails go with their requests.
            QCOMPARE(db.value(QStringLiteral("SELECT sum(json_array_length(trail)) FROM requests")).toInt(), 12);
            QCOMPARE(db.value(QStringLiteral("SELECT count(*) FROM events WHERE kind = 'retention'")).toInt(), 1);
        }
        QVERIFY(spansAccountForEveryRow(m_path));
    }

    void retentionByCountKeepsTheNewest()
    {
        RequestLogWriter::Options options;
        options.workspacePath = m_path;
        options.nowMs = [] { return kNow; };
        options.retention.maxRows = 3;
        options.retention.deleteChunk = 2;
        options.retention.intervalMs = 24 * kHour;
        auto writer = startWriter(options);
        QVERIFY(writer);
        for (int k = 0; k < 10; ++k)
            writer->submit(makeTrail(k, kNow - k * 1000));
        writer->flush();
        const RetentionResult result = writer->runRetention();
        QCOMPARE(result.requestsByAge, 0);
        QCOMPARE(result.requestsByCount, 7);
        SqlProbe db(m_path);
        QCOMPARE(
            db.column(QStringLiteral("SELECT (summary ->> '$[0]') FROM requests ORDER BY (summary ->> '$[0]') DESC")),
            (QList<qint64>{kNow, kNow - 1000, kNow - 2000}));
        QVERIFY(spansAccountForEveryRow(m_path));
    }

    // A log at its cap under steady traffic is trimmed between batches, not
    // only by the periodic run (which would otherwise face a minute of
    // traffic at once): the writer drops the oldest segment whole
    // (RequestLogSegments.h), so the log stays between 7/8 of its cap and
    // the cap, and the periodic run reports the dropped rows.
    void logAtItsCapDropsWholeSegmentsBetweenBatches()
    {
        RequestLogWriter::Options options;
        options.workspacePath = m_path;
        options.nowMs = [] { return kNow; };
        options.retention.maxRows = 1600;          // segments of 200 rows
        options.retention.intervalMs = 24 * kHour; // only when asked
        // Batches of exactly 100 rows: the writer waits for them.
        options.batchRows = 100;
        options.flushIntervalMs = 3600 * 1000;
        auto writer = startWriter(options);
        QVERIFY(writer);
        constexpr int kRows = 4000;
        constexpr int kBatch = 100;
        for (int k = 0; k < kRows; ++k) {
            RequestTrail t = makeTrail(k, kNow - kRows + k, k % 3 ? QStringLiteral("chat") : QStringLiteral("embed"));
            if (k == kRows - 250) // a long request, logged long after it started
                t.startedAtMs = kNow - 3000;
            writer->submit(std::move(t), k % 10 == 0 ? bodies(10) : nullptr);
            if (k % kBatch != kBatch - 1)
                continue;
            writer->flush(); // one batch
            SqlProbe db(m_path);
            const int rows = db.value(QStringLiteral("SELECT count(*) FROM requests")).toInt();
            if (k + 1 > 1600)
                QVERIFY2(rows >= 1400 && rows <= 1600, qPrintable(QString::number(rows)));
            else
                QCOMPARE(rows, k + 1);
            QVERIFY(db.value(QStringLiteral("SELECT count(*) FROM request_segments")).toInt() <= 9);
            // Whole segments went: none but the newest is short of its 200
            // rows, as one trimmed row by row would be.
            QCOMPARE(db.value(QStringLiteral("SELECT count(*) FROM request_segments WHERE row_count < 200 AND"
                                             " seq < (SELECT max(seq) FROM request_segments)"))
                         .toInt(),
                     0);
            // The catalog's counts are the segments' rows.
            for (const qint64 seq : db.column(QStringLiteral("SELECT seq FROM request_segments"))) {
                QCOMPARE(db.value(QStringLiteral("SELECT count(*) FROM request_segment_%1").arg(seq)).toLongLong(),
                         db.value(QStringLiteral("SELECT row_count FROM request_segments WHERE seq = %1").arg(seq))
                             .toLongLong());
            }
        }
        SqlProbe db(m_path);
        const int kept = db.value(QStringLiteral("SELECT count(*) FROM requests")).toInt();
        // The newest are the ones kept, and the long request with them.
        QCOMPARE(db.value(QStringLiteral("SELECT max(summary ->> '$[0]') FROM requests")).toLongLong(), kNow - 1);
        QCOMPARE(db.value(QStringLiteral("SELECT min(summary ->> '$[0]') FROM requests")).toLongLong(), kNow - 3000);
        QCOMPARE(
            db.value(QStringLiteral("SELECT count(*) FROM requests WHERE summary ->> '$[0]' < %1").arg(kNow - kept))
                .toInt(),
            1);
        // Dropped segments are gone from the file, their bodies with them.
        QVERIFY(db.value(QStringLiteral("SELECT min(seq) FROM request_segments")).toInt() > 1);
        QCOMPARE(
            db.value(QStringLiteral("SELECT count(*) FROM sqlite_schema WHERE name = 'request_segment_1'")).toInt(), 0);
        QCOMPARE(db.value(QStringLiteral("SELECT count(*) FROM request_bodies")).toInt(),
                 db.value(QStringLiteral("SELECT count(*) FROM requests WHERE request_id LIKE '%0'")).toInt());
        QCOMPARE(db.value(QStringLiteral("SELECT count(*) FROM request_bodies WHERE request NOT IN"
                                         " (SELECT id FROM requests)"))
                     .toInt(),
                 0);
        QVERIFY(spansAccountForEveryRow(m_path));
        const RetentionResult result = writer->runRetention();
        QVERIFY(result.ok);
        QCOMPARE(result.requestsByCount, kRows - kept);
    }

    // A segment larger than the cap allows (the cap was lowered, or the log
    // came from one table in schema 6) loses its oldest rows instead.
    void loweredCapCutsThroughTheOldSegment()
    {
        {
            RequestLogWriter::Options options;
            options.workspacePath = m_path;
            options.nowMs = [] { return kNow; };
            options.retention.maxRows = -1; // no cap
            auto writer = startWriter(options);
            QVERIFY(writer);
            for (int k = 0; k < 2000; ++k)
                writer->submit(makeTrail(k, kNow - 10000 + k), k % 100 == 0 ? bodies(10) : nullptr);
            writer->flush();
        }
        QCOMPARE(SqlProbe(m_path).value(QStringLiteral("SELECT count(*) FROM request_segments")).toInt(), 1);
        RequestLogWriter::Options options;
        options.workspacePath = m_path;
        options.nowMs = [] { return kNow; };
        options.retention.maxRows = 500;
        options.retention.intervalMs = 24 * kHour;
        auto writer = startWriter(options);
        QVERIFY(writer);
        for (int k = 0; k < 100; ++k)
            writer->submit(makeTrail(2000 + k, kNow - 100 + k));
        writer->flush();
        SqlProbe db(m_path);
        // 2,100 rows are 1,600 past the cap: the old segment's oldest go.
        QCOMPARE(db.value(QStringLiteral("SELECT count(*) FROM requests")).toInt(), 500);
        QCOMPARE(db.value(QStringLiteral("SELECT min(summary ->> '$[0]') FROM requests")).toLongLong(),
                 kNow - 10000 + 1600);
        QCOMPARE(
            db.value(QStringLiteral("SELECT group_concat(seq || ':' || row_count) FROM request_segments")).toString(),
            QStringLiteral("1:400,2:100"));
        QCOMPARE(db.value(QStringLiteral("SELECT count(*) FROM request_bodies")).toInt(), 4);
        QVERIFY(spansAccountForEveryRow(m_path));
    }

    // Retention by age drops the segments that are entirely too old and cuts
    // through the one that straddles the cutoff.
    void ageDropsOldSegmentsAndCutsThroughOne()
    {
        RequestLogWriter::Options options;
        options.workspacePath = m_path;
        options.nowMs = [] { return kNow; };
        options.retention.maxAgeMs = 4 * kHour + kHour / 2;
        options.retention.maxRows = -1;
        options.retention.segmentRows = 100;
        options.retention.intervalMs = 24 * kHour;
        auto writer = startWriter(options);
        QVERIFY(writer);
        // Six segments of 100 requests, each spread over one hour, the
        // first starting six hours ago.
        for (int b = 0; b < 6; ++b) {
            for (int k = 0; k < 100; ++k)
                writer->submit(makeTrail(b * 100 + k, kNow - (6 - b) * kHour + k * (kHour / 100)),
                               k % 2 ? bodies(10) : nullptr);
            writer->flush();
        }
        QCOMPARE(SqlProbe(m_path).value(QStringLiteral("SELECT count(*) FROM request_segments")).toInt(), 6);
        const RetentionResult result = writer->runRetention();
        QVERIFY(result.ok);
        // The first hour whole, half of the second.
        QCOMPARE(result.requestsByAge, 150);
        QCOMPARE(result.requestsByCount, 0);
        SqlProbe db(m_path);
        QCOMPARE(
            db.value(QStringLiteral("SELECT group_concat(seq || ':' || row_count) FROM request_segments")).toString(),
            QStringLiteral("2:50,3:100,4:100,5:100,6:100"));
        QCOMPARE(
            db.value(QStringLiteral("SELECT count(*) FROM sqlite_schema WHERE name = 'request_segment_1'")).toInt(), 0);
        QCOMPARE(db.value(QStringLiteral("SELECT min(summary ->> '$[0]') FROM requests")).toLongLong(),
                 kNow - 4 * kHour - kHour / 2);
        QCOMPARE(db.value(QStringLiteral("SELECT count(*) FROM request_bodies")).toInt(), 225);
        QCOMPARE(db.value(QStringLiteral("SELECT count(*) FROM request_bodies WHERE request NOT IN"
                                         " (SELECT id FROM requests)"))
                     .toInt(),
                 0);
        QVERIFY(spansAccountForEveryRow(m_path));
    }

    // The row cap counts rows through the route spans. Requests close in
    // time share a span, so retention cuts through one: it must recount
    // it, or the next run would count the deleted rows again and delete
    // rows it should keep.
    void retentionRecountsTheSpanItCutThrough()
    {
        std::atomic<qint64> now{kNow};
        RequestLogWriter::Options options;
        options.workspacePath = m_path;
        options.nowMs = [&now] { return now.load(); };
        options.retention.maxAgeMs = 100;
        options.retention.maxRows = 5;
        options.retention.deleteChunk = 3;
        options.retention.intervalMs = 24 * kHour;
        auto writer = startWriter(options);
        QVERIFY(writer);
        // 20 requests one millisecond apart, two routes: one span each.
        for (int k = 0; k < 20; ++k)
            writer->submit(makeTrail(k, kNow - 19 + k, k % 2 ? QStringLiteral("chat") : QStringLiteral("embed")),
                           bodies(10));
        writer->flush();
        {
            SqlProbe db(m_path);
            QCOMPARE(db.value(QStringLiteral("SELECT count(*) FROM request_route_spans")).toInt(), 2);
        }
        // Nothing is old yet: the cap takes the 15 oldest.
        RetentionResult result = writer->runRetention();
        QVERIFY(result.ok);
        QCOMPARE(result.requestsByAge, 0);
        QCOMPARE(result.requestsByCount, 15);
        QVERIFY(spansAccountForEveryRow(m_path));
        {
            // The bodies went with their requests, the kept ones stayed.
            SqlProbe db(m_path);
            QCOMPARE(db.value(QStringLiteral("SELECT count(*) FROM request_bodies")).toInt(), 5);
            QCOMPARE(db.value(QStringLiteral("SELECT count(*) FROM request_bodies WHERE request NOT IN"
                                             " (SELECT id FROM requests)"))
                         .toInt(),
                     0);
        }
        result = writer->runRetention();
        QCOMPARE(result.requestsByCount, 0);

        // Eight more, in a new segment: past the cap, the writer drops the
        // five's segment whole after the batch; the next run reports those
        // with the three oldest of the eight it trims to the cap.
        for (int k = 0; k < 8; ++k)
            writer->submit(makeTrail(100 + k, kNow + 90 + k, QStringLiteral("chat")));
        writer->flush();
        now = kNow - 2 + 100; // started before kNow - 2: too old
        result = writer->runRetention();
        QVERIFY(result.ok);
        QCOMPARE(result.requestsByAge, 0);
        QCOMPARE(result.requestsByCount, 8);
        QVERIFY(spansAccountForEveryRow(m_path));
        SqlProbe db(m_path);
        QCOMPARE(db.value(QStringLiteral("SELECT count(*) FROM requests")).toInt(), 5);
        QCOMPARE(db.value(QStringLiteral("SELECT min(summary ->> '$[0]') FROM requests")).toLongLong(), kNow + 93);
        QCOMPARE(db.value(QStringLiteral("SELECT count(*) FROM request_bodies")).toInt(), 0);
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    int m_counter = 0;
};

QTEST_GUILESS_MAIN(TestRequestLogWriter)
#include "tst_requestlogwriter.moc"
