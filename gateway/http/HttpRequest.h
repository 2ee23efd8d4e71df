#pragma once

// One parsed inbound HTTP request, as a value. Bodies are buffered whole up
// to ServerLimits::maxBodyBytes: API traffic is small enough, and a complete
// body is what the fallback executor needs to re-send a request.

#include <QByteArray>
#include <QByteArrayView>
#include <QHostAddress>
#include <QString>

#include <utility>
#include <vector>

namespace understudy {

// Header fields in arrival order; names keep the client's spelling. The
// same alias is declared by upstream/HttpHeaders.h (identical type), so
// both halves of the proxy pass header lists to each other unchanged.
using HttpHeaders = std::vector<std::pair<QByteArray, QByteArray>>;

struct HttpRequest
{
    QByteArray method; // uppercase token, e.g. "POST"
    QByteArray target; // raw request-target as sent
    QByteArray path;   // target without query (absolute-form reduced to its path)
    QByteArray query;  // without the '?'; empty if none
    int versionMajor = 1;
    int versionMinor = 1;
    HttpHeaders headers;
    QByteArray body;

    QString listenerName;
    QHostAddress peerAddress;
    quint16 peerPort = 0;
    bool tls = false;
    QByteArray requestId; // x-request-id from the client when sane, else generated
    bool keepAlive = true;

    // Case-insensitive; first match; empty if absent.
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
};

} // namespace understudy
