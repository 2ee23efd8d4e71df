// The Anthropic Messages inbound: Messages requests as OpenAI chat requests,
// OpenAI answers, streams and errors back as Anthropic's.

#include "providers/anthropic/InboundMessages.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace understudy;
using namespace understudy::anthropic;

namespace {

QJsonObject obj(const QByteArray &bytes)
{
    return QJsonDocument::fromJson(bytes).object();
}

QJsonObject translated(const QByteArray &body)
{
    const auto result = openAiRequestFromMessages(body);
    if (!result) {
        qWarning("unexpected error: %s", qPrintable(result.error().message));
        return {};
    }
    return obj(*result);
}

QString errorFor(const QByteArray &body)
{
    const auto result = openAiRequestFromMessages(body);
    return result ? QString() : result.error().message;
}

struct Event
{
    QByteArray name;
    QJsonObject data;
};

QList<Event> events(const QByteArray &sse)
{
    QList<Event> out;
    for (const QByteArray &block : sse.split('\n')) {
        if (block.startsWith("event: "))
            out.append(Event{block.mid(7), {}});
        else if (block.startsWith("data: ") && !out.isEmpty())
            out.last().data = obj(block.mid(6));
    }
    return out;
}

QByteArray chunk(const QByteArray &deltaJson, const QByteArray &finish = "null")
{
    return "data: {\"id\":\"chatcmpl-7\",\"object\":\"chat.completion.chunk\",\"model\":\"served-model\","
           "\"choices\":[{\"index\":0,\"delta\":" +
           deltaJson + ",\"finish_reason\":" + finish + "}]}\n\n";
}

} // namespace

class TestAnthropicInbound final : public QObject
{
    Q_OBJECT

private slots:
    void requestBasics()
    {
        const QJsonObject out = translated(
            "{\"model\":\"claude-x\",\"max_tokens\":50,\"system\":\"be brief\",\"temperature\":0.3,\"top_p\":0.9,"
            "\"top_k\":5,\"stop_sequences\":[\"END\"],\"metadata\":{\"user_id\":\"u1\"},"
            "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        QCOMPARE(out.value(QStringLiteral("model")).toString(), QStringLiteral("claude-x"));
        QCOMPARE(out.value(QStringLiteral("max_tokens")).toInt(), 50);
        QCOMPARE(out.value(QStringLiteral("temperature")).toDouble(), 0.3);
        QCOMPARE(out.value(QStringLiteral("top_p")).toDouble(), 0.9);
        QVERIFY(!out.contains(QStringLiteral("top_k")));
        QCOMPARE(out.value(QStringLiteral("stop")).toArray().at(0).toString(), QStringLiteral("END"));
        QCOMPARE(out.value(QStringLiteral("user")).toString(), QStringLiteral("u1"));
        QVERIFY(!out.contains(QStringLiteral("stream")));
        const QJsonArray messages = out.value(QStringLiteral("messages")).toArray();
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages.at(0).toObject().value(QStringLiteral("role")).toString(), QStringLiteral("system"));
        QCOMPARE(messages.at(0).toObject().value(QStringLiteral("content")).toString(), QStringLiteral("be brief"));
        QCOMPARE(messages.at(1).toObject().value(QStringLiteral("content")).toString(), QStringLiteral("hi"));
    }

