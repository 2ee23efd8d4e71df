#include "ObserveTestSupport.h"

#include "observe/LatencyBuckets.h"
#include "observe/MetricsRegistry.h"
#include "observe/PrometheusText.h"

#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <thread>

using namespace understudy;

namespace {

constexpr qint64 kStart = 1700000080000; // 40 s into a minute

RequestTrail timed(int n, qint64 durationMs, OutcomeClass outcome = OutcomeClass::Ok)
{
    RequestTrail t = makeTrail(n, kStart, QStringLiteral("chat"), false);
    t.durationMs = durationMs;
    t.ttftMs = durationMs / 2;
    t.outcome = outcome;
    return t;
}

// Parses exposition text; returns an error message or empty.
QString checkExposition(const QByteArray &text)
{
    QMap<QString, QString> types;
    QSet<QString> helps;
    const QRegularExpression sampleLine(QStringLiteral("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)\\})? (\\S+)$"));
    const QRegularExpression labelPair(QStringLiteral("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\""));
    // Histogram series (name + labels without le) -> last cumulative bucket.
    QMap<QString, double> lastBucket;
    QMap<QString, bool> sawInf;
    QMap<QString, double> counts;
    for (const QByteArray &raw : text.split('\n')) {
        const QString line = QString::fromUtf8(raw);
        if (line.isEmpty())
            continue;
        if (line.startsWith(QLatin1String("# HELP "))) {
            helps.insert(line.section(QLatin1Char(' '), 2, 2));
            continue;
        }
        if (line.startsWith(QLatin1String("# TYPE "))) {
            const QString name = line.section(QLatin1Char(' '), 2, 2);
            if (types.contains(name))
                return QStringLiteral("TYPE twice for ") + name;
            types.insert(name, line.section(QLatin1Char(' '), 3, 3));
            continue;
        }
        const auto m = sampleLine.match(line);
        if (!m.hasMatch())
            return QStringLiteral("bad line: ") + line;
        QString name = m.captured(1);
        QString family = name;
        QString suffix;
        for (const char *s : {"_bucket", "_sum", "_count"}) {
            const QString sfx = QLatin1String(s);
            if (name.endsWith(sfx) && types.value(name.chopped(sfx.size())) == QLatin1String("histogram")) {
                family = name.chopped(sfx.size());
                suffix = sfx;
            }
        }
        if (!types.contains(family))
            return QStringLiteral("sample before its TYPE: ") + line;
        if (!helps.contains(family))
            return QStringLiteral("no HELP for ") + family;
        if (types.value(family) == QLatin1String("counter") && !family.endsWith(QLatin1String("_total")))
            return QStringLiteral("counter without _total: ") + family;
        bool numeric = false;
        const QString valueText = m.captured(4);
        double value = valueText == QLatin1String("+Inf") ? INFINITY : valueText.toDouble(&numeric);
        if (valueText != QLatin1String("+Inf") && !numeric)
            return QStringLiteral("bad value: ") + line;
        QString labels = m.captured(3);
        QString le;
        QStringList others;
        qsizetype consumed = 0;
        auto it = labelPair.globalMatch(labels);
        while (it.hasNext()) {
            const auto pair = it.next();
            consumed += pair.capturedLength() + 1;
            if (pair.captured(1) == QLatin1String("le"))
                le = pair.captured(2);
            else
                others << pair.captured(0);
        }
        if (!labels.isEmpty() && consumed != labels.size() + 1)
            return QStringLiteral("bad labels: ") + line;
        if (types.value(family) != QLatin1String("histogram"))
            continue;
        const QString series = family + QLatin1Char('{') + others.join(QLatin1Char(',')) + QLatin1Char('}');
        if (suffix == QLatin1String("_bucket")) {
            if (le.isEmpty())
                return QStringLiteral("bucket without le: ") + line;
            if (value < lastBucket.value(series, 0))
                return QStringLiteral("buckets not cumulative: ") + line;
            lastBucket[series] = value;
            if (le == QLatin1String("+Inf"))
                sawInf[series] = true;
        } else if (suffix == QLatin1String("_count")) {
            counts[series] = value;
        }
    }
    for (auto it = lastBucket.cbegin(); it != lastBucket.cend(); ++it) {
        if (!sawInf.value(it.key()))
            return QStringLiteral("no +Inf bucket for ") + it.key();
        if (!counts.contains(it.key()) || counts.value(it.key()) != it.value())
            return QStringLiteral("_count differs from +Inf bucket for ") + it.key();
    }
    return {};
}

} // namespace

