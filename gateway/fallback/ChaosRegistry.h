#pragma once

// Fault injection in front of real targets (SPEC §7 "chaos"): an operator
// asks that attempts to one provider (optionally one model of it) fail the
// way a mock provider would, for a bounded time. The attempt factory asks
// active() before it builds an attempt and, on a hit, plays the returned
// mock settings instead of contacting the upstream.
//
// Locking: one std::mutex guards the list of injections; every method takes
// it for a short scan of a handful of entries, so workers can call active()
// per attempt. Expired injections are dropped lazily by any call.

#include "config/Config.h"
#include "core/Result.h"

#include <QString>

#include <mutex>
#include <optional>
#include <vector>

namespace understudy {

class Clock;

struct ChaosInjection
{
    quint64 id = 0;
    QString provider;   // target provider name
    QString model;      // empty = every model of the provider
    MockSettings fault; // fault != MockFault::None
    qint64 startedAtMs = 0;
    qint64 expiresAtMs = 0; // on the registry's clock (Clock::nowMs)
    QString note;           // free text from the operator
};

struct ChaosRequest
{
    QString provider;
    QString model;
    MockSettings fault;
    qint64 durationMs = 0;
    QString note;
};

class ChaosRegistry final
{
public:
    // Every injection ends by itself; an outage rehearsal longer than this
    // is a misconfiguration, not a rehearsal.
    static constexpr qint64 kMaxDurationMs = 24LL * 60 * 60 * 1000;

    explicit ChaosRegistry(const Clock &clock);
    Q_DISABLE_COPY_MOVE(ChaosRegistry)

    // "invalid_chaos" when the provider name is empty, the fault is None,
    // or the duration is not within 1 ms .. kMaxDurationMs. A new injection
    // on the same provider and model replaces the older one.
    Result<ChaosInjection> start(const ChaosRequest &request);
    // False when no active injection has this id.
    bool stop(quint64 id);
    // Ends every injection; returns how many were active.
    int stopAll();

    // Active injections, oldest first.
    std::vector<ChaosInjection> list() const;
    std::optional<ChaosInjection> find(quint64 id) const;

    // The fault to play for an attempt to `provider`/`model` now, if any:
    // an injection naming the model wins over one for the whole provider.
    std::optional<MockSettings> active(const QString &provider, const QString &model) const;

    const Clock &clock() const { return m_clock; }

private:
    void pruneLocked(qint64 now) const;

    const Clock &m_clock;
    mutable std::mutex m_mutex;
    mutable std::vector<ChaosInjection> m_injections;
    quint64 m_nextId = 1;
};

} // namespace understudy
