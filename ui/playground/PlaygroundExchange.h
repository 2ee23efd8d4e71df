#pragma once

// One Playground request through the running gateway, on the GUI thread
// with QNetworkAccessManager (this is a client of the gateway, not its data
// plane). Reports the response head, the raw body as it arrives, the answer
// text (OpenAI SSE deltas as they complete, or the whole message content),
// time to first content, and how it ended in words a user can act on.

#include "ChatAnswerParser.h"
#include "PlaygroundRequest.h"

#include <QElapsedTimer>
#include <QObject>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace understudy {

class PlaygroundExchange final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlaygroundExchange)

public:
    explicit PlaygroundExchange(QObject *parent = nullptr);
    ~PlaygroundExchange() override;

    // Starts `request` against `baseUrl` ("http://127.0.0.1:8787"); any
    // request still running is aborted first. `requestId` goes out as
    // x-request-id so the trail can be matched before the head arrives.
    void send(const QString &baseUrl, const PlaygroundRequest &request, const QByteArray &requestId);
    void cancel();
    bool isRunning() const { return m_reply != nullptr; }

    qint64 elapsedMs() const;
    // -1 until the first answer content (streams) or first body byte.
    qint64 ttftMs() const { return m_ttftMs; }
    int status() const { return m_status; }
    // The response body received so far.
    const QByteArray &body() const { return m_body; }

signals:
    // Status line and headers as received, one "Name: value" per line.
    void headReceived(int status, const QString &head, const QByteArray &requestId);
    void bodyReceived(const QByteArray &bytes);
    void answerReceived(const QString &text);
    void firstContent(qint64 ttftMs);
    // `problem` is "" when the answer is complete; otherwise what went
    // wrong (connection refused, HTTP error with its message, a cut
    // stream, cancelled).
    void finished(const QString &problem);

private:
    void onMetaData();
    void onReadyRead();
    void onFinished();
    QString transportProblem(const QNetworkReply *reply) const;
    void noteContent();

    QNetworkAccessManager *m_network = nullptr;
    QNetworkReply *m_reply = nullptr; // the request in flight, owned by m_network
    PlaygroundRequest m_request;
    QString m_baseUrl;
    ChatAnswerParser m_parser;
    QByteArray m_body;
    QElapsedTimer m_clock;
    qint64 m_finishedMs = -1;
    qint64 m_ttftMs = -1;
    int m_status = 0;
    bool m_eventStream = false;
    bool m_cancelled = false;
};

} // namespace understudy
