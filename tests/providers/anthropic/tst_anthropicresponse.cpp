// Whole Anthropic answers (Messages and error bodies) in, OpenAI answers
// out, checked with the executor's own readers: llm::checkCompletion for
// completions and OutcomeClassifier for error statuses.

#include "../../fallback/ProviderErrorBodies.h"
#include "AnthropicRecordings.h"
#include "fallback/Clock.h"
#include "fallback/LlmWire.h"
#include "fallback/OutcomeClassifier.h"
#include "providers/anthropic/AnthropicAdapter.h"

#include <QTest>

#include <nlohmann/json.hpp>

using namespace understudy;
using json = nlohmann::json;

#define JCOMPARE(actual, expected)                                                                                     \
    do {                                                                                                               \
        const json actualJson_ = (actual);                                                                             \
        const json expectedJson_ = (expected);                                                                         \
        QVERIFY2(actualJson_ == expectedJson_, qPrintable(QStringLiteral("got %1, expected %2")                        \
                                                              .arg(QString::fromStdString(actualJson_.dump()),         \
                                                                   QString::fromStdString(expectedJson_.dump()))));    \
    } while (false)

namespace {

constexpr qint64 kCreated = 1'700'000'000;

struct Run
{
    HttpHeaders headers;
    QByteArray out;
    std::optional<AdapterFailure> failure;
};

// A non-stream answer fed byte by byte (or whole), then finished.
Run translate(int status, const QByteArray &body, const HttpHeaders &headers, bool byteByByte = false)
{
    auto translator =
        anthropic::makeResponseTranslator(false, QStringLiteral("claude-asked-for"), "req-7", false, kCreated);
    Run run;
    run.headers = translator->head(status, headers);
    if (byteByByte) {
        for (qsizetype i = 0; i < body.size(); ++i)
            run.out += translator->feed(QByteArrayView(body).sliced(i, 1));
    } else {
        run.out += translator->feed(body);
    }
    run.out += translator->finish();
    run.failure = translator->failure();
    return run;
}

Run translate(int status, const QByteArray &body)
{
    return translate(status, body, {{"content-type", "application/json"}});
}

json parsed(const QByteArray &bytes)
{
    return json::parse(bytes.begin(), bytes.end(), nullptr, false);
}

} // namespace

class TestAnthropicResponse : public QObject
{
    Q_OBJECT

private slots:
    void textMessage();
    void toolUseMessage();
    void toolOnlyMessageHasNullContent();
    void finishReasons_data();
    void finishReasons();
    void noStopReasonIsNotAFinish();
    void unusableAnswers_data();
    void unusableAnswers();
    void errorBodies_data();
    void errorBodies();
    void classificationSurvivesTranslation();
    void headersForAnAnswer();
    void redirectsPassThrough();
};

void TestAnthropicResponse::textMessage()
{
    const Run whole = translate(200, recordings::textMessage());
    QVERIFY(!whole.failure);
    QCOMPARE(translate(200, recordings::textMessage(), {{"content-type", "application/json"}}, true).out, whole.out);

    const llm::CompletionCheck check = llm::checkCompletion(whole.out);
    QCOMPARE(check.outcome, OutcomeClass::Ok);
    QCOMPARE(check.model, QStringLiteral("claude-sonnet-4-5-20250929"));
    QCOMPARE(check.promptTokens, 2095);
    QCOMPARE(check.completionTokens, 503);

    const json doc = parsed(whole.out);
    JCOMPARE(doc["id"], "msg_01XFDUDYJgAACzvnptvVoYEL");
    JCOMPARE(doc["object"], "chat.completion");
    JCOMPARE(doc["created"], kCreated);
    JCOMPARE(doc["choices"][0]["index"], 0);
    JCOMPARE(doc["choices"][0]["message"]["role"], "assistant");
    JCOMPARE(doc["choices"][0]["message"]["content"], "Hi! My name is Claude.");
    QVERIFY(!doc["choices"][0]["message"].contains("tool_calls"));
    JCOMPARE(doc["choices"][0]["finish_reason"], "stop");
    JCOMPARE(doc["usage"], json({{"prompt_tokens", 2095}, {"completion_tokens", 503}, {"total_tokens", 2598}}));
}

