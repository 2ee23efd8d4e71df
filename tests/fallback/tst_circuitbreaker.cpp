#include "fallback/BreakerRegistry.h"
#include "fallback/CircuitBreaker.h"
#include "fallback/Clock.h"
#include "fallback/RandomSource.h"

#include <QTest>

#include <thread>

using namespace understudy;

namespace {

using Verdict = BreakerAdmission::Verdict;

BreakerPolicy testPolicy()
{
    BreakerPolicy policy;
    policy.consecutiveFailures = 3;
    policy.failureRatio = 0.5;
    policy.windowMs = 10000;
    policy.minimumVolume = 10;
    policy.openBaseMs = 1000;
    policy.openMaxMs = 5000;
    policy.halfOpenProbes = 1;
    policy.recoveryRampMs = 0;
    return policy;
}

// A breaker with a ManualClock and a random source fixed at 0.5, which makes
// the jitter factor exactly 1.0.
struct Fixture
{
    explicit Fixture(BreakerPolicy policy = testPolicy(), std::vector<double> randoms = {0.5})
        : random(std::move(randoms))
        , breaker(QStringLiteral("openai/gpt-4o"), policy, clock, random,
                  [this](const BreakerTransition &event) { events.push_back(event); })
    {}

    void attempt(OutcomeClass outcome, std::optional<qint64> retryAfter = std::nullopt)
    {
        const auto admission = breaker.admit();
        QVERIFY(admission.allowed());
        breaker.record(admission, outcome, retryAfter);
    }

    QStringList reasons() const
    {
        QStringList out;
        for (const auto &event : events)
            out << event.reason;
        return out;
    }

    ManualClock clock;
    ScriptedRandom random;
    std::vector<BreakerTransition> events;
    CircuitBreaker breaker;
};

} // namespace

class TestCircuitBreaker : public QObject
{
    Q_OBJECT

private slots:
    void opensOnConsecutiveFailures()
    {
        Fixture f;
        f.attempt(OutcomeClass::Status5xx);
        f.attempt(OutcomeClass::Status5xx);
        f.attempt(OutcomeClass::Ok); // a success breaks the streak
        f.attempt(OutcomeClass::ConnectError);
        f.attempt(OutcomeClass::FirstByteTimeout);
        QCOMPARE(f.breaker.state(), BreakerState::Closed);
        f.attempt(OutcomeClass::ResetBeforeResponse);
        QCOMPARE(f.breaker.state(), BreakerState::Open);
        QCOMPARE(f.reasons(), QStringList{QStringLiteral("consecutive_failures")});
        QCOMPARE(f.events[0].from, BreakerState::Closed);
        QCOMPARE(f.events[0].to, BreakerState::Open);
        QCOMPARE(f.events[0].target, QStringLiteral("openai/gpt-4o"));
        QCOMPARE(f.events[0].atMs, f.clock.nowMs());
        QCOMPARE(f.events[0].at, f.clock.wallNow());
        QCOMPARE(f.breaker.admit().verdict, Verdict::RefusedOpen);
    }

    void ratioNeedsMinimumVolume()
    {
        BreakerPolicy policy = testPolicy();
        policy.consecutiveFailures = 0; // ratio only
        Fixture f(policy);
        for (int i = 0; i < 4; ++i) {
            f.attempt(OutcomeClass::Status5xx);
            f.attempt(OutcomeClass::Ok);
        }
        f.attempt(OutcomeClass::Status5xx); // 9 requests, 5 failures: above ratio, below volume
        QCOMPARE(f.breaker.state(), BreakerState::Closed);
        QCOMPARE(f.breaker.snapshot().windowRequests, qint64(9));
        f.attempt(OutcomeClass::Status5xx); // 10 requests, 6 failures
        QCOMPARE(f.breaker.state(), BreakerState::Open);
        QCOMPARE(f.reasons(), QStringList{QStringLiteral("failure_ratio")});
    }

    void ratioBelowThresholdStaysClosed()
    {
        BreakerPolicy policy = testPolicy();
        policy.consecutiveFailures = 0;
        Fixture f(policy);
        for (int i = 0; i < 30; ++i)
            f.attempt(i % 3 == 0 ? OutcomeClass::Status5xx : OutcomeClass::Ok); // a third fail
        QCOMPARE(f.breaker.state(), BreakerState::Closed);
    }

