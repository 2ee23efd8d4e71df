#pragma once

// Runs one request through its route's chain (SPEC §3-§4): steps in order,
// conditions, breakers, retries with backoff, Retry-After, the deadline,
// cache and static answers, and the commit point. Lives on the worker
// thread of the request's connection and deletes itself when done.
//
// Commit point: nothing reaches the client until the serving attempt has
// produced a complete, valid body (non-stream) or its first content event
// (llm streams, see StreamRelay). Before that every failure falls back
// invisibly; after it, a failure follows the chain's mid-stream policy.

#include "engine/RuntimeSnapshot.h"
#include "fallback/AttemptTrail.h"
#include "fallback/CircuitBreaker.h"
#include "fallback/ExecutorServices.h"
#include "fallback/RequestFacts.h"
#include "upstream/HttpHeaders.h"

#include <QBasicTimer>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include <memory>

namespace understudy {

class AttemptStream;
class HttpExchange;
struct StreamRelay;
class UpstreamPool;
struct ChainPlan;
struct PlannedStep;

class ChainRun final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChainRun)

public:
    // No attempt starts with less budget than this (SPEC §3 "Deadline").
    static constexpr qint64 kMinimumAttemptMs = 50;
    // Routes with log_bodies: the request log keeps at most this much of
    // each body (it caps and redacts again on its side).
    static constexpr qint64 kCapturedBodyBytes = 64 * 1024;

    ChainRun(HttpExchange *exchange, RuntimeSnapshotPtr snapshot, const Route &route,
             std::shared_ptr<ExecutorServices> services, UpstreamPool &pool);
    ~ChainRun() override;

    // Starts from the event loop; the run answers the exchange and then
    // deletes itself.
    void start();

private:
    struct Candidate
    {
        int stepIndex = -1;
        int member = -1;
    };
    enum class Phase { Idle, Waiting, Body, Streaming };

    // Step walk.
    void advance();
    bool enterStep(int index);
    void tryNextMember();
    void launch(int member, BreakerAdmission admission);
    void runEverythingOpenRule();
    void scheduleRetry(qint64 delayMs);
    void onRetryTimer();
    void timerEvent(QTimerEvent *event) override;
    void releaseRetrySlot();

    // Attempt events.
    void onHead(int status, const HttpHeaders &headers);
    void onBody(const QByteArray &data);
    void onFinished();
    void onFailed(OutcomeClass outcome, const QString &detail);
    void onFirstByteTimeout();
    void onIdleTimeout();
    void onDeadline();
    void concludeAttempt(OutcomeClass outcome, const QString &detail, std::optional<qint64> retryAfterMs = {},
                         QString providerMessage = {});
    void dropAttempt();
    void recordAttempt(OutcomeClass outcome, const QString &detail, std::optional<qint64> retryAfterMs = {});
    void recordServed(OutcomeClass outcome);

    // Streams (ChainRunStream.cpp).
    void relayStreamBytes(const QByteArray &data);
    void endOfStream();
    void failAfterCommit(OutcomeClass outcome, const QString &detail);
    bool continueWithPrefill();
    void endStreamWithError();

    // Hedging (ChainRunHedge.cpp): a second attempt on the next step while
    // the current one has not answered within the step's hedge delay.
    struct Hedge
    {
        AttemptStream *stream = nullptr;
        int stepIndex = -1;
        int member = -1;
        std::vector<int> memberOrder;
        std::shared_ptr<CircuitBreaker> breaker;
        BreakerAdmission admission;
        qint64 startMs = 0;
        int firstByteMs = 0;
        int idleMs = 0;
    };
    void armHedge();
    void startHedge();
    void onHedgeHead(int status, const HttpHeaders &headers);
    void onHedgeFailed(OutcomeClass outcome, const QString &detail);
    void promoteHedge();
    void dropHedge(OutcomeClass outcome, const QString &decision, bool toBreaker);
    Timeouts clippedTimeouts(const Step &step) const;

    // Answers (ChainRunAnswers.cpp).
    void commitHead(qint64 contentLength, int status = 0, HttpHeaders headers = {});
    void storeInCache(const QByteArray &completion);
    bool answerFromCache(const PlannedStep &planned);
    void answerStatic(const PlannedStep &planned);
    void answerError(int status, const QByteArray &type, const QString &message, const QByteArray &code = {});
    void answerExhausted();
    void stopWith(OutcomeClass outcome, const QString &providerMessage);
    HttpHeaders trailHeaders() const;
    void finishRun();

    const PlannedStep &currentStep() const;
    const Target &currentTarget() const;
    // The current step's path, with the member for group steps.
    QString currentAttemptPath() const;
    QString targetLabel(const Target &target) const;
    qint64 elapsedMs() const { return m_clock.elapsed(); }
    qint64 remainingMs() const;
    bool isLlm() const;

    QPointer<HttpExchange> m_exchange;
    RuntimeSnapshotPtr m_snapshot;
    const Route &m_route;
    std::shared_ptr<ExecutorServices> m_services;
    UpstreamPool &m_pool;
    const ChainPlan *m_plan = nullptr;
    RequestFacts m_facts;
    RequestTrail m_trail;
    QElapsedTimer m_clock;
    qint64 m_deadlineMs = 0;
    bool m_safeToResend = true;
    bool m_deadlineSpent = false;

    // Position in the chain.
    int m_stepIndex = -1;
    std::vector<int> m_memberOrder;
    size_t m_memberPos = 0;
    int m_member = -1;
    int m_retriesDone = 0;
    int m_attemptsStarted = 0;
    int m_stepsPassed = 0;
    std::vector<Candidate> m_refusedByBreaker;
    std::vector<QString> m_contextRejected; // targets that said "too long"
    bool m_everythingOpenTried = false;

    // Current attempt.
    AttemptStream *m_stream = nullptr;
    std::shared_ptr<CircuitBreaker> m_breaker;
    BreakerAdmission m_admission;
    Phase m_phase = Phase::Idle;
    int m_status = 0;
    HttpHeaders m_headers;
    QByteArray m_body;
    qint64 m_attemptStartMs = 0;
    qint64 m_attemptTtftMs = -1;
    bool m_retrySlotHeld = false;
    std::unique_ptr<StreamRelay> m_relay; // llm streams only
    bool m_committed = false;
    bool m_passThrough = false; // the current attempt streams its body straight through (http routes)
    bool m_pausedForClient = false;
    int m_idleMs = 0;
    qint64 m_trailBytes = 0;
    QString m_prefill;         // text already streamed to the client (mid-stream continue)
    QByteArray m_streamId;     // id and model of the stream the client sees
    bool m_lastChance = false; // the "everything open" attempt
    bool m_started = false;
    bool m_done = false;
    OutcomeClass m_midStreamFailure = OutcomeClass::Ok; // what cut the committed stream

    // QBasicTimer: no QObject per timer on the per-request path.
    QBasicTimer m_firstByteTimer;
    QBasicTimer m_idleTimer;
    QBasicTimer m_deadlineTimer;
    QBasicTimer m_retryTimer;
    QBasicTimer m_hedgeTimer;
    Hedge m_hedge;
    qint64 m_lastActivityMs = 0;
};

} // namespace understudy