void TestAnthropicResponse::toolUseMessage()
{
    const Run run = translate(200, recordings::toolUseMessage());
    QVERIFY(!run.failure);
    QCOMPARE(llm::checkCompletion(run.out).outcome, OutcomeClass::Ok);
    const json doc = parsed(run.out);
    const json &message = doc["choices"][0]["message"];
    JCOMPARE(message["content"], "I'll check the weather.");
    JCOMPARE(message["tool_calls"].size(), 1);
    const json &call = message["tool_calls"][0];
    JCOMPARE(call["id"], "toolu_01A09q90qw90lq917835lq9");
    JCOMPARE(call["type"], "function");
    JCOMPARE(call["function"]["name"], "get_weather");
    QVERIFY(call["function"]["arguments"].is_string()); // a JSON text, as OpenAI sends it
    JCOMPARE(json::parse(call["function"]["arguments"].get<std::string>()),
             json({{"location", "San Francisco, CA"}, {"unit", "celsius"}}));
    JCOMPARE(doc["choices"][0]["finish_reason"], "tool_calls");
    // Cached prompt tokens are prompt tokens to OpenAI clients.
    JCOMPARE(doc["usage"]["prompt_tokens"], 384 + 100);
    JCOMPARE(doc["usage"]["prompt_tokens_details"]["cached_tokens"], 100);
    JCOMPARE(doc["usage"]["total_tokens"], 384 + 100 + 92);
}

void TestAnthropicResponse::toolOnlyMessageHasNullContent()
{
    const json doc = parsed(translate(200, recordings::toolOnlyMessage()).out);
    const json &message = doc["choices"][0]["message"];
    QVERIFY(message["content"].is_null());
    JCOMPARE(message["tool_calls"][0]["function"]["arguments"], "{}");
}

void TestAnthropicResponse::finishReasons_data()
{
    QTest::addColumn<QString>("stopReason");
    QTest::addColumn<QString>("finishReason");
    QTest::newRow("end_turn") << QStringLiteral("end_turn") << QStringLiteral("stop");
    QTest::newRow("stop_sequence") << QStringLiteral("stop_sequence") << QStringLiteral("stop");
    QTest::newRow("max_tokens") << QStringLiteral("max_tokens") << QStringLiteral("length");
    QTest::newRow("tool_use") << QStringLiteral("tool_use") << QStringLiteral("tool_calls");
    QTest::newRow("refusal") << QStringLiteral("refusal") << QStringLiteral("content_filter");
    QTest::newRow("pause_turn") << QStringLiteral("pause_turn") << QStringLiteral("stop");
    QTest::newRow("model_context_window_exceeded")
        << QStringLiteral("model_context_window_exceeded") << QStringLiteral("length");
    QTest::newRow("a reason from a later version") << QStringLiteral("something_new") << QStringLiteral("stop");
}

void TestAnthropicResponse::finishReasons()
{
    QFETCH(QString, stopReason);
    QFETCH(QString, finishReason);
    QCOMPARE(anthropic::finishReasonFor(stopReason), finishReason);
    const json doc = parsed(translate(200, recordings::messageWithStopReason('"' + stopReason.toUtf8() + '"')).out);
    JCOMPARE(doc["choices"][0]["finish_reason"], finishReason.toStdString());
}

void TestAnthropicResponse::noStopReasonIsNotAFinish()
{
    // Never an invented success: the executor reads a missing finish reason
    // as truncated.
    QVERIFY(anthropic::finishReasonFor({}).isEmpty());
    const Run run = translate(200, recordings::messageWithStopReason("null"));
    QCOMPARE(llm::checkCompletion(run.out).outcome, OutcomeClass::Truncated);
}

void TestAnthropicResponse::unusableAnswers_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<OutcomeClass>("outcome");
    for (const recordings::BadAnswer &answer : recordings::badAnswers())
        QTest::newRow(answer.name) << answer.body << answer.outcome;
}

void TestAnthropicResponse::unusableAnswers()
{
    QFETCH(QByteArray, body);
    QFETCH(OutcomeClass, outcome);
    const Run run = translate(200, body);
    QVERIFY(run.failure);
    QCOMPARE(run.failure->outcome, outcome);
    QVERIFY(!run.failure->detail.isEmpty());
    // The executor's own check of the bytes agrees (for bodies it can tell apart).
    if (outcome == OutcomeClass::InBandError) {
        const json doc = parsed(run.out);
        JCOMPARE(doc["error"]["type"], "overloaded_error");
        QCOMPARE(llm::checkCompletion(run.out).outcome, OutcomeClass::InBandError);
    } else {
        QVERIFY(llm::checkCompletion(run.out).outcome != OutcomeClass::Ok);
    }
}

void TestAnthropicResponse::errorBodies_data()
{
    QTest::addColumn<int>("index");
    const std::vector<recordings::ErrorCase> cases = recordings::errorCases();
    for (size_t i = 0; i < cases.size(); ++i)
        QTest::newRow(cases[i].name) << int(i);
}

