#include "upstream/HttpHeaders.h"
#include "upstream/UpstreamRequest.h"

#include <QTest>

using namespace understudy;

Q_DECLARE_METATYPE(understudy::HttpHeaders)

class TestHttpHeaders final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stripHopByHop_data();
    void stripHopByHop();
    void lookupIsCaseInsensitive();
    void tokenLists();
    void requestFromProvider();
    void originKeySeparatesOptions();
};

void TestHttpHeaders::stripHopByHop_data()
{
    QTest::addColumn<HttpHeaders>("input");
    QTest::addColumn<HttpHeaders>("expected");

    QTest::newRow("end-to-end kept") << HttpHeaders{{"Content-Type", "a/b"}, {"X-Id", "1"}}
                                     << HttpHeaders{{"Content-Type", "a/b"}, {"X-Id", "1"}};
    QTest::newRow("fixed set") << HttpHeaders{{"connection", "keep-alive"},
                                              {"Keep-Alive", "timeout=5"},
                                              {"Proxy-Connection", "keep-alive"},
                                              {"te", "trailers"},
                                              {"Trailer", "X-Sum"},
                                              {"TRANSFER-ENCODING", "chunked"},
                                              {"Upgrade", "h2c"},
                                              {"Accept", "*/*"}}
                               << HttpHeaders{{"Accept", "*/*"}};
    QTest::newRow("named in Connection") << HttpHeaders{{"Connection", "close, X-Secret ,x-other"},
                                                        {"x-secret", "1"},
                                                        {"X-Other", "2"},
                                                        {"X-Kept", "3"}}
                                         << HttpHeaders{{"X-Kept", "3"}};
    QTest::newRow("repeated Connection")
        << HttpHeaders{{"Connection", "x-a"}, {"Connection", "x-b"}, {"X-A", "1"}, {"X-B", "2"}, {"X-C", "3"}}
        << HttpHeaders{{"X-C", "3"}};
    QTest::newRow("duplicates and order kept") << HttpHeaders{{"Set-Cookie", "a=1"}, {"TE", "x"}, {"Set-Cookie", "b=2"}}
                                               << HttpHeaders{{"Set-Cookie", "a=1"}, {"Set-Cookie", "b=2"}};
}

void TestHttpHeaders::stripHopByHop()
{
    QFETCH(HttpHeaders, input);
    QFETCH(HttpHeaders, expected);
    understudy::stripHopByHop(input);
    QCOMPARE(input, expected);
}

void TestHttpHeaders::lookupIsCaseInsensitive()
{
    HttpHeaders headers{{"Content-Type", "text/plain"}, {"Via", "a"}, {"via", "b"}};
    QCOMPARE(headerValue(headers, "content-type").value_or(QByteArray()), QByteArray("text/plain"));
    QVERIFY(!headerValue(headers, "Content-Length").has_value());
    QCOMPARE(headerValues(headers, "VIA"), (std::vector<QByteArray>{"a", "b"}));
    setHeader(headers, "VIA", "c");
    QCOMPARE(headerValues(headers, "via"), (std::vector<QByteArray>{"c"}));
    QCOMPARE(removeHeader(headers, "CONTENT-type"), 1);
    QVERIFY(!hasHeader(headers, "content-type"));
}

void TestHttpHeaders::tokenLists()
{
    const HttpHeaders headers{{"Connection", "Keep-Alive, Upgrade"}, {"Connection", " close "}};
    QVERIFY(headerHasToken(headers, "connection", "close"));
    QVERIFY(headerHasToken(headers, "connection", "upgrade"));
    QVERIFY(!headerHasToken(headers, "connection", "keep"));
}

void TestHttpHeaders::requestFromProvider()
{
    Provider provider;
    provider.baseUrl = QStringLiteral("https://api.example.test/v1/");
    provider.headers = {{QStringLiteral("X-Org"), QStringLiteral("acme")}};
    provider.limits.maxConnections = 7;
    provider.limits.maxIdle = 3;
    provider.limits.idleTimeoutMs = 1234;
    provider.tls.caFile = QStringLiteral("/tmp/ca.pem");
    provider.proxy = QStringLiteral("http://127.0.0.1:3128");
    Timeouts timeouts;
    timeouts.connectMs = 11;
    timeouts.firstByteMs = 22;
    timeouts.idleMs = 33;
    timeouts.totalMs = 44;

    const UpstreamRequest request = upstreamRequestFor(provider, timeouts, "POST", QStringLiteral("chat/completions"));
    QCOMPARE(request.url.toString(), QStringLiteral("https://api.example.test/v1/chat/completions"));
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(headerValue(request.headers, "x-org").value_or(QByteArray()), QByteArray("acme"));
    QCOMPARE(request.timeouts.connectMs, 11);
    QCOMPARE(request.timeouts.firstByteMs, 22);
    QCOMPARE(request.timeouts.idleMs, 33);
    QCOMPARE(request.timeouts.totalMs, 44);
    QCOMPARE(request.origin.maxConnections, 7);
    QCOMPARE(request.origin.maxIdle, 3);
    QCOMPARE(request.origin.idleTimeoutMs, 1234);
    QCOMPARE(request.origin.tls.caFile, QStringLiteral("/tmp/ca.pem"));
    QCOMPARE(request.origin.proxy.port(), 3128);
}

void TestHttpHeaders::originKeySeparatesOptions()
{
    UpstreamRequest a;
    a.url = QUrl(QStringLiteral("https://Example.test/a"));
    UpstreamRequest b = a;
    b.url = QUrl(QStringLiteral("https://example.test:443/b"));
    QCOMPARE(originKey(a), originKey(b)); // same origin, default port spelled out
    b.origin.tls.caFile = QStringLiteral("/ca.pem");
    QVERIFY(originKey(a) != originKey(b));
    b = a;
    b.origin.proxy = QUrl(QStringLiteral("http://127.0.0.1:8080"));
    QVERIFY(originKey(a) != originKey(b));
    b = a;
    b.url = QUrl(QStringLiteral("http://example.test/a"));
    QVERIFY(originKey(a) != originKey(b));
}

QTEST_GUILESS_MAIN(TestHttpHeaders)
#include "tst_httpheaders.moc"
