#include "FakeLlmUpstream.h"

#include "engine/Engine.h"
#include "fallback/ExecutorServices.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <sys/socket.h>

namespace understudy::test {

namespace {

QByteArray framedChunk(const QByteArray &data)
{
    return QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n";
}

QByteArray contentDelta(const QByteArray &piece)
{
    // Pieces are plain words in the scenarios; escape what JSON needs anyway.
    QByteArray escaped = piece;
    escaped.replace('\\', "\\\\").replace('"', "\\\"");
    return R"({"content":")" + escaped + R"("})";
}

QList<QByteArray> contentEvents(const QByteArray &model, const QList<QByteArray> &pieces, qsizetype count)
{
    QList<QByteArray> events{chunkJson(model, R"({"role":"assistant","content":""})")};
    for (qsizetype i = 0; i < count; ++i)
        events << chunkJson(model, contentDelta(pieces.at(i)));
    return events;
}

bool carriesContent(const QByteArray &event)
{
    const QJsonObject delta = QJsonDocument::fromJson(event)
                                  .object()
                                  .value(QStringLiteral("choices"))
                                  .toArray()
                                  .at(0)
                                  .toObject()
                                  .value(QStringLiteral("delta"))
                                  .toObject();
    return !delta.value(QStringLiteral("content")).toString().isEmpty();
}

// Request bodies from the gateway are small; a chunked one is decoded
// whole once its last chunk is in. Returns false while incomplete.
bool decodeChunked(const QByteArray &bytes, QByteArray &body, qsizetype &consumed)
{
    qsizetype pos = 0;
    body.clear();
    for (;;) {
        const qsizetype lineEnd = bytes.indexOf("\r\n", pos);
        if (lineEnd < 0)
            return false;
        const qsizetype size = bytes.mid(pos, lineEnd - pos).trimmed().toLongLong(nullptr, 16);
        if (size == 0) {
            if (bytes.size() < lineEnd + 4)
                return false;
            consumed = lineEnd + 4;
            return true;
        }
        if (bytes.size() < lineEnd + 2 + size + 2)
            return false;
        body += bytes.mid(lineEnd + 2, size);
        pos = lineEnd + 2 + size + 2;
    }
}

} // namespace

QByteArray chunkJson(const QByteArray &model, const QByteArray &delta, const QByteArray &finish)
{
    return R"({"id":"chatcmpl-fake","object":"chat.completion.chunk","created":1,"model":")" + model +
           R"(","choices":[{"index":0,"delta":)" + delta + R"(,"finish_reason":)" + finish + "}]}";
}

qint64 fakeClockMs()
{
    static const QElapsedTimer clock = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return clock.elapsed();
}

// ------------------------------------------------------------------ replies

FakeReply FakeReply::completion(const QByteArray &model, const QByteArray &text, int promptTokens, int completionTokens)
{
    FakeReply r;
    r.headers = {{"Content-Type", "application/json"}};
    r.body = R"({"id":"chatcmpl-fake","object":"chat.completion","created":1,"model":")" + model +
             R"(","choices":[{"index":0,"message":{"role":"assistant","content":")" + text +
             R"("},"finish_reason":"stop"}],"usage":{"prompt_tokens":)" + QByteArray::number(promptTokens) +
             R"(,"completion_tokens":)" + QByteArray::number(completionTokens) + R"(,"total_tokens":)" +
             QByteArray::number(promptTokens + completionTokens) + "}}";
    return r;
}

FakeReply FakeReply::error(int status, const QByteArray &message, const QByteArray &type, const QByteArray &code,
                           FakeHeaders headers)
{
    FakeReply r;
    r.status = status;
    r.headers = {{"Content-Type", "application/json"}};
    r.headers << headers;
    r.body = R"({"error":{"message":")" + message + R"(","type":")" + type + R"(","param":null,"code":)" +
             (code.isEmpty() ? QByteArray("null") : '"' + code + '"') + "}}";
    return r;
}

FakeReply FakeReply::stream(const QByteArray &model, const QList<QByteArray> &pieces, bool usage)
{
    FakeReply r;
    r.kind = Kind::Sse;
    r.events = contentEvents(model, pieces, pieces.size());
    r.events << chunkJson(model, "{}", R"("stop")");
    if (usage) {
        r.events << R"({"id":"chatcmpl-fake","object":"chat.completion.chunk","created":1,"model":")" + model +
                        R"(","choices":[],"usage":{"prompt_tokens":11,"completion_tokens":)" +
                        QByteArray::number(pieces.size()) + R"(,"total_tokens":)" +
                        QByteArray::number(11 + pieces.size()) + "}}";
    }
    return r;
}

