#include "providers/openai/OpenAiJson.h"

namespace understudy::openai::detail {

json parse(QByteArrayView bytes)
{
    // allow_exceptions=false: a parse error yields a discarded value.
    return json::parse(bytes.begin(), bytes.end(), nullptr, false);
}

bool parsed(const json &doc)
{
    return !doc.is_discarded();
}

bool endsEarly(QByteArrayView bytes)
{
    try {
        [[maybe_unused]] const json doc = json::parse(bytes.begin(), bytes.end());
    } catch (const json::parse_error &error) {
        // nlohmann reports the position one past the input when it ran out.
        return error.byte > size_t(bytes.size());
    } catch (const json::exception &) {
        return false;
    }
    return false;
}

QByteArray dump(const json &doc)
{
    return QByteArray::fromStdString(doc.dump(-1, ' ', false, json::error_handler_t::replace));
}

const json *member(const json &object, const char *key)
{
    if (!object.is_object())
        return nullptr;
    auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

QString string(const json &object, const char *key)
{
    const json *value = member(object, key);
    return value && value->is_string() ? QString::fromStdString(value->get_ref<const std::string &>()) : QString();
}

QString scalarText(const json &object, const char *key)
{
    const json *value = member(object, key);
    if (!value)
        return {};
    if (value->is_string())
        return QString::fromStdString(value->get_ref<const std::string &>());
    if (value->is_number_integer())
        return QString::number(value->get<qint64>());
    if (value->is_number())
        return QString::number(value->get<double>());
    return {};
}

namespace {

qint64 count(const json &object, const char *key)
{
    const json *value = member(object, key);
    if (!value || !value->is_number())
        return -1;
    const double n = value->get<double>();
    return n >= 0 && n < 1e15 ? qint64(n) : -1;
}

} // namespace

TokenUsage usageFrom(const json &usage)
{
    TokenUsage out;
    if (!usage.is_object())
        return out;
    out.prompt = count(usage, "prompt_tokens");
    out.completion = count(usage, "completion_tokens");
    out.total = count(usage, "total_tokens");
    if (out.total < 0 && out.prompt >= 0 && out.completion >= 0)
        out.total = out.prompt + out.completion;
    return out;
}

ApiError errorFrom(const json &error)
{
    ApiError out;
    if (error.is_string()) {
        // Some OpenAI-compatible servers send {"error": "text"}.
        out.message = QString::fromStdString(error.get_ref<const std::string &>());
        return out;
    }
    out.message = string(error, "message");
    out.type = string(error, "type");
    out.code = scalarText(error, "code");
    out.param = string(error, "param");
    return out;
}

json usageJson(const TokenUsage &usage)
{
    const qint64 prompt = qMax<qint64>(usage.prompt, 0);
    const qint64 completion = qMax<qint64>(usage.completion, 0);
    const qint64 total = usage.total >= 0 ? usage.total : prompt + completion;
    return json{{"prompt_tokens", prompt}, {"completion_tokens", completion}, {"total_tokens", total}};
}

std::string utf8(const QString &text)
{
    return text.toStdString();
}

QString quoted(const QString &param)
{
    return QLatin1Char('\'') + param + QLatin1Char('\'');
}

QString typeName(const json &value)
{
    switch (value.type()) {
    case json::value_t::string:
        return QStringLiteral("a string");
    case json::value_t::array:
        return QStringLiteral("an array");
    case json::value_t::object:
        return QStringLiteral("an object");
    case json::value_t::boolean:
        return QStringLiteral("a boolean");
    case json::value_t::null:
        return QStringLiteral("null");
    case json::value_t::number_float:
        return QStringLiteral("a decimal");
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
        return QStringLiteral("an integer");
    default:
        break;
    }
    return QStringLiteral("an unsupported value");
}

} // namespace understudy::openai::detail
