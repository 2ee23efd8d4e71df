// Issue 4, fault scenarios on streamed chat completions (7-11, 14): the
// commit point, mid-stream `continue` with an assistant prefill, mid-stream
// `error`, stalls, malformed events and a missing [DONE]. A truncated answer
// must never reach the client as a success.

#include "FakeLlmUpstream.h"
#include "engine/Engine.h"

#include <QJsonObject>
#include <QTest>

using namespace understudy;
using namespace understudy::test;

namespace {

constexpr int kDeadlineMs = 10'000;

const QList<QByteArray> kAnswer = {"one ", "two ", "three ", "four ", "five"};
const QList<QByteArray> kContinuation = {"three ", "four ", "five"};

ChainPolicy policy(MidStreamPolicy midStream = MidStreamPolicy::Error)
{
    ChainPolicy p;
    p.deadlineMs = kDeadlineMs;
    p.midStream = midStream;
    return p;
}

// A stream that failed after its commit point: well-formed events, the text
// streamed so far, one error event, and no success terminator.
void verifyCleanErrorEnding(const TestResponse &r, const QString &streamedSoFar)
{
    QCOMPARE(r.status, 200); // committed with the first content event
    QVERIFY(r.chunked);
    const SseBody sse = SseBody::parse(r.body);
    QVERIFY2(sse.allJson(), r.body.constData());
    QCOMPARE(sse.text(), streamedSoFar);
    QVERIFY2(!sse.error().value(QStringLiteral("message")).toString().isEmpty(), r.body.constData());
    QVERIFY2(!r.body.contains("[DONE]"), r.body.constData());
    QVERIFY2(sse.finishReason().isEmpty() || sse.finishReason() == QStringLiteral("error"), r.body.constData());
}

void verifyCompleteStream(const TestResponse &r, const QString &text)
{
    QCOMPARE(r.status, 200);
    QVERIFY(r.header("content-type").startsWith("text/event-stream"));
    const SseBody sse = SseBody::parse(r.body);
    QVERIFY2(sse.allJson(), r.body.constData());
    QCOMPARE(sse.text(), text);
    QVERIFY2(sse.error().isEmpty(), r.body.constData());
    QVERIFY2(sse.endsWithDone(), r.body.constData());
    QCOMPARE(sse.doneCount(), 1);
    QCOMPARE(sse.finishReason(), QStringLiteral("stop"));
}

} // namespace

class TestFallbackStream final : public QObject
{
    Q_OBJECT

private slots:
    // 7. Slow first token (scaled down from "first event after 20 s, TTFT
    // limit 10 s" to a first content event after 3 s with a 500 ms limit):
    // the head arrives at once, the TTFT limit fires, the next step answers.
    void slowFirstTokenMovesOn()
    {
        FakeLlmUpstream primary;
        FakeLlmUpstream secondary;
        QVERIFY(primary.start() && secondary.start());
        FakeReply slow = FakeReply::stream("big", kAnswer);
        slow.firstContentDelayMs = 3000;
        primary.setDefault(slow);
        secondary.setDefault(FakeReply::stream("small", {"on ", "time"}));
        Step first = providerStep(QStringLiteral("p"), QStringLiteral("big"));
        first.timeouts.firstByteMs = 500;
        GatewayUnderTest gateway;
        QVERIFY(gateway.start(
            llmConfig({fakeProvider(QStringLiteral("p"), primary), fakeProvider(QStringLiteral("s"), secondary)},
                      {first, providerStep(QStringLiteral("s"), QStringLiteral("small"))}, policy())));

        const auto r = gateway.chat(true, "hello", kDeadlineMs + 2000);
        QVERIFY(r);
        verifyCompleteStream(*r, QStringLiteral("on time"));
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(r->header("x-understudy-served-by"), QByteArray("chat/steps[1] s/small"));
        QCOMPARE(r->header("x-understudy-fallback"), QByteArray("first_byte_timeout"));
        QCOMPARE(primary.requestCount(), 1);
        QCOMPARE(secondary.requestCount(), 1);
        const qint64 waited = secondary.seen().at(0).atMs - primary.seen().at(0).atMs;
        QVERIFY2(waited >= 450, qPrintable(QString::number(waited)));
    }

