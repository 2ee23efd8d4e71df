#pragma once

// The request log's writer: every request's summary and attempt trail (and,
// when a route asks for them, its redacted headers and bodies), the event
// log and the per-minute metric rollups go to the workspace through ONE
// dedicated thread with its own SQLite connection, in batched transactions.
//
// The data plane never waits on SQLite. submit() copies the trail into a
// bounded queue under a mutex held for a push (no I/O, no waiting) and
// returns. When the writer falls behind and the queue passes its byte bound,
// the bodies of the oldest queued requests are dropped first, then the
// oldest summaries; past the entry bound the oldest summaries go. Every drop
// is counted (stats(), Prometheus understudy_log_dropped_total, and a
// `log_drop` event at most once a second).
//
// Retention (by age and by row count) runs on the writer thread between
// batches, every retention.intervalMs, and posts a `retention` event when
// it deleted anything: it drops whole segments of the log where it can
// (RequestLogSegments.h) and deletes rows in small batches where it must.
// A log past its row cap is also brought back under it between batches
// (Connection::trimToCap), so a busy log at its cap never has a minute of
// traffic to delete at once.
//
// The workspace must already be at schema 7 or later (Workspace::open or
// create migrate it); the writer never migrates.

#include "core/Result.h"
#include "fallback/AttemptTrail.h"
#include "observe/Event.h"
#include "observe/LogRedaction.h"
#include "observe/MinuteRollup.h"

#include <QString>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace understudy {

// Headers and bodies of one exchange, as captured by the data plane (raw:
// the writer thread redacts and caps them before they are stored). The
// executor hands them over with the trail (RequestTrail::bodies).
using CapturedExchange = CapturedBodies;
// What a captured exchange weighs against the queue's byte bound.
qsizetype capturedByteSize(const CapturedExchange &exchange);

struct RetentionPolicy
{
    qint64 maxAgeMs = 30LL * 24 * 3600 * 1000; // requests (and their trails/bodies)
    qint64 maxRows = 1000000;                  // requests; oldest go first
    qint64 eventMaxAgeMs = 30LL * 24 * 3600 * 1000;
    qint64 rollupMaxAgeMs = 30LL * 24 * 3600 * 1000;
    qint64 intervalMs = 60 * 1000; // how often the writer runs it by itself
    int deleteChunk = 2000;        // rows per DELETE, so readers never wait long
    // Rows per segment of the log (observe/RequestLogSegments.h); 0: an
    // eighth of maxRows.
    qint64 segmentRows = 0;
};

struct RetentionResult
{
    qint64 requestsByAge = 0;
    qint64 requestsByCount = 0;
    qint64 events = 0;
    qint64 rollups = 0;
    qint64 tookMs = 0;
    bool ok = true;
};

class RequestLogWriter final
{
public:
    struct Options
    {
        QString workspacePath;
        qsizetype maxQueuedEntries = 50000;
        qsizetype maxQueuedBytes = 64 * 1024 * 1024;
        qsizetype maxQueuedEvents = 10000;
        // Rows per transaction at most. Larger batches rewrite fewer pages
        // per row but hold a shared core longer: 500 keeps the proxy's p99
        // near 3 ms while logging (2000: near 5 ms) for the same CPU.
        int batchRows = 500;
        int flushIntervalMs = 100; // a partial batch waits at most this long
        RedactionRules redaction;
        RetentionPolicy retention;
        std::function<qint64()> nowMs; // wall clock; default: the system clock
        // Called on the writer thread before each batch is written, with its
        // row count. Tests inject a slow writer here.
        std::function<void(int rows)> beforeBatch;
        // Where the writer's own events (log_drop, retention) go, e.g.
        // EventLog::post; without one they are stored directly.
        std::function<void(const QString &kind, const QString &subject, const QJsonObject &detail)> postEvent;
    };

    struct Stats
    {
        std::uint64_t submitted = 0;       // summaries handed to submit()
        std::uint64_t written = 0;         // summaries committed
        std::uint64_t bodiesSubmitted = 0; // submits that carried headers/bodies
        std::uint64_t bodiesWritten = 0;
        std::uint64_t bodiesDropped = 0; // includes bodies of dropped summaries
        std::uint64_t summariesDropped = 0;
        std::uint64_t eventsDropped = 0;
        std::uint64_t writeErrors = 0; // rows lost to a failed transaction
        std::uint64_t batches = 0;
        qint64 queued = 0;
        qint64 queuedBytes = 0;
    };

    // Starts the writer thread and opens its connection there; fails if the
    // workspace cannot be opened or is older than schema 7.
    static Result<std::unique_ptr<RequestLogWriter>> start(Options options);
    // Writes what is queued, then stops the thread.
    ~RequestLogWriter();
    Q_DISABLE_COPY_MOVE(RequestLogWriter)

    // Any thread, never blocks on I/O. `exchange` may be null (the default:
    // bodies are off unless the route turns them on).
    // The trail is encoded into its row here, on the caller's thread; the
    // writer thread only binds and writes it.
    void submit(const RequestTrail &trail, std::shared_ptr<const CapturedExchange> exchange = {});
    void submitEvent(Event event);
    void submitRollups(std::vector<MinuteRollup> rollups);

    // Blocks until everything queued before the call is written (or
    // dropped). For tests and shutdown; never call it on the data plane.
    void flush();
    // Runs retention now on the writer thread and waits for its result.
    RetentionResult runRetention();

    Stats stats() const;

    // Requests one INSERT carries: one statement run (cursor opening,
    // journal and index bookkeeping) serves this many. A batch's last few
    // rows go one at a time; tests cover both paths.
    static constexpr int kRowsPerStatement = 16;

private:
    struct Entry;
    explicit RequestLogWriter(Options options);
    void enqueue(Entry &&entry);
    void dropFrontLocked();
    std::size_t queuedLocked() const;
    bool dropOldestBodyLocked();
    void run(std::shared_ptr<std::promise<Result<void>>> opened);
    qint64 now() const;

    class Connection;
    Options m_options;
    Redactor m_redactor;

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;     // writer waits here
    std::condition_variable m_progress; // flush()/runRetention() wait here
    // Entries from m_queueHead on are queued; those before it were dropped
    // or taken. A vector (not a deque: an Entry is big enough for a deque
    // to allocate a node per push) that the writer swaps with its own
    // cleared one, so steady traffic allocates nothing here.
    std::vector<Entry> m_queue;
    std::size_t m_queueHead = 0;
    std::vector<Event> m_events;
    std::vector<MinuteRollup> m_rollups;
    qsizetype m_queuedBytes = 0;
    std::size_t m_bodyCursor = 0; // queued entries before this index carry no body
    int m_flushWaiters = 0;
    bool m_busy = false;
    bool m_stop = false;
    bool m_retentionRequested = false;
    std::uint64_t m_retentionRuns = 0;
    RetentionResult m_lastRetention;

    std::atomic<std::uint64_t> m_submitted{0}, m_written{0}, m_bodiesSubmitted{0}, m_bodiesWritten{0},
        m_bodiesDropped{0}, m_summariesDropped{0}, m_eventsDropped{0}, m_writeErrors{0}, m_batches{0};

    std::thread m_thread;
};

} // namespace understudy
