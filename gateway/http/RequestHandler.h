#pragma once

class QString;

namespace understudy {

class HttpExchange;

// The seam between the HTTP server and whatever answers requests (the
// router and fallback engine). HttpServer creates ONE instance per worker
// thread, on that thread, through its factory; handle() is always called
// on that thread, so a handler needs no locking for its own state.
//
// The exchange stays valid until the handler calls finish() or abort() on
// it, or until it emits clientGone(). Handlers that answer asynchronously
// must hold it in a QPointer and stop work on clientGone().
class RequestHandler
{
public:
    virtual ~RequestHandler() = default;
    virtual void handle(HttpExchange *exchange) = 0;
    // The server refused a request before handing it over: a malformed
    // head, a head or body over the limits, a head or body that took too
    // long. The default answers with exchange->respondError(status,
    // message); a handler may also record the answer (the request log
    // shows every answer the gateway gives).
    virtual void refuse(HttpExchange *exchange, int status, const QString &message);
};

} // namespace understudy
