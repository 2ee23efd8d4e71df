// Anthropic event streams in, OpenAI chunk streams out: the same output at
// every split of the input, read back with the executor's own decoder
// (llm::StreamDecoder) and the OpenAI stream state.

#include "AnthropicRecordings.h"
#include "fallback/LlmWire.h"
#include "providers/anthropic/AnthropicAdapter.h"
#include "providers/openai/OpenAiStream.h"
#include "providers/openai/SseParser.h"

#include <QTest>

#include <nlohmann/json.hpp>

#include <map>

using namespace understudy;
using json = nlohmann::json;

// Compares JSON values; on failure both sides are printed as JSON.
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

// Feeds `upstream` cut at `cuts` (ascending offsets), then finishes.
Run translate(const QByteArray &upstream, const std::vector<qsizetype> &cuts = {}, bool includeUsage = false,
              const QByteArray &contentType = "text/event-stream; charset=utf-8")
{
    auto translator =
        anthropic::makeResponseTranslator(true, QStringLiteral("claude-asked-for"), "req-7", includeUsage, kCreated);
    Run run;
    run.headers = translator->head(200, {{"content-type", contentType}, {"request-id", "req_01abc"}});
    qsizetype at = 0;
    const QByteArrayView bytes(upstream);
    for (const qsizetype cut : cuts) {
        run.out += translator->feed(bytes.sliced(at, cut - at));
        at = cut;
    }
    run.out += translator->feed(bytes.sliced(at));
    run.out += translator->finish();
    run.failure = translator->failure();
    return run;
}

struct Decoded
{
    QStringList kinds; // R(ole) C(ontent) F(inish) U(sage) D(one) E(rror) M(alformed) O(ther)
    QString text;
    qint64 promptTokens = -1;
    qint64 completionTokens = -1;
    QString errorMessage;
    QString finishReason;
    openai::OpenAiStreamState::End verdict = openai::OpenAiStreamState::End::Truncated;
    int malformed = 0;

    int count(const char *kind) const { return int(kinds.count(QLatin1String(kind))); }
};

QString letter(llm::StreamEvent::Kind kind)
{
    using Kind = llm::StreamEvent::Kind;
    switch (kind) {
    case Kind::RoleOnly:
        return QStringLiteral("R");
    case Kind::Content:
        return QStringLiteral("C");
    case Kind::Finish:
        return QStringLiteral("F");
    case Kind::Usage:
        return QStringLiteral("U");
    case Kind::Done:
        return QStringLiteral("D");
    case Kind::InBandError:
        return QStringLiteral("E");
    case Kind::Malformed:
        return QStringLiteral("M");
    case Kind::Other:
        break;
    }
    return QStringLiteral("O");
}

Decoded decode(const QByteArray &out)
{
    Decoded decoded;
    llm::StreamDecoder decoder;
    for (const llm::StreamEvent &event : decoder.feed(out)) {
        decoded.kinds << letter(event.kind);
        decoded.text += event.text;
        if (event.promptTokens >= 0)
            decoded.promptTokens = event.promptTokens;
        if (event.completionTokens >= 0)
            decoded.completionTokens = event.completionTokens;
        if (event.kind == llm::StreamEvent::Kind::InBandError)
            decoded.errorMessage = event.errorMessage;
    }
    openai::SseParser parser;
    openai::OpenAiStreamState state;
    for (const openai::SseEvent &event : parser.feed(out))
        state.observe(event);
    decoded.finishReason = state.finishReason();
    decoded.verdict = state.endVerdict();
    decoded.malformed = state.malformedCount();
    return decoded;
}

// The JSON documents of the output's data events ([DONE] and malformed ones skipped).
std::vector<json> chunks(const QByteArray &out)
{
    std::vector<json> docs;
    openai::SseParser parser;
    for (const openai::SseEvent &event : parser.feed(out)) {
        json doc = json::parse(event.data.begin(), event.data.end(), nullptr, false);
        if (doc.is_object())
            docs.push_back(std::move(doc));
    }
    return docs;
}

// "R C F D" -> {"R", "C", "F", "D"}
QStringList seq(const char *letters)
{
    return QString::fromLatin1(letters).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

QByteArray crlf(QByteArray bytes)
{
    return bytes.replace("\n", "\r\n");
}

} // namespace

