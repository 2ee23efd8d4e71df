#pragma once

// An OpenAI-speaking upstream for the fallback scenarios: every request
// takes the next scripted reply (or the default one), so a test can say
// "429 with Retry-After: 2 once, then 200" and assert what the upstream
// saw: how many requests, when, and with which body.

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QTcpServer>

#include <deque>

class QTcpSocket;

namespace understudy::test {

struct Reply
{
    enum class Kind { Json, Sse, Reset, Silent };
    enum class Ending { Done, NoDone, Cut, Stall };
    Kind kind = Kind::Json;
    int status = 200;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;              // Json
    QList<QByteArray> events;     // Sse: each the data of one event
    Ending ending = Ending::Done; // Sse
    int firstEventDelayMs = 0;    // Sse: after the head
    int gapMs = 5;                // Sse: between events

    static Reply completion(const QByteArray &model, const QByteArray &text);
    static Reply error(int status, const QByteArray &body, QList<std::pair<QByteArray, QByteArray>> headers = {});
    // role chunk, one chunk per word, finish chunk with usage.
    static Reply stream(const QByteArray &model, const QByteArray &text, Ending ending = Ending::Done,
                        int cutAfterWords = -1);
    static Reply reset();
    static Reply silent();
};

class ScriptedUpstream final : public QTcpServer
{
    Q_OBJECT

public:
    explicit ScriptedUpstream(QObject *parent = nullptr);
    ~ScriptedUpstream() override;

    bool start();
    QByteArray baseUrl() const; // http://127.0.0.1:port/v1

    std::deque<Reply> script;
    // Time-based outage: until this many ms after start, answer `outage`.
    qint64 downUntilMs = 0;
    Reply outage = Reply::error(503, "{\"error\":{\"message\":\"down\",\"type\":\"server_error\"}}");
    Reply fallback = Reply::completion("default-model", "default answer");

    struct Seen
    {
        qint64 atMs = 0;
        QByteArray body;
    };
    QList<Seen> seen;
    qint64 nowMs() const { return m_clock.elapsed(); }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void onReadable(QTcpSocket *socket);
    void answer(QTcpSocket *socket, const Reply &reply);
    void sendEvents(QTcpSocket *socket, Reply reply, int index);

    QElapsedTimer m_clock;
    QList<QTcpSocket *> m_sockets;
};

} // namespace understudy::test
