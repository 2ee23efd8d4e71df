// OpenAI chat requests translated into Gemini generateContent requests:
// path and headers, system instruction, roles, images, tools and tool
// results, generation config, prefill, and errors naming the bad field.

#include "providers/gemini/GeminiAdapter.h"

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

AdapterRequestInput input(const json &body, const QString &prefill = {}, const QByteArray &credential = "key-1",
                          const QString &baseUrlPath = {})
{
    AdapterRequestInput in;
    in.openAiBody = QByteArray::fromStdString(body.dump());
    in.model = QStringLiteral("gemini-2.0-flash");
    in.prefill = prefill;
    in.credential = credential;
    in.baseUrlPath = baseUrlPath;
    return in;
}

json chat(json messages)
{
    return json{{"model", "gpt-4o"}, {"messages", std::move(messages)}};
}

json user(const std::string &text)
{
    return json{{"role", "user"}, {"content", text}};
}

json translated(const json &body, const QString &prefill = {})
{
    const Result<AdapterRequest> request = gemini::translateRequest(input(body, prefill));
    if (!request.ok()) {
        qWarning("unexpected error: %s", qPrintable(request.error().message));
        return json();
    }
    return json::parse(request->body.toStdString());
}

json text(const std::string &t)
{
    return json{{"text", t}};
}

json turn(const char *role, json parts)
{
    return json{{"role", role}, {"parts", std::move(parts)}};
}

} // namespace

class TestGeminiRequest : public QObject
{
    Q_OBJECT

private slots:
    void pathAndHeaders_data();
    void pathAndHeaders();
    void systemInstructionAndRoles();
    void images();
    void toolsAndToolResults();
    void legacyFunctionRoleAndFiles();
    void toolChoice();
    void generationConfig();
    void responseSchema();
    void prefill();
    void errorsNameTheField_data();
    void errorsNameTheField();
};

void TestGeminiRequest::pathAndHeaders_data()
{
    QTest::addColumn<bool>("stream");
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("baseUrlPath");
    QTest::addColumn<QByteArray>("credential");
    QTest::addColumn<QString>("path");

    QTest::newRow("default version") << false << "gemini-2.0-flash" << QString() << QByteArray("k")
                                     << "/v1beta/models/gemini-2.0-flash:generateContent";
    QTest::newRow("stream") << true << "gemini-2.0-flash" << QString() << QByteArray("k")
                            << "/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse";
    QTest::newRow("base path, models/ prefix") << false << "models/gemini-1.5-pro"
                                               << "/v1/" << QByteArray() << "/v1/models/gemini-1.5-pro:generateContent";
    QTest::newRow("odd characters escaped")
        << false << "tuned model?x"
        << "/proxy/v1beta" << QByteArray("k") << "/proxy/v1beta/models/tuned%20model%3Fx:generateContent";
}

void TestGeminiRequest::pathAndHeaders()
{
    QFETCH(bool, stream);
    QFETCH(QString, model);
    QFETCH(QString, baseUrlPath);
    QFETCH(QByteArray, credential);
    QFETCH(QString, path);

    json body = chat(json::array({user("hi")}));
    body["stream"] = stream;
    AdapterRequestInput in = input(body, {}, credential, baseUrlPath);
    in.model = model;
    const Result<AdapterRequest> request = gemini::translateRequest(in);
    QVERIFY(request.ok());
    QCOMPARE(request->method, QByteArray("POST"));
    QCOMPARE(request->path, path);
    QCOMPARE(request->stream, stream);
    QCOMPARE(headerValue(request->headers, "content-type"), QByteArray("application/json"));
    if (credential.isEmpty())
        QVERIFY(!hasHeader(request->headers, "x-goog-api-key"));
    else
        QCOMPARE(headerValue(request->headers, "x-goog-api-key"), credential);
    QVERIFY(!hasHeader(request->headers, "authorization"));
    // The model goes in the path, never in the body.
    const json sent = json::parse(request->body.toStdString());
    QVERIFY(!sent.contains("model"));
    QVERIFY(!sent.contains("stream"));
}

