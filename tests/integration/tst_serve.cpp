// `understudy-gateway serve` as a real process: JSON-lines logs, SIGHUP
// reload, graceful drain on SIGTERM.

#include "DataPlaneConfig.h"
#include "FakeUpstream.h"
#include "RawClient.h"
#include "config/ConfigJson.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace understudy;
using understudy::test::FakeUpstream;

namespace {

QByteArray post(const QByteArray &path)
{
    return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n\r\n{}";
}

} // namespace

class TestServe final : public QObject
{
    Q_OBJECT

private:
    bool writeConfig(const Config &config)
    {
        QFile file(m_configPath);
        return file.open(QIODevice::WriteOnly) && file.write(configToJson(config)) > 0;
    }

    // Starts serve on the config file and returns the port it logged.
    quint16 startServe()
    {
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.start(QStringLiteral(UNDERSTUDY_GATEWAY_BIN),
                        {QStringLiteral("serve"), QStringLiteral("--config"), m_configPath,
                         QStringLiteral("--admin-listen"), QStringLiteral("127.0.0.1:0")});
        if (!m_process.waitForStarted())
            return 0;
        const QRegularExpression listening(QStringLiteral("\"address\":\"127\\.0\\.0\\.1:(\\d+)\""));
        QRegularExpressionMatch match;
        (void)QTest::qWaitFor(
            [&] {
                m_log += m_process.readAllStandardError();
                match = listening.match(QString::fromUtf8(m_log));
                return match.hasMatch() || m_process.state() == QProcess::NotRunning;
            },
            20'000);
        return match.hasMatch() ? quint16(match.captured(1).toUInt()) : 0;
    }

    bool waitForLog(const QByteArray &text)
    {
        return QTest::qWaitFor(
            [&] {
                m_log += m_process.readAllStandardError();
                return m_log.contains(text);
            },
            20'000);
    }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_configPath = m_dir.filePath(QStringLiteral("gateway.json"));
        m_log.clear();
    }

    void cleanup()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }

    void drainsInFlightRequestsOnSigterm()
    {
        FakeUpstream upstream;
        QVERIFY(upstream.start());
        upstream.respondDelayMs = 1'500;
        QVERIFY(writeConfig(test::forwardingConfig(upstream.serverPort())));
        const quint16 port = startServe();
        QVERIFY2(port != 0, m_log.constData());

        RawClient client(port);
        client.send(post("/api/slow"));
        QTRY_COMPARE_WITH_TIMEOUT(upstream.requests.size(), 1, 10'000);
        m_process.terminate(); // SIGTERM while the request is in flight
        QVERIFY2(waitForLog("\"msg\":\"draining\""), m_log.constData());

        // New connections are refused while draining.
        QTcpSocket late;
        late.connectToHost(QStringLiteral("127.0.0.1"), port);
        QVERIFY(!late.waitForConnected(2'000) || late.waitForDisconnected(5'000));

        auto response = client.next(false, 20'000);
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        QCOMPARE(response->body, QByteArray("hello"));

        QVERIFY(m_process.waitForFinished(20'000));
        QCOMPARE(m_process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(m_process.exitCode(), 0);
        m_log += m_process.readAllStandardError();
        QVERIFY2(m_log.contains("\"msg\":\"stopped\""), m_log.constData());
        // Every log line is one JSON object.
        for (const QByteArray &line : m_log.split('\n')) {
            if (!line.isEmpty())
                QVERIFY2(line.startsWith("{\"ts\":") && line.endsWith('}'), line.constData());
        }
    }

    void reloadsOnSighupAndKeepsRunningConfigWhenInvalid()
    {
        FakeUpstream first;
        FakeUpstream second;
        QVERIFY(first.start());
        QVERIFY(second.start());
        QVERIFY(writeConfig(test::forwardingConfig(first.serverPort())));
        const quint16 port = startServe();
        QVERIFY2(port != 0, m_log.constData());

        // Same listener (port 0 = the one already bound), new upstream.
        QVERIFY(writeConfig(test::forwardingConfig(second.serverPort())));
        ::kill(pid_t(m_process.processId()), SIGHUP);
        QVERIFY2(waitForLog("\"generation\":\"2\""), m_log.constData());
        auto response = roundTrip(port, post("/api/after-reload"));
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        QCOMPARE(second.requests.size(), 1);
        QCOMPARE(first.requests.size(), 0);

        QFile broken(m_configPath);
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("{\"understudy_config\": 1, \"routes\": 7}");
        broken.close();
        ::kill(pid_t(m_process.processId()), SIGHUP);
        QVERIFY2(waitForLog("keeping the running config"), m_log.constData());
        response = roundTrip(port, post("/api/still-serving"));
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        QCOMPARE(second.requests.size(), 2);
    }

    void refusesToStartOnBadInput_data()
    {
        QTest::addColumn<QByteArray>("document");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("not json") << QByteArray("listen: 8787") << 1;
        QTest::newRow("invalid config")
            << QByteArray(R"({"understudy_config": 1, "routes": [{"name": "r", "chain": "nope"}]})") << 1;
    }

    void refusesToStartOnBadInput()
    {
        QFETCH(QByteArray, document);
        QFETCH(int, exitCode);
        QFile file(m_configPath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(document);
        file.close();
        m_process.start(QStringLiteral(UNDERSTUDY_GATEWAY_BIN),
                        {QStringLiteral("serve"), QStringLiteral("--config"), m_configPath,
                         QStringLiteral("--admin-listen"), QStringLiteral("127.0.0.1:0")});
        QVERIFY(m_process.waitForFinished(20'000));
        QCOMPARE(m_process.exitCode(), exitCode);
        const QByteArray err = m_process.readAllStandardError();
        QVERIFY2(err.contains("\"level\":\"error\""), err.constData());
    }

    void portInUseIsReported()
    {
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost));
        QVERIFY(writeConfig(test::forwardingConfig(1, squatter.serverPort())));
        m_process.start(QStringLiteral(UNDERSTUDY_GATEWAY_BIN),
                        {QStringLiteral("serve"), QStringLiteral("--config"), m_configPath,
                         QStringLiteral("--admin-listen"), QStringLiteral("127.0.0.1:0")});
        QVERIFY(m_process.waitForFinished(20'000));
        QCOMPARE(m_process.exitCode(), 6);
        const QByteArray err = m_process.readAllStandardError();
        QVERIFY2(err.contains(QByteArray::number(squatter.serverPort())), err.constData());
    }

private:
    QTemporaryDir m_dir;
    QString m_configPath;
    QProcess m_process;
    QByteArray m_log;
};

QTEST_GUILESS_MAIN(TestServe)
#include "tst_serve.moc"
