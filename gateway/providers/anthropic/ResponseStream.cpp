// Response translation, event streams: Anthropic's message_start,
// content_block_* and message_* events as OpenAI chat.completion.chunk
// events, and the chunk builders the whole-Message path reuses.

#include "providers/anthropic/AnthropicAdapter.h"
#include "providers/anthropic/AnthropicTranslator.h"

#include <algorithm>

namespace understudy::anthropic::detail {

namespace {

// Evidence kept from an event that could not be read; it is dropped anyway.
constexpr qsizetype kMaxMalformedEchoBytes = 4096;

} // namespace

QByteArray sseData(const ojson &doc)
{
    return "data: " + dump(doc) + "\n\n";
}

QByteArray malformedEvent(QByteArrayView raw)
{
    QByteArray text = raw.first(std::min<qsizetype>(raw.size(), kMaxMalformedEchoBytes)).toByteArray();
    const QByteArray trimmed = text.trimmed();
    if (trimmed.isEmpty() || trimmed == "[DONE]" || parsed(parse(text)))
        text.prepend("malformed upstream event: ");
    text.replace('\r', ' ');
    return "data: " + text.replace('\n', "\ndata: ") + "\n\n";
}

QByteArray AnthropicTranslator::onEvent(const openai::SseEvent &event)
{
    if (m_doneSent)
        return {}; // nothing follows message_stop
    if (event.oversized)
        return malformedEvent("oversized upstream event dropped");
    const ojson doc = parse(event.data);
    if (!parsed(doc) || !doc.is_object())
        return malformedEvent(event.data);
    // Anthropic names each event twice (SSE event name and data "type"); the
    // data is authoritative, the name covers data without a type.
    std::string type = str(doc, "type");
    if (type.empty())
        type = event.event.toStdString();
    if (type == "error" || event.event == "error") {
        // Mid-stream errors (overloaded_error during high load...), in the
        // OpenAI in-band shape, keeping Anthropic's type.
        return sseData(openAiErrorFrom(doc, 0));
    }
    if (type == "message_start")
        return onMessageStart(doc, event.data);
    if (type == "content_block_start")
        return onBlockStart(doc, event.data);
    if (type == "content_block_delta")
        return onBlockDelta(doc, event.data);
    if (type == "content_block_stop")
        return onBlockStop(doc);
    if (type == "message_delta")
        return onMessageDelta(doc, event.data);
    if (type == "message_stop")
        return onMessageStop();
    // "ping", and event types added later (Anthropic's versioning policy asks
    // clients to ignore unknown ones).
    return {};
}

QByteArray AnthropicTranslator::onMessageStart(const ojson &doc, QByteArrayView raw)
{
    const ojson *message = member(doc, "message");
    if (!message || !message->is_object())
        return malformedEvent(raw);
    if (!m_roleSent) {
        adoptMessageFacts(*message);
    } else if (const ojson *usage = member(*message, "usage")) {
        m_usage.update(*usage); // chunks already went out under the id and model they had
    }
    return roleChunkOnce();
}

QByteArray AnthropicTranslator::onBlockStart(const ojson &doc, QByteArrayView raw)
{
    const ojson *block = member(doc, "content_block");
    const ojson *index = member(doc, "index");
    if (!block || !block->is_object() || !index || !index->is_number_integer())
        return malformedEvent(raw);
    const std::string type = str(*block, "type");
    QByteArray out = roleChunkOnce();
    if (type == "text") {
        out += contentChunk(str(*block, "text"));
    } else if (type == "tool_use") {
        ToolBlock tool{m_toolCount++, false};
        std::string arguments;
        if (const ojson *input = member(*block, "input"); input && input->is_object() && !input->empty()) {
            arguments = dump(*input).toStdString(); // a whole input, not streamed
            tool.argumentsSent = true;
        }
        m_toolBlocks[index->get<qint64>()] = tool;
        out += toolCallChunk(tool.index, str(*block, "id"), str(*block, "name"), arguments);
    }
    // thinking, redacted_thinking, server tool blocks: nothing the OpenAI
    // chat format carries.
    return out;
}

QByteArray AnthropicTranslator::onBlockDelta(const ojson &doc, QByteArrayView raw)
{
    const ojson *delta = member(doc, "delta");
    const ojson *index = member(doc, "index");
    if (!delta || !delta->is_object() || !index || !index->is_number_integer())
        return malformedEvent(raw);
    const std::string type = str(*delta, "type");
    if (type == "text_delta") {
        const ojson *text = member(*delta, "text");
        if (!text || !text->is_string())
            return malformedEvent(raw);
        return roleChunkOnce() + contentChunk(text->get<std::string>());
    }
    if (type == "input_json_delta") {
        const ojson *partial = member(*delta, "partial_json");
        if (!partial || !partial->is_string())
            return malformedEvent(raw);
        auto tool = m_toolBlocks.find(index->get<qint64>());
        // Server tool blocks stream their input too; only client tools count.
        if (tool == m_toolBlocks.end() || partial->get_ref<const std::string &>().empty())
            return {};
        tool->second.argumentsSent = true;
        return toolArgumentsChunk(tool->second.index, partial->get<std::string>());
    }
    return {}; // thinking_delta, signature_delta, citations_delta...
}

QByteArray AnthropicTranslator::onBlockStop(const ojson &doc)
{
    const ojson *index = member(doc, "index");
    if (!index || !index->is_number_integer())
        return {};
    auto tool = m_toolBlocks.find(index->get<qint64>());
    if (tool == m_toolBlocks.end() || tool->second.argumentsSent)
        return {};
    // A tool without parameters streams no input; OpenAI clients parse the
    // arguments text, and "" is not JSON.
    tool->second.argumentsSent = true;
    return toolArgumentsChunk(tool->second.index, "{}");
}

QByteArray AnthropicTranslator::onMessageDelta(const ojson &doc, QByteArrayView raw)
{
    const ojson *delta = member(doc, "delta");
    if (!delta || !delta->is_object())
        return malformedEvent(raw);
    if (const ojson *usage = member(doc, "usage"))
        m_usage.update(*usage);
    const QString finishReason = finishReasonFor(qstr(*delta, "stop_reason"));
    if (finishReason.isEmpty() || m_finishSent)
        return {};
    return roleChunkOnce() + finishChunk(finishReason);
}

QByteArray AnthropicTranslator::onMessageStop()
{
    // Without a stop reason the answer has no finish chunk and the executor
    // reads it as truncated: the end marker alone is not made a success.
    return endOfStream();
}

QByteArray AnthropicTranslator::endOfStream()
{
    QByteArray out;
    if (m_includeUsageChunk) {
        ojson usage = chunk(ojson::object());
        usage["choices"] = ojson::array();
        usage["usage"] = m_usage.openAi();
        out += sseData(usage);
    }
    out += QByteArrayLiteral("data: [DONE]\n\n");
    m_doneSent = true;
    return out;
}

QByteArray AnthropicTranslator::roleChunkOnce()
{
    if (m_roleSent)
        return {};
    m_roleSent = true;
    return sseData(chunk(ojson{{"role", "assistant"}, {"content", ""}}));
}

ojson AnthropicTranslator::chunk(ojson delta, const ojson &finishReason) const
{
    return ojson{
        {"id", m_id},
        {"object", "chat.completion.chunk"},
        {"created", m_created},
        {"model", m_model},
        {"choices",
         ojson::array({ojson{
             {"index", 0}, {"delta", std::move(delta)}, {"logprobs", nullptr}, {"finish_reason", finishReason}}})}};
}

QByteArray AnthropicTranslator::contentChunk(const std::string &text)
{
    if (text.empty())
        return {};
    return sseData(chunk(ojson{{"content", text}}));
}

QByteArray AnthropicTranslator::toolCallChunk(int index, const std::string &id, const std::string &name,
                                              const std::string &arguments)
{
    ojson call{{"index", index},
               {"id", id},
               {"type", "function"},
               {"function", ojson{{"name", name}, {"arguments", arguments}}}};
    return sseData(chunk(ojson{{"tool_calls", ojson::array({std::move(call)})}}));
}

QByteArray AnthropicTranslator::toolArgumentsChunk(int index, const std::string &arguments)
{
    ojson call{{"index", index}, {"function", ojson{{"arguments", arguments}}}};
    return sseData(chunk(ojson{{"tool_calls", ojson::array({std::move(call)})}}));
}

QByteArray AnthropicTranslator::finishChunk(const QString &finishReason)
{
    m_finishSent = true;
    ojson last = chunk(ojson::object(), toUtf8(finishReason));
    last["usage"] = m_usage.openAi();
    return sseData(last);
}

} // namespace understudy::anthropic::detail
