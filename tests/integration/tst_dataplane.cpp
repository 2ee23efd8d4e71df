// The data plane end to end in one process: real inbound server, real
// upstream pool, fake upstreams on loopback that misbehave on purpose.

#include "DataPlaneConfig.h"
#include "FakeUpstream.h"
#include "RawClient.h"
#include "engine/Engine.h"
#include "http/HttpExchange.h"

#include <QTest>

#include <memory>

using namespace understudy;
using understudy::test::FakeUpstream;

namespace {

QByteArray post(const QByteArray &path, const QByteArray &body, const QByteArray &extraHeaders = {})
{
    return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: " +
           QByteArray::number(body.size()) + "\r\n" + extraHeaders + "\r\n" + body;
}

} // namespace

class TestDataPlane final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_upstream = std::make_unique<FakeUpstream>();
        QVERIFY(m_upstream->start());
        m_engine = std::make_unique<Engine>();
    }

    void cleanup()
    {
        m_engine.reset();
        m_upstream.reset();
    }

    void forwardsWithIdsAndKeepsUpstreamConnectionsAlive()
    {
        QVERIFY(m_engine->start(std::make_shared<Config>(test::forwardingConfig(m_upstream->serverPort()))).ok());
        const quint16 port = m_engine->port(QStringLiteral("default"));
        QVERIFY(port != 0);

        RawClient client(port);
        client.send(post("/api/things?x=1", R"({"a":1})", "x-request-id: client-abc-123\r\n"));
        auto first = client.next();
        QVERIFY(first);
        QCOMPARE(first->status, 200);
        QCOMPARE(first->body, QByteArray("hello"));
        QCOMPARE(first->header("x-understudy-request-id"), QByteArray("client-abc-123"));
        QVERIFY(first->header("x-understudy-served-by").contains("backend"));
        QCOMPARE(first->header("x-understudy-attempts"), QByteArray("1"));

        client.send(post("/api/things", R"({"a":2})"));
        auto second = client.next();
        QVERIFY(second);
        QCOMPARE(second->status, 200);
        QVERIFY(second->header("x-understudy-request-id").size() >= 16);

        QCOMPARE(m_upstream->requests.size(), 2);
        const QByteArray seen = m_upstream->requests.first();
        QVERIFY2(seen.startsWith("POST /api/things?x=1 HTTP/1.1\r\n"), seen.constData());
        QVERIFY(seen.toLower().contains("x-understudy-request-id: client-abc-123"));
        QVERIFY(seen.endsWith(R"({"a":1})"));
        QCOMPARE(m_upstream->accepted, 1); // the second request reused the pooled connection
    }

    void noRouteIs404InTheErrorShape()
    {
        QVERIFY(m_engine->start(std::make_shared<Config>(test::forwardingConfig(m_upstream->serverPort()))).ok());
        auto response = roundTrip(m_engine->port(QStringLiteral("default")),
                                  "GET /elsewhere HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        QVERIFY(response);
        QCOMPARE(response->status, 404);
        QVERIFY(response->body.contains("\"error\""));
        QVERIFY(response->body.contains(response->header("x-understudy-request-id")));
        QVERIFY(m_upstream->requests.isEmpty());
    }

    void upstreamFaultsBecomeGatewayErrors_data()
    {
        QTest::addColumn<int>("behaviour");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("outcome");
        QTest::newRow("reset before headers")
            << int(FakeUpstream::Behaviour::ResetBeforeHeaders) << 502 << QByteArray("reset_before_response");
        QTest::newRow("silent upstream") << int(FakeUpstream::Behaviour::Silent) << 504
                                         << QByteArray("first_byte_timeout");
        QTest::newRow("garbage status line")
            << int(FakeUpstream::Behaviour::Garbage) << 502 << QByteArray("malformed_response");
    }

    void upstreamFaultsBecomeGatewayErrors()
    {
        QFETCH(int, behaviour);
        QFETCH(int, status);
        QFETCH(QByteArray, outcome);
        m_upstream->behaviour = FakeUpstream::Behaviour(behaviour);
        QVERIFY(
            m_engine->start(std::make_shared<Config>(test::forwardingConfig(m_upstream->serverPort(), 0, 300))).ok());
        RawClient client(m_engine->port(QStringLiteral("default")));
        client.send(post("/api/x", "{}"));
        auto response = client.next();
        QVERIFY(response);
        QCOMPARE(response->status, status);
        QCOMPARE(response->header("x-understudy-fallback"), outcome);
        QVERIFY(response->body.contains("\"request_id\""));
        // Never leak where the upstream lives.
        QVERIFY(!response->body.contains("127.0.0.1"));

        // The gateway stays healthy: the next request succeeds.
        m_upstream->behaviour = FakeUpstream::Behaviour::Normal;
        client.send(post("/api/x", "{}"));
        auto next = client.next();
        QVERIFY(next);
        QCOMPARE(next->status, 200);
    }

    void cutBodiesAreNeverPresentedAsComplete_data()
    {
        QTest::addColumn<int>("behaviour");
        QTest::newRow("chunked body cut") << int(FakeUpstream::Behaviour::CutChunked);
        QTest::newRow("short content-length") << int(FakeUpstream::Behaviour::ShortContentLength);
    }

    void cutBodiesAreNeverPresentedAsComplete()
    {
        QFETCH(int, behaviour);
        m_upstream->behaviour = FakeUpstream::Behaviour(behaviour);
        QVERIFY(m_engine->start(std::make_shared<Config>(test::forwardingConfig(m_upstream->serverPort()))).ok());
        RawClient client(m_engine->port(QStringLiteral("default")));
        client.send(post("/api/x", "{}"));
        // The commit point is the complete body: a cut one never reaches the
        // client, which gets a clean gateway error instead.
        auto response = client.next();
        QVERIFY(response);
        QCOMPARE(response->status, 502);
        QVERIFY2(response->header("x-understudy-fallback").contains("truncated"),
                 response->header("x-understudy-fallback").constData());
        QVERIFY(response->body.contains("\"request_id\""));
    }

    void slowClientDoesNotGrowMemory()
    {
        m_upstream->behaviour = FakeUpstream::Behaviour::BigBody;
        m_upstream->bigBodyBytes = 32LL << 20;
        QVERIFY(m_engine->start(std::make_shared<Config>(test::forwardingConfig(m_upstream->serverPort()))).ok());
        RawClient client(m_engine->port(QStringLiteral("default")), 16 * 1024);
        client.send(post("/api/big", "{}"));
        // The client reads nothing; backpressure must reach the upstream,
        // whose own send buffer then fills up.
        QTRY_VERIFY_WITH_TIMEOUT(m_upstream->lastSocket && m_upstream->lastSocket->bytesToWrite() > (4LL << 20),
                                 20'000);
        // Bound: the commit buffer (chain bufferMaxBytes) plus the
        // connection's write high-water mark, whatever the body size.
        const qint64 bound = ChainPolicy{}.bufferMaxBytes + HttpExchange::kHighWaterBytes + 64 * 1024;
        QVERIFY2(m_engine->stats().maxBufferedBytes < bound,
                 qPrintable(QString::number(m_engine->stats().maxBufferedBytes)));
        // Now drain it all (a big client buffer: the slow part is over):
        // every byte arrives.
        client.socket().setReadBufferSize(0);
        auto response = client.next(false, 120'000);
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        QCOMPARE(response->body.size(), m_upstream->bigBodyBytes);
        QVERIFY(m_engine->stats().maxBufferedBytes < bound);
    }

    void hotSwapUnderLoadLosesNothing()
    {
        FakeUpstream other;
        QVERIFY(other.start());
        m_upstream->respondDelayMs = 30;
        other.respondDelayMs = 30;
        const Config a = test::forwardingConfig(m_upstream->serverPort());
        Config b = test::forwardingConfig(other.serverPort());
        QVERIFY(m_engine->start(std::make_shared<Config>(a)).ok());
        const quint16 port = m_engine->port(QStringLiteral("default"));

        constexpr int kClients = 20;
        constexpr int kRounds = 10;
        std::vector<std::unique_ptr<RawClient>> clients;
        for (int i = 0; i < kClients; ++i)
            clients.push_back(std::make_unique<RawClient>(port));
        int ok = 0;
        for (int round = 0; round < kRounds; ++round) {
            for (auto &c : clients)
                c->send(post("/api/load", "{}"));
            // Swap while every client has a request in flight.
            QVERIFY(m_engine->apply(std::make_shared<Config>(round % 2 ? a : b)).ok());
            QCOMPARE(m_engine->port(QStringLiteral("default")), port); // listener kept open
            for (auto &c : clients) {
                auto r = c->next();
                QVERIFY(r);
                QCOMPARE(r->status, 200);
                ++ok;
            }
        }
        QCOMPARE(ok, kClients * kRounds);
        QCOMPARE(m_upstream->requests.size() + other.requests.size(), kClients * kRounds);
        QVERIFY(other.requests.size() > 0); // the swap took effect
    }

    void invalidApplyChangesNothing()
    {
        QVERIFY(m_engine->start(std::make_shared<Config>(test::forwardingConfig(m_upstream->serverPort()))).ok());
        const quint64 generation = m_engine->generation();
        Config broken = test::forwardingConfig(m_upstream->serverPort());
        broken.routes.front().chain = QStringLiteral("missing");
        auto applied = m_engine->apply(std::make_shared<Config>(broken));
        QVERIFY(!applied.ok());
        QCOMPARE(applied.error().code, QStringLiteral("invalid_config"));
        QCOMPARE(m_engine->generation(), generation);
        auto response =
            roundTrip(m_engine->port(QStringLiteral("default")), post("/api/still", "{}", "Connection: close\r\n"));
        QVERIFY(response);
        QCOMPARE(response->status, 200);
    }

    void thousandConcurrentConnections()
    {
        QVERIFY(m_engine->start(std::make_shared<Config>(test::forwardingConfig(m_upstream->serverPort()))).ok());
        const quint16 port = m_engine->port(QStringLiteral("default"));
        constexpr int kConnections = 1000;
        std::vector<std::unique_ptr<RawClient>> clients;
        clients.reserve(kConnections);
        for (int i = 0; i < kConnections; ++i) {
            clients.push_back(std::make_unique<RawClient>(port));
            clients.back()->send(post("/api/c/" + QByteArray::number(i), "{}"));
        }
        int ok = 0;
        for (auto &c : clients) {
            auto r = c->next(false, 30'000);
            if (r && r->status == 200 && r->body == "hello")
                ++ok;
        }
        QCOMPARE(ok, kConnections);
    }

private:
    std::unique_ptr<FakeUpstream> m_upstream;
    std::unique_ptr<Engine> m_engine;
};

QTEST_GUILESS_MAIN(TestDataPlane)
#include "tst_dataplane.moc"
