// Pooling, framing, faults and backpressure of the upstream client, against
// the scripted fake upstream on 127.0.0.1.

#include "FakeUpstream.h"
#include "upstream/UpstreamPool.h"

#include <QHostAddress>
#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace understudy;
using Behaviour = understudy::test::FakeUpstream::Behaviour;

namespace {

constexpr int kWaitMs = 5000;

// Collects everything a call emits.
struct Recorder
{
    explicit Recorder(UpstreamCall *c) : call(c)
    {
        QObject::connect(c, &UpstreamCall::responseHead, c, [this](int s, const HttpHeaders &h) {
            status = s;
            headers = h;
            ++heads;
        });
        QObject::connect(c, &UpstreamCall::bodyData, c, [this](const QByteArray &data) {
            body += data;
            ++chunks;
        });
        QObject::connect(c, &UpstreamCall::finished, c, [this] { ++finished; });
        QObject::connect(c, &UpstreamCall::failed, c, [this](OutcomeClass o, const QString &d) {
            outcome = o;
            detail = d;
            ++failed;
        });
    }
    bool done() const { return finished + failed > 0; }

    UpstreamCall *call;
    int status = 0;
    HttpHeaders headers;
    QByteArray body;
    int heads = 0;
    int chunks = 0;
    int finished = 0;
    int failed = 0;
    OutcomeClass outcome = OutcomeClass::Ok;
    QString detail;
};

UpstreamRequest requestTo(quint16 port, const QByteArray &method = "GET", const QString &path = QStringLiteral("/x"))
{
    UpstreamRequest request;
    request.method = method;
    request.url = QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path));
    request.timeouts.totalMs = 10'000;
    return request;
}

} // namespace

Q_DECLARE_METATYPE(understudy::test::FakeUpstream::Behaviour)
Q_DECLARE_METATYPE(understudy::OutcomeClass)

class TestUpstreamPool final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepAliveReuse();
    void responsesThatEndTheConnection_data();
    void responsesThatEndTheConnection();
    void successfulFraming_data();
    void successfulFraming();
    void requestFraming();
    void maxConnectionsQueue();
    void queuedCallMeetsDeadline();
    void faults_data();
    void faults();
    void connectionRefused();
    void connectTimeout();
    void staleConnection();
    void idleConnectionClosedByServer();
    void idleTimeoutClosesConnection();
    void pauseAndResume();
    void cancelLeavesNoConnection();
    void pauseInsideResponseHead();
    void destroyingThePoolCancelsCalls();
    void plainHttpThroughProxy();
};

void TestUpstreamPool::keepAliveReuse()
{
    test::FakeUpstream fake;
    QVERIFY(fake.start());
    UpstreamPool pool;

    Recorder first(pool.send(requestTo(fake.serverPort()), &pool));
    QTRY_VERIFY_WITH_TIMEOUT(first.done(), kWaitMs);
    QCOMPARE(first.finished, 1);
    QCOMPARE(first.status, 200);
    QCOMPARE(first.body, QByteArray("hello"));
    QCOMPARE(headerValue(first.headers, "x-test").value_or(QByteArray()), QByteArray("yes"));
    QVERIFY(!first.call->reusedConnection());
    QCOMPARE(pool.stats().idle, 1);

    Recorder second(pool.send(requestTo(fake.serverPort()), &pool));
    QTRY_VERIFY_WITH_TIMEOUT(second.done(), kWaitMs);
    QCOMPARE(second.finished, 1);
    QCOMPARE(second.body, QByteArray("hello"));
    QVERIFY(second.call->reusedConnection());
    QCOMPARE(fake.accepted, 1);
    QCOMPARE(fake.requests.size(), 2);
    const UpstreamPool::Stats stats = pool.stats();
    QCOMPARE(stats.created, 1);
    QCOMPARE(stats.reused, 1);
    QCOMPARE(stats.open, 1);
}

void TestUpstreamPool::responsesThatEndTheConnection_data()
{
    QTest::addColumn<Behaviour>("behaviour");
    QTest::newRow("Connection: close") << Behaviour::ConnectionClose;
    QTest::newRow("HTTP/1.0 without keep-alive") << Behaviour::Http10;
    QTest::newRow("close-delimited body") << Behaviour::CloseDelimited;
}

