// TLS to upstreams: system CAs, a custom CA file, SNI/verify-name override
// and TLS through an HTTP proxy's CONNECT tunnel. The certificate is made
// at test time with the openssl CLI (a test-only identity, never shipped).

#include "FakeUpstream.h"
#include "upstream/UpstreamPool.h"

#include <QProcess>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace understudy;

namespace {

constexpr int kWaitMs = 10'000;

struct Outcome
{
    bool finished = false;
    bool failed = false;
    OutcomeClass outcome = OutcomeClass::Ok;
    QString detail;
    QByteArray body;
};

Outcome run(UpstreamPool &pool, const UpstreamRequest &request)
{
    Outcome result;
    UpstreamCall *call = pool.send(request, &pool);
    QObject::connect(call, &UpstreamCall::bodyData, call, [&result](const QByteArray &d) { result.body += d; });
    QObject::connect(call, &UpstreamCall::finished, call, [&result] { result.finished = true; });
    QObject::connect(call, &UpstreamCall::failed, call, [&result](OutcomeClass o, const QString &d) {
        result.failed = true;
        result.outcome = o;
        result.detail = d;
    });
    (void)QTest::qWaitFor([&result] { return result.finished || result.failed; }, kWaitMs);
    call->deleteLater();
    return result;
}

} // namespace

class TestUpstreamTls final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void untrustedCertificateFails();
    void customCaWithServerName();
    void customCaButWrongName();
    void verificationDisabled();
    void tlsThroughConnectTunnel();
    void unreadableCaFile();

private:
    UpstreamRequest request(const QString &serverName = {}, bool withCa = true) const;

    QTemporaryDir m_dir;
    QSslCertificate m_certificate;
    QSslKey m_key;
    QString m_caFile;
    test::FakeUpstream m_fake;
};

void TestUpstreamTls::initTestCase()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("no TLS backend available");
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty())
        QSKIP("openssl CLI not installed; cannot make a test certificate");
    QVERIFY(m_dir.isValid());
    m_caFile = m_dir.filePath(QStringLiteral("cert.pem"));
    const QString keyFile = m_dir.filePath(QStringLiteral("key.pem"));
    // Self-signed, valid for the name "localhost" only (not for 127.0.0.1).
    QProcess process;
    process.start(openssl, {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                            QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"), keyFile,
                            QStringLiteral("-out"), m_caFile, QStringLiteral("-days"), QStringLiteral("2"),
                            QStringLiteral("-subj"), QStringLiteral("/CN=localhost"), QStringLiteral("-addext"),
                            QStringLiteral("subjectAltName=DNS:localhost")});
    QVERIFY(process.waitForFinished(30'000));
    QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());

    QFile certFile(m_caFile);
    QVERIFY(certFile.open(QIODevice::ReadOnly));
    m_certificate = QSslCertificate(certFile.readAll(), QSsl::Pem);
    QFile keyData(keyFile);
    QVERIFY(keyData.open(QIODevice::ReadOnly));
    m_key = QSslKey(keyData.readAll(), QSsl::Rsa, QSsl::Pem);
    QVERIFY(!m_certificate.isNull());
    QVERIFY(!m_key.isNull());
    m_fake.setTls(m_certificate, m_key);
    QVERIFY(m_fake.start());
}

UpstreamRequest TestUpstreamTls::request(const QString &serverName, bool withCa) const
{
    UpstreamRequest request;
    request.url = QUrl(QStringLiteral("https://127.0.0.1:%1/tls").arg(m_fake.serverPort()));
    request.timeouts.totalMs = kWaitMs;
    request.origin.tls.serverName = serverName;
    if (withCa)
        request.origin.tls.caFile = m_caFile;
    return request;
}

void TestUpstreamTls::untrustedCertificateFails()
{
    UpstreamPool pool;
    const Outcome result = run(pool, request(QStringLiteral("localhost"), false));
    QVERIFY(result.failed);
    QVERIFY2(result.outcome == OutcomeClass::ConnectError, qPrintable(result.detail));
}

void TestUpstreamTls::customCaWithServerName()
{
    UpstreamPool pool;
    const Outcome result = run(pool, request(QStringLiteral("localhost")));
    QVERIFY2(result.finished, qPrintable(result.detail));
    QCOMPARE(result.body, QByteArray("hello"));
    // Kept alive over TLS as well.
    const Outcome again = run(pool, request(QStringLiteral("localhost")));
    QVERIFY(again.finished);
    QCOMPARE(pool.stats().reused, 1);
}

void TestUpstreamTls::customCaButWrongName()
{
    // Trusted CA, but the certificate does not name 127.0.0.1: without the
    // server name override verification must still fail.
    UpstreamPool pool;
    const Outcome result = run(pool, request());
    QVERIFY(result.failed);
    QVERIFY2(result.outcome == OutcomeClass::ConnectError, qPrintable(result.detail));
}

void TestUpstreamTls::verificationDisabled()
{
    UpstreamPool pool;
    UpstreamRequest insecure = request({}, false);
    insecure.origin.tls.verifyPeer = false;
    const Outcome result = run(pool, insecure);
    QVERIFY2(result.finished, qPrintable(result.detail));
}

void TestUpstreamTls::tlsThroughConnectTunnel()
{
    test::FakeProxy proxy;
    QVERIFY(proxy.start());
    UpstreamPool pool;
    UpstreamRequest tunnelled = request(QStringLiteral("localhost"));
    tunnelled.origin.proxy = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(proxy.serverPort()));
    const Outcome result = run(pool, tunnelled);
    QVERIFY2(result.finished, qPrintable(result.detail));
    QCOMPARE(result.body, QByteArray("hello"));
    QCOMPARE(proxy.heads.size(), 1);
    const QByteArray expected = "CONNECT 127.0.0.1:" + QByteArray::number(m_fake.serverPort()) + " HTTP/1.1\r\n";
    QVERIFY2(proxy.heads.first().startsWith(expected), proxy.heads.first().constData());
}

void TestUpstreamTls::unreadableCaFile()
{
    UpstreamPool pool;
    UpstreamRequest broken = request(QStringLiteral("localhost"));
    broken.origin.tls.caFile = m_dir.filePath(QStringLiteral("missing.pem"));
    const Outcome result = run(pool, broken);
    QVERIFY(result.failed);
    QCOMPARE(result.outcome, OutcomeClass::ConnectError);
    QVERIFY(result.detail.contains(QStringLiteral("missing.pem")));
}

QTEST_GUILESS_MAIN(TestUpstreamTls)
#include "tst_upstreamtls.moc"