    void oldFailuresAgeOutOfTheWindow()
    {
        BreakerPolicy policy = testPolicy();
        policy.consecutiveFailures = 0;
        Fixture f(policy);
        for (int i = 0; i < 9; ++i)
            f.attempt(OutcomeClass::Status5xx);
        f.clock.advance(11000); // past the 10 s window
        QCOMPARE(f.breaker.snapshot().windowRequests, qint64(0));
        f.attempt(OutcomeClass::Status5xx);
        QCOMPARE(f.breaker.state(), BreakerState::Closed);
    }

    void nonCountingClassesNeverTrip_data()
    {
        QTest::addColumn<OutcomeClass>("outcome");
        QTest::addColumn<bool>("counts");
        QTest::newRow("status_4xx") << OutcomeClass::Status4xx << false;
        QTest::newRow("content_policy") << OutcomeClass::ContentPolicy << false;
        QTest::newRow("context_length_exceeded") << OutcomeClass::ContextLengthExceeded << false;
        QTest::newRow("deadline_exceeded") << OutcomeClass::DeadlineExceeded << false;
        QTest::newRow("auth_error") << OutcomeClass::AuthError << true;
        QTest::newRow("status_429") << OutcomeClass::Status429 << true;
        QTest::newRow("status_5xx") << OutcomeClass::Status5xx << true;
        QTest::newRow("connect_timeout") << OutcomeClass::ConnectTimeout << true;
        QTest::newRow("idle_timeout") << OutcomeClass::IdleTimeout << true;
        QTest::newRow("malformed_response") << OutcomeClass::MalformedResponse << true;
        QTest::newRow("in_band_error") << OutcomeClass::InBandError << true;
        QTest::newRow("truncated") << OutcomeClass::Truncated << true;
    }
    void nonCountingClassesNeverTrip()
    {
        QFETCH(OutcomeClass, outcome);
        QFETCH(bool, counts);
        QCOMPARE(CircuitBreaker::countsAsFailure(outcome), counts);
        Fixture f;
        for (int i = 0; i < 20; ++i) {
            const auto admission = f.breaker.admit();
            if (!admission.allowed())
                break;
            f.breaker.record(admission, outcome);
        }
        QCOMPARE(f.breaker.state(), counts ? BreakerState::Open : BreakerState::Closed);
    }

    void openTimeGrowsAndCaps()
    {
        Fixture f;
        for (int i = 0; i < 3; ++i)
            f.attempt(OutcomeClass::Status5xx);
        QCOMPARE(f.breaker.msUntilClose(), qint64(1000));
        const qint64 expected[] = {2000, 4000, 5000, 5000};
        for (qint64 duration : expected) {
            f.clock.advance(f.breaker.msUntilClose());
            QCOMPARE(f.breaker.state(), BreakerState::HalfOpen);
            f.attempt(OutcomeClass::Status5xx); // the probe fails
            QCOMPARE(f.breaker.state(), BreakerState::Open);
            QCOMPARE(f.breaker.msUntilClose(), duration);
        }
        QCOMPARE(f.breaker.snapshot().openings, 5);
    }

    void openTimeIsJittered_data()
    {
        QTest::addColumn<double>("random");
        QTest::addColumn<int>("openings");
        QTest::addColumn<qint64>("duration");
        QTest::newRow("low end, first opening") << 0.0 << 1 << qint64(800);
        QTest::newRow("high end, first opening") << 0.999999 << 1 << qint64(1199);
        QTest::newRow("low end at the cap") << 0.0 << 4 << qint64(4000);
        QTest::newRow("high end at the cap never exceeds max") << 0.999999 << 4 << qint64(5000);
    }
    void openTimeIsJittered()
    {
        QFETCH(double, random);
        QFETCH(int, openings);
        QFETCH(qint64, duration);
        Fixture f(testPolicy(), {random});
        for (int i = 0; i < 3; ++i)
            f.attempt(OutcomeClass::Status5xx);
        for (int i = 1; i < openings; ++i) {
            f.clock.advance(f.breaker.msUntilClose());
            f.attempt(OutcomeClass::Status5xx);
        }
        QCOMPARE(f.breaker.msUntilClose(), duration);
    }

