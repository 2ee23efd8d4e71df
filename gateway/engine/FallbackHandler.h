#pragma once

#include "engine/RuntimeSnapshot.h"
#include "http/RequestHandler.h"

#include <memory>

namespace understudy {

struct ExecutorServices;
class UpstreamPool;

// Per-worker request handler of the data plane: routes the request with the
// current snapshot and hands it to a ChainRun, which runs the route's
// fallback chain on this worker's upstream pool.
class FallbackHandler final : public RequestHandler
{
public:
    FallbackHandler(std::shared_ptr<const SnapshotSlot> slot, std::shared_ptr<ExecutorServices> services);
    ~FallbackHandler() override;
    Q_DISABLE_COPY_MOVE(FallbackHandler)

    void handle(HttpExchange *exchange) override;
    // Records the server's refusals (malformed or oversized requests) as
    // direct answers without a route.
    void refuse(HttpExchange *exchange, int status, const QString &message) override;

private:
    // Requests the handler answers itself, without a chain (no route, a
    // request the route refuses, the model list), go to the request log
    // and the metrics too: a flood of 404s or 400s must show in the error
    // rate. Call before answering (the exchange may be gone after);
    // finishDirect() completes and records it.
    struct DirectAnswer;
    DirectAnswer startDirect(HttpExchange *exchange, const Route *route) const;
    void finishDirect(DirectAnswer &answer, int status, OutcomeClass outcome) const;

    std::shared_ptr<const SnapshotSlot> m_slot;
    std::shared_ptr<ExecutorServices> m_services;
    std::unique_ptr<UpstreamPool> m_pool; // this worker's upstream connections
};

} // namespace understudy
