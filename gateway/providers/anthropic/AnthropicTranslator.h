#pragma once

// Internal to providers/anthropic: what the response side shares.
//
//   ResponseErrors.cpp   error bodies and stop reasons, Anthropic -> OpenAI
//   ResponseStream.cpp   a Messages event stream as chat.completion.chunk events
//   AnthropicResponse.cpp whole Messages, usage, and the translator's head,
//                        feed and finish

#include "providers/ProviderAdapter.h"
#include "providers/anthropic/AnthropicJson.h"
#include "providers/openai/SseParser.h"

#include <map>
#include <optional>
#include <string>

namespace understudy::anthropic::detail {

// ---- errors (ResponseErrors.cpp)

// {"error":{"message","type","param","code"}} from an Anthropic error
// document (or anything shaped like one); `status` > 0 infers a missing type.
ojson openAiErrorFrom(const ojson &doc, int status);

// ---- stream framing (ResponseStream.cpp)

// One SSE "data:" event holding `doc`.
QByteArray sseData(const ojson &doc);
// An event the executor's decoder must count as malformed: never valid JSON
// and never "[DONE]", whatever the upstream sent.
QByteArray malformedEvent(QByteArrayView raw);

// ---- usage and the translator (AnthropicResponse.cpp)

struct Usage
{
    qint64 input = -1; // input_tokens: the uncached part of the prompt
    qint64 cacheCreation = -1;
    qint64 cacheRead = -1;
    qint64 output = -1;

    // The counts are cumulative: a later report replaces an earlier one.
    void update(const ojson &usage);
    // OpenAI counts the whole prompt, cached or not.
    ojson openAi() const;
};

// The ResponseTranslator of makeResponseTranslator. Whole bodies are
// translated in AnthropicResponse.cpp, event streams in ResponseStream.cpp.
class AnthropicTranslator final : public ResponseTranslator
{
    Q_DISABLE_COPY_MOVE(AnthropicTranslator)

public:
    AnthropicTranslator(bool stream, const QString &model, const QByteArray &requestId, bool includeUsageChunk,
                        qint64 createdSecs);

    HttpHeaders head(int status, const HttpHeaders &headers) override;
    QByteArray feed(QByteArrayView bytes) override;
    QByteArray finish() override;
    std::optional<AdapterFailure> failure() const override { return m_failure; }

private:
    enum class Mode {
        Events,      // a 2xx event stream, translated event by event
        Message,     // a 2xx JSON Message, translated in finish()
        Error,       // an error status: the body becomes an OpenAI error in finish()
        Passthrough, // 1xx/3xx: relayed as it came
    };

    // ---- stream
    QByteArray onEvent(const openai::SseEvent &event);
    QByteArray onMessageStart(const ojson &doc, QByteArrayView raw);
    QByteArray onBlockStart(const ojson &doc, QByteArrayView raw);
    QByteArray onBlockDelta(const ojson &doc, QByteArrayView raw);
    QByteArray onBlockStop(const ojson &doc);
    QByteArray onMessageDelta(const ojson &doc, QByteArrayView raw);
    QByteArray onMessageStop();

    QByteArray roleChunkOnce();
    ojson chunk(ojson delta, const ojson &finishReason = nullptr) const;
    QByteArray contentChunk(const std::string &text);
    QByteArray toolCallChunk(int index, const std::string &id, const std::string &name, const std::string &arguments);
    QByteArray toolArgumentsChunk(int index, const std::string &arguments);
    QByteArray finishChunk(const QString &finishReason);
    QByteArray endOfStream();

    // ---- whole bodies
    QByteArray messageAsCompletion();
    QByteArray messageAsStream();
    // The parsed Message, or nullopt with m_failure set.
    std::optional<ojson> readMessage();

    void adoptMessageFacts(const ojson &message);

    const bool m_stream;
    const bool m_includeUsageChunk;
    const qint64 m_created;
    std::string m_model;
    std::string m_id;

    Mode m_mode = Mode::Message;
    int m_status = 200;
    QByteArray m_body; // Message, Error and Passthrough modes
    std::optional<AdapterFailure> m_failure;

    openai::SseParser m_parser;
    bool m_roleSent = false;
    bool m_finishSent = false;
    bool m_doneSent = false;
    Usage m_usage;
    struct ToolBlock
    {
        int index = 0; // the OpenAI tool_calls index
        bool argumentsSent = false;
    };
    std::map<qint64, ToolBlock> m_toolBlocks; // by Anthropic content block index
    int m_toolCount = 0;
};

} // namespace understudy::anthropic::detail
