// Every admin API endpoint over a real loopback socket, against a running
// engine on mock providers and a real SQLite workspace: authentication,
// config validate/apply (nothing applied when invalid), revisions, breakers,
// chaos, the request log/events/metrics through a test observability, and
// the live SSE streams. The client is the CLI's own AdminClient, run off
// the test thread (the engine lives on this thread and must keep running).

#include "AdminClient.h"
#include "AdminTestConfig.h"
#include "FakeObservability.h"
#include "admin/AdminServer.h"
#include "admin/RequestFeed.h"
#include "config/ConfigJson.h"
#include "engine/Engine.h"
#include "fallback/BreakerRegistry.h"
#include "fallback/ChaosRegistry.h"
#include "fallback/Clock.h"
#include "fallback/ExecutorServices.h"
#include "store/Workspace.h"

#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <mutex>
#include <thread>

using namespace understudy;
using nlohmann::json;
using understudy::cli::AdminClient;
using understudy::cli::AdminResponse;

namespace {

// Runs `work` on a thread of its own while this thread's loop keeps going.
template<typename Work> auto offThread(Work work) -> decltype(work())
{
    std::optional<decltype(work())> result;
    QThread *thread = QThread::create([&] { result.emplace(work()); });
    thread->start();
    (void)QTest::qWaitFor([&] { return thread->isFinished(); }, 60'000);
    thread->wait();
    delete thread;
    return std::move(*result);
}

// Sends raw bytes and reads until the server closes (or 10 s pass).
QByteArray rawExchange(quint16 port, const QByteArray &bytes)
{
    return offThread([port, bytes] {
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), port);
        if (!socket.waitForConnected(5'000))
            return QByteArray();
        socket.write(bytes);
        QByteArray answer;
        QElapsedTimer timer;
        timer.start();
        while (!timer.hasExpired(10'000) && socket.state() == QAbstractSocket::ConnectedState) {
            if (socket.waitForReadyRead(200))
                answer += socket.readAll();
        }
        answer += socket.readAll();
        return answer;
    });
}

json bodyOf(const AdminResponse &response)
{
    return json::parse(response.body.toStdString(), nullptr, false);
}

QString errorCode(const AdminResponse &response)
{
    const json body = bodyOf(response);
    if (!body.is_object() || !body.contains("error"))
        return {};
    return QString::fromStdString(body["error"].value("code", std::string()));
}

// A live SSE stream followed on its own thread.
class StreamFollower final
{
public:
    StreamFollower(AdminClient client, QByteArray path) : m_client(std::move(client)), m_path(std::move(path))
    {
        m_thread = QThread::create([this] {
            auto result = m_client.stream(
                m_path,
                [this](const QByteArray &event, const QByteArray &data) {
                    std::lock_guard lock(m_mutex);
                    m_events.emplace_back(event, data);
                    return true;
                },
                [this] { return m_stop.load(); }, 10'000);
            std::lock_guard lock(m_mutex);
            m_error = result ? QString() : result.error().code;
        });
        m_thread->start();
    }
    ~StreamFollower()
    {
        m_stop = true;
        m_thread->wait();
        delete m_thread;
    }
    Q_DISABLE_COPY_MOVE(StreamFollower)

    bool waitFor(const QByteArray &event, int count = 1)
    {
        return QTest::qWaitFor([&] { return this->count(event) >= count; }, 10'000);
    }
    int count(const QByteArray &event)
    {
        std::lock_guard lock(m_mutex);
        return int(std::count_if(m_events.begin(), m_events.end(), [&](const auto &e) { return e.first == event; }));
    }
    QByteArray lastData(const QByteArray &event)
    {
        std::lock_guard lock(m_mutex);
        for (auto it = m_events.rbegin(); it != m_events.rend(); ++it) {
            if (it->first == event)
                return it->second;
        }
        return {};
    }
    void stop()
    {
        m_stop = true;
        (void)QTest::qWaitFor([&] { return m_thread->isFinished(); }, 10'000);
    }

private:
    AdminClient m_client;
    QByteArray m_path;
    QThread *m_thread = nullptr;
    std::atomic<bool> m_stop{false};
    std::mutex m_mutex;
    std::vector<std::pair<QByteArray, QByteArray>> m_events;
    QString m_error;
};

} // namespace

class TestAdminApi final : public QObject
{
    Q_OBJECT

private:
    AdminClient client(const QByteArray &token = {})
    {
        return *AdminClient::create(QStringLiteral("http://127.0.0.1:%1").arg(m_admin->port()),
                                    token.isEmpty() ? m_token : token, 10'000);
    }

    AdminResponse call(QByteArrayView method, const QByteArray &path, const QByteArray &body = {})
    {
        AdminClient c = client();
        const QByteArray m = method.toByteArray();
        auto response = offThread([&] { return c.request(m, path, body); });
        if (!response)
            qWarning() << "admin call failed:" << response.error().message;
        return response ? *response : AdminResponse{};
    }

    int revisionCount()
    {
        auto ws = Workspace::open(m_workspacePath);
        return ws ? int((*ws)->revisions()->size()) : -1;
    }

    QByteArray configDocument(const Config &config) { return configToJson(config); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_workspacePath = m_dir.filePath(QStringLiteral("admin.understudy"));
        m_initial = test::adminTestConfig();
        QVERIFY(Workspace::create(m_workspacePath, m_initial, QStringLiteral("test"), QStringLiteral("initial")));

        m_engine = std::make_unique<Engine>();
        AdminServerOptions options;
        options.port = 0;
        options.token = m_token;
        options.workspacePath = m_workspacePath;
        options.heartbeatMs = 100;
        m_admin = std::make_unique<AdminServer>(*m_engine, options);
        m_observe = std::make_shared<test::FakeObservability>();
        m_chaos = std::make_shared<ChaosRegistry>(m_clock);
        m_admin->setObservability(m_observe);
        m_admin->setChaos(m_chaos);
        RequestFeed::chainInto(m_engine->services(), m_admin->requestFeed());
        QVERIFY(m_engine->start(std::make_shared<const Config>(m_initial)));
        auto started = m_admin->start();
        QVERIFY2(started, started ? "" : qPrintable(started.error().message));
        QVERIFY(m_admin->port() != 0);
        QCOMPARE(m_admin->url(), QStringLiteral("http://127.0.0.1:%1").arg(m_admin->port()));
    }

    void cleanupTestCase()
    {
        m_admin.reset();
        m_engine.reset();
    }

    void rejectsMissingAndWrongTokens_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("path");
        QTest::newRow("health") << QByteArray("GET") << QByteArray("/admin/v1/health");
        QTest::newRow("config") << QByteArray("GET") << QByteArray("/admin/v1/config");
        QTest::newRow("apply") << QByteArray("PUT") << QByteArray("/admin/v1/config");
        QTest::newRow("revisions") << QByteArray("GET") << QByteArray("/admin/v1/revisions");
        QTest::newRow("breaker open") << QByteArray("POST") << QByteArray("/admin/v1/breakers/mock-a/m1/open");
        QTest::newRow("chaos") << QByteArray("POST") << QByteArray("/admin/v1/chaos");
        QTest::newRow("requests") << QByteArray("GET") << QByteArray("/admin/v1/requests");
        QTest::newRow("events stream") << QByteArray("GET") << QByteArray("/admin/v1/events/stream");
        QTest::newRow("metrics") << QByteArray("GET") << QByteArray("/metrics");
        QTest::newRow("unknown path") << QByteArray("GET") << QByteArray("/admin/v1/nope");
    }

    void rejectsMissingAndWrongTokens()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, path);
        const QByteArray missing = rawExchange(m_admin->port(), method + ' ' + path +
                                                                    " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                                                                    "Content-Length: 0\r\n\r\n");
        QVERIFY2(missing.startsWith("HTTP/1.1 401"), missing.constData());
        QVERIFY(missing.contains("WWW-Authenticate: Bearer"));
        QVERIFY(missing.contains("{\"error\":{\"code\":\"unauthorized\""));

        AdminClient wrong = client("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeX");
        auto response = offThread([&] { return wrong.request(method, path); });
        QVERIFY(response);
        QCOMPARE(response->status, 401);
        QCOMPARE(errorCode(*response), QStringLiteral("unauthorized"));
        // Nothing happened behind the refusal.
        QVERIFY(m_engine->services().breakers.snapshot().empty() || path != "/admin/v1/breakers/mock-a/m1/open");
        QVERIFY(m_chaos->list().empty());
    }

    void healthDescribesTheEngine()
    {
        const AdminResponse response = call("GET", "/admin/v1/health");
        QCOMPARE(response.status, 200);
        const json health = bodyOf(response);
        QVERIFY(health["status"] == "ok");
        QCOMPARE(health["generation"].get<quint64>(), m_engine->generation());
        QCOMPARE(health["listeners"].size(), size_t(1));
        QCOMPARE(health["listeners"][0]["port"].get<int>(), int(m_engine->port(QStringLiteral("default"))));
        QCOMPARE(health["workspace"].get<std::string>(), m_workspacePath.toStdString());
        QVERIFY(health["observability"] == true);
    }

    void unknownPathsAndMethods()
    {
        AdminResponse response = call("GET", "/admin/v1/nothing/here");
        QCOMPARE(response.status, 404);
        QCOMPARE(errorCode(response), QStringLiteral("not_found"));
        response = call("DELETE", "/admin/v1/health");
        QCOMPARE(response.status, 405);
        QCOMPARE(response.header("allow"), QByteArray("GET"));
        QCOMPARE(errorCode(response), QStringLiteral("method_not_allowed"));
        response = call("GET", "/admin/v1/breakers/mock-a/m1/open");
        QCOMPARE(response.status, 405);
        response = call("POST", "/admin/v1/revisions");
        QCOMPARE(response.status, 405);
    }

    void getConfigRoundTrips()
    {
        const AdminResponse response = call("GET", "/admin/v1/config");
        QCOMPARE(response.status, 200);
        auto config = configFromJson(response.body);
        QVERIFY(config);
        QCOMPARE(*config, *m_engine->config());
    }

    void validateReportsIssues()
    {
        AdminResponse response = call("POST", "/admin/v1/config/validate", configDocument(m_initial));
        QCOMPARE(response.status, 200);
        QVERIFY(bodyOf(response)["valid"] == true);

        response = call("POST", "/admin/v1/config/validate", "{\"understudy_config\": 1,");
        QCOMPARE(response.status, 400);
        QCOMPARE(errorCode(response), QStringLiteral("bad_json"));

        Config broken = m_initial;
        broken.routes.front().chain = QStringLiteral("missing");
        response = call("POST", "/admin/v1/config/validate", configDocument(broken));
        QCOMPARE(response.status, 422);
        QCOMPARE(errorCode(response), QStringLiteral("invalid_config"));
        const json issues = bodyOf(response)["error"]["details"]["issues"];
        QVERIFY(!issues.empty());
        QVERIFY(QString::fromStdString(issues.dump()).contains(QStringLiteral("routes")));
    }

    void invalidConfigsApplyNothing_data()
    {
        QTest::addColumn<QByteArray>("document");
        QTest::addColumn<int>("status");
        Config broken = test::adminTestConfig();
        broken.routes.front().chain = QStringLiteral("missing");
        QTest::newRow("validation error") << configToJson(broken) << 422;
        QTest::newRow("wrong type") << QByteArray("{\"understudy_config\": 1, \"routes\": 7}") << 422;
        QTest::newRow("not json") << QByteArray("routes: []") << 400;
        QTest::newRow("empty body") << QByteArray() << 400;
    }

    void invalidConfigsApplyNothing()
    {
        QFETCH(QByteArray, document);
        QFETCH(int, status);
        const quint64 generation = m_engine->generation();
        const ConfigSnapshot before = m_engine->config();
        const int revisions = revisionCount();
        const AdminResponse response = call("PUT", "/admin/v1/config", document);
        QCOMPARE(response.status, status);
        QCOMPARE(errorCode(response), status == 400 ? QStringLiteral("bad_json") : QStringLiteral("invalid_config"));
        QCOMPARE(m_engine->generation(), generation);
        QCOMPARE(*m_engine->config(), *before);
        QCOMPARE(revisionCount(), revisions);
    }

    void applyCreatesRevisionAndChangesEngine()
    {
        const quint64 generation = m_engine->generation();
        const int revisions = revisionCount();
        Config next = m_initial;
        next.providers.front().mock.answer = QStringLiteral("applied answer");
        const AdminResponse response =
            call("PUT", "/admin/v1/config?summary=new%20answer&author=ops", configDocument(next));
        QCOMPARE(response.status, 200);
        const json body = bodyOf(response);
        QVERIFY(body["applied"] == true);
        QCOMPARE(body["generation"].get<quint64>(), generation + 1);
        QVERIFY(body["revision"]["summary"] == "new answer");
        QVERIFY(body["revision"]["author"] == "ops");
        QVERIFY(body["changes"]["lines_added"].get<int>() >= 1);
        QCOMPARE(m_engine->generation(), generation + 1);
        QCOMPARE(m_engine->config()->providers.front().mock.answer, QStringLiteral("applied answer"));
        QCOMPARE(revisionCount(), revisions + 1);
        QVERIFY(m_observe->recordedKinds().contains(QStringLiteral("config_applied")));
        // POST is accepted as well as PUT.
        QCOMPARE(call("POST", "/admin/v1/config", configDocument(next)).status, 200);
        QCOMPARE(revisionCount(), revisions + 2);
    }

    void revisionsListGetDiffRestore()
    {
        AdminResponse response = call("GET", "/admin/v1/revisions");
        QCOMPARE(response.status, 200);
        const json list = bodyOf(response)["revisions"];
        QVERIFY(list.size() >= 2);
        const qint64 newest = list[0]["id"].get<qint64>();
        QCOMPARE(list.back()["id"].get<qint64>(), qint64(1));

        response = call("GET", "/admin/v1/revisions/1");
        QCOMPARE(response.status, 200);
        auto first = configFromJson(QByteArray::fromStdString(bodyOf(response)["config"].dump()));
        QVERIFY(first);
        QCOMPARE(*first, m_initial);

        response = call("GET", "/admin/v1/revisions/1/diff/" + QByteArray::number(newest));
        QCOMPARE(response.status, 200);
        QVERIFY(bodyOf(response)["diff"].get<std::string>().find("applied answer") != std::string::npos);

        QCOMPARE(call("GET", "/admin/v1/revisions/999").status, 404);
        QCOMPARE(call("GET", "/admin/v1/revisions/abc").status, 400);
        QCOMPARE(call("POST", "/admin/v1/revisions/999/restore").status, 404);

        const quint64 generation = m_engine->generation();
        response = call("POST", "/admin/v1/revisions/1/restore");
        QCOMPARE(response.status, 200);
        const json restored = bodyOf(response);
        QCOMPARE(restored["restored_from"].get<qint64>(), qint64(1));
        QCOMPARE(restored["revision"]["id"].get<qint64>(), newest + 1);
        QCOMPARE(m_engine->generation(), generation + 1);
        QCOMPARE(*m_engine->config(), m_initial);
    }

    void concurrentChangeIsRefused()
    {
        // The first apply waits for the engine's thread (this one, blocked
        // in join()), so the second arrives while it is in flight. Both
        // connections are accepted first: accepting needs this thread too.
        Config next = m_initial;
        next.providers.front().mock.answer = QStringLiteral("first of two");
        const QByteArray document = configToJson(next);
        const QByteArray put = "PUT /admin/v1/config HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + m_token +
                               "\r\nContent-Length: " + QByteArray::number(document.size()) + "\r\n\r\n" + document;
        const quint16 port = m_admin->port();
        std::atomic<bool> connected{false};
        std::atomic<bool> go{false};
        QByteArray secondAnswer;
        std::thread racer([&] {
            QTcpSocket first;
            QTcpSocket second;
            first.connectToHost(QStringLiteral("127.0.0.1"), port);
            second.connectToHost(QStringLiteral("127.0.0.1"), port);
            first.waitForConnected(5'000);
            second.waitForConnected(5'000);
            connected = true;
            while (!go)
                QThread::msleep(5);
            first.write(put);
            first.waitForBytesWritten(5'000);
            QThread::msleep(300); // the worker takes it and hands it to the engine's thread
            second.write(put);
            second.waitForBytesWritten(5'000);
            while (!secondAnswer.contains("\r\n\r\n{") && second.waitForReadyRead(5'000))
                secondAnswer += second.readAll();
            QThread::msleep(50);
            secondAnswer += second.readAll();
        });
        QVERIFY(QTest::qWaitFor([&] { return connected.load(); }, 10'000));
        QTest::qWait(300); // let the admin server accept both
        go = true;
        racer.join();
        QVERIFY2(secondAnswer.startsWith("HTTP/1.1 409"), secondAnswer.constData());
        QVERIFY(secondAnswer.contains("\"change_in_progress\""));
        // The first one completes once this thread runs its loop again.
        QTRY_COMPARE_WITH_TIMEOUT(m_engine->config()->providers.front().mock.answer, QStringLiteral("first of two"),
                                  10'000);
    }

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

    void withoutObservabilityOrWorkspace()
    {
        AdminServerOptions options;
        options.port = 0;
        options.token = m_token;
        AdminServer bare(*m_engine, options);
        QVERIFY(bare.start());
        AdminClient c = *AdminClient::create(bare.url(), m_token, 10'000);
        for (const char *path : {"/metrics", "/admin/v1/metrics", "/admin/v1/requests", "/admin/v1/requests/r0",
                                 "/admin/v1/events", "/admin/v1/events/stream", "/admin/v1/chaos"}) {
            auto response = offThread([&] { return c.request("GET", path); });
            QVERIFY(response);
            QCOMPARE(response->status, 503);
            QCOMPARE(errorCode(*response), QStringLiteral("unavailable"));
        }
        auto response = offThread([&] { return c.request("GET", "/admin/v1/revisions"); });
        QCOMPARE(response->status, 404);
        QCOMPARE(errorCode(*response), QStringLiteral("no_workspace"));
        // Apply still works, without a revision.
        Config next = *m_engine->config();
        next.providers.back().mock.answer = QStringLiteral("no workspace");
        response = offThread([&] { return c.request("PUT", "/admin/v1/config", configToJson(next)); });
        QCOMPARE(response->status, 200);
        QVERIFY(bodyOf(*response)["revision"].is_null());
        QCOMPARE(m_engine->config()->providers.back().mock.answer, QStringLiteral("no workspace"));
    }

    void refusesPublicAddressWithoutTls()
    {
        AdminServerOptions options;
        options.address = QStringLiteral("0.0.0.0");
        options.port = 0;
        options.token = m_token;
        AdminServer exposed(*m_engine, options);
        auto started = exposed.start();
        QVERIFY(!started);
        QCOMPARE(started.error().code, QStringLiteral("insecure_admin"));
        QVERIFY(!exposed.isListening());

        options.address = QStringLiteral("::1");
        QVERIFY(checkAdminExposure(options));
        options.address = QStringLiteral("192.0.2.10");
        QCOMPARE(checkAdminExposure(options).error().code, QStringLiteral("insecure_admin"));
        options.allowInsecurePublic = true;
        QVERIFY(checkAdminExposure(options));
        options.allowInsecurePublic = false;
        options.tls = true;
        QVERIFY(checkAdminExposure(options));
        options.token.clear();
        QVERIFY(!checkAdminExposure(options));
    }

private:
    QTemporaryDir m_dir;
    QString m_workspacePath;
    Config m_initial;
    QByteArray m_token = "5f1c0d2e9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d";
    ManualClock m_clock;
    std::shared_ptr<ChaosRegistry> m_chaos;
    std::shared_ptr<test::FakeObservability> m_observe;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<AdminServer> m_admin;
};

QTEST_GUILESS_MAIN(TestAdminApi)
#include "tst_adminapi.moc"
