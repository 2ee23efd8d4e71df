// Fault scenarios of issue 4 through the real engine on loopback: what the
// client receives AND what each scripted upstream saw.

#include "RawClient.h"
#include "ScriptedUpstream.h"
#include "engine/Engine.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <memory>

using namespace understudy;
using understudy::test::Reply;
using understudy::test::ScriptedUpstream;

namespace {

Provider upstreamProvider(const QString &name, const ScriptedUpstream &fake, QList<ModelInfo> models = {})
{
    Provider p;
    p.name = name;
    p.kind = ProviderKind::OpenAICompatible;
    p.baseUrl = QString::fromLatin1(fake.baseUrl());
    p.models.assign(models.begin(), models.end());
    return p;
}

Step providerStep(const QString &provider, const QString &model, int firstByteMs = 5000)
{
    Step s;
    s.kind = StepKind::Provider;
    s.targets.push_back(Target{provider, model, 1, {}});
    s.timeouts.connectMs = 1000;
    s.timeouts.firstByteMs = firstByteMs;
    s.timeouts.idleMs = 2000;
    s.retry.backoffBaseMs = 20;
    s.retry.backoffCapMs = 100;
    s.breaker.enabled = false; // scenarios about breakers turn it on
    return s;
}

Config llmConfig(std::vector<Provider> providers, std::vector<Step> steps, MidStreamPolicy midStream = {})
{
    Config c;
    Listener l;
    l.name = QStringLiteral("default");
    l.port = 0;
    c.listeners.push_back(l);
    c.limits.workers = 1;
    c.providers = std::move(providers);
    Chain chain;
    chain.name = QStringLiteral("chat");
    chain.steps = std::move(steps);
    chain.policy.deadlineMs = 15000;
    chain.policy.midStream = midStream;
    c.chains.push_back(chain);
    Route r;
    r.name = QStringLiteral("chat");
    r.kind = RouteKind::Llm;
    r.chain = chain.name;
    r.match.pathMatch = PathMatch::Exact;
    r.match.path = QStringLiteral("/v1/chat/completions");
    c.routes.push_back(r);
    return c;
}

QByteArray chatRequest(bool stream, const QByteArray &content = "hello")
{
    const QByteArray body = "{\"model\":\"client-model\",\"stream\":" + QByteArray(stream ? "true" : "false") +
                            ",\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}";
    return "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " +
           QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

QJsonObject json(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object();
}

QString content(const QByteArray &body)
{
    return json(body)[QStringLiteral("choices")]
        .toArray()
        .at(0)
        .toObject()[QStringLiteral("message")]
        .toObject()[QStringLiteral("content")]
        .toString();
}

// Concatenated delta contents of an SSE body.
QString streamedText(const QByteArray &body)
{
    QString text;
    for (const QByteArray &line : body.split('\n')) {
        if (!line.startsWith("data: {"))
            continue;
        const QJsonObject chunk = json(line.mid(6));
        text += chunk[QStringLiteral("choices")]
                    .toArray()
                    .at(0)
                    .toObject()[QStringLiteral("delta")]
                    .toObject()[QStringLiteral("content")]
                    .toString();
    }
    return text;
}

} // namespace

class TestFallback final : public QObject
{
    Q_OBJECT

private:
    std::optional<TestResponse> send(const Config &config, bool stream, int timeoutMs = 30000)
    {
        m_engine = std::make_unique<Engine>();
        auto started = m_engine->start(std::make_shared<Config>(config));
        if (!started.ok()) {
            qWarning("%s", qPrintable(started.error().message));
            return std::nullopt;
        }
        RawClient client(m_engine->port(QStringLiteral("default")));
        client.send(chatRequest(stream));
        return client.next(false, timeoutMs);
    }

private slots:
    void cleanup() { m_engine.reset(); }