    void retryAfterKeepsItOpenLonger()
    {
        Fixture f;
        f.attempt(OutcomeClass::Status429);
        f.attempt(OutcomeClass::Status429);
        f.attempt(OutcomeClass::Status429, 30000);
        QCOMPARE(f.breaker.msUntilClose(), qint64(30000));
        f.clock.advance(29000);
        QCOMPARE(f.breaker.admit().verdict, Verdict::RefusedOpen);
        // A shorter Retry-After never shortens the open time.
        Fixture g;
        g.attempt(OutcomeClass::Status5xx);
        g.attempt(OutcomeClass::Status5xx);
        g.attempt(OutcomeClass::Status5xx, 10);
        QCOMPARE(g.breaker.msUntilClose(), qint64(1000));
    }

    void halfOpenAdmitsKProbesAndRefusesTheRest()
    {
        BreakerPolicy policy = testPolicy();
        policy.halfOpenProbes = 2;
        Fixture f(policy);
        for (int i = 0; i < 3; ++i)
            f.attempt(OutcomeClass::Status5xx);
        f.clock.advance(1000);
        const auto first = f.breaker.admit();
        const auto second = f.breaker.admit();
        const auto third = f.breaker.admit();
        QVERIFY(first.allowed() && first.probe);
        QVERIFY(second.allowed() && second.probe);
        QCOMPARE(third.verdict, Verdict::RefusedHalfOpen);
        QCOMPARE(f.breaker.snapshot().probesInFlight, 2);
        f.breaker.cancel(second); // never ran: frees its slot
        QVERIFY(f.breaker.admit().probe);
        f.breaker.record(first, OutcomeClass::Ok);
        QCOMPARE(f.breaker.state(), BreakerState::Closed);
        QCOMPARE(f.reasons(), (QStringList{QStringLiteral("consecutive_failures"), QStringLiteral("open_elapsed"),
                                           QStringLiteral("probe_succeeded")}));
        QVERIFY(f.breaker.admit().allowed());
    }

    void neutralProbeKeepsItHalfOpen()
    {
        Fixture f;
        for (int i = 0; i < 3; ++i)
            f.attempt(OutcomeClass::Status5xx);
        f.clock.advance(1000);
        f.attempt(OutcomeClass::Status4xx);
        QCOMPARE(f.breaker.state(), BreakerState::HalfOpen);
        QVERIFY(f.breaker.admit().probe); // the slot was released
    }

    void openingsResetAfterAStablePeriod()
    {
        Fixture f;
        for (int round = 0; round < 2; ++round) {
            for (int i = 0; i < 3; ++i)
                f.attempt(OutcomeClass::Status5xx);
            f.clock.advance(f.breaker.msUntilClose());
            f.attempt(OutcomeClass::Ok);
        }
        // Re-opened soon after closing: grown.
        for (int i = 0; i < 3; ++i)
            f.attempt(OutcomeClass::Status5xx);
        QCOMPARE(f.breaker.msUntilClose(), qint64(4000));
        f.clock.advance(4000);
        f.attempt(OutcomeClass::Ok);
        f.clock.advance(5000); // closed for openMax: back to the base duration
        for (int i = 0; i < 3; ++i)
            f.attempt(OutcomeClass::Status5xx);
        QCOMPARE(f.breaker.msUntilClose(), qint64(1000));
    }

    void recoveryRampAdmitsARisingShare()
    {
        BreakerPolicy policy = testPolicy();
        policy.recoveryRampMs = 10000;
        Fixture f(policy, {0.5});
        for (int i = 0; i < 3; ++i)
            f.attempt(OutcomeClass::Status5xx);
        f.clock.advance(1000);
        f.attempt(OutcomeClass::Ok); // probe closes; the ramp starts
        QVERIFY(qAbs(f.breaker.snapshot().admitShare - 0.1) < 1e-9);
        QCOMPARE(f.breaker.admit().verdict, Verdict::RefusedRamp); // 0.5 >= 0.1
        f.clock.advance(5000);                                     // share 0.55
        QVERIFY(f.breaker.admit().allowed());                      // 0.5 < 0.55
        f.clock.advance(1000);                                     // share 0.64
        QVERIFY(f.breaker.admit().allowed());
        f.clock.advance(4000); // ramp over
        QCOMPARE(f.breaker.snapshot().admitShare, 1.0);
        ScriptedRandom unused({0.99});
        Q_UNUSED(unused);
        QVERIFY(f.breaker.admit().allowed());
    }

