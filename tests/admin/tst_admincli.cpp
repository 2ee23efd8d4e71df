// The built `understudy-gateway` end to end: `serve` on a workspace with its
// admin listener, then `admin-token`, `status`, `apply`, `breakers` and
// `tail` as separate processes talking to it over the admin API.

#include "AdminTestConfig.h"
#include "config/ConfigJson.h"
#include "store/Workspace.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

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

    void stopsOnSigterm()
    {
        m_serve.terminate();
        QVERIFY(m_serve.waitForFinished(20'000));
        QCOMPARE(m_serve.exitCode(), 0);
    }

private:
    QTemporaryDir m_dir;
    QString m_workspace;
    QProcess m_serve;
    QByteArray m_log;
    quint16 m_dataPort = 0;
    QString m_url;
    QByteArray m_token;
};

QTEST_GUILESS_MAIN(TestAdminCli)
#include "tst_admincli.moc"
