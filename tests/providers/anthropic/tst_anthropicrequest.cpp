// OpenAI chat requests in, Anthropic Messages requests out.

#include "providers/anthropic/AnthropicAdapter.h"

#include <QTest>

#include <nlohmann/json.hpp>

using namespace understudy;
using json = nlohmann::json;
using ordered = nlohmann::ordered_json;

#define JCOMPARE(actual, expected)                                                                                     \
    do {                                                                                                               \
        const json actualJson_ = (actual);                                                                             \
        const json expectedJson_ = (expected);                                                                         \
        QVERIFY2(actualJson_ == expectedJson_, qPrintable(QStringLiteral("got %1, expected %2")                        \
                                                              .arg(QString::fromStdString(actualJson_.dump()),         \
                                                                   QString::fromStdString(expectedJson_.dump()))));    \
    } while (false)

namespace {

json user(const json &content)
{
    return json{{"role", "user"}, {"content", content}};
}

json assistant(const json &content)
{
    return json{{"role", "assistant"}, {"content", content}};
}

json text(const std::string &value)
{
    return json{{"type", "text"}, {"text", value}};
}

json chat(const json &messages, const json &extra = json::object())
{
    json body{{"model", "gpt-4o"}, {"messages", messages}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        body[it.key()] = it.value();
    return body;
}

AdapterRequestInput input(const QByteArray &body, const QString &prefill = {})
{
    AdapterRequestInput in;
    in.openAiBody = body;
    in.model = QStringLiteral("claude-sonnet-4-5");
    in.prefill = prefill;
    in.credential = "sk-ant-test";
    return in;
}

AdapterRequestInput input(const json &body, const QString &prefill = {})
{
    return input(QByteArray::fromStdString(body.dump()), prefill);
}

// The translated body; fails the test when translation fails.
json translated(const json &body, const QString &prefill = {})
{
    const Result<AdapterRequest> request = anthropic::translateRequest(input(body, prefill));
    if (!request.ok()) {
        qWarning("translation failed: %s", qPrintable(request.error().message));
        return json();
    }
    return json::parse(request->body.begin(), request->body.end());
}

const json kWeatherTool{{"type", "function"},
                        {"function",
                         {{"name", "get_weather"},
                          {"description", "Current weather for a city"},
                          {"parameters",
                           {{"type", "object"},
                            {"properties", {{"location", {{"type", "string"}}}}},
                            {"required", json::array({"location"})}}}}}};

} // namespace

class TestAnthropicRequest : public QObject
{
    Q_OBJECT

private slots:
    void basicRequest();
    void paths_data();
    void paths();
    void noCredentialNoAuthHeader();
    void streaming();
    void multiPartWithImages();
    void pdfFilePart();
    void toolsRoundTrip();
    void toolSchemaKeepsItsOrder();
    void toolChoice_data();
    void toolChoice();
    void toolResultContent();
    void sameRoleMessagesMerge();
    void blankTextIsDropped();
    void stop_data();
    void stop();
    void maxTokens();
    void sampling();
    void prefill_data();
    void prefill();
    void responseFormat();
    void userBecomesMetadata();
    void legacyFunctions();
    void errors_data();
    void errors();
};

void TestAnthropicRequest::basicRequest()
{
    const json body = chat(json::array(
        {json{{"role", "system"}, {"content", "You are terse."}},
         json{{"role", "developer"}, {"content", json::array({text("Answer in French.")})}}, user("Hello")}));
    const Result<AdapterRequest> request = anthropic::translateRequest(input(body));
    QVERIFY(request.ok());
    QCOMPARE(request->method, QByteArray("POST"));
    QCOMPARE(request->path, QStringLiteral("/v1/messages"));
    QVERIFY(!request->stream);
    const HttpHeaders expectedHeaders{
        {"x-api-key", "sk-ant-test"}, {"anthropic-version", "2023-06-01"}, {"content-type", "application/json"}};
    QCOMPARE(request->headers, expectedHeaders);
    JCOMPARE(json::parse(request->body.begin(), request->body.end()),
             json({{"model", "claude-sonnet-4-5"}, // the target's model, not the client's
                   {"max_tokens", 4096},           // Anthropic requires it
                   {"system", "You are terse.\n\nAnswer in French."},
                   {"messages", json::array({json{{"role", "user"}, {"content", "Hello"}}})}}));
}

void TestAnthropicRequest::paths_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("path");
    QTest::newRow("origin only") << QString() << QStringLiteral("/v1/messages");
    QTest::newRow("slash") << QStringLiteral("/") << QStringLiteral("/v1/messages");
    QTest::newRow("v1") << QStringLiteral("/v1") << QStringLiteral("/v1/messages");
    QTest::newRow("v1 slash") << QStringLiteral("/v1/") << QStringLiteral("/v1/messages");
    QTest::newRow("a proxy prefix") << QStringLiteral("/anthropic") << QStringLiteral("/anthropic/v1/messages");
    QTest::newRow("a proxy prefix with v1") << QStringLiteral("/anthropic/v1") << QStringLiteral("/anthropic/v1/messages");
}

