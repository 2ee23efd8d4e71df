// The mock provider's wire format and per-fault plans, without timers:
// bodies, events, error shapes (checked against the executor's own
// classifier and parsers) and the delays each step is scheduled with.

#include "MockTestSupport.h"
#include "fallback/Clock.h"
#include "fallback/LlmWire.h"
#include "fallback/OutcomeClassifier.h"
#include "providers/mock/MockScript.h"
#include "providers/mock/MockWire.h"

#include <QTest>

#include <cmath>

using namespace understudy;
using namespace mocktest;
using json = nlohmann::json;

Q_DECLARE_METATYPE(understudy::MockFault)
Q_DECLARE_METATYPE(understudy::OutcomeClass)

namespace {

MockScript scriptFor(const MockSettings &settings, const QByteArray &body, const QString &targetModel = {},
                     bool flapDown = false)
{
    MockScriptInput input;
    input.provider = QStringLiteral("mock-a");
    input.targetModel = targetModel;
    input.fallbackModel = QStringLiteral("mock-large");
    input.settings = settings;
    input.requestBody = body;
    input.flapDown = flapDown;
    input.createdSecs = 1'700'000'000;
    return buildMockScript(input);
}

QByteArray bodyOf(const MockScript &script)
{
    QByteArray body;
    for (const MockStep &step : script.steps) {
        if (step.kind == MockStep::Kind::Body)
            body += step.body;
    }
    return body;
}

const MockStep *headOf(const MockScript &script)
{
    for (const MockStep &step : script.steps) {
        if (step.kind == MockStep::Kind::Head)
            return &step;
    }
    return nullptr;
}

} // namespace

class TestMockWire : public QObject
{
    Q_OBJECT

private slots:
    void completionIsAValidChatCompletion()
    {
        const MockScript script = scriptFor(fastSettings(), chatRequest());
        const MockStep *head = headOf(script);
        QVERIFY(head);
        QCOMPARE(head->status, 200);
        QCOMPARE(script.steps.back().kind, MockStep::Kind::Finish);

        const json doc = parseJson(bodyOf(script));
        QVERIFY(doc.is_object());
        QVERIFY(QString::fromStdString(doc["id"].get<std::string>()).startsWith(QLatin1String("chatcmpl-mock-")));
        QCOMPARE(str(doc["object"]), QStringLiteral("chat.completion"));
        QCOMPARE(doc["created"].get<qint64>(), 1'700'000'000);
        QCOMPARE(str(doc["model"]), QStringLiteral("gpt-test"));
        const json &choice = doc["choices"][0];
        QCOMPARE(str(choice["index"]), QStringLiteral("0"));
        QCOMPARE(str(choice["message"]["role"]), QStringLiteral("assistant"));
        QCOMPARE(QString::fromStdString(choice["message"]["content"].get<std::string>()), script.answerText);
        QCOMPARE(str(choice["finish_reason"]), QStringLiteral("stop"));
        const json &usage = doc["usage"];
        QVERIFY(usage["prompt_tokens"].get<int>() > 0);
        QCOMPARE(usage["completion_tokens"].get<qint64>(), mock::estimateTokens(script.answerText));
        QCOMPARE(usage["total_tokens"].get<int>(),
                 usage["prompt_tokens"].get<int>() + usage["completion_tokens"].get<int>());

        // The executor accepts it as a complete answer.
        const llm::CompletionCheck check = llm::checkCompletion(bodyOf(script));
        QCOMPARE(outcomeClassName(check.outcome), outcomeClassName(OutcomeClass::Ok));
        QCOMPARE(check.model, QStringLiteral("gpt-test"));
    }

    void generatedAnswerNamesProviderAndModel()
    {
        const QString answer = mock::generatedAnswer(QStringLiteral("backup"), QStringLiteral("m-7"));
        QVERIFY(answer.contains(QLatin1String("backup")));
        QVERIFY(answer.contains(QLatin1String("m-7")));
        const qsizetype words = answer.split(QLatin1Char(' '), Qt::SkipEmptyParts).size();
        QVERIFY2(words >= 40 && words <= 80, qPrintable(QString::number(words)));
        QVERIFY(mock::answerPieces(answer).size() >= 12); // streams have many events
    }

    void modelResolution_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("requested");
        QTest::addColumn<QString>("fallback");
        QTest::addColumn<QString>("expected");
        QTest::newRow("step's model wins") << "step-model"
                                           << "asked"
                                           << "cat"
                                           << "step-model";
        QTest::newRow("request's model") << ""
                                         << "asked"
                                         << "cat"
                                         << "asked";
        QTest::newRow("catalogue's first") << ""
                                           << ""
                                           << "cat"
                                           << "cat";
        QTest::newRow("nothing named") << ""
                                       << ""
                                       << ""
                                       << "mock-1";
    }