    // 8a. Cut mid-answer without a finish reason, policy `continue`, the
    // next target declares prefill: the client receives the whole answer.
    void cutStreamContinuesWithPrefill()
    {
        FakeLlmUpstream primary;
        FakeLlmUpstream secondary;
        QVERIFY(primary.start() && secondary.start());
        primary.setDefault(FakeReply::truncatedStream("big", kAnswer, 2, FakeReply::Ending::Cut));
        secondary.setDefault(FakeReply::stream("small", kContinuation));
        GatewayUnderTest gateway;
        QVERIFY(gateway.start(
            llmConfig({fakeProvider(QStringLiteral("p"), primary),
                       fakeProvider(QStringLiteral("s"), secondary, {modelInfo(QStringLiteral("small"), true)})},
                      {providerStep(QStringLiteral("p"), QStringLiteral("big")),
                       providerStep(QStringLiteral("s"), QStringLiteral("small"))},
                      policy(MidStreamPolicy::Continue))));

        const auto r = gateway.chat(true);
        QVERIFY(r);
        verifyCompleteStream(*r, QStringLiteral("one two three four five"));
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(primary.requestCount(), 1);
        QCOMPARE(secondary.requestCount(), 1);
        // The continuation carries the streamed text as an assistant prefill.
        const SeenRequest &continuation = secondary.seen().at(0);
        QCOMPARE(continuation.model(), QStringLiteral("small"));
        const QList<QJsonObject> messages = continuation.messages();
        QVERIFY(!messages.isEmpty());
        QCOMPARE(messages.last().value(QStringLiteral("role")).toString(), QStringLiteral("assistant"));
        QCOMPARE(messages.last().value(QStringLiteral("content")).toString(), QStringLiteral("one two "));
        QCOMPARE(messages.first().value(QStringLiteral("content")).toString(), QStringLiteral("hello"));

        QTRY_COMPARE_WITH_TIMEOUT(gateway.trailCount(), 1, 5000);
        const RequestTrail trail = gateway.trails().front();
        QCOMPARE(trail.attempts.front().outcome, OutcomeClass::Truncated);
        QCOMPARE(trail.outcome, OutcomeClass::Ok);
    }

    // 8b. The same cut under the default `error` policy: the streamed text,
    // then a clean error event, never a truncated success; nothing else is
    // asked.
    void cutStreamEndsWithAnErrorEvent()
    {
        FakeLlmUpstream primary;
        FakeLlmUpstream secondary;
        QVERIFY(primary.start() && secondary.start());
        primary.setDefault(FakeReply::truncatedStream("big", kAnswer, 2, FakeReply::Ending::Cut));
        secondary.setDefault(FakeReply::stream("small", kContinuation));
        GatewayUnderTest gateway;
        QVERIFY(gateway.start(
            llmConfig({fakeProvider(QStringLiteral("p"), primary),
                       fakeProvider(QStringLiteral("s"), secondary, {modelInfo(QStringLiteral("small"), true)})},
                      {providerStep(QStringLiteral("p"), QStringLiteral("big")),
                       providerStep(QStringLiteral("s"), QStringLiteral("small"))},
                      policy(MidStreamPolicy::Error))));

        const auto r = gateway.chat(true);
        QVERIFY2(r, "the client must get a complete (error-terminated) stream");
        verifyCleanErrorEnding(*r, QStringLiteral("one two "));
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(primary.requestCount(), 1);
        QCOMPARE(secondary.requestCount(), 0);
    }

    // 8c. `continue` with no prefill-capable target left falls back to
    // `error`: the next target is not asked to continue.
    void cutStreamWithoutPrefillTargetEndsWithAnErrorEvent()
    {
        FakeLlmUpstream primary;
        FakeLlmUpstream secondary;
        QVERIFY(primary.start() && secondary.start());
        primary.setDefault(FakeReply::truncatedStream("big", kAnswer, 2, FakeReply::Ending::Cut));
        secondary.setDefault(FakeReply::stream("small", kAnswer));
        GatewayUnderTest gateway;
        QVERIFY(gateway.start(
            llmConfig({fakeProvider(QStringLiteral("p"), primary),
                       fakeProvider(QStringLiteral("s"), secondary, {modelInfo(QStringLiteral("small"), false)})},
                      {providerStep(QStringLiteral("p"), QStringLiteral("big")),
                       providerStep(QStringLiteral("s"), QStringLiteral("small"))},
                      policy(MidStreamPolicy::Continue))));

        const auto r = gateway.chat(true);
        QVERIFY(r);
        verifyCleanErrorEnding(*r, QStringLiteral("one two "));
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(secondary.requestCount(), 0);
    }