void TestAnthropicRequest::paths()
{
    QFETCH(QString, base);
    QFETCH(QString, path);
    AdapterRequestInput in = input(chat(json::array({user("Hi")})));
    in.baseUrlPath = base;
    const Result<AdapterRequest> request = anthropic::translateRequest(in);
    QVERIFY(request.ok());
    QCOMPARE(request->path, path);
}

void TestAnthropicRequest::noCredentialNoAuthHeader()
{
    AdapterRequestInput in = input(chat(json::array({user("Hi")})));
    in.credential.clear();
    const Result<AdapterRequest> request = anthropic::translateRequest(in);
    QVERIFY(request.ok());
    QVERIFY(!hasHeader(request->headers, "x-api-key"));
    QVERIFY(!hasHeader(request->headers, "authorization"));
    QCOMPARE(headerValue(request->headers, "anthropic-version"), QByteArray("2023-06-01"));
}

void TestAnthropicRequest::streaming()
{
    const json body =
        chat(json::array({user("Hi")}), {{"stream", true}, {"stream_options", {{"include_usage", true}}}});
    const Result<AdapterRequest> request = anthropic::translateRequest(input(body));
    QVERIFY(request.ok());
    QVERIFY(request->stream);
    const json sent = json::parse(request->body.begin(), request->body.end());
    JCOMPARE(sent["stream"], true);
    QVERIFY(!sent.contains("stream_options"));
}

void TestAnthropicRequest::multiPartWithImages()
{
    const json content = json::array({
        text("What is in these images?"),
        json{{"type", "image_url"}, {"image_url", {{"url", "data:image/png;base64,iVBORw0KGgo="}, {"detail", "low"}}}},
        json{{"type", "image_url"}, {"image_url", {{"url", "https://example.com/cat.jpg"}}}},
        json{{"type", "image_url"}, {"image_url", "data:image/gif,GIF89a%01"}}, // percent-encoded, URL as a string
    });
    const json sent = translated(chat(json::array({user(content)})));
    JCOMPARE(sent["messages"],
             json::array({json{
                 {"role", "user"},
                 {"content",
                  json::array({
                      text("What is in these images?"),
                      json{{"type", "image"},
                           {"source", {{"type", "base64"}, {"media_type", "image/png"}, {"data", "iVBORw0KGgo="}}}},
                      json{{"type", "image"}, {"source", {{"type", "url"}, {"url", "https://example.com/cat.jpg"}}}},
                      json{{"type", "image"},
                           {"source",
                            {{"type", "base64"},
                             {"media_type", "image/gif"},
                             {"data", QByteArray("GIF89a\x01").toBase64().toStdString()}}}},
                  })}}}));
}