class TestAnthropicStream : public QObject
{
    Q_OBJECT

private slots:
    void sameOutputAtEverySplit_data();
    void sameOutputAtEverySplit();
    void textAnswer();
    void chunksAreOpenAiChunks();
    void usageChunkWhenAsked();
    void toolUseArguments();
    void toolWithoutInputGetsEmptyObject();
    void overloadedErrorMidStream();
    void pingsAndCommentsAreSilent();
    void malformedEventIsForwardedAndCounted();
    void cutStreamsAreTruncated_data();
    void cutStreamsAreTruncated();
    void cachedTokensCountInThePrompt();
    void headersForAStream();
    void nothingAfterMessageStop();
    void malformedEchoIsNeverValid_data();
    void malformedEchoIsNeverValid();
    void wholeMessageForAStreamRequest();
    void unknownEventsAndBlocksAreIgnored();
    void oversizedEventIsMalformed();
};

void TestAnthropicStream::sameOutputAtEverySplit_data()
{
    QTest::addColumn<QByteArray>("upstream");
    QTest::newRow("text") << recordings::textStream();
    QTest::newRow("tool use") << recordings::toolUseStream();
    QTest::newRow("tool without input") << recordings::toolWithoutInputStream();
    QTest::newRow("overloaded mid-stream") << recordings::overloadedMidStream();
    QTest::newRow("pings") << recordings::pingHeavyStream();
    QTest::newRow("malformed event") << recordings::malformedEventStream();
    QTest::newRow("cut before message_delta") << recordings::cutBeforeMessageDelta();
    QTest::newRow("cut before message_stop") << recordings::cutBeforeMessageStop();
    QTest::newRow("cut inside last event") << recordings::cutInsideLastEvent();
    QTest::newRow("cached usage") << recordings::cachedUsageStream();
}

void TestAnthropicStream::sameOutputAtEverySplit()
{
    QFETCH(QByteArray, upstream);
    const QByteArray whole = translate(upstream).out;
    QVERIFY(!whole.isEmpty());

    // Every single split point.
    for (qsizetype cut = 0; cut <= upstream.size(); ++cut) {
        const QByteArray out = translate(upstream, {cut}).out;
        if (out != whole)
            QFAIL(qPrintable(QStringLiteral("output differs when split at byte %1").arg(cut)));
    }
    // Byte by byte.
    std::vector<qsizetype> every;
    for (qsizetype cut = 1; cut < upstream.size(); ++cut)
        every.push_back(cut);
    QCOMPARE(translate(upstream, every).out, whole);
    // CRLF line endings read the same, whole and byte by byte.
    const QByteArray windows = crlf(upstream);
    QCOMPARE(translate(windows).out, whole);
    every.clear();
    for (qsizetype cut = 1; cut < windows.size(); ++cut)
        every.push_back(cut);
    QCOMPARE(translate(windows, every).out, whole);
}

void TestAnthropicStream::textAnswer()
{
    const Run run = translate(recordings::textStream());
    QVERIFY(!run.failure);
    const Decoded decoded = decode(run.out);
    QCOMPARE(decoded.kinds, seq("R C C F D"));
    QCOMPARE(decoded.text, QStringLiteral("Hello!"));
    QCOMPARE(decoded.finishReason, QStringLiteral("stop"));
    QCOMPARE(decoded.promptTokens, 25);
    QCOMPARE(decoded.completionTokens, 15);
    QCOMPARE(decoded.verdict, openai::OpenAiStreamState::End::Complete);
    QCOMPARE(decoded.malformed, 0);
    QVERIFY(run.out.endsWith("data: [DONE]\n\n"));
}

