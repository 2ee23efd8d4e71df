// Limits and defences of the inbound server: 431/413/408/503, request
// smuggling shapes, bounded memory for a slow client, many connections,
// drain, listener hot reload.

#include "RawClient.h"
#include "TestHandler.h"

#include "http/HttpServer.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include <sys/resource.h>

using namespace understudy;

class TestHttpLimits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup();
    void headerTooLargeIs431();
    void contentLengthTooLargeIs413WithoutReadingBody();
    void chunkedBodyTooLargeIs413();
    void slowlorisHeadIs408();
    void idleKeepAliveConnectionCloses();
    void tooManyConnectionsIs503();
    void smugglingShapesAre400_data();
    void smugglingShapesAre400();
    void slowClientKeepsMemoryBounded();
    void thousandConcurrentConnections();
    void drainFinishesInFlightAndRefusesNew();
    void updateListenersKeepsUnchangedPort();
    void bindFailureNamesAddress();

private:
    quint16 start(ServerLimits limits, const QString &name = QStringLiteral("main"));
    std::unique_ptr<HttpServer> m_server;
};

quint16 TestHttpLimits::start(ServerLimits limits, const QString &name)
{
    if (limits.workers == 0)
        limits.workers = 2;
    m_server = std::make_unique<HttpServer>(limits, [] { return std::make_unique<TestHandler>(); });
    Listener listener;
    listener.name = name;
    listener.port = 0;
    const auto result = m_server->listen({listener});
    if (!result)
        qWarning() << result.error().message;
    return m_server->serverPort(name);
}

void TestHttpLimits::cleanup()
{
    m_server.reset();
}

static Listener listenerNamed(const QString &name, int port)
{
    Listener listener;
    listener.name = name;
    listener.port = port;
    return listener;
}

static QString errorType(const TestResponse &response)
{
    return QJsonDocument::fromJson(response.body)
        .object()
        .value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("type"))
        .toString();
}

void TestHttpLimits::headerTooLargeIs431()
{
    ServerLimits limits;
    limits.maxHeaderBytes = 8 * 1024;
    const quint16 port = start(limits);
    RawClient client(port);
    client.send("GET /echo HTTP/1.1\r\nHost: t\r\nX-Big: " + QByteArray(16 * 1024, 'a') + "\r\n\r\n");
    auto response = client.next();
    QVERIFY(response);
    QCOMPARE(response->status, 431);
    QCOMPARE(errorType(*response), QStringLiteral("request_header_fields_too_large"));
    QVERIFY(client.waitClosed());
    QCOMPARE(m_server->stats().rejected431, 1);
    QCOMPARE(g_probe.handled.load(), 0);
}

void TestHttpLimits::contentLengthTooLargeIs413WithoutReadingBody()
{
    ServerLimits limits;
    limits.maxBodyBytes = 1 << 20;
    const quint16 port = start(limits);
    RawClient client(port);
    // The body is never sent: the answer must come from the head alone.
    client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 104857600\r\n\r\n");
    auto response = client.next();
    QVERIFY(response);
    QCOMPARE(response->status, 413);
    QCOMPARE(errorType(*response), QStringLiteral("payload_too_large"));
    QVERIFY(client.waitClosed());
    QCOMPARE(m_server->stats().rejected413, 1);
}