    void rampRefusesTheRightFraction()
    {
        BreakerPolicy policy = testPolicy();
        policy.recoveryRampMs = 10000;
        Fixture f(policy, {0.05, 0.3, 0.6, 0.95});
        for (int i = 0; i < 3; ++i)
            f.attempt(OutcomeClass::Status5xx); // draws 0.05 for jitter
        f.clock.advance(f.breaker.msUntilClose());
        f.attempt(OutcomeClass::Ok);
        f.clock.advance(5000); // share 0.55; next draws: 0.3, 0.6, 0.95, 0.05
        QVERIFY(f.breaker.admit().allowed());
        QCOMPARE(f.breaker.admit().verdict, Verdict::RefusedRamp);
        QCOMPARE(f.breaker.admit().verdict, Verdict::RefusedRamp);
        QVERIFY(f.breaker.admit().allowed());
    }

    void forceOpenForceClosedAndReset()
    {
        Fixture f;
        f.breaker.forceOpen();
        QCOMPARE(f.breaker.state(), BreakerState::Open);
        QCOMPARE(f.breaker.msUntilClose(), qint64(-1));
        f.clock.advance(1000000);
        QCOMPARE(f.breaker.admit().verdict, Verdict::RefusedOpen);
        QCOMPARE(f.breaker.admitAnyway().verdict, Verdict::RefusedOpen); // operators win over "everything open"
        f.breaker.forceClosed();
        for (int i = 0; i < 50; ++i)
            f.attempt(OutcomeClass::Status5xx);
        QCOMPARE(f.breaker.state(), BreakerState::Closed);
        QCOMPARE(f.breaker.snapshot().mode, BreakerOverride::ForcedClosed);
        f.breaker.reset();
        QCOMPARE(f.breaker.snapshot().mode, BreakerOverride::None);
        QCOMPARE(f.breaker.snapshot().windowRequests, qint64(0));
        for (int i = 0; i < 3; ++i)
            f.attempt(OutcomeClass::Status5xx);
        QCOMPARE(f.breaker.state(), BreakerState::Open);
        QCOMPARE(f.breaker.msUntilClose(), qint64(1000)); // reset also forgot the openings
        QCOMPARE(f.reasons(), (QStringList{QStringLiteral("forced_open"), QStringLiteral("forced_closed"),
                                           QStringLiteral("reset"), QStringLiteral("consecutive_failures")}));
    }

    void admitAnywayProbesAnOpenTarget()
    {
        Fixture f;
        for (int i = 0; i < 3; ++i)
            f.attempt(OutcomeClass::Status5xx);
        QCOMPARE(f.breaker.admit().verdict, Verdict::RefusedOpen);
        const auto forced = f.breaker.admitAnyway();
        QVERIFY(forced.allowed() && forced.probe);
        f.breaker.record(forced, OutcomeClass::Ok);
        QCOMPARE(f.breaker.state(), BreakerState::Closed);
    }

    void disabledBreakerNeverOpens()
    {
        BreakerPolicy policy = testPolicy();
        policy.enabled = false;
        Fixture f(policy);
        for (int i = 0; i < 30; ++i)
            f.attempt(OutcomeClass::Status5xx);
        QCOMPARE(f.breaker.state(), BreakerState::Closed);
        QVERIFY(f.events.empty());
    }

