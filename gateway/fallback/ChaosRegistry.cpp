#include "fallback/ChaosRegistry.h"

#include "fallback/Clock.h"

#include <algorithm>

namespace understudy {

ChaosRegistry::ChaosRegistry(const Clock &clock) : m_clock(clock)
{}

Result<ChaosInjection> ChaosRegistry::start(const ChaosRequest &request)
{
    auto invalid = [](const QString &message) {
        return Result<ChaosInjection>::failure(QStringLiteral("invalid_chaos"), message);
    };
    if (request.provider.isEmpty())
        return invalid(QStringLiteral("name the provider to inject the fault in front of"));
    if (request.fault.fault == MockFault::None)
        return invalid(QStringLiteral("the fault must not be 'none'"));
    if (request.durationMs < 1 || request.durationMs > kMaxDurationMs)
        return invalid(QStringLiteral("duration must be between 1 ms and %1 ms").arg(kMaxDurationMs));

    const qint64 now = m_clock.nowMs();
    std::lock_guard lock(m_mutex);
    pruneLocked(now);
    std::erase_if(m_injections,
                  [&](const ChaosInjection &i) { return i.provider == request.provider && i.model == request.model; });
    ChaosInjection injection;
    injection.id = m_nextId++;
    injection.provider = request.provider;
    injection.model = request.model;
    injection.fault = request.fault;
    injection.startedAtMs = now;
    injection.expiresAtMs = now + request.durationMs;
    injection.note = request.note;
    m_injections.push_back(injection);
    return injection;
}

bool ChaosRegistry::stop(quint64 id)
{
    std::lock_guard lock(m_mutex);
    pruneLocked(m_clock.nowMs());
    return std::erase_if(m_injections, [id](const ChaosInjection &i) { return i.id == id; }) > 0;
}

int ChaosRegistry::stopAll()
{
    std::lock_guard lock(m_mutex);
    pruneLocked(m_clock.nowMs());
    const int count = static_cast<int>(m_injections.size());
    m_injections.clear();
    return count;
}

std::vector<ChaosInjection> ChaosRegistry::list() const
{
    std::lock_guard lock(m_mutex);
    pruneLocked(m_clock.nowMs());
    return m_injections;
}

std::optional<ChaosInjection> ChaosRegistry::find(quint64 id) const
{
    std::lock_guard lock(m_mutex);
    pruneLocked(m_clock.nowMs());
    for (const ChaosInjection &i : m_injections) {
        if (i.id == id)
            return i;
    }
    return std::nullopt;
}

std::optional<MockSettings> ChaosRegistry::active(const QString &provider, const QString &model) const
{
    std::lock_guard lock(m_mutex);
    if (m_injections.empty())
        return std::nullopt;
    pruneLocked(m_clock.nowMs());
    const ChaosInjection *providerWide = nullptr;
    for (const ChaosInjection &i : m_injections) {
        if (i.provider != provider)
            continue;
        if (!i.model.isEmpty() && i.model == model)
            return i.fault;
        if (i.model.isEmpty())
            providerWide = &i;
    }
    return providerWide ? std::optional<MockSettings>(providerWide->fault) : std::nullopt;
}

void ChaosRegistry::pruneLocked(qint64 now) const
{
    std::erase_if(m_injections, [now](const ChaosInjection &i) { return i.expiresAtMs <= now; });
}

} // namespace understudy