    // 1. 429 with Retry-After: 2 once: waits ~2 s, same target succeeds.
    void retryAfterIsHonoured()
    {
        ScriptedUpstream primary;
        QVERIFY(primary.start());
        primary.script.push_back(
            Reply::error(429, "{\"error\":{\"message\":\"slow down\",\"type\":\"requests\"}}", {{"Retry-After", "2"}}));
        primary.fallback = Reply::completion("big", "hi from primary");
        auto r = send(llmConfig({upstreamProvider(QStringLiteral("p"), primary)},
                                {providerStep(QStringLiteral("p"), QStringLiteral("big"))}),
                      false);
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QCOMPARE(content(r->body), QStringLiteral("hi from primary"));
        QCOMPARE(primary.seen.size(), 2);
        const qint64 gap = primary.seen[1].atMs - primary.seen[0].atMs;
        QVERIFY2(gap >= 1800, qPrintable(QString::number(gap)));
        QCOMPARE(r->header("x-understudy-fallback"), QByteArray("status_429"));
    }

    // 3. 500 once: one retry on the same target succeeds.
    void serverErrorOnceIsRetried()
    {
        ScriptedUpstream primary;
        QVERIFY(primary.start());
        primary.script.push_back(Reply::error(500, "{\"error\":{\"message\":\"oops\",\"type\":\"server_error\"}}"));
        primary.fallback = Reply::completion("big", "second try");
        auto r = send(llmConfig({upstreamProvider(QStringLiteral("p"), primary)},
                                {providerStep(QStringLiteral("p"), QStringLiteral("big"))}),
                      false);
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QCOMPARE(primary.seen.size(), 2);
        QCOMPARE(r->header("x-understudy-attempts"), QByteArray("2"));
    }

    // 4 + 16. 503 forever: bounded retries, then the next step answers; the
    // response is the fallback's and names it.
    void persistent503FallsBack()
    {
        ScriptedUpstream primary;
        ScriptedUpstream secondary;
        QVERIFY(primary.start());
        QVERIFY(secondary.start());
        primary.fallback = Reply::error(503, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}");
        secondary.fallback = Reply::completion("small", "from secondary");
        auto r = send(llmConfig({upstreamProvider(QStringLiteral("p"), primary),
                                 upstreamProvider(QStringLiteral("s"), secondary)},
                                {providerStep(QStringLiteral("p"), QStringLiteral("big")),
                                 providerStep(QStringLiteral("s"), QStringLiteral("small"))}),
                      false);
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QCOMPARE(primary.seen.size(), 3); // first attempt + max_retries (2)
        QCOMPARE(secondary.seen.size(), 1);
        QCOMPARE(json(r->body)[QStringLiteral("model")].toString(), QStringLiteral("small"));
        QVERIFY(r->header("x-understudy-served-by").contains("s/small"));
        QCOMPARE(r->header("x-understudy-fallback"), QByteArray("status_5xx,status_5xx,status_5xx"));
        // The model was rewritten for each target.
        QVERIFY(primary.seen[0].body.contains("\"model\":\"big\""));
        QVERIFY(secondary.seen[0].body.contains("\"model\":\"small\""));
    }

    // 5. TCP reset before headers once: retried, answered.
    void resetOnceIsRetried()
    {
        ScriptedUpstream primary;
        QVERIFY(primary.start());
        primary.script.push_back(Reply::reset());
        primary.fallback = Reply::completion("big", "after reset");
        auto r = send(llmConfig({upstreamProvider(QStringLiteral("p"), primary)},
                                {providerStep(QStringLiteral("p"), QStringLiteral("big"))}),
                      false);
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QCOMPARE(content(r->body), QStringLiteral("after reset"));
        QCOMPARE(primary.seen.size(), 2);
    }

    // 6. Accepts and never answers: first-byte timeout, not re-waited, next answers.
    void silentTargetIsNotRewaited()
    {
        ScriptedUpstream primary;
        ScriptedUpstream secondary;
        QVERIFY(primary.start());
        QVERIFY(secondary.start());
        primary.fallback = Reply::silent();
        secondary.fallback = Reply::completion("small", "quick");
        auto r = send(llmConfig({upstreamProvider(QStringLiteral("p"), primary),
                                 upstreamProvider(QStringLiteral("s"), secondary)},
                                {providerStep(QStringLiteral("p"), QStringLiteral("big"), 300),
                                 providerStep(QStringLiteral("s"), QStringLiteral("small"))}),
                      false);
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QCOMPARE(primary.seen.size(), 1);
        QCOMPARE(r->header("x-understudy-fallback"), QByteArray("first_byte_timeout"));
    }

