#include "ProviderErrorBodies.h"
#include "fallback/Clock.h"
#include "fallback/OutcomeClassifier.h"

#include <QTest>

using namespace understudy;

Q_DECLARE_METATYPE(understudy::OutcomeClass)
Q_DECLARE_METATYPE(understudy::HeaderList)

namespace {

QDateTime fixedWall()
{
    return QDateTime(QDate(2024, 11, 6), QTime(8, 49, 30), Qt::UTC);
}

} // namespace

class TestOutcomeClassifier : public QObject
{
    Q_OBJECT

private slots:
    void classifies_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<OutcomeClass>("outcome");
        QTest::addColumn<QString>("code");
        for (const ProviderErrorCase &row : providerErrorCases())
            QTest::newRow(row.name) << row.status << QByteArray(row.body) << row.outcome
                                    << QString::fromLatin1(row.code);
    }

    void classifies()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(OutcomeClass, outcome);
        QFETCH(QString, code);
        ManualClock clock;
        const OutcomeClassifier classifier(clock);
        const auto result = classifier.classify(status, {}, body);
        QCOMPARE(outcomeClassName(result.outcome), outcomeClassName(outcome));
        QCOMPARE(result.status, status);
        if (!code.isEmpty())
            QCOMPARE(result.providerCode, code);
    }

    void keepsTheProvidersMessageBounded()
    {
        ManualClock clock;
        const OutcomeClassifier classifier(clock);
        const QByteArray body =
            "{\"error\":{\"code\":\"content_policy_violation\",\"message\":\"" + QByteArray(5000, 'x') + "\"}}";
        const auto result = classifier.classify(400, {}, body);
        QCOMPARE(result.outcome, OutcomeClass::ContentPolicy);
        QVERIFY(result.providerMessage.size() <= 500);
        QVERIFY(result.providerMessage.startsWith(QLatin1String("xxx")));
    }

    void retryAfter_data()
    {
        QTest::addColumn<HeaderList>("headers");
        QTest::addColumn<qint64>("expected"); // -1 = none
        QTest::newRow("none") << HeaderList{} << qint64(-1);
        QTest::newRow("seconds") << HeaderList{{"Retry-After", "2"}} << qint64(2000);
        QTest::newRow("case and spaces") << HeaderList{{"retry-AFTER", "  7 "}} << qint64(7000);
        QTest::newRow("fractional seconds") << HeaderList{{"Retry-After", "1.5"}} << qint64(1500);
        QTest::newRow("negative is invalid") << HeaderList{{"Retry-After", "-3"}} << qint64(-1);
        QTest::newRow("nonsense") << HeaderList{{"Retry-After", "soon"}} << qint64(-1);
        QTest::newRow("imf date") << HeaderList{{"Retry-After", "Wed, 06 Nov 2024 08:49:37 GMT"}} << qint64(7000);
        QTest::newRow("rfc 850 date") << HeaderList{{"Retry-After", "Wednesday, 06-Nov-24 08:50:30 GMT"}}
                                      << qint64(60000);
        QTest::newRow("asctime date") << HeaderList{{"Retry-After", "Wed Nov  6 08:49:40 2024"}} << qint64(10000);
        QTest::newRow("date in the past") << HeaderList{{"Retry-After", "Wed, 06 Nov 2024 08:00:00 GMT"}} << qint64(0);
        QTest::newRow("bad month") << HeaderList{{"Retry-After", "Wed, 06 Foo 2024 08:49:37 GMT"}} << qint64(-1);
        QTest::newRow("retry-after-ms wins")
            << HeaderList{{"Retry-After", "2"}, {"retry-after-ms", "350"}} << qint64(350);
        QTest::newRow("huge clamped to a day")
            << HeaderList{{"Retry-After", "99999999999"}} << qint64(24LL * 3600 * 1000);
        QTest::newRow("openai reset for a spent limit") << HeaderList{{"x-ratelimit-remaining-requests", "0"},
                                                                      {"x-ratelimit-reset-requests", "1m2.5s"},
                                                                      {"x-ratelimit-remaining-tokens", "5000"},
                                                                      {"x-ratelimit-reset-tokens", "6m0s"}}
                                                        << qint64(62500);
        QTest::newRow("openai reset ignored when nothing is spent")
            << HeaderList{{"x-ratelimit-remaining-requests", "12"}, {"x-ratelimit-reset-requests", "20ms"}}
            << qint64(-1);
        QTest::newRow("openai reset in ms")
            << HeaderList{{"x-ratelimit-remaining-tokens", "0"}, {"x-ratelimit-reset-tokens", "250ms"}} << qint64(250);
    }
    void retryAfter()
    {
        QFETCH(HeaderList, headers);
        QFETCH(qint64, expected);
        ManualClock clock(0, fixedWall());
        const OutcomeClassifier classifier(clock);
        const auto result = classifier.classify(429, headers, {});
        QCOMPARE(result.outcome, OutcomeClass::Status429);
        QCOMPARE(result.retryAfterMs.value_or(-1), expected);
    }

    void goDurations_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("seconds") << QByteArray("1s") << qint64(1000);
        QTest::newRow("minutes and seconds") << QByteArray("6m0s") << qint64(360000);
        QTest::newRow("hours") << QByteArray("1h2m3.5s") << qint64(3723500);
        QTest::newRow("ms") << QByteArray("20ms") << qint64(20);
        QTest::newRow("bad unit") << QByteArray("3d") << qint64(-1);
        QTest::newRow("no number") << QByteArray("s") << qint64(-1);
        QTest::newRow("empty") << QByteArray("") << qint64(-1);
    }
    void goDurations()
    {
        QFETCH(QByteArray, text);
        QFETCH(qint64, expected);
        QCOMPARE(parseGoDuration(text).value_or(-1), expected);
    }
};

QTEST_GUILESS_MAIN(TestOutcomeClassifier)
#include "tst_outcomeclassifier.moc"
