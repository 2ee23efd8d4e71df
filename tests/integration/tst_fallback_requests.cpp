// Issue 4, fault scenarios on non-streamed chat completions (1-6, 12, 13,
// 16): the real engine on loopback against FakeLlmUpstream. Each test
// asserts what the client received AND what every fake saw.

#include "FakeLlmUpstream.h"
#include "engine/Engine.h"

#include <QJsonArray>
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

QJsonObject jsonOf(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object();
}

// The OpenAI error shape with the request id of the response.
bool isOpenAiError(const TestResponse &r)
{
    const QJsonObject error = jsonOf(r.body).value(QStringLiteral("error")).toObject();
    return !error.value(QStringLiteral("message")).toString().isEmpty() &&
           !error.value(QStringLiteral("type")).toString().isEmpty() &&
           !r.header("x-understudy-request-id").isEmpty() &&
           error.value(QStringLiteral("request_id")).toString().toLatin1() == r.header("x-understudy-request-id");
}

} // namespace

class TestFallbackRequests final : public QObject
{
    Q_OBJECT

private slots:
    // 1. 429 with Retry-After: 2 once: waits about 2 s and succeeds on the
    // same target; never hammers, never moves on.
    void retryAfterIsHonouredOnTheSameTarget()
    {
        FakeLlmUpstream primary;
        FakeLlmUpstream secondary;
        QVERIFY(primary.start() && secondary.start());
        primary.push(
            FakeReply::error(429, "Rate limit reached", "requests", "rate_limit_exceeded", {{"Retry-After", "2"}}));
        primary.setDefault(FakeReply::completion("big", "hi from primary"));
        secondary.setDefault(FakeReply::completion("small", "from secondary"));
        GatewayUnderTest gateway;
        QVERIFY(gateway.start(
            llmConfig({fakeProvider(QStringLiteral("p"), primary), fakeProvider(QStringLiteral("s"), secondary)},
                      {providerStep(QStringLiteral("p"), QStringLiteral("big")),
                       providerStep(QStringLiteral("s"), QStringLiteral("small"))},
                      policy())));

        const auto r = gateway.chat(false, "hello", kDeadlineMs + 2000);
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QCOMPARE(completionText(r->body), QStringLiteral("hi from primary"));
        QCOMPARE(r->header("x-understudy-served-by"), QByteArray("chat/steps[0] p/big"));
        QCOMPARE(r->header("x-understudy-attempts"), QByteArray("2"));
        QCOMPARE(r->header("x-understudy-fallback"), QByteArray("status_429"));

        QCOMPARE(primary.requestCount(), 2);
        QVERIFY2(primary.gapBefore(1) >= 1500, qPrintable(QString::number(primary.gapBefore(1))));
        QCOMPARE(primary.seen().at(1).model(), QStringLiteral("big"));
        QCOMPARE(secondary.requestCount(), 0);
    }

    // 1b. A Retry-After longer than the step's cap is not waited for: the
    // next step answers at once (the client's wait is far below 30 s).
    void retryAfterOverTheCapMovesOnAtOnce()
    {
        FakeLlmUpstream primary;
        FakeLlmUpstream secondary;
        QVERIFY(primary.start() && secondary.start());
        primary.setDefault(
            FakeReply::error(429, "Rate limit reached", "requests", "rate_limit_exceeded", {{"Retry-After", "30"}}));
        secondary.setDefault(FakeReply::completion("small", "from secondary"));
        GatewayUnderTest gateway;
        QVERIFY(gateway.start(
            llmConfig({fakeProvider(QStringLiteral("p"), primary), fakeProvider(QStringLiteral("s"), secondary)},
                      {providerStep(QStringLiteral("p"), QStringLiteral("big")),
                       providerStep(QStringLiteral("s"), QStringLiteral("small"))},
                      policy())));

        const auto r = gateway.chat(false, "hello", 5000);
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QCOMPARE(completionText(r->body), QStringLiteral("from secondary"));
        QCOMPARE(r->header("x-understudy-fallback"), QByteArray("status_429"));
        QCOMPARE(primary.requestCount(), 1);
        QCOMPARE(secondary.requestCount(), 1);
    }