void TestAnthropicStream::chunksAreOpenAiChunks()
{
    const std::vector<json> docs = chunks(translate(recordings::textStream()).out);
    QCOMPARE(docs.size(), size_t(4));
    for (const json &doc : docs) {
        JCOMPARE(doc["object"], "chat.completion.chunk");
        JCOMPARE(doc["id"], "msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY"); // Anthropic's message id
        JCOMPARE(doc["model"], "claude-3-5-sonnet-20241022");          // the model that answered
        JCOMPARE(doc["created"], kCreated);
        JCOMPARE(doc["choices"].size(), size_t(1));
        JCOMPARE(doc["choices"][0]["index"], 0);
    }
    JCOMPARE(docs[0]["choices"][0]["delta"], json({{"role", "assistant"}, {"content", ""}}));
    QVERIFY(docs[0]["choices"][0]["finish_reason"].is_null());
    JCOMPARE(docs[1]["choices"][0]["delta"], json({{"content", "Hello"}}));
    JCOMPARE(docs[3]["choices"][0]["delta"], json::object());
    JCOMPARE(docs[3]["choices"][0]["finish_reason"], "stop");
    JCOMPARE(docs[3]["usage"], json({{"prompt_tokens", 25}, {"completion_tokens", 15}, {"total_tokens", 40}}));
}

void TestAnthropicStream::usageChunkWhenAsked()
{
    const QByteArray out = translate(recordings::textStream(), {}, true).out;
    const Decoded decoded = decode(out);
    QCOMPARE(decoded.kinds, seq("R C C F U D"));
    const std::vector<json> docs = chunks(out);
    const json &usage = docs.back();
    JCOMPARE(usage["choices"], json::array());
    JCOMPARE(usage["usage"]["prompt_tokens"], 25);
    JCOMPARE(usage["usage"]["completion_tokens"], 15);
    QCOMPARE(decoded.verdict, openai::OpenAiStreamState::End::Complete);
}

void TestAnthropicStream::toolUseArguments()
{
    const QByteArray out = translate(recordings::toolUseStream()).out;
    const Decoded decoded = decode(out);
    QCOMPARE(decoded.text, QStringLiteral("Okay, let's check the weather for San Francisco, CA:"));
    QCOMPARE(decoded.finishReason, QStringLiteral("tool_calls"));
    QCOMPARE(decoded.verdict, openai::OpenAiStreamState::End::Complete);
    QCOMPARE(decoded.promptTokens, 472);
    QCOMPARE(decoded.completionTokens, 89);

    // Reassemble the tool call the way OpenAI clients do.
    std::map<int, json> calls;
    int toolChunks = 0;
    for (const json &doc : chunks(out)) {
        const json &delta = doc["choices"].empty() ? json() : doc["choices"][0]["delta"];
        if (!delta.is_object() || !delta.contains("tool_calls"))
            continue;
        ++toolChunks;
        for (const json &call : delta["tool_calls"]) {
            json &whole = calls[call["index"].get<int>()];
            if (call.contains("id")) {
                whole["id"] = call["id"];
                whole["type"] = call["type"];
                whole["name"] = call["function"]["name"];
                whole["arguments"] = "";
            }
            whole["arguments"] =
                whole["arguments"].get<std::string>() + call["function"]["arguments"].get<std::string>();
        }
    }
    QCOMPARE(calls.size(), size_t(1));
    const json &call = calls[0]; // OpenAI numbers tool calls from 0, whatever Anthropic's block index
    JCOMPARE(call["id"], "toolu_01T1x1fJ34qAmk2tNTrN7Up6");
    JCOMPARE(call["type"], "function");
    JCOMPARE(call["name"], "get_weather");
    JCOMPARE(json::parse(call["arguments"].get<std::string>()),
             json({{"location", "San Francisco, CA"}, {"unit", "fahrenheit"}}));
    QCOMPARE(toolChunks, 1 + 8); // the start, then each non-empty fragment
}

void TestAnthropicStream::toolWithoutInputGetsEmptyObject()
{
    const QByteArray out = translate(recordings::toolWithoutInputStream()).out;
    const std::vector<json> docs = chunks(out);
    QCOMPARE(docs.size(), size_t(4)); // role, tool call start, arguments "{}", finish
    JCOMPARE(docs[1]["choices"][0]["delta"]["tool_calls"][0]["function"]["name"], "get_time");
    JCOMPARE(docs[2]["choices"][0]["delta"]["tool_calls"][0]["function"]["arguments"], "{}");
    const Decoded decoded = decode(out);
    QCOMPARE(decoded.kinds, seq("R C C F D"));
    QCOMPARE(decoded.finishReason, QStringLiteral("tool_calls"));
}

