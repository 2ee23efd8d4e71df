#pragma once

// What the executor hands to an UpstreamPool: one HTTP request plus the
// per-attempt timeouts and the per-origin connection options.

#include "config/Config.h"
#include "upstream/HttpHeaders.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace understudy {

// Per-attempt timeouts in milliseconds; 0 = none. Time spent queued for a
// connection slot counts against totalMs only.
struct UpstreamTimeouts
{
    int connectMs = 0;   // TCP connect + proxy CONNECT + TLS handshake
    int firstByteMs = 0; // from the moment the request starts going out to the first response byte
    int idleMs = 0;      // gap between response bytes (suspended while the consumer has paused)
    int totalMs = 0;     // whole call including time queued for a connection -> deadline_exceeded
};

// Options of the connection pool of one origin. Calls to the same
// scheme+host+port that differ in these options use different pools, so a
// custom CA or a proxy never leaks onto another provider's connections.
struct UpstreamOriginOptions
{
    int maxConnections = 256; // open connections (busy + connecting + idle); further calls queue FIFO
    int maxIdle = 64;         // idle keep-alive connections kept beyond this are closed
    int idleTimeoutMs = 60'000;
    TlsOptions tls;
    QUrl proxy; // empty = direct; otherwise http://[user:pass@]host:port
};

struct UpstreamRequest
{
    QByteArray method = "GET";
    QUrl url; // http or https; the path and query are sent as given
    // Sent as given after stripHopByHop(); Host, Content-Length and
    // Connection are always set by the client from `url` and `body`.
    HttpHeaders headers;
    QByteArray body;
    UpstreamTimeouts timeouts;
    UpstreamOriginOptions origin;
};

// Origin options from a provider's connection limits, TLS options and proxy.
UpstreamOriginOptions originOptionsFor(const Provider &provider);
// Attempt timeouts from a step's Timeouts; the executor clips them to the
// chain deadline before calling this (or afterwards on the result).
UpstreamTimeouts upstreamTimeoutsFor(const Timeouts &timeouts);
// A request skeleton for `provider`: origin options and timeouts filled,
// url = baseUrl joined with `path` (which may carry a query), provider
// default headers appended. Credentials are NOT resolved here.
UpstreamRequest upstreamRequestFor(const Provider &provider, const Timeouts &timeouts, const QByteArray &method,
                                   const QString &path);

// The pool key: scheme, host, port and every option that changes how a
// connection is made. Two requests with equal keys may share connections.
QString originKey(const UpstreamRequest &request);

} // namespace understudy