    // 2. 429 forever without Retry-After: backoff between attempts, a
    // bounded number of them, then the next step answers.
    void rateLimitedForeverBacksOffThenMovesOn()
    {
        FakeLlmUpstream primary;
        FakeLlmUpstream secondary;
        QVERIFY(primary.start() && secondary.start());
        primary.setDefault(FakeReply::error(429, "Rate limit reached", "requests", "rate_limit_exceeded"));
        secondary.setDefault(FakeReply::completion("small", "from secondary"));
        Step first = providerStep(QStringLiteral("p"), QStringLiteral("big"));
        first.retry.maxRetries = 3;
        first.retry.backoffBaseMs = 50;
        first.retry.backoffCapMs = 200;
        GatewayUnderTest gateway;
        QVERIFY(gateway.start(
            llmConfig({fakeProvider(QStringLiteral("p"), primary), fakeProvider(QStringLiteral("s"), secondary)},
                      {first, providerStep(QStringLiteral("s"), QStringLiteral("small"))}, policy())));

        const auto r = gateway.chat(false, "hello", kDeadlineMs + 2000);
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QCOMPARE(completionText(r->body), QStringLiteral("from secondary"));
        QCOMPARE(r->header("x-understudy-served-by"), QByteArray("chat/steps[1] s/small"));

        // Bounded: the first attempt plus at most max_retries, never a loop.
        QVERIFY2(primary.requestCount() >= 1 && primary.requestCount() <= 1 + first.retry.maxRetries,
                 qPrintable(QString::number(primary.requestCount())));
        for (qsizetype i = 1; i < primary.requestCount(); ++i)
            QVERIFY2(primary.gapBefore(i) >= 1, "a retry without any backoff");
        QCOMPARE(secondary.requestCount(), 1);
        QVERIFY(r->header("x-understudy-fallback").startsWith("status_429"));
        QCOMPARE(r->header("x-understudy-attempts"), QByteArray::number(primary.requestCount() + 1));
    }

    // 3. 500 once: one retry on the same target succeeds.
    void serverErrorOnceIsRetriedOnTheSameTarget()
    {
        FakeLlmUpstream primary;
        FakeLlmUpstream secondary;
        QVERIFY(primary.start() && secondary.start());
        primary.push(FakeReply::error(500, "The server had an error"));
        primary.setDefault(FakeReply::completion("big", "second try"));
        GatewayUnderTest gateway;
        QVERIFY(gateway.start(
            llmConfig({fakeProvider(QStringLiteral("p"), primary), fakeProvider(QStringLiteral("s"), secondary)},
                      {providerStep(QStringLiteral("p"), QStringLiteral("big")),
                       providerStep(QStringLiteral("s"), QStringLiteral("small"))},
                      policy())));

        const auto r = gateway.chat(false);
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QCOMPARE(completionText(r->body), QStringLiteral("second try"));
        QCOMPARE(r->header("x-understudy-served-by"), QByteArray("chat/steps[0] p/big"));
        QCOMPARE(r->header("x-understudy-attempts"), QByteArray("2"));
        QCOMPARE(r->header("x-understudy-fallback"), QByteArray("status_5xx"));
        QCOMPARE(primary.requestCount(), 2);
        QVERIFY(primary.gapBefore(1) >= 1); // backoff, however short
        QCOMPARE(secondary.requestCount(), 0);
    }

    // 4. 503 forever: bounded retries (exactly max_retries), then the next
    // step answers.
    void persistent503RetriesBoundedThenNextStep()
    {
        FakeLlmUpstream primary;
        FakeLlmUpstream secondary;
        QVERIFY(primary.start() && secondary.start());
        primary.setDefault(FakeReply::error(503, "overloaded"));
        secondary.setDefault(FakeReply::completion("small", "from secondary"));
        GatewayUnderTest gateway;
        QVERIFY(gateway.start(
            llmConfig({fakeProvider(QStringLiteral("p"), primary), fakeProvider(QStringLiteral("s"), secondary)},
                      {providerStep(QStringLiteral("p"), QStringLiteral("big")),
                       providerStep(QStringLiteral("s"), QStringLiteral("small"))},
                      policy())));

        const auto r = gateway.chat(false);
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QCOMPARE(completionText(r->body), QStringLiteral("from secondary"));
        QCOMPARE(primary.requestCount(), 3); // the first attempt + max_retries (2)
        for (qsizetype i = 1; i < primary.requestCount(); ++i)
            QVERIFY(primary.gapBefore(i) >= 1);
        QCOMPARE(secondary.requestCount(), 1);
        QCOMPARE(r->header("x-understudy-served-by"), QByteArray("chat/steps[1] s/small"));
        QCOMPARE(r->header("x-understudy-attempts"), QByteArray("4"));
        QCOMPARE(r->header("x-understudy-fallback"), QByteArray("status_5xx,status_5xx,status_5xx"));
    }