    // 7. Slow first token on a stream (scaled down: TTFT limit 500 ms, first
    // event after 3 s): the next step answers.
    void slowFirstTokenMovesOn()
    {
        ScriptedUpstream primary;
        ScriptedUpstream secondary;
        QVERIFY(primary.start());
        QVERIFY(secondary.start());
        Reply slow = Reply::stream("big", "too late");
        slow.firstEventDelayMs = 3000;
        primary.fallback = slow;
        secondary.fallback = Reply::stream("small", "on time answer");
        auto r = send(llmConfig({upstreamProvider(QStringLiteral("p"), primary),
                                 upstreamProvider(QStringLiteral("s"), secondary)},
                                {providerStep(QStringLiteral("p"), QStringLiteral("big"), 500),
                                 providerStep(QStringLiteral("s"), QStringLiteral("small"))}),
                      true);
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QCOMPARE(streamedText(r->body), QStringLiteral("on time answer"));
        QVERIFY(r->body.trimmed().endsWith("data: [DONE]"));
        QCOMPARE(primary.seen.size(), 1);
    }

    // 8a. Stream cut mid-answer with `continue` and a prefill-capable next
    // target: the client receives the whole answer.
    void cutStreamContinuesWithPrefill()
    {
        ScriptedUpstream primary;
        ScriptedUpstream secondary;
        QVERIFY(primary.start());
        QVERIFY(secondary.start());
        primary.fallback = Reply::stream("big", "one two three four five", Reply::Ending::Cut, 2);
        secondary.fallback = Reply::stream("small", "three four five");
        ModelInfo prefill;
        prefill.name = QStringLiteral("small");
        prefill.supportsPrefill = true;
        auto r = send(llmConfig({upstreamProvider(QStringLiteral("p"), primary),
                                 upstreamProvider(QStringLiteral("s"), secondary, {prefill})},
                                {providerStep(QStringLiteral("p"), QStringLiteral("big")),
                                 providerStep(QStringLiteral("s"), QStringLiteral("small"))},
                                MidStreamPolicy::Continue),
                      true);
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QCOMPARE(streamedText(r->body), QStringLiteral("one two three four five"));
        QVERIFY(r->body.trimmed().endsWith("data: [DONE]"));
        QCOMPARE(secondary.seen.size(), 1);
        // The continuation carried the streamed text as an assistant prefill.
        QVERIFY2(secondary.seen[0].body.contains("{\"content\":\"one two \",\"role\":\"assistant\"}"),
                 secondary.seen[0].body.constData());
    }

    // 8b. Same cut with the default `error` policy: a clean error event,
    // never a truncated success.
    void cutStreamEndsWithErrorEvent()
    {
        ScriptedUpstream primary;
        ScriptedUpstream secondary;
        QVERIFY(primary.start());
        QVERIFY(secondary.start());
        primary.fallback = Reply::stream("big", "one two three four five", Reply::Ending::Cut, 2);
        auto r = send(llmConfig({upstreamProvider(QStringLiteral("p"), primary),
                                 upstreamProvider(QStringLiteral("s"), secondary)},
                                {providerStep(QStringLiteral("p"), QStringLiteral("big")),
                                 providerStep(QStringLiteral("s"), QStringLiteral("small"))}),
                      true);
        QVERIFY(r);
        QCOMPARE(r->status, 200); // committed with the first content event
        QCOMPARE(streamedText(r->body), QStringLiteral("one two "));
        QVERIFY(r->body.contains("\"error\""));
        QVERIFY(!r->body.contains("[DONE]"));
        QCOMPARE(secondary.seen.size(), 0);
    }

    // 9. Stream stalls mid-answer: detected within the idle timeout; with
    // `error` the client gets an error event; the gateway stays healthy.
    void stalledStreamIsDetected()
    {
        ScriptedUpstream primary;
        QVERIFY(primary.start());
        primary.script.push_back(Reply::stream("big", "one two three four", Reply::Ending::Stall, 2));
        primary.fallback = Reply::completion("big", "healthy again");
        Step step = providerStep(QStringLiteral("p"), QStringLiteral("big"));
        step.timeouts.idleMs = 300;
        const Config config = llmConfig({upstreamProvider(QStringLiteral("p"), primary)}, {step});
        auto r = send(config, true);
        QVERIFY(r);
        QVERIFY(r->body.contains("\"error\""));
        QVERIFY(!r->body.contains("[DONE]"));
        RawClient again(m_engine->port(QStringLiteral("default")));
        again.send(chatRequest(false));
        auto next = again.next();
        QVERIFY(next);
        QCOMPARE(next->status, 200);
    }

