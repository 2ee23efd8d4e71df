#include "TrailCatcher.h"

#include <mutex>

namespace understudy {

struct TrailCatcher::State
{
    std::mutex mutex;
    QByteArray expected;                // guarded by mutex
    std::optional<RequestTrail> caught; // guarded by mutex
};

TrailCatcher::TrailCatcher() : m_state(std::make_shared<State>())
{}

std::function<void(const RequestTrail &)> TrailCatcher::sink() const
{
    return [state = m_state](const RequestTrail &trail) {
        std::lock_guard lock(state->mutex);
        if (!state->expected.isEmpty() && trail.requestId == state->expected)
            state->caught = trail;
    };
}

void TrailCatcher::expect(const QByteArray &requestId)
{
    std::lock_guard lock(m_state->mutex);
    if (m_state->expected == requestId)
        return;
    m_state->expected = requestId;
    m_state->caught.reset();
}

QByteArray TrailCatcher::expected() const
{
    std::lock_guard lock(m_state->mutex);
    return m_state->expected;
}

std::optional<RequestTrail> TrailCatcher::take()
{
    std::lock_guard lock(m_state->mutex);
    return std::exchange(m_state->caught, std::nullopt);
}

} // namespace understudy
