// The built `understudy-gateway` end to end: `serve` on a workspace with its
// admin listener, then `admin-token`, `status`, `apply`, `breakers` and
// `tail` as separate processes talking to it over the admin API.

#include "AdminTestConfig.h"
#include "config/ConfigJson.h"
#include "observe/RequestLogQuery.h"
#include "store/Workspace.h"

#include <nlohmann/json.hpp>

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

// Compares JSON values as their compact text (QCOMPARE cannot take json).
#define JSON_COMPARE(actual, expected)                                                                                 \
    QCOMPARE(QString::fromStdString(nlohmann::json(actual).dump()),                                                    \
             QString::fromStdString(nlohmann::json(expected).dump()))

using namespace understudy;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

} // namespace

class TestAdminCli final : public QObject
{
    Q_OBJECT

private:
    Run run(const QStringList &arguments, const QByteArray &token = {})
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("UNDERSTUDY_ADMIN_TOKEN"));
        env.remove(QStringLiteral("UNDERSTUDY_ADMIN_URL"));
        if (!token.isEmpty())
            env.insert(QStringLiteral("UNDERSTUDY_ADMIN_TOKEN"), QString::fromLatin1(token));
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(UNDERSTUDY_GATEWAY_BIN), arguments);
        Run result;
        if (!process.waitForFinished(30'000)) {
            process.kill();
            process.waitForFinished();
            return result;
        }
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        result.out = process.readAllStandardOutput();
        result.err = process.readAllStandardError();
        return result;
    }

    QStringList admin(const QString &command, const QStringList &more = {}) const
    {
        return QStringList{command, QStringLiteral("--url"), m_url} + more;
    }

    quint16 waitForPort(const QString &pattern)
    {
        const QRegularExpression re(pattern);
        QRegularExpressionMatch match;
        (void)QTest::qWaitFor(
            [&] {
                m_log += m_serve.readAllStandardError();
                match = re.match(QString::fromUtf8(m_log));
                return match.hasMatch() || m_serve.state() == QProcess::NotRunning;
            },
            20'000);
        return match.hasMatch() ? quint16(match.captured(1).toUInt()) : 0;
    }

    QByteArray chat(quint16 port)
    {
        ++m_chats;
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), port);
        if (!socket.waitForConnected(5'000))
            return {};
        socket.write(test::chatRequest(port));
        QByteArray answer;
        while (socket.waitForReadyRead(5'000))
            answer += socket.readAll();
        return answer;
    }

    // One authenticated GET on an admin listener: (status, body).
    static QPair<int, QByteArray> adminGet(quint16 port, const QByteArray &token, const QByteArray &path)
    {
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), port);
        if (!socket.waitForConnected(5'000))
            return {0, {}};
        socket.write("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token +
                     "\r\nConnection: close\r\n\r\n");
        QByteArray answer;
        while (socket.waitForReadyRead(5'000))
            answer += socket.readAll();
        const qsizetype split = answer.indexOf("\r\n\r\n");
        if (!answer.startsWith("HTTP/1.1 ") || split < 0)
            return {0, answer};
        QByteArray body = answer.mid(split + 4);
        if (answer.left(split).toLower().contains("transfer-encoding: chunked")) {
            QByteArray plain;
            qsizetype at = 0;
            for (;;) {
                const qsizetype eol = body.indexOf("\r\n", at);
                bool ok = false;
                const qsizetype size = eol < 0 ? 0 : body.mid(at, eol - at).toLongLong(&ok, 16);
                if (!ok || size == 0)
                    break;
                plain += body.mid(eol + 2, size);
                at = eol + 2 + size + 2;
            }
            body = plain;
        }
        return {answer.mid(9, 3).toInt(), body};
    }

    static QByteArray requestIdOf(const QByteArray &answer)
    {
        static const QRegularExpression re(QStringLiteral("(?i)x-understudy-request-id: *([^\\r\\n]+)"));
        const QRegularExpressionMatch m = re.match(QString::fromLatin1(answer));
        return m.hasMatch() ? m.captured(1).trimmed().toLatin1() : QByteArray();
    }

    static double sampleValue(const QByteArray &text, const QByteArray &series)
    {
        for (const QByteArray &line : text.split('\n'))
            if (line.startsWith(QByteArray(series + ' ')))
                return line.mid(series.size() + 1).toDouble();
        return -1;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_workspace = m_dir.filePath(QStringLiteral("gateway.understudy"));
        QVERIFY(
            Workspace::create(m_workspace, test::adminTestConfig(), QStringLiteral("test"), QStringLiteral("initial")));
        m_serve.start(QStringLiteral(UNDERSTUDY_GATEWAY_BIN),
                      {QStringLiteral("serve"), QStringLiteral("--workspace"), m_workspace, QStringLiteral("--listen"),
                       QStringLiteral("127.0.0.1:0"), QStringLiteral("--admin-listen"), QStringLiteral("127.0.0.1:0")});
        QVERIFY(m_serve.waitForStarted());
        m_dataPort = waitForPort(QStringLiteral("\"address\":\"127\\.0\\.0\\.1:(\\d+)\""));
        QVERIFY2(m_dataPort != 0, m_log.constData());
        const quint16 adminPort = waitForPort(QStringLiteral("\"admin_address\":\"127\\.0\\.0\\.1:(\\d+)\""));
        QVERIFY2(adminPort != 0, m_log.constData());
        m_url = QStringLiteral("http://127.0.0.1:%1").arg(adminPort);
        // The first run created the token in the workspace and did not log it.
        QVERIFY2(m_log.contains("admin token created in the workspace"), m_log.constData());
        const Run token = run({QStringLiteral("admin-token"), QStringLiteral("--workspace"), m_workspace});
        QCOMPARE(token.exitCode, 0);
        m_token = token.out.trimmed();
        QCOMPARE(m_token.size(), 64);
        QVERIFY(!m_log.contains(m_token));
    }

    void cleanupTestCase()
    {
        if (m_serve.state() != QProcess::NotRunning) {
            m_serve.terminate();
            if (!m_serve.waitForFinished(20'000))
                m_serve.kill();
        }
    }

    void statusShowsTheRunningGateway()
    {
        const Run status =
            run(admin(QStringLiteral("status"), {QStringLiteral("--token"), QString::fromLatin1(m_token)}));
        QCOMPARE(status.exitCode, 0);
        QVERIFY2(status.out.contains(": ok"), status.out.constData());
        QVERIFY(status.out.contains("generation   1"));
        QVERIFY(status.out.contains(QByteArray("listener     default 127.0.0.1:" + QByteArray::number(m_dataPort))));
        // The token may come from the environment too.
        QCOMPARE(run(admin(QStringLiteral("status")), m_token).exitCode, 0);
    }

    void badTokenOrNoGatewayFailClearly()
    {
        Run status =
            run(admin(QStringLiteral("status"), {QStringLiteral("--token"), QStringLiteral("not-the-token-at-all")}));
        QCOMPARE(status.exitCode, 2);
        QVERIFY2(status.err.contains("401"), status.err.constData());
        status = run({QStringLiteral("status")});
        QCOMPARE(status.exitCode, 2);
        QVERIFY(status.err.contains("UNDERSTUDY_ADMIN_TOKEN"));
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const QString deadUrl = QStringLiteral("http://127.0.0.1:%1").arg(closed.serverPort());
        closed.close();
        status = run({QStringLiteral("status"), QStringLiteral("--url"), deadUrl, QStringLiteral("--timeout"),
                      QStringLiteral("2000")},
                     m_token);
        QCOMPARE(status.exitCode, 6);
        QVERIFY2(status.err.contains("cannot reach the gateway"), status.err.constData());
    }

    void applyAndTailRoundTrip()
    {
        // tail first, so it sees the request made after the apply.
        QProcess tail;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("UNDERSTUDY_ADMIN_TOKEN"), QString::fromLatin1(m_token));
        tail.setProcessEnvironment(env);
        tail.start(QStringLiteral(UNDERSTUDY_GATEWAY_BIN),
                   admin(QStringLiteral("tail"), {QStringLiteral("--count"), QStringLiteral("1")}));
        QVERIFY(tail.waitForStarted());
        QByteArray tailErr;
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         tailErr += tail.readAllStandardError();
                         return tailErr.contains("following requests");
                     },
                     20'000),
                 tailErr.constData());

        Config next = test::adminTestConfig();
        next.providers.front().mock.answer = QStringLiteral("answer after apply");
        const QString nextPath = m_dir.filePath(QStringLiteral("next.json"));
        QFile file(nextPath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(configToJson(next));
        file.close();
        const Run applied = run(
            admin(QStringLiteral("apply"), {nextPath, QStringLiteral("-m"), QStringLiteral("new answer")}), m_token);
        QCOMPARE(applied.exitCode, 0);
        QVERIFY2(applied.out.contains("generation 2, revision 2"), applied.out.constData());

        const QByteArray answer = chat(m_dataPort);
        QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
        QVERIFY2(answer.contains("answer after apply"), answer.constData());

        QVERIFY(tail.waitForFinished(20'000));
        QCOMPARE(tail.exitCode(), 0);
        const QByteArray line = tail.readAllStandardOutput();
        QVERIFY2(line.contains(" 200 POST /v1/chat/completions route=chat outcome=ok"), line.constData());
        QCOMPARE(line.count('\n'), 1);

        // The revision is in the workspace, with the summary given.
        auto ws = Workspace::open(m_workspace);
        QVERIFY(ws);
        auto revisions = (*ws)->revisions();
        QVERIFY(revisions);
        QCOMPARE(revisions->front().summary, QStringLiteral("new answer"));
        QCOMPARE(*(*ws)->loadConfig(), next);
    }

    void applyRefusesInvalidConfig()
    {
        Config broken = test::adminTestConfig();
        broken.routes.front().chain = QStringLiteral("missing");
        const QString path = m_dir.filePath(QStringLiteral("broken.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(configToJson(broken));
        file.close();
        const Run applied = run(admin(QStringLiteral("apply"), {path}), m_token);
        QCOMPARE(applied.exitCode, 1);
        QVERIFY2(applied.err.contains("invalid config, nothing applied"), applied.err.constData());
        QVERIFY2(applied.err.contains("routes"), applied.err.constData());
        QVERIFY(
            run(admin(QStringLiteral("apply"), {m_dir.filePath(QStringLiteral("absent.json"))}), m_token).exitCode ==
            3);
        const Run status = run(admin(QStringLiteral("status")), m_token);
        QVERIFY2(status.out.contains("generation   2"), status.out.constData());
    }

    void breakersListAndForce()
    {
        Run breakers =
            run(admin(QStringLiteral("breakers"), {QStringLiteral("--open"), QStringLiteral("mock-b/m1")}), m_token);
        QCOMPARE(breakers.exitCode, 0);
        QVERIFY2(breakers.out.contains("mock-b/m1"), breakers.out.constData());
        QVERIFY2(breakers.out.contains("forced_open"), breakers.out.constData());
        breakers = run(admin(QStringLiteral("breakers")), m_token);
        QCOMPARE(breakers.exitCode, 0);
        QVERIFY(breakers.out.contains("mock-b/m1"));
        breakers =
            run(admin(QStringLiteral("breakers"), {QStringLiteral("--reset"), QStringLiteral("nobody/x")}), m_token);
        QCOMPARE(breakers.exitCode, 5);
    }

    void requestLogAndMetricsOverTheAdminApi()
    {
        const quint16 adminPort = quint16(QUrl(m_url).port());
        const QByteArray series = "understudy_requests_total{route=\"chat\",outcome=\"ok\"}";
        auto metrics = adminGet(adminPort, m_token, "/metrics");
        QCOMPARE(metrics.first, 200);
        const double before = std::max(0.0, sampleValue(metrics.second, series));
        QCOMPARE(adminGet(adminPort, "wrong-token-wrong-token", "/metrics").first, 401);

        std::vector<QByteArray> ids;
        for (int i = 0; i < 3; ++i) {
            const QByteArray answer = chat(m_dataPort);
            QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
            ids.push_back(requestIdOf(answer));
            QVERIFY(!ids.back().isEmpty());
        }
        // The writer commits every 100 ms; the answer may come first.
        nlohmann::json items;
        QVERIFY(QTest::qWaitFor(
            [&] {
                const auto page = adminGet(adminPort, m_token, "/admin/v1/requests?limit=50");
                if (page.first != 200)
                    return false;
                items = nlohmann::json::parse(page.second.toStdString(), nullptr, false)["items"];
                int found = 0;
                for (const auto &item : items)
                    for (const QByteArray &id : ids)
                        found += item["request_id"] == id.toStdString() ? 1 : 0;
                return found == 3;
            },
            10'000));
        JSON_COMPARE(items[0]["request_id"], ids.back().toStdString());
        JSON_COMPARE(items[0]["route"], "chat");
        const auto one = adminGet(adminPort, m_token, "/admin/v1/requests/" + ids.front());
        QCOMPARE(one.first, 200);
        const auto trail = nlohmann::json::parse(one.second.toStdString(), nullptr, false);
        QVERIFY2(trail["attempts"].is_array() && !trail["attempts"].empty(), one.second.constData());

        metrics = adminGet(adminPort, m_token, "/metrics");
        QCOMPARE(metrics.first, 200);
        QVERIFY(metrics.second.contains("# TYPE understudy_requests_total counter"));
        QCOMPARE(sampleValue(metrics.second, series), before + 3);

        // Events: the start, the apply and the forced breaker are stored
        // (the flush that wrote the requests wrote them too).
        const auto events = adminGet(adminPort, m_token, "/admin/v1/events?limit=200");
        QCOMPARE(events.first, 200);
        QVERIFY2(events.second.contains("\"listener_started\""), events.second.constData());
        QVERIFY2(events.second.contains("\"config_applied\""), events.second.constData());
        QVERIFY2(events.second.contains("\"breaker_forced\""), events.second.constData());
    }

    void stopsOnSigterm()
    {
        m_serve.terminate();
        QVERIFY(m_serve.waitForFinished(20'000));
        QCOMPARE(m_serve.exitCode(), 0);
        // Everything answered before the drain is in the workspace's log.
        auto query = RequestLogQuery::open(m_workspace);
        QVERIFY(query);
        auto count = (*query)->count({});
        QVERIFY(count);
        QCOMPARE(*count, qint64(m_chats));
    }

    // Serving a config file: without --log-db nothing goes to disk and the
    // request log answers 503; with it the log is a new workspace file.
    void configFileWithAndWithoutLogDb()
    {
        const QString configPath = m_dir.filePath(QStringLiteral("served.json"));
        QFile file(configPath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(configToJson(test::adminTestConfig()));
        file.close();
        const QByteArray token = "0123456789abcdef0123456789abcdef";
        const QString logDb = m_dir.filePath(QStringLiteral("requests.understudy"));
        for (const bool withLog : {false, true}) {
            QStringList arguments{
                QStringLiteral("serve"),       QStringLiteral("--config"),      configPath,
                QStringLiteral("--listen"),    QStringLiteral("127.0.0.1:0"),   QStringLiteral("--admin-listen"),
                QStringLiteral("127.0.0.1:0"), QStringLiteral("--admin-token"), QString::fromLatin1(token)};
            if (withLog)
                arguments << QStringLiteral("--log-db") << logDb;
            m_serve.start(QStringLiteral(UNDERSTUDY_GATEWAY_BIN), arguments);
            QVERIFY(m_serve.waitForStarted());
            m_log.clear();
            const quint16 dataPort = waitForPort(QStringLiteral("\"address\":\"127\\.0\\.0\\.1:(\\d+)\""));
            QVERIFY2(dataPort != 0, m_log.constData());
            const quint16 adminPort = waitForPort(QStringLiteral("\"admin_address\":\"127\\.0\\.0\\.1:(\\d+)\""));
            QVERIFY2(adminPort != 0, m_log.constData());
            QVERIFY(chat(dataPort).startsWith("HTTP/1.1 200"));
            QVERIFY(chat(dataPort).startsWith("HTTP/1.1 200"));
            const QByteArray series = "understudy_requests_total{route=\"chat\",outcome=\"ok\"}";
            QVERIFY(QTest::qWaitFor(
                [&] { return sampleValue(adminGet(adminPort, token, "/metrics").second, series) == 2.0; }, 10'000));
            // Stored events reach the log within the writer's flush interval.
            QPair<int, QByteArray> events;
            QVERIFY(QTest::qWaitFor(
                [&] {
                    events = adminGet(adminPort, token, "/admin/v1/events");
                    return events.first == 200 && events.second.contains("\"listener_started\"");
                },
                10'000));
            if (!withLog) {
                QCOMPARE(adminGet(adminPort, token, "/admin/v1/requests").first, 503);
                QVERIFY(!QFile::exists(logDb));
            } else {
                QVERIFY(QTest::qWaitFor(
                    [&] {
                        const auto page = adminGet(adminPort, token, "/admin/v1/requests");
                        return page.first == 200 &&
                               nlohmann::json::parse(page.second.toStdString(), nullptr, false)["items"].size() == 2;
                    },
                    10'000));
            }
            m_serve.terminate();
            QVERIFY(m_serve.waitForFinished(20'000));
            QCOMPARE(m_serve.exitCode(), 0);
        }
        // The log file is a workspace: the served config is its revision 1.
        auto ws = Workspace::open(logDb);
        QVERIFY(ws);
        QCOMPARE(*(*ws)->loadConfig(), test::adminTestConfig());
        auto query = RequestLogQuery::open(logDb);
        QVERIFY(query);
        QCOMPARE(*(*query)->count({}), qint64(2));
    }

private:
    QTemporaryDir m_dir;
    QString m_workspace;
    QProcess m_serve;
    QByteArray m_log;
    quint16 m_dataPort = 0;
    QString m_url;
    QByteArray m_token;
    int m_chats = 0;
};

QTEST_GUILESS_MAIN(TestAdminCli)
#include "tst_admincli.moc"
