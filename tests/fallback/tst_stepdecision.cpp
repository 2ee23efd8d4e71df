#include "fallback/RandomSource.h"
#include "fallback/RetryBudgetGate.h"
#include "fallback/StepDecision.h"

#include <QTest>

using namespace understudy;

class TestStepDecision : public QObject
{
    Q_OBJECT

private slots:
    // One row per line of SPEC §3's table and per rule. The random source is
    // fixed at 0.5, so backoff delays are half the ceiling: 50 ms for the
    // first retry, 100 ms for the second (base 100, cap 2000).
    void decisionTable_data()
    {
        QTest::addColumn<QString>("outcome");
        QTest::addColumn<QString>("override"); // "class=action" or empty
        QTest::addColumn<int>("retriesDone");
        QTest::addColumn<qint64>("retryAfter"); // -1 = none
        QTest::addColumn<qint64>("remaining");
        QTest::addColumn<bool>("safeToResend");
        QTest::addColumn<bool>("bodyReached");
        QTest::addColumn<int>("committed"); // 0 no, 1 with mid-stream error, 2 with continue
        QTest::addColumn<bool>("budget");
        QTest::addColumn<QString>("action");
        QTest::addColumn<qint64>("delay");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<bool>("deadlineSpent");

        const QString none;
        const qint64 plenty = 30000;
        auto row = [&](const char *name, const char *outcome, const QString &override, int retries, qint64 retryAfter,
                       qint64 remaining, bool safe, bool reached, int committed, bool budget, const char *action,
                       qint64 delay, const char *reason, bool spent = false) {
            QTest::newRow(name) << QString::fromLatin1(outcome) << override << retries << retryAfter << remaining
                                << safe << reached << committed << budget << QString::fromLatin1(action) << delay
                                << QString::fromLatin1(reason) << spent;
        };

        row("ok is served", "ok", none, 0, -1, plenty, true, true, 0, true, "stop", 0, "served");
        row("5xx first retry", "status_5xx", none, 0, -1, plenty, true, true, 0, true, "retry", 50, "retry");
        row("5xx second retry grows", "status_5xx", none, 1, -1, plenty, true, true, 0, true, "retry", 100, "retry");
        row("5xx retries exhausted", "status_5xx", none, 2, -1, plenty, true, true, 0, true, "next", 0,
            "retries_exhausted");
        row("connect_error retries", "connect_error", none, 0, -1, plenty, true, false, 0, true, "retry", 50, "retry");
        row("reset retries", "reset_before_response", none, 0, -1, plenty, true, false, 0, true, "retry", 50, "retry");
        row("503 waits at least its Retry-After", "status_5xx", none, 0, 1000, plenty, true, true, 0, true, "retry",
            1000, "retry");
        row("429 honours Retry-After", "status_429", none, 0, 2000, plenty, true, true, 0, true, "retry", 2000,
            "retry");
        row("429 Retry-After 0 still waits 1 ms", "status_429", none, 0, 0, plenty, true, true, 0, true, "retry", 1,
            "retry");
        row("429 Retry-After over the step cap", "status_429", none, 0, 6000, plenty, true, true, 0, true, "next", 0,
            "retry_after_over_cap");
        row("429 Retry-After past the deadline", "status_429", none, 0, 2000, 2020, true, true, 0, true, "next", 0,
            "deadline_too_close");
        row("429 without Retry-After backs off", "status_429", none, 0, -1, plenty, true, true, 0, true, "retry", 50,
            "retry");
        row("429 without Retry-After, exhausted", "status_429", none, 2, -1, plenty, true, true, 0, true, "next", 0,
            "retries_exhausted");
        row("connect_timeout moves on", "connect_timeout", none, 0, -1, plenty, true, false, 0, true, "next", 0,
            "connect_timeout");
        row("first_byte_timeout moves on", "first_byte_timeout", none, 0, -1, plenty, true, true, 0, true, "next", 0,
            "first_byte_timeout");
        row("idle_timeout moves on", "idle_timeout", none, 0, -1, plenty, true, true, 0, true, "next", 0,
            "idle_timeout");
        row("context length moves on", "context_length_exceeded", none, 0, -1, plenty, true, true, 0, true, "next", 0,
            "context_length_exceeded");
        row("context length is never re-sent unchanged", "context_length_exceeded",
            QStringLiteral("context_length_exceeded=retry"), 0, -1, plenty, true, true, 0, true, "next", 0,
            "never_resend_unchanged");
        row("content policy stops", "content_policy", none, 0, -1, plenty, true, true, 0, true, "stop", 0,
            "content_policy");
        row("content policy configured to next", "content_policy", QStringLiteral("content_policy=next"), 0, -1, plenty,
            true, true, 0, true, "next", 0, "content_policy");
        row("auth error moves on", "auth_error", none, 0, -1, plenty, true, true, 0, true, "next", 0, "auth_error");
        row("other 4xx stops", "status_4xx", none, 0, -1, plenty, true, true, 0, true, "stop", 0, "status_4xx");
        row("malformed moves on", "malformed_response", none, 0, -1, plenty, true, true, 0, true, "next", 0,
            "malformed_response");
        row("in-band error moves on", "in_band_error", none, 0, -1, plenty, true, true, 0, true, "next", 0,
            "in_band_error");
        row("truncated moves on", "truncated", none, 0, -1, plenty, true, true, 0, true, "next", 0, "truncated");
        row("override: 5xx stops", "status_5xx", QStringLiteral("status_5xx=stop"), 0, -1, plenty, true, true, 0, true,
            "stop", 0, "status_5xx");
        row("override: retry a silent target", "first_byte_timeout", QStringLiteral("first_byte_timeout=retry"), 0, -1,
            plenty, true, true, 0, true, "retry", 50, "retry");
        row("non-idempotent body sent: no retry", "status_5xx", none, 0, -1, plenty, false, true, 0, true, "stop", 0,
            "not_idempotent");
        row("non-idempotent body sent: no next", "first_byte_timeout", none, 0, -1, plenty, false, true, 0, true,
            "stop", 0, "not_idempotent");
        row("non-idempotent, body never left: retry", "connect_error", none, 0, -1, plenty, false, false, 0, true,
            "retry", 50, "retry");
        row("non-idempotent 4xx keeps its reason", "status_4xx", none, 0, -1, plenty, false, true, 0, true, "stop", 0,
            "status_4xx");
        row("committed, mid-stream error", "truncated", none, 0, -1, plenty, true, true, 1, true, "stop", 0,
            "mid_stream_error");
        row("committed, mid-stream continue", "idle_timeout", none, 0, -1, plenty, true, true, 2, true, "next", 0,
            "mid_stream_continue");
        row("committed never retries", "status_5xx", none, 0, -1, plenty, true, true, 1, true, "stop", 0,
            "mid_stream_error");
        row("retry budget exhausted", "status_5xx", none, 0, -1, plenty, true, true, 0, false, "next", 0,
            "retry_budget_exhausted");
        row("backoff does not fit the deadline", "status_5xx", none, 0, -1, 90, true, true, 0, true, "next", 0,
            "deadline_too_close");
        row("next with the deadline spent", "connect_timeout", none, 0, -1, 10, true, true, 0, true, "next", 0,
            "connect_timeout", true);
        row("skipped breaker moves on", "skipped_circuit_open", none, 0, -1, plenty, true, false, 0, true, "next", 0,
            "skipped_circuit_open");
        row("skipped condition moves on", "skipped_condition", none, 0, -1, plenty, true, false, 0, true, "next", 0,
            "skipped_condition");
        row("deadline exceeded stops", "deadline_exceeded", none, 0, -1, 0, true, true, 0, true, "stop", 0,
            "deadline_exceeded", true);
    }
    void decisionTable()
    {
        QFETCH(QString, outcome);
        QFETCH(QString, override);
        QFETCH(int, retriesDone);
        QFETCH(qint64, retryAfter);
        QFETCH(qint64, remaining);
        QFETCH(bool, safeToResend);
        QFETCH(bool, bodyReached);
        QFETCH(int, committed);
        QFETCH(bool, budget);

        Step step; // defaults: 2 retries, backoff 100..2000, Retry-After cap 5000
        if (!override.isEmpty()) {
            const auto parts = override.split(u'=');
            step.onOutcome[*outcomeClassFromName(parts[0])] = *stepActionFromName(parts[1]);
        }
        AttemptFacts facts;
        facts.outcome = *outcomeClassFromName(outcome);
        facts.retriesDone = retriesDone;
        if (retryAfter >= 0)
            facts.retryAfterMs = retryAfter;
        facts.remainingMs = remaining;
        facts.safeToResend = safeToResend;
        facts.bodyReachedUpstream = bodyReached;
        facts.committed = committed != 0;
        facts.midStream = committed == 2 ? MidStreamPolicy::Continue : MidStreamPolicy::Error;
        facts.retryBudgetAvailable = budget;

        ScriptedRandom random({0.5});
        const StepDecision decision = decideStep(step, facts, random);
        QTEST(stepActionName(decision.action), "action");
        QTEST(decision.delayMs, "delay");
        QTEST(decision.reason, "reason");
        QTEST(decision.deadlineSpent, "deadlineSpent");
        QVERIFY(!decision.retrySlotHeld);
    }

