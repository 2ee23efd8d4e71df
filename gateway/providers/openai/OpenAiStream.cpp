#include "providers/openai/OpenAiStream.h"

#include "providers/openai/OpenAiAnswers.h"
#include "providers/openai/OpenAiJson.h"

namespace understudy::openai {

using detail::json;

namespace {

StreamChunk malformed(QString reason)
{
    StreamChunk chunk;
    chunk.kind = StreamChunk::Kind::Malformed;
    chunk.malformedReason = std::move(reason);
    return chunk;
}

bool nonEmptyString(const json &object, const char *key)
{
    const json *value = detail::member(object, key);
    return value && value->is_string() && !value->get_ref<const std::string &>().empty();
}

bool nonEmptyArray(const json &object, const char *key)
{
    const json *value = detail::member(object, key);
    return value && value->is_array() && !value->empty();
}

// Reads one element of "choices" into the chunk; false when it is unusable.
bool readChoice(const json &choice, int position, StreamChunk &chunk)
{
    if (!choice.is_object())
        return false;
    int index = position;
    if (const json *i = detail::member(choice, "index"); i && i->is_number_integer())
        index = i->get<int>();
    chunk.choiceIndices.push_back(index);

    const json *delta = detail::member(choice, "delta");
    if (delta && !delta->is_object() && !delta->is_null())
        return false;
    if (delta && delta->is_object()) {
        const bool toolCalls =
            nonEmptyArray(*delta, "tool_calls") ||
            (detail::member(*delta, "function_call") && detail::member(*delta, "function_call")->is_object());
        // reasoning_content (DeepSeek, vLLM) is streamed to the client like
        // text, so it commits the response like text does.
        const bool content = nonEmptyString(*delta, "content") || nonEmptyString(*delta, "refusal") ||
                             nonEmptyString(*delta, "reasoning_content") || toolCalls;
        chunk.hasContent = chunk.hasContent || content;
        chunk.hasToolCalls = chunk.hasToolCalls || toolCalls;
        if (index == 0)
            chunk.text += detail::string(*delta, "content");
    }
    const json *finish = detail::member(choice, "finish_reason");
    if (finish && finish->is_string() && !finish->get_ref<const std::string &>().empty()) {
        chunk.finishedIndices.push_back(index);
        if (!chunk.hasFinish || index == 0)
            chunk.finishReason = QString::fromStdString(finish->get_ref<const std::string &>());
        chunk.hasFinish = true;
    }
    return true;
}

} // namespace

StreamChunk inspectStreamData(QByteArrayView data)
{
    if (data.trimmed() == "[DONE]") {
        StreamChunk done;
        done.kind = StreamChunk::Kind::Done;
        return done;
    }
    const json doc = detail::parse(data);
    if (!detail::parsed(doc))
        return malformed(QStringLiteral("event data is not JSON"));
    if (!doc.is_object())
        return malformed(QStringLiteral("event data is not a JSON object"));

    StreamChunk chunk;
    if (const json *error = detail::member(doc, "error"); error && !error->is_null()) {
        chunk.kind = StreamChunk::Kind::InBandError;
        chunk.error = detail::errorFrom(*error);
        if (chunk.error.message.isEmpty())
            chunk.error.message = QStringLiteral("the upstream sent an error event");
        return chunk;
    }
    chunk.model = detail::string(doc, "model");
    chunk.id = detail::string(doc, "id");
    if (const json *usage = detail::member(doc, "usage"); usage && usage->is_object()) {
        chunk.usage = detail::usageFrom(*usage);
        chunk.hasUsage = chunk.usage.known();
    }

    const json *choices = detail::member(doc, "choices");
    if (!choices || choices->is_null()) {
        // vLLM sends its usage-only chunk with "choices": null or without it.
        if (chunk.hasUsage) {
            chunk.kind = StreamChunk::Kind::Usage;
            return chunk;
        }
        return malformed(QStringLiteral("chunk has no \"choices\""));
    }
    if (!choices->is_array())
        return malformed(QStringLiteral("\"choices\" is not an array"));
    for (size_t i = 0; i < choices->size(); ++i) {
        if (!readChoice((*choices)[i], int(i), chunk))
            return malformed(QStringLiteral("choices[%1] is not a chunk choice").arg(i));
    }

    if (chunk.hasFinish)
        chunk.kind = StreamChunk::Kind::Finish;
    else if (chunk.hasContent)
        chunk.kind = StreamChunk::Kind::Content;
    else if (choices->empty())
        chunk.kind = chunk.hasUsage ? StreamChunk::Kind::Usage : StreamChunk::Kind::Other;
    else
        chunk.kind = StreamChunk::Kind::RoleOnly;
    return chunk;
}

StreamChunk inspectStreamEvent(const SseEvent &event)
{
    if (event.oversized)
        return malformed(QStringLiteral("event larger than the parser's limit"));
    StreamChunk chunk = inspectStreamData(event.data);
    if (event.event == "error" && chunk.kind != StreamChunk::Kind::InBandError) {
        StreamChunk error;
        error.kind = StreamChunk::Kind::InBandError;
        error.error.message = event.data.isEmpty() ? QStringLiteral("the upstream sent an error event")
                                                   : QString::fromUtf8(event.data.left(512));
        return error;
    }
    return chunk;
}

// ------------------------------------------------------------------ state

OpenAiStreamState::OpenAiStreamState(qsizetype maxTextChars) : m_maxTextChars(maxTextChars)
{}

StreamChunk OpenAiStreamState::observe(const SseEvent &event)
{
    StreamChunk chunk = inspectStreamEvent(event);
    observe(chunk);
    return chunk;
}

void OpenAiStreamState::observe(const StreamChunk &chunk)
{
    ++m_eventCount;
    switch (chunk.kind) {
    case StreamChunk::Kind::Done:
        m_doneSeen = true;
        return;
    case StreamChunk::Kind::Malformed:
        ++m_malformedCount;
        return;
    case StreamChunk::Kind::InBandError:
        if (!m_error)
            m_error = chunk.error;
        return;
    default:
        break;
    }
    if (m_model.isEmpty())
        m_model = chunk.model;
    if (m_id.isEmpty())
        m_id = chunk.id;
    if (chunk.hasUsage)
        m_usage = chunk.usage;
    m_seenContent = m_seenContent || chunk.hasContent;
    m_seenToolCalls = m_seenToolCalls || chunk.hasToolCalls;
    for (int index : chunk.choiceIndices) {
        if (!m_finishedChoices.count(index))
            m_openChoices.insert(index);
    }
    for (int index : chunk.finishedIndices) {
        m_openChoices.erase(index);
        m_finishedChoices.insert(index);
    }
    if (chunk.hasFinish && (m_finishReason.isEmpty() || chunk.finishedIndices.front() == 0))
        m_finishReason = chunk.finishReason;
    if (!chunk.text.isEmpty() && !m_textOverflowed) {
        if (m_text.size() + chunk.text.size() > m_maxTextChars)
            m_textOverflowed = true;
        else
            m_text += chunk.text;
    }
}

bool OpenAiStreamState::finished() const
{
    return !m_finishReason.isEmpty() && m_openChoices.empty();
}

OpenAiStreamState::End OpenAiStreamState::endVerdict() const
{
    if (m_error)
        return End::InBandError;
    return finished() ? End::Complete : End::Truncated;
}

OutcomeClass OpenAiStreamState::endOutcome() const
{
    switch (endVerdict()) {
    case End::Complete:
        return OutcomeClass::Ok;
    case End::InBandError:
        return OutcomeClass::InBandError;
    case End::Truncated:
        break;
    }
    return OutcomeClass::Truncated;
}

std::optional<QByteArray> completionFromStreamState(const OpenAiStreamState &state, const QString &model,
                                                    const QByteArray &id)
{
    if (state.endVerdict() != OpenAiStreamState::End::Complete || state.textOverflowed() || state.seenToolCalls())
        return std::nullopt;
    // Several choices are interleaved in one stream; only choice 0's text is kept.
    if (state.choiceCount() > 1)
        return std::nullopt;
    return completionJson(id.isEmpty() ? state.id().toUtf8() : id, model.isEmpty() ? state.model() : model,
                          state.text(), state.finishReason(), state.usage(), false);
}

} // namespace understudy::openai
