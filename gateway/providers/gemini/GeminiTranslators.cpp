#include "providers/gemini/GeminiAdapter.h"

#include "providers/gemini/GeminiResponse.h"
#include "providers/openai/OpenAiAnswers.h"
#include "providers/openai/OpenAiJson.h"
#include "providers/openai/SseParser.h"

#include <QDateTime>

#include <map>

namespace understudy::gemini {

using openai::detail::json;

namespace {

bool isSuccess(int status)
{
    return status >= 200 && status < 300;
}

// The provider's headers minus framing and content headers (the translated
// body has its own length, type and encoding); Retry-After and the rest stay.
HttpHeaders presentedHeaders(const HttpHeaders &headers, const char *contentType)
{
    HttpHeaders out = headers;
    stripHopByHop(out);
    for (const char *name : {"content-length", "content-type", "content-encoding", "transfer-encoding"})
        removeHeader(out, name);
    out.emplace_back(QByteArrayLiteral("content-type"), QByteArray(contentType));
    return out;
}

qint64 createdOrNow(qint64 createdSecs)
{
    return createdSecs >= 0 ? createdSecs : QDateTime::currentSecsSinceEpoch();
}

QByteArray callId(const QByteArray &completionId, int choice, int call)
{
    // "chatcmpl-<x>" -> "call_<x>_<choice>_<call>": unique within the answer.
    return "call_" + completionId.mid(9) + '_' + QByteArray::number(choice) + '_' + QByteArray::number(call);
}

// ------------------------------------------------------------ non-stream

class CompletionTranslator final : public ResponseTranslator
{
public:
    CompletionTranslator(const QString &model, const QByteArray &requestId, qint64 createdSecs)
        : m_model(model), m_requestId(requestId), m_createdSecs(createdSecs)
    {}
    Q_DISABLE_COPY_MOVE(CompletionTranslator)

    HttpHeaders head(int status, const HttpHeaders &headers) override
    {
        m_status = status;
        return presentedHeaders(headers, "application/json");
    }

    QByteArray feed(QByteArrayView bytes) override
    {
        m_body.append(bytes.data(), bytes.size());
        return {};
    }

    QByteArray finish() override
    {
        if (!isSuccess(m_status))
            return detail::translateErrorBody(m_body, m_status, m_requestId);
        return translateAnswer();
    }

    std::optional<AdapterFailure> failure() const override { return m_failure; }

private:
    QByteArray fail(OutcomeClass outcome, const QString &detail)
    {
        m_failure = AdapterFailure{outcome, detail};
        return {};
    }

    QByteArray refuse(const openai::ApiError &error)
    {
        m_failure = AdapterFailure{OutcomeClass::ContentPolicy, error.message};
        return openai::errorJson(error.message, error.type, error.code, {}, m_requestId);
    }

    QByteArray translateAnswer()
    {
        const json doc = openai::detail::parse(m_body);
        if (!openai::detail::parsed(doc)) {
            if (m_body.trimmed().isEmpty() || openai::detail::endsEarly(m_body))
                return fail(OutcomeClass::Truncated, QStringLiteral("Gemini answer ends before its JSON does"));
            return fail(OutcomeClass::MalformedResponse, QStringLiteral("Gemini answer is not JSON"));
        }
        if (const json *error = openai::detail::member(doc, "error"); error && error->is_object()) {
            const openai::ApiError translated = detail::translateError(*error);
            m_failure = AdapterFailure{OutcomeClass::InBandError, translated.message};
            return openai::errorJson(translated.message, translated.type, translated.code, {}, m_requestId);
        }
        detail::Answer answer;
        if (!detail::readAnswer(doc, answer))
            return fail(OutcomeClass::MalformedResponse,
                        QStringLiteral("Gemini answer is not a GenerateContentResponse"));
        if (!answer.blockReason.isEmpty())
            return refuse(
                detail::contentPolicyError(QStringLiteral("prompt"), answer.blockReason, answer.blockMessage));
        if (answer.candidates.empty())
            return fail(OutcomeClass::MalformedResponse, QStringLiteral("Gemini answer has no candidates"));
        const detail::Candidate &first = answer.candidates.front();
        if (!first.hasContent() && detail::isFilteredStop(first.finishReason))
            return refuse(detail::contentPolicyError(QStringLiteral("answer"), first.finishReason, {}));
        for (const detail::Candidate &candidate : answer.candidates) {
            if (candidate.finishReason.isEmpty())
                return fail(OutcomeClass::Truncated,
                            QStringLiteral("Gemini candidate %1 has no finishReason").arg(candidate.index));
        }
        return completion(answer);
    }

