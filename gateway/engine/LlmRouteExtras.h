#pragma once

// The parts of the unified LLM API that are not chat completions:
//
//  GET  <prefix>/models      the models reachable through the route's chain
//                            (nested chains and group members included), in
//                            OpenAI's list shape; a target without a model
//                            lists its provider's catalogue.
//  POST <prefix>/embeddings  passed through to the embedding-capable targets
//                            of the chain (catalogue entries with
//                            supports_embeddings on openai / openai-compatible
//                            providers), the client's model first when it is
//                            one of them; connect errors, 429 and 5xx move on
//                            to the next, anything else is the answer. No
//                            cache, static answers or streaming: embeddings
//                            are not chat.

#include "engine/RuntimeSnapshot.h"
#include "fallback/AttemptTrail.h"

#include <QByteArray>

#include <functional>

namespace understudy {

class HttpExchange;
class UpstreamPool;
struct ExecutorServices;

enum class LlmExtra { None, Models, Embeddings };

// Which extra endpoint a request on an llm route asks for, by method and
// the path's last segment.
LlmExtra llmExtraFor(const QByteArray &method, const QByteArray &path);

void answerModels(HttpExchange *exchange, const RuntimeSnapshot &snapshot, const Route &route);
// Tries the route's embedding-capable models in order. The request's trail
// (one attempt per model tried, step paths "<chain>/embeddings[i]") goes to
// `trailSink` when it ends, as a chain's does.
void runEmbeddings(HttpExchange *exchange, RuntimeSnapshotPtr snapshot, const Route &route, UpstreamPool &pool,
                   std::function<void(const RequestTrail &)> trailSink);

} // namespace understudy