void TestAnthropicStream::overloadedErrorMidStream()
{
    const Run run = translate(recordings::overloadedMidStream());
    QVERIFY(!run.failure);
    const Decoded decoded = decode(run.out);
    QCOMPARE(decoded.kinds, seq("R C E"));
    QCOMPARE(decoded.errorMessage, QStringLiteral("Overloaded"));
    QCOMPARE(decoded.verdict, openai::OpenAiStreamState::End::InBandError);
    const json error = chunks(run.out).back();
    JCOMPARE(error["error"]["type"], "overloaded_error"); // kept for the executor and the client
    JCOMPARE(error["error"]["code"], "overloaded_error");
    JCOMPARE(error["error"]["message"], "Overloaded");
    QVERIFY(!run.out.contains("[DONE]"));
}

void TestAnthropicStream::pingsAndCommentsAreSilent()
{
    QCOMPARE(translate(recordings::pingHeavyStream()).out, translate(recordings::textStream()).out);
}

void TestAnthropicStream::malformedEventIsForwardedAndCounted()
{
    const Run run = translate(recordings::malformedEventStream());
    const Decoded decoded = decode(run.out);
    QCOMPARE(decoded.kinds, seq("R C M C F D"));
    QCOMPARE(decoded.malformed, 1);
    QCOMPARE(decoded.text, QStringLiteral("Hello!"));
    QCOMPARE(decoded.verdict, openai::OpenAiStreamState::End::Complete); // the executor drops and counts it
    // The unreadable data itself is what is forwarded, as evidence.
    QVERIFY(run.out.contains(
        "data: {\"type\": \"content_block_delta\", \"index\": 0, \"delta\": {\"type\": \"text_del\n\n"));
}

void TestAnthropicStream::cutStreamsAreTruncated_data()
{
    QTest::addColumn<QByteArray>("upstream");
    QTest::addColumn<QStringList>("kinds");
    QTest::addColumn<bool>("finished");
    QTest::newRow("before message_delta") << recordings::cutBeforeMessageDelta() << seq("R C") << false;
    // The finish chunk came: the answer is whole without [DONE] (SPEC §4).
    QTest::newRow("before message_stop") << recordings::cutBeforeMessageStop() << seq("R C C F") << true;
    // The partial message_stop event is discarded, never read as an end.
    QTest::newRow("inside message_stop") << recordings::cutInsideLastEvent() << seq("R C C F") << true;
    QTest::newRow("nothing at all") << QByteArray() << QStringList() << false;
    QTest::newRow("only message_start") << recordings::textStream().left(recordings::textStream().indexOf("\n\n") + 2)
                                        << seq("R") << false;
}

void TestAnthropicStream::cutStreamsAreTruncated()
{
    QFETCH(QByteArray, upstream);
    QFETCH(QStringList, kinds);
    QFETCH(bool, finished);
    const Run run = translate(upstream);
    QVERIFY(!run.failure); // the executor decides from the events
    const Decoded decoded = decode(run.out);
    QCOMPARE(decoded.kinds, kinds);
    QVERIFY(!run.out.contains("[DONE]"));
    QCOMPARE(decoded.verdict,
             finished ? openai::OpenAiStreamState::End::Complete : openai::OpenAiStreamState::End::Truncated);
}

void TestAnthropicStream::cachedTokensCountInThePrompt()
{
    const std::vector<json> docs = chunks(translate(recordings::cachedUsageStream()).out);
    const json &usage = docs.back()["usage"];
    JCOMPARE(usage["prompt_tokens"], 12 + 2048);
    JCOMPARE(usage["completion_tokens"], 4);
    JCOMPARE(usage["total_tokens"], 12 + 2048 + 4);
    JCOMPARE(usage["prompt_tokens_details"]["cached_tokens"], 2048);
}

