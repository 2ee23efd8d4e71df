#pragma once

// Header lists as they travel between the inbound server and upstreams.
// Order and duplicates are kept (Set-Cookie, repeated Via...), names are
// compared case-insensitively as HTTP requires (RFC 9110 §5.1).

#include <QByteArray>
#include <QByteArrayView>

#include <optional>
#include <utility>
#include <vector>

namespace understudy {

using HttpHeaders = std::vector<std::pair<QByteArray, QByteArray>>;

// First value of `name`, or nullopt when absent.
std::optional<QByteArray> headerValue(const HttpHeaders &headers, QByteArrayView name);
bool hasHeader(const HttpHeaders &headers, QByteArrayView name);
// Every value of `name`, in order (for headers that may repeat).
std::vector<QByteArray> headerValues(const HttpHeaders &headers, QByteArrayView name);
// Removes every header called `name`; returns how many were removed.
int removeHeader(HttpHeaders &headers, QByteArrayView name);
// Replaces all `name` headers by one with `value` (appended at the end).
void setHeader(HttpHeaders &headers, const QByteArray &name, const QByteArray &value);

// True when the comma-separated list header `name` contains `token`
// (case-insensitive), e.g. headerHasToken(h, "Connection", "close").
bool headerHasToken(const HttpHeaders &headers, QByteArrayView name, QByteArrayView token);

// Removes hop-by-hop headers (RFC 9110 §7.6.1): Connection, Keep-Alive,
// Proxy-Connection, TE, Trailer, Transfer-Encoding, Upgrade, and every header
// named in a Connection header. Used on requests going upstream and on
// responses going back to the client, so each hop frames its own message.
void stripHopByHop(HttpHeaders &headers);

} // namespace understudy
