// Non-stream Gemini answers (recorded shapes from the Gemini API docs, in
// data/*.json) through the translator: completions the executor's own
// validators accept, safety blocks reported as content policy, unusable
// bodies as malformed or truncated, and error bodies the executor's
// OutcomeClassifier sorts into the right class.

#include "fallback/Clock.h"
#include "fallback/LlmWire.h"
#include "fallback/OutcomeClassifier.h"
#include "providers/gemini/GeminiAdapter.h"
#include "providers/openai/OpenAiCompletion.h"

#include <QFile>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace understudy;
using json = nlohmann::json;

// QCOMPARE cannot print nlohmann::json; this compares and shows both dumps.
#define COMPARE_JSON(actual, expected)                                                                                 \
    do {                                                                                                               \
        const json actual_ = (actual);                                                                                 \
        const json expected_ = (expected);                                                                             \
        QVERIFY2(actual_ == expected_, qPrintable(QStringLiteral("\n   Actual: %1\n Expected: %2")                     \
                                                      .arg(QString::fromStdString(actual_.dump()),                     \
                                                           QString::fromStdString(expected_.dump()))));                \
    } while (false)

namespace {

constexpr qint64 kCreated = 1700000000;

QByteArray recorded(const QString &name)
{
    QFile file(QFINDTESTDATA(QStringLiteral("data/") + name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", qPrintable(name));
    return file.readAll();
}

struct Translated
{
    HttpHeaders headers;
    QByteArray body;
    std::optional<AdapterFailure> failure;
};

Translated translate(int status, const QByteArray &body, const QString &model = QStringLiteral("gemini-2.0-flash"),
                     const HttpHeaders &headers = {{"Content-Type", "application/json; charset=UTF-8"}})
{
    auto translator = gemini::makeResponseTranslator(false, model, "req1", false, kCreated);
    Translated out;
    out.headers = translator->head(status, headers);
    // Arrives in pieces; nothing comes out before the body is complete.
    for (qsizetype at = 0; at < body.size(); at += 7)
        out.body += translator->feed(QByteArrayView(body).sliced(at, std::min<qsizetype>(7, body.size() - at)));
    if (!out.body.isEmpty())
        qWarning("non-stream translator wrote before finish()");
    out.body += translator->finish();
    out.failure = translator->failure();
    return out;
}

json parsed(const QByteArray &body)
{
    return json::parse(body.toStdString(), nullptr, false);
}

} // namespace

class TestGeminiCompletion : public QObject
{
    Q_OBJECT

private slots:
    void textAnswer();
    void modelVersionWhenNoModelGiven();
    void functionCallAnswer();
    void severalCandidates();
    void partialAnswerStoppedBySafety();
    void blockedAnswers_data();
    void blockedAnswers();
    void unusableAnswers_data();
    void unusableAnswers();
    void errorBodies_data();
    void errorBodies();
};

void TestGeminiCompletion::textAnswer()
{
    const Translated out = translate(200, recorded(QStringLiteral("answer_text.json")));
    QVERIFY(!out.failure);
    QCOMPARE(headerValue(out.headers, "content-type"), QByteArray("application/json"));

    const openai::CompletionInfo info = openai::inspectCompletion(out.body);
    QVERIFY2(info.valid, qPrintable(info.malformedReason));
    QCOMPARE(info.text, QStringLiteral("AI learns patterns from data to make predictions."));
    QCOMPARE(info.finishReason, QStringLiteral("stop"));
    QCOMPARE(info.id, QStringLiteral("chatcmpl-req1"));
    QCOMPARE(info.model, QStringLiteral("gemini-2.0-flash"));
    QCOMPARE(info.usage.prompt, 8);
    QCOMPARE(info.usage.completion, 9);
    QCOMPARE(info.usage.total, 17);
    QVERIFY(!info.hasToolCalls);

    const llm::CompletionCheck check = llm::checkCompletion(out.body);
    QCOMPARE(check.outcome, OutcomeClass::Ok);
    COMPARE_JSON(parsed(out.body)["object"], "chat.completion");
    COMPARE_JSON(parsed(out.body)["created"], kCreated);
}

void TestGeminiCompletion::modelVersionWhenNoModelGiven()
{
    const Translated out = translate(200, recorded(QStringLiteral("answer_text.json")), QString());
    QCOMPARE(openai::inspectCompletion(out.body).model, QStringLiteral("gemini-2.0-flash"));
    const Translated thinking = translate(200, recorded(QStringLiteral("answer_function_call.json")), QString());
    QCOMPARE(openai::inspectCompletion(thinking.body).model, QStringLiteral("gemini-2.5-flash"));
}

void TestGeminiCompletion::functionCallAnswer()
{
    const Translated out = translate(200, recorded(QStringLiteral("answer_function_call.json")));
    QVERIFY(!out.failure);
    const openai::CompletionInfo info = openai::inspectCompletion(out.body);
    QVERIFY(info.valid);
    QVERIFY(info.hasToolCalls);
    QCOMPARE(info.finishReason, QStringLiteral("tool_calls"));
    QCOMPARE(info.text, QStringLiteral("Checking."));
    QCOMPARE(info.usage.completion, 71); // candidates + thoughts
    QCOMPARE(info.usage.total, 156);

    const json message = parsed(out.body)["choices"][0]["message"];
    QCOMPARE(message["tool_calls"].size(), size_t(1));
    const json call = message["tool_calls"][0];
    COMPARE_JSON(call["type"], "function");
    COMPARE_JSON(call["id"], "call_req1_0_0");
    COMPARE_JSON(call["function"]["name"], "schedule_meeting");
    // Arguments are a JSON string, as OpenAI clients expect.
    QVERIFY(call["function"]["arguments"].is_string());
    COMPARE_JSON(json::parse(call["function"]["arguments"].get<std::string>()),
                 (json{{"attendees", json::array({"Bob", "Alice"})}, {"date", "2025-03-27"}, {"time", "10:00"}}));
}

void TestGeminiCompletion::severalCandidates()
{
    const Translated out = translate(200, recorded(QStringLiteral("answer_max_tokens.json")));
    QVERIFY(!out.failure);
    const json choices = parsed(out.body)["choices"];
    QCOMPARE(choices.size(), size_t(2));
    COMPARE_JSON(choices[0]["index"], 0);
    COMPARE_JSON(choices[0]["finish_reason"], "length");
    COMPARE_JSON(choices[0]["message"]["content"], "Once upon a");
    COMPARE_JSON(choices[1]["index"], 1);
    COMPARE_JSON(choices[1]["finish_reason"], "stop");
    COMPARE_JSON(choices[1]["message"]["content"], "There was");
    QVERIFY(openai::inspectCompletion(out.body).valid);
}

void TestGeminiCompletion::partialAnswerStoppedBySafety()
{
    const Translated out = translate(200, recorded(QStringLiteral("answer_partial_safety.json")));
    QVERIFY(!out.failure);
    const openai::CompletionInfo info = openai::inspectCompletion(out.body);
    QVERIFY(info.valid);
    QCOMPARE(info.finishReason, QStringLiteral("content_filter"));
    QCOMPARE(info.text, QStringLiteral("Step one is"));
}

void TestGeminiCompletion::blockedAnswers_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("reason");
    QTest::newRow("prompt blocked") << "answer_prompt_blocked.json"
                                    << "SAFETY";
    QTest::newRow("only candidate stopped by safety") << "answer_candidate_safety.json"
                                                      << "SAFETY";
}

void TestGeminiCompletion::blockedAnswers()
{
    QFETCH(QString, file);
    QFETCH(QString, reason);
    const Translated out = translate(200, recorded(file));
    QVERIFY(out.failure);
    QCOMPARE(out.failure->outcome, OutcomeClass::ContentPolicy);
    QVERIFY(out.failure->detail.contains(reason));
    // The body is the OpenAI refusal the client gets if the chain stops here.
    const json error = parsed(out.body)["error"];
    COMPARE_JSON(error["code"], "content_policy_violation");
    QVERIFY(QString::fromStdString(error["message"].get<std::string>()).contains(reason));
    // Under an error status the executor's classifier would read it the same way.
    const ManualClock clock;
    QCOMPARE(OutcomeClassifier(clock).classify(400, {}, out.body).outcome, OutcomeClass::ContentPolicy);
}

void TestGeminiCompletion::unusableAnswers_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("outcome");

