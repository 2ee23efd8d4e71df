#include "providers/openai/OpenAiRequest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace understudy::openai;

namespace {

QJsonObject object(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        qWarning("not a JSON object: %s", json.constData());
    return doc.object();
}

const QByteArray kChat = R"({"model":"gpt-4o","messages":[{"role":"system","content":"Be brief."},)"
                         R"({"role":"user","content":"Hello"}],"temperature":0.2})";

} // namespace

class TestOpenAiRequest : public QObject
{
    Q_OBJECT

private slots:
    void validation_data();
    void validation();
    void readsStreamingFields();
    void rewritesModel();
    void prefill_data();
    void prefill();
    void estimatesTokens_data();
    void estimatesTokens();
    void cacheKeyIsStable_data();
    void cacheKeyIsStable();
    void cacheKeyDiffers_data();
    void cacheKeyDiffers();
};

void TestOpenAiRequest::validation_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("param"); // empty = valid
    QTest::addColumn<QString>("code");

    const QByteArray msgs = R"("messages":[{"role":"user","content":"hi"}])";
    QTest::newRow("valid minimal") << "{\"model\":\"m\"," + msgs + "}"
                                   << ""
                                   << "";
    QTest::newRow("valid rich")
        << QByteArray(
               R"({"model":"m","messages":[{"role":"developer","content":"x"},{"role":"user","content":[)"
               R"({"type":"text","text":"see"},{"type":"image_url","image_url":{"url":"data:,"}}]},)"
               R"({"role":"assistant","content":null,"tool_calls":[{"id":"c","type":"function",)"
               R"("function":{"name":"f","arguments":"{}"}}]},{"role":"tool","tool_call_id":"c","content":"1"}],)"
               R"("stream":true,"stream_options":{"include_usage":true},"n":1,"max_tokens":10,"temperature":1,)"
               R"("top_p":0.5,"stop":["\n"],"seed":42,"tools":[],"vendor_extension":{"x":1}})")
        << ""
        << "";
    QTest::newRow("not JSON") << QByteArray("{\"model\":") << ""
                              << "invalid_json";
    QTest::newRow("JSON array") << QByteArray("[]") << ""
                                << "invalid_json";
    QTest::newRow("model missing") << "{" + msgs + "}"
                                   << "model"
                                   << "missing_required_parameter";
    QTest::newRow("model not a string") << "{\"model\":4," + msgs + "}"
                                        << "model"
                                        << "invalid_type";
    QTest::newRow("model empty") << "{\"model\":\"\"," + msgs + "}"
                                 << "model"
                                 << "invalid_value";
    QTest::newRow("messages missing") << QByteArray(R"({"model":"m"})") << "messages"
                                      << "missing_required_parameter";
    QTest::newRow("messages not an array") << QByteArray(R"({"model":"m","messages":"hi"})") << "messages"
                                           << "invalid_type";
    QTest::newRow("messages empty") << QByteArray(R"({"model":"m","messages":[]})") << "messages"
                                    << "invalid_value";
    QTest::newRow("message not an object") << QByteArray(R"({"model":"m","messages":["hi"]})") << "messages[0]"
                                           << "invalid_type";
    QTest::newRow("role missing") << QByteArray(
                                         R"({"model":"m","messages":[{"role":"user","content":"a"},{"content":"b"}]})")
                                  << "messages[1].role"
                                  << "missing_required_parameter";
    QTest::newRow("role not a string") << QByteArray(R"({"model":"m","messages":[{"role":1,"content":"a"}]})")
                                       << "messages[0].role"
                                       << "invalid_type";
    QTest::newRow("role unknown") << QByteArray(R"({"model":"m","messages":[{"role":"robot","content":"a"}]})")
                                  << "messages[0].role"
                                  << "invalid_value";
    QTest::newRow("user content missing")
        << QByteArray(R"({"model":"m","messages":[{"role":"user"}]})") << "messages[0].content"
        << "missing_required_parameter";
    QTest::newRow("content a number") << QByteArray(R"({"model":"m","messages":[{"role":"user","content":5}]})")
                                      << "messages[0].content"
                                      << "invalid_type";
    QTest::newRow("content part without type")
        << QByteArray(R"({"model":"m","messages":[{"role":"user","content":[{"text":"a"}]}]})")
        << "messages[0].content[0].type"
        << "missing_required_parameter";
    QTest::newRow("text part without text")
        << QByteArray(R"({"model":"m","messages":[{"role":"user","content":[{"type":"text"}]}]})")
        << "messages[0].content[0].text"
        << "invalid_type";
    QTest::newRow("tool message without tool_call_id")
        << QByteArray(R"({"model":"m","messages":[{"role":"tool","content":"1"}]})") << "messages[0].tool_call_id"
        << "missing_required_parameter";
    QTest::newRow("stream not a boolean") << "{\"model\":\"m\"," + msgs + ",\"stream\":\"yes\"}"
                                          << "stream"
                                          << "invalid_type";
    QTest::newRow("stream null is fine") << "{\"model\":\"m\"," + msgs + ",\"stream\":null}"
                                         << ""
                                         << "";
    QTest::newRow("stream_options without stream")
        << "{\"model\":\"m\"," + msgs + ",\"stream_options\":{\"include_usage\":true}}"
        << "stream_options"
        << "invalid_value";
    QTest::newRow("include_usage not a boolean")
        << "{\"model\":\"m\"," + msgs + ",\"stream\":true,\"stream_options\":{\"include_usage\":1}}"
        << "stream_options.include_usage"
        << "invalid_type";
    QTest::newRow("n zero") << "{\"model\":\"m\"," + msgs + ",\"n\":0}"
                            << "n"
                            << "invalid_value";
    QTest::newRow("n decimal") << "{\"model\":\"m\"," + msgs + ",\"n\":1.5}"
                               << "n"
                               << "invalid_type";
    QTest::newRow("temperature too high") << "{\"model\":\"m\"," + msgs + ",\"temperature\":3}"
                                          << "temperature"
                                          << "invalid_value";
    QTest::newRow("max_tokens a string") << "{\"model\":\"m\"," + msgs + ",\"max_tokens\":\"10\"}"
                                         << "max_tokens"
                                         << "invalid_type";
    QTest::newRow("stop a number") << "{\"model\":\"m\"," + msgs + ",\"stop\":1}"
                                   << "stop"
                                   << "invalid_type";
    QTest::newRow("stop array with a number") << "{\"model\":\"m\"," + msgs + ",\"stop\":[\"a\",2]}"
                                              << "stop[1]"
                                              << "invalid_type";
    QTest::newRow("tools an object") << "{\"model\":\"m\"," + msgs + ",\"tools\":{}}"
                                     << "tools"
                                     << "invalid_type";
}