void TestGeminiRequest::systemInstructionAndRoles()
{
    const json out = translated(chat(json::array({
        json{{"role", "system"}, {"content", "Be brief."}},
        json{{"role", "developer"}, {"content", json::array({json{{"type", "text"}, {"text", "Use metric units."}}})}},
        user("How tall is Everest?"),
        json{{"role", "assistant"}, {"content", "8849 m."}},
        user("And K2?"),
        json{{"role", "user"}, {"content", json::array({json{{"type", "text"}, {"text", "In feet too."}}})}},
    })));
    COMPARE_JSON(out["systemInstruction"],
                 (json{{"parts", json::array({text("Be brief."), text("Use metric units.")})}}));
    // Consecutive user messages share one turn.
    const json expected = json::array({
        turn("user", json::array({text("How tall is Everest?")})),
        turn("model", json::array({text("8849 m.")})),
        turn("user", json::array({text("And K2?"), text("In feet too.")})),
    });
    COMPARE_JSON(out["contents"], expected);
    QVERIFY(!out.contains("generationConfig"));
    QVERIFY(!out.contains("tools"));
}

void TestGeminiRequest::images()
{
    const json out = translated(chat(json::array({json{
        {"role", "user"},
        {"content", json::array({
                        json{{"type", "text"}, {"text", "Compare these."}},
                        json{{"type", "image_url"}, {"image_url", json{{"url", "data:image/png;base64,iVBORw0KGgo="}}}},
                        json{{"type", "image_url"},
                             {"image_url", json{{"url", "https://example.com/cat.JPG"}, {"detail", "low"}}}},
                        json{{"type", "image_url"}, {"image_url", json{{"url", "gs://bucket/scan"}}}},
                        json{{"type", "input_audio"}, {"input_audio", json{{"data", "UklGRg=="}, {"format", "wav"}}}},
                    })}}})));
    const json expected = json::array({
        text("Compare these."),
        json{{"inlineData", json{{"mimeType", "image/png"}, {"data", "iVBORw0KGgo="}}}},
        json{{"fileData", json{{"fileUri", "https://example.com/cat.JPG"}, {"mimeType", "image/jpeg"}}}},
        json{{"fileData", json{{"fileUri", "gs://bucket/scan"}}}},
        json{{"inlineData", json{{"mimeType", "audio/wav"}, {"data", "UklGRg=="}}}},
    });
    COMPARE_JSON(out["contents"][0]["parts"], expected);
}

