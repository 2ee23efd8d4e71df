// TrafficFilter: expressions that match / do not match sample trails, and
// the errors bad input gets.

#include "live/TrafficFilter.h"

#include <QDateTime>
#include <QTest>

using namespace understudy;

namespace {

// A chat request that fell back from OpenAI (503) to Anthropic.
RequestTrail fallbackTrail()
{
    RequestTrail t;
    t.requestId = "req_abc123";
    t.route = QStringLiteral("chat");
    t.method = QStringLiteral("POST");
    t.path = QStringLiteral("/v1/chat/completions");
    t.status = 200;
    t.durationMs = 2400;
    t.ttftMs = 650;
    t.servedBy = QStringLiteral("chat/steps[1] anthropic/claude-3-5-haiku");
    t.fallbackDepth = 1;
    AttemptRecord a;
    a.target = QStringLiteral("openai/gpt-4o-mini");
    a.outcome = OutcomeClass::Status5xx;
    a.upstreamStatus = 503;
    AttemptRecord b;
    b.target = QStringLiteral("anthropic/claude-3-5-haiku");
    t.attempts = {a, b};
    return t;
}

// A models listing that failed with a timeout.
RequestTrail failedTrail()
{
    RequestTrail t;
    t.requestId = "req_zz9";
    t.route = QStringLiteral("models");
    t.method = QStringLiteral("GET");
    t.path = QStringLiteral("/v1/models");
    t.status = 504;
    t.durationMs = 300;
    t.outcome = OutcomeClass::FirstByteTimeout;
    AttemptRecord a;
    a.target = QStringLiteral("openai/gpt-4o-mini");
    a.outcome = OutcomeClass::FirstByteTimeout;
    t.attempts = {a};
    return t;
}

} // namespace

class TestTrafficFilter : public QObject
{
    Q_OBJECT

private slots:
    void matching_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<bool>("matchesFallback");
        QTest::addColumn<bool>("matchesFailed");

