#include "observe/LogRedaction.h"

#include <nlohmann/json.hpp>

namespace understudy {

namespace {

// Bodies larger than this are not parsed as JSON (the textual pass still
// runs): parsing megabytes on the writer thread to keep 16 KiB is waste.
constexpr qsizetype kMaxParsedBodyBytes = 4 * 1024 * 1024;

QByteArray capUtf8(const QByteArray &bytes, qsizetype cap, bool *truncated)
{
    if (bytes.size() <= cap) {
        *truncated = false;
        return bytes;
    }
    *truncated = true;
    qsizetype end = cap;
    // Do not cut a UTF-8 sequence in half: back up over continuation bytes.
    while (end > 0 && (uchar(bytes.at(end)) & 0xC0) == 0x80)
        --end;
    return bytes.left(end);
}

QString alternation(const QStringList &names)
{
    QStringList escaped;
    escaped.reserve(names.size());
    for (const QString &name : names)
        escaped << QRegularExpression::escape(name);
    return escaped.join(QLatin1Char('|'));
}

} // namespace

Redactor::Redactor(RedactionRules rules) : m_rules(std::move(rules))
{
    for (const QByteArray &name : std::as_const(m_rules.headers))
        m_lowerHeaders << name.toLower();
    if (!m_rules.fields.isEmpty()) {
        const QString names = alternation(m_rules.fields);
        // The value may be a string cut short by a size cap (no closing quote).
        m_jsonPair = QRegularExpression(
            QStringLiteral("(\"(?:%1)\"\\s*:\\s*)(?:\"(?:[^\"\\\\]|\\\\.)*\"?|[^,}\\]\\s]+)").arg(names),
            QRegularExpression::CaseInsensitiveOption);
        m_formPair = QRegularExpression(QStringLiteral("(^|[&?;\\s])((?:%1)=)[^&\\s]*").arg(names),
                                        QRegularExpression::CaseInsensitiveOption);
    }
}

bool Redactor::isSecretHeader(const QByteArray &name) const
{
    return m_lowerHeaders.contains(name.toLower());
}

bool Redactor::isSecretField(const QString &name) const
{
    return m_rules.fields.contains(name, Qt::CaseInsensitive);
}

QByteArray Redactor::headersJson(const HeaderList &headers) const
{
    nlohmann::ordered_json object = nlohmann::ordered_json::object();
    nlohmann::json left = nlohmann::json::array();
    qsizetype size = 2;
    for (const auto &[name, rawValue] : headers) {
        const std::string key = name.toLower().toStdString();
        std::string value;
        if (isSecretHeader(name)) {
            // Keep the scheme ("Bearer") so the operator sees which kind of
            // credential went out, never the credential itself.
            const qsizetype space = rawValue.indexOf(' ');
            value = space > 0 && name.compare("authorization", Qt::CaseInsensitive) == 0
                        ? rawValue.left(space).toStdString() + ' ' + kRedactedMarker
                        : std::string(kRedactedMarker);
        } else {
            value = rawValue.toStdString();
        }
        const qsizetype cost = qsizetype(key.size() + value.size()) + 6;
        if (size + cost > m_rules.maxHeaderBytes) {
            left.push_back(key);
            continue;
        }
        size += cost;
        if (auto it = object.find(key); it != object.end()) {
            if (!it->is_array())
                *it = nlohmann::ordered_json::array({*it});
            it->push_back(value);
        } else {
            object[key] = value;
        }
    }
    if (!left.empty())
        object["_truncated"] = left;
    return QByteArray::fromStdString(object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

QByteArray Redactor::redactText(QByteArray text) const
{
    if (m_rules.fields.isEmpty())
        return text;
    QString s = QString::fromUtf8(text);
    s.replace(m_jsonPair, QStringLiteral("\\1\"") + QLatin1String(kRedactedMarker) + QStringLiteral("\""));
    s.replace(m_formPair, QStringLiteral("\\1\\2") + QLatin1String(kRedactedMarker));
    return s.toUtf8();
}

RedactedBody Redactor::body(const QByteArray &body) const
{
    RedactedBody out;
    if (body.isEmpty())
        return out;
    QByteArray redacted;
    bool parsed = false;
    if (body.size() <= kMaxParsedBodyBytes && !m_rules.fields.isEmpty()) {
        auto json = nlohmann::ordered_json::parse(body.constData(), body.constData() + body.size(), nullptr, false);
        if (!json.is_discarded() && (json.is_object() || json.is_array())) {
            parsed = true;
            // Iterative walk: bodies are untrusted and may nest deeply.
            std::vector<nlohmann::ordered_json *> pending{&json};
            while (!pending.empty()) {
                nlohmann::ordered_json *node = pending.back();
                pending.pop_back();
                if (node->is_object()) {
                    for (auto it = node->begin(); it != node->end(); ++it) {
                        if (isSecretField(QString::fromStdString(it.key())))
                            it.value() = kRedactedMarker;
                        else if (it.value().is_structured())
                            pending.push_back(&it.value());
                    }
                } else if (node->is_array()) {
                    for (auto &element : *node) {
                        if (element.is_structured())
                            pending.push_back(&element);
                    }
                }
            }
            redacted = QByteArray::fromStdString(json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        }
    }
    if (!parsed)
        redacted = redactText(body);
    out.bytes = capUtf8(redacted, m_rules.maxBodyBytes, &out.truncated);
    return out;
}

} // namespace understudy