void TestAnthropicRequest::pdfFilePart()
{
    const json content = json::array(
        {json{{"type", "file"},
              {"file", {{"filename", "report.pdf"}, {"file_data", "data:application/pdf;base64,JVBERi0x"}}}},
         text("Summarise it.")});
    const json sent = translated(chat(json::array({user(content)})));
    JCOMPARE(sent["messages"][0]["content"][0],
             json({{"type", "document"},
                   {"source", {{"type", "base64"}, {"media_type", "application/pdf"}, {"data", "JVBERi0x"}}},
                   {"title", "report.pdf"}}));
}

void TestAnthropicRequest::toolsRoundTrip()
{
    const json calls =
        json::array({json{{"id", "call_1"},
                          {"type", "function"},
                          {"function", {{"name", "get_weather"}, {"arguments", "{\"location\":\"Paris\"}"}}}},
                     json{{"id", "call_2"},
                          {"type", "function"},
                          {"function", {{"name", "get_weather"}, {"arguments", "{\"location\":\"Oslo\"}"}}}}});
    const json messages = json::array({
        user("Weather in Paris and Oslo?"),
        json{{"role", "assistant"}, {"content", nullptr}, {"tool_calls", calls}},
        json{{"role", "tool"}, {"tool_call_id", "call_1"}, {"content", "18C, sunny"}},
        json{{"role", "tool"}, {"tool_call_id", "call_2"}, {"content", "9C, rain"}},
        user("Which is warmer?"),
    });
    const json sent = translated(
        chat(messages,
             {{"tools", json::array({kWeatherTool})}, {"tool_choice", "required"}, {"parallel_tool_calls", false}}));

    JCOMPARE(sent["tools"], json::array({json{{"name", "get_weather"},
                                              {"description", "Current weather for a city"},
                                              {"input_schema",
                                               {{"type", "object"},
                                                {"properties", {{"location", {{"type", "string"}}}}},
                                                {"required", json::array({"location"})}}}}}));
    JCOMPARE(sent["tool_choice"], json({{"type", "any"}, {"disable_parallel_tool_use", true}}));
    JCOMPARE(sent["messages"],
             json::array({
                 json{{"role", "user"}, {"content", "Weather in Paris and Oslo?"}},
                 json{{"role", "assistant"},
                      {"content", json::array({json{{"type", "tool_use"},
                                                    {"id", "call_1"},
                                                    {"name", "get_weather"},
                                                    {"input", {{"location", "Paris"}}}},
                                               json{{"type", "tool_use"},
                                                    {"id", "call_2"},
                                                    {"name", "get_weather"},
                                                    {"input", {{"location", "Oslo"}}}}})}},
                 // Tool results and the next user turn are one user message, results first.
                 json{{"role", "user"},
                      {"content",
                       json::array({json{{"type", "tool_result"}, {"tool_use_id", "call_1"}, {"content", "18C, sunny"}},
                                    json{{"type", "tool_result"}, {"tool_use_id", "call_2"}, {"content", "9C, rain"}},
                                    text("Which is warmer?")})}},
             }));
}

void TestAnthropicRequest::toolSchemaKeepsItsOrder()
{
    // Property order can matter to a model; JSON objects are not re-sorted.
    const QByteArray body = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
                            "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"search\",\"parameters\":"
                            "{\"type\":\"object\",\"properties\":{\"zeta\":{\"type\":\"string\"},"
                            "\"alpha\":{\"type\":\"string\"}}}}}]}";
    const Result<AdapterRequest> request = anthropic::translateRequest(input(body));
    QVERIFY(request.ok());
    const ordered sent = ordered::parse(request->body.begin(), request->body.end());
    const ordered &properties = sent["tools"][0]["input_schema"]["properties"];
    QCOMPARE(properties.begin().key(), std::string("zeta"));
    // A function without parameters still gets the object schema Anthropic requires.
    const json bare =
        translated(chat(json::array({user("Hi")}),
                        {{"tools", json::array({json{{"type", "function"}, {"function", {{"name", "now"}}}}})}}));
    JCOMPARE(bare["tools"][0],
             json({{"name", "now"}, {"input_schema", {{"type", "object"}, {"properties", json::object()}}}}));
}