void TestGeminiRequest::toolsAndToolResults()
{
    const json weather{
        {"type", "function"},
        {"function",
         json{{"name", "get_weather"},
              {"description", "Current weather"},
              {"strict", true},
              {"parameters", json{{"type", "object"},
                                  {"properties", json{{"city", json{{"type", "string"}}},
                                                      {"unit", json{{"type", json::array({"string", "null"})},
                                                                    {"enum", json::array({"c", "f"})}}}}},
                                  {"required", json::array({"city"})},
                                  {"additionalProperties", false}}}}}};
    const json now{
        {"type", "function"},
        {"function", json{{"name", "now"}, {"parameters", json{{"type", "object"}, {"properties", json::object()}}}}}};
    json body = chat(json::array({
        user("Weather in Paris and Oslo, and the time?"),
        json{{"role", "assistant"},
             {"content", nullptr},
             {"tool_calls",
              json::array({
                  json{{"id", "call_a"},
                       {"type", "function"},
                       {"function", json{{"name", "get_weather"}, {"arguments", "{\"city\":\"Paris\"}"}}}},
                  json{{"id", "call_b"},
                       {"type", "function"},
                       {"function", json{{"name", "get_weather"}, {"arguments", "{\"city\":\"Oslo\"}"}}}},
                  json{{"id", "call_c"}, {"type", "function"}, {"function", json{{"name", "now"}, {"arguments", ""}}}},
              })}},
        json{{"role", "tool"}, {"tool_call_id", "call_b"}, {"content", "{\"temp\":3}"}},
        json{{"role", "tool"}, {"tool_call_id", "call_a"}, {"content", "sunny, 21 C"}},
        json{{"role", "tool"},
             {"tool_call_id", "call_c"},
             {"content", json::array({json{{"type", "text"}, {"text", "12:00"}}})}},
    }));
    body["tools"] = json::array({weather, now});
    const json out = translated(body);

    const json declarations = json::array({
        json{{"name", "get_weather"},
             {"description", "Current weather"},
             {"parameters",
              json{{"type", "object"},
                   {"properties",
                    json{{"city", json{{"type", "string"}}},
                         {"unit", json{{"type", "string"}, {"nullable", true}, {"enum", json::array({"c", "f"})}}}}},
                   {"required", json::array({"city"})}}}},
        // No arguments: Gemini rejects an object schema without properties.
        json{{"name", "now"}},
    });
    COMPARE_JSON(out["tools"], json::array({json{{"functionDeclarations", declarations}}}));

    const json expected = json::array({
        turn("user", json::array({text("Weather in Paris and Oslo, and the time?")})),
        turn("model", json::array({
                          json{{"functionCall", json{{"name", "get_weather"}, {"args", json{{"city", "Paris"}}}}}},
                          json{{"functionCall", json{{"name", "get_weather"}, {"args", json{{"city", "Oslo"}}}}}},
                          json{{"functionCall", json{{"name", "now"}, {"args", json::object()}}}},
                      })),
        // The three results answer parallel calls: one turn, named by call id.
        turn("user", json::array({
                         json{{"functionResponse", json{{"name", "get_weather"}, {"response", json{{"temp", 3}}}}}},
                         json{{"functionResponse",
                               json{{"name", "get_weather"}, {"response", json{{"content", "sunny, 21 C"}}}}}},
                         json{{"functionResponse", json{{"name", "now"}, {"response", json{{"content", "12:00"}}}}}},
                     })),
    });
    COMPARE_JSON(out["contents"], expected);
}

void TestGeminiRequest::legacyFunctionRoleAndFiles()
{
    const json out = translated(chat(json::array({
        json{{"role", "user"},
             {"content", json::array({json{{"type", "file"},
                                           {"file", json{{"filename", "a.pdf"},
                                                         {"file_data", "data:application/pdf;base64,JVBERi0="}}}}})}},
        json{{"role", "assistant"},
             {"content", "Let me look."},
             {"function_call", json{{"name", "lookup"}, {"arguments", "{}"}}}},
        json{{"role", "function"}, {"name", "lookup"}, {"content", "[1, 2]"}},
    })));
    const json expected = json::array({
        turn("user", json::array({json{{"inlineData", json{{"mimeType", "application/pdf"}, {"data", "JVBERi0="}}}}})),
        turn("model", json::array({text("Let me look."),
                                   json{{"functionCall", json{{"name", "lookup"}, {"args", json::object()}}}}})),
        // A result that is not a JSON object is wrapped: Gemini wants an object.
        turn("user", json::array({json{
                         {"functionResponse", json{{"name", "lookup"}, {"response", json{{"content", "[1, 2]"}}}}}}})),
    });
    COMPARE_JSON(out["contents"], expected);
}

void TestGeminiRequest::toolChoice()
{
    const json tools = json::array({json{{"type", "function"}, {"function", json{{"name", "f"}}}}});
    const std::vector<std::pair<json, json>> cases = {
        {"auto", json{{"mode", "AUTO"}}},
        {"none", json{{"mode", "NONE"}}},
        {"required", json{{"mode", "ANY"}}},
        {json{{"type", "function"}, {"function", json{{"name", "f"}}}},
         json{{"mode", "ANY"}, {"allowedFunctionNames", json::array({"f"})}}},
    };
    for (const auto &[choice, config] : cases) {
        json body = chat(json::array({user("x")}));
        body["tools"] = tools;
        body["tool_choice"] = choice;
        COMPARE_JSON(translated(body)["toolConfig"], (json{{"functionCallingConfig", config}}));
    }
}