    // 10. One malformed event inside a healthy stream is dropped.
    void malformedEventIsDropped()
    {
        ScriptedUpstream primary;
        QVERIFY(primary.start());
        Reply reply = Reply::stream("big", "alpha beta gamma");
        reply.events.insert(2, "{not json");
        primary.fallback = reply;
        auto r = send(llmConfig({upstreamProvider(QStringLiteral("p"), primary)},
                                {providerStep(QStringLiteral("p"), QStringLiteral("big"))}),
                      true);
        QVERIFY(r);
        QCOMPARE(streamedText(r->body), QStringLiteral("alpha beta gamma"));
        QVERIFY(!r->body.contains("{not json"));
        QVERIFY(r->body.trimmed().endsWith("data: [DONE]"));
    }

    // 11. Finish reason but no [DONE]: finalised at once, usage kept.
    void finishWithoutDoneIsComplete()
    {
        ScriptedUpstream primary;
        QVERIFY(primary.start());
        primary.fallback = Reply::stream("big", "complete answer", Reply::Ending::NoDone);
        auto r = send(llmConfig({upstreamProvider(QStringLiteral("p"), primary)},
                                {providerStep(QStringLiteral("p"), QStringLiteral("big"))}),
                      true);
        QVERIFY(r);
        QCOMPARE(streamedText(r->body), QStringLiteral("complete answer"));
        QVERIFY(r->body.contains("\"usage\""));
        QVERIFY(r->body.trimmed().endsWith("data: [DONE]"));
        QCOMPARE(r->body.count("[DONE]"), 1);
    }

    // 12. Context length exceeded: not resent to the same model; a
    // larger-context step answers.
    void contextLengthMovesToLargerModel()
    {
        ScriptedUpstream small;
        ScriptedUpstream large;
        QVERIFY(small.start());
        QVERIFY(large.start());
        small.fallback =
            Reply::error(400, "{\"error\":{\"message\":\"This model's maximum context length is 8192 "
                              "tokens.\",\"type\":\"invalid_request_error\",\"code\":\"context_length_exceeded\"}}");
        large.fallback = Reply::completion("large", "fits");
        Step first = providerStep(QStringLiteral("small"), QStringLiteral("s"));
        first.retry.maxRetries = 3;
        auto r = send(llmConfig({upstreamProvider(QStringLiteral("small"), small),
                                 upstreamProvider(QStringLiteral("large"), large)},
                                {first, providerStep(QStringLiteral("large"), QStringLiteral("l"))}),
                      false);
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QCOMPARE(small.seen.size(), 1);
        QCOMPARE(large.seen.size(), 1);
    }

    // 13. Content policy: not retried, not passed on; the provider's reason is returned.
    void contentPolicyStops()
    {
        ScriptedUpstream primary;
        ScriptedUpstream secondary;
        QVERIFY(primary.start());
        QVERIFY(secondary.start());
        primary.fallback =
            Reply::error(400, "{\"error\":{\"message\":\"Your request was rejected as a result of our safety "
                              "system.\",\"type\":\"invalid_request_error\",\"code\":\"content_policy_violation\"}}");
        auto r = send(llmConfig({upstreamProvider(QStringLiteral("p"), primary),
                                 upstreamProvider(QStringLiteral("s"), secondary)},
                                {providerStep(QStringLiteral("p"), QStringLiteral("big")),
                                 providerStep(QStringLiteral("s"), QStringLiteral("small"))}),
                      false);
        QVERIFY(r);
        QCOMPARE(r->status, 400);
        QVERIFY(json(r->body)[QStringLiteral("error")].toObject()[QStringLiteral("message")].toString().contains(
            QStringLiteral("safety system")));
        QCOMPARE(primary.seen.size(), 1);
        QCOMPARE(secondary.seen.size(), 0);
    }