void TestUpstreamPool::responsesThatEndTheConnection()
{
    QFETCH(Behaviour, behaviour);
    test::FakeUpstream fake;
    fake.behaviour = behaviour;
    QVERIFY(fake.start());
    UpstreamPool pool;
    for (int i = 0; i < 2; ++i) {
        Recorder call(pool.send(requestTo(fake.serverPort()), &pool));
        QTRY_VERIFY_WITH_TIMEOUT(call.done(), kWaitMs);
        QCOMPARE(call.finished, 1);
        QVERIFY(!call.call->reusedConnection());
    }
    QCOMPARE(fake.accepted, 2);
    QCOMPARE(pool.stats().idle, 0);
    // The client closed the connections the server left open.
    QTRY_COMPARE_WITH_TIMEOUT(fake.open, 0, kWaitMs);
}

void TestUpstreamPool::successfulFraming_data()
{
    QTest::addColumn<Behaviour>("behaviour");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("keptAlive");
    QTest::newRow("content-length") << Behaviour::Normal << QByteArray("GET") << 200 << QByteArray("hello") << true;
    QTest::newRow("chunked, decoded") << Behaviour::Chunked << QByteArray("GET") << 200 << QByteArray("hello world")
                                      << true;
    QTest::newRow("close-delimited") << Behaviour::CloseDelimited << QByteArray("GET") << 200
                                     << QByteArray("until close") << false;
    QTest::newRow("HEAD has no body") << Behaviour::Normal << QByteArray("HEAD") << 200 << QByteArray() << true;
    QTest::newRow("204 has no body") << Behaviour::NoContent << QByteArray("GET") << 204 << QByteArray() << true;
    QTest::newRow("100 Continue skipped")
        << Behaviour::Interim100 << QByteArray("GET") << 200 << QByteArray("ok") << true;
}

void TestUpstreamPool::successfulFraming()
{
    QFETCH(Behaviour, behaviour);
    QFETCH(QByteArray, method);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(bool, keptAlive);
    test::FakeUpstream fake;
    fake.behaviour = behaviour;
    QVERIFY(fake.start());
    UpstreamPool pool;
    Recorder call(pool.send(requestTo(fake.serverPort(), method), &pool));
    QTRY_VERIFY_WITH_TIMEOUT(call.done(), kWaitMs);
    QCOMPARE(call.finished, 1);
    QCOMPARE(call.failed, 0);
    QCOMPARE(call.heads, 1);
    QCOMPARE(call.status, status);
    QCOMPARE(call.body, body);
    QCOMPARE(pool.stats().idle, keptAlive ? 1 : 0);
}

void TestUpstreamPool::requestFraming()
{
    test::FakeUpstream fake;
    QVERIFY(fake.start());
    UpstreamPool pool;

    UpstreamRequest post = requestTo(fake.serverPort(), "POST", QStringLiteral("/v1/chat?stream=true"));
    post.body = "{\"a\":1}";
    post.headers = {{"Connection", "X-Hop"},       {"X-Hop", "secret"},       {"Transfer-Encoding", "chunked"},
                    {"Host", "wrong.example"},     {"Content-Length", "999"}, {"X-Request-Id", "r1"},
                    {"X-Evil", "a\r\nInjected: 1"}};
    Recorder postCall(pool.send(post, &pool));
    QTRY_VERIFY_WITH_TIMEOUT(postCall.done(), kWaitMs);
    QCOMPARE(postCall.finished, 1);
    QVERIFY(postCall.call->bodyReachedUpstream());

    Recorder getCall(pool.send(requestTo(fake.serverPort()), &pool));
    QTRY_VERIFY_WITH_TIMEOUT(getCall.done(), kWaitMs);
    QVERIFY(!getCall.call->bodyReachedUpstream());

    QCOMPARE(fake.requests.size(), 2);
    const QByteArray sent = fake.requests.at(0);
    const QByteArray host = "Host: 127.0.0.1:" + QByteArray::number(fake.serverPort()) + "\r\n";
    QVERIFY2(sent.startsWith(QByteArray(QByteArray("POST /v1/chat?stream=true HTTP/1.1\r\n") + host)),
             sent.constData());
    QVERIFY(sent.contains("\r\nX-Request-Id: r1\r\n"));
    QVERIFY(sent.contains("\r\nContent-Length: 7\r\n"));
    QVERIFY(sent.contains("\r\nConnection: keep-alive\r\n"));
    QVERIFY(sent.endsWith("\r\n\r\n{\"a\":1}"));
    QVERIFY(!sent.contains("X-Hop"));
    QVERIFY(!sent.contains("Transfer-Encoding"));
    QVERIFY(!sent.contains("wrong.example"));
    // The caller's Content-Length: 999 is replaced (the Host header's
    // random port may itself contain "999", so look for the header).
    QVERIFY(!sent.contains("Content-Length: 999"));
    QVERIFY(!sent.contains("Injected"));
    QVERIFY(!fake.requests.at(1).contains("Content-Length"));
}