    void retryDelayStaysInBackoffBounds()
    {
        Step step;
        step.retry.maxRetries = 10;
        SeededRandom random(3);
        AttemptFacts facts;
        facts.outcome = OutcomeClass::Status5xx;
        facts.remainingMs = 60000;
        for (int retry = 0; retry < 10; ++retry) {
            facts.retriesDone = retry;
            const qint64 ceiling = std::min<qint64>(2000, qint64(100) << retry);
            for (int i = 0; i < 200; ++i) {
                const auto decision = decideStep(step, facts, random);
                QCOMPARE(decision.action, StepAction::Retry);
                QVERIFY(decision.delayMs >= 1 && decision.delayMs <= ceiling);
            }
        }
    }

    void retryReservesABudgetSlot()
    {
        RetryBudgetGate gate(RetryBudget{0.0, 1});
        gate.requestStarted();
        Step step;
        AttemptFacts facts;
        facts.outcome = OutcomeClass::Status5xx;
        facts.remainingMs = 30000;
        facts.retryBudget = &gate;
        ScriptedRandom random({0.5});
        const auto first = decideStep(step, facts, random);
        QCOMPARE(first.action, StepAction::Retry);
        QVERIFY(first.retrySlotHeld);
        QCOMPARE(gate.retriesInFlight(), qint64(1));
        const auto second = decideStep(step, facts, random);
        QCOMPARE(second.action, StepAction::Next);
        QCOMPARE(second.reason, QStringLiteral("retry_budget_exhausted"));
        QCOMPARE(gate.exhaustedTotal(), quint64(1));
        gate.releaseRetry();
        // Decisions that are not retries never take a slot.
        facts.outcome = OutcomeClass::FirstByteTimeout;
        QVERIFY(!decideStep(step, facts, random).retrySlotHeld);
        QCOMPARE(gate.retriesInFlight(), qint64(0));
    }