void TestAnthropicRequest::toolChoice_data()
{
    QTest::addColumn<QByteArray>("choice"); // JSON, or empty for none given
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("auto") << QByteArray("\"auto\"") << QByteArray("{\"type\":\"auto\"}");
    QTest::newRow("none") << QByteArray("\"none\"") << QByteArray("{\"type\":\"none\"}");
    QTest::newRow("required") << QByteArray("\"required\"") << QByteArray("{\"type\":\"any\"}");
    QTest::newRow("named") << QByteArray("{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}")
                           << QByteArray("{\"type\":\"tool\",\"name\":\"get_weather\"}");
    QTest::newRow("not given") << QByteArray() << QByteArray();
}

void TestAnthropicRequest::toolChoice()
{
    QFETCH(QByteArray, choice);
    QFETCH(QByteArray, expected);
    json extra{{"tools", json::array({kWeatherTool})}};
    if (!choice.isEmpty())
        extra["tool_choice"] = json::parse(choice.begin(), choice.end());
    const json sent = translated(chat(json::array({user("Hi")}), extra));
    if (expected.isEmpty())
        QVERIFY(!sent.contains("tool_choice"));
    else
        JCOMPARE(sent["tool_choice"], json::parse(expected.begin(), expected.end()));

    // Without tools there is nothing to choose; Anthropic would refuse it.
    if (!choice.isEmpty()) {
        const json bare = translated(chat(json::array({user("Hi")}), {{"tool_choice", extra["tool_choice"]}}));
        QVERIFY(!bare.contains("tool_choice"));
        QVERIFY(!bare.contains("tools"));
    }
}

void TestAnthropicRequest::toolResultContent()
{
    const json calls = json::array({json{{"id", "call_9"},
                                         {"type", "function"},
                                         {"function", {{"name", "lookup"}, {"arguments", ""}}}}}); // "" = no arguments
    const json messages = json::array({
        user("Look it up"),
        json{{"role", "assistant"}, {"content", "Looking."}, {"tool_calls", calls}},
        json{{"role", "tool"}, {"tool_call_id", "call_9"}, {"content", json::array({text("line 1"), text("line 2")})}},
    });
    const json sent = translated(chat(messages));
    JCOMPARE(
        sent["messages"][1]["content"],
        json::array({text("Looking."),
                     json{{"type", "tool_use"}, {"id", "call_9"}, {"name", "lookup"}, {"input", json::object()}}}));
    JCOMPARE(sent["messages"][2],
             json({{"role", "user"},
                   {"content", json::array({json{{"type", "tool_result"},
                                                 {"tool_use_id", "call_9"},
                                                 {"content", json::array({text("line 1"), text("line 2")})}}})}}));

    // An empty result has no content at all.
    json empty = messages;
    empty[2]["content"] = "";
    JCOMPARE(translated(chat(empty))["messages"][2]["content"][0],
             json({{"type", "tool_result"}, {"tool_use_id", "call_9"}}));
}

void TestAnthropicRequest::sameRoleMessagesMerge()
{
    const json sent = translated(chat(json::array(
        {user("First."), user(json::array({text("Second.")})), assistant("A."), assistant("B."), user("C?")})));
    JCOMPARE(sent["messages"],
             json::array({json{{"role", "user"}, {"content", json::array({text("First."), text("Second.")})}},
                          json{{"role", "assistant"}, {"content", json::array({text("A."), text("B.")})}},
                          json{{"role", "user"}, {"content", "C?"}}}));
}

void TestAnthropicRequest::blankTextIsDropped()
{
    // Anthropic refuses whitespace-only text blocks; a message left empty
    // disappears and its neighbours merge.
    const json sent =
        translated(chat(json::array({user("Hi"), assistant("  \n"), user(json::array({text(" "), text("Again")}))})));
    JCOMPARE(sent["messages"],
             json::array({json{{"role", "user"}, {"content", json::array({text("Hi"), text("Again")})}}}));
}

