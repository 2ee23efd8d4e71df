// HTTP/1.1 framing of the inbound server: keep-alive, pipelining, chunked
// bodies, 100-continue, HEAD, Connection: close, HTTP/1.0, error shape.

#include "RawClient.h"
#include "TestHandler.h"

#include "http/HttpServer.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace understudy;

class TestHttpServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void keepAliveServesTwoRequests();
    void pipelinedRequestsAnsweredInOrder();
    void chunkedRequestBody();
    void expectContinue();
    void headHasNoBody();
    void connectionCloseCloses();
    void http10RequestWorksAndCloses();
    void chunkedStreamingResponse();
    void http10StreamIsCloseDelimited();
    void errorsUseJsonShapeWithRequestId();
    void saneClientRequestIdIsKept();
    void insaneClientRequestIdIsReplaced();

private:
    std::unique_ptr<HttpServer> m_server;
    quint16 m_port = 0;
};

void TestHttpServer::init()
{
    ServerLimits limits;
    limits.workers = 2;
    m_server = std::make_unique<HttpServer>(limits, [] { return std::make_unique<TestHandler>(); });
    Listener listener;
    listener.name = QStringLiteral("main");
    listener.port = 0;
    const auto result = m_server->listen({listener});
    QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(result.error().message));
    m_port = m_server->serverPort(QStringLiteral("main"));
    QVERIFY(m_port != 0);
}

void TestHttpServer::cleanup()
{
    m_server.reset();
}

void TestHttpServer::keepAliveServesTwoRequests()
{
    RawClient client(m_port);
    QVERIFY(client.isConnected());
    client.send("POST /echo?a=1 HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nfirst");
    auto first = client.next();
    QVERIFY(first);
    QCOMPARE(first->status, 200);
    QCOMPARE(first->body, QByteArray("first"));
    QCOMPARE(first->header("x-method"), QByteArray("POST"));
    QCOMPARE(first->header("x-path"), QByteArray("/echo"));
    QCOMPARE(first->header("x-query"), QByteArray("a=1"));
    QVERIFY(!first->hasHeader("connection"));

    client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 6\r\n\r\nsecond");
    auto second = client.next();
    QVERIFY(second);
    QCOMPARE(second->body, QByteArray("second"));
    QVERIFY(client.isConnected());
    QCOMPARE(m_server->stats().requestsServed, 2);
}

void TestHttpServer::pipelinedRequestsAnsweredInOrder()
{
    RawClient client(m_port);
    // The first answer is the slowest; order must still be request order.
    client.send("GET /slow?ms=300 HTTP/1.1\r\nHost: t\r\n\r\n"
                "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\ntwo"
                "GET /echo?third HTTP/1.1\r\nHost: t\r\n\r\n");
    auto a = client.next();
    auto b = client.next();
    auto c = client.next();
    QVERIFY(a && b && c);
    QCOMPARE(a->header("x-path"), QByteArray("/slow"));
    QCOMPARE(b->body, QByteArray("two"));
    QCOMPARE(c->header("x-query"), QByteArray("third"));
    QVERIFY(client.isConnected());
}

void TestHttpServer::chunkedRequestBody()
{
    auto response = roundTrip(m_port, "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                                      "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n");
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->body, QByteArray("hello world"));
}

void TestHttpServer::expectContinue()
{
    RawClient client(m_port);
    client.send("POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
    auto interim = client.next();
    QVERIFY(interim);
    QCOMPARE(interim->status, 100);
    client.send("body");
    auto final = client.next();
    QVERIFY(final);
    QCOMPARE(final->status, 200);
    QCOMPARE(final->body, QByteArray("body"));
}

void TestHttpServer::headHasNoBody()
{
    RawClient client(m_port);
    // If HEAD leaked a body, it would be read as the start of the next response.
    client.send("HEAD /stream?kib=4&len=1 HTTP/1.1\r\nHost: t\r\n\r\nGET /echo?after HTTP/1.1\r\nHost: t\r\n\r\n");
    auto head = client.next(true);
    QVERIFY(head);
    QCOMPARE(head->status, 200);
    QCOMPARE(head->header("content-length"), QByteArray("4096"));
    auto after = client.next();
    QVERIFY(after);
    QCOMPARE(after->status, 200);
    QCOMPARE(after->header("x-query"), QByteArray("after"));
}

void TestHttpServer::connectionCloseCloses()
{
    RawClient client(m_port);
    client.send("GET /echo HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
    auto response = client.next();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->header("connection"), QByteArray("close"));
    QVERIFY(client.waitClosed());
}

void TestHttpServer::http10RequestWorksAndCloses()
{
    RawClient client(m_port);
    client.send("POST /echo HTTP/1.0\r\nContent-Length: 2\r\n\r\nok");
    auto response = client.next();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->body, QByteArray("ok"));
    QCOMPARE(response->header("x-version"), QByteArray("1.0"));
    QVERIFY(client.waitClosed());
}

void TestHttpServer::chunkedStreamingResponse()
{
    auto response = roundTrip(m_port, "GET /stream?kib=1024 HTTP/1.1\r\nHost: t\r\n\r\n");
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QVERIFY(response->chunked);
    QCOMPARE(response->body.size(), 1024 * 1024);
}

void TestHttpServer::http10StreamIsCloseDelimited()
{
    RawClient client(m_port);
    client.send("GET /stream?kib=256 HTTP/1.0\r\n\r\n");
    auto response = client.next();
    QVERIFY(response);
    QVERIFY(!response->chunked);
    QVERIFY(!response->hasHeader("content-length"));
    QCOMPARE(response->body.size(), 256 * 1024);
}

void TestHttpServer::errorsUseJsonShapeWithRequestId()
{
    auto response = roundTrip(m_port, "GET /nowhere HTTP/1.1\r\nHost: t\r\n\r\n");
    QVERIFY(response);
    QCOMPARE(response->status, 404);
    const QByteArray id = response->header("x-understudy-request-id");
    QCOMPARE(id.size(), 32);
    const QJsonObject error =
        QJsonDocument::fromJson(response->body).object().value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("type")).toString(), QStringLiteral("not_found"));
    QVERIFY(!error.value(QStringLiteral("message")).toString().isEmpty());
    QCOMPARE(error.value(QStringLiteral("request_id")).toString().toLatin1(), id);
}

void TestHttpServer::saneClientRequestIdIsKept()
{
    auto response = roundTrip(m_port, "GET /echo HTTP/1.1\r\nHost: t\r\nX-Request-Id: abc-123_x.y:z\r\n\r\n");
    QVERIFY(response);
    QCOMPARE(response->header("x-understudy-request-id"), QByteArray("abc-123_x.y:z"));
}

void TestHttpServer::insaneClientRequestIdIsReplaced()
{
    const QByteArray tooLong(129, 'a');
    for (const QByteArray &offered : {QByteArray("has space"), QByteArray("semi;colon"), tooLong}) {
        auto response = roundTrip(m_port, "GET /echo HTTP/1.1\r\nHost: t\r\nX-Request-Id: " + offered + "\r\n\r\n");
        QVERIFY(response);
        const QByteArray id = response->header("x-understudy-request-id");
        QVERIFY(id != offered);
        QCOMPARE(id.size(), 32);
    }
}

QTEST_GUILESS_MAIN(TestHttpServer)
#include "tst_httpserver.moc"