    QByteArray completion(const detail::Answer &answer) const
    {
        const QByteArray id = detail::completionId(m_requestId, answer.responseId);
        json choices = json::array();
        for (const detail::Candidate &candidate : answer.candidates) {
            json message{{"role", "assistant"}, {"refusal", nullptr}};
            message["content"] =
                candidate.text.isEmpty() && !candidate.calls.empty() ? json() : json(candidate.text.toStdString());
            if (!candidate.calls.empty()) {
                json calls = json::array();
                for (size_t k = 0; k < candidate.calls.size(); ++k)
                    calls.push_back(detail::toolCallJson(candidate.calls[k], callId(id, candidate.index, int(k))));
                message["tool_calls"] = std::move(calls);
            }
            choices.push_back(
                json{{"index", candidate.index},
                     {"message", std::move(message)},
                     {"logprobs", nullptr},
                     {"finish_reason",
                      detail::openAiFinishReason(candidate.finishReason, !candidate.calls.empty()).toStdString()}});
        }
        const QString model = m_model.isEmpty() ? answer.modelVersion : m_model;
        const json doc{{"id", id.toStdString()},
                       {"object", "chat.completion"},
                       {"created", createdOrNow(m_createdSecs)},
                       {"model", model.toStdString()},
                       {"choices", std::move(choices)},
                       {"usage", openai::detail::usageJson(answer.usage)}};
        return openai::detail::dump(doc);
    }

    const QString m_model;
    const QByteArray m_requestId;
    const qint64 m_createdSecs;
    int m_status = 0;
    QByteArray m_body;
    std::optional<AdapterFailure> m_failure;
};

// ------------------------------------------------------------ stream

class StreamTranslator final : public ResponseTranslator
{
public:
    StreamTranslator(const QString &model, const QByteArray &requestId, bool includeUsageChunk, qint64 createdSecs)
        : m_model(model)
        , m_requestId(requestId)
        , m_includeUsageChunk(includeUsageChunk)
        , m_created(createdOrNow(createdSecs))
        , m_errorBody(model, requestId, createdSecs)
    {}
    Q_DISABLE_COPY_MOVE(StreamTranslator)

    HttpHeaders head(int status, const HttpHeaders &headers) override
    {
        m_status = status;
        if (!isSuccess(status))
            return m_errorBody.head(status, headers); // an error status answers with JSON, not events
        return presentedHeaders(headers, "text/event-stream");
    }

    QByteArray feed(QByteArrayView bytes) override
    {
        if (!isSuccess(m_status))
            return m_errorBody.feed(bytes);
        QByteArray out;
        for (const openai::SseEvent &event : m_parser.feed(bytes))
            out += translate(event);
        return out;
    }

    QByteArray finish() override
    {
        if (!isSuccess(m_status))
            return m_errorBody.finish();
        QByteArray out;
        const bool cutMidEvent = m_parser.finish();
        if (m_stopped)
            return out;
        if (allFinished()) {
            out += openai::sseDone();
            return out;
        }
        m_failure = AdapterFailure{OutcomeClass::Truncated,
                                   cutMidEvent ? QStringLiteral("Gemini stream was cut in the middle of an event")
                                               : QStringLiteral("Gemini stream ended without a finishReason")};
        return out;
    }

    std::optional<AdapterFailure> failure() const override { return m_failure; }

private:
    struct Choice
    {
        bool started = false;
        bool finished = false;
        int calls = 0;
    };

    bool allFinished() const
    {
        return !m_choices.empty() &&
               std::all_of(m_choices.begin(), m_choices.end(), [](const auto &entry) { return entry.second.finished; });
    }

    QByteArray chunk(int index, json delta, const QString &finishReason, const json &usage = json()) const
    {
        json choice{{"index", index},
                    {"delta", std::move(delta)},
                    {"logprobs", nullptr},
                    {"finish_reason", finishReason.isEmpty() ? json() : json(finishReason.toStdString())}};
        json doc{{"id", m_id.toStdString()},
                 {"object", "chat.completion.chunk"},
                 {"created", m_created},
                 {"model", m_modelName.toStdString()},
                 {"choices", json::array({std::move(choice)})}};
        if (!usage.is_null())
            doc["usage"] = usage;
        return openai::sseEvent(openai::detail::dump(doc));
    }

    // Ends the translated stream with an in-band error; nothing follows it.
    QByteArray stop(const openai::ApiError &error, OutcomeClass outcome)
    {
        m_stopped = true;
        m_failure = AdapterFailure{outcome, error.message};
        return openai::streamErrorEvent(error.message, error.type, error.code, m_requestId);
    }