void TestAnthropicRequest::stop_data()
{
    QTest::addColumn<QByteArray>("stop");
    QTest::addColumn<QByteArray>("expected"); // empty = no stop_sequences
    QTest::newRow("a string") << QByteArray("\"END\"") << QByteArray("[\"END\"]");
    QTest::newRow("an array") << QByteArray("[\"END\",\"###\"]") << QByteArray("[\"END\",\"###\"]");
    QTest::newRow("blank entries dropped") << QByteArray("[\"\\n\",\"END\",\" \",\"\"]") << QByteArray("[\"END\"]");
    QTest::newRow("only blanks") << QByteArray("[\"\\n\\n\"]") << QByteArray();
    QTest::newRow("null") << QByteArray("null") << QByteArray();
}

void TestAnthropicRequest::stop()
{
    QFETCH(QByteArray, stop);
    QFETCH(QByteArray, expected);
    const json sent = translated(chat(json::array({user("Hi")}), {{"stop", json::parse(stop.begin(), stop.end())}}));
    if (expected.isEmpty())
        QVERIFY(!sent.contains("stop_sequences"));
    else
        JCOMPARE(sent["stop_sequences"], json::parse(expected.begin(), expected.end()));
    QVERIFY(!sent.contains("stop"));
}

void TestAnthropicRequest::maxTokens()
{
    const json messages = json::array({user("Hi")});
    JCOMPARE(translated(chat(messages))["max_tokens"], anthropic::kDefaultMaxTokens);
    JCOMPARE(translated(chat(messages, {{"max_tokens", 100}}))["max_tokens"], 100);
    JCOMPARE(translated(chat(messages, {{"max_completion_tokens", 200}}))["max_tokens"], 200);
    JCOMPARE(translated(chat(messages, {{"max_tokens", 100}, {"max_completion_tokens", 200}}))["max_tokens"], 200);
    QVERIFY(!translated(chat(messages, {{"max_completion_tokens", 200}})).contains("max_completion_tokens"));
}

void TestAnthropicRequest::sampling()
{
    const json messages = json::array({user("Hi")});
    JCOMPARE(translated(chat(messages, {{"temperature", 1.5}}))["temperature"], 1.0); // OpenAI allows up to 2
    JCOMPARE(translated(chat(messages, {{"temperature", 0.2}}))["temperature"], 0.2);
    const json both = translated(chat(messages, {{"temperature", 0.2}, {"top_p", 0.9}}));
    JCOMPARE(both["temperature"], 0.2);
    QVERIFY(!both.contains("top_p")); // recent models refuse both at once
    JCOMPARE(translated(chat(messages, {{"top_p", 0.9}}))["top_p"], 0.9);
    const json ignored = translated(
        chat(messages,
             {{"frequency_penalty", 0.5}, {"presence_penalty", 0.1}, {"seed", 7}, {"logit_bias", {{"50256", -100}}}}));
    for (const char *key : {"frequency_penalty", "presence_penalty", "seed", "logit_bias"})
        QVERIFY2(!ignored.contains(key), key);
}

void TestAnthropicRequest::prefill_data()
{
    QTest::addColumn<QByteArray>("messages");
    QTest::addColumn<QString>("prefill");
    QTest::addColumn<QByteArray>("expectedLast"); // the last message sent
    const QByteArray question = "[{\"role\":\"user\",\"content\":\"Count to five.\"}";
    QTest::newRow("new assistant message, trailing space trimmed")
        << question + "]" << QStringLiteral("One, two, ")
        << QByteArray("{\"role\":\"assistant\",\"content\":\"One, two,\"}");
    QTest::newRow("extends the client's assistant message")
        << question + ",{\"role\":\"assistant\",\"content\":\"Sure:\"}]" << QStringLiteral(" one, two\n\n")
        << QByteArray("{\"role\":\"assistant\",\"content\":\"Sure: one, two\"}");
    QTest::newRow("client's own final assistant text is trimmed too")
        << question + ",{\"role\":\"assistant\",\"content\":\"Draft:  \\n\"}]" << QString()
        << QByteArray("{\"role\":\"assistant\",\"content\":\"Draft:\"}");
    QTest::newRow("whitespace-only prefill sends no assistant message")
        << question + "]" << QStringLiteral("\n\n") << QByteArray("{\"role\":\"user\",\"content\":\"Count to five.\"}");
    QTest::newRow("unicode whitespace") << question + "]" << QStringLiteral("Un, deux\u00a0\u3000")
                                        << QByteArray("{\"role\":\"assistant\",\"content\":\"Un, deux\"}");
}