void TestUpstreamPool::maxConnectionsQueue()
{
    test::FakeUpstream fake;
    fake.respondDelayMs = 300;
    QVERIFY(fake.start());
    UpstreamPool pool;
    std::vector<std::unique_ptr<Recorder>> calls;
    for (int i = 0; i < 5; ++i) {
        UpstreamRequest request = requestTo(fake.serverPort());
        request.origin.maxConnections = 2;
        calls.push_back(std::make_unique<Recorder>(pool.send(request, &pool)));
    }
    QTRY_COMPARE_WITH_TIMEOUT(pool.stats().queued, 3, kWaitMs);
    QCOMPARE(pool.stats().open, 2);
    for (const auto &call : calls)
        QTRY_VERIFY_WITH_TIMEOUT(call->done(), kWaitMs);
    for (const auto &call : calls)
        QCOMPARE(call->finished, 1);
    QCOMPARE(fake.requests.size(), 5);
    QCOMPARE(fake.maxOpen, 2);
    QCOMPARE(fake.accepted, 2);
    QCOMPARE(fake.maxInFlight, 2);
    QCOMPARE(pool.stats().queued, 0);
    QCOMPARE(pool.stats().reused, 3);
}

void TestUpstreamPool::queuedCallMeetsDeadline()
{
    test::FakeUpstream fake;
    fake.behaviour = Behaviour::Silent;
    QVERIFY(fake.start());
    UpstreamPool pool;
    UpstreamRequest request = requestTo(fake.serverPort());
    request.origin.maxConnections = 1;
    Recorder holder(pool.send(request, &pool));
    request.timeouts.totalMs = 200;
    Recorder queued(pool.send(request, &pool));
    QTRY_VERIFY_WITH_TIMEOUT(queued.done(), kWaitMs);
    QCOMPARE(queued.outcome, OutcomeClass::DeadlineExceeded);
    QCOMPARE(pool.stats().queued, 0);
    QVERIFY(!holder.done());
    QCOMPARE(fake.accepted, 1);
    holder.call->cancel();
}

void TestUpstreamPool::faults_data()
{
    QTest::addColumn<Behaviour>("behaviour");
    QTest::addColumn<int>("firstByteMs");
    QTest::addColumn<int>("idleMs");
    QTest::addColumn<int>("totalMs");
    QTest::addColumn<OutcomeClass>("expected");
    QTest::newRow("RST before headers") << Behaviour::ResetBeforeHeaders << 0 << 0 << 10'000
                                        << OutcomeClass::ResetBeforeResponse;
    QTest::newRow("silent") << Behaviour::Silent << 200 << 0 << 10'000 << OutcomeClass::FirstByteTimeout;
    QTest::newRow("headers then stall") << Behaviour::HeadersThenStall << 0 << 200 << 10'000
                                        << OutcomeClass::IdleTimeout;
    QTest::newRow("cut chunked body") << Behaviour::CutChunked << 0 << 0 << 10'000 << OutcomeClass::Truncated;
    QTest::newRow("short Content-Length")
        << Behaviour::ShortContentLength << 0 << 0 << 10'000 << OutcomeClass::Truncated;
    QTest::newRow("garbage status line") << Behaviour::Garbage << 0 << 0 << 10'000 << OutcomeClass::MalformedResponse;
    QTest::newRow("total deadline") << Behaviour::HeadersThenStall << 0 << 0 << 300 << OutcomeClass::DeadlineExceeded;
}

