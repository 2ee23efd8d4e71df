#include "upstream/HttpHeaders.h"

#include <QList>

#include <algorithm>

namespace understudy {

namespace {

bool sameName(QByteArrayView a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

// Splits a list header value on commas and trims each element.
std::vector<QByteArray> listTokens(const QByteArray &value)
{
    std::vector<QByteArray> tokens;
    for (const QByteArray &part : value.split(',')) {
        QByteArray token = part.trimmed();
        if (!token.isEmpty())
            tokens.push_back(std::move(token));
    }
    return tokens;
}

} // namespace

std::optional<QByteArray> headerValue(const HttpHeaders &headers, QByteArrayView name)
{
    for (const auto &[key, value] : headers) {
        if (sameName(key, name))
            return value;
    }
    return std::nullopt;
}

bool hasHeader(const HttpHeaders &headers, QByteArrayView name)
{
    return headerValue(headers, name).has_value();
}

std::vector<QByteArray> headerValues(const HttpHeaders &headers, QByteArrayView name)
{
    std::vector<QByteArray> values;
    for (const auto &[key, value] : headers) {
        if (sameName(key, name))
            values.push_back(value);
    }
    return values;
}

int removeHeader(HttpHeaders &headers, QByteArrayView name)
{
    const auto removed = std::erase_if(headers, [name](const auto &header) { return sameName(header.first, name); });
    return int(removed);
}

void setHeader(HttpHeaders &headers, const QByteArray &name, const QByteArray &value)
{
    removeHeader(headers, name);
    headers.emplace_back(name, value);
}

bool headerHasToken(const HttpHeaders &headers, QByteArrayView name, QByteArrayView token)
{
    for (const QByteArray &value : headerValues(headers, name)) {
        for (const QByteArray &element : listTokens(value)) {
            if (sameName(element, token))
                return true;
        }
    }
    return false;
}

void stripHopByHop(HttpHeaders &headers)
{
    // Collect names listed in Connection first: they are hop-by-hop for this
    // message only (RFC 9110 §7.6.1).
    std::vector<QByteArray> named;
    for (const QByteArray &value : headerValues(headers, "Connection")) {
        for (QByteArray &token : listTokens(value))
            named.push_back(std::move(token));
    }
    static constexpr QByteArrayView kFixed[] = {"Connection", "Keep-Alive",        "Proxy-Connection", "TE",
                                                "Trailer",    "Transfer-Encoding", "Upgrade"};
    std::erase_if(headers, [&named](const auto &header) {
        const QByteArrayView key = header.first;
        return std::any_of(std::begin(kFixed), std::end(kFixed),
                           [key](QByteArrayView n) { return sameName(key, n); }) ||
               std::any_of(named.begin(), named.end(), [key](const QByteArray &n) { return sameName(key, n); });
    });
}

} // namespace understudy