    // 2. 429 forever without Retry-After: backoff with jitter, a bounded
    // number of attempts, then the next step answers.
    void rateLimitedForeverMovesOn()
    {
        ScriptedUpstream primary;
        ScriptedUpstream secondary;
        QVERIFY(primary.start());
        QVERIFY(secondary.start());
        primary.fallback = Reply::error(429, "{\"error\":{\"message\":\"slow down\",\"type\":\"requests\"}}");
        secondary.fallback = Reply::completion("small", "from secondary");
        Step first = providerStep(QStringLiteral("p"), QStringLiteral("big"));
        first.retry.backoffBaseMs = 50;
        first.retry.backoffCapMs = 200;
        auto r = send(llmConfig({upstreamProvider(QStringLiteral("p"), primary),
                                 upstreamProvider(QStringLiteral("s"), secondary)},
                                {first, providerStep(QStringLiteral("s"), QStringLiteral("small"))}),
                      false);
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QCOMPARE(content(r->body), QStringLiteral("from secondary"));
        QCOMPARE(primary.seen.size(), 3); // first attempt + 2 retries, never a hammering loop
        QCOMPARE(secondary.seen.size(), 1);
        for (int i = 1; i < primary.seen.size(); ++i)
            QVERIFY(primary.seen[i].atMs > primary.seen[i - 1].atMs); // backoff: no zero-delay retries
    }

    // 14. Stream cut where the next target rejects the prefill: the client
    // does not get the prefill rejection as the final error.
    void prefillRejectionIsNotTheFinalError()
    {
        ScriptedUpstream primary;
        ScriptedUpstream secondary;
        QVERIFY(primary.start());
        QVERIFY(secondary.start());
        primary.fallback = Reply::stream("big", "one two three four", Reply::Ending::Cut, 2);
        secondary.fallback = Reply::error(
            400, "{\"error\":{\"message\":\"assistant prefill is not supported\",\"type\":\"invalid_request_error\"}}");
        ModelInfo prefill;
        prefill.name = QStringLiteral("small");
        prefill.supportsPrefill = true;
        auto r = send(llmConfig({upstreamProvider(QStringLiteral("p"), primary),
                                 upstreamProvider(QStringLiteral("s"), secondary, {prefill})},
                                {providerStep(QStringLiteral("p"), QStringLiteral("big")),
                                 providerStep(QStringLiteral("s"), QStringLiteral("small"))},
                                MidStreamPolicy::Continue),
                      true);
        QVERIFY(r);
        QCOMPARE(streamedText(r->body), QStringLiteral("one two "));
        QCOMPARE(secondary.seen.size(), 1);
        QVERIFY2(r->body.contains("truncated"), r->body.constData());
        QVERIFY(!r->body.contains("prefill is not supported"));
        QVERIFY(!r->body.contains("[DONE]"));
    }

    // 15 (scaled down from 60 s / one request every 4 s): the primary is down
    // for 1.5 s, a request every 100 ms. The fallback answers during the
    // outage with few primary probes; traffic returns after recovery.
    void breakerShieldsAnOutageAndRecovers()
    {
        ScriptedUpstream primary;
        ScriptedUpstream secondary;
        QVERIFY(primary.start());
        QVERIFY(secondary.start());
        primary.downUntilMs = 1500;
        primary.fallback = Reply::completion("big", "primary is back");
        secondary.fallback = Reply::completion("small", "fallback");
        Step first = providerStep(QStringLiteral("p"), QStringLiteral("big"));
        first.retry.maxRetries = 0;
        first.breaker.enabled = true;
        first.breaker.consecutiveFailures = 2;
        first.breaker.openBaseMs = 300;
        first.breaker.openMaxMs = 600;
        m_engine = std::make_unique<Engine>();
        QVERIFY(
            m_engine
                ->start(std::make_shared<Config>(llmConfig(
                    {upstreamProvider(QStringLiteral("p"), primary), upstreamProvider(QStringLiteral("s"), secondary)},
                    {first, providerStep(QStringLiteral("s"), QStringLiteral("small"))})))
                .ok());
        const quint16 port = m_engine->port(QStringLiteral("default"));
        QStringList servedBy;
        while (primary.nowMs() < 3500) {
            auto r = roundTrip(port, chatRequest(false));
            QVERIFY(r);
            QCOMPARE(r->status, 200); // every request answered, outage or not
            servedBy << QString::fromLatin1(r->header("x-understudy-served-by"));
            QTest::qWait(100);
        }
        int probesDuringOutage = 0;
        for (const auto &seen : primary.seen)
            probesDuringOutage += seen.atMs < 1500 ? 1 : 0;
        const int requestsDuringOutage = int(servedBy.size() * 1500 / 3500);
        QVERIFY2(
            probesDuringOutage < requestsDuringOutage / 2,
            qPrintable(QStringLiteral("%1 probes for %2 requests").arg(probesDuringOutage).arg(requestsDuringOutage)));
        // Back on the primary well within a second of its recovery.
        for (const QString &served : servedBy.mid(servedBy.size() - 5))
            QVERIFY2(served.contains(QStringLiteral("p/big")), qPrintable(servedBy.join(QLatin1Char('\n'))));
    }