    // 9a. A stream stalls mid-answer: the idle timeout (300 ms) detects it,
    // `continue` completes the answer on the prefill-capable next target.
    void stalledStreamContinuesWithPrefill()
    {
        FakeLlmUpstream primary;
        FakeLlmUpstream secondary;
        QVERIFY(primary.start() && secondary.start());
        primary.setDefault(FakeReply::truncatedStream("big", kAnswer, 2, FakeReply::Ending::Stall));
        secondary.setDefault(FakeReply::stream("small", kContinuation));
        Step first = providerStep(QStringLiteral("p"), QStringLiteral("big"));
        first.timeouts.idleMs = 300;
        GatewayUnderTest gateway;
        QVERIFY(gateway.start(llmConfig(
            {fakeProvider(QStringLiteral("p"), primary),
             fakeProvider(QStringLiteral("s"), secondary, {modelInfo(QStringLiteral("small"), true)})},
            {first, providerStep(QStringLiteral("s"), QStringLiteral("small"))}, policy(MidStreamPolicy::Continue))));

        const auto r = gateway.chat(true, "hello", kDeadlineMs + 2000);
        QVERIFY(r);
        verifyCompleteStream(*r, QStringLiteral("one two three four five"));
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(secondary.requestCount(), 1);
        const qint64 waited = secondary.seen().at(0).atMs - primary.seen().at(0).atMs;
        QVERIFY2(waited >= 300, qPrintable(QString::number(waited)));
        QCOMPARE(secondary.seen().at(0).messages().last().value(QStringLiteral("content")).toString(),
                 QStringLiteral("one two "));
        // The stalled upstream connection is closed, not leaked.
        QTRY_COMPARE_WITH_TIMEOUT(primary.openConnections(), 0, 5000);
    }

