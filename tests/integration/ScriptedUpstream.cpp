#include "ScriptedUpstream.h"

#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <sys/socket.h>

namespace understudy::test {

namespace {

QByteArray chunkJson(const QByteArray &model, const QByteArray &delta, const QByteArray &finish,
                     const QByteArray &extra = {})
{
    return R"({"id":"chatcmpl-fake","object":"chat.completion.chunk","created":1,"model":")" + model +
           R"(","choices":[{"index":0,"delta":)" + delta + R"(,"finish_reason":)" + finish + "}]" + extra + "}";
}

QByteArray framed(const QByteArray &data)
{
    return QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n";
}

} // namespace

Reply Reply::completion(const QByteArray &model, const QByteArray &text)
{
    Reply r;
    r.body = R"({"id":"chatcmpl-fake","object":"chat.completion","created":1,"model":")" + model +
             R"(","choices":[{"index":0,"message":{"role":"assistant","content":")" + text +
             R"("},"finish_reason":"stop"}],"usage":{"prompt_tokens":11,"completion_tokens":7,"total_tokens":18}})";
    return r;
}

Reply Reply::error(int status, const QByteArray &body, QList<std::pair<QByteArray, QByteArray>> headers)
{
    Reply r;
    r.status = status;
    r.body = body;
    r.headers = std::move(headers);
    return r;
}

Reply Reply::stream(const QByteArray &model, const QByteArray &text, Ending ending, int cutAfterWords)
{
    Reply r;
    r.kind = Kind::Sse;
    r.ending = ending;
    r.events << chunkJson(model, R"({"role":"assistant","content":""})", "null");
    const QList<QByteArray> words = text.split(' ');
    for (int i = 0; i < words.size(); ++i) {
        if (cutAfterWords >= 0 && i >= cutAfterWords)
            return r; // no finish chunk: the stream is truncated
        const QByteArray word = i + 1 < words.size() ? words[i] + ' ' : words[i];
        r.events << chunkJson(model, R"({"content":")" + word + R"("})", "null");
    }
    r.events << chunkJson(model, "{}", R"("stop")",
                          R"(,"usage":{"prompt_tokens":11,"completion_tokens":)" + QByteArray::number(words.size()) +
                              "}");
    return r;
}

Reply Reply::reset()
{
    Reply r;
    r.kind = Kind::Reset;
    return r;
}

Reply Reply::silent()
{
    Reply r;
    r.kind = Kind::Silent;
    return r;
}

ScriptedUpstream::ScriptedUpstream(QObject *parent) : QTcpServer(parent)
{
    m_clock.start();
}

ScriptedUpstream::~ScriptedUpstream()
{
    for (QTcpSocket *s : m_sockets)
        s->abort();
}

bool ScriptedUpstream::start()
{
    return listen(QHostAddress::LocalHost, 0);
}

QByteArray ScriptedUpstream::baseUrl() const
{
    return "http://127.0.0.1:" + QByteArray::number(serverPort()) + "/v1";
}

void ScriptedUpstream::incomingConnection(qintptr descriptor)
{
    auto *socket = new QTcpSocket(this);
    socket->setSocketDescriptor(descriptor);
    m_sockets << socket;
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadable(socket); });
    connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
        m_sockets.removeAll(socket);
        socket->deleteLater();
    });
}

void ScriptedUpstream::onReadable(QTcpSocket *socket)
{
    // Requests are small: wait for the head and the declared body.
    QByteArray pending = socket->property("pending").toByteArray() + socket->readAll();
    while (true) {
        const qsizetype headEnd = pending.indexOf("\r\n\r\n");
        if (headEnd < 0)
            break;
        qsizetype length = 0;
        for (const QByteArray &line : pending.left(headEnd).split('\n')) {
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        }
        if (pending.size() < headEnd + 4 + length)
            break;
        const QByteArray body = pending.mid(headEnd + 4, length);
        pending.remove(0, headEnd + 4 + length);
        seen << Seen{m_clock.elapsed(), body};
        Reply reply = fallback;
        if (m_clock.elapsed() < downUntilMs) {
            reply = outage;
        } else if (!script.empty()) {
            reply = script.front();
            script.pop_front();
        }
        answer(socket, reply);
    }
    socket->setProperty("pending", pending);
}

void ScriptedUpstream::answer(QTcpSocket *socket, const Reply &reply)
{
    switch (reply.kind) {
    case Reply::Kind::Reset: {
        struct linger lingering = {1, 0};
        ::setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &lingering, sizeof lingering);
        socket->abort();
        return;
    }
    case Reply::Kind::Silent:
        return;
    case Reply::Kind::Json: {
        QByteArray head = "HTTP/1.1 " + QByteArray::number(reply.status) + " X\r\nContent-Type: application/json\r\n";
        for (const auto &[name, value] : reply.headers)
            head += name + ": " + value + "\r\n";
        head += "Content-Length: " + QByteArray::number(reply.body.size()) + "\r\n\r\n";
        socket->write(head + reply.body);
        return;
    }
    case Reply::Kind::Sse:
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n");
        QPointer<QTcpSocket> guard(socket);
        QTimer::singleShot(0, this, [this, guard, reply] {
            if (guard)
                sendEvents(guard, reply, 0);
        });
        return;
    }
}

void ScriptedUpstream::sendEvents(QTcpSocket *socket, Reply reply, int index)
{
    if (index < reply.events.size()) {
        const int delay = index == 1 ? reply.firstEventDelayMs : reply.gapMs;
        QPointer<QTcpSocket> guard(socket);
        QTimer::singleShot(index == 0 ? 0 : delay, this, [this, guard, reply, index] {
            if (!guard)
                return;
            guard->write(framed("data: " + reply.events[index] + "\n\n"));
            sendEvents(guard, reply, index + 1);
        });
        return;
    }
    switch (reply.ending) {
    case Reply::Ending::Done:
        socket->write(framed("data: [DONE]\n\n") + "0\r\n\r\n");
        break;
    case Reply::Ending::NoDone:
        socket->write("0\r\n\r\n");
        break;
    case Reply::Ending::Cut:
        socket->disconnectFromHost(); // no last chunk: a cut body
        break;
    case Reply::Ending::Stall:
        break; // keep the socket open, send nothing more
    }
}

} // namespace understudy::test