void TestOpenAiRequest::validation()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, param);
    QFETCH(QString, code);
    const ChatRequestInfo info = parseChatRequest(body);
    const bool shouldBeValid = param.isEmpty() && code.isEmpty();
    QVERIFY2(info.valid == shouldBeValid, qPrintable(info.error));
    QCOMPARE(info.param, param);
    QCOMPARE(info.code, code);
    if (!shouldBeValid) {
        QVERIFY(!info.error.isEmpty());
        // The message names the field, as OpenAI's do.
        if (!param.isEmpty())
            QVERIFY2(info.error.contains(QLatin1Char('\'') + param + QLatin1Char('\'')), qPrintable(info.error));
    }
}

void TestOpenAiRequest::readsStreamingFields()
{
    ChatRequestInfo info = parseChatRequest(kChat);
    QVERIFY(info.valid);
    QCOMPARE(info.model, QStringLiteral("gpt-4o"));
    QCOMPARE(info.messageCount, 2);
    QVERIFY(!info.stream);
    QVERIFY(!info.includeUsage);
    QCOMPARE(info.n, 1);

    info = parseChatRequest(R"({"model":"m","messages":[{"role":"user","content":"a"}],"stream":true,)"
                            R"("stream_options":{"include_usage":true},"n":3})");
    QVERIFY(info.valid);
    QVERIFY(info.stream);
    QVERIFY(info.includeUsage);
    QCOMPARE(info.n, 3);
}

