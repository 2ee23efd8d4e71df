#pragma once

#include "engine/RuntimeSnapshot.h"
#include "http/RequestHandler.h"

#include <memory>

namespace understudy {

class UpstreamPool;

// Per-worker request handler of the data plane: routes the request with the
// current snapshot and forwards it to the first target of the route's
// chain, streaming the answer back with backpressure. The fallback
// executor replaces the single-target forwarding step by step.
class ForwardingHandler final : public RequestHandler
{
public:
    explicit ForwardingHandler(std::shared_ptr<const SnapshotSlot> slot);
    ~ForwardingHandler() override;
    Q_DISABLE_COPY_MOVE(ForwardingHandler)

    void handle(HttpExchange *exchange) override;

private:
    std::shared_ptr<const SnapshotSlot> m_slot;
    std::unique_ptr<UpstreamPool> m_pool; // this worker's upstream connections
};

} // namespace understudy