    QTest::newRow("not JSON") << QByteArray("<html>oops</html>") << "malformed_response";
    QTest::newRow("not an answer") << QByteArray("{\"hello\": 1}") << "malformed_response";
    QTest::newRow("candidates not an array") << QByteArray("{\"candidates\": 3}") << "malformed_response";
    QTest::newRow("no candidates") << QByteArray("{\"candidates\": [], \"usageMetadata\": {}}") << "malformed_response";
    QTest::newRow("parts not an array")
        << QByteArray("{\"candidates\": [{\"content\": {\"parts\": 1}, \"finishReason\": \"STOP\"}]}")
        << "malformed_response";
    QTest::newRow("empty body") << QByteArray() << "truncated";
    QTest::newRow("cut mid-way") << recorded(QStringLiteral("answer_text.json")).left(200) << "truncated";
    QTest::newRow("no finishReason")
        << QByteArray("{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"Hi\"}]}, \"index\": 0}]}")
        << "truncated";
    QTest::newRow("error object with 200")
        << QByteArray("{\"error\": {\"code\": 500, \"message\": \"Internal error\", \"status\": \"INTERNAL\"}}")
        << "in_band_error";
}

void TestGeminiCompletion::unusableAnswers()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, outcome);
    const Translated out = translate(200, body);
    QVERIFY(out.failure);
    QCOMPARE(outcomeClassName(out.failure->outcome), outcome);
    QVERIFY(!out.failure->detail.isEmpty());
    // Never a success in disguise.
    QVERIFY(llm::checkCompletion(out.body).outcome != OutcomeClass::Ok);
}

