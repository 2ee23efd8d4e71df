#pragma once

// The mock provider on a loopback port, so other tools (curl, SDKs, the
// gateway's own upstream client) can hit it like a real OpenAI-compatible
// server:
//   POST /v1/chat/completions  a MockAttemptStream of the provider, with
//                              backpressure; a reset fault drops the
//                              connection, a cut stream is left unterminated
//   GET  /v1/models            the provider's catalogue, OpenAI list format
// Anything else is answered 404/405 in the OpenAI error shape.
//
// Typical use:
//   HttpServer server(limits, [p] { return std::make_unique<MockHttpHandler>(p); });

#include "config/Config.h"
#include "http/RequestHandler.h"

namespace understudy {

class MockFlapClock;

class MockHttpHandler final : public RequestHandler
{
public:
    explicit MockHttpHandler(Provider provider);
    MockHttpHandler(Provider provider, MockFlapClock &flapClock);
    Q_DISABLE_COPY_MOVE(MockHttpHandler)

    void handle(HttpExchange *exchange) override;

private:
    void answerCompletion(HttpExchange *exchange);
    void answerModels(HttpExchange *exchange);

    Provider m_provider;
    MockFlapClock &m_flapClock;
};

} // namespace understudy
