#pragma once

// What the request log keeps of headers and bodies: secrets replaced by
// "[redacted]" (Authorization and friends, cookies, API keys, configured
// JSON/form field names) and sizes capped. A Redactor is built once from
// the rules and is then immutable, so any thread may use it; the request
// log runs it on its writer thread, never on the data plane.

#include <QByteArray>
#include <QList>
#include <QRegularExpression>
#include <QStringList>

#include <utility>
#include <vector>

namespace understudy {

using HeaderList = std::vector<std::pair<QByteArray, QByteArray>>;

inline constexpr char kRedactedMarker[] = "[redacted]";

struct RedactionRules
{
    // Header names (case-insensitive) whose values are never stored.
    QList<QByteArray> headers = {"authorization", "proxy-authorization", "x-api-key", "api-key", "x-goog-api-key",
                                 "cookie",        "set-cookie"};
    // JSON object keys and form fields (case-insensitive) whose values are
    // never stored, wherever they appear in a body.
    QStringList fields = {QStringLiteral("api_key"),      QStringLiteral("apikey"),
                          QStringLiteral("api-key"),      QStringLiteral("password"),
                          QStringLiteral("secret"),       QStringLiteral("client_secret"),
                          QStringLiteral("access_token"), QStringLiteral("refresh_token")};
    qsizetype maxBodyBytes = 16 * 1024;  // per body, after redaction
    qsizetype maxHeaderBytes = 8 * 1024; // per header block (JSON text)
};

struct RedactedBody
{
    QByteArray bytes;
    bool truncated = false;
};

class Redactor final
{
public:
    explicit Redactor(RedactionRules rules = {});

    const RedactionRules &rules() const { return m_rules; }

    // Headers as a JSON object text {"name": "value", ...} (repeated names
    // become arrays), secret values redacted, capped at maxHeaderBytes by
    // leaving out whole headers from the end (listed in "_truncated").
    QByteArray headersJson(const HeaderList &headers) const;
    // A body with configured fields redacted, then capped. JSON bodies are
    // parsed and rewritten; anything else (form data, a JSON body cut
    // short) gets a textual pass over "key": "value" and key=value pairs.
    RedactedBody body(const QByteArray &body) const;

private:
    bool isSecretHeader(const QByteArray &name) const;
    bool isSecretField(const QString &name) const;
    QByteArray redactText(QByteArray text) const;

    RedactionRules m_rules;
    QList<QByteArray> m_lowerHeaders;
    QRegularExpression m_jsonPair; // "field" : "value"
    QRegularExpression m_formPair; // field=value
};

} // namespace understudy