void TestUpstreamPool::faults()
{
    QFETCH(Behaviour, behaviour);
    QFETCH(int, firstByteMs);
    QFETCH(int, idleMs);
    QFETCH(int, totalMs);
    QFETCH(OutcomeClass, expected);
    test::FakeUpstream fake;
    fake.behaviour = behaviour;
    QVERIFY(fake.start());
    UpstreamPool pool;
    UpstreamRequest request = requestTo(fake.serverPort());
    request.timeouts.firstByteMs = firstByteMs;
    request.timeouts.idleMs = idleMs;
    request.timeouts.totalMs = totalMs;
    Recorder call(pool.send(request, &pool));
    QTRY_VERIFY_WITH_TIMEOUT(call.done(), kWaitMs);
    QCOMPARE(call.finished, 0);
    QCOMPARE(call.failed, 1);
    QVERIFY2(call.outcome == expected, qPrintable(outcomeClassName(call.outcome) + QLatin1Char(' ') + call.detail));
    QVERIFY(!call.call->staleConnection());
    // A failed exchange never goes back to the pool.
    QCOMPARE(pool.stats().open, 0);
    QTRY_COMPARE_WITH_TIMEOUT(fake.open, 0, kWaitMs);
    // Exactly one terminal signal, even if the socket reports more later.
    QTest::qWait(50);
    QCOMPARE(call.failed + call.finished, 1);
}

void TestUpstreamPool::connectionRefused()
{
    quint16 port = 0;
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        port = closed.serverPort();
    }
    UpstreamPool pool;
    Recorder call(pool.send(requestTo(port), &pool));
    QTRY_VERIFY_WITH_TIMEOUT(call.done(), kWaitMs);
    QCOMPARE(call.outcome, OutcomeClass::ConnectError);
    QCOMPARE(pool.stats().open, 0);
}

