// Issue 4, scenario 15 (a breaker shields an outage and lets traffic back)
// and the degraded answers: every target open -> the cache answers, an
// empty cache -> the static answer, nothing left -> 502/503/504 in the
// OpenAI error shape.

#include "FakeLlmUpstream.h"
#include "engine/Engine.h"
#include "fallback/ExecutorServices.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace understudy;
using namespace understudy::test;

namespace {

constexpr int kDeadlineMs = 10'000;

ChainPolicy policy()
{
    ChainPolicy p;
    p.deadlineMs = kDeadlineMs;
    return p;
}

QJsonObject errorOf(const TestResponse &r)
{
    return QJsonDocument::fromJson(r.body).object().value(QStringLiteral("error")).toObject();
}

Step staticStep(const QString &text)
{
    Step s;
    s.kind = StepKind::Static;
    s.response.body = text;
    return s;
}

Step cacheStep()
{
    Step s;
    s.kind = StepKind::Cache;
    s.maxStalenessMs = 60'000;
    return s;
}

} // namespace

class TestFallbackBreaker final : public QObject
{
    Q_OBJECT

private slots:
    // 15, scaled down from "down for 60 s, a request every 4 s, back within
    // 30 s": the primary answers 503 for 2 s, a request every 150 ms, breaker
    // open for 300-600 ms. During the outage the fallback answers with few
    // primary probes; after recovery traffic is back on the primary.
    void breakerShieldsAnOutageAndTrafficReturns()
    {
        FakeLlmUpstream primary;
        FakeLlmUpstream secondary;
        QVERIFY(primary.start() && secondary.start());
        primary.setDefault(FakeReply::completion("big", "primary is back"));
        secondary.setDefault(FakeReply::completion("small", "fallback"));
        Step first = providerStep(QStringLiteral("p"), QStringLiteral("big"));
        first.retry.maxRetries = 0;
        first.breaker.enabled = true;
        first.breaker.consecutiveFailures = 2;
        first.breaker.openBaseMs = 300;
        first.breaker.openMaxMs = 600;
        first.breaker.halfOpenProbes = 1;
        GatewayUnderTest gateway;
        QVERIFY(gateway.start(
            llmConfig({fakeProvider(QStringLiteral("p"), primary), fakeProvider(QStringLiteral("s"), secondary)},
                      {first, providerStep(QStringLiteral("s"), QStringLiteral("small"))}, policy())));

        constexpr qint64 kOutageMs = 2000;
        primary.failFor(kOutageMs, FakeReply::error(503, "down for maintenance"));
        const qint64 outageEnds = primary.outageEndsAtMs();
        struct Sent
        {
            qint64 atMs;
            QByteArray servedBy;
        };
        QList<Sent> sent;
        while (fakeClockMs() < outageEnds + 2500) {
            const qint64 at = fakeClockMs();
            const auto r = gateway.chat(false);
            QVERIFY(r);
            QCOMPARE(r->status, 200); // every request is answered, outage or not
            sent << Sent{at, r->header("x-understudy-served-by")};
            QTest::qWait(150);
        }

        qsizetype duringOutage = 0;
        for (const Sent &s : sent)
            duringOutage += s.atMs < outageEnds ? 1 : 0;
        qsizetype probes = 0;
        for (const SeenRequest &seen : primary.seen())
            probes += seen.atMs < outageEnds ? 1 : 0;
        QVERIFY2(duringOutage >= 8, qPrintable(QString::number(duringOutage)));
        // Two failures open the breaker; after that only half-open probes.
        QVERIFY2(probes <= duringOutage / 2,
                 qPrintable(QStringLiteral("%1 primary probes for %2 requests").arg(probes).arg(duringOutage)));
        QVERIFY(probes >= 2);

        // The breaker closes at most openMax (600 ms) after recovery plus one
        // request interval; allow twice that.
        qsizetype afterRecovery = 0;
        QStringList served;
        for (const Sent &s : sent) {
            served << QString::number(s.atMs - outageEnds) + QLatin1Char(' ') + QString::fromLatin1(s.servedBy);
            if (s.atMs < outageEnds + 1500)
                continue;
            ++afterRecovery;
            QVERIFY2(s.servedBy == "chat/steps[0] p/big", qPrintable(served.join(QLatin1Char('\n'))));
        }
        QVERIFY(afterRecovery >= 3);
        const auto states = gateway.engine().services().breakers.snapshot();
        QCOMPARE(int(states.size()), 1);
        QCOMPARE(states.front().state, BreakerState::Closed);
    }

