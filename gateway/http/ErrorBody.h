#pragma once

// The one JSON error shape of the HTTP data plane (SPEC §5) and the request
// ids that tie a response to the request log:
//   {"error":{"type":"...","message":"...","request_id":"..."}}

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace understudy {

inline constexpr char kRequestIdHeader[] = "x-understudy-request-id";

QByteArray errorBody(QByteArrayView type, const QString &message, QByteArrayView requestId);

// Stable `type` token for a status the server itself produces.
QByteArray errorTypeForStatus(int status);

// 32 lowercase hex characters from a CSPRNG-seeded generator.
QByteArray generateRequestId();

// A client-supplied x-request-id is reused only when it is a short token
// that is safe to echo into headers and logs: 1..128 of [A-Za-z0-9._:-].
bool isAcceptableRequestId(QByteArrayView id);

} // namespace understudy