    void streamAsksForUsage()
    {
        const QJsonObject out = translated(
            "{\"model\":\"m\",\"max_tokens\":5,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        QVERIFY(out.value(QStringLiteral("stream")).toBool());
        QVERIFY(out.value(QStringLiteral("stream_options")).toObject().value(QStringLiteral("include_usage")).toBool());
    }

    void systemBlocksImagesAndTools()
    {
        const QJsonObject out = translated(
            "{\"model\":\"m\",\"max_tokens\":5,"
            "\"system\":[{\"type\":\"text\",\"text\":\"one\"},{\"type\":\"text\",\"text\":\"two\"}],"
            "\"tools\":[{\"name\":\"get_weather\",\"description\":\"w\",\"input_schema\":{\"type\":\"object\"}}],"
            "\"tool_choice\":{\"type\":\"any\",\"disable_parallel_tool_use\":true},"
            "\"messages\":["
            "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"look\"},"
            "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"QUJD\"}},"
            "{\"type\":\"image\",\"source\":{\"type\":\"url\",\"url\":\"https://example.com/a.png\"}}]},"
            "{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"hmm\",\"signature\":\"s\"},"
            "{\"type\":\"text\",\"text\":\"calling\"},"
            "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"get_weather\",\"input\":{\"city\":\"Paris\"}}]},"
            "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\","
            "\"content\":[{\"type\":\"text\",\"text\":\"sunny\"}]},{\"type\":\"text\",\"text\":\"thanks\"}]},"
            "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_2\","
            "\"content\":\"boom\",\"is_error\":true}]}]}");
        const QJsonArray messages = out.value(QStringLiteral("messages")).toArray();
        QCOMPARE(messages.size(), 6);
        QCOMPARE(messages.at(0).toObject().value(QStringLiteral("content")).toString(), QStringLiteral("one\n\ntwo"));
        const QJsonArray parts = messages.at(1).toObject().value(QStringLiteral("content")).toArray();
        QCOMPARE(parts.size(), 3);
        QCOMPARE(parts.at(1).toObject().value(QStringLiteral("image_url")).toObject().value(QStringLiteral("url")).toString(),
                 QStringLiteral("data:image/png;base64,QUJD"));
        QCOMPARE(parts.at(2).toObject().value(QStringLiteral("image_url")).toObject().value(QStringLiteral("url")).toString(),
                 QStringLiteral("https://example.com/a.png"));
        const QJsonObject assistant = messages.at(2).toObject();
        QCOMPARE(assistant.value(QStringLiteral("content")).toString(), QStringLiteral("calling"));
        const QJsonObject call = assistant.value(QStringLiteral("tool_calls")).toArray().at(0).toObject();
        QCOMPARE(call.value(QStringLiteral("id")).toString(), QStringLiteral("toolu_1"));
        const QJsonObject function = call.value(QStringLiteral("function")).toObject();
        QCOMPARE(function.value(QStringLiteral("name")).toString(), QStringLiteral("get_weather"));
        QCOMPARE(obj(function.value(QStringLiteral("arguments")).toString().toUtf8()).value(QStringLiteral("city")).toString(),
                 QStringLiteral("Paris"));
        // The tool answer comes first, then the rest of the user turn.
        QCOMPARE(messages.at(3).toObject().value(QStringLiteral("role")).toString(), QStringLiteral("tool"));
        QCOMPARE(messages.at(3).toObject().value(QStringLiteral("tool_call_id")).toString(), QStringLiteral("toolu_1"));
        QCOMPARE(messages.at(3).toObject().value(QStringLiteral("content")).toString(), QStringLiteral("sunny"));
        QCOMPARE(messages.at(4).toObject().value(QStringLiteral("role")).toString(), QStringLiteral("user"));
        QCOMPARE(messages.at(5).toObject().value(QStringLiteral("content")).toString(), QStringLiteral("Error: boom"));

        const QJsonObject tool = out.value(QStringLiteral("tools")).toArray().at(0).toObject();
        QCOMPARE(tool.value(QStringLiteral("type")).toString(), QStringLiteral("function"));
        QCOMPARE(tool.value(QStringLiteral("function")).toObject().value(QStringLiteral("parameters")).toObject()
                     .value(QStringLiteral("type")).toString(),
                 QStringLiteral("object"));
        QCOMPARE(out.value(QStringLiteral("tool_choice")).toString(), QStringLiteral("required"));
        QCOMPARE(out.value(QStringLiteral("parallel_tool_calls")).toBool(true), false);
    }

    void namedToolChoice()
    {
        const QJsonObject out = translated("{\"model\":\"m\",\"max_tokens\":5,\"tool_choice\":{\"type\":\"tool\","
                                           "\"name\":\"f\"},\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        QCOMPARE(out.value(QStringLiteral("tool_choice")).toObject().value(QStringLiteral("function")).toObject()
                     .value(QStringLiteral("name")).toString(),
                 QStringLiteral("f"));
    }

    void invalidRequestsNameTheField_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        QTest::newRow("not json") << QByteArray("{") << QStringLiteral("JSON");
        QTest::newRow("no model") << QByteArray("{\"max_tokens\":5,\"messages\":[]}") << QStringLiteral("model:");
        QTest::newRow("no max_tokens") << QByteArray("{\"model\":\"m\",\"messages\":[]}")
                                       << QStringLiteral("max_tokens:");
        QTest::newRow("zero max_tokens") << QByteArray("{\"model\":\"m\",\"max_tokens\":0,\"messages\":[]}")
                                         << QStringLiteral("max_tokens:");
        QTest::newRow("empty messages") << QByteArray("{\"model\":\"m\",\"max_tokens\":5,\"messages\":[]}")
                                        << QStringLiteral("messages:");
        QTest::newRow("bad role") << QByteArray("{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"system\","
                                                "\"content\":\"x\"}]}")
                                  << QStringLiteral("messages.0.role:");
        QTest::newRow("bad block") << QByteArray("{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\","
                                                 "\"content\":[{\"type\":\"text\",\"text\":\"a\"},{\"type\":\"video\"}]}]}")
                                   << QStringLiteral("messages.0.content.1.type:");
        QTest::newRow("tool_use input") << QByteArray("{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":"
                                                      "\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"a\","
                                                      "\"name\":\"f\",\"input\":[1]}]}]}")
                                        << QStringLiteral("messages.0.content.0.input:");
        QTest::newRow("server tool") << QByteArray("{\"model\":\"m\",\"max_tokens\":5,\"tools\":[{\"type\":"
                                                   "\"web_search_20250305\",\"name\":\"web_search\"}],\"messages\":"
                                                   "[{\"role\":\"user\",\"content\":\"x\"}]}")
                                     << QStringLiteral("tools.0.type:");
        QTest::newRow("stream type") << QByteArray("{\"model\":\"m\",\"max_tokens\":5,\"stream\":\"yes\",\"messages\":"
                                                   "[{\"role\":\"user\",\"content\":\"x\"}]}")
                                     << QStringLiteral("stream:");
        QTest::newRow("image source") << QByteArray("{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\","
                                                    "\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"base64\","
                                                    "\"media_type\":\"image/png\"}}]}]}")
                                      << QStringLiteral("messages.0.content.0.source.data:");
    }