    // Every target open -> the cache step answers with x-understudy-cache
    // and without touching the upstream.
    void everyTargetOpenTheCacheAnswers()
    {
        FakeLlmUpstream primary;
        QVERIFY(primary.start());
        primary.setDefault(FakeReply::completion("big", "worth caching"));
        Step provider = providerStep(QStringLiteral("p"), QStringLiteral("big"));
        provider.breaker.enabled = true;
        GatewayUnderTest gateway;
        QVERIFY(
            gateway.start(llmConfig({fakeProvider(QStringLiteral("p"), primary)},
                                    {provider, cacheStep(), staticStep(QStringLiteral("sorry, degraded"))}, policy())));

        const auto fresh = gateway.chat(false, "cache me");
        QVERIFY(fresh);
        QCOMPARE(fresh->status, 200);
        QCOMPARE(completionText(fresh->body), QStringLiteral("worth caching"));
        QVERIFY(!fresh->hasHeader("x-understudy-cache"));
        QCOMPARE(primary.requestCount(), 1);

        QVERIFY(gateway.engine().services().breakers.forceOpen(
            breakerTargetKey(QStringLiteral("p"), QStringLiteral("big"))));
        const auto cached = gateway.chat(false, "cache me");
        QVERIFY(cached);
        QCOMPARE(cached->status, 200);
        QCOMPARE(cached->header("x-understudy-cache"), QByteArray("hit"));
        QCOMPARE(completionText(cached->body), QStringLiteral("worth caching"));
        QVERIFY(cached->header("x-understudy-served-by").startsWith("chat/steps[1]"));
        QCOMPARE(primary.requestCount(), 1);
    }

    // Every target open and nothing cached for this request -> the static
    // step answers a well-formed completion (and stream) from its template.
    void emptyCacheTheStaticStepAnswers()
    {
        FakeLlmUpstream primary;
        QVERIFY(primary.start());
        Step provider = providerStep(QStringLiteral("p"), QStringLiteral("big"));
        provider.breaker.enabled = true;
        GatewayUnderTest gateway;
        QVERIFY(gateway.start(llmConfig(
            {fakeProvider(QStringLiteral("p"), primary)},
            {provider, cacheStep(), staticStep(QStringLiteral("degraded answer for {{request_id}}"))}, policy())));
        // Make the breaker exist, then force it open.
        QVERIFY(gateway.chat(false, "warm up"));
        QVERIFY(gateway.engine().services().breakers.forceOpen(
            breakerTargetKey(QStringLiteral("p"), QStringLiteral("big"))));
        const qsizetype before = primary.requestCount();

        const auto r = gateway.chat(false, "never asked before");
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QVERIFY(!r->hasHeader("x-understudy-cache"));
        const QJsonObject body = QJsonDocument::fromJson(r->body).object();
        QCOMPARE(body.value(QStringLiteral("model")).toString(), QStringLiteral("understudy/static"));
        QCOMPARE(completionText(r->body),
                 QStringLiteral("degraded answer for ") + QString::fromLatin1(r->header("x-understudy-request-id")));
        QVERIFY(r->header("x-understudy-served-by").startsWith("chat/steps[2]"));

        const auto streamed = gateway.chat(true, "never asked before either");
        QVERIFY(streamed);
        QCOMPARE(streamed->status, 200);
        const SseBody sse = SseBody::parse(streamed->body);
        QVERIFY2(sse.allJson() && sse.endsWithDone(), streamed->body.constData());
        QVERIFY(sse.text().startsWith(QStringLiteral("degraded answer for ")));
        QCOMPARE(primary.requestCount(), before);
    }

    // SPEC 3: every target open and no cache/static step -> the target whose
    // breaker closes soonest gets one attempt instead of failing untried.
    void everyTargetOpenTheSoonestClosingOneIsTried()
    {
        FakeLlmUpstream first;
        FakeLlmUpstream second;
        QVERIFY(first.start() && second.start());
        first.push(FakeReply::error(503, "down"));
        second.push(FakeReply::error(503, "down"));
        first.setDefault(FakeReply::completion("m1", "first recovered"));
        second.setDefault(FakeReply::completion("m2", "second recovered"));
        std::vector<Step> steps{providerStep(QStringLiteral("a"), QStringLiteral("m1")),
                                providerStep(QStringLiteral("b"), QStringLiteral("m2"))};
        steps[0].breaker.openBaseMs = 20'000; // closes sooner than the second
        steps[0].breaker.openMaxMs = 20'000;
        steps[1].breaker.openBaseMs = 50'000;
        steps[1].breaker.openMaxMs = 50'000;
        for (Step &s : steps) {
            s.retry.maxRetries = 0;
            s.breaker.enabled = true;
            s.breaker.consecutiveFailures = 1;
        }
        GatewayUnderTest gateway;
        QVERIFY(gateway.start(llmConfig(
            {fakeProvider(QStringLiteral("a"), first), fakeProvider(QStringLiteral("b"), second)}, steps, policy())));

        const auto failed = gateway.chat(false);
        QVERIFY(failed);
        QCOMPARE(failed->status, 502);
        for (const BreakerSnapshot &b : gateway.engine().services().breakers.snapshot())
            QCOMPARE(b.state, BreakerState::Open);

        const auto r = gateway.chat(false);
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QCOMPARE(completionText(r->body), QStringLiteral("first recovered"));
        QCOMPARE(first.requestCount(), 2);
        QCOMPARE(second.requestCount(), 1);
    }

