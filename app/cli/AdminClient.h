#pragma once

// A small blocking HTTP/1.1 client for the admin API, for the CLI commands
// that manage a running gateway (status, apply, breakers, tail). One
// connection per call ("Connection: close"), every wait bounded by a
// timeout, https through QSslSocket. Blocks the calling thread: meant for
// a command-line process, never for a thread with an event loop to serve.

#include "core/Result.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <functional>
#include <utility>
#include <vector>

namespace understudy::cli {

struct AdminResponse
{
    int status = 0;
    std::vector<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(QByteArrayView name) const;
};

class AdminClient final
{
public:
    // `url` like "http://127.0.0.1:8788"; error code "usage" if unusable.
    static Result<AdminClient> create(const QString &url, QByteArray token, int timeoutMs = 10'000);

    // Error code "unavailable" when the gateway cannot be reached or does
    // not answer in time, "protocol" when the answer is not HTTP.
    Result<AdminResponse> request(QByteArrayView method, const QByteArray &pathAndQuery, const QByteArray &body = {});

    // Follows a Server-Sent Events stream. `onEvent(event, data)` returns
    // false to stop; `cancelled` is polled between reads. Returns when
    // stopped, when the gateway closes the stream (code "closed"), or when
    // nothing (not even a heartbeat) arrived for idleTimeoutMs. A non-200
    // answer is returned as error code "status_<n>" with the body's message.
    Result<void> stream(const QByteArray &pathAndQuery,
                        const std::function<bool(const QByteArray &event, const QByteArray &data)> &onEvent,
                        const std::function<bool()> &cancelled = {}, int idleTimeoutMs = 45'000);

    const QUrl &url() const { return m_url; }

private:
    AdminClient(QUrl url, QByteArray token, int timeoutMs);

    QUrl m_url;
    QByteArray m_token;
    int m_timeoutMs;
};

// The message of an admin error body ({"error":{"message":...}}), or the
// raw body when it has no such shape.
QString adminErrorMessage(const AdminResponse &response);

} // namespace understudy::cli