void TestGeminiRequest::generationConfig()
{
    json body = chat(json::array({user("x")}));
    body["temperature"] = 0.2;
    body["top_p"] = 0.9;
    body["max_tokens"] = 100;
    body["stop"] = "END";
    body["seed"] = 42;
    body["n"] = 2;
    body["presence_penalty"] = 0.5;
    body["frequency_penalty"] = -0.5;
    body["response_format"] = json{{"type", "json_object"}};
    body["user"] = "someone";
    body["logprobs"] = false;
    COMPARE_JSON(translated(body)["generationConfig"], (json{{"temperature", 0.2},
                                                             {"topP", 0.9},
                                                             {"maxOutputTokens", 100},
                                                             {"stopSequences", json::array({"END"})},
                                                             {"seed", 42},
                                                             {"candidateCount", 2},
                                                             {"presencePenalty", 0.5},
                                                             {"frequencyPenalty", -0.5},
                                                             {"responseMimeType", "application/json"}}));

    json newer = chat(json::array({user("x")}));
    newer["max_tokens"] = 100;
    newer["max_completion_tokens"] = 300;
    newer["stop"] = json::array({"a", "b"});
    newer["response_format"] = json{{"type", "text"}};
    COMPARE_JSON(translated(newer)["generationConfig"],
                 (json{{"maxOutputTokens", 300}, {"stopSequences", json::array({"a", "b"})}}));
}

void TestGeminiRequest::responseSchema()
{
    json body = chat(json::array({user("x")}));
    body["response_format"] = json{
        {"type", "json_schema"},
        {"json_schema",
         json{{"name", "person"},
              {"strict", true},
              {"schema",
               json{{"$schema", "http://json-schema.org/draft-07/schema#"},
                    {"type", "object"},
                    {"properties", json{{"name", json{{"type", "string"}, {"description", "Full name"}}},
                                        {"age", json{{"anyOf", json::array({json{{"type", "integer"}, {"minimum", 0}},
                                                                            json{{"type", "null"}}})}}},
                                        {"tags", json{{"type", "array"},
                                                      {"items", json{{"type", "string"}, {"const", "x"}}},
                                                      {"maxItems", 3}}}}},
                    {"required", json::array({"name", "age", "tags"})},
                    {"additionalProperties", false}}}}}};
    const json config = translated(body)["generationConfig"];
    COMPARE_JSON(config["responseMimeType"], "application/json");
    COMPARE_JSON(config["responseSchema"],
                 (json{{"type", "object"},
                       {"properties",
                        json{{"name", json{{"type", "string"}, {"description", "Full name"}}},
                             {"age", json{{"type", "integer"}, {"minimum", 0}, {"nullable", true}}},
                             {"tags", json{{"type", "array"}, {"items", json{{"type", "string"}}}, {"maxItems", 3}}}}},
                       {"required", json::array({"name", "age", "tags"})}}));
}

void TestGeminiRequest::prefill()
{
    // A final model turn with the text already streamed.
    COMPARE_JSON(translated(chat(json::array({user("Count to five.")})), QStringLiteral("1, 2,"))["contents"],
                 (json::array({turn("user", json::array({text("Count to five.")})),
                               turn("model", json::array({text("1, 2,")}))})));
    // A trailing assistant message is continued in place.
    COMPARE_JSON(
        translated(chat(json::array({user("Count."), json{{"role", "assistant"}, {"content", "1,"}}})),
                   QStringLiteral(" 2,"))["contents"],
        (json::array({turn("user", json::array({text("Count.")})), turn("model", json::array({text("1, 2,")}))})));
    // No prefill, no extra turn.
    QCOMPARE(translated(chat(json::array({user("Count.")})))["contents"].size(), size_t(1));
}