    // The chain deadline bounds everything: two silent upstreams whose
    // first-byte timeouts add up to more than the deadline (2 x 3000 ms vs
    // 3500 ms): the second attempt is clipped and the client gets a 504 at
    // the deadline, well before the unclipped 6 s.
    void deadlineBoundsSilentUpstreams()
    {
        FakeLlmUpstream first;
        FakeLlmUpstream second;
        QVERIFY(first.start() && second.start());
        first.setDefault(FakeReply::silent());
        second.setDefault(FakeReply::silent());
        std::vector<Step> steps{providerStep(QStringLiteral("a"), QStringLiteral("m1")),
                                providerStep(QStringLiteral("b"), QStringLiteral("m2"))};
        for (Step &s : steps) {
            s.timeouts.connectMs = 300;
            s.timeouts.firstByteMs = 3000;
        }
        ChainPolicy shortDeadline = policy();
        shortDeadline.deadlineMs = 3500;
        GatewayUnderTest gateway;
        QVERIFY(gateway.start(
            llmConfig({fakeProvider(QStringLiteral("a"), first), fakeProvider(QStringLiteral("b"), second)}, steps,
                      shortDeadline)));

        // Sanity bound only: the deadline + 2 s.
        const auto r = gateway.chat(false, "hello", shortDeadline.deadlineMs + 2000);
        QVERIFY2(r, "no answer by the chain deadline");
        QCOMPARE(r->status, 504);
        QVERIFY(!errorOf(*r).value(QStringLiteral("message")).toString().isEmpty());
        QCOMPARE(first.requestCount(), 1);
        QCOMPARE(second.requestCount(), 1);
    }

    // A chain with nothing left answers in the OpenAI error shape with the
    // status that says why: 502 bad answers, 504 timeouts, 503 shedding.
    void exhaustedChainStatus_data()
    {
        QTest::addColumn<int>("fault"); // 0 = 500s, 1 = silence, 2 = 429s
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("fallback");
        QTest::newRow("upstreams answered badly") << 0 << 502 << QByteArray("status_5xx,status_5xx");
        QTest::newRow("upstreams timed out") << 1 << 504 << QByteArray("first_byte_timeout,first_byte_timeout");
        QTest::newRow("upstreams shedding load") << 2 << 503 << QByteArray("status_429,status_429");
    }

    void exhaustedChainStatus()
    {
        QFETCH(int, fault);
        QFETCH(int, status);
        QFETCH(QByteArray, fallback);
        FakeLlmUpstream first;
        FakeLlmUpstream second;
        QVERIFY(first.start() && second.start());
        const FakeReply reply = fault == 0   ? FakeReply::error(500, "internal error at 10.1.2.3")
                                : fault == 1 ? FakeReply::silent()
                                             : FakeReply::error(429, "Rate limit reached", "requests");
        first.setDefault(reply);
        second.setDefault(reply);
        std::vector<Step> steps{providerStep(QStringLiteral("a"), QStringLiteral("m1")),
                                providerStep(QStringLiteral("b"), QStringLiteral("m2"))};
        for (Step &s : steps) {
            s.retry.maxRetries = 0;
            s.timeouts.firstByteMs = 300;
        }
        GatewayUnderTest gateway;
        QVERIFY(gateway.start(llmConfig(
            {fakeProvider(QStringLiteral("a"), first), fakeProvider(QStringLiteral("b"), second)}, steps, policy())));

        const auto r = gateway.chat(false, "hello", kDeadlineMs + 2000);
        QVERIFY(r);
        QCOMPARE(r->status, status);
        QVERIFY(r->header("content-type").startsWith("application/json"));
        const QJsonObject error = errorOf(*r);
        QVERIFY2(!error.value(QStringLiteral("message")).toString().isEmpty(), r->body.constData());
        QVERIFY2(!error.value(QStringLiteral("type")).toString().isEmpty(), r->body.constData());
        QVERIFY(!r->header("x-understudy-request-id").isEmpty());
        QCOMPARE(error.value(QStringLiteral("request_id")).toString().toLatin1(), r->header("x-understudy-request-id"));
        QCOMPARE(r->header("x-understudy-fallback"), fallback);
        QCOMPARE(r->header("x-understudy-attempts"), QByteArray("2"));
        if (status == 503)
            QVERIFY(!r->header("retry-after").isEmpty());
        // Never leaks upstream addresses or what they said about themselves.
        QVERIFY(!r->body.contains("127.0.0.1"));
        QVERIFY(!r->body.contains("10.1.2.3"));
        QCOMPARE(first.requestCount(), 1);
        QCOMPARE(second.requestCount(), 1);
    }
};

QTEST_GUILESS_MAIN(TestFallbackBreaker)
#include "tst_fallback_breaker.moc"