    void modelResolution()
    {
        QFETCH(QString, target);
        QFETCH(QString, requested);
        QFETCH(QString, fallback);
        QFETCH(QString, expected);
        MockScriptInput input;
        input.provider = QStringLiteral("p");
        input.targetModel = target;
        input.fallbackModel = fallback;
        input.settings = fastSettings();
        RequestOptions options;
        options.model = requested;
        input.requestBody = chatRequest(options);
        const MockScript script = buildMockScript(input);
        QCOMPARE(script.model, expected);
        QCOMPARE(QString::fromStdString(parseJson(bodyOf(script))["model"].get<std::string>()), expected);
        QVERIFY(script.answerText.contains(expected));
    }

    void answerPiecesJoinBack_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("minPieces");
        QTest::newRow("sentence") << "one two three four five six seven" << 3;
        QTest::newRow("double spaces") << "a  b   c d  e f g" << 3;
        QTest::newRow("edges") << "  lead and trail  " << 1;
        QTest::newRow("one word") << "word" << 1;
        QTest::newRow("newlines") << "line one\nline two\n\nthree" << 2;
        QTest::newRow("empty") << "" << 0;
    }

    void answerPiecesJoinBack()
    {
        QFETCH(QString, text);
        QFETCH(int, minPieces);
        const QStringList pieces = mock::answerPieces(text, 3);
        QCOMPARE(pieces.join(QString()), text);
        QVERIFY(pieces.size() >= minPieces);
        for (const QString &piece : pieces)
            QVERIFY(!piece.isEmpty());
    }

    void parsesRequests_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("param");
        QTest::addColumn<bool>("stream");
        QTest::addColumn<bool>("includeUsage");
        QTest::addColumn<bool>("hasPrefill");
        QTest::addColumn<QString>("prefill");
        const QByteArray user = R"({"role":"user","content":"hi"})";
        QTest::newRow("not json") << QByteArray("{nope") << false << "" << false << false << false << "";
        QTest::newRow("array doc") << QByteArray("[1]") << false << "" << false << false << false << "";
        QTest::newRow("no messages") << QByteArray(R"({"model":"x"})") << false << "messages" << false << false << false
                                     << "";
        QTest::newRow("messages not array")
            << QByteArray(R"({"messages":{}})") << false << "messages" << false << false << false << "";
        QTest::newRow("message without role")
            << QByteArray(R"({"messages":[{"content":"x"}]})") << false << "messages" << false << false << false << "";
        QTest::newRow("plain") << QByteArray(R"({"messages":[)" + user + "]}") << true << "" << false << false << false
                               << "";
        QTest::newRow("stream with usage")
            << QByteArray(R"({"stream":true,"stream_options":{"include_usage":true},"messages":[)" + user + "]}")
            << true << "" << true << true << false << "";
        QTest::newRow("stream of wrong type") << QByteArray(R"({"stream":"yes","messages":[)" + user + "]}") << true
                                              << "" << false << false << false << "";
        QTest::newRow("string prefill") << QByteArray(R"({"messages":[)" + user +
                                                      R"(,{"role":"assistant","content":"Once upon"}]})")
                                        << true << "" << false << false << true << "Once upon";
        QTest::newRow("parts prefill")
            << QByteArray(
                   R"({"messages":[)" + user +
                   R"(,{"role":"assistant","content":[{"type":"text","text":"Once "},{"type":"text","text":"upon"}]}]})")
            << true << "" << false << false << true << "Once upon";
    }

    void parsesRequests()
    {
        QFETCH(QByteArray, body);
        QFETCH(bool, valid);
        QFETCH(QString, param);
        QFETCH(bool, stream);
        QFETCH(bool, includeUsage);
        QFETCH(bool, hasPrefill);
        QFETCH(QString, prefill);
        const mock::ChatRequest request = mock::parseChatRequest(body);
        QCOMPARE(request.valid, valid);
        QCOMPARE(request.param, param);
        if (!valid) {
            QVERIFY(!request.error.isEmpty());
            // Answered as an OpenAI 400 naming the field.
            const MockScript script = scriptFor(fastSettings(), body);
            QCOMPARE(headOf(script)->status, 400);
            const json doc = parseJson(bodyOf(script));
            QCOMPARE(str(doc["error"]["type"]), QStringLiteral("invalid_request_error"));
            return;
        }
        QCOMPARE(request.stream, stream);
        QCOMPARE(request.includeUsage, includeUsage);
        QCOMPARE(request.hasPrefill, hasPrefill);
        QCOMPARE(request.prefill, prefill);
        QVERIFY(request.promptTokens > 0);
    }

    void prefillContinuation_data()
    {
        QTest::addColumn<QString>("prefill");
        QTest::addColumn<QString>("expected");
        QTest::newRow("answer starts with the prefill") << "The quick brown"
                                                        << " fox jumps over the lazy dog.";
        QTest::newRow("unrelated prefill") << "Something else"
                                           << "The quick brown fox jumps over the lazy dog.";
        QTest::newRow("whole answer already sent") << "The quick brown fox jumps over the lazy dog."
                                                   << "";
    }

    void prefillContinuation()
    {
        QFETCH(QString, prefill);
        QFETCH(QString, expected);
        MockSettings settings = fastSettings();
        settings.answer = QStringLiteral("The quick brown fox jumps over the lazy dog.");
        RequestOptions options;
        options.prefill = prefill;

        const MockScript complete = scriptFor(settings, chatRequest(options));
        QCOMPARE(QString::fromStdString(parseJson(bodyOf(complete))["choices"][0]["message"]["content"]), expected);

        options.stream = true;
        const MockScript streamed = scriptFor(settings, chatRequest(options));
        QString text;
        bool finish = false;
        for (const QByteArray &payload : ssePayloads(bodyOf(streamed))) {
            text += chunkContent(parseJson(payload));
            finish = finish || chunkHasFinish(parseJson(payload));
        }
        QCOMPARE(text, expected);
        QVERIFY(finish);
    }

    void errorBodiesClassify_data()
    {
        QTest::addColumn<MockFault>("fault");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("retryAfter");
        QTest::addColumn<int>("expectedStatus");
        QTest::addColumn<OutcomeClass>("outcome");
        QTest::addColumn<QString>("code");
        QTest::newRow("429 with Retry-After")
            << MockFault::ErrorStatus << 429 << 2 << 429 << OutcomeClass::Status429 << "rate_limit_exceeded";
        QTest::newRow("429 bare") << MockFault::ErrorStatus << 429 << 0 << 429 << OutcomeClass::Status429
                                  << "rate_limit_exceeded";
        QTest::newRow("500") << MockFault::ErrorStatus << 500 << 0 << 500 << OutcomeClass::Status5xx << "";
        QTest::newRow("503 with Retry-After")
            << MockFault::ErrorStatus << 503 << 7 << 503 << OutcomeClass::Status5xx << "";
        QTest::newRow("529 overloaded") << MockFault::ErrorStatus << 529 << 0 << 529 << OutcomeClass::Status5xx
                                        << "overloaded_error";
        QTest::newRow("401") << MockFault::ErrorStatus << 401 << 0 << 401 << OutcomeClass::AuthError << "";
        QTest::newRow("nonsense status becomes 503")
            << MockFault::ErrorStatus << 200 << 0 << 503 << OutcomeClass::Status5xx << "";
        QTest::newRow("context length") << MockFault::ContextLength << 0 << 0 << 400
                                        << OutcomeClass::ContextLengthExceeded << "context_length_exceeded";
        QTest::newRow("content policy") << MockFault::ContentPolicy << 0 << 0 << 400 << OutcomeClass::ContentPolicy
                                        << "content_policy_violation";
        QTest::newRow("flapping, down") << MockFault::Flapping << 0 << 0 << 503 << OutcomeClass::Status5xx << "";
    }

    void errorBodiesClassify()
    {
        QFETCH(MockFault, fault);
        QFETCH(int, status);
        QFETCH(int, retryAfter);
        QFETCH(int, expectedStatus);
        QFETCH(OutcomeClass, outcome);
        QFETCH(QString, code);
        MockSettings settings = fastSettings();
        settings.fault = fault;
        settings.status = status;
        settings.retryAfterSeconds = retryAfter;
        for (const bool stream : {false, true}) {
            RequestOptions options;
            options.stream = stream;
            const MockScript script = scriptFor(settings, chatRequest(options), {}, true);
            const MockStep *head = headOf(script);
            QVERIFY(head);
            QCOMPARE(head->status, expectedStatus);
            QCOMPARE(headerValue(head->headers, "content-type").value_or(QByteArray()), "application/json");
            QCOMPARE(script.steps.back().kind, MockStep::Kind::Finish);

            const json doc = parseJson(bodyOf(script));
            QVERIFY(doc.is_object() && doc.contains("error"));
            QVERIFY(doc["error"]["message"].is_string());
            QVERIFY(doc["error"]["type"].is_string());

            ManualClock clock;
            const OutcomeClassifier classifier(clock);
            const auto result = classifier.classify(head->status, head->headers, bodyOf(script));
            QCOMPARE(outcomeClassName(result.outcome), outcomeClassName(outcome));
            QCOMPARE(result.status, expectedStatus);
            if (!code.isEmpty())
                QCOMPARE(result.providerCode, code);
            if (retryAfter > 0) {
                QCOMPARE(headerValue(head->headers, "retry-after").value_or(QByteArray()),
                         QByteArray::number(retryAfter));
                QCOMPARE(result.retryAfterMs.value_or(-1), qint64(retryAfter) * 1000);
            } else {
                QVERIFY(!hasHeader(head->headers, "retry-after"));
            }
        }
    }

    void rateLimitAndContextBodiesReadLikeOpenAi()
    {
        const json limit = parseJson(mock::statusErrorBody(429));
        QCOMPARE(str(limit["error"]["type"]), QStringLiteral("requests"));
        QCOMPARE(str(limit["error"]["code"]), QStringLiteral("rate_limit_exceeded"));
        const json server = parseJson(mock::statusErrorBody(502));
        QCOMPARE(str(server["error"]["type"]), QStringLiteral("server_error"));
        const json context = parseJson(mock::contextLengthBody(100));
        QCOMPARE(str(context["error"]["param"]), QStringLiteral("messages"));
        QCOMPARE(str(context["error"]["type"]), QStringLiteral("invalid_request_error"));
        const QString message = QString::fromStdString(context["error"]["message"].get<std::string>());
        QVERIFY(message.startsWith(QLatin1String("This model's maximum context length is 8192 tokens. However, "
                                                 "your messages resulted in ")));
        QVERIFY(message.contains(QLatin1String("8292 tokens"))); // always above the limit
        const json policy = parseJson(mock::contentPolicyBody());
        QCOMPARE(str(policy["error"]["message"]),
                 QStringLiteral("Your request was rejected as a result of our safety system."));
    }

    void streamPacingFollowsTokensPerSecond_data()
    {
        QTest::addColumn<double>("tokensPerSecond");
        QTest::newRow("slow") << 10.0;
        QTest::newRow("demo speed") << 45.0;
        QTest::newRow("fast") << 500.0;
        QTest::newRow("unpaced") << 0.0;
    }

    void streamPacingFollowsTokensPerSecond()
    {
        QFETCH(double, tokensPerSecond);
        MockSettings settings = fastSettings();
        settings.latencyMs = 123;
        settings.tokensPerSecond = tokensPerSecond;
        RequestOptions options;
        options.stream = true;
        const MockScript script = scriptFor(settings, chatRequest(options));
        QCOMPARE(script.steps.front().kind, MockStep::Kind::Head);
        QCOMPARE(script.steps.front().delayMs, 123);
        qint64 scheduledMs = 0;
        int contentSteps = 0;
        for (const MockStep &step : script.steps) {
            if (!step.contentEvent) {
                if (step.kind != MockStep::Kind::Head)
                    QCOMPARE(step.delayMs, 0); // framing events follow at once
                continue;
            }
            ++contentSteps;
            const QString piece = chunkContent(parseJson(ssePayloads(step.body).value(0)));
            const int expected =
                tokensPerSecond > 0 ? int(std::lround(mock::estimateTokens(piece) * 1000.0 / tokensPerSecond)) : 0;
            QCOMPARE(step.delayMs, expected);
            scheduledMs += step.delayMs;
        }
        QCOMPARE(contentSteps, mock::answerPieces(script.answerText).size());
        // The whole answer takes about completion_tokens / tokensPerSecond.
        if (tokensPerSecond > 0) {
            const double expectedMs = mock::estimateTokens(script.answerText) * 1000.0 / tokensPerSecond;
            QVERIFY2(std::abs(scheduledMs - expectedMs) <= 0.25 * expectedMs + contentSteps,
                     qPrintable(QStringLiteral("%1 vs %2").arg(scheduledMs).arg(expectedMs)));
        } else {
            QCOMPARE(scheduledMs, 0);
        }
    }

    void slowFirstTokenDelaysTheRightStep()
    {
        MockSettings settings = fastSettings();
        settings.latencyMs = 5;
        settings.tokensPerSecond = 1000;
        settings.fault = MockFault::SlowFirstToken;
        settings.delayMs = 20'000;

        RequestOptions options;
        options.stream = true;
        const MockScript stream = scriptFor(settings, chatRequest(options));
        QCOMPARE(stream.steps.front().delayMs, 5); // the head comes at once
        int contentSeen = 0;
        for (const MockStep &step : stream.steps) {
            if (!step.contentEvent)
                continue;
            if (contentSeen++ == 0)
                QCOMPARE(step.delayMs, 20'000);
            else
                QVERIFY(step.delayMs < 1'000);
        }
        QVERIFY(contentSeen > 1);

        const MockScript complete = scriptFor(settings, chatRequest());
        QCOMPARE(headOf(complete)->delayMs, 20'000);
    }

    void transportFaultsPlan_data()
    {
        QTest::addColumn<MockFault>("fault");
        QTest::addColumn<int>("steps");
        QTest::newRow("reset before headers") << MockFault::ResetBeforeHeaders << 1;
        QTest::newRow("no response") << MockFault::NoResponse << 0;
    }

    void transportFaultsPlan()
    {
        QFETCH(MockFault, fault);
        QFETCH(int, steps);
        MockSettings settings = fastSettings();
        settings.fault = fault;
        settings.latencyMs = 17;
        const MockScript script = scriptFor(settings, chatRequest());
        QCOMPARE(int(script.steps.size()), steps);
        if (steps == 1) {
            QCOMPARE(script.steps.front().kind, MockStep::Kind::Fail);
            QCOMPARE(script.steps.front().outcome, OutcomeClass::ResetBeforeResponse);
            QCOMPARE(script.steps.front().delayMs, 17);
        }
    }

    void flappingUpAnswersNormally()
    {
        MockSettings settings = fastSettings();
        settings.fault = MockFault::Flapping;
        const MockScript script = scriptFor(settings, chatRequest(), {}, false);
        QCOMPARE(headOf(script)->status, 200);
        QCOMPARE(outcomeClassName(llm::checkCompletion(bodyOf(script)).outcome), outcomeClassName(OutcomeClass::Ok));
    }

    void completionIdsAreUnique()
    {
        QSet<QByteArray> ids;
        for (int i = 0; i < 200; ++i)
            ids.insert(mock::newCompletionId());
        QCOMPARE(ids.size(), 200);
    }
};

QTEST_GUILESS_MAIN(TestMockWire)
#include "tst_mockwire.moc"