FakeReply FakeReply::truncatedStream(const QByteArray &model, const QList<QByteArray> &pieces, int keep, Ending ending)
{
    FakeReply r;
    r.kind = Kind::Sse;
    r.events = contentEvents(model, pieces, qMin<qsizetype>(keep, pieces.size()));
    r.ending = ending;
    return r;
}

FakeReply FakeReply::reset()
{
    FakeReply r;
    r.kind = Kind::Reset;
    return r;
}

FakeReply FakeReply::silent()
{
    FakeReply r;
    r.kind = Kind::Silent;
    return r;
}

// ------------------------------------------------------------ seen requests

QByteArray SeenRequest::header(const char *name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QJsonObject SeenRequest::json() const
{
    return QJsonDocument::fromJson(body).object();
}

QString SeenRequest::model() const
{
    return json().value(QStringLiteral("model")).toString();
}

QList<QJsonObject> SeenRequest::messages() const
{
    QList<QJsonObject> out;
    for (const QJsonValue &m : json().value(QStringLiteral("messages")).toArray())
        out << m.toObject();
    return out;
}

// ------------------------------------------------------------------ server

FakeLlmUpstream::FakeLlmUpstream(QObject *parent)
    : QTcpServer(parent), m_default(FakeReply::completion("fake-model", "default answer"))
{}

FakeLlmUpstream::~FakeLlmUpstream()
{
    for (QTcpSocket *socket : std::as_const(m_sockets)) {
        socket->disconnect(this);
        socket->abort();
    }
}

bool FakeLlmUpstream::start()
{
    return listen(QHostAddress::LocalHost, 0);
}

QString FakeLlmUpstream::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1/v1").arg(serverPort());
}

void FakeLlmUpstream::failFor(qint64 durationMs, FakeReply reply)
{
    m_outage = std::move(reply);
    m_outageUntilMs = fakeClockMs() + durationMs;
}

void FakeLlmUpstream::incomingConnection(qintptr descriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    m_sockets << socket;
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadable(socket); });
    connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
        m_sockets.removeAll(socket);
        socket->deleteLater();
    });
}

void FakeLlmUpstream::onReadable(QTcpSocket *socket)
{
    QByteArray pending = socket->property("pending").toByteArray() + socket->readAll();
    if (socket->property("silent").toBool())
        return; // a silent target swallows everything after its first request
    for (;;) {
        const qsizetype headEnd = pending.indexOf("\r\n\r\n");
        if (headEnd < 0)
            break;
        SeenRequest request;
        const QList<QByteArray> lines = pending.left(headEnd).split('\n');
        request.requestLine = lines.first().trimmed();
        qsizetype length = 0;
        bool chunked = false;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = line.left(colon).trimmed();
            const QByteArray value = line.mid(colon + 1).trimmed();
            request.headers.append({name, value});
            if (name.compare("content-length", Qt::CaseInsensitive) == 0)
                length = value.toLongLong();
            if (name.compare("transfer-encoding", Qt::CaseInsensitive) == 0 &&
                value.compare("chunked", Qt::CaseInsensitive) == 0)
                chunked = true;
        }
        const QByteArray rest = pending.mid(headEnd + 4);
        qsizetype consumed = 0;
        if (chunked) {
            if (!decodeChunked(rest, request.body, consumed))
                break;
        } else {
            if (rest.size() < length)
                break;
            request.body = rest.left(length);
            consumed = length;
        }
        pending.remove(0, headEnd + 4 + consumed);
        request.atMs = fakeClockMs();
        m_seen << request;

        FakeReply reply = m_default;
        if (request.atMs < m_outageUntilMs) {
            reply = m_outage;
        } else if (!m_script.empty()) {
            reply = std::move(m_script.front());
            m_script.pop_front();
        }
        answer(socket, reply);
        if (reply.kind != FakeReply::Kind::Json)
            break; // the connection is spoken for: streaming, silent or gone
    }
    if (m_sockets.contains(socket))
        socket->setProperty("pending", pending);
}

