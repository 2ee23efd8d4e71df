// The admin API's configuration side over a real loopback socket, against
// a running engine on mock providers and a real SQLite workspace:
// authentication, health, config validate/apply (nothing applied when
// invalid), revisions, concurrent changes, and the server's own options
// (no workspace or observability, public addresses). The client is the
// CLI's own AdminClient, run off the test thread (the engine lives on this
// thread and must keep running). Fixture: AdminApiFixture.h.

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

class TestAdminConfigApi final : public QObject, private AdminApiFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { start(); }
    void cleanupTestCase() { stop(); }

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
        AdminResponse response = call("POST", "/admin/v1/config/validate", configToJson(m_initial));
        QCOMPARE(response.status, 200);
        QVERIFY(bodyOf(response)["valid"] == true);

        response = call("POST", "/admin/v1/config/validate", "{\"understudy_config\": 1,");
        QCOMPARE(response.status, 400);
        QCOMPARE(errorCode(response), QStringLiteral("bad_json"));

        Config broken = m_initial;
        broken.routes.front().chain = QStringLiteral("missing");
        response = call("POST", "/admin/v1/config/validate", configToJson(broken));
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
            call("PUT", "/admin/v1/config?summary=new%20answer&author=ops", configToJson(next));
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
        QCOMPARE(call("POST", "/admin/v1/config", configToJson(next)).status, 200);
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
};

QTEST_GUILESS_MAIN(TestAdminConfigApi)
#include "tst_adminapi_config.moc"