    void invalidRequestsNameTheField()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        const QString error = errorFor(body);
        QVERIFY2(error.contains(field), qPrintable(error));
    }

    void completionBecomesMessage()
    {
        const QByteArray completion =
            "{\"id\":\"chatcmpl-42\",\"object\":\"chat.completion\",\"model\":\"gpt-x\",\"choices\":[{\"index\":0,"
            "\"message\":{\"role\":\"assistant\",\"content\":\"hello\",\"tool_calls\":[{\"id\":\"call_1\",\"type\":"
            "\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"a\\\":1}\"}}]},\"finish_reason\":"
            "\"tool_calls\"}],\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":3,\"total_tokens\":14}}";
        const QJsonObject message = obj(messageFromCompletion(completion, QStringLiteral("fallback")));
        QCOMPARE(message.value(QStringLiteral("id")).toString(), QStringLiteral("msg_42"));
        QCOMPARE(message.value(QStringLiteral("type")).toString(), QStringLiteral("message"));
        QCOMPARE(message.value(QStringLiteral("role")).toString(), QStringLiteral("assistant"));
        QCOMPARE(message.value(QStringLiteral("model")).toString(), QStringLiteral("gpt-x"));
        QCOMPARE(message.value(QStringLiteral("stop_reason")).toString(), QStringLiteral("tool_use"));
        const QJsonArray content = message.value(QStringLiteral("content")).toArray();
        QCOMPARE(content.size(), 2);
        QCOMPARE(content.at(0).toObject().value(QStringLiteral("text")).toString(), QStringLiteral("hello"));
        QCOMPARE(content.at(1).toObject().value(QStringLiteral("type")).toString(), QStringLiteral("tool_use"));
        QCOMPARE(content.at(1).toObject().value(QStringLiteral("input")).toObject().value(QStringLiteral("a")).toInt(), 1);
        const QJsonObject usage = message.value(QStringLiteral("usage")).toObject();
        QCOMPARE(usage.value(QStringLiteral("input_tokens")).toInt(), 11);
        QCOMPARE(usage.value(QStringLiteral("output_tokens")).toInt(), 3);
        QVERIFY(messageFromCompletion("{\"not\":\"a completion\"}", {}).isEmpty());
    }

    void stopReasons()
    {
        QCOMPARE(stopReasonFor(QStringLiteral("stop")), QStringLiteral("end_turn"));
        QCOMPARE(stopReasonFor(QStringLiteral("length")), QStringLiteral("max_tokens"));
        QCOMPARE(stopReasonFor(QStringLiteral("tool_calls")), QStringLiteral("tool_use"));
        QCOMPARE(stopReasonFor(QStringLiteral("content_filter")), QStringLiteral("refusal"));
    }

    void errorBodies_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("type");
        QTest::newRow("400") << 400 << QStringLiteral("invalid_request_error");
        QTest::newRow("401") << 401 << QStringLiteral("authentication_error");
        QTest::newRow("404") << 404 << QStringLiteral("not_found_error");
        QTest::newRow("429") << 429 << QStringLiteral("rate_limit_error");
        QTest::newRow("500") << 500 << QStringLiteral("api_error");
        QTest::newRow("502") << 502 << QStringLiteral("api_error");
        QTest::newRow("503") << 503 << QStringLiteral("overloaded_error");
        QTest::newRow("529") << 529 << QStringLiteral("overloaded_error");
    }

    void errorBodies()
    {
        QFETCH(int, status);
        QFETCH(QString, type);
        const QJsonObject body = obj(
            inboundErrorFromOpenAi(status, "{\"error\":{\"message\":\"nope\",\"type\":\"x\",\"code\":null}}"));
        QCOMPARE(body.value(QStringLiteral("type")).toString(), QStringLiteral("error"));
        QCOMPARE(body.value(QStringLiteral("error")).toObject().value(QStringLiteral("type")).toString(), type);
        QCOMPARE(body.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString(),
                 QStringLiteral("nope"));
        const QJsonObject plain = obj(inboundErrorFromOpenAi(status, "gateway timeout text"));
        QCOMPARE(plain.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString(),
                 QStringLiteral("gateway timeout text"));
    }

    void streamTextAndUsage()
    {
        MessagesStreamTranslator translator(QStringLiteral("asked"));
        QByteArray all = chunk("{\"role\":\"assistant\",\"content\":\"\"}") + chunk("{\"content\":\"Hel\"}");
        // Split mid-event: nothing may come out for an incomplete event.
        const QByteArray tail = chunk("{\"content\":\"lo\"}") + chunk("{}", "\"stop\"") +
                                "data: {\"id\":\"chatcmpl-7\",\"object\":\"chat.completion.chunk\",\"model\":"
                                "\"served-model\",\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":2}}"
                                "\n\ndata: [DONE]\n\n";
        QByteArray out = translator.feed(all.left(all.size() - 7));
        out += translator.feed(all.mid(all.size() - 7));
        for (qsizetype i = 0; i < tail.size(); i += 13)
            out += translator.feed(tail.mid(i, 13));
        out += translator.finish();
        QVERIFY(translator.sawDone());
        const QList<Event> list = events(out);
        QStringList names;
        for (const Event &e : list)
            names << QString::fromLatin1(e.name);
        QCOMPARE(names, QStringList({QStringLiteral("message_start"), QStringLiteral("content_block_start"),
                                     QStringLiteral("content_block_delta"), QStringLiteral("content_block_delta"),
                                     QStringLiteral("content_block_stop"), QStringLiteral("message_delta"),
                                     QStringLiteral("message_stop")}));
        const QJsonObject start = list.at(0).data.value(QStringLiteral("message")).toObject();
        QCOMPARE(start.value(QStringLiteral("model")).toString(), QStringLiteral("served-model"));
        QCOMPARE(start.value(QStringLiteral("id")).toString(), QStringLiteral("msg_7"));
        QCOMPARE(list.at(2).data.value(QStringLiteral("delta")).toObject().value(QStringLiteral("text")).toString(),
                 QStringLiteral("Hel"));
        QCOMPARE(list.at(3).data.value(QStringLiteral("delta")).toObject().value(QStringLiteral("type")).toString(),
                 QStringLiteral("text_delta"));
        const QJsonObject delta = list.at(5).data;
        QCOMPARE(delta.value(QStringLiteral("delta")).toObject().value(QStringLiteral("stop_reason")).toString(),
                 QStringLiteral("end_turn"));
        QCOMPARE(delta.value(QStringLiteral("usage")).toObject().value(QStringLiteral("output_tokens")).toInt(), 2);
        QCOMPARE(delta.value(QStringLiteral("usage")).toObject().value(QStringLiteral("input_tokens")).toInt(), 9);
        QVERIFY(out.contains("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"));
    }

    void streamToolCalls()
    {
        MessagesStreamTranslator translator({});
        QByteArray out = translator.feed(QByteArray(
            chunk("{\"content\":\"let me check\"}") +
            chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_9\",\"type\":\"function\",\"function\":{\"name\":"
                  "\"lookup\",\"arguments\":\"\"}}]}") +
            chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"q\\\":\"}}]}") +
            chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"1}\"}}]}") +
            chunk("{}", "\"tool_calls\"") + "data: [DONE]\n\n"));
        out += translator.finish();
        const QList<Event> list = events(out);
        QCOMPARE(list.size(), 10);
        QCOMPARE(list.at(3).name, QByteArray("content_block_stop"));
        const QJsonObject toolStart = list.at(4).data;
        QCOMPARE(toolStart.value(QStringLiteral("index")).toInt(), 1);
        const QJsonObject block = toolStart.value(QStringLiteral("content_block")).toObject();
        QCOMPARE(block.value(QStringLiteral("type")).toString(), QStringLiteral("tool_use"));
        QCOMPARE(block.value(QStringLiteral("id")).toString(), QStringLiteral("call_9"));
        QCOMPARE(block.value(QStringLiteral("name")).toString(), QStringLiteral("lookup"));
        QString json;
        for (int i = 5; i <= 6; ++i) {
            const QJsonObject d = list.at(i).data.value(QStringLiteral("delta")).toObject();
            QCOMPARE(d.value(QStringLiteral("type")).toString(), QStringLiteral("input_json_delta"));
            json += d.value(QStringLiteral("partial_json")).toString();
        }
        QCOMPARE(json, QStringLiteral("{\"q\":1}"));
        QCOMPARE(list.at(7).name, QByteArray("content_block_stop"));
        QCOMPARE(list.at(8).data.value(QStringLiteral("delta")).toObject().value(QStringLiteral("stop_reason")).toString(),
                 QStringLiteral("tool_use"));
    }

    void streamErrorEventAndCutStream()
    {
        MessagesStreamTranslator translator({});
        QByteArray out = translator.feed(QByteArray(chunk("{\"content\":\"partial\"}") +
                                                    "data: {\"error\":{\"message\":\"the answer was interrupted\","
                                                    "\"type\":\"upstream_error\"}}\n\n"));
        out += translator.finish();
        QVERIFY(!translator.sawDone());
        QList<Event> list = events(out);
        QCOMPARE(list.last().name, QByteArray("error"));
        QCOMPARE(list.last().data.value(QStringLiteral("error")).toObject().value(QStringLiteral("type")).toString(),
                 QStringLiteral("api_error"));
        QVERIFY(!out.contains("message_stop"));

        MessagesStreamTranslator overloaded({});
        out = overloaded.feed("data: {\"error\":{\"message\":\"busy\",\"type\":\"overloaded_error\"}}\n\n");
        QCOMPARE(events(out).last().data.value(QStringLiteral("error")).toObject().value(QStringLiteral("type")).toString(),
                 QStringLiteral("overloaded_error"));

        // Ended without [DONE] or an error: the client must see an error, not a stop.
        MessagesStreamTranslator cut({});
        out = cut.feed(chunk("{\"content\":\"half\"}"));
        out += cut.finish();
        list = events(out);
        QCOMPARE(list.last().name, QByteArray("error"));
        QVERIFY(!out.contains("message_stop"));
    }

    void transformPicksModeFromTheHead()
    {
        auto json = makeMessagesTransform(QStringLiteral("m"));
        int status = 200;
        HttpHeaders headers{{"Content-Type", "application/json"}, {"x-understudy-served-by", "a/b"}};
        qint64 length = 120;
        json->head(status, headers, length);
        QCOMPARE(length, qint64(-1));
        QCOMPARE(headers.size(), size_t(2));
        QVERIFY(std::find(headers.begin(), headers.end(), std::pair<QByteArray, QByteArray>("x-understudy-served-by",
                                                                                          "a/b")) != headers.end());
        const QByteArray completion = "{\"id\":\"chatcmpl-1\",\"model\":\"x\",\"choices\":[{\"index\":0,\"message\":"
                                      "{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"length\"}]}";
        QVERIFY(json->body(completion.left(10)).isEmpty());
        QVERIFY(json->body(completion.mid(10)).isEmpty());
        QCOMPARE(obj(json->finish()).value(QStringLiteral("stop_reason")).toString(), QStringLiteral("max_tokens"));

        auto error = makeMessagesTransform(QStringLiteral("m"));
        status = 429;
        headers = {{"Content-Type", "application/json"}};
        error->head(status, headers, length);
        QCOMPARE(status, 429);
        QVERIFY(error->body("{\"error\":{\"message\":\"slow down\"}}").isEmpty());
        QCOMPARE(obj(error->finish()).value(QStringLiteral("error")).toObject().value(QStringLiteral("type")).toString(),
                 QStringLiteral("rate_limit_error"));

        auto stream = makeMessagesTransform(QStringLiteral("m"));
        status = 200;
        headers = {{"Content-Type", "text/event-stream; charset=utf-8"}};
        stream->head(status, headers, length);
        QVERIFY(stream->body(chunk("{\"content\":\"a\"}")).startsWith("event: message_start\n"));
    }
};

QTEST_GUILESS_MAIN(TestAnthropicInbound)
#include "tst_anthropicinbound.moc"