void FakeLlmUpstream::answer(QTcpSocket *socket, const FakeReply &reply)
{
    switch (reply.kind) {
    case FakeReply::Kind::Reset: {
        // SO_LINGER {1, 0}: close() sends RST instead of FIN.
        const struct linger lingering = {1, 0};
        ::setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &lingering, sizeof lingering);
        m_sockets.removeAll(socket);
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
        return;
    }
    case FakeReply::Kind::Silent:
        socket->setProperty("silent", true);
        return;
    case FakeReply::Kind::Json: {
        QByteArray head = "HTTP/1.1 " + QByteArray::number(reply.status) + " Fake\r\n";
        for (const auto &[name, value] : reply.headers)
            head += name + ": " + value + "\r\n";
        head += "Content-Length: " + QByteArray::number(reply.body.size()) + "\r\n\r\n";
        if (reply.delayMs > 0) {
            QTimer::singleShot(reply.delayMs, socket, [socket, bytes = QByteArray(head + reply.body)] { socket->write(bytes); });
            return;
        }
        socket->write(head + reply.body);
        return;
    }
    case FakeReply::Kind::Sse: {
        QByteArray head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
                          "Transfer-Encoding: chunked\r\n";
        for (const auto &[name, value] : reply.headers)
            head += name + ": " + value + "\r\n";
        socket->write(head + "\r\n");
        sendEvent(socket, reply, 0);
        return;
    }
    }
}

void FakeLlmUpstream::sendEvent(QTcpSocket *socket, const FakeReply &reply, int index)
{
    if (index >= reply.events.size()) {
        endStream(socket, reply.ending);
        return;
    }
    int delayMs = index == 0 ? 0 : reply.gapMs;
    bool firstContent = carriesContent(reply.events.at(index));
    for (int i = 0; i < index && firstContent; ++i)
        firstContent = !carriesContent(reply.events.at(i));
    if (firstContent)
        delayMs = qMax(delayMs, reply.firstContentDelayMs);
    QPointer<QTcpSocket> guard(socket);
    QTimer::singleShot(delayMs, this, [this, guard, reply, index] {
        if (!guard || guard->state() != QAbstractSocket::ConnectedState)
            return;
        guard->write(framedChunk("data: " + reply.events.at(index) + "\n\n"));
        sendEvent(guard, reply, index + 1);
    });
}

void FakeLlmUpstream::endStream(QTcpSocket *socket, FakeReply::Ending ending)
{
    switch (ending) {
    case FakeReply::Ending::Done:
        socket->write(framedChunk("data: [DONE]\n\n") + "0\r\n\r\n");
        return;
    case FakeReply::Ending::NoDone:
        socket->write("0\r\n\r\n");
        return;
    case FakeReply::Ending::Cut:
        // The chunked body never gets its last chunk: a cut answer.
        socket->disconnectFromHost();
        return;
    case FakeReply::Ending::Stall:
        return; // nothing more, the socket stays open
    }
}

// ------------------------------------------------------------------ config

Provider fakeProvider(const QString &name, const FakeLlmUpstream &fake, std::vector<ModelInfo> models)
{
    Provider p;
    p.name = name;
    p.kind = ProviderKind::OpenAICompatible;
    p.baseUrl = fake.baseUrl();
    p.models = std::move(models);
    return p;
}

ModelInfo modelInfo(const QString &name, bool supportsPrefill, qint64 contextWindow)
{
    ModelInfo m;
    m.name = name;
    m.supportsPrefill = supportsPrefill;
    m.contextWindow = contextWindow;
    return m;
}

Step providerStep(const QString &provider, const QString &model)
{
    Step s;
    s.kind = StepKind::Provider;
    s.targets.push_back(Target{provider, model, 1, {}});
    s.timeouts.connectMs = 1000;
    s.timeouts.firstByteMs = 5000;
    s.timeouts.idleMs = 3000;
    s.retry.backoffBaseMs = 20;
    s.retry.backoffCapMs = 100;
    s.breaker.enabled = false;
    return s;
}

Config llmConfig(std::vector<Provider> providers, std::vector<Step> steps, ChainPolicy policy)
{
    Config c;
    Listener l;
    l.name = QStringLiteral("default");
    l.port = 0;
    c.listeners.push_back(l);
    c.limits.workers = 1;
    c.providers = std::move(providers);
    Chain chain;
    chain.name = QStringLiteral("chat");
    chain.steps = std::move(steps);
    chain.policy = policy;
    c.chains.push_back(chain);
    Route r;
    r.name = QStringLiteral("chat");
    r.kind = RouteKind::Llm;
    r.chain = chain.name;
    r.match.methods = QStringList{QStringLiteral("POST")};
    r.match.pathMatch = PathMatch::Exact;
    r.match.path = QStringLiteral("/v1/chat/completions");
    c.routes.push_back(r);
    return c;
}

// ------------------------------------------------------- gateway under test

GatewayUnderTest::GatewayUnderTest() : m_log(std::make_shared<TrailLog>()), m_engine(std::make_unique<Engine>())
{
    std::weak_ptr<TrailLog> log = m_log;
    m_engine->services().trailSink = [log](const RequestTrail &trail) {
        if (auto alive = log.lock()) {
            const std::lock_guard lock(alive->mutex);
            alive->trails.push_back(trail);
        }
    };
}

