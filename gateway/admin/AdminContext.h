#pragma once

// State shared by the admin server and its worker's handler. Internal to
// gateway/admin. Everything is set before the server starts and then only
// read, except `changeInFlight` (atomic).

#include "admin/AdminServer.h"

#include <QDateTime>

#include <atomic>
#include <memory>

namespace understudy {

class AdminObservability;
class ChaosRegistry;
class Engine;
class RequestFeed;

struct AdminContext
{
    Engine *engine = nullptr; // lives on the engine thread; reach it with queued calls
    AdminServerOptions options;
    std::shared_ptr<AdminObservability> observability;
    std::shared_ptr<ChaosRegistry> chaos;
    std::shared_ptr<RequestFeed> feed;
    QDateTime startedAt;
    // One config change (apply/restore) at a time; others get 409.
    std::atomic<bool> changeInFlight{false};
};

} // namespace understudy