void TestGeminiCompletion::errorBodies_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("outcome"); // OutcomeClassifier on the translated body
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");

    QTest::newRow("429 RESOURCE_EXHAUSTED") << 429 << recorded(QStringLiteral("error_429.json")) << "status_429"
                                            << "RESOURCE_EXHAUSTED"
                                            << "rate_limit_exceeded"
                                            << "You exceeded your current quota";
    QTest::newRow("400 token limit") << 400 << recorded(QStringLiteral("error_400_tokens.json"))
                                     << "context_length_exceeded"
                                     << "INVALID_ARGUMENT"
                                     << "context_length_exceeded"
                                     << "exceeds the maximum number of tokens";
    QTest::newRow("400 bad argument") << 400 << recorded(QStringLiteral("error_400_argument.json")) << "status_4xx"
                                      << "INVALID_ARGUMENT"
                                      << "INVALID_ARGUMENT"
                                      << "contents is not specified";
    QTest::newRow("400 invalid key, array form")
        << 400 << recorded(QStringLiteral("error_400_key.json")) << "auth_error"
        << "INVALID_ARGUMENT"
        << "invalid_api_key"
        << "API key not valid";
    QTest::newRow("403 PERMISSION_DENIED") << 403 << recorded(QStringLiteral("error_403.json")) << "auth_error"
                                           << "PERMISSION_DENIED"
                                           << "PERMISSION_DENIED"
                                           << "unregistered callers";
    QTest::newRow("503 UNAVAILABLE") << 503 << recorded(QStringLiteral("error_503.json")) << "status_5xx"
                                     << "UNAVAILABLE"
                                     << "UNAVAILABLE"
                                     << "The model is overloaded";
    QTest::newRow("502 from a proxy, HTML")
        << 502 << QByteArray("<html><body><h1>502 Bad Gateway</h1></body></html>") << "status_5xx"
        << "api_error" << QString() << "502 Bad Gateway";
    QTest::newRow("500 without body") << 500 << QByteArray() << "status_5xx"
                                      << "api_error" << QString() << "without a body";
}

void TestGeminiCompletion::errorBodies()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, outcome);
    QFETCH(QString, type);
    QFETCH(QString, code);
    QFETCH(QString, message);

    const HttpHeaders upstream{{"Content-Type", "application/json; charset=UTF-8"},
                               {"Content-Length", QByteArray::number(body.size())},
                               {"Retry-After", "27"}};
    const Translated out = translate(status, body, QStringLiteral("gemini-2.0-flash"), upstream);
    QVERIFY(!out.failure); // error statuses are classified, not failed
    QCOMPARE(headerValue(out.headers, "content-type"), QByteArray("application/json"));
    QVERIFY(!hasHeader(out.headers, "content-length"));

    const json error = parsed(out.body)["error"];
    QVERIFY(error.is_object());
    QCOMPARE(QString::fromStdString(error["type"].get<std::string>()), type);
    QCOMPARE(error["code"].is_null() ? QString() : QString::fromStdString(error["code"].get<std::string>()), code);
    QVERIFY2(QString::fromStdString(error["message"].get<std::string>()).contains(message), out.body.constData());
    COMPARE_JSON(error["request_id"], "req1");

    const ManualClock clock;
    const ResponseClassification classified = OutcomeClassifier(clock).classify(status, out.headers, out.body);
    QCOMPARE(outcomeClassName(classified.outcome), outcome);
    QCOMPARE(classified.status, status);
    QCOMPARE(classified.retryAfterMs, std::optional<qint64>(27000));
}

QTEST_GUILESS_MAIN(TestGeminiCompletion)
#include "tst_geminicompletion.moc"