    // 5. TCP reset before the response head, once: retried, answered.
    void resetBeforeHeadersIsRetried()
    {
        FakeLlmUpstream primary;
        FakeLlmUpstream secondary;
        QVERIFY(primary.start() && secondary.start());
        primary.push(FakeReply::reset());
        primary.setDefault(FakeReply::completion("big", "after reset"));
        GatewayUnderTest gateway;
        QVERIFY(gateway.start(
            llmConfig({fakeProvider(QStringLiteral("p"), primary), fakeProvider(QStringLiteral("s"), secondary)},
                      {providerStep(QStringLiteral("p"), QStringLiteral("big")),
                       providerStep(QStringLiteral("s"), QStringLiteral("small"))},
                      policy())));

        const auto r = gateway.chat(false);
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QCOMPARE(completionText(r->body), QStringLiteral("after reset"));
        QCOMPARE(r->header("x-understudy-served-by"), QByteArray("chat/steps[0] p/big"));
        QCOMPARE(r->header("x-understudy-fallback"), QByteArray("reset_before_response"));
        QCOMPARE(primary.requestCount(), 2);
        QCOMPARE(secondary.requestCount(), 0);
        // The next request is served normally: no poisoned pooled connection.
        const auto again = gateway.chat(false);
        QVERIFY(again);
        QCOMPARE(again->status, 200);
        QCOMPARE(again->header("x-understudy-fallback"), QByteArray("none"));
    }

    // 6. Accepts and never answers: the first-byte timeout (300 ms here)
    // fires, the silent target is not waited on again, the next step answers
    // within the deadline.
    void silentTargetIsNotRewaited()
    {
        FakeLlmUpstream primary;
        FakeLlmUpstream secondary;
        QVERIFY(primary.start() && secondary.start());
        primary.setDefault(FakeReply::silent());
        secondary.setDefault(FakeReply::completion("small", "quick"));
        Step first = providerStep(QStringLiteral("p"), QStringLiteral("big"));
        first.timeouts.firstByteMs = 300;
        GatewayUnderTest gateway;
        QVERIFY(gateway.start(
            llmConfig({fakeProvider(QStringLiteral("p"), primary), fakeProvider(QStringLiteral("s"), secondary)},
                      {first, providerStep(QStringLiteral("s"), QStringLiteral("small"))}, policy())));

        const auto r = gateway.chat(false, "hello", kDeadlineMs + 2000);
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QCOMPARE(completionText(r->body), QStringLiteral("quick"));
        QCOMPARE(r->header("x-understudy-served-by"), QByteArray("chat/steps[1] s/small"));
        QCOMPARE(r->header("x-understudy-fallback"), QByteArray("first_byte_timeout"));
        QCOMPARE(primary.requestCount(), 1);
        QCOMPARE(secondary.requestCount(), 1);
        const qint64 waited = secondary.seen().at(0).atMs - primary.seen().at(0).atMs;
        QVERIFY2(waited >= 250, qPrintable(QString::number(waited)));
    }

    // 12. 400 context_length_exceeded: never resent to the same model (not
    // retried, and a later step with the same target is skipped); a
    // larger-context step answers.
    void contextLengthMovesToALargerModel()
    {
        FakeLlmUpstream small;
        FakeLlmUpstream large;
        QVERIFY(small.start() && large.start());
        small.setDefault(FakeReply::error(400,
                                          "This model's maximum context length is 8192 tokens. However, your "
                                          "messages resulted in 9000 tokens.",
                                          "invalid_request_error", "context_length_exceeded"));
        large.setDefault(FakeReply::completion("large-128k", "fits"));
        Step first = providerStep(QStringLiteral("small"), QStringLiteral("small-8k"));
        first.retry.maxRetries = 3;
        Step sameModelAgain = providerStep(QStringLiteral("small"), QStringLiteral("small-8k"));
        GatewayUnderTest gateway;
        QVERIFY(gateway.start(llmConfig(
            {fakeProvider(QStringLiteral("small"), small, {modelInfo(QStringLiteral("small-8k"), false, 8192)}),
             fakeProvider(QStringLiteral("large"), large, {modelInfo(QStringLiteral("large-128k"), false, 128000)})},
            {first, sameModelAgain, providerStep(QStringLiteral("large"), QStringLiteral("large-128k"))}, policy())));

        const auto r = gateway.chat(false);
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QCOMPARE(completionText(r->body), QStringLiteral("fits"));
        QCOMPARE(r->header("x-understudy-served-by"), QByteArray("chat/steps[2] large/large-128k"));
        QCOMPARE(small.requestCount(), 1);
        QCOMPARE(large.requestCount(), 1);
        QCOMPARE(large.seen().at(0).model(), QStringLiteral("large-128k"));
        QVERIFY(r->header("x-understudy-fallback").startsWith("context_length_exceeded"));
    }

