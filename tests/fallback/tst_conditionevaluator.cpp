#include "fallback/ConditionEvaluator.h"

#include <QTest>

using namespace understudy;

namespace {

RequestFacts standardFacts()
{
    RequestFacts facts;
    facts.headers = {{"X-Tier", "gold"}, {"x-team", " search "}};
    facts.consumer = QStringLiteral("acme");
    facts.tier = QStringLiteral("pro");
    facts.method = QStringLiteral("POST");
    facts.stream = true;
    facts.requestedModel = QStringLiteral("gpt-4o-mini");
    facts.estimatedPromptTokens = 5000;
    return facts;
}

Condition windowCondition(int days, int from, int to, bool utc = true, ConditionOp op = ConditionOp::Equals)
{
    Condition c;
    c.kind = ConditionKind::TimeWindow;
    c.op = op;
    c.days = days;
    c.fromMinute = from;
    c.toMinute = to;
    c.utc = utc;
    return c;
}

constexpr int kMonday = 1 << 0;
constexpr int kFriday = 1 << 4;
constexpr int kWeekdays = 0x1f;

} // namespace

class TestConditionEvaluator : public QObject
{
    Q_OBJECT

private slots:
    void requestConditions_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("op");
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("holds");
        auto row = [](const char *name, const char *kind, const char *key, const char *op, const char *value,
                      bool holds) {
            QTest::newRow(name) << QString::fromLatin1(kind) << QString::fromLatin1(key) << QString::fromLatin1(op)
                                << QString::fromLatin1(value) << holds;
        };
        row("header equals, name case-insensitive", "header", "x-tier", "equals", "gold", true);
        row("header equals other value", "header", "x-tier", "equals", "silver", false);
        row("header value is trimmed", "header", "X-Team", "equals", "search", true);
        row("header value is case-sensitive", "header", "x-tier", "equals", "GOLD", false);
        row("missing header equals nothing", "header", "x-absent", "equals", "", false);
        row("missing header is not-equal", "header", "x-absent", "not_equals", "gold", true);
        row("header not-equals", "header", "x-tier", "not_equals", "gold", false);
        row("header regex search", "header", "x-tier", "regex", "^(gold|platinum)$", true);
        row("header regex no match", "header", "x-tier", "regex", "^plat", false);
        row("header in list", "header", "x-tier", "in", "silver, gold ,bronze", true);
        row("header not in list", "header", "x-tier", "in", "silver,bronze", false);
        row("consumer equals", "consumer", "", "equals", "acme", true);
        row("consumer in", "consumer", "", "in", "globex,initech", false);
        row("tier regex", "tier", "", "regex", "pro|enterprise", true);
        row("method case-insensitive", "method", "", "equals", "post", true);
        row("method in", "method", "", "in", "GET,HEAD", false);
        row("stream true", "stream", "", "equals", "true", true);
        row("stream false", "stream", "", "equals", "false", false);
        row("stream not-equals false", "stream", "", "not_equals", "false", true);
        row("model regex", "model", "", "regex", "^gpt-4o", true);
        row("model equals other", "model", "", "equals", "gpt-4o", false);
        row("tokens below bound", "prompt_tokens", "", "less_than", "8000", true);
        row("tokens above bound", "prompt_tokens", "", "greater_than", "8000", false);
        row("tokens above small bound", "prompt_tokens", "", "greater_than", "4999", true);
        row("tokens not strictly less", "prompt_tokens", "", "less_than", "5000", false);
    }
    void requestConditions()
    {
        QFETCH(QString, kind);
        QFETCH(QString, key);
        QFETCH(QString, op);
        QFETCH(QString, value);
        Condition c;
        const auto parsedKind = conditionKindFromName(kind);
        const auto parsedOp = conditionOpFromName(op);
        QVERIFY2(parsedKind && parsedOp, qPrintable(kind + u' ' + op));
        c.kind = *parsedKind;
        c.op = *parsedOp;
        c.key = key;
        c.value = value;
        const auto compiled = ConditionEvaluator::compile({c});
        QVERIFY(compiled.ok());
        QTEST(compiled->holds(standardFacts(), QDateTime::currentDateTimeUtc()), "holds");
    }

    void unknownTokenEstimateSatisfiesNoBound()
    {
        Condition c;
        c.kind = ConditionKind::PromptTokens;
        c.op = ConditionOp::LessThan;
        c.value = QStringLiteral("100000");
        RequestFacts facts = standardFacts();
        facts.estimatedPromptTokens = -1;
        QVERIFY(!ConditionEvaluator::compile({c})->holds(facts, QDateTime::currentDateTimeUtc()));
    }

    void firstFailingNamesTheCondition()
    {
        Condition method;
        method.kind = ConditionKind::Method;
        method.value = QStringLiteral("POST");
        Condition tier;
        tier.kind = ConditionKind::Tier;
        tier.value = QStringLiteral("free");
        const auto compiled = ConditionEvaluator::compile({method, tier});
        QCOMPARE(compiled->firstFailing(standardFacts(), QDateTime::currentDateTimeUtc()), std::optional<int>(1));
        QVERIFY(ConditionEvaluator::compile({})->holds(standardFacts(), QDateTime()));
        QCOMPARE(describeCondition(tier), QStringLiteral("tier equals free"));
    }

    void badConditionsAreRejected()
    {
        Condition regex;
        regex.op = ConditionOp::Regex;
        regex.key = QStringLiteral("x-tier");
        regex.value = QStringLiteral("(unclosed");
        const auto badRegex = ConditionEvaluator::compile({Condition{}, regex});
        QVERIFY(!badRegex.ok());
        QVERIFY(badRegex.error().message.startsWith(QLatin1String("conditions[1]")));
        Condition tokens;
        tokens.kind = ConditionKind::PromptTokens;
        tokens.op = ConditionOp::LessThan;
        tokens.value = QStringLiteral("lots");
        QVERIFY(!ConditionEvaluator::compile({tokens}).ok());
    }

    // 2024-01-01 is a Monday.
    void timeWindows_data()
    {
        QTest::addColumn<int>("days");
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("to");
        QTest::addColumn<bool>("inverse");
        QTest::addColumn<QDateTime>("when");
        QTest::addColumn<bool>("holds");
        auto at = [](int day, int hour, int minute) {
            return QDateTime(QDate(2024, 1, day), QTime(hour, minute), Qt::UTC);
        };
        QTest::newRow("office hours, inside") << kWeekdays << 9 * 60 << 17 * 60 << false << at(3, 10, 0) << true;
        QTest::newRow("office hours, start inclusive")
            << kWeekdays << 9 * 60 << 17 * 60 << false << at(3, 9, 0) << true;
        QTest::newRow("office hours, end exclusive")
            << kWeekdays << 9 * 60 << 17 * 60 << false << at(3, 17, 0) << false;
        QTest::newRow("office hours, Saturday") << kWeekdays << 9 * 60 << 17 * 60 << false << at(6, 10, 0) << false;
        QTest::newRow("outside office hours") << kWeekdays << 9 * 60 << 17 * 60 << true << at(3, 20, 0) << true;
        QTest::newRow("night wraps: Friday evening") << kFriday << 22 * 60 << 6 * 60 << false << at(5, 23, 30) << true;
        QTest::newRow("night wraps: Saturday morning belongs to Friday")
            << kFriday << 22 * 60 << 6 * 60 << false << at(6, 3, 0) << true;
        QTest::newRow("night wraps: Friday morning belongs to Thursday")
            << kFriday << 22 * 60 << 6 * 60 << false << at(5, 3, 0) << false;
        QTest::newRow("night wraps: Saturday 06:00 is over")
            << kFriday << 22 * 60 << 6 * 60 << false << at(6, 6, 0) << false;
        QTest::newRow("Sunday night into Monday") << (1 << 6) << 23 * 60 << 60 << false << at(1, 0, 30) << true;
        QTest::newRow("whole Monday") << kMonday << 0 << 24 * 60 << false << at(1, 23, 59) << true;
        QTest::newRow("from equals to is the whole day") << kMonday << 300 << 300 << false << at(1, 1, 0) << true;
        QTest::newRow("day not in mask") << kMonday << 0 << 24 * 60 << false << at(2, 12, 0) << false;
    }
    void timeWindows()
    {
        QFETCH(int, days);
        QFETCH(int, from);
        QFETCH(int, to);
        QFETCH(bool, inverse);
        QFETCH(QDateTime, when);
        const Condition c =
            windowCondition(days, from, to, true, inverse ? ConditionOp::NotEquals : ConditionOp::Equals);
        QTEST(ConditionEvaluator::compile({c})->holds(standardFacts(), when), "holds");
    }

    // Local windows use the machine's zone: build the instant from a local time.
    void localTimeWindow()
    {
        const QDateTime localTen(QDate(2024, 1, 3), QTime(10, 0), Qt::LocalTime);
        const Condition local = windowCondition(0x7f, 9 * 60 + 30, 10 * 60 + 30, false);
        QVERIFY(ConditionEvaluator::compile({local})->holds(standardFacts(), localTen.toUTC()));
        const Condition localLater = windowCondition(0x7f, 11 * 60, 12 * 60, false);
        QVERIFY(!ConditionEvaluator::compile({localLater})->holds(standardFacts(), localTen.toUTC()));
    }
};

QTEST_GUILESS_MAIN(TestConditionEvaluator)
#include "tst_conditionevaluator.moc"