class TestMetricsRegistry final : public QObject
{
    Q_OBJECT

private slots:
    void bucketsAndQuantiles()
    {
        namespace lb = latency_buckets;
        QCOMPARE(lb::indexOf(0.5), 0);
        QCOMPARE(lb::indexOf(1.0), 0);
        QCOMPARE(lb::indexOf(1.01), 1);
        QCOMPARE(lb::indexOf(1e9), lb::kFiniteCount);
        std::vector<std::uint64_t> counts(lb::kCount, 0);
        QVERIFY(!lb::quantile(counts.data(), 0.5));
        counts[std::size_t(lb::indexOf(100))] = 10;
        const double p50 = lb::quantile(counts.data(), 0.5).value();
        QVERIFY(p50 > lb::lowerBoundMs(lb::indexOf(100)) && p50 <= lb::upperBoundMs(lb::indexOf(100)));
    }

    void windowAggregatesKnownDurations()
    {
        qint64 now = kStart;
        MetricsRegistry::Options options;
        options.nowMs = [&now] { return now; };
        MetricsRegistry registry(options);
        for (int i = 1; i <= 1000; ++i)
            registry.record(timed(i, i, i % 10 == 0 ? OutcomeClass::Status5xx : OutcomeClass::Ok));
        registry.collect();
        now += 1000;
        const MetricsWindow w = registry.snapshot(60);
        QCOMPARE(w.requests, std::uint64_t(1000));
        QCOMPARE(w.errors, std::uint64_t(100));
        QCOMPARE(w.errorRate, 0.1);
        QCOMPARE(w.byOutcome.at(QStringLiteral("status_5xx")), std::uint64_t(100));
        QCOMPARE(w.latency.count, std::uint64_t(1000));
        // Within one bucket (~19%) of the exact percentile.
        auto near = [](std::optional<double> got, double want) { return got && std::abs(*got - want) <= want * 0.19; };
        QVERIFY2(near(w.latency.p50, 500), qPrintable(QString::number(w.latency.p50.value_or(-1))));
        QVERIFY2(near(w.latency.p95, 950), qPrintable(QString::number(w.latency.p95.value_or(-1))));
        QVERIFY2(near(w.latency.p99, 990), qPrintable(QString::number(w.latency.p99.value_or(-1))));
        QVERIFY2(near(w.ttft.p50, 250), qPrintable(QString::number(w.ttft.p50.value_or(-1))));
        QCOMPARE(w.promptTokens, std::uint64_t(12000));
        QVERIFY(std::abs(w.cost - 0.5) < 1e-9);
        QCOMPARE(w.routes.size(), std::size_t(1));
        std::uint64_t perSecond = 0;
        for (const auto &s : w.perSecond)
            perSecond += s.requests;
        QCOMPARE(perSecond, std::uint64_t(1000));
        QCOMPARE(w.perSecond.size(), std::size_t(60));

        // Two minutes later a one-minute window no longer sees them; a
        // fifteen-minute one does.
        now += 120 * 1000;
        for (int i = 0; i < 10; ++i)
            registry.record(timed(i, 2000));
        QCOMPARE(registry.snapshot(60).requests, std::uint64_t(10));
        QVERIFY(registry.snapshot(60).latency.p50.value() > 1600);
        QCOMPARE(registry.snapshot(900).requests, std::uint64_t(1010));
        const QJsonObject json = MetricsRegistry::toJson(registry.snapshot(900));
        QCOMPARE(json.value(QStringLiteral("requests")).toInteger(), 1010);
    }

