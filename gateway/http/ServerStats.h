#pragma once

// Counters of the HTTP server. Workers update them with relaxed atomics
// (they are statistics, not synchronisation); stats() copies a snapshot.

#include <QtGlobal>

#include <array>
#include <atomic>

namespace understudy {

struct HttpServerStats
{
    qint64 openConnections = 0;
    qint64 requestsServed = 0;                // exchanges finished and handed to the socket
    std::array<qint64, 5> responsesByClass{}; // [0] = 1xx ... [4] = 5xx (interim 100 not counted)
    qint64 maxBufferedBytes = 0;              // high-water of unsent output held for one connection
    qint64 rejected400 = 0;                   // malformed or smuggling-shaped requests
    qint64 rejected408 = 0;                   // head or body not received in time
    qint64 rejected413 = 0;                   // body over the limit
    qint64 rejected431 = 0;                   // head over the limit
    qint64 rejected503 = 0;                   // over maxConnections
};

class ServerCounters final
{
public:
    ServerCounters() = default;
    Q_DISABLE_COPY_MOVE(ServerCounters)

    std::atomic<qint64> openConnections{0};
    std::atomic<qint64> rejectingConnections{0}; // accepted only to be answered 503
    std::atomic<qint64> requestsServed{0};
    std::array<std::atomic<qint64>, 5> responsesByClass{};
    std::atomic<qint64> maxBufferedBytes{0};
    std::atomic<qint64> rejected400{0};
    std::atomic<qint64> rejected408{0};
    std::atomic<qint64> rejected413{0};
    std::atomic<qint64> rejected431{0};
    std::atomic<qint64> rejected503{0};

    void noteResponse(int status);
    void noteRejected(int status);
    void noteBuffered(qint64 bytes);
    HttpServerStats snapshot() const;
};

} // namespace understudy
