#include "live_sample_trails.h"

namespace understudy {

namespace {

AttemptRecord attempt(const QString &step, const QString &target, qint64 start, qint64 duration, OutcomeClass outcome,
                      int status, const QString &decision)
{
    AttemptRecord a;
    a.stepPath = step;
    a.target = target;
    a.startOffsetMs = start;
    a.durationMs = duration;
    a.outcome = outcome;
    a.upstreamStatus = status;
    a.breakerState = QStringLiteral("closed");
    a.decision = decision;
    return a;
}

} // namespace

RequestTrail sampleTrail(std::mt19937 &random, qint64 startedAtMs, int serial)
{
    std::uniform_int_distribution<int> percent(0, 99);
    std::uniform_int_distribution<int> latency(180, 1400);
    RequestTrail t;
    t.requestId = QByteArray("req_") + QByteArray::number(0x5f3a00 + serial, 16);
    t.startedAtMs = startedAtMs;
    t.consumer = QStringLiteral("team-web");
    const int kind = percent(random);
    if (kind < 8) {
        t.route = QStringLiteral("models");
        t.method = QStringLiteral("GET");
        t.path = QStringLiteral("/v1/models");
        t.durationMs = 3 + percent(random) % 5;
        t.status = 200;
        t.servedBy = QStringLiteral("static");
        t.staticAnswer = true;
        t.attempts.push_back(attempt(QStringLiteral("models/steps[0]"), QStringLiteral("static"), 0, t.durationMs,
                                     OutcomeClass::Ok, 200, QStringLiteral("served")));
        return t;
    }
    const bool embeddings = kind < 20;
    t.route = embeddings ? QStringLiteral("embeddings") : QStringLiteral("chat");
    t.method = QStringLiteral("POST");
    t.path = embeddings ? QStringLiteral("/v1/embeddings") : QStringLiteral("/v1/chat/completions");
    t.stream = !embeddings && percent(random) < 60;
    const QString route = t.route;
    const QString primary =
        embeddings ? QStringLiteral("openai/text-embedding-3-small") : QStringLiteral("openai/gpt-4o-mini");
    const QString second =
        embeddings ? QStringLiteral("gemini/text-embedding-004") : QStringLiteral("anthropic/claude-3-5-haiku");
    const QString third = QStringLiteral("mock/echo");
    const int scenario = percent(random);
    qint64 offset = 0;
    auto finish = [&](const QString &step, const QString &target, int depth) {
        const qint64 d = embeddings ? latency(random) / 6 : latency(random);
        AttemptRecord a = attempt(step, target, offset, d, OutcomeClass::Ok, 200, QStringLiteral("served"));
        if (!embeddings)
            a.ttftMs = std::min<qint64>(d, 120 + percent(random) * 4);
        t.attempts.push_back(a);
        t.durationMs = offset + d + 2;
        t.ttftMs = a.ttftMs >= 0 ? offset + a.ttftMs : -1;
        t.status = 200;
        t.servedBy = step + QLatin1Char(' ') + target;
        t.servedModel = target.section(QLatin1Char('/'), 1);
        t.fallbackDepth = depth;
        t.promptTokens = embeddings ? 40 + percent(random) * 3 : 200 + percent(random) * 20;
        t.completionTokens = embeddings ? 0 : 50 + percent(random) * 8;
        t.cost = double(t.promptTokens) * 0.15e-6 + double(t.completionTokens) * 0.6e-6;
    };
    const QString s0 = route + QStringLiteral("/steps[0]");
    const QString s1 = route + QStringLiteral("/steps[1]");
    const QString s2 = route + QStringLiteral("/steps[2]");
    if (scenario < 62) {
        finish(s0, primary, 0);
    } else if (scenario < 68 && !embeddings) {
        t.durationMs = 4;
        t.status = 200;
        t.cached = true;
        t.servedBy = QStringLiteral("cache");
        t.attempts.push_back(attempt(route + QStringLiteral("/cache"), QStringLiteral("cache"), 0, 3, OutcomeClass::Ok,
                                     200, QStringLiteral("served")));
    } else if (scenario < 80) {
        t.attempts.push_back(attempt(s0, primary, 0, 90 + percent(random), OutcomeClass::Status5xx, 503,
                                     QStringLiteral("next: status_5xx")));
        offset = t.attempts.back().durationMs + 1;
        finish(s1, second, 1);
    } else if (scenario < 87) {
        AttemptRecord limited =
            attempt(s0, primary, 0, 40, OutcomeClass::Status429, 429, QStringLiteral("retry: status_429"));
        limited.retryAfterMs = 250;
        t.attempts.push_back(limited);
        offset = 300;
        finish(s0, primary, 0);
    } else if (scenario < 93) {
        t.attempts.push_back(attempt(s0, primary, 0, 2000, OutcomeClass::FirstByteTimeout, 0,
                                     QStringLiteral("next: first_byte_timeout")));
        t.attempts.push_back(
            attempt(s1, second, 2001, 70, OutcomeClass::Status5xx, 529, QStringLiteral("next: status_5xx")));
        offset = 2072;
        finish(s2, third, 2);
    } else if (scenario < 96) {
        AttemptRecord skipped =
            attempt(s0, primary, 0, 0, OutcomeClass::SkippedCircuitOpen, 0, QStringLiteral("next: circuit open"));
        skipped.breakerState = QStringLiteral("open");
        t.attempts.push_back(skipped);
        offset = 1;
        finish(s1, second, 1);
    } else {
        t.attempts.push_back(
            attempt(s0, primary, 0, 120, OutcomeClass::Status5xx, 500, QStringLiteral("next: status_5xx")));
        t.attempts.push_back(
            attempt(s1, second, 121, 60, OutcomeClass::ConnectError, 0, QStringLiteral("next: connect_error")));
        t.attempts.push_back(
            attempt(s2, third, 182, 30, OutcomeClass::Status5xx, 502, QStringLiteral("stop: chain exhausted")));
        t.durationMs = 215;
        t.status = 502;
        t.outcome = OutcomeClass::Status5xx;
        t.fallbackDepth = 2;
    }
    return t;
}

} // namespace understudy