    // Every target open -> the cache answers; empty cache -> static; and
    // a chain with nothing left -> 502 in the OpenAI error shape.
    void cacheStaticAndExhausted()
    {
        ScriptedUpstream primary;
        QVERIFY(primary.start());
        primary.script.push_back(Reply::completion("big", "worth caching"));
        primary.fallback = Reply::error(503, "{\"error\":{\"message\":\"down\",\"type\":\"server_error\"}}");
        Step provider = providerStep(QStringLiteral("p"), QStringLiteral("big"));
        provider.retry.maxRetries = 0;
        provider.breaker.enabled = true;
        provider.breaker.consecutiveFailures = 1;
        provider.breaker.openBaseMs = 60000;
        Step cache;
        cache.kind = StepKind::Cache;
        Step canned;
        canned.kind = StepKind::Static;
        canned.response.body = QStringLiteral("sorry, degraded");
        m_engine = std::make_unique<Engine>();
        QVERIFY(m_engine
                    ->start(std::make_shared<Config>(
                        llmConfig({upstreamProvider(QStringLiteral("p"), primary)}, {provider, cache, canned})))
                    .ok());
        const quint16 port = m_engine->port(QStringLiteral("default"));

        auto first = roundTrip(port, chatRequest(false));
        QVERIFY(first);
        QCOMPARE(content(first->body), QStringLiteral("worth caching"));
        auto second = roundTrip(port, chatRequest(false)); // 503 opens the breaker, cache answers
        QVERIFY(second);
        QCOMPARE(second->status, 200);
        QCOMPARE(second->header("x-understudy-cache"), QByteArray("hit"));
        QCOMPARE(content(second->body), QStringLiteral("worth caching"));
        auto third = roundTrip(port, chatRequest(false)); // breaker open: no upstream call at all
        QVERIFY(third);
        QCOMPARE(third->header("x-understudy-cache"), QByteArray("hit"));
        const qsizetype seenBefore = primary.seen.size();
        auto other = roundTrip(port, chatRequest(false, "something else")); // not cached -> static
        QVERIFY(other);
        QCOMPARE(other->status, 200);
        QCOMPARE(content(other->body), QStringLiteral("sorry, degraded"));
        QCOMPARE(json(other->body)[QStringLiteral("model")].toString(), QStringLiteral("understudy/static"));
        // The open breaker kept the upstream out of it: the static step
        // answered without any attempt.
        QCOMPARE(primary.seen.size(), seenBefore);

        // Nothing left at all: 502 in the OpenAI error shape.
        m_engine.reset();
        ScriptedUpstream broken;
        QVERIFY(broken.start());
        broken.fallback = Reply::error(502, "bad gateway upstream");
        Step only = providerStep(QStringLiteral("b"), QStringLiteral("m"));
        only.retry.maxRetries = 0;
        auto r = send(llmConfig({upstreamProvider(QStringLiteral("b"), broken)}, {only}), false);
        QVERIFY(r);
        QCOMPARE(r->status, 502);
        const QJsonObject error = json(r->body)[QStringLiteral("error")].toObject();
        QVERIFY(!error[QStringLiteral("message")].toString().isEmpty());
        QCOMPARE(error[QStringLiteral("request_id")].toString().toLatin1(), r->header("x-understudy-request-id"));
        QVERIFY(!r->body.contains("127.0.0.1"));
    }

private:
    std::unique_ptr<Engine> m_engine;
};

QTEST_GUILESS_MAIN(TestFallback)
#include "tst_fallback.moc"