    void name(const detail::Answer &answer)
    {
        if (!m_id.isEmpty())
            return;
        m_id = detail::completionId(m_requestId, answer.responseId);
        m_modelName = m_model.isEmpty() ? answer.modelVersion : m_model;
    }

    QByteArray translate(const openai::SseEvent &event)
    {
        if (m_stopped || allFinished())
            return {}; // nothing after an error or the last finish reason counts
        if (event.oversized)
            return openai::sseEvent("<oversized Gemini event dropped>");
        const json doc = openai::detail::parse(event.data);
        if (!doc.is_object()) {
            // Forwarded as it came: the executor counts it as malformed. Gemini
            // has no [DONE]; one from a proxy must not read as success.
            return event.data.trimmed() == "[DONE]" ? QByteArray() : openai::sseEvent(event.data);
        }
        if (const json *error = openai::detail::member(doc, "error"); error || event.event == "error")
            return stop(detail::translateError(error ? *error : doc), OutcomeClass::InBandError);

        detail::Answer answer;
        if (!detail::readAnswer(doc, answer))
            return openai::sseEvent(event.data);
        name(answer);
        if (answer.hasUsage)
            m_usage = answer.usage;
        if (!answer.blockReason.isEmpty())
            return stop(detail::contentPolicyError(QStringLiteral("prompt"), answer.blockReason, answer.blockMessage),
                        OutcomeClass::ContentPolicy);

        QByteArray out;
        for (const detail::Candidate &candidate : answer.candidates) {
            Choice &choice = m_choices[candidate.index];
            if (choice.finished)
                continue;
            if (!m_anyContent && !candidate.hasContent() && detail::isFilteredStop(candidate.finishReason))
                return out + stop(detail::contentPolicyError(QStringLiteral("answer"), candidate.finishReason, {}),
                                  OutcomeClass::ContentPolicy);
            out += content(candidate, choice);
            if (!candidate.finishReason.isEmpty()) {
                choice.finished = true;
                out += chunk(candidate.index, json::object(),
                             detail::openAiFinishReason(candidate.finishReason, choice.calls > 0),
                             m_usage.known() ? openai::detail::usageJson(m_usage) : json());
            }
        }
        if (allFinished() && m_includeUsageChunk && m_usage.known()) {
            const json usageOnly{{"id", m_id.toStdString()}, {"object", "chat.completion.chunk"},
                                 {"created", m_created},     {"model", m_modelName.toStdString()},
                                 {"choices", json::array()}, {"usage", openai::detail::usageJson(m_usage)}};
            out += openai::sseEvent(openai::detail::dump(usageOnly));
        }
        return out;
    }

    QByteArray content(const detail::Candidate &candidate, Choice &choice)
    {
        QByteArray out;
        if (!choice.started && (candidate.hasContent() || !candidate.finishReason.isEmpty())) {
            choice.started = true;
            out += chunk(candidate.index, json{{"role", "assistant"}, {"content", ""}}, {});
        }
        if (!candidate.text.isEmpty()) {
            m_anyContent = true;
            out += chunk(candidate.index, json{{"content", candidate.text.toStdString()}}, {});
        }
        if (!candidate.calls.empty()) {
            m_anyContent = true;
            json calls = json::array();
            for (const detail::FunctionCall &call : candidate.calls) {
                json entry = detail::toolCallJson(call, callId(m_id, candidate.index, choice.calls));
                entry["index"] = choice.calls++;
                calls.push_back(std::move(entry));
            }
            out += chunk(candidate.index, json{{"tool_calls", std::move(calls)}}, {});
        }
        return out;
    }

    const QString m_model;
    const QByteArray m_requestId;
    const bool m_includeUsageChunk;
    const qint64 m_created;
    CompletionTranslator m_errorBody; // for error statuses
    openai::SseParser m_parser;
    int m_status = 0;
    QByteArray m_id;
    QString m_modelName;
    openai::TokenUsage m_usage;
    std::map<int, Choice> m_choices;
    bool m_anyContent = false;
    bool m_stopped = false;
    std::optional<AdapterFailure> m_failure;
};

} // namespace

std::unique_ptr<ResponseTranslator> makeResponseTranslator(bool stream, const QString &model,
                                                           const QByteArray &requestId, bool includeUsageChunk,
                                                           qint64 createdSecs)
{
    if (stream)
        return std::make_unique<StreamTranslator>(model, requestId, includeUsageChunk, createdSecs);
    return std::make_unique<CompletionTranslator>(model, requestId, createdSecs);
}

} // namespace understudy::gemini