    // 9b. A stall under the `error` policy: a clean error event; the stalled
    // connection is released and the gateway serves the next request.
    void stalledStreamEndsWithAnErrorEventAndTheGatewayStaysHealthy()
    {
        FakeLlmUpstream primary;
        QVERIFY(primary.start());
        primary.push(FakeReply::truncatedStream("big", kAnswer, 2, FakeReply::Ending::Stall));
        primary.setDefault(FakeReply::stream("big", kAnswer));
        Step only = providerStep(QStringLiteral("p"), QStringLiteral("big"));
        only.timeouts.idleMs = 300;
        GatewayUnderTest gateway;
        QVERIFY(gateway.start(llmConfig({fakeProvider(QStringLiteral("p"), primary)}, {only}, policy())));

        const auto r = gateway.chat(true, "hello", kDeadlineMs + 2000);
        QVERIFY2(r, "the client must get a complete (error-terminated) stream");
        verifyCleanErrorEnding(*r, QStringLiteral("one two "));
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(primary.requestCount(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(primary.openConnections(), 0, 5000);

        const auto next = gateway.chat(true);
        QVERIFY(next);
        verifyCompleteStream(*next, QStringLiteral("one two three four five"));
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(primary.requestCount(), 2);
    }

    // 10. One malformed event inside a healthy stream: dropped, not
    // forwarded; the client gets the complete answer from the same target.
    void malformedEventIsDropped()
    {
        FakeLlmUpstream primary;
        FakeLlmUpstream secondary;
        QVERIFY(primary.start() && secondary.start());
        FakeReply reply = FakeReply::stream("big", {"alpha ", "beta ", "gamma"});
        reply.events.insert(2, "{\"choices\":[{\"delta\":{\"content\":\"bro");
        primary.setDefault(reply);
        GatewayUnderTest gateway;
        QVERIFY(gateway.start(
            llmConfig({fakeProvider(QStringLiteral("p"), primary), fakeProvider(QStringLiteral("s"), secondary)},
                      {providerStep(QStringLiteral("p"), QStringLiteral("big")),
                       providerStep(QStringLiteral("s"), QStringLiteral("small"))},
                      policy())));

        const auto r = gateway.chat(true);
        QVERIFY(r);
        verifyCompleteStream(*r, QStringLiteral("alpha beta gamma"));
        if (QTest::currentTestFailed())
            return;
        QVERIFY(!r->body.contains("bro"));
        QCOMPARE(r->header("x-understudy-served-by"), QByteArray("chat/steps[0] p/big"));
        QCOMPARE(primary.requestCount(), 1);
        QCOMPARE(secondary.requestCount(), 0);
    }

    // 11. A finish reason but no [DONE]: the answer is complete at once,
    // with the usage the upstream reported.
    void finishWithoutDoneIsComplete_data()
    {
        // The idle timeout is 30 s and the client waits 10 s: a gateway that
        // waits for [DONE] (or for the idle timeout) misses the client's wait.
        QTest::addColumn<int>("ending");
        QTest::newRow("body ends without [DONE]") << int(FakeReply::Ending::NoDone);
        QTest::newRow("connection closes after the finish") << int(FakeReply::Ending::Cut);
        QTest::newRow("upstream goes quiet after the finish") << int(FakeReply::Ending::Stall);
    }

    void finishWithoutDoneIsComplete()
    {
        QFETCH(int, ending);
        FakeLlmUpstream primary;
        FakeLlmUpstream secondary;
        QVERIFY(primary.start() && secondary.start());
        FakeReply reply = FakeReply::stream("big", {"complete ", "answer"});
        reply.ending = FakeReply::Ending(ending);
        primary.setDefault(reply);
        Step first = providerStep(QStringLiteral("p"), QStringLiteral("big"));
        first.timeouts.idleMs = 30'000;
        ChainPolicy longDeadline = policy();
        longDeadline.deadlineMs = 60'000;
        GatewayUnderTest gateway;
        QVERIFY(gateway.start(
            llmConfig({fakeProvider(QStringLiteral("p"), primary), fakeProvider(QStringLiteral("s"), secondary)},
                      {first, providerStep(QStringLiteral("s"), QStringLiteral("small"))}, longDeadline)));

        const auto r = gateway.chat(true, "hello", 10'000);
        QVERIFY2(r, "the stream was not finalised on its finish reason");
        QTRY_COMPARE_WITH_TIMEOUT(gateway.trailCount(), 1, 5000);
        const RequestTrail trail = gateway.trails().front();
        const QByteArray attempts = describeTrail(trail).toUtf8();
        QVERIFY2(trail.outcome == OutcomeClass::Ok, attempts.constData());
        verifyCompleteStream(*r, QStringLiteral("complete answer"));
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(SseBody::parse(r->body).usage().value(QStringLiteral("completion_tokens")).toInt(), 2);
        QCOMPARE(primary.requestCount(), 1);
        QCOMPARE(secondary.requestCount(), 0);
        QCOMPARE(trail.completionTokens, 2);
    }

    // 14a. Cut mid-stream, the next target rejects the prefill (400) and
    // nothing else is left: the client's final error names the interrupted
    // answer, not the prefill rejection.
    void prefillRejectionIsNotTheFinalError()
    {
        FakeLlmUpstream primary;
        FakeLlmUpstream secondary;
        QVERIFY(primary.start() && secondary.start());
        primary.setDefault(FakeReply::truncatedStream("big", kAnswer, 2, FakeReply::Ending::Cut));
        secondary.setDefault(
            FakeReply::error(400, "assistant prefill is not supported for this model", "invalid_request_error"));
        GatewayUnderTest gateway;
        QVERIFY(gateway.start(
            llmConfig({fakeProvider(QStringLiteral("p"), primary),
                       fakeProvider(QStringLiteral("s"), secondary, {modelInfo(QStringLiteral("small"), true)})},
                      {providerStep(QStringLiteral("p"), QStringLiteral("big")),
                       providerStep(QStringLiteral("s"), QStringLiteral("small"))},
                      policy(MidStreamPolicy::Continue))));

        const auto r = gateway.chat(true);
        QVERIFY(r);
        verifyCleanErrorEnding(*r, QStringLiteral("one two "));
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(secondary.requestCount(), 1);
        QVERIFY2(!r->body.contains("prefill is not supported"), r->body.constData());
        const QString message = SseBody::parse(r->body).error().value(QStringLiteral("message")).toString();
        QVERIFY2(message.contains(QStringLiteral("truncated")), qPrintable(message));
    }

    // 14b. The same rejection with one more prefill-capable step: the
    // rejection moves the continuation on and the client gets the whole answer.
    void prefillRejectionMovesTheContinuationOn()
    {
        FakeLlmUpstream primary;
        FakeLlmUpstream rejecting;
        FakeLlmUpstream third;
        QVERIFY(primary.start() && rejecting.start() && third.start());
        primary.setDefault(FakeReply::truncatedStream("big", kAnswer, 2, FakeReply::Ending::Cut));
        rejecting.setDefault(
            FakeReply::error(400, "assistant prefill is not supported for this model", "invalid_request_error"));
        third.setDefault(FakeReply::stream("other", kContinuation));
        GatewayUnderTest gateway;
        QVERIFY(gateway.start(
            llmConfig({fakeProvider(QStringLiteral("p"), primary),
                       fakeProvider(QStringLiteral("r"), rejecting, {modelInfo(QStringLiteral("small"), true)}),
                       fakeProvider(QStringLiteral("t"), third, {modelInfo(QStringLiteral("other"), true)})},
                      {providerStep(QStringLiteral("p"), QStringLiteral("big")),
                       providerStep(QStringLiteral("r"), QStringLiteral("small")),
                       providerStep(QStringLiteral("t"), QStringLiteral("other"))},
                      policy(MidStreamPolicy::Continue))));

        const auto r = gateway.chat(true);
        QVERIFY(r);
        verifyCompleteStream(*r, QStringLiteral("one two three four five"));
        if (QTest::currentTestFailed())
            return;
        QVERIFY(!r->body.contains("prefill is not supported"));
        QCOMPARE(rejecting.requestCount(), 1);
        QCOMPARE(third.requestCount(), 1);
        QCOMPARE(third.seen().at(0).messages().last().value(QStringLiteral("content")).toString(),
                 QStringLiteral("one two "));
    }
};

QTEST_GUILESS_MAIN(TestFallbackStream)
#include "tst_fallback_stream.moc"
