#pragma once

// Turns one target of a step into an AttemptStream: the built-in mock
// in-process, anything else through this worker's upstream pool, with the
// request adapted to the target (model rewrite, prefill, credentials).

#include "config/Config.h"
#include "core/Result.h"
#include "fallback/RequestFacts.h"
#include "http/HttpRequest.h"

namespace understudy {

class AttemptStream;
class ChaosRegistry;
class UpstreamPool;

struct AttemptRequest
{
    const Provider &provider;
    const Target &target;
    Timeouts timeouts; // already clipped to the chain deadline
    const HttpRequest &request;
    const Route &route;
    const RequestFacts &facts;
    const QString &prefill;               // non-empty: continue an answer already streamed
    const ChaosRegistry *chaos = nullptr; // injected faults replace the real call
};

// Error code "auth" when a credential cannot be resolved (nothing sent),
// "invalid_request" when the request cannot be put in the provider's format.
Result<AttemptStream *> makeAttemptStream(const AttemptRequest &attempt, UpstreamPool &pool, QObject *parent);

// Facts the step conditions look at, gathered once per request.
RequestFacts requestFactsFor(const HttpRequest &request, const Route &route, bool withHeaders);

} // namespace understudy
