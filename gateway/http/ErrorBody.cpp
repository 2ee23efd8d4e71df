#include "http/ErrorBody.h"

#include <QRandomGenerator>

#include <nlohmann/json.hpp>

namespace understudy {

QByteArray errorBody(QByteArrayView type, const QString &message, QByteArrayView requestId)
{
    nlohmann::json error = {
        {"type", std::string(type.data(), static_cast<size_t>(type.size()))},
        {"message", message.toStdString()},
        {"request_id", std::string(requestId.data(), static_cast<size_t>(requestId.size()))},
    };
    // `replace` keeps invalid UTF-8 from a client-supplied value from throwing.
    const std::string text =
        nlohmann::json{{"error", error}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}

QByteArray errorTypeForStatus(int status)
{
    switch (status) {
    case 400:
        return QByteArrayLiteral("bad_request");
    case 404:
        return QByteArrayLiteral("not_found");
    case 405:
        return QByteArrayLiteral("method_not_allowed");
    case 408:
        return QByteArrayLiteral("request_timeout");
    case 413:
        return QByteArrayLiteral("payload_too_large");
    case 431:
        return QByteArrayLiteral("request_header_fields_too_large");
    case 501:
        return QByteArrayLiteral("not_implemented");
    case 502:
        return QByteArrayLiteral("bad_gateway");
    case 503:
        return QByteArrayLiteral("service_unavailable");
    case 504:
        return QByteArrayLiteral("gateway_timeout");
    case 505:
        return QByteArrayLiteral("http_version_not_supported");
    default:
        return status >= 500 ? QByteArrayLiteral("server_error") : QByteArrayLiteral("client_error");
    }
}

QByteArray generateRequestId()
{
    quint32 words[4];
    QRandomGenerator::global()->fillRange(words);
    return QByteArray(reinterpret_cast<const char *>(words), sizeof(words)).toHex();
}

bool isAcceptableRequestId(QByteArrayView id)
{
    if (id.isEmpty() || id.size() > 128)
        return false;
    for (char c : id) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                        c == '_' || c == ':' || c == '-';
        if (!ok)
            return false;
    }
    return true;
}

} // namespace understudy