void TestOpenAiRequest::rewritesModel()
{
    const auto rewritten = rewriteModel(kChat, QStringLiteral("claude-3-5-sonnet"));
    QVERIFY(rewritten.ok());
    const QJsonObject doc = object(*rewritten);
    QCOMPARE(doc.value(QStringLiteral("model")).toString(), QStringLiteral("claude-3-5-sonnet"));
    QCOMPARE(doc.value(QStringLiteral("messages")).toArray().size(), 2);
    QCOMPARE(doc.value(QStringLiteral("temperature")).toDouble(), 0.2);
    QVERIFY(!rewriteModel("not json", QStringLiteral("m")).ok());
    QVERIFY(!rewriteModel("[1]", QStringLiteral("m")).ok());
}

void TestOpenAiRequest::prefill_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("messages");
    QTest::addColumn<QString>("lastContent"); // JSON of the last message's content

    QTest::newRow("appends after user") << kChat << 3 << R"("The answer)";
    QTest::newRow("extends trailing assistant text")
        << QByteArray(
               R"({"model":"m","messages":[{"role":"user","content":"q"},{"role":"assistant","content":"Sure: "}]})")
        << 2 << R"("Sure: The answer)";
    QTest::newRow("extends trailing assistant parts")
        << QByteArray(R"({"model":"m","messages":[{"role":"assistant","content":[{"type":"text","text":"A"}]}]})") << 1
        << R"([{"text":"A","type":"text"},{"text":"The answer","type":"text"}])";
    QTest::newRow("fills trailing assistant null content")
        << QByteArray(R"({"model":"m","messages":[{"role":"user","content":"q"},{"role":"assistant","content":null}]})")
        << 2 << R"("The answer)";
    QTest::newRow("does not touch a tool-call message")
        << QByteArray(R"({"model":"m","messages":[{"role":"assistant","content":null,"tool_calls":[]}]})") << 2
        << R"("The answer)";
}

void TestOpenAiRequest::prefill()
{
    QFETCH(QByteArray, body);
    QFETCH(int, messages);
    QFETCH(QString, lastContent);
    const auto out = withAssistantPrefill(body, QStringLiteral("The answer"));
    QVERIFY(out.ok());
    const QJsonArray list = object(*out).value(QStringLiteral("messages")).toArray();
    QCOMPARE(list.size(), messages);
    const QJsonObject last = list.last().toObject();
    QCOMPARE(last.value(QStringLiteral("role")).toString(), QStringLiteral("assistant"));
    const QJsonValue content = last.value(QStringLiteral("content"));
    const QString actual = content.isString()
                               ? QLatin1Char('"') + content.toString()
                               : QString::fromUtf8(QJsonDocument(content.toArray()).toJson(QJsonDocument::Compact));
    QCOMPARE(actual, lastContent);
    QVERIFY(!withAssistantPrefill(R"({"model":"m"})", QStringLiteral("x")).ok());
}

void TestOpenAiRequest::estimatesTokens_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<qint64>("low");
    QTest::addColumn<qint64>("high");

    // 400 ASCII characters: 100 tokens + 4 per message + 3 priming.
    const QByteArray text(400, 'a');
    QTest::newRow("ascii") << R"({"model":"m","messages":[{"role":"user","content":")" + text + "\"}]}" << qint64(107)
                           << qint64(107);
    QTest::newRow("two messages") << R"({"model":"m","messages":[{"role":"system","content":")" + text +
                                         R"("},{"role":"user","content":")" + text + "\"}]}"
                                  << qint64(211) << qint64(211);
    // 30 CJK characters: 20 tokens by the 2-per-3 rule.
    QTest::newRow("cjk") << QString(QStringLiteral(R"({"model":"m","messages":[{"role":"user","content":"%1"}]})"))
                                .arg(QString(30, QChar(0x4E2D)))
                                .toUtf8()
                         << qint64(27) << qint64(27);
    QTest::newRow("image part") << QByteArray(R"({"model":"m","messages":[{"role":"user","content":[)"
                                              R"({"type":"image_url","image_url":{"url":"https://x/y.png"}}]}]})")
                                << qint64(92) << qint64(92);
    QTest::newRow("tools count") << R"({"model":"m","tools":[{"type":"function","function":{"name":")" + text +
                                        R"("}}],"messages":[{"role":"user","content":"hi"}]})"
                                 << qint64(100) << qint64(130);
    QTest::newRow("not a chat request") << QByteArray(R"({"input":"x"})") << qint64(-1) << qint64(-1);
    QTest::newRow("not JSON") << QByteArray("x") << qint64(-1) << qint64(-1);
}

