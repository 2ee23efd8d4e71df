#include "providers/mock/MockScript.h"

#include "providers/mock/MockWire.h"

#include <cmath>

namespace understudy {

namespace {

constexpr const char *kDefaultModel = "mock-1";

HttpHeaders jsonHeaders()
{
    return {{QByteArrayLiteral("content-type"), QByteArrayLiteral("application/json")}};
}

HttpHeaders streamHeaders()
{
    return {{QByteArrayLiteral("content-type"), QByteArrayLiteral("text/event-stream; charset=utf-8")},
            {QByteArrayLiteral("cache-control"), QByteArrayLiteral("no-cache")}};
}

MockStep head(int delayMs, int status, HttpHeaders headers)
{
    MockStep step;
    step.kind = MockStep::Kind::Head;
    step.delayMs = delayMs;
    step.status = status;
    step.headers = std::move(headers);
    return step;
}

MockStep body(int delayMs, QByteArray bytes, bool contentEvent = false)
{
    MockStep step;
    step.kind = MockStep::Kind::Body;
    step.delayMs = delayMs;
    step.body = std::move(bytes);
    step.contentEvent = contentEvent;
    return step;
}

MockStep finish()
{
    MockStep step;
    step.kind = MockStep::Kind::Finish;
    return step;
}

void answerError(MockScript &script, int delayMs, int status, QByteArray errorBody, int retryAfterSeconds = 0)
{
    HttpHeaders headers = jsonHeaders();
    if (retryAfterSeconds > 0)
        headers.emplace_back(QByteArrayLiteral("retry-after"), QByteArray::number(retryAfterSeconds));
    script.steps.push_back(head(delayMs, status, std::move(headers)));
    script.steps.push_back(body(0, std::move(errorBody)));
    script.steps.push_back(finish());
}

// Time one piece takes at the configured speed; 0 tokens/s = no pacing.
int pieceDelayMs(const QString &piece, double tokensPerSecond)
{
    if (!(tokensPerSecond > 0.0))
        return 0;
    const double ms = double(mock::estimateTokens(piece)) * 1000.0 / tokensPerSecond;
    return int(std::lround(qBound(0.0, ms, 60'000.0)));
}

struct Answer
{
    mock::CompletionMeta meta;
    QString text;
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    bool includeUsage = false;
};

void completeBody(MockScript &script, const MockSettings &settings, const Answer &answer, int latencyMs)
{
    const int headDelay = settings.fault == MockFault::SlowFirstToken ? qMax(0, settings.delayMs) : latencyMs;
    const QByteArray full =
        mock::completionBody(answer.meta, answer.text, answer.promptTokens, answer.completionTokens);
    script.steps.push_back(head(headDelay, 200, jsonHeaders()));
    switch (settings.fault) {
    case MockFault::CutAfterEvents:
        script.steps.push_back(body(0, full.left(full.size() / 2)));
        script.steps.push_back(finish());
        script.cut = true;
        return;
    case MockFault::StallAfterEvents:
        script.steps.push_back(body(0, full.left(full.size() / 2)));
        return; // silent for good
    case MockFault::MalformedEvent:
        script.steps.push_back(body(0, QByteArrayLiteral("{not json")));
        script.steps.push_back(finish());
        return;
    default:
        script.steps.push_back(body(0, full));
        script.steps.push_back(finish());
        return;
    }
}

void streamBody(MockScript &script, const MockSettings &settings, const Answer &answer, int latencyMs)
{
    const MockFault fault = settings.fault;
    const qsizetype after = qMax(0, settings.afterEvents);
    const QStringList pieces = mock::answerPieces(answer.text);

    script.steps.push_back(head(latencyMs, 200, streamHeaders()));
    script.steps.push_back(body(0, mock::roleEvent(answer.meta)));
    for (qsizetype i = 0; i <= pieces.size(); ++i) {
        if (i == after) {
            if (fault == MockFault::MalformedEvent)
                script.steps.push_back(body(0, mock::malformedEvent()));
            if (fault == MockFault::CutAfterEvents) {
                script.steps.push_back(finish());
                script.cut = true;
                return;
            }
            if (fault == MockFault::StallAfterEvents)
                return; // silent for good, connection held open
        }
        if (i == pieces.size())
            break;
        const int delay = (i == 0 && fault == MockFault::SlowFirstToken)
                              ? qMax(0, settings.delayMs)
                              : pieceDelayMs(pieces.at(i), settings.tokensPerSecond);
        script.steps.push_back(body(delay, mock::contentEvent(answer.meta, pieces.at(i)), true));
    }
    // An answer shorter than afterEvents still gets its fault at the end.
    if (after > pieces.size()) {
        if (fault == MockFault::MalformedEvent)
            script.steps.push_back(body(0, mock::malformedEvent()));
        if (fault == MockFault::CutAfterEvents) {
            script.steps.push_back(finish());
            script.cut = true;
            return;
        }
        if (fault == MockFault::StallAfterEvents)
            return;
    }
    script.steps.push_back(body(0, mock::finishEvent(answer.meta)));
    if (answer.includeUsage)
        script.steps.push_back(body(0, mock::usageEvent(answer.meta, answer.promptTokens, answer.completionTokens)));
    if (fault != MockFault::MissingDone)
        script.steps.push_back(body(0, mock::doneEvent()));
    script.steps.push_back(finish());
}

} // namespace

MockScript buildMockScript(const MockScriptInput &input)
{
    const MockSettings &settings = input.settings;
    const int latencyMs = qMax(0, settings.latencyMs);
    MockScript script;

    // Transport and status faults come first: a real upstream failing this
    // way never looks at the request.
    switch (settings.fault) {
    case MockFault::ResetBeforeHeaders: {
        MockStep reset;
        reset.kind = MockStep::Kind::Fail;
        reset.delayMs = latencyMs;
        reset.outcome = OutcomeClass::ResetBeforeResponse;
        reset.detail =
            QStringLiteral("mock provider %1 reset the connection before the response head").arg(input.provider);
        script.steps.push_back(std::move(reset));
        return script;
    }
    case MockFault::NoResponse:
        return script;
    case MockFault::ErrorStatus: {
        const int status = settings.status >= 400 && settings.status <= 599 ? settings.status : 503;
        answerError(script, latencyMs, status, mock::statusErrorBody(status), settings.retryAfterSeconds);
        return script;
    }
    case MockFault::Flapping:
        if (input.flapDown) {
            answerError(script, latencyMs, 503, mock::statusErrorBody(503), settings.retryAfterSeconds);
            return script;
        }
        break;
    default:
        break;
    }

    const mock::ChatRequest request = mock::parseChatRequest(input.requestBody);
    script.model = !input.targetModel.isEmpty()     ? input.targetModel
                   : !request.model.isEmpty()       ? request.model
                   : !input.fallbackModel.isEmpty() ? input.fallbackModel
                                                    : QString::fromLatin1(kDefaultModel);
    if (!request.valid) {
        answerError(script, latencyMs, 400, mock::invalidRequestBody(request.error, request.param));
        return script;
    }
    if (settings.fault == MockFault::ContextLength) {
        answerError(script, latencyMs, 400, mock::contextLengthBody(request.promptTokens));
        return script;
    }
    if (settings.fault == MockFault::ContentPolicy) {
        answerError(script, latencyMs, 400, mock::contentPolicyBody());
        return script;
    }

    const QString full =
        settings.answer.isEmpty() ? mock::generatedAnswer(input.provider, script.model) : settings.answer;
    Answer answer;
    answer.text = request.hasPrefill ? mock::continuationAfter(full, request.prefill) : full;
    answer.meta = mock::CompletionMeta{mock::newCompletionId(), input.createdSecs, script.model};
    answer.promptTokens = request.promptTokens;
    answer.completionTokens = mock::estimateTokens(answer.text);
    answer.includeUsage = request.includeUsage;
    script.answerText = answer.text;

    if (request.stream)
        streamBody(script, settings, answer, latencyMs);
    else
        completeBody(script, settings, answer, latencyMs);
    return script;
}

} // namespace understudy