void TestAnthropicRequest::prefill()
{
    QFETCH(QByteArray, messages);
    QFETCH(QString, prefill);
    QFETCH(QByteArray, expectedLast);
    const json sent = translated(chat(json::parse(messages.begin(), messages.end())), prefill);
    JCOMPARE(sent["messages"].back(), json::parse(expectedLast.begin(), expectedLast.end()));
}

void TestAnthropicRequest::responseFormat()
{
    const json messages = json::array({json{{"role", "system"}, {"content", "Be helpful."}}, user("List colours")});
    const json object = translated(chat(messages, {{"response_format", {{"type", "json_object"}}}}));
    const std::string system = object["system"].get<std::string>();
    QVERIFY(system.starts_with("Be helpful.\n\n"));
    QVERIFY(system.find("single valid JSON object") != std::string::npos);

    const json schema{{"type", "object"}, {"properties", {{"colours", {{"type", "array"}}}}}};
    const json withSchema = translated(chat(
        messages,
        {{"response_format", {{"type", "json_schema"}, {"json_schema", {{"name", "palette"}, {"schema", schema}}}}}}));
    const std::string schemaSystem = withSchema["system"].get<std::string>();
    QVERIFY(schemaSystem.find("(\"palette\")") != std::string::npos);
    QVERIFY(schemaSystem.find(schema.dump()) != std::string::npos);
    QVERIFY(!withSchema.contains("response_format"));

    QVERIFY(!translated(chat(json::array({user("Hi")}), {{"response_format", {{"type", "text"}}}})).contains("system"));
}

void TestAnthropicRequest::userBecomesMetadata()
{
    const json sent = translated(chat(json::array({user("Hi")}), {{"user", "user-42"}}));
    JCOMPARE(sent["metadata"], json({{"user_id", "user-42"}}));
    QVERIFY(!sent.contains("user"));
}

void TestAnthropicRequest::legacyFunctions()
{
    // Legacy function calling has no call ids; the adapter pairs a call with
    // the "function" message that answers it.
    const json messages = json::array({
        user("Time?"),
        json{{"role", "assistant"}, {"content", nullptr}, {"function_call", {{"name", "now"}, {"arguments", "{}"}}}},
        json{{"role", "function"}, {"name", "now"}, {"content", "12:00"}},
    });
    const json sent = translated(
        chat(messages, {{"functions", json::array({json{{"name", "now"}}})}, {"function_call", {{"name", "now"}}}}));
    const std::string id = sent["messages"][1]["content"][0]["id"].get<std::string>();
    QVERIFY(!id.empty());
    JCOMPARE(sent["messages"][1]["content"][0]["name"], "now");
    JCOMPARE(sent["messages"][2]["content"][0],
             json({{"type", "tool_result"}, {"tool_use_id", id}, {"content", "12:00"}}));
    JCOMPARE(sent["tools"][0]["name"], "now");
    JCOMPARE(sent["tool_choice"], json({{"type", "tool"}, {"name", "now"}}));
}