GatewayUnderTest::~GatewayUnderTest() = default;

bool GatewayUnderTest::start(const Config &config)
{
    const auto started = m_engine->start(std::make_shared<Config>(config));
    if (!started.ok())
        qWarning("engine did not start: %s", qPrintable(started.error().message));
    return started.ok();
}

quint16 GatewayUnderTest::port() const
{
    return m_engine->port(QStringLiteral("default"));
}

std::optional<TestResponse> GatewayUnderTest::chat(bool stream, const QByteArray &userText, int timeoutMs)
{
    RawClient client(port());
    if (!client.isConnected())
        return std::nullopt;
    client.send(chatRequest(stream, userText));
    return client.next(false, timeoutMs);
}

std::vector<RequestTrail> GatewayUnderTest::trails() const
{
    const std::lock_guard lock(m_log->mutex);
    return m_log->trails;
}

qsizetype GatewayUnderTest::trailCount() const
{
    const std::lock_guard lock(m_log->mutex);
    return qsizetype(m_log->trails.size());
}

QString describeTrail(const RequestTrail &trail)
{
    QStringList lines{QStringLiteral("request %1 -> %2 %3 served by '%4'")
                          .arg(QString::fromLatin1(trail.requestId))
                          .arg(trail.status)
                          .arg(outcomeClassName(trail.outcome), trail.servedBy)};
    for (const AttemptRecord &a : trail.attempts) {
        lines << QStringLiteral("  +%1ms %2 %3 %4 upstream=%5 decision='%6'")
                     .arg(a.startOffsetMs)
                     .arg(a.stepPath, a.target, outcomeClassName(a.outcome))
                     .arg(a.upstreamStatus)
                     .arg(a.decision);
    }
    return lines.join(QLatin1Char('\n'));
}

// ------------------------------------------------------------------ client

QByteArray chatRequest(bool stream, const QByteArray &userText)
{
    const QByteArray body = R"({"model":"client-model","stream":)" + QByteArray(stream ? "true" : "false") +
                            R"(,"messages":[{"role":"user","content":")" + userText + R"("}]})";
    return "POST /v1/chat/completions HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\n"
           "Content-Length: " +
           QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

SseBody SseBody::parse(const QByteArray &body)
{
    SseBody out;
    for (const QByteArray &block : body.split('\n')) {
        const QByteArray line = block.trimmed();
        if (line.startsWith("data:"))
            out.data << line.mid(5).trimmed();
    }
    return out;
}

qsizetype SseBody::doneCount() const
{
    return data.count("[DONE]");
}

QString SseBody::text() const
{
    QString text;
    for (const QByteArray &event : data) {
        text += QJsonDocument::fromJson(event)
                    .object()
                    .value(QStringLiteral("choices"))
                    .toArray()
                    .at(0)
                    .toObject()
                    .value(QStringLiteral("delta"))
                    .toObject()
                    .value(QStringLiteral("content"))
                    .toString();
    }
    return text;
}

QJsonObject SseBody::error() const
{
    for (const QByteArray &event : data) {
        const QJsonObject o = QJsonDocument::fromJson(event).object();
        if (o.contains(QStringLiteral("error")))
            return o.value(QStringLiteral("error")).toObject();
    }
    return {};
}

QJsonObject SseBody::usage() const
{
    QJsonObject usage;
    for (const QByteArray &event : data) {
        const QJsonObject o = QJsonDocument::fromJson(event).object();
        if (o.value(QStringLiteral("usage")).isObject())
            usage = o.value(QStringLiteral("usage")).toObject();
    }
    return usage;
}

QString SseBody::finishReason() const
{
    QString reason;
    for (const QByteArray &event : data) {
        const QJsonValue finish = QJsonDocument::fromJson(event)
                                      .object()
                                      .value(QStringLiteral("choices"))
                                      .toArray()
                                      .at(0)
                                      .toObject()
                                      .value(QStringLiteral("finish_reason"));
        if (finish.isString())
            reason = finish.toString();
    }
    return reason;
}

bool SseBody::allJson() const
{
    for (const QByteArray &event : data) {
        if (event == "[DONE]")
            continue;
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(event, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            return false;
    }
    return true;
}

QString completionText(const QByteArray &body)
{
    return QJsonDocument::fromJson(body)
        .object()
        .value(QStringLiteral("choices"))
        .toArray()
        .at(0)
        .toObject()
        .value(QStringLiteral("message"))
        .toObject()
        .value(QStringLiteral("content"))
        .toString();
}

} // namespace understudy::test