    void safeToResend_data()
    {
        QTest::addColumn<bool>("llm");
        QTest::addColumn<QString>("method");
        QTest::addColumn<bool>("optIn");
        QTest::addColumn<bool>("safe");
        QTest::newRow("llm POST") << true << QStringLiteral("POST") << false << true;
        QTest::newRow("http GET") << false << QStringLiteral("GET") << false << true;
        QTest::newRow("http PUT") << false << QStringLiteral("PUT") << false << true;
        QTest::newRow("http delete lower case") << false << QStringLiteral("delete") << false << true;
        QTest::newRow("http POST") << false << QStringLiteral("POST") << false << false;
        QTest::newRow("http PATCH") << false << QStringLiteral("PATCH") << false << false;
        QTest::newRow("http POST opted in") << false << QStringLiteral("POST") << true << true;
    }
    void safeToResend()
    {
        QFETCH(bool, llm);
        QFETCH(QString, method);
        QFETCH(bool, optIn);
        QTEST(isSafeToResend(llm ? RouteKind::Llm : RouteKind::Http, method, optIn), "safe");
    }

    void contextWindow_data()
    {
        QTest::addColumn<qint64>("window");
        QTest::addColumn<qint64>("estimate");
        QTest::addColumn<bool>("fits");
        QTest::newRow("fits") << qint64(8192) << qint64(8000) << true;
        QTest::newRow("exactly") << qint64(8192) << qint64(8192) << true;
        QTest::newRow("too small") << qint64(8192) << qint64(9000) << false;
        QTest::newRow("unknown window") << qint64(0) << qint64(900000) << true;
        QTest::newRow("unknown estimate") << qint64(8192) << qint64(-1) << true;
    }
    void contextWindow()
    {
        QFETCH(qint64, window);
        QFETCH(qint64, estimate);
        ModelInfo model;
        model.contextWindow = window;
        QTEST(fitsContextWindow(&model, estimate), "fits");
        QVERIFY(fitsContextWindow(nullptr, estimate));
    }
};

QTEST_GUILESS_MAIN(TestStepDecision)
#include "tst_stepdecision.moc"
