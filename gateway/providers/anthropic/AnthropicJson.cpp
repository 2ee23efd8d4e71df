#include "providers/anthropic/AnthropicJson.h"

namespace understudy::anthropic::detail {

ojson parse(QByteArrayView bytes)
{
    return ojson::parse(bytes.begin(), bytes.end(), nullptr, false);
}

bool parsed(const ojson &doc)
{
    return !doc.is_discarded();
}

bool endsEarly(QByteArrayView bytes)
{
    try {
        [[maybe_unused]] const ojson doc = ojson::parse(bytes.begin(), bytes.end());
    } catch (const ojson::parse_error &error) {
        // nlohmann reports the position one past the input when it ran out.
        return error.byte > size_t(bytes.size());
    } catch (const ojson::exception &) {
        return false;
    }
    return false;
}

QByteArray dump(const ojson &doc)
{
    return QByteArray::fromStdString(doc.dump(-1, ' ', false, ojson::error_handler_t::replace));
}

const ojson *member(const ojson &object, const char *key)
{
    if (!object.is_object())
        return nullptr;
    auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

std::string str(const ojson &object, const char *key)
{
    const ojson *value = member(object, key);
    return value && value->is_string() ? value->get<std::string>() : std::string();
}

QString qstr(const ojson &object, const char *key)
{
    return fromUtf8(str(object, key));
}

qint64 count(const ojson &object, const char *key)
{
    const ojson *value = member(object, key);
    if (!value || !value->is_number())
        return -1;
    const double n = value->get<double>();
    return n >= 0 && n < 1e15 ? qint64(n) : -1;
}

QString typeName(const ojson &value)
{
    switch (value.type()) {
    case ojson::value_t::string:
        return QStringLiteral("a string");
    case ojson::value_t::array:
        return QStringLiteral("an array");
    case ojson::value_t::object:
        return QStringLiteral("an object");
    case ojson::value_t::boolean:
        return QStringLiteral("a boolean");
    case ojson::value_t::null:
        return QStringLiteral("null");
    case ojson::value_t::number_float:
        return QStringLiteral("a decimal");
    case ojson::value_t::number_integer:
    case ojson::value_t::number_unsigned:
        return QStringLiteral("an integer");
    default:
        break;
    }
    return QStringLiteral("an unsupported value");
}

QString fromUtf8(const std::string &text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

std::string toUtf8(const QString &text)
{
    return text.toStdString();
}

} // namespace understudy::anthropic::detail