    void fallbackTriggersCacheAndBreakers()
    {
        MetricsRegistry registry;
        RequestTrail t = makeTrail(1, kStart); // primary 503 -> backup ok
        AttemptRecord retry = t.attempts.front();
        t.attempts.insert(t.attempts.begin(), retry); // a retry of the same target is not a trigger
        for (int i = 0; i < 5; ++i)
            registry.record(t);
        RequestTrail cached = makeTrail(2, kStart, QStringLiteral("chat"), false);
        cached.cached = true;
        registry.record(cached);
        registry.recordRetryBudgetExhausted();
        registry.setBreakerState(QStringLiteral("primary/m"), BreakerGauge::Closed);
        registry.setBreakerState(QStringLiteral("primary/m"), BreakerGauge::Open);
        registry.addInFlight(3);

        const MetricsWindow w = registry.snapshot(60);
        QCOMPARE(w.triggers.size(), std::size_t(1));
        QCOMPARE(w.triggers[0].from, QStringLiteral("primary/m"));
        QCOMPARE(w.triggers[0].to, QStringLiteral("backup/m"));
        QCOMPARE(w.triggers[0].reason, QStringLiteral("status_5xx"));
        QCOMPARE(w.triggers[0].count, std::uint64_t(5));
        QCOMPARE(w.fallbacks, std::uint64_t(5));
        QCOMPARE(w.cacheHits, std::uint64_t(1));
        QCOMPARE(w.retryBudgetExhausted, std::uint64_t(1));
        QCOMPARE(w.openBreakers, 1);
        QCOMPARE(w.inFlight, 3);

        const MetricsTotals totals = registry.totals();
        QCOMPARE(totals.breakerTransitions.at({QStringLiteral("primary/m"), QStringLiteral("open")}), std::uint64_t(1));
        std::uint64_t primaryFailures = 0;
        for (const auto &target : totals.targets)
            if (target.target == QLatin1String("primary/m"))
                primaryFailures = target.byOutcome.at(QStringLiteral("status_5xx"));
        QCOMPARE(primaryFailures, std::uint64_t(10));
    }