    void registryCreatesLazilyAndSnapshots()
    {
        ManualClock clock;
        ScriptedRandom random({0.5});
        std::vector<BreakerTransition> events;
        BreakerRegistry registry(clock, random, [&](const BreakerTransition &event) { events.push_back(event); });
        const QString key = breakerTargetKey(QStringLiteral("anthropic"), QStringLiteral("claude"));
        QCOMPARE(key, QStringLiteral("anthropic/claude"));
        QVERIFY(!registry.find(key));
        QVERIFY(!registry.forceOpen(key));
        const auto a = registry.breaker(key, testPolicy());
        QCOMPARE(registry.breaker(key, testPolicy()), a);
        const auto b = registry.breaker(breakerTargetKey(QStringLiteral("aaa"), {}), testPolicy());
        QVERIFY(registry.forceOpen(key));
        QCOMPARE(events.size(), std::size_t(1));
        QCOMPARE(events[0].target, key);
        const auto snapshot = registry.snapshot();
        QCOMPARE(snapshot.size(), std::size_t(2));
        QCOMPARE(snapshot[0].target, QStringLiteral("aaa/"));
        QCOMPARE(snapshot[1].state, BreakerState::Open);
        QVERIFY(registry.reset(key));
        QCOMPARE(a->state(), BreakerState::Closed);

        // A new policy is taken over by the same breaker.
        BreakerPolicy stricter = testPolicy();
        stricter.consecutiveFailures = 1;
        QCOMPARE(registry.breaker(key, stricter), a);
        const auto admission = a->admit();
        a->record(admission, OutcomeClass::Status5xx);
        QCOMPARE(a->state(), BreakerState::Open);
        Q_UNUSED(b);
    }

    // With no traffic, an open breaker still turns half-open when its time
    // is up, once, with the transition the event log and gauges need; a
    // forced-open one stays open.
    void advanceReportsTheElapsedOpenTimeWithoutTraffic()
    {
        ManualClock clock;
        ScriptedRandom random({0.5});
        std::vector<BreakerTransition> events;
        BreakerRegistry registry(clock, random, [&](const BreakerTransition &event) { events.push_back(event); });
        BreakerPolicy policy = testPolicy();
        policy.consecutiveFailures = 1;
        const auto tripped = registry.breaker(QStringLiteral("a/m"), policy);
        const auto forced = registry.breaker(QStringLiteral("b/m"), policy);
        tripped->record(tripped->admit(), OutcomeClass::Status5xx);
        QVERIFY(registry.forceOpen(QStringLiteral("b/m")));
        QCOMPARE(events.size(), std::size_t(2));

        clock.advance(999);
        registry.advanceAll();
        QCOMPARE(events.size(), std::size_t(2)); // not yet
        clock.advance(1);
        registry.advanceAll();
        QCOMPARE(events.size(), std::size_t(3));
        QCOMPARE(events[2].target, QStringLiteral("a/m"));
        QCOMPARE(events[2].from, BreakerState::Open);
        QCOMPARE(events[2].to, BreakerState::HalfOpen);
        QCOMPARE(events[2].reason, QStringLiteral("open_elapsed"));
        QCOMPARE(events[2].atMs, clock.nowMs());
        registry.advanceAll();
        QCOMPARE(events.size(), std::size_t(3)); // once
        QCOMPARE(forced->state(), BreakerState::Open);
        // The probe is still there for the next request.
        QVERIFY(tripped->admit().probe);
    }

    // Concurrent admits and records keep the breaker consistent.
    void concurrentUseStaysConsistent()
    {
        const SystemClock &clock = SystemClock::instance();
        BreakerPolicy policy = testPolicy();
        policy.consecutiveFailures = 0;
        policy.minimumVolume = 1000000; // never trips: we count
        CircuitBreaker breaker(QStringLiteral("t"), policy, clock, SystemRandom::instance());
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&breaker, t] {
                for (int i = 0; i < 2000; ++i) {
                    const auto admission = breaker.admit();
                    breaker.record(admission, (i + t) % 2 ? OutcomeClass::Ok : OutcomeClass::Status5xx);
                    breaker.snapshot();
                }
            });
        }
        for (auto &thread : threads)
            thread.join();
        const auto snapshot = breaker.snapshot();
        QCOMPARE(snapshot.state, BreakerState::Closed);
        QVERIFY(snapshot.windowRequests <= 8000);
        QVERIFY(snapshot.windowFailures <= snapshot.windowRequests);
    }
};

QTEST_GUILESS_MAIN(TestCircuitBreaker)
#include "tst_circuitbreaker.moc"