    // 13. 400 content policy: not retried, not passed down the chain; the
    // provider's reason reaches the client in the OpenAI error shape.
    void contentPolicyStopsWithTheProvidersReason()
    {
        FakeLlmUpstream primary;
        FakeLlmUpstream secondary;
        QVERIFY(primary.start() && secondary.start());
        primary.setDefault(FakeReply::error(400, "Your request was rejected as a result of our safety system.",
                                            "invalid_request_error", "content_policy_violation"));
        secondary.setDefault(FakeReply::completion("small", "should not be asked"));
        GatewayUnderTest gateway;
        QVERIFY(gateway.start(
            llmConfig({fakeProvider(QStringLiteral("p"), primary), fakeProvider(QStringLiteral("s"), secondary)},
                      {providerStep(QStringLiteral("p"), QStringLiteral("big")),
                       providerStep(QStringLiteral("s"), QStringLiteral("small"))},
                      policy())));

        const auto r = gateway.chat(false);
        QVERIFY(r);
        QCOMPARE(r->status, 400);
        QVERIFY2(isOpenAiError(*r), r->body.constData());
        const QJsonObject error = jsonOf(r->body).value(QStringLiteral("error")).toObject();
        QVERIFY2(error.value(QStringLiteral("message")).toString().contains(QStringLiteral("safety system")),
                 r->body.constData());
        QVERIFY(!r->body.contains("127.0.0.1"));
        QCOMPARE(primary.requestCount(), 1);
        QCOMPARE(secondary.requestCount(), 0);
    }

    // 16. Persistent 503 on the primary, the fallback answers: model and
    // usage are the fallback's, and the trail shows the failed attempts.
    void fallbackAnswerIsAttributedToTheFallback()
    {
        FakeLlmUpstream primary;
        FakeLlmUpstream secondary;
        QVERIFY(primary.start() && secondary.start());
        primary.setDefault(FakeReply::error(503, "overloaded"));
        secondary.setDefault(FakeReply::completion("small-2024", "from the fallback", 21, 9));
        GatewayUnderTest gateway;
        QVERIFY(gateway.start(
            llmConfig({fakeProvider(QStringLiteral("p"), primary), fakeProvider(QStringLiteral("s"), secondary)},
                      {providerStep(QStringLiteral("p"), QStringLiteral("big")),
                       providerStep(QStringLiteral("s"), QStringLiteral("small"))},
                      policy())));

        const auto r = gateway.chat(false);
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        const QJsonObject body = jsonOf(r->body);
        QCOMPARE(body.value(QStringLiteral("model")).toString(), QStringLiteral("small-2024"));
        const QJsonObject usage = body.value(QStringLiteral("usage")).toObject();
        QCOMPARE(usage.value(QStringLiteral("prompt_tokens")).toInt(), 21);
        QCOMPARE(usage.value(QStringLiteral("completion_tokens")).toInt(), 9);
        QCOMPARE(r->header("x-understudy-served-by"), QByteArray("chat/steps[1] s/small"));
        QCOMPARE(secondary.seen().at(0).model(), QStringLiteral("small"));
        QCOMPARE(primary.seen().at(0).model(), QStringLiteral("big"));

        QTRY_COMPARE_WITH_TIMEOUT(gateway.trailCount(), 1, 5000);
        const RequestTrail trail = gateway.trails().front();
        QCOMPARE(trail.status, 200);
        QCOMPARE(trail.servedModel, QStringLiteral("small-2024"));
        QCOMPARE(trail.promptTokens, 21);
        QCOMPARE(trail.completionTokens, 9);
        QCOMPARE(trail.fallbackDepth, 1);
        QCOMPARE(int(trail.attempts.size()), int(primary.requestCount()) + 1);
        for (size_t i = 0; i + 1 < trail.attempts.size(); ++i) {
            const AttemptRecord &failed = trail.attempts[i];
            QCOMPARE(failed.stepPath, QStringLiteral("chat/steps[0]"));
            QCOMPARE(failed.target, QStringLiteral("p/big"));
            QCOMPARE(failed.outcome, OutcomeClass::Status5xx);
            QCOMPARE(failed.upstreamStatus, 503);
        }
        const AttemptRecord &served = trail.attempts.back();
        QCOMPARE(served.target, QStringLiteral("s/small"));
        QCOMPARE(served.outcome, OutcomeClass::Ok);
        QCOMPARE(served.upstreamStatus, 200);
    }
};

QTEST_GUILESS_MAIN(TestFallbackRequests)
#include "tst_fallback_requests.moc"