void TestAnthropicRequest::errors_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("field"); // quoted in the message; empty = none
    const auto row = [](const char *name, const json &body, const char *code, const char *field) {
        QTest::newRow(name) << QByteArray::fromStdString(body.dump()) << QString::fromLatin1(code)
                            << QString::fromLatin1(field);
    };
    const json hi = json::array({user("Hi")});
    QTest::newRow("not json") << QByteArray("{\"model\":") << QStringLiteral("invalid_json") << QString();
    row("no messages", json{{"model", "gpt-4o"}}, "missing_required_parameter", "messages");
    row("n = 2", chat(hi, {{"n", 2}}), "unsupported_parameter", "n");
    row("unknown role", chat(json::array({json{{"role", "robot"}, {"content", "beep"}}})), "invalid_value",
        "messages[0].role");
    row("audio part",
        chat(json::array({user(json::array({json{{"type", "input_audio"}, {"input_audio", {{"data", "UklGR"}}}}}))})),
        "unsupported_parameter", "messages[0].content[0].type");
    row("unknown part type", chat(json::array({user(json::array({json{{"type", "video"}}}))})), "invalid_value",
        "messages[0].content[0].type");
    row("svg image",
        chat(json::array(
            {user(json::array({text("Look"), json{{"type", "image_url"},
                                                  {"image_url", {{"url", "data:image/svg+xml;base64,PHN2Zz4="}}}}}))})),
        "unsupported_parameter", "messages[0].content[1].image_url.url");
    row("image in an assistant message",
        chat(json::array({user("Hi"), assistant(json::array({json{{"type", "image_url"},
                                                                  {"image_url", {{"url", "https://x/y.png"}}}}}))})),
        "unsupported_parameter", "messages[1].content[0].type");
    row("file id",
        chat(json::array({user(json::array({json{{"type", "file"}, {"file", {{"file_id", "file-abc"}}}}}))})),
        "unsupported_parameter", "messages[0].content[0].file");
    row("arguments that are not JSON",
        chat(json::array(
            {user("Hi"),
             json{{"role", "assistant"},
                  {"tool_calls", json::array({json{{"id", "call_1"},
                                                   {"type", "function"},
                                                   {"function", {{"name", "f"}, {"arguments", "{oops"}}}}})}}})),
        "invalid_value", "messages[1].tool_calls[0].function.arguments");
    row("tool call without id",
        chat(json::array(
            {user("Hi"),
             json{{"role", "assistant"},
                  {"tool_calls",
                   json::array({json{{"type", "function"}, {"function", {{"name", "f"}, {"arguments", "{}"}}}}})}}})),
        "missing_required_parameter", "messages[1].tool_calls[0].id");
    row("tool message without tool_call_id", chat(json::array({user("Hi"), json{{"role", "tool"}, {"content", "x"}}})),
        "missing_required_parameter", "messages[1].tool_call_id");
    row("a non-function tool", chat(hi, {{"tools", json::array({json{{"type", "web_search"}}})}}),
        "unsupported_parameter", "tools[0].type");
    row("a tool without a name",
        chat(hi, {{"tools", json::array({json{{"type", "function"}, {"function", json::object()}}})}}),
        "missing_required_parameter", "tools[0].function.name");
    row("allowed_tools choice",
        chat(hi, {{"tools", json::array({kWeatherTool})}, {"tool_choice", {{"type", "allowed_tools"}}}}),
        "unsupported_parameter", "tool_choice.type");
    row("max_tokens 0", chat(hi, {{"max_tokens", 0}}), "invalid_value", "max_tokens");
    row("max_tokens text", chat(hi, {{"max_completion_tokens", "many"}}), "invalid_type", "max_completion_tokens");
    row("stop of numbers", chat(hi, {{"stop", json::array({1})}}), "invalid_type", "stop[0]");
    row("xml response format", chat(hi, {{"response_format", {{"type", "xml"}}}}), "invalid_value",
        "response_format.type");
    row("a function result nobody asked for",
        chat(json::array({user("Hi"), json{{"role", "function"}, {"name", "f"}, {"content", "1"}}})), "invalid_value",
        "messages[1].name");
}

void TestAnthropicRequest::errors()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, code);
    QFETCH(QString, field);
    const Result<AdapterRequest> request = anthropic::translateRequest(input(body));
    QVERIFY(!request.ok());
    QCOMPARE(request.error().code, code);
    if (!field.isEmpty())
        QVERIFY2(request.error().message.contains(QLatin1Char('\'') + field + QLatin1Char('\'')),
                 qPrintable(request.error().message));
}

QTEST_GUILESS_MAIN(TestAnthropicRequest)
#include "tst_anthropicrequest.moc"