        QTest::newRow("empty") << QString() << true << true;
        QTest::newRow("blank") << QStringLiteral("   ") << true << true;
        QTest::newRow("status>=500") << QStringLiteral("status>=500") << false << true;
        QTest::newRow("status:200") << QStringLiteral("status:200") << true << false;
        QTest::newRow("status=504") << QStringLiteral("status=504") << false << true;
        QTest::newRow("status<300") << QStringLiteral("status<300") << true << false;
        QTest::newRow("status:5xx") << QStringLiteral("status:5xx") << false << true;
        QTest::newRow("status:2XX") << QStringLiteral("status:2XX") << true << false;
        QTest::newRow("route:chat") << QStringLiteral("route:chat") << true << false;
        QTest::newRow("route by path") << QStringLiteral("route:/v1/models") << false << true;
        QTest::newRow("served substring ci") << QStringLiteral("served:ANTHROPIC") << true << false;
        QTest::newRow("method:get") << QStringLiteral("method:get") << false << true;
        QTest::newRow("outcome of an attempt") << QStringLiteral("outcome:status_5xx") << true << false;
        QTest::newRow("final outcome") << QStringLiteral("outcome:first_byte_timeout") << false << true;
        QTest::newRow("outcome:ok") << QStringLiteral("outcome:ok") << true << false;
        QTest::newRow("fallback:yes") << QStringLiteral("fallback:yes") << true << false;
        QTest::newRow("fallback:no") << QStringLiteral("fallback:no") << false << true;
        QTest::newRow("duration>2s") << QStringLiteral("duration>2s") << true << false;
        QTest::newRow("duration>2.5s") << QStringLiteral("duration>2.5s") << false << false;
        QTest::newRow("duration<=300ms") << QStringLiteral("duration<=300ms") << false << true;
        QTest::newRow("duration bare ms") << QStringLiteral("duration<301") << false << true;
        QTest::newRow("ttft>500ms") << QStringLiteral("ttft>500ms") << true << false;
        QTest::newRow("ttft without ttft never matches") << QStringLiteral("ttft<10m") << true << false;
        QTest::newRow("quoted text in request id") << QStringLiteral("\"abc1\"") << true << false;
        QTest::newRow("quoted text in outcome") << QStringLiteral("\"timeout\"") << false << true;
        QTest::newRow("quoted text with space") << QStringLiteral("\"steps[1] anthropic\"") << true << false;
        QTest::newRow("bare word text") << QStringLiteral("models") << false << true;
        QTest::newRow("AND") << QStringLiteral("route:chat status>=500") << false << false;
        QTest::newRow("AND both hold") << QStringLiteral("route:chat fallback:yes ttft>500ms") << true << false;
        QTest::newRow("negation") << QStringLiteral("-route:chat") << false << true;
        QTest::newRow("negated text") << QStringLiteral("-\"timeout\"") << true << false;
        QTest::newRow("negation and term") << QStringLiteral("-fallback:yes status:5xx") << false << true;
        QTest::newRow("quoted value") << QStringLiteral("served:\"steps[1] anthropic\"") << true << false;
        QTest::newRow("target of a failed attempt") << QStringLiteral("target:openai") << true << true;
        QTest::newRow("target ci") << QStringLiteral("target:GPT-4O") << true << true;
        QTest::newRow("target that served") << QStringLiteral("target:anthropic") << true << false;
        QTest::newRow("target in served-by only") << QStringLiteral("target:steps[1]") << true << false;
        QTest::newRow("negated target") << QStringLiteral("-target:anthropic") << false << true;
        QTest::newRow("target nowhere") << QStringLiteral("target:gemini") << false << false;
    }

    void matching()
    {
        QFETCH(QString, expression);
        QFETCH(bool, matchesFallback);
        QFETCH(bool, matchesFailed);
        const auto filter = TrafficFilter::parse(expression);
        QVERIFY2(filter.ok(), qPrintable(filter.ok() ? QString() : filter.error().message));
        QCOMPARE(filter->matches(fallbackTrail()), matchesFallback);
        QCOMPARE(filter->matches(failedTrail()), matchesFailed);
    }

    void errors_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("mentions");

        QTest::newRow("unknown key") << QStringLiteral("colour:red") << QStringLiteral("unknown key 'colour'");
        QTest::newRow("status not a number") << QStringLiteral("status>=abc") << QStringLiteral("not an HTTP status");
        QTest::newRow("status class with >") << QStringLiteral("status>5xx") << QStringLiteral("only works with ':'");
        QTest::newRow("bad duration") << QStringLiteral("duration>2x") << QStringLiteral("not a duration");
        QTest::newRow("negative duration") << QStringLiteral("ttft>-5ms") << QStringLiteral("not a duration");
        QTest::newRow("fallback value") << QStringLiteral("fallback:maybe") << QStringLiteral("'yes' or 'no'");
        QTest::newRow("unknown outcome") << QStringLiteral("outcome:broken") << QStringLiteral("unknown outcome");
        QTest::newRow("route with >") << QStringLiteral("route>chat") << QStringLiteral("only supports ':'");
        QTest::newRow("missing value") << QStringLiteral("status>=") << QStringLiteral("needs a value");
        QTest::newRow("missing key") << QStringLiteral(":500") << QStringLiteral("missing key");
        QTest::newRow("bad operator") << QStringLiteral("status=>500") << QStringLiteral("unknown operator");
        QTest::newRow("unterminated quote") << QStringLiteral("route:chat \"timeout") << QStringLiteral("Column 12");
        QTest::newRow("lonely minus") << QStringLiteral("route:chat - status:200") << QStringLiteral("'-'");
        QTest::newRow("empty quotes") << QStringLiteral("\"\"") << QStringLiteral("empty text");
        QTest::newRow("target with >") << QStringLiteral("target>x") << QStringLiteral("only supports ':'");
        QTest::newRow("after with >") << QStringLiteral("after>14:00") << QStringLiteral("only supports ':'");
        QTest::newRow("bad clock") << QStringLiteral("after:25:99") << QStringLiteral("not a time");
        QTest::newRow("bad date") << QStringLiteral("before:2026-13-40T10:00:00") << QStringLiteral("not a time");
        QTest::newRow("words") << QStringLiteral("before:lunch") << QStringLiteral("not a time");
    }

    // after: is inclusive, before: exclusive; HH:MM[:SS] is on the given
    // day in local time.
    void timeBounds_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<bool>("matches");

        const QDateTime at(QDate(2026, 12, 1), QTime(14, 5, 30));
        const QString epoch = QString::number(at.toMSecsSinceEpoch());
        QTest::newRow("after HH:MM") << QStringLiteral("after:14:05") << true;
        QTest::newRow("after later HH:MM") << QStringLiteral("after:14:06") << false;
        QTest::newRow("after same second") << QStringLiteral("after:14:05:30") << true;
        QTest::newRow("after next second") << QStringLiteral("after:14:05:31") << false;
        QTest::newRow("before same second") << QStringLiteral("before:14:05:30") << false;
        QTest::newRow("before next minute") << QStringLiteral("before:14:06") << true;
        QTest::newRow("single digit hour") << QStringLiteral("after:9:00") << true;
        QTest::newRow("window") << QStringLiteral("after:14:00 before:14:10") << true;
        QTest::newRow("window missed") << QStringLiteral("after:14:10 before:14:20") << false;
        QTest::newRow("ISO date-time") << QStringLiteral("after:2026-12-01T14:05:00") << true;
        QTest::newRow("ISO with ms") << QStringLiteral("before:2026-12-01T14:05:30.001") << true;
        QTest::newRow("ISO other day") << QStringLiteral("after:2026-12-02T00:00:00") << false;
        QTest::newRow("ISO UTC") << QStringLiteral("after:") + at.toUTC().toString(Qt::ISODate) << true;
        QTest::newRow("epoch ms equal") << QStringLiteral("after:") + epoch << true;
        QTest::newRow("epoch ms before") << QStringLiteral("before:") + epoch << false;
        QTest::newRow("negated") << QStringLiteral("-before:14:00") << true;
        QTest::newRow("with target") << QStringLiteral("target:anthropic after:14:05 before:14:06") << true;
    }

    void timeBounds()
    {
        QFETCH(QString, expression);
        QFETCH(bool, matches);
        RequestTrail t = fallbackTrail();
        t.startedAtMs = QDateTime(QDate(2026, 12, 1), QTime(14, 5, 30)).toMSecsSinceEpoch();
        const auto filter = TrafficFilter::parse(expression, QDate(2026, 12, 1));
        QVERIFY2(filter.ok(), qPrintable(filter.ok() ? QString() : filter.error().message));
        QCOMPARE(filter->matches(t), matches);
    }

    void clockTimesAreToday()
    {
        const auto at = TrafficFilter::parseTime(QStringLiteral("08:30"), QDate::currentDate());
        QVERIFY(at);
        QCOMPARE(*at, QDateTime(QDate::currentDate(), QTime(8, 30)).toMSecsSinceEpoch());
        const auto filter = TrafficFilter::parse(QStringLiteral("after:00:00"));
        QVERIFY(filter.ok());
        RequestTrail t = fallbackTrail();
        t.startedAtMs = QDateTime::currentMSecsSinceEpoch();
        QVERIFY(filter->matches(t));
        t.startedAtMs -= 48LL * 3600 * 1000; // the day before yesterday
        QVERIFY(!filter->matches(t));
    }

    void completesTheNewKeys()
    {
        const QStringList keys = TrafficFilter::completionKeys();
        QVERIFY(keys.contains(QStringLiteral("target:")));
        QVERIFY(keys.contains(QStringLiteral("after:")));
        QVERIFY(keys.contains(QStringLiteral("before:")));
    }

    void errors()
    {
        QFETCH(QString, expression);
        QFETCH(QString, mentions);
        const auto filter = TrafficFilter::parse(expression);
        QVERIFY(!filter.ok());
        QCOMPARE(filter.error().code, QStringLiteral("bad_filter"));
        QVERIFY2(filter.error().message.contains(mentions), qPrintable(filter.error().message));
    }
};

QTEST_GUILESS_MAIN(TestTrafficFilter)
#include "tst_trafficfilter.moc"
