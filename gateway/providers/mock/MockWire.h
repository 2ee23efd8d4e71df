#pragma once

// The OpenAI Chat Completions wire format as the mock provider speaks it:
// reading the few request fields it honours and writing completions, stream
// chunks and error bodies shaped exactly like the real API's, so every
// client and the executor's parsers treat the mock as a real upstream.

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace understudy::mock {

struct ChatRequest
{
    bool valid = false;
    QString error; // OpenAI-style message when !valid
    QString param; // the offending field, when one is to blame
    QString model;
    bool stream = false;
    bool includeUsage = false; // stream_options.include_usage
    bool hasPrefill = false;   // last message is the assistant's
    QString prefill;
    qint64 promptTokens = 0; // estimate, see estimateTokens()
};
ChatRequest parseChatRequest(const QByteArray &body);

// About one token per four characters (English text averages 3.5-4.5 with
// OpenAI tokenisers); at least one for non-empty text.
qint64 estimateTokens(const QString &text);

// 40-80 words naming the provider and model, so streams have many events.
QString generatedAnswer(const QString &provider, const QString &model);
// What the model "says" after an assistant prefill: the rest of `answer`
// when it starts with the prefill, otherwise the whole answer as a
// continuation.
QString continuationAfter(const QString &answer, const QString &prefill);
// `text` split into pieces of a few words; joining them gives `text` back.
QStringList answerPieces(const QString &text, int wordsPerPiece = 3);

struct CompletionMeta
{
    QByteArray id; // "chatcmpl-mock-..."
    qint64 created = 0;
    QString model;
};
QByteArray newCompletionId();

QByteArray completionBody(const CompletionMeta &meta, const QString &text, qint64 promptTokens,
                          qint64 completionTokens);

// Server-sent events, each framed as "data: ...\n\n".
QByteArray roleEvent(const CompletionMeta &meta);
QByteArray contentEvent(const CompletionMeta &meta, const QString &piece);
QByteArray finishEvent(const CompletionMeta &meta);
QByteArray usageEvent(const CompletionMeta &meta, qint64 promptTokens, qint64 completionTokens);
QByteArray doneEvent();
QByteArray malformedEvent();

// Error bodies. statusErrorBody() picks the shape real providers use for
// that status (429 rate limit, 5xx server error, 529 Anthropic overload...).
QByteArray statusErrorBody(int status);
QByteArray contextLengthBody(qint64 promptTokens);
QByteArray contentPolicyBody();
QByteArray invalidRequestBody(const QString &message, const QString &param = {});
QByteArray notFoundBody(const QString &message);

// GET /v1/models in the OpenAI list format.
QByteArray modelsListBody(const QStringList &models, const QString &owner);

} // namespace understudy::mock
