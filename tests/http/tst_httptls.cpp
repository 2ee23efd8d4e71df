// TLS listener: a self-signed certificate made with the openssl tool, a
// QSslSocket client that trusts it, one request over the encrypted link.

#include "TestHandler.h"

#include "http/HttpServer.h"

#include <QProcess>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace understudy;

class TestHttpTls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void requestOverTls();
    void badCertificateIsAClearError();
};

void TestHttpTls::requestOverTls()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("no TLS backend");
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty())
        QSKIP("openssl tool not installed");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString cert = dir.filePath(QStringLiteral("cert.pem"));
    const QString key = dir.filePath(QStringLiteral("key.pem"));
    QProcess make;
    make.start(openssl,
               {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                QStringLiteral("-nodes"), QStringLiteral("-days"), QStringLiteral("1"), QStringLiteral("-subj"),
                QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-keyout"), key, QStringLiteral("-out"), cert});
    QVERIFY(make.waitForFinished(60'000));
    QCOMPARE(make.exitCode(), 0);

    ServerLimits limits;
    limits.workers = 1;
    HttpServer server(limits, [] { return std::make_unique<TestHandler>(); });
    Listener listener;
    listener.name = QStringLiteral("secure");
    listener.port = 0;
    listener.tls = true;
    listener.certFile = cert;
    listener.keyFile = key;
    const auto result = server.listen({listener});
    QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(result.error().message));

    QSslSocket client;
    client.setPeerVerifyMode(QSslSocket::VerifyNone);
    client.connectToHostEncrypted(QStringLiteral("127.0.0.1"), server.serverPort(QStringLiteral("secure")));
    QVERIFY(QTest::qWaitFor([&] { return client.isEncrypted(); }, 20'000));
    client.write("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 6\r\n\r\nsecret");
    QByteArray received;
    QVERIFY(QTest::qWaitFor(
        [&] {
            received += client.readAll();
            return received.endsWith("\r\n\r\nsecret");
        },
        20'000));
    QVERIFY(received.startsWith("HTTP/1.1 200 "));
}

void TestHttpTls::badCertificateIsAClearError()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("no TLS backend");
    QTemporaryDir dir;
    HttpServer server(ServerLimits{}, [] { return std::make_unique<TestHandler>(); });
    Listener listener;
    listener.name = QStringLiteral("secure");
    listener.port = 0;
    listener.tls = true;
    listener.certFile = dir.filePath(QStringLiteral("missing.pem"));
    listener.keyFile = dir.filePath(QStringLiteral("missing.key"));
    const auto result = server.listen({listener});
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, QStringLiteral("tls_config"));
    QVERIFY(result.error().message.contains(QStringLiteral("missing.pem")));
    QCOMPARE(server.serverPort(QStringLiteral("secure")), quint16(0));
}

QTEST_GUILESS_MAIN(TestHttpTls)
#include "tst_httptls.moc"
