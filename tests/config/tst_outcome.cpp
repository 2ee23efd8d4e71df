#include "config/Config.h"
#include "config/Outcome.h"

#include <QTest>

#include <set>

using namespace understudy;

Q_DECLARE_METATYPE(OutcomeClass)
Q_DECLARE_METATYPE(StepAction)

class TestOutcome final : public QObject
{
    Q_OBJECT

private slots:
    void namesRoundTrip();
    void unknownNamesAreRejected();
    void defaultDecisionTable_data();
    void defaultDecisionTable();
    void onlyOperatorDecisionsAreConfigurable();
    void stepOverridesTakePrecedence();
};

void TestOutcome::namesRoundTrip()
{
    std::set<QString> seen;
    for (auto outcome : kAllOutcomeClasses) {
        const QString name = outcomeClassName(outcome);
        QVERIFY(!name.isEmpty());
        QVERIFY2(seen.insert(name).second, qPrintable(name));
        QCOMPARE(outcomeClassFromName(name), std::optional<OutcomeClass>(outcome));
    }
    for (auto action : {StepAction::Retry, StepAction::Next, StepAction::Stop})
        QCOMPARE(stepActionFromName(stepActionName(action)), std::optional<StepAction>(action));
    // The names of SPEC §3, spelled exactly.
    QCOMPARE(outcomeClassName(OutcomeClass::Status429), QStringLiteral("status_429"));
    QCOMPARE(outcomeClassName(OutcomeClass::FirstByteTimeout), QStringLiteral("first_byte_timeout"));
    QCOMPARE(outcomeClassName(OutcomeClass::SkippedCircuitOpen), QStringLiteral("skipped_circuit_open"));
}

void TestOutcome::unknownNamesAreRejected()
{
    QCOMPARE(outcomeClassFromName(QStringLiteral("status_500")), std::nullopt);
    QCOMPARE(outcomeClassFromName(QStringLiteral("OK")), std::nullopt);
    QCOMPARE(outcomeClassFromName(QString()), std::nullopt);
    QCOMPARE(stepActionFromName(QStringLiteral("Retry")), std::nullopt);
}

void TestOutcome::defaultDecisionTable_data()
{
    QTest::addColumn<OutcomeClass>("outcome");
    QTest::addColumn<StepAction>("action");
    // SPEC §3 table, row by row. Retry = "retry up to the step's retries,
    // then next"; for 429 it means "honour Retry-After when it fits".
    QTest::newRow("connect_error") << OutcomeClass::ConnectError << StepAction::Retry;
    QTest::newRow("reset_before_response") << OutcomeClass::ResetBeforeResponse << StepAction::Retry;
    QTest::newRow("status_5xx") << OutcomeClass::Status5xx << StepAction::Retry;
    QTest::newRow("status_429") << OutcomeClass::Status429 << StepAction::Retry;
    QTest::newRow("connect_timeout") << OutcomeClass::ConnectTimeout << StepAction::Next;
    QTest::newRow("first_byte_timeout") << OutcomeClass::FirstByteTimeout << StepAction::Next;
    QTest::newRow("idle_timeout") << OutcomeClass::IdleTimeout << StepAction::Next;
    QTest::newRow("context_length_exceeded") << OutcomeClass::ContextLengthExceeded << StepAction::Next;
    QTest::newRow("content_policy") << OutcomeClass::ContentPolicy << StepAction::Stop;
    QTest::newRow("auth_error") << OutcomeClass::AuthError << StepAction::Next;
    QTest::newRow("status_4xx") << OutcomeClass::Status4xx << StepAction::Stop;
    QTest::newRow("malformed_response") << OutcomeClass::MalformedResponse << StepAction::Next;
    QTest::newRow("in_band_error") << OutcomeClass::InBandError << StepAction::Next;
    QTest::newRow("truncated") << OutcomeClass::Truncated << StepAction::Next;
    // Not decisions of the table, but fixed by the executor's model.
    QTest::newRow("skipped_circuit_open") << OutcomeClass::SkippedCircuitOpen << StepAction::Next;
    QTest::newRow("skipped_condition") << OutcomeClass::SkippedCondition << StepAction::Next;
    QTest::newRow("deadline_exceeded") << OutcomeClass::DeadlineExceeded << StepAction::Stop;
    QTest::newRow("ok") << OutcomeClass::Ok << StepAction::Stop;
}

void TestOutcome::defaultDecisionTable()
{
    QFETCH(OutcomeClass, outcome);
    QFETCH(StepAction, action);
    QCOMPARE(stepActionName(defaultStepAction(outcome)), stepActionName(action));
    // A step without overrides follows the table.
    QCOMPARE(stepActionName(Step{}.actionFor(outcome)), stepActionName(action));
}

void TestOutcome::onlyOperatorDecisionsAreConfigurable()
{
    std::set<OutcomeClass> fixed;
    for (auto outcome : kAllOutcomeClasses) {
        if (!isConfigurableOutcome(outcome))
            fixed.insert(outcome);
    }
    const std::set<OutcomeClass> expected = {OutcomeClass::Ok, OutcomeClass::SkippedCircuitOpen,
                                             OutcomeClass::SkippedCondition, OutcomeClass::DeadlineExceeded};
    QVERIFY(fixed == expected);
}

void TestOutcome::stepOverridesTakePrecedence()
{
    Step step;
    step.onOutcome[OutcomeClass::ContentPolicy] = StepAction::Next;
    QCOMPARE(step.actionFor(OutcomeClass::ContentPolicy), StepAction::Next);
    QCOMPARE(step.actionFor(OutcomeClass::Status4xx), StepAction::Stop);
}

QTEST_GUILESS_MAIN(TestOutcome)
#include "tst_outcome.moc"
