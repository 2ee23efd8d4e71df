#include "observe/LogRedaction.h"

#include <QTest>

using namespace understudy;

class TestLogRedaction final : public QObject
{
    Q_OBJECT

private slots:
    void headers()
    {
        const Redactor redactor;
        const QByteArray json = redactor.headersJson({{"Authorization", "Bearer sk-live-1"},
                                                      {"X-Api-Key", "k-2"},
                                                      {"Cookie", "a=b"},
                                                      {"Accept", "text/event-stream"},
                                                      {"X-Trace", "1"},
                                                      {"x-trace", "2"}});
        QVERIFY2(json.contains("\"authorization\":\"Bearer [redacted]\""), json.constData());
        QVERIFY(json.contains("\"x-api-key\":\"[redacted]\""));
        QVERIFY(json.contains("\"cookie\":\"[redacted]\""));
        QVERIFY(json.contains("\"accept\":\"text/event-stream\""));
        QVERIFY2(json.contains("\"x-trace\":[\"1\",\"2\"]"), json.constData());
        QVERIFY(!json.contains("sk-live-1"));
        QVERIFY(!json.contains("k-2"));
    }

    void headerBlockIsCapped()
    {
        RedactionRules rules;
        rules.maxHeaderBytes = 64;
        const Redactor redactor(rules);
        const QByteArray json = redactor.headersJson({{"a", QByteArray(20, 'x')}, {"b", QByteArray(100, 'y')}});
        QVERIFY(json.contains("\"a\""));
        QVERIFY(!json.contains("yyyy"));
        QVERIFY2(json.contains("\"_truncated\":[\"b\"]"), json.constData());
    }

    void bodies_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("secret");
        QTest::addColumn<QByteArray>("kept");
        QTest::newRow("json top level") << QByteArray("{\"api_key\":\"sk-1\",\"model\":\"m\"}") << QByteArray("sk-1")
                                        << QByteArray("\"model\":\"m\"");
        QTest::newRow("json nested in array")
            << QByteArray("{\"items\":[{\"Password\":\"hunter2\"},{\"x\":1}]}") << QByteArray("hunter2")
            << QByteArray("\"x\":1");
        QTest::newRow("json number value") << QByteArray("{\"secret\":12345,\"n\":2}") << QByteArray("12345")
                                           << QByteArray("\"n\":2");
        QTest::newRow("json cut short (textual pass)")
            << QByteArray("{\"model\":\"m\",\"access_token\":\"tok-abcdef") << QByteArray("tok-abcdef")
            << QByteArray("\"model\":\"m\"");
        QTest::newRow("form") << QByteArray("user=bob&password=hunter2&x=1") << QByteArray("hunter2")
                              << QByteArray("user=bob");
        QTest::newRow("configured names only") << QByteArray("{\"max_tokens\":5}") << QByteArray()
                                               << QByteArray("\"max_tokens\":5");
    }

    void bodies()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, secret);
        QFETCH(QByteArray, kept);
        const Redactor redactor;
        const RedactedBody out = redactor.body(body);
        QVERIFY(!out.truncated);
        if (!secret.isEmpty()) {
            QVERIFY2(!out.bytes.contains(secret), out.bytes.constData());
            QVERIFY2(out.bytes.contains(kRedactedMarker), out.bytes.constData());
        }
        QVERIFY2(out.bytes.contains(kept), out.bytes.constData());
    }

    void configuredFieldAndCap()
    {
        RedactionRules rules;
        rules.fields << QStringLiteral("ssn");
        rules.maxBodyBytes = 40;
        const Redactor redactor(rules);
        const RedactedBody out =
            redactor.body("{\"ssn\":\"123-45-6789\",\"text\":\"" + QByteArray(100, 'z') + "\"}");
        QVERIFY(out.truncated);
        QCOMPARE(out.bytes.size(), 40);
        QVERIFY(!out.bytes.contains("6789"));
        // A multi-byte character is never cut in half.
        rules.maxBodyBytes = 2;
        const RedactedBody utf8 = Redactor(rules).body(QStringLiteral("a\u00e9b").toUtf8());
        QCOMPARE(utf8.bytes, QByteArray("a"));
    }
};

QTEST_GUILESS_MAIN(TestLogRedaction)
#include "tst_logredaction.moc"