void TestAnthropicResponse::errorBodies()
{
    QFETCH(int, index);
    const recordings::ErrorCase c = recordings::errorCases()[size_t(index)];
    HttpHeaders upstream{{"content-type", "application/json"}, {"content-length", "999"}, {"request-id", "req_011"}};
    if (!c.retryAfter.isEmpty())
        upstream.emplace_back("retry-after", c.retryAfter);

    const Run run = translate(c.status, c.body, upstream, true);
    QVERIFY(!run.failure); // error statuses are classified, not failed
    QCOMPARE(translate(c.status, c.body, upstream).out, run.out);

    // OpenAI's error shape, keeping Anthropic's type.
    const json doc = parsed(run.out);
    QVERIFY2(doc.is_object() && doc["error"].is_object(), run.out.constData());
    JCOMPARE(doc["error"]["type"], c.type);
    JCOMPARE(doc["error"]["code"], c.code);
    QVERIFY(doc["error"].contains("param"));
    QVERIFY2(doc["error"]["message"].get<std::string>().starts_with(c.message),
             doc["error"]["message"].get<std::string>().c_str());

    // Headers: JSON, no length, retry-after and request-id kept.
    QCOMPARE(headerValue(run.headers, "content-type"), QByteArray("application/json"));
    QVERIFY(!hasHeader(run.headers, "content-length"));
    QCOMPARE(headerValue(run.headers, "request-id"), QByteArray("req_011"));
    if (!c.retryAfter.isEmpty())
        QCOMPARE(headerValue(run.headers, "retry-after"), c.retryAfter);

    // What the executor decides from the translated answer, status kept.
    ManualClock clock;
    const ResponseClassification classified = OutcomeClassifier(clock).classify(c.status, run.headers, run.out);
    QCOMPARE(classified.outcome, c.outcome);
    QCOMPARE(classified.status, c.status);
    QCOMPARE(classified.retryAfterMs.value_or(-1), c.retryAfterMs);
    QCOMPARE(classified.providerCode, QString::fromLatin1(c.code));
}

void TestAnthropicResponse::classificationSurvivesTranslation()
{
    // Every Anthropic-shaped or non-JSON error body the classifier's own
    // tests know gets the same class once translated.
    ManualClock clock;
    const OutcomeClassifier classifier(clock);
    int checked = 0;
    for (const ProviderErrorCase &c : providerErrorCases()) {
        const QByteArray body(c.body);
        const bool anthropicShape = body.contains("\"type\":\"error\"");
        const bool json = parsed(body).is_object() || parsed(body).is_array();
        if (c.status < 400 || !(anthropicShape || !json))
            continue;
        const Run run = translate(c.status, body);
        const ResponseClassification translated = classifier.classify(c.status, run.headers, run.out);
        QVERIFY2(translated.outcome == c.outcome, c.name);
        ++checked;
    }
    QVERIFY(checked >= 8);
}

void TestAnthropicResponse::headersForAnAnswer()
{
    const Run run = translate(200, recordings::textMessage(),
                              {{"Content-Type", "application/json"},
                               {"Content-Length", "321"},
                               {"Content-Encoding", "identity"},
                               {"request-id", "req_01"},
                               {"anthropic-ratelimit-tokens-remaining", "39000"}});
    QCOMPARE(headerValues(run.headers, "content-type"), std::vector<QByteArray>{"application/json"});
    QVERIFY(!hasHeader(run.headers, "content-length"));
    QVERIFY(!hasHeader(run.headers, "content-encoding"));
    QCOMPARE(headerValue(run.headers, "request-id"), QByteArray("req_01"));
    QCOMPARE(headerValue(run.headers, "anthropic-ratelimit-tokens-remaining"), QByteArray("39000"));

    // A stream request that failed answers JSON too.
    auto translator = anthropic::makeResponseTranslator(true, QStringLiteral("m"), {}, true, kCreated);
    const HttpHeaders failed = translator->head(529, {{"content-type", "application/json"}, {"retry-after", "3"}});
    QCOMPARE(headerValue(failed, "content-type"), QByteArray("application/json"));
    QCOMPARE(headerValue(failed, "retry-after"), QByteArray("3"));
    translator->feed(recordings::overloadedError());
    const json doc = parsed(translator->finish());
    JCOMPARE(doc["error"]["type"], "overloaded_error");
    JCOMPARE(doc["error"]["request_id"], "req_011CSHoEeqs5C35K2UUqR7Fy");
}

void TestAnthropicResponse::redirectsPassThrough()
{
    const Run run = translate(307, "moved", {{"content-type", "text/plain"}, {"location", "https://elsewhere"}});
    QCOMPARE(run.out, QByteArray("moved"));
    QVERIFY(!run.failure);
    QCOMPARE(headerValue(run.headers, "location"), QByteArray("https://elsewhere"));
    QCOMPARE(headerValue(run.headers, "content-type"), QByteArray("text/plain"));
}

QTEST_GUILESS_MAIN(TestAnthropicResponse)
#include "tst_anthropicresponse.moc"