void TestOpenAiRequest::estimatesTokens()
{
    QFETCH(QByteArray, body);
    QFETCH(qint64, low);
    QFETCH(qint64, high);
    const qint64 tokens = estimatePromptTokens(body);
    QVERIFY2(tokens >= low && tokens <= high, qPrintable(QString::number(tokens)));
}

void TestOpenAiRequest::cacheKeyIsStable_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::newRow("key order") << kChat
                               << QByteArray(
                                      R"({"temperature":0.2,"messages":[{"content":"Be brief.","role":"system"},)"
                                      R"({"content":"Hello","role":"user"}],"model":"gpt-4o"})");
    QTest::newRow("whitespace") << kChat << QJsonDocument(object(kChat)).toJson(QJsonDocument::Indented);
    QTest::newRow("stream flag and options ignored")
        << kChat
        << QByteArray(
               R"({"model":"gpt-4o","stream":true,"stream_options":{"include_usage":true},"messages":[)"
               R"({"role":"system","content":"Be brief."},{"role":"user","content":"Hello"}],"temperature":0.2})");
    QTest::newRow("user and metadata ignored")
        << kChat
        << QByteArray(
               R"({"model":"gpt-4o","user":"u-42","metadata":{"a":"b"},"messages":[)"
               R"({"role":"system","content":"Be brief."},{"role":"user","content":"Hello"}],"temperature":0.2})");
    QTest::newRow("1 and 1.0") << QByteArray(R"({"model":"m","messages":[],"temperature":1})")
                               << QByteArray(R"({"model":"m","messages":[],"temperature":1.0})");
}

void TestOpenAiRequest::cacheKeyIsStable()
{
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    const QString key = normalizedCacheKey(QStringLiteral("chat"), a);
    QCOMPARE(key.size(), 64);
    QCOMPARE(key, normalizedCacheKey(QStringLiteral("chat"), b));
}

void TestOpenAiRequest::cacheKeyDiffers_data()
{
    QTest::addColumn<QByteArray>("other");
    QTest::addColumn<QString>("route");
    QTest::newRow("different message")
        << QByteArray(R"({"model":"gpt-4o","messages":[{"role":"system","content":"Be brief."},)"
                      R"({"role":"user","content":"Hello!"}],"temperature":0.2})")
        << "chat";
    QTest::newRow("different model")
        << QByteArray(R"({"model":"gpt-4o-mini","messages":[{"role":"system","content":"Be brief."},)"
                      R"({"role":"user","content":"Hello"}],"temperature":0.2})")
        << "chat";
    QTest::newRow("message order") << QByteArray(R"({"model":"gpt-4o","messages":[{"role":"user","content":"Hello"},)"
                                                 R"({"role":"system","content":"Be brief."}],"temperature":0.2})")
                                   << "chat";
    QTest::newRow("n kept") << QByteArray(
                                   R"({"model":"gpt-4o","n":2,"messages":[{"role":"system","content":"Be brief."},)"
                                   R"({"role":"user","content":"Hello"}],"temperature":0.2})")
                            << "chat";
    QTest::newRow("temperature") << QByteArray(
                                        R"({"model":"gpt-4o","messages":[{"role":"system","content":"Be brief."},)"
                                        R"({"role":"user","content":"Hello"}],"temperature":0.3})")
                                 << "chat";
    QTest::newRow("same body, other route") << kChat << "other-route";
}

void TestOpenAiRequest::cacheKeyDiffers()
{
    QFETCH(QByteArray, other);
    QFETCH(QString, route);
    QVERIFY(normalizedCacheKey(QStringLiteral("chat"), kChat) != normalizedCacheKey(route, other));
}

QTEST_GUILESS_MAIN(TestOpenAiRequest)
#include "tst_openairequest.moc"
