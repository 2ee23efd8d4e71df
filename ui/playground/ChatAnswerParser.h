#pragma once

// Reads an OpenAI chat completion answer as it arrives: for streams, the
// SSE `data:` lines of chat.completion.chunk events, fed in whatever pieces
// the socket delivers (a line may be split across reads); for plain
// answers, the message content of the whole body. Error events inside a
// stream (`{"error": ...}`) and the finish reason are kept, so the page can
// say how the stream ended.

#include <QByteArray>
#include <QString>

namespace understudy {

class ChatAnswerParser final
{
public:
    // Feeds stream bytes; returns the delta content they completed (may be
    // empty while a line is still partial).
    QString feed(const QByteArray &bytes);
    // The content of a non-streamed chat.completion body, or "" when the
    // body is not one (errorMessage() then says why, if the body was an
    // OpenAI error).
    QString parseCompletion(const QByteArray &body);

    bool sawDone() const { return m_done; }
    QString finishReason() const { return m_finishReason; }
    // The message of an OpenAI error object in the body or stream, or "".
    QString errorMessage() const { return m_error; }
    // Event lines that did not parse as JSON (dropped).
    int malformedEvents() const { return m_malformed; }

    void reset();

private:
    QString handleLine(QByteArrayView line);

    QByteArray m_partial;
    bool m_done = false;
    QString m_finishReason;
    QString m_error;
    int m_malformed = 0;
};

} // namespace understudy