void TestHttpLimits::chunkedBodyTooLargeIs413()
{
    ServerLimits limits;
    limits.maxBodyBytes = 1000;
    const quint16 port = start(limits);
    const QByteArray chunk = QByteArray::number(600, 16) + "\r\n" + QByteArray(600, 'b') + "\r\n";
    auto response =
        roundTrip(port, "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk + chunk);
    QVERIFY(response);
    QCOMPARE(response->status, 413);
}

void TestHttpLimits::slowlorisHeadIs408()
{
    ServerLimits limits;
    limits.requestHeadTimeoutMs = 300;
    const quint16 port = start(limits);
    RawClient client(port);
    client.send("GET /echo HTTP/1.1\r\nHost: t\r\nX-Drip: 1\r\n"); // and never the empty line
    auto response = client.next();
    QVERIFY(response);
    QCOMPARE(response->status, 408);
    QVERIFY(client.waitClosed());
    QCOMPARE(m_server->stats().rejected408, 1);
}

void TestHttpLimits::idleKeepAliveConnectionCloses()
{
    ServerLimits limits;
    limits.keepAliveTimeoutMs = 300;
    const quint16 port = start(limits);
    RawClient client(port);
    client.send("GET /echo HTTP/1.1\r\nHost: t\r\n\r\n");
    QVERIFY(client.next());
    QVERIFY(client.waitClosed());
    QVERIFY(client.buffer().isEmpty()); // closed silently, no 408 for an idle connection
}

void TestHttpLimits::tooManyConnectionsIs503()
{
    ServerLimits limits;
    limits.maxConnections = 2;
    const quint16 port = start(limits);
    auto first = std::make_unique<RawClient>(port);
    RawClient second(port);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->stats().openConnections, 2, 10'000);
    auto rejected = roundTrip(port, "GET /echo HTTP/1.1\r\nHost: t\r\n\r\n");
    QVERIFY(rejected);
    QCOMPARE(rejected->status, 503);
    QVERIFY(rejected->hasHeader("retry-after"));
    QCOMPARE(m_server->stats().rejected503, 1);

    first.reset();
    QTRY_COMPARE_WITH_TIMEOUT(m_server->stats().openConnections, 1, 10'000);
    auto accepted = roundTrip(port, "GET /echo HTTP/1.1\r\nHost: t\r\n\r\n");
    QVERIFY(accepted);
    QCOMPARE(accepted->status, 200);
}

void TestHttpLimits::smugglingShapesAre400_data()
{
    QTest::addColumn<QByteArray>("request");
    const QByteArray post = "POST /echo HTTP/1.1\r\nHost: t\r\n";
    QTest::newRow("content-length and transfer-encoding")
        << post + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n";
    QTest::newRow("transfer-encoding then content-length")
        << post + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n";
    QTest::newRow("two different content-lengths") << post + "Content-Length: 4\r\nContent-Length: 5\r\n\r\nabcde";
    QTest::newRow("content-length list") << post + "Content-Length: 4, 5\r\n\r\nabcde";
    QTest::newRow("negative content-length") << post + "Content-Length: -1\r\n\r\n";
    QTest::newRow("space before colon") << post + "Content-Length : 4\r\n\r\nabcd";
    QTest::newRow("space in header name") << post + "X Foo: 1\r\nContent-Length: 0\r\n\r\n";
    QTest::newRow("quote in header name") << post + "X-F\"oo: 1\r\nContent-Length: 0\r\n\r\n";
    QTest::newRow("obs-fold") << post + "X-Folded: a\r\n b\r\nContent-Length: 0\r\n\r\n";
    QTest::newRow("obs-fold tab") << post + "X-Folded: a\r\n\tb\r\nContent-Length: 0\r\n\r\n";
    static constexpr char nulValue[] = "X-Nul: a\0b\r\nContent-Length: 0\r\n\r\n";
    QTest::newRow("NUL in value") << post + QByteArray(nulValue, sizeof(nulValue) - 1);
    QTest::newRow("bare CR in value") << post + "X-CR: a\rb\r\nContent-Length: 0\r\n\r\n";
    QTest::newRow("unknown transfer-encoding") << post + "Transfer-Encoding: xchunked\r\n\r\n0\r\n\r\n";
    QTest::newRow("chunked not last") << post + "Transfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n";
    QTest::newRow("transfer-encoding on HTTP/1.0")
        << QByteArray("POST /echo HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
    QTest::newRow("missing host on HTTP/1.1") << QByteArray("GET /echo HTTP/1.1\r\n\r\n");
    QTest::newRow("two hosts") << QByteArray("GET /echo HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n");
    QTest::newRow("bad chunk size") << post + "Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n";
}

void TestHttpLimits::smugglingShapesAre400()
{
    QFETCH(QByteArray, request);
    const quint16 port = start(ServerLimits{});
    RawClient client(port);
    client.send(request);
    auto response = client.next();
    QVERIFY(response);
    QCOMPARE(response->status, 400);
    QCOMPARE(errorType(*response), QStringLiteral("bad_request"));
    QVERIFY(response->hasHeader("x-understudy-request-id"));
    QVERIFY(client.waitClosed());
    QCOMPARE(m_server->stats().rejected400, 1);
    QCOMPARE(m_server->stats().requestsServed, 1); // only the error answer
}

void TestHttpLimits::slowClientKeepsMemoryBounded()
{
    const quint16 port = start(ServerLimits{});
    g_probe.blockedWrites = 0;
    g_probe.streamsFinished = 0;
    constexpr qint64 total = 64LL << 20;
    RawClient client(port, 16 * 1024); // reads (almost) nothing
    client.send("GET /stream?kib=65536&len=1 HTTP/1.1\r\nHost: t\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(g_probe.blockedWrites.load() > 0, 20'000);
    QCOMPARE(g_probe.streamsFinished.load(), 0);

    client.socket().setReadBufferSize(0); // now drain it all
    qint64 received = 0;
    QVERIFY(QTest::qWaitFor(
        [&] {
            received += client.socket().readAll().size();
            return received >= total;
        },
        60'000));
    QTRY_COMPARE_WITH_TIMEOUT(g_probe.streamsFinished.load(), 1, 10'000);
    const qint64 peak = m_server->stats().maxBufferedBytes;
    QVERIFY2(peak < (1 << 20), qPrintable(QStringLiteral("peak buffered %1 bytes").arg(peak)));
    QVERIFY(peak >= HttpExchange::kHighWaterBytes); // the bound was actually reached, not avoided
}

void TestHttpLimits::thousandConcurrentConnections()
{
    rlimit files{};
    getrlimit(RLIMIT_NOFILE, &files);
    if (files.rlim_cur < 4096 && files.rlim_max >= 4096) {
        files.rlim_cur = 4096;
        setrlimit(RLIMIT_NOFILE, &files);
    }
    const quint16 port = start(ServerLimits{});
    constexpr int count = 1000;
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    std::vector<QByteArray> buffers(count);
    for (int i = 0; i < count; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        QTcpSocket *raw = socket.get();
        connect(raw, &QTcpSocket::connected, this, [raw, i] {
            const QByteArray body = "client-" + QByteArray::number(i);
            raw->write("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: " + QByteArray::number(body.size()) +
                       "\r\n\r\n" + body);
        });
        connect(raw, &QTcpSocket::readyRead, this, [raw, &buffers, i] { buffers[size_t(i)] += raw->readAll(); });
        raw->connectToHost(QStringLiteral("127.0.0.1"), port);
        sockets.push_back(std::move(socket));
    }
    const auto complete = [&](int i) {
        const QByteArray expected = "client-" + QByteArray::number(i);
        return buffers[size_t(i)].startsWith("HTTP/1.1 200 ") &&
               buffers[size_t(i)].endsWith(QByteArray("\r\n\r\n" + expected));
    };
    QVERIFY(QTest::qWaitFor(
        [&] {
            for (int i = 0; i < count; ++i) {
                if (!complete(i))
                    return false;
            }
            return true;
        },
        60'000));
    QCOMPARE(m_server->stats().requestsServed, count);
}

void TestHttpLimits::drainFinishesInFlightAndRefusesNew()
{
    const quint16 port = start(ServerLimits{});
    RawClient idle(port);
    idle.send("GET /echo HTTP/1.1\r\nHost: t\r\n\r\n");
    QVERIFY(idle.next());
    g_probe.handled = 0;
    RawClient busy(port);
    busy.send("POST /slow?ms=400 HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\n\r\nslow");
    QTRY_COMPARE_WITH_TIMEOUT(g_probe.handled.load(), 1, 10'000);

    QSignalSpy drained(m_server.get(), &HttpServer::drained);
    m_server->drain(20'000);
    QVERIFY(idle.waitClosed()); // idle keep-alive connections go at once

    RawClient late(port);
    QVERIFY(!late.isConnected());

    auto response = busy.next();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->body, QByteArray("slow"));
    QCOMPARE(response->header("connection"), QByteArray("close"));
    QVERIFY(drained.wait(10'000) || drained.count() == 1);
    QCOMPARE(m_server->stats().openConnections, 0);
}

void TestHttpLimits::updateListenersKeepsUnchangedPort()
{
    m_server = std::make_unique<HttpServer>(ServerLimits{}, [] { return std::make_unique<TestHandler>(); });
    Listener a = listenerNamed(QStringLiteral("a"), 0);
    Listener b = listenerNamed(QStringLiteral("b"), 0);
    QVERIFY(m_server->listen({a, b}).ok());
    const quint16 portA = m_server->serverPort(QStringLiteral("a"));
    QVERIFY(m_server->serverPort(QStringLiteral("b")) != 0);
    RawClient existing(portA);
    existing.send("GET /echo HTTP/1.1\r\nHost: t\r\n\r\n");
    QVERIFY(existing.next());

    Listener c = listenerNamed(QStringLiteral("c"), 0);
    QVERIFY(m_server->updateListeners({a, c}).ok());
    QCOMPARE(m_server->serverPort(QStringLiteral("a")), portA);
    QCOMPARE(m_server->serverPort(QStringLiteral("b")), quint16(0));
    QVERIFY(m_server->serverPort(QStringLiteral("c")) != 0);

    existing.send("GET /echo?again HTTP/1.1\r\nHost: t\r\n\r\n");
    auto again = existing.next();
    QVERIFY(again);
    QCOMPARE(again->header("x-query"), QByteArray("again"));
    auto fresh = roundTrip(portA, "GET /echo HTTP/1.1\r\nHost: t\r\n\r\n");
    QVERIFY(fresh);
    QCOMPARE(fresh->status, 200);
}

void TestHttpLimits::bindFailureNamesAddress()
{
    const quint16 taken = start(ServerLimits{});
    HttpServer second(ServerLimits{}, [] { return std::make_unique<TestHandler>(); });
    Listener clash = listenerNamed(QStringLiteral("clash"), taken);
    const auto result = second.listen({clash});
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, QStringLiteral("bind_failed"));
    QVERIFY2(result.error().message.contains(QStringLiteral("127.0.0.1:%1").arg(taken)),
             qPrintable(result.error().message));
}

QTEST_GUILESS_MAIN(TestHttpLimits)
#include "tst_httplimits.moc"
