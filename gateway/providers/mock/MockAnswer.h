#pragma once

// What the built-in mock provider answers (SPEC §7), independent of
// timing: the request it understood, the answer text and the wire bytes
// of each event, in the OpenAI Chat Completions format.

#include "config/Config.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace understudy {

struct MockRequest
{
    bool stream = false;
    bool includeUsage = false;
    QString model;
    QString prefill; // trailing assistant message: answer the remainder
    qint64 promptTokens = 0;
};

MockRequest parseMockRequest(const QByteArray &body, const QString &modelOverride);

// The full answer of `provider` for `request`, minus an assistant prefill
// it starts with.
QString mockAnswerText(const Provider &provider, const MockSettings &settings, const MockRequest &request);

QByteArray mockCompletionBody(const MockRequest &request, const QString &text);
// role chunk, content chunks of a few words, finish chunk, optional usage
// chunk; the caller appends "data: [DONE]\n\n" unless a fault says not to.
QList<QByteArray> mockStreamEvents(const MockRequest &request, const QString &text);
QByteArray mockErrorBody(int status, const MockSettings &settings, MockFault fault);

// Phase of a flapping provider: true while it is down. The cycle starts
// when the provider is first used in this process.
bool mockFlappingDown(const QString &provider, const MockSettings &settings);

} // namespace understudy