void TestAnthropicStream::headersForAStream()
{
    auto translator = anthropic::makeResponseTranslator(true, QStringLiteral("m"), {}, false, kCreated);
    const HttpHeaders out = translator->head(200, {{"Content-Type", "text/event-stream; charset=utf-8"},
                                                   {"Transfer-Encoding", "chunked"},
                                                   {"Content-Length", "9999"},
                                                   {"request-id", "req_01abc"},
                                                   {"anthropic-ratelimit-requests-remaining", "49"},
                                                   {"Connection", "keep-alive"}});
    QCOMPARE(headerValue(out, "content-type"), QByteArray("text/event-stream"));
    QCOMPARE(headerValues(out, "content-type").size(), size_t(1));
    QVERIFY(!hasHeader(out, "content-length"));
    QVERIFY(!hasHeader(out, "transfer-encoding"));
    QVERIFY(!hasHeader(out, "connection"));
    QCOMPARE(headerValue(out, "request-id"), QByteArray("req_01abc"));
    QCOMPARE(headerValue(out, "anthropic-ratelimit-requests-remaining"), QByteArray("49"));
}

void TestAnthropicStream::nothingAfterMessageStop()
{
    const QByteArray upstream = recordings::textStream() + recordings::lateEvents();
    QCOMPARE(translate(upstream).out, translate(recordings::textStream()).out);
}

void TestAnthropicStream::malformedEchoIsNeverValid_data()
{
    QTest::addColumn<QByteArray>("data");
    for (const auto &[name, data] : recordings::unreadableEventData())
        QTest::newRow(name) << data;
}

void TestAnthropicStream::malformedEchoIsNeverValid()
{
    QFETCH(QByteArray, data);
    QByteArray upstream = "data: " + data;
    upstream.replace("\n", "\ndata: ");
    upstream += "\n\n";
    const Decoded decoded = decode(translate(upstream).out);
    QCOMPARE(decoded.kinds, seq("M"));
    QCOMPARE(decoded.malformed, 1);
}

void TestAnthropicStream::wholeMessageForAStreamRequest()
{
    // A proxy that ignores "stream" and answers with a Message.
    const Run run = translate(recordings::toolUseMessage(), {}, true, "application/json");
    QVERIFY(!run.failure);
    QCOMPARE(headerValue(run.headers, "content-type"), QByteArray("text/event-stream"));
    const Decoded decoded = decode(run.out);
    QCOMPARE(decoded.kinds, seq("R C C F U D"));
    QCOMPARE(decoded.text, QStringLiteral("I'll check the weather."));
    QCOMPARE(decoded.finishReason, QStringLiteral("tool_calls"));
    QCOMPARE(decoded.promptTokens, 384 + 100);
    const json call = chunks(run.out)[2]["choices"][0]["delta"]["tool_calls"][0];
    JCOMPARE(call["id"], "toolu_01A09q90qw90lq917835lq9");
    JCOMPARE(json::parse(call["function"]["arguments"].get<std::string>()),
             json({{"location", "San Francisco, CA"}, {"unit", "celsius"}}));

    // An error object in a 200 JSON answer: an in-band error, and a failure.
    const Run error = translate(recordings::overloadedError(), {}, false, "application/json");
    QVERIFY(error.failure);
    QCOMPARE(error.failure->outcome, OutcomeClass::InBandError);
    QCOMPARE(decode(error.out).kinds, seq("E"));
}

void TestAnthropicStream::unknownEventsAndBlocksAreIgnored()
{
    QByteArray upstream = recordings::textStream();
    upstream.insert(upstream.indexOf("event: content_block_start"), recordings::thinkingAndUnknownEvents());
    QCOMPARE(translate(upstream).out, translate(recordings::textStream()).out);
}

void TestAnthropicStream::oversizedEventIsMalformed()
{
    // An event past the SSE parser's bound is dropped unread and reported
    // once, as a malformed event; the stream goes on.
    const QByteArray huge = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                            "\"delta\":{\"type\":\"text_delta\",\"text\":\"" +
                            QByteArray(openai::SseParser::kDefaultMaxEventBytes + 10, 'x') + "\"}}\n\n";
    QByteArray upstream = recordings::textStream();
    upstream.insert(upstream.indexOf("event: content_block_stop"), huge);
    const Run run = translate(upstream);
    QVERIFY(run.out.size() < 64 * 1024);
    const Decoded decoded = decode(run.out);
    QCOMPARE(decoded.kinds, seq("R C C M F D"));
    QCOMPARE(decoded.text, QStringLiteral("Hello!"));
    QCOMPARE(decoded.verdict, openai::OpenAiStreamState::End::Complete);
}

QTEST_GUILESS_MAIN(TestAnthropicStream)
#include "tst_anthropicstream.moc"