void TestUpstreamPool::connectTimeout()
{
    // No non-routable address on loopback: instead a listener with a full
    // accept queue (backlog 0, one connection never accepted) makes Linux
    // drop further SYNs, so a connect hangs like one to a dead host.
    const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
    QVERIFY(listener >= 0);
    auto closeListener = qScopeGuard([listener] { ::close(listener); });
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    QCOMPARE(::bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
    QCOMPARE(::listen(listener, 0), 0);
    socklen_t length = sizeof address;
    QCOMPARE(::getsockname(listener, reinterpret_cast<sockaddr *>(&address), &length), 0);
    const quint16 port = ntohs(address.sin_port);

    std::vector<std::unique_ptr<QTcpSocket>> fillers;
    for (int i = 0; i < 2; ++i) {
        fillers.push_back(std::make_unique<QTcpSocket>());
        fillers.back()->connectToHost(QHostAddress::LocalHost, port);
    }
    QTRY_VERIFY_WITH_TIMEOUT(fillers.front()->state() == QAbstractSocket::ConnectedState, kWaitMs);
    QTcpSocket probe;
    probe.connectToHost(QHostAddress::LocalHost, port);
    if (probe.waitForConnected(500))
        QSKIP("this kernel completes connects beyond the listen backlog; cannot simulate a connect timeout");

    UpstreamPool pool;
    UpstreamRequest request = requestTo(port);
    request.timeouts.connectMs = 200;
    Recorder call(pool.send(request, &pool));
    QTRY_VERIFY_WITH_TIMEOUT(call.done(), kWaitMs);
    QVERIFY2(call.outcome == OutcomeClass::ConnectTimeout, qPrintable(call.detail));
    QCOMPARE(pool.stats().open, 0);
}

void TestUpstreamPool::staleConnection()
{
    test::FakeUpstream fake;
    fake.behaviour = Behaviour::CloseOnSecond;
    QVERIFY(fake.start());
    UpstreamPool pool;
    Recorder first(pool.send(requestTo(fake.serverPort()), &pool));
    QTRY_VERIFY_WITH_TIMEOUT(first.done(), kWaitMs);
    QCOMPARE(first.finished, 1);

    Recorder second(pool.send(requestTo(fake.serverPort()), &pool));
    QTRY_VERIFY_WITH_TIMEOUT(second.done(), kWaitMs);
    QCOMPARE(second.outcome, OutcomeClass::ResetBeforeResponse);
    QVERIFY(second.call->reusedConnection());
    QVERIFY(second.call->staleConnection());
    QCOMPARE(pool.stats().open, 0);
}

void TestUpstreamPool::idleConnectionClosedByServer()
{
    test::FakeUpstream fake;
    fake.behaviour = Behaviour::CloseAfterResponse;
    QVERIFY(fake.start());
    UpstreamPool pool;
    Recorder first(pool.send(requestTo(fake.serverPort()), &pool));
    QTRY_VERIFY_WITH_TIMEOUT(first.done(), kWaitMs);
    QCOMPARE(first.finished, 1);
    // The pool notices the close while the connection is idle...
    QTRY_COMPARE_WITH_TIMEOUT(pool.stats().open, 0, kWaitMs);
    // ...so the next call does not walk into it.
    Recorder second(pool.send(requestTo(fake.serverPort()), &pool));
    QTRY_VERIFY_WITH_TIMEOUT(second.done(), kWaitMs);
    QCOMPARE(second.finished, 1);
    QVERIFY(!second.call->reusedConnection());
    QCOMPARE(fake.accepted, 2);
}

void TestUpstreamPool::idleTimeoutClosesConnection()
{
    test::FakeUpstream fake;
    QVERIFY(fake.start());
    UpstreamPool pool;
    UpstreamRequest request = requestTo(fake.serverPort());
    request.origin.idleTimeoutMs = 100;
    Recorder call(pool.send(request, &pool));
    QTRY_VERIFY_WITH_TIMEOUT(call.done(), kWaitMs);
    QCOMPARE(fake.open, 1);
    QTRY_COMPARE_WITH_TIMEOUT(pool.stats().open, 0, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(fake.open, 0, kWaitMs);
}

void TestUpstreamPool::pauseAndResume()
{
    test::FakeUpstream fake;
    fake.behaviour = Behaviour::BigBody;
    fake.bigBodyBytes = 32LL << 20;
    QVERIFY(fake.start());
    UpstreamPool pool;
    UpstreamRequest request = requestTo(fake.serverPort());
    request.timeouts.idleMs = 200; // must not fire while the consumer is paused
    request.timeouts.totalMs = 60'000;
    UpstreamCall *call = pool.send(request, &pool);
    Recorder recorder(call);
    qint64 bodyBytes = 0;
    connect(call, &UpstreamCall::bodyData, this, [call, &bodyBytes](const QByteArray &data) {
        if (bodyBytes == 0)
            call->pause(); // from inside the handler
        bodyBytes += data.size();
    });
    QTRY_VERIFY_WITH_TIMEOUT(call->isPaused(), kWaitMs);
    QTest::qWait(300); // give a broken pause every chance to show
    const int chunks = recorder.chunks;
    const qint64 received = call->bytesReceived();
    QTest::qWait(500);
    QCOMPARE(recorder.chunks, chunks);
    QCOMPARE(call->bytesReceived(), received);
    // At most the read that carried the head plus the one that carried the
    // first body bytes: nothing was read after pause().
    QVERIFY2(received <= 2 * UpstreamCall::kReadChunkBytes, QByteArray::number(received).constData());
    QVERIFY(bodyBytes <= UpstreamCall::kReadChunkBytes);
    QVERIFY2(call->bufferedBytes() <= UpstreamCall::kReadBufferBytes + UpstreamCall::kReadChunkBytes,
             QByteArray::number(call->bufferedBytes()).constData());
    QVERIFY(!recorder.done());
    // The fake's send side is blocked: TCP flow control reached it.
    QVERIFY(fake.lastSocket);
    QVERIFY(fake.lastSocket->bytesToWrite() > 0);

    call->resume();
    QTRY_VERIFY_WITH_TIMEOUT(recorder.done(), 30'000);
    QCOMPARE(recorder.finished, 1);
    QCOMPARE(bodyBytes, fake.bigBodyBytes);
    QCOMPARE(qint64(recorder.body.size()), fake.bigBodyBytes);
    QCOMPARE(pool.stats().idle, 1);
}

void TestUpstreamPool::cancelLeavesNoConnection()
{
    test::FakeUpstream fake;
    fake.behaviour = Behaviour::HeadersThenStall;
    QVERIFY(fake.start());
    UpstreamPool pool;
    UpstreamCall *call = pool.send(requestTo(fake.serverPort()), &pool);
    Recorder recorder(call);
    connect(call, &UpstreamCall::responseHead, this, [call] { call->cancel(); });
    QTRY_COMPARE_WITH_TIMEOUT(recorder.heads, 1, kWaitMs);
    QVERIFY(call->isDone());
    QTRY_COMPARE_WITH_TIMEOUT(fake.open, 0, kWaitMs);
    QCOMPARE(pool.stats().open, 0);
    QCOMPARE(pool.stats().idle, 0);
    QTest::qWait(50);
    QCOMPARE(recorder.finished + recorder.failed, 0);
    QCOMPARE(recorder.chunks, 0); // the body bytes after the head were not delivered

    // Deleting a call mid-flight also closes its connection.
    Recorder other(pool.send(requestTo(fake.serverPort()), &pool));
    QTRY_COMPARE_WITH_TIMEOUT(other.heads, 1, kWaitMs);
    QCOMPARE(fake.open, 1);
    delete other.call;
    QCOMPARE(pool.stats().open, 0);
    QTRY_COMPARE_WITH_TIMEOUT(fake.open, 0, kWaitMs);
}

void TestUpstreamPool::pauseInsideResponseHead()
{
    test::FakeUpstream fake;
    fake.behaviour = Behaviour::Chunked;
    QVERIFY(fake.start());
    UpstreamPool pool;
    UpstreamCall *call = pool.send(requestTo(fake.serverPort()), &pool);
    Recorder recorder(call);
    connect(call, &UpstreamCall::responseHead, this, [call] { call->pause(); });
    QTRY_COMPARE_WITH_TIMEOUT(recorder.heads, 1, kWaitMs);
    QTest::qWait(100);
    QCOMPARE(recorder.chunks, 0);
    QVERIFY(!recorder.done());
    call->resume();
    QTRY_VERIFY_WITH_TIMEOUT(recorder.done(), kWaitMs);
    QCOMPARE(recorder.finished, 1);
    QCOMPARE(recorder.body, QByteArray("hello world"));
    QCOMPARE(pool.stats().idle, 1);
}

void TestUpstreamPool::destroyingThePoolCancelsCalls()
{
    test::FakeUpstream fake;
    fake.behaviour = Behaviour::Silent;
    QVERIFY(fake.start());
    QObject owner; // the calls outlive the pool
    auto pool = std::make_unique<UpstreamPool>();
    UpstreamRequest request = requestTo(fake.serverPort());
    request.origin.maxConnections = 1;
    Recorder active(pool->send(request, &owner));
    Recorder queued(pool->send(request, &owner));
    QTRY_COMPARE_WITH_TIMEOUT(fake.requests.size(), 1, kWaitMs);
    QCOMPARE(pool->stats().queued, 1);
    pool.reset();
    QVERIFY(active.call->isDone());
    QVERIFY(queued.call->isDone());
    QTRY_COMPARE_WITH_TIMEOUT(fake.open, 0, kWaitMs);
    QTest::qWait(50);
    QCOMPARE(fake.accepted, 1); // no connection was opened for the queued call
    QCOMPARE(active.finished + active.failed + queued.finished + queued.failed, 0);
}

void TestUpstreamPool::plainHttpThroughProxy()
{
    test::FakeProxy proxy;
    QVERIFY(proxy.start());
    UpstreamPool pool;
    // Port 9 on loopback is never contacted: the proxy answers.
    UpstreamRequest request = requestTo(9, "GET", QStringLiteral("/path?q=1"));
    request.origin.proxy = QUrl(QStringLiteral("http://user:pw@127.0.0.1:%1").arg(proxy.serverPort()));
    Recorder call(pool.send(request, &pool));
    QTRY_VERIFY_WITH_TIMEOUT(call.done(), kWaitMs);
    QCOMPARE(call.finished, 1);
    QCOMPARE(call.body, QByteArray("via proxy"));
    QCOMPARE(proxy.heads.size(), 1);
    const QByteArray head = proxy.heads.first();
    QVERIFY2(head.startsWith("GET http://127.0.0.1:9/path?q=1 HTTP/1.1\r\n"), head.constData());
    QVERIFY(head.contains("\r\nHost: 127.0.0.1:9\r\n"));
    QVERIFY(head.contains(QByteArray("\r\nProxy-Authorization: Basic " + QByteArray("user:pw").toBase64() + "\r\n")));
}

QTEST_GUILESS_MAIN(TestUpstreamPool)
#include "tst_upstreampool.moc"