void TestGeminiRequest::errorsNameTheField_data()
{
    QTest::addColumn<QByteArray>("body"); // a JSON document, or not
    QTest::addColumn<QString>("field");

    const auto row = [](const char *name, const json &body, const char *field) {
        QTest::newRow(name) << QByteArray::fromStdString(body.dump()) << QString::fromLatin1(field);
    };
    QTest::newRow("not JSON") << QByteArray("{\"messages\":") << QString();
    row("no messages", json{{"model", "m"}}, "'messages'");
    row("messages not an array", json{{"model", "m"}, {"messages", "hi"}}, "'messages'");
    row("role missing", chat(json::array({json{{"content", "x"}}})), "'messages[0].role'");
    row("unknown role", chat(json::array({json{{"role", "robot"}, {"content", "x"}}})), "'messages[0].role'");
    row("content of a number", chat(json::array({json{{"role", "user"}, {"content", 3}}})), "'messages[0].content'");
    row("text part without text",
        chat(json::array({user("a"), json{{"role", "user"}, {"content", json::array({json{{"type", "text"}}})}}})),
        "'messages[1].content[0].text'");
    row("unknown part type",
        chat(json::array({json{{"role", "user"}, {"content", json::array({json{{"type", "video"}}})}}})),
        "'messages[0].content[0].type'");
    row("image in a system message",
        chat(json::array(
            {json{{"role", "system"},
                  {"content", json::array({json{{"type", "image_url"}, {"image_url", "https://x/y.png"}}})}},
             user("a")})),
        "'messages[0].content[0].type'");
    row("data URL not base64",
        chat(json::array({json{{"role", "user"},
                               {"content", json::array({json{{"type", "image_url"},
                                                             {"image_url", json{{"url", "data:image/png,abc"}}}}})}}})),
        "'messages[0].content[0].image_url.url'");
    row("tool call arguments not an object",
        chat(json::array(
            {user("a"),
             json{{"role", "assistant"},
                  {"tool_calls", json::array({json{{"id", "c"},
                                                   {"type", "function"},
                                                   {"function", json{{"name", "f"}, {"arguments", "[1]"}}}}})}}})),
        "'messages[1].tool_calls[0].function.arguments'");
    row("tool result for an unknown call",
        chat(json::array({user("a"), json{{"role", "tool"}, {"tool_call_id", "nope"}, {"content", "x"}}})),
        "'messages[1].tool_call_id'");
    row("tool result without call id", chat(json::array({user("a"), json{{"role", "tool"}, {"content", "x"}}})),
        "'messages[1].tool_call_id'");
    json body = chat(json::array({user("a")}));
    body["temperature"] = "hot";
    row("temperature a string", body, "'temperature'");
    body = chat(json::array({user("a")}));
    body["max_tokens"] = 0;
    row("max_tokens zero", body, "'max_tokens'");
    body = chat(json::array({user("a")}));
    body["stop"] = json::array({"a", 1});
    row("stop with a number", body, "'stop'");
    body = chat(json::array({user("a")}));
    body["tools"] = json::array({json{{"type", "retrieval"}}});
    row("non-function tool", body, "'tools[0].type'");
    body = chat(json::array({user("a")}));
    body["tools"] = json::array({json{{"type", "function"}, {"function", json{{"description", "d"}}}}});
    row("tool without name", body, "'tools[0].function.name'");
    body = chat(json::array({user("a")}));
    body["tool_choice"] = "sometimes";
    row("bad tool_choice", body, "'tool_choice'");
    body = chat(json::array({user("a")}));
    body["response_format"] = json{{"type", "yaml"}};
    row("bad response_format", body, "'response_format.type'");
    row("only a system message", chat(json::array({json{{"role", "system"}, {"content", "x"}}})), "'messages'");
}

void TestGeminiRequest::errorsNameTheField()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    AdapterRequestInput in;
    in.openAiBody = body;
    in.model = QStringLiteral("gemini-2.0-flash");
    const Result<AdapterRequest> request = gemini::translateRequest(in);
    QVERIFY(!request.ok());
    QVERIFY2(request.error().message.contains(field), qPrintable(request.error().message));
    QVERIFY(!request.error().code.isEmpty());
}

QTEST_GUILESS_MAIN(TestGeminiRequest)
#include "tst_geminirequest.moc"
