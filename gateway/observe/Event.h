#pragma once

// One operational event of SPEC §6 (breaker transitions, config applied or
// rejected, listener start/stop, pool errors, log drops, retention runs):
// what happened, to what, when, with a JSON detail. Posted through EventLog,
// stored in the workspace's `events` table by RequestLogWriter.

#include <QJsonObject>
#include <QString>

namespace understudy {

struct Event
{
    qint64 id = 0;   // process-local sequence from EventLog (0 if not posted through one)
    qint64 atMs = 0; // wall clock, ms since epoch
    QString kind;    // one of the kEvent* names below (free text is allowed)
    QString subject; // what it is about: target, listener, route, "request_log"
    QJsonObject detail;
};

// Stable kind names; the console filters on them.
inline constexpr char kEventBreakerTransition[] = "breaker_transition"; // detail: from, to, reason
inline constexpr char kEventConfigApplied[] = "config_applied";         // detail: revision, summary
inline constexpr char kEventConfigRejected[] = "config_rejected";       // detail: errors (array of {path, message})
inline constexpr char kEventListenerStarted[] = "listener_started";     // detail: address, port
inline constexpr char kEventListenerStopped[] = "listener_stopped";
inline constexpr char kEventPoolError[] = "pool_error"; // detail: error
inline constexpr char kEventLogDrop[] = "log_drop";     // detail: bodies, summaries, events (since last)
inline constexpr char kEventRetention[] = "retention";  // detail: deleted row counts, took_ms

} // namespace understudy
