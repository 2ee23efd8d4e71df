#pragma once

// Catches the attempt trail of the Playground's own request among every
// trail the engine finishes.
//
// Threads: sink() runs on the engine's workers. It compares the trail's
// request id with the one expected (one short lock) and copies only a match,
// so the rest of the traffic costs a comparison. The GUI side polls take()
// from a timer while a trail is awaited; the trail may arrive before or
// after the client has read the answer, and the shared state outlives the
// catcher (the engine may hold the sink longer than the page lives).

#include "fallback/AttemptTrail.h"

#include <QByteArray>

#include <functional>
#include <memory>
#include <optional>

namespace understudy {

class TrailCatcher final
{
public:
    TrailCatcher();

    std::function<void(const RequestTrail &)> sink() const;
    // Waits for `requestId` from now on; a trail caught for an earlier id
    // is dropped.
    void expect(const QByteArray &requestId);
    QByteArray expected() const;
    // The caught trail, once (then empty again).
    std::optional<RequestTrail> take();

private:
    struct State;
    std::shared_ptr<State> m_state;
};

} // namespace understudy
