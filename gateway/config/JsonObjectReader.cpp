#include "config/JsonObjectReader.h"

#include <cmath>
#include <limits>

namespace understudy {

namespace {

QString fromUtf8(const std::string &text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

template<typename Int> bool readInteger(const nlohmann::json &value, Int &out)
{
    if (value.is_number_unsigned()) {
        const auto v = value.get<std::uint64_t>();
        if (v > static_cast<std::uint64_t>(std::numeric_limits<Int>::max()))
            return false;
        out = static_cast<Int>(v);
        return true;
    }
    if (value.is_number_integer()) {
        const auto v = value.get<std::int64_t>();
        if (v < std::numeric_limits<Int>::min() || v > std::numeric_limits<Int>::max())
            return false;
        out = static_cast<Int>(v);
        return true;
    }
    return false;
}

template<typename Int> QString integerExpectation()
{
    return QStringLiteral("expected an integer between %1 and %2")
        .arg(std::numeric_limits<Int>::min())
        .arg(std::numeric_limits<Int>::max());
}

} // namespace

void ImportErrors::add(const QString &path, const QString &message)
{
    m_lines.append(path.isEmpty() ? message : path + QStringLiteral(": ") + message);
}

QString describeJsonValue(const nlohmann::json &value)
{
    switch (value.type()) {
    case nlohmann::json::value_t::null:
        return QStringLiteral("null");
    case nlohmann::json::value_t::object:
        return QStringLiteral("an object");
    case nlohmann::json::value_t::array:
        return QStringLiteral("an array");
    case nlohmann::json::value_t::string:
        return QStringLiteral("a string");
    case nlohmann::json::value_t::boolean:
        return QStringLiteral("a boolean");
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float:
        // Numbers are short and never secrets; quoting them helps find them.
        return QStringLiteral("the number ") + fromUtf8(value.dump());
    case nlohmann::json::value_t::binary:
    case nlohmann::json::value_t::discarded:
        break;
    }
    return QStringLiteral("an unsupported value");
}

QString elementPath(const QString &arrayPath, const nlohmann::json &element, std::size_t index, bool byName)
{
    if (byName && element.is_object()) {
        if (auto it = element.find("name"); it != element.end() && it->is_string() && !it->empty()) {
            const QString name = fromUtf8(it->get_ref<const std::string &>());
            if (!name.isEmpty())
                return arrayPath + QLatin1Char('[') + name + QLatin1Char(']');
        }
    }
    return arrayPath + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

JsonObjectReader::JsonObjectReader(const nlohmann::json &object, QString path, ImportErrors &errors)
    : m_object(object), m_path(std::move(path)), m_errors(errors)
{
    Q_ASSERT(object.is_object());
}

QString JsonObjectReader::fieldPath(const char *key) const
{
    const QString name = QString::fromLatin1(key);
    return m_path.isEmpty() ? name : m_path + QLatin1Char('.') + name;
}

const nlohmann::json *JsonObjectReader::field(const char *key)
{
    m_known.insert(key);
    auto it = m_object.find(key);
    return it == m_object.end() ? nullptr : &*it;
}

void JsonObjectReader::read(const char *key, QString &out)
{
    if (const auto *value = field(key)) {
        if (value->is_string())
            out = fromUtf8(value->get_ref<const std::string &>());
        else
            m_errors.add(fieldPath(key), QStringLiteral("expected a string, got ") + describeJsonValue(*value));
    }
}

void JsonObjectReader::read(const char *key, bool &out)
{
    if (const auto *value = field(key)) {
        if (value->is_boolean())
            out = value->get<bool>();
        else
            m_errors.add(fieldPath(key), QStringLiteral("expected true or false, got ") + describeJsonValue(*value));
    }
}

void JsonObjectReader::read(const char *key, int &out)
{
    if (const auto *value = field(key)) {
        if (!readInteger(*value, out))
            m_errors.add(fieldPath(key),
                         integerExpectation<int>() + QStringLiteral(", got ") + describeJsonValue(*value));
    }
}

void JsonObjectReader::read(const char *key, qint64 &out)
{
    if (const auto *value = field(key)) {
        if (!readInteger(*value, out))
            m_errors.add(fieldPath(key),
                         integerExpectation<qint64>() + QStringLiteral(", got ") + describeJsonValue(*value));
    }
}

void JsonObjectReader::read(const char *key, double &out)
{
    if (const auto *value = field(key)) {
        if (value->is_number() && std::isfinite(value->get<double>()))
            out = value->get<double>();
        else
            m_errors.add(fieldPath(key), QStringLiteral("expected a finite number, got ") + describeJsonValue(*value));
    }
}

void JsonObjectReader::read(const char *key, QStringList &out)
{
    const auto *value = array(key);
    if (!value)
        return;
    QStringList items;
    bool ok = true;
    for (std::size_t i = 0; i < value->size(); ++i) {
        const auto &item = (*value)[i];
        if (item.is_string()) {
            items.append(fromUtf8(item.get_ref<const std::string &>()));
        } else {
            ok = false;
            m_errors.add(fieldPath(key) + QLatin1Char('[') + QString::number(i) + QLatin1Char(']'),
                         QStringLiteral("expected a string, got ") + describeJsonValue(item));
        }
    }
    if (ok)
        out = items;
}

const nlohmann::json *JsonObjectReader::object(const char *key)
{
    const auto *value = field(key);
    if (value && !value->is_object()) {
        m_errors.add(fieldPath(key), QStringLiteral("expected an object, got ") + describeJsonValue(*value));
        return nullptr;
    }
    return value;
}

const nlohmann::json *JsonObjectReader::array(const char *key)
{
    const auto *value = field(key);
    if (value && !value->is_array()) {
        m_errors.add(fieldPath(key), QStringLiteral("expected an array, got ") + describeJsonValue(*value));
        return nullptr;
    }
    return value;
}

void JsonObjectReader::rejectUnknownFields()
{
    QStringList known;
    for (const auto &key : m_known)
        known.append(QString::fromLatin1(key.c_str()));
    for (auto it = m_object.begin(); it != m_object.end(); ++it) {
        if (m_known.count(it.key()) == 0) {
            const QString name = fromUtf8(it.key());
            m_errors.add(m_path.isEmpty() ? name : m_path + QLatin1Char('.') + name,
                         QStringLiteral("unknown field (a typo?); known fields here: ") +
                             known.join(QStringLiteral(", ")));
        }
    }
}

} // namespace understudy
