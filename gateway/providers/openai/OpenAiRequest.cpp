#include "providers/openai/OpenAiRequest.h"

#include "providers/openai/OpenAiJson.h"

#include <QCryptographicHash>
#include <QStringList>

#include <cmath>

namespace understudy::openai {

using detail::json;
using detail::quoted;
using detail::typeName;

namespace {

// Records the first problem found; later checks are skipped.
class RequestCheck
{
public:
    explicit RequestCheck(ChatRequestInfo &info) : m_info(info) {}

    bool failed() const { return !m_info.error.isEmpty(); }

    void missing(const QString &param)
    {
        fail(param, QStringLiteral("missing_required_parameter"),
             QStringLiteral("Missing required parameter: %1.").arg(quoted(param)));
    }
    void wrongType(const QString &param, const QString &expected, const json &got)
    {
        fail(param, QStringLiteral("invalid_type"),
             QStringLiteral("Invalid type for %1: expected %2, but got %3 instead.")
                 .arg(quoted(param), expected, typeName(got)));
    }
    void wrongValue(const QString &param, const QString &why)
    {
        fail(param, QStringLiteral("invalid_value"),
             QStringLiteral("Invalid value for %1: %2").arg(quoted(param), why));
    }
    void fail(const QString &param, const QString &code, const QString &message)
    {
        if (failed())
            return;
        m_info.param = param;
        m_info.code = code;
        m_info.error = message;
    }

private:
    ChatRequestInfo &m_info;
};

const QStringList &knownRoles()
{
    static const QStringList roles{QStringLiteral("system"), QStringLiteral("developer"),
                                   QStringLiteral("user"),   QStringLiteral("assistant"),
                                   QStringLiteral("tool"),   QStringLiteral("function")};
    return roles;
}

void checkContent(const json &message, const QString &at, const QString &role, RequestCheck &check)
{
    const json *content = detail::member(message, "content");
    const bool mayBeEmpty = role == QLatin1String("assistant") || role == QLatin1String("function");
    if (!content || content->is_null()) {
        if (!mayBeEmpty)
            check.missing(at + QStringLiteral(".content"));
        return;
    }
    if (content->is_string())
        return;
    if (!content->is_array()) {
        check.wrongType(at + QStringLiteral(".content"), QStringLiteral("a string or an array of content parts"),
                        *content);
        return;
    }
    for (size_t j = 0; j < content->size() && !check.failed(); ++j) {
        const json &part = (*content)[j];
        const QString partAt = at + QStringLiteral(".content[%1]").arg(j);
        if (!part.is_object()) {
            check.wrongType(partAt, QStringLiteral("an object"), part);
            continue;
        }
        const json *type = detail::member(part, "type");
        if (!type)
            check.missing(partAt + QStringLiteral(".type"));
        else if (!type->is_string())
            check.wrongType(partAt + QStringLiteral(".type"), QStringLiteral("a string"), *type);
        else if (*type == "text" && !(part.contains("text") && part["text"].is_string()))
            check.wrongType(partAt + QStringLiteral(".text"), QStringLiteral("a string"), part.value("text", json()));
    }
}

void checkMessages(const json &doc, ChatRequestInfo &info, RequestCheck &check)
{
    const json *messages = detail::member(doc, "messages");
    if (!messages) {
        check.missing(QStringLiteral("messages"));
        return;
    }
    if (!messages->is_array()) {
        check.wrongType(QStringLiteral("messages"), QStringLiteral("an array of objects"), *messages);
        return;
    }
    if (messages->empty()) {
        check.fail(QStringLiteral("messages"), QStringLiteral("invalid_value"),
                   QStringLiteral("Invalid 'messages': empty array. Expected an array with minimum length 1, "
                                  "but got an empty array instead."));
        return;
    }
    info.messageCount = int(messages->size());
    for (size_t i = 0; i < messages->size() && !check.failed(); ++i) {
        const json &message = (*messages)[i];
        const QString at = QStringLiteral("messages[%1]").arg(i);
        if (!message.is_object()) {
            check.wrongType(at, QStringLiteral("an object"), message);
            return;
        }
        const json *role = detail::member(message, "role");
        if (!role) {
            check.missing(at + QStringLiteral(".role"));
            return;
        }
        if (!role->is_string()) {
            check.wrongType(at + QStringLiteral(".role"), QStringLiteral("a string"), *role);
            return;
        }
        const QString roleName = QString::fromStdString(role->get<std::string>());
        if (!knownRoles().contains(roleName)) {
            check.wrongValue(at + QStringLiteral(".role"),
                             QStringLiteral("'%1' is not one of %2.")
                                 .arg(roleName.left(64), knownRoles().join(QStringLiteral(", "))));
            return;
        }
        checkContent(message, at, roleName, check);
        if (roleName == QLatin1String("tool") && !check.failed()) {
            const json *callId = detail::member(message, "tool_call_id");
            if (!callId)
                check.missing(at + QStringLiteral(".tool_call_id"));
            else if (!callId->is_string())
                check.wrongType(at + QStringLiteral(".tool_call_id"), QStringLiteral("a string"), *callId);
        }
    }
}

// Optional numeric member: absent or null is fine.
void checkNumber(const json &doc, const char *key, bool integer, double min, double max, RequestCheck &check)
{
    const json *value = detail::member(doc, key);
    if (!value || value->is_null() || check.failed())
        return;
    const QString param = QString::fromLatin1(key);
    if (integer ? !value->is_number_integer() : !value->is_number()) {
        check.wrongType(param, integer ? QStringLiteral("an integer") : QStringLiteral("a number"), *value);
        return;
    }
    const double n = value->get<double>();
    if (n < min || n > max)
        check.wrongValue(param,
                         QStringLiteral("expected a value between %1 and %2, but got %3.").arg(min).arg(max).arg(n));
}

void checkStreaming(const json &doc, ChatRequestInfo &info, RequestCheck &check)
{
    if (const json *stream = detail::member(doc, "stream"); stream && !stream->is_null()) {
        if (!stream->is_boolean()) {
            check.wrongType(QStringLiteral("stream"), QStringLiteral("a boolean"), *stream);
            return;
        }
        info.stream = stream->get<bool>();
    }
    const json *options = detail::member(doc, "stream_options");
    if (!options || options->is_null())
        return;
    if (!options->is_object()) {
        check.wrongType(QStringLiteral("stream_options"), QStringLiteral("an object"), *options);
        return;
    }
    if (!info.stream) {
        check.fail(QStringLiteral("stream_options"), QStringLiteral("invalid_value"),
                   QStringLiteral("The 'stream_options' parameter is only allowed when 'stream' is enabled."));
        return;
    }
    if (const json *usage = detail::member(*options, "include_usage"); usage && !usage->is_null()) {
        if (!usage->is_boolean()) {
            check.wrongType(QStringLiteral("stream_options.include_usage"), QStringLiteral("a boolean"), *usage);
            return;
        }
        info.includeUsage = usage->get<bool>();
    }
}

void checkStop(const json &doc, RequestCheck &check)
{
    const json *stop = detail::member(doc, "stop");
    if (!stop || stop->is_null() || stop->is_string() || check.failed())
        return;
    if (!stop->is_array()) {
        check.wrongType(QStringLiteral("stop"), QStringLiteral("a string or an array of strings"), *stop);
        return;
    }
    for (size_t i = 0; i < stop->size(); ++i) {
        if (!(*stop)[i].is_string()) {
            check.wrongType(QStringLiteral("stop[%1]").arg(i), QStringLiteral("a string"), (*stop)[i]);
            return;
        }
    }
}

} // namespace

ChatRequestInfo parseChatRequest(QByteArrayView body)
{
    ChatRequestInfo info;
    RequestCheck check(info);
    const json doc = detail::parse(body);
    if (!detail::parsed(doc) || !doc.is_object()) {
        check.fail({}, QStringLiteral("invalid_json"),
                   QStringLiteral("We could not parse the JSON body of your request: expected a JSON object."));
        return info;
    }
    const json *model = detail::member(doc, "model");
    if (!model)
        check.missing(QStringLiteral("model"));
    else if (!model->is_string())
        check.wrongType(QStringLiteral("model"), QStringLiteral("a string"), *model);
    else if (model->get_ref<const std::string &>().empty())
        check.wrongValue(QStringLiteral("model"), QStringLiteral("expected a non-empty string."));
    if (check.failed())
        return info;
    info.model = QString::fromStdString(model->get<std::string>());

    checkMessages(doc, info, check);
    if (!check.failed())
        checkStreaming(doc, info, check);
    checkNumber(doc, "n", true, 1, 128, check);
    checkNumber(doc, "max_tokens", true, 1, 1e9, check);
    checkNumber(doc, "max_completion_tokens", true, 1, 1e9, check);
    checkNumber(doc, "temperature", false, 0, 2, check);
    checkNumber(doc, "top_p", false, 0, 1, check);
    checkNumber(doc, "seed", true, -9.2e18, 9.2e18, check);
    checkStop(doc, check);
    if (const json *tools = detail::member(doc, "tools"); tools && !tools->is_null() && !tools->is_array())
        check.wrongType(QStringLiteral("tools"), QStringLiteral("an array"), *tools);
    if (check.failed())
        return info;
    if (const json *n = detail::member(doc, "n"); n && n->is_number_integer())
        info.n = n->get<int>();
    info.valid = true;
    return info;
}

Result<QByteArray> rewriteModel(QByteArrayView body, const QString &model)
{
    json doc = detail::parse(body);
    if (!detail::parsed(doc) || !doc.is_object())
        return Result<QByteArray>::failure(QStringLiteral("invalid_request"),
                                           QStringLiteral("the request body is not a JSON object"));
    doc["model"] = detail::utf8(model);
    return detail::dump(doc);
}

Result<QByteArray> withAssistantPrefill(QByteArrayView body, const QString &prefill)
{
    json doc = detail::parse(body);
    auto found = detail::parsed(doc) && doc.is_object() ? doc.find("messages") : doc.end();
    json *messages = found != doc.end() ? &*found : nullptr;
    if (!messages || !messages->is_array())
        return Result<QByteArray>::failure(QStringLiteral("invalid_request"),
                                           QStringLiteral("the request has no \"messages\" array"));
    const std::string text = detail::utf8(prefill);
    json *last = messages->empty() ? nullptr : &messages->back();
    const bool trailingAssistant = last && last->is_object() && last->value("role", json()) == "assistant" &&
                                   !(last->contains("tool_calls") && !(*last)["tool_calls"].is_null());
    if (trailingAssistant) {
        json &content = (*last)["content"];
        if (content.is_string()) {
            content = content.get<std::string>() + text;
            return detail::dump(doc);
        }
        if (content.is_null()) {
            content = text;
            return detail::dump(doc);
        }
        if (content.is_array()) {
            content.push_back(json{{"type", "text"}, {"text", text}});
            return detail::dump(doc);
        }
    }
    messages->push_back(json{{"role", "assistant"}, {"content", text}});
    return detail::dump(doc);
}

namespace {

// Tokens for text: ASCII 1 per 4 chars, everything else 2 per 3 (UTF-8
// lead bytes count code points; continuation bytes are skipped).
double textTokens(const std::string &text)
{
    qint64 ascii = 0;
    qint64 other = 0;
    for (const unsigned char c : text) {
        if (c < 0x80)
            ++ascii;
        else if ((c & 0xC0) != 0x80)
            ++other;
    }
    return double(ascii) / 4.0 + double(other) * 2.0 / 3.0;
}

double contentTokens(const json &content)
{
    if (content.is_string())
        return textTokens(content.get_ref<const std::string &>());
    double tokens = 0;
    if (!content.is_array())
        return tokens;
    for (const json &part : content) {
        const json *text = detail::member(part, "text");
        if (text && text->is_string())
            tokens += textTokens(text->get_ref<const std::string &>());
        else
            tokens += 85; // an image (low detail) or audio part
    }
    return tokens;
}

} // namespace

qint64 estimatePromptTokens(QByteArrayView body)
{
    const json doc = detail::parse(body);
    const json *messages = detail::parsed(doc) ? detail::member(doc, "messages") : nullptr;
    if (!messages || !messages->is_array())
        return -1;
    double tokens = 3; // every reply is primed with an assistant header
    for (const json &message : *messages) {
        tokens += 4;
        if (!message.is_object())
            continue;
        if (const json *content = detail::member(message, "content"))
            tokens += contentTokens(*content);
        if (const json *name = detail::member(message, "name"); name && name->is_string())
            tokens += 1 + textTokens(name->get_ref<const std::string &>());
        if (const json *calls = detail::member(message, "tool_calls"); calls && calls->is_array())
            tokens += textTokens(calls->dump());
    }
    for (const char *key : {"tools", "functions", "response_format"}) {
        if (const json *extra = detail::member(doc, key); extra && !extra->is_null())
            tokens += textTokens(extra->dump(-1, ' ', false, json::error_handler_t::replace));
    }
    return qint64(std::ceil(tokens));
}

namespace {

void canonicalize(json &value)
{
    if (value.is_object() || value.is_array()) {
        for (json &child : value)
            canonicalize(child);
    } else if (value.is_number_float()) {
        const double n = value.get<double>();
        if (std::isfinite(n) && n == std::floor(n) && std::fabs(n) < 9.0e15)
            value = qint64(n);
    }
}

} // namespace

QString normalizedCacheKey(const QString &routeName, QByteArrayView body)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(routeName.toUtf8());
    hash.addData(QByteArrayView("\n", 1));
    json doc = detail::parse(body);
    if (detail::parsed(doc) && doc.is_object()) {
        for (const char *key : {"stream", "stream_options", "user", "metadata", "store"})
            doc.erase(key);
        canonicalize(doc);
        // nlohmann::json keeps object members in a std::map: dump() is
        // already sorted by key at every level.
        hash.addData(detail::dump(doc));
    } else {
        hash.addData(body);
    }
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace understudy::openai