    // Each kind of answer lands in its own band, in the second it finished,
    // and the six bands add up to the requests (per second, per window and
    // in the minute's rollup).
    void answerBandsSplitRequests()
    {
        qint64 now = kStart;
        std::vector<MinuteRollup> rollups;
        MetricsRegistry::Options options;
        options.nowMs = [&now] { return now; };
        options.rollupSink = [&rollups](std::vector<MinuteRollup> r) {
            rollups.insert(rollups.end(), r.begin(), r.end());
        };
        MetricsRegistry registry(options);

        const RequestTrail ok = makeTrail(1, kStart, QStringLiteral("chat"), false);
        RequestTrail retried = ok; // a 503 from the same target, retried, then served
        AttemptRecord first = ok.attempts.front();
        first.outcome = OutcomeClass::Status5xx;
        first.decision = QStringLiteral("retry in 100 ms");
        retried.attempts.insert(retried.attempts.begin(), first);
        QCOMPARE(retried.attemptCount(), 2);
        const RequestTrail fellBack = makeTrail(2, kStart); // primary 503 -> backup ok
        RequestTrail cached = fellBack;                     // then a cache step answered
        cached.attempts.back().target = QStringLiteral("cache");
        cached.cached = true;
        RequestTrail canned = fellBack; // then a static step answered
        canned.attempts.back().target = QStringLiteral("static");
        canned.staticAnswer = true;
        RequestTrail failed = fellBack; // the backup failed too
        failed.attempts.back().outcome = OutcomeClass::FirstByteTimeout;
        failed.outcome = OutcomeClass::FirstByteTimeout;
        RequestTrail retriedThenFailed = retried; // a failure is failed, however it got there
        retriedThenFailed.outcome = OutcomeClass::Status5xx;
        retriedThenFailed.attempts.back().outcome = OutcomeClass::Status5xx;
        RequestTrail otherMember = ok; // another member of the first step answered: not a retry
        AttemptRecord member = first;
        member.stepPath = QStringLiteral("chat/steps[0]/members[1]");
        member.target = QStringLiteral("other/m");
        otherMember.attempts.insert(otherMember.attempts.begin(), member);
        RequestTrail skippedThenServed = ok; // a breaker skip of the same target is no retry
        AttemptRecord skip = ok.attempts.front();
        skip.outcome = OutcomeClass::SkippedCircuitOpen;
        skippedThenServed.attempts.insert(skippedThenServed.attempts.begin(), skip);

        QCOMPARE(answerBand(ok), AnswerBand::Ok);
        QCOMPARE(answerBand(retried), AnswerBand::Retried);
        QCOMPARE(answerBand(fellBack), AnswerBand::Fallback);
        QCOMPARE(answerBand(cached), AnswerBand::Cached);
        QCOMPARE(answerBand(canned), AnswerBand::Static);
        QCOMPARE(answerBand(failed), AnswerBand::Failed);
        QCOMPARE(answerBand(retriedThenFailed), AnswerBand::Failed);
        QCOMPARE(answerBand(otherMember), AnswerBand::Ok);
        QCOMPARE(answerBand(skippedThenServed), AnswerBand::Ok);

        // Second 1: 3 ok (one plain, one other member, one after a skip),
        // 2 retried, 4 fallback, 1 cached, 5 static, 2 failed.
        for (const RequestTrail *t : std::initializer_list<const RequestTrail *>{
                 &ok, &otherMember, &skippedThenServed, &retried, &retried, &cached, &failed, &retriedThenFailed})
            registry.record(*t);
        for (int i = 0; i < 4; ++i)
            registry.record(fellBack);
        for (int i = 0; i < 5; ++i)
            registry.record(canned);
        registry.collect();
        // Second 2: one retried only.
        now += 1000;
        registry.record(retried);
        registry.collect();

        const MetricsWindow w = registry.snapshot(10);
        QCOMPARE(w.requests, std::uint64_t(18));
        auto band = [](const AnswerBands &b, AnswerBand which) { return b[std::size_t(which)]; };
        auto total = [](const AnswerBands &b) {
            std::uint64_t n = 0;
            for (std::uint64_t v : b)
                n += v;
            return n;
        };
        const MetricsWindow::Second &one = w.perSecond[w.perSecond.size() - 2];
        const MetricsWindow::Second &two = w.perSecond.back();
        QCOMPARE(one.second, kStart / 1000);
        QCOMPARE(one.requests, std::uint64_t(17));
        QCOMPARE(band(one.bands, AnswerBand::Ok), std::uint64_t(3));
        QCOMPARE(band(one.bands, AnswerBand::Retried), std::uint64_t(2));
        QCOMPARE(band(one.bands, AnswerBand::Fallback), std::uint64_t(4));
        QCOMPARE(band(one.bands, AnswerBand::Cached), std::uint64_t(1));
        QCOMPARE(band(one.bands, AnswerBand::Static), std::uint64_t(5));
        QCOMPARE(band(one.bands, AnswerBand::Failed), std::uint64_t(2));
        QCOMPARE(total(one.bands), one.requests);
        QCOMPARE(band(one.bands, AnswerBand::Failed), one.errors);
        QCOMPARE(two.requests, std::uint64_t(1));
        QCOMPARE(band(two.bands, AnswerBand::Retried), std::uint64_t(1));
        QCOMPARE(total(two.bands), std::uint64_t(1));
        for (const MetricsWindow::Second &s : w.perSecond)
            QCOMPARE(total(s.bands), s.requests);
        QCOMPARE(band(w.bands, AnswerBand::Retried), std::uint64_t(3));
        QCOMPARE(total(w.bands), w.requests);
        QCOMPARE(MetricsRegistry::toJson(w)
                     .value(QStringLiteral("answers"))
                     .toObject()
                     .value(QStringLiteral("static"))
                     .toInteger(),
                 5);

        // The minute's rollup keeps the four counted bands in its outcomes.
        now += 60 * 1000;
        registry.collect();
        QCOMPARE(rollups.size(), std::size_t(1));
        const MinuteRollup &r = rollups.front();
        QCOMPARE(r.requests, 18);
        QCOMPARE(r.outcomes.at(rollupBandKey(AnswerBand::Retried)), 3);
        QCOMPARE(r.outcomes.at(rollupBandKey(AnswerBand::Fallback)), 4);
        QCOMPARE(r.outcomes.at(rollupBandKey(AnswerBand::Cached)), 1);
        QCOMPARE(r.outcomes.at(rollupBandKey(AnswerBand::Static)), 5);
        QCOMPARE(r.outcomes.at(QStringLiteral("ok")), 16);
    }

