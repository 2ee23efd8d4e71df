#pragma once

// The OpenAI Chat Completions wire format as the executor needs it on llm
// routes: request rewriting, answer validation, and well-formed answers of
// our own (errors, canned and cached answers). Thin layer over
// providers/openai so the executor reads as policy, not JSON.

#include "config/Outcome.h"
#include "upstream/HttpHeaders.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <vector>

namespace understudy::llm {

struct RequestInfo
{
    bool valid = false;
    QString error; // OpenAI-shaped 400 message naming the field
    QString param; // the offending field, e.g. "messages[1].role"
    QString code;  // e.g. "missing_required_parameter", "invalid_type"
    QString model;
    bool stream = false;
    bool includeUsage = false; // stream_options.include_usage
    qint64 estimatedPromptTokens = -1;
};
RequestInfo inspectRequest(const QByteArray &body);

QByteArray rewriteModel(const QByteArray &body, const QString &model);
QByteArray withPrefill(const QByteArray &body, const QString &prefill);

struct CompletionCheck
{
    OutcomeClass outcome = OutcomeClass::Ok; // ok, malformed_response, in_band_error, truncated
    QString detail;
    QString model;
    qint64 promptTokens = -1;
    qint64 completionTokens = -1;
};
CompletionCheck checkCompletion(const QByteArray &body);

bool isEventStream(const HttpHeaders &headers);

QByteArray errorBody(const QString &message, const QByteArray &type, const QByteArray &code,
                     const QByteArray &requestId, const QString &param = {});
QByteArray cannedCompletion(const QString &text, const QByteArray &requestId);
QByteArray cannedStream(const QString &text, const QByteArray &requestId);
// A stored completion replayed as a stream (cache hits on stream requests).
QByteArray completionAsStream(const QByteArray &completion);
QByteArray streamErrorEvent(const QString &message, const QByteArray &type, const QByteArray &requestId);
QString cacheKey(const QString &route, const QByteArray &body);

} // namespace understudy::llm

namespace understudy::llm {

// One server-sent event of an OpenAI-compatible stream, classified.
struct StreamEvent
{
    enum class Kind { RoleOnly, Content, Finish, Usage, Done, InBandError, Malformed, Other };
    Kind kind = Kind::Other;
    QByteArray raw; // the event re-encoded as "data: ...\n\n", ready to forward
    bool hasContent = false;
    bool hasFinish = false;
    QString text; // content delta
    QString errorMessage;
    QString model;
    qint64 promptTokens = -1;
    qint64 completionTokens = -1;
};

// Incremental decoder: bytes in, classified events out. Bounded: an event
// larger than the parser's limit comes out as Malformed.
class StreamDecoder final
{
public:
    StreamDecoder();
    ~StreamDecoder();
    Q_DISABLE_COPY_MOVE(StreamDecoder)

    std::vector<StreamEvent> feed(const QByteArray &bytes);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

// A finished streamed answer stored as a plain completion for the cache.
QByteArray completionFromText(const QString &text, const QString &model, qint64 promptTokens, qint64 completionTokens);

} // namespace understudy::llm
