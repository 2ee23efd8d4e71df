#pragma once

// An OpenAI-compatible upstream that misbehaves exactly as a scenario
// scripts it: each request takes the next reply of a FIFO script (or the
// default reply once the script is empty). It can answer JSON with any
// status and headers, stream SSE chunks with delays, cut a chunked body
// without its terminator, stall mid-stream, reset the TCP connection before
// any byte, or accept and stay silent. It records every request (arrival
// time, request line, headers, body) so a test asserts what the upstream
// saw as well as what the client got.
//
// Runs on the thread that creates it; the engine's workers talk to it over
// loopback, so the test thread must spin its event loop while waiting (the
// RawClient waits do).

#include "RawClient.h"
#include "config/Config.h"
#include "fallback/AttemptTrail.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QTcpServer>

#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

class QTcpSocket;

namespace understudy {
class Engine;
}

namespace understudy::test {

using FakeHeaders = QList<std::pair<QByteArray, QByteArray>>;

struct FakeReply
{
    enum class Kind { Json, Sse, Reset, Silent };
    enum class Ending {
        Done,   // data: [DONE] and the last chunk
        NoDone, // the last chunk without data: [DONE]
        Cut,    // close the socket without the last chunk
        Stall,  // send nothing more, keep the socket open
    };

    Kind kind = Kind::Json;
    int status = 200;
    FakeHeaders headers;
    QByteArray body; // Json
    // Sse: the data of each event, usually a chat.completion.chunk JSON;
    // anything else is sent verbatim (a malformed event).
    QList<QByteArray> events;
    Ending ending = Ending::Done;
    int firstContentDelayMs = 0; // Sse: wait before the first event that carries content
    int gapMs = 5;               // Sse: between events
    int delayMs = 0;             // Json: hold the whole answer this long

    // 200 with a chat.completion naming `model`.
    static FakeReply completion(const QByteArray &model, const QByteArray &text, int promptTokens = 11,
                                int completionTokens = 7);
    // An error status with the OpenAI error JSON.
    static FakeReply error(int status, const QByteArray &message, const QByteArray &type = "server_error",
                           const QByteArray &code = {}, FakeHeaders headers = {});
    // Role chunk, one content chunk per piece, a finish chunk and, when
    // usage is on, a final usage chunk (stream_options.include_usage).
    static FakeReply stream(const QByteArray &model, const QList<QByteArray> &pieces, bool usage = true);
    // The role chunk and the first `keep` pieces, then `ending` (no finish chunk).
    static FakeReply truncatedStream(const QByteArray &model, const QList<QByteArray> &pieces, int keep, Ending ending);
    static FakeReply reset();
    static FakeReply silent();
};

// One chat.completion.chunk JSON. `delta` and `finish` are JSON text.
QByteArray chunkJson(const QByteArray &model, const QByteArray &delta, const QByteArray &finish = "null");

struct SeenRequest
{
    qint64 atMs = 0; // on the shared test clock (fakeClockMs)
    QByteArray requestLine;
    FakeHeaders headers;
    QByteArray body;

    QByteArray header(const char *name) const;
    QJsonObject json() const;
    QString model() const;
    // The messages array of the request body.
    QList<QJsonObject> messages() const;
};

// Milliseconds on one monotonic clock shared by every fake of the process,
// so arrivals at different fakes can be compared.
qint64 fakeClockMs();

class FakeLlmUpstream final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeLlmUpstream)

public:
    explicit FakeLlmUpstream(QObject *parent = nullptr);
    ~FakeLlmUpstream() override;

    bool start();            // 127.0.0.1, port 0
    QString baseUrl() const; // http://127.0.0.1:<port>/v1

    void push(FakeReply reply) { m_script.push_back(std::move(reply)); }
    void setDefault(FakeReply reply) { m_default = std::move(reply); }
    // Answer `reply` to every request for the next `durationMs` (an
    // outage), ahead of the script.
    void failFor(qint64 durationMs, FakeReply reply);
    qint64 outageEndsAtMs() const { return m_outageUntilMs; }

    const QList<SeenRequest> &seen() const { return m_seen; }
    qsizetype requestCount() const { return m_seen.size(); }
    // Time between the arrivals of request i-1 and i.
    qint64 gapBefore(qsizetype i) const { return m_seen.at(i).atMs - m_seen.at(i - 1).atMs; }
    qsizetype openConnections() const { return m_sockets.size(); }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void onReadable(QTcpSocket *socket);
    void answer(QTcpSocket *socket, const FakeReply &reply);
    void sendEvent(QTcpSocket *socket, const FakeReply &reply, int index);
    void endStream(QTcpSocket *socket, FakeReply::Ending ending);

    std::deque<FakeReply> m_script;
    FakeReply m_default;
    FakeReply m_outage;
    qint64 m_outageUntilMs = 0;
    QList<SeenRequest> m_seen;
    QList<QTcpSocket *> m_sockets;
};

// ------------------------------------------------ wiring fakes into a config

// An openai-compatible provider pointing at `fake`.
Provider fakeProvider(const QString &name, const FakeLlmUpstream &fake, std::vector<ModelInfo> models = {});
ModelInfo modelInfo(const QString &name, bool supportsPrefill, qint64 contextWindow = 0);
// A provider step with short timeouts and fast backoff; breaker off unless a
// scenario is about breakers.
Step providerStep(const QString &provider, const QString &model);
// One loopback listener "default", one worker, one llm route
// POST /v1/chat/completions running chain "chat".
Config llmConfig(std::vector<Provider> providers, std::vector<Step> steps, ChainPolicy policy = {});

// The engine under test on its loopback listener, with every request's
// attempt trail captured (the sink runs on the worker thread).
class GatewayUnderTest final
{
public:
    GatewayUnderTest();
    ~GatewayUnderTest();
    Q_DISABLE_COPY_MOVE(GatewayUnderTest)

    bool start(const Config &config); // warns with the reason on failure
    Engine &engine() { return *m_engine; }
    quint16 port() const;
    // One chat request on a fresh connection; nullopt when no complete
    // response arrived (a truncated body counts as none).
    std::optional<TestResponse> chat(bool stream, const QByteArray &userText = "hello", int timeoutMs = 20'000);
    std::vector<RequestTrail> trails() const;
    qsizetype trailCount() const;

private:
    struct TrailLog
    {
        std::mutex mutex;
        std::vector<RequestTrail> trails;
    };
    std::shared_ptr<TrailLog> m_log; // shared with the sink, which may outlive a request
    std::unique_ptr<Engine> m_engine;
};

// One line per attempt ("chat/steps[0] p/big status_5xx 503 retry: ..."),
// for failure messages.
QString describeTrail(const RequestTrail &trail);

// --------------------------------------------------------- the client side

QByteArray chatRequest(bool stream, const QByteArray &userText = "hello");

// A server-sent-events body split into its events' data.
struct SseBody
{
    QList<QByteArray> data;
    bool endsWithDone() const { return !data.isEmpty() && data.last() == "[DONE]"; }
    qsizetype doneCount() const;
    QString text() const;         // concatenated delta contents
    QJsonObject error() const;    // the "error" object of an error event, if any
    QJsonObject usage() const;    // the last usage object, if any
    QString finishReason() const; // the last non-null finish_reason
    bool allJson() const;         // every event but [DONE] parses as a JSON object

    static SseBody parse(const QByteArray &body);
};

QString completionText(const QByteArray &body);

} // namespace understudy::test