    // Breaker changes are kept with their time: the state at a window's
    // start and every change since.
    void breakerHistoryKeepsChanges()
    {
        qint64 now = kStart;
        MetricsRegistry::Options options;
        options.nowMs = [&now] { return now; };
        options.ringSeconds = 120;
        MetricsRegistry registry(options);
        const QString target = QStringLiteral("primary/m");
        registry.setBreakerState(target, BreakerGauge::Closed);
        now += 100 * 1000;
        registry.setBreakerState(target, BreakerGauge::Closed); // no change: not kept
        registry.setBreakerState(target, BreakerGauge::Open);
        now += 10 * 1000;
        registry.setBreakerState(target, BreakerGauge::HalfOpen);
        now += 1000;
        const BreakerHistory h = registry.breakerHistory(60);
        QCOMPARE(h.nowMs, now);
        const std::vector<BreakerChange> &changes = h.targets.at(target);
        QCOMPARE(changes.size(), std::size_t(3));
        QCOMPARE(changes[0].state, BreakerGauge::Closed); // in force when the window starts
        QCOMPARE(changes[0].atMs, kStart);
        QCOMPARE(changes[1].state, BreakerGauge::Open);
        QCOMPARE(changes[1].atMs, kStart + 100 * 1000);
        QCOMPARE(changes[2].state, BreakerGauge::HalfOpen);
        // A short window starts in the open state.
        QCOMPARE(registry.breakerHistory(5).targets.at(target).front().state, BreakerGauge::Open);
        QCOMPARE(registry.breakerHistory(5).targets.at(target).size(), std::size_t(2));
        // Changes older than the ring's span are dropped, but for the one in
        // force when the span starts.
        now += 1000 * 1000;
        registry.setBreakerState(target, BreakerGauge::Closed);
        const std::vector<BreakerChange> late = registry.breakerHistory(120).targets.at(target);
        QCOMPARE(late.size(), std::size_t(2));
        QCOMPARE(late.front().state, BreakerGauge::HalfOpen);
        QCOMPARE(late.back().state, BreakerGauge::Closed);
        QCOMPARE(late.back().atMs, now);
    }

    void recordsFromManyThreads()
    {
        MetricsRegistry registry;
        auto work = [&registry](QString route) {
            for (int i = 0; i < 20000; ++i)
                registry.record(makeTrail(i, kStart, route));
        };
        std::thread a(work, QStringLiteral("chat"));
        std::thread b(work, QStringLiteral("embed"));
        std::thread c(work, QStringLiteral("chat"));
        a.join();
        b.join();
        c.join();
        const MetricsTotals totals = registry.totals();
        std::map<QString, std::uint64_t> byRoute;
        for (const auto &r : totals.routes)
            byRoute[r.route] = r.byOutcome.at(QStringLiteral("ok"));
        QCOMPARE(byRoute.at(QStringLiteral("chat")), std::uint64_t(40000));
        QCOMPARE(byRoute.at(QStringLiteral("embed")), std::uint64_t(20000));
    }

