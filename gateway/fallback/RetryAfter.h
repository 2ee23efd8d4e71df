#pragma once

// How long an upstream asked us to wait, from its response headers:
// `retry-after-ms` (OpenAI, Azure), `Retry-After` as delta-seconds or an
// HTTP-date (RFC 9110 §10.2.3), and OpenAI's `x-ratelimit-reset-requests` /
// `x-ratelimit-reset-tokens` ("1s", "6m0s", "20ms") for whichever limit is
// spent. HTTP-dates are resolved against an injected wall clock.

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>

#include <optional>
#include <utility>
#include <vector>

namespace understudy {

// Same shape as the data plane's header list (name, value), order kept.
using HeaderList = std::vector<std::pair<QByteArray, QByteArray>>;

// Case-insensitive first value of `name`.
std::optional<QByteArray> findHeader(const HeaderList &headers, QByteArrayView name);

// One Retry-After value: delta-seconds (fractions allowed) or an HTTP-date
// (IMF-fixdate, RFC 850, asctime). A date in the past means 0. Invalid or
// negative values give nullopt.
std::optional<qint64> parseRetryAfter(QByteArrayView value, const QDateTime &wallNow);

// Durations like "1s", "6m0s", "1h2m3.5s", "250ms" as OpenAI sends them.
std::optional<qint64> parseGoDuration(QByteArrayView value);

// The wait the response asks for, in ms, with the precedence above; the
// x-ratelimit-reset-* headers count only for a limit whose remaining is 0.
std::optional<qint64> retryAfterFromHeaders(const HeaderList &headers, const QDateTime &wallNow);

} // namespace understudy
