// The admin API's operating side over a real loopback socket: breakers,
// chaos injections on a manual clock, the request log, events and metrics
// through a test observability, and the live SSE streams (events,
// heartbeats, requests). Fixture: AdminApiFixture.h.

#include "AdminApiFixture.h"
#include "admin/AdminServer.h"
#include "admin/RequestFeed.h"
#include "config/ConfigJson.h"
#include "fallback/BreakerRegistry.h"
#include "fallback/ExecutorServices.h"
#include "store/Workspace.h"

#include <QTcpSocket>
#include <QTest>

using namespace understudy;
using namespace understudy::test;
using nlohmann::json;
using understudy::cli::AdminClient;
using understudy::cli::AdminResponse;

class TestAdminObserveApi final : public QObject, private AdminApiFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { start(); }
    void cleanupTestCase() { stop(); }

    void breakersForceAndReset()
    {
        const QByteArray target = "mock-a/m1";
        AdminResponse response = call("POST", "/admin/v1/breakers/" + target + "/open");
        QCOMPARE(response.status, 200);
        QVERIFY(bodyOf(response)["breaker"]["state"] == "open");
        auto breaker = m_engine->services().breakers.find(QString::fromLatin1(target));
        QVERIFY(breaker);
        QCOMPARE(breaker->snapshot().mode, BreakerOverride::ForcedOpen);

        response = call("GET", "/admin/v1/breakers");
        QCOMPARE(response.status, 200);
        const json list = bodyOf(response)["breakers"];
        QCOMPARE(list.size(), size_t(1));
        QVERIFY(list[0]["target"] == "mock-a/m1");
        QVERIFY(list[0]["override"] == breakerOverrideName(BreakerOverride::ForcedOpen).toStdString());

        // Percent-encoded slash reaches the same target.
        QCOMPARE(call("POST", "/admin/v1/breakers/mock-a%2Fm1/close").status, 200);
        QCOMPARE(breaker->snapshot().mode, BreakerOverride::ForcedClosed);
        QCOMPARE(call("POST", "/admin/v1/breakers/" + target + "/reset").status, 200);
        QCOMPARE(breaker->snapshot().mode, BreakerOverride::None);
        QCOMPARE(breaker->snapshot().state, BreakerState::Closed);

        response = call("POST", "/admin/v1/breakers/nobody/m9/open");
        QCOMPARE(response.status, 404);
        QCOMPARE(call("POST", "/admin/v1/breakers/" + target + "/explode").status, 404);
    }

    void chaosStartListExpireStop()
    {
        AdminResponse response = call("POST", "/admin/v1/chaos", "{\"provider\":");
        QCOMPARE(response.status, 400);
        response = call("POST", "/admin/v1/chaos",
                        "{\"provider\":\"nobody\",\"fault\":\"error_status\",\"duration_ms\":1000}");
        QCOMPARE(response.status, 422);
        response =
            call("POST", "/admin/v1/chaos", "{\"provider\":\"mock-a\",\"fault\":\"meteor\",\"duration_ms\":1000}");
        QCOMPARE(response.status, 422);
        QVERIFY(m_chaos->list().empty());

        response = call("POST", "/admin/v1/chaos",
                        "{\"provider\":\"mock-a\",\"model\":\"m1\",\"fault\":\"error_status\",\"status\":503,"
                        "\"duration_ms\":60000,\"note\":\"rehearsal\"}");
        QCOMPARE(response.status, 201);
        const json injection = bodyOf(response)["injection"];
        const quint64 id = injection["id"].get<quint64>();
        QCOMPARE(injection["remaining_ms"].get<qint64>(), qint64(60'000));
        auto fault = m_chaos->active(QStringLiteral("mock-a"), QStringLiteral("m1"));
        QVERIFY(fault);
        QCOMPARE(fault->fault, MockFault::ErrorStatus);
        QCOMPARE(fault->status, 503);

        response = call("GET", "/admin/v1/chaos");
        QCOMPARE(bodyOf(response)["injections"].size(), size_t(1));
        QCOMPARE(call("GET", "/admin/v1/chaos/" + QByteArray::number(id)).status, 200);

        m_clock.advance(60'000); // bounded: it ends by itself
        QVERIFY(!m_chaos->active(QStringLiteral("mock-a"), QStringLiteral("m1")));
        QCOMPARE(bodyOf(call("GET", "/admin/v1/chaos"))["injections"].size(), size_t(0));
        QCOMPARE(call("DELETE", "/admin/v1/chaos/" + QByteArray::number(id)).status, 404);

        response =
            call("POST", "/admin/v1/chaos", "{\"provider\":\"mock-b\",\"fault\":\"no_response\",\"duration_ms\":5000}");
        QCOMPARE(response.status, 201);
        const quint64 second = bodyOf(response)["injection"]["id"].get<quint64>();
        response = call("DELETE", "/admin/v1/chaos/" + QByteArray::number(second));
        QCOMPARE(response.status, 200);
        QVERIFY(bodyOf(response)["stopped"] == true);
        QVERIFY(!m_chaos->active(QStringLiteral("mock-b"), {}));
        QCOMPARE(
            call("POST", "/admin/v1/chaos", "{\"provider\":\"mock-b\",\"fault\":\"no_response\",\"duration_ms\":5000}")
                .status,
            201);
        response = call("DELETE", "/admin/v1/chaos");
        QCOMPARE(bodyOf(response)["stopped"].get<int>(), 1);
        QVERIFY(m_chaos->list().empty());
    }

    void requestLogEventsAndMetrics()
    {
        AdminResponse response = call("GET", "/admin/v1/requests?route=chat&status=503&limit=2&q=abc");
        QCOMPARE(response.status, 200);
        QCOMPARE(bodyOf(response)["items"].size(), size_t(2));
        const auto query = m_observe->requestQuery();
        QVERIFY(query);
        QCOMPARE(query->route, QStringLiteral("chat"));
        QCOMPARE(*query->status, 503);
        QCOMPARE(query->text, QStringLiteral("abc"));

        response = call("GET", "/admin/v1/requests?limit=0");
        QCOMPARE(response.status, 400);
        QCOMPARE(errorCode(response), QStringLiteral("bad_query"));

        QCOMPARE(call("GET", "/admin/v1/requests/r0").status, 200);
        response = call("GET", "/admin/v1/requests/unknown");
        QCOMPARE(response.status, 404);
        QCOMPARE(errorCode(response), QStringLiteral("not_found"));

        response = call("GET", "/admin/v1/events?kind=listener_started");
        QCOMPARE(response.status, 200);
        QVERIFY(bodyOf(response)["next_cursor"] == "c2");
        QCOMPARE(m_observe->eventQuery()->kind, QStringLiteral("listener_started"));

        response = call("GET", "/metrics");
        QCOMPARE(response.status, 200);
        QVERIFY(response.header("content-type").startsWith("text/plain; version=0.0.4"));
        QVERIFY(response.body.contains("understudy_requests_total{route=\"chat\",outcome=\"ok\"} 7"));
        response = call("GET", "/admin/v1/metrics");
        QCOMPARE(response.status, 200);
        QCOMPARE(bodyOf(response)["requests_total"].get<int>(), 7);
    }

    void eventStreamDeliversLiveEvents()
    {
        QCOMPARE(m_observe->subscribers(), 0);
        {
            StreamFollower stream(client(), "/admin/v1/events/stream");
            QVERIFY(stream.waitFor("ready"));
            QCOMPARE(m_observe->subscribers(), 1);
            m_observe->emitEvent({{"kind", "breaker_transition"}, {"target", "mock-a/m1"}, {"to", "open"}});
            QVERIFY(stream.waitFor("breaker_transition"));
            const json event = json::parse(stream.lastData("breaker_transition").toStdString());
            QVERIFY(event["target"] == "mock-a/m1");
            // Admin actions are events too.
            QCOMPARE(call("POST", "/admin/v1/breakers/mock-a/m1/reset").status, 200);
            QVERIFY(stream.waitFor("breaker_forced"));
            stream.stop();
        }
        // The subscription ends with the client.
        QTRY_COMPARE_WITH_TIMEOUT(m_observe->subscribers(), 0, 10'000);
    }

    void streamsSendHeartbeats()
    {
        const QByteArray head =
            "GET /admin/v1/events/stream HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + m_token + "\r\n\r\n";
        const quint16 port = m_admin->port();
        const QByteArray seen = offThread([port, head] {
            QTcpSocket socket;
            socket.connectToHost(QStringLiteral("127.0.0.1"), port);
            socket.waitForConnected(5'000);
            socket.write(head);
            QByteArray got;
            QElapsedTimer timer;
            timer.start();
            while (!timer.hasExpired(5'000) && got.count(": heartbeat") < 2) {
                if (socket.waitForReadyRead(100))
                    got += socket.readAll();
            }
            return got;
        });
        QVERIFY2(seen.startsWith("HTTP/1.1 200"), seen.constData());
        QVERIFY(seen.contains("text/event-stream"));
        QVERIFY2(seen.count(": heartbeat") >= 2, seen.constData());
    }

    void requestStreamFollowsTraffic()
    {
        StreamFollower stream(client(), "/admin/v1/requests/stream");
        QVERIFY(stream.waitFor("ready"));
        QTRY_COMPARE_WITH_TIMEOUT(m_admin->requestFeed()->subscriberCount(), 1, 5'000);
        const quint16 port = m_engine->port(QStringLiteral("default"));
        const QByteArray answer = rawExchange(port, test::chatRequest(port));
        QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
        QVERIFY(stream.waitFor("request"));
        const json line = json::parse(stream.lastData("request").toStdString());
        QVERIFY(line["route"] == "chat");
        QVERIFY(line["status"] == 200);
        QVERIFY(line["outcome"] == "ok");
        QVERIFY(line["path"] == "/v1/chat/completions");
        stream.stop();
        QTRY_COMPARE_WITH_TIMEOUT(m_admin->requestFeed()->subscriberCount(), 0, 10'000);
    }
};

QTEST_GUILESS_MAIN(TestAdminObserveApi)
#include "tst_adminapi_observe.moc"