    void completedMinutesAreRolledUp()
    {
        qint64 now = kStart;
        std::vector<MinuteRollup> rollups;
        MetricsRegistry::Options options;
        options.nowMs = [&now] { return now; };
        options.rollupSink = [&rollups](std::vector<MinuteRollup> r) {
            rollups.insert(rollups.end(), r.begin(), r.end());
        };
        MetricsRegistry registry(options);
        for (int i = 0; i < 30; ++i)
            registry.record(timed(i, 100, i < 3 ? OutcomeClass::FirstByteTimeout : OutcomeClass::Ok));
        registry.collect();
        QVERIFY(rollups.empty());
        now += 30 * 1000; // into the next minute
        registry.record(timed(99, 100));
        registry.collect();
        QCOMPARE(rollups.size(), std::size_t(1));
        const MinuteRollup &r = rollups.front();
        QCOMPARE(r.minuteMs, kStart / 60000 * 60000);
        QCOMPARE(r.route, QStringLiteral("chat"));
        QCOMPARE(r.requests, 30);
        QCOMPARE(r.errors, 3);
        QCOMPARE(r.outcomes.at(QStringLiteral("first_byte_timeout")), 3);
        QVERIFY(std::abs(r.latencyP50Ms.value() - 100) <= 19);
    }

    void prometheusTextIsWellFormed()
    {
        MetricsRegistry registry;
        RequestTrail weird = makeTrail(1, kStart, QStringLiteral("we\"ird\\route\nx"));
        registry.record(weird);
        registry.record(makeTrail(2, kStart));
        registry.setBreakerState(QStringLiteral("primary/m"), BreakerGauge::Closed);
        registry.setBreakerState(QStringLiteral("primary/m"), BreakerGauge::HalfOpen);
        MetricsTotals totals = registry.totals();
        RequestLogWriter::Stats drops;
        drops.bodiesDropped = 7;
        addLogDrops(totals, drops);
        const QByteArray text = prometheusText(totals);
        const QString problem = checkExposition(text);
        QVERIFY2(problem.isEmpty(), qPrintable(problem + QStringLiteral("\n") + QString::fromUtf8(text)));
        QVERIFY(text.contains("understudy_requests_total{route=\"chat\",outcome=\"ok\"} 1\n"));
        QVERIFY(text.contains("route=\"we\\\"ird\\\\route\\nx\""));
        QVERIFY(text.contains("understudy_fallback_triggers_total{route=\"chat\",from=\"primary/m\",to=\"backup/m\","
                              "reason=\"status_5xx\"} 1\n"));
        QVERIFY(text.contains("understudy_breaker_state{target=\"primary/m\"} 1\n"));
        QVERIFY(text.contains("understudy_log_dropped_total{what=\"body\"} 7\n"));
        QVERIFY(text.contains("understudy_request_duration_seconds_bucket{route=\"chat\",le=\"+Inf\"} 1\n"));
        QVERIFY(text.contains("understudy_request_duration_seconds_count{route=\"chat\"} 1\n"));

        // The checker itself rejects what it must.
        QVERIFY(!checkExposition("# HELP x_total x\n# TYPE x_total counter\ny 1\n").isEmpty());
        QVERIFY(!checkExposition("# HELP h h\n# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\n"
                                 "h_sum 1\nh_count 1\n")
                     .isEmpty());

        const QString promtool = QStandardPaths::findExecutable(QStringLiteral("promtool"));
        if (promtool.isEmpty())
            QSKIP("promtool is not installed (Debian package prometheus); the format was checked above");
        QProcess process;
        process.start(promtool, {QStringLiteral("check"), QStringLiteral("metrics")});
        QVERIFY(process.waitForStarted());
        process.write(text);
        process.closeWriteChannel();
        QVERIFY(process.waitForFinished(30000));
        const QByteArray output = process.readAllStandardOutput() + process.readAllStandardError();
        QVERIFY2(process.exitCode() == 0, output.constData());
    }
};

QTEST_GUILESS_MAIN(TestMetricsRegistry)
#include "tst_metricsregistry.moc"
