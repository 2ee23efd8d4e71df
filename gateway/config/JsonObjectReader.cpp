#include "config/JsonObjectReader.h"

#include <algorithm>
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

// Edit distance, for "did you mean" on unknown fields. Keys are short.
int editDistance(const QString &a, const QString &b)
{
    std::vector<int> row(std::size_t(b.size()) + 1);
    for (std::size_t j = 0; j < row.size(); ++j)
        row[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int up = row[std::size_t(j)];
            row[std::size_t(j)] =
                std::min({up + 1, row[std::size_t(j - 1)] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = up;
        }
    }
    return row.back();
}

} // namespace

QString abbreviated(const QString &text)
{
    constexpr qsizetype kMax = 80;
    return text.size() <= kMax ? text : text.left(kMax) + QStringLiteral("...");
}

void ImportErrors::add(const QString &path, const QString &message)
{
    if (++m_count <= kMaxLines)
        m_lines.append(path.isEmpty() ? message : path + QStringLiteral(": ") + message);
}

QString ImportErrors::text() const
{
    QString out = m_lines.join(QLatin1Char('\n'));
    if (m_count > kMaxLines)
        out += QStringLiteral("\n... and %1 more errors").arg(m_count - kMaxLines);
    return out;
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
                return arrayPath + QLatin1Char('[') + abbreviated(name) + QLatin1Char(']');
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
    if (std::find(m_known.begin(), m_known.end(), key) == m_known.end())
        m_known.emplace_back(key);
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
        if (std::find(m_known.begin(), m_known.end(), it.key()) != m_known.end())
            continue;
        const QString name = fromUtf8(it.key());
        const QString path = m_path.isEmpty() ? abbreviated(name) : m_path + QLatin1Char('.') + abbreviated(name);
        QString closest;
        // A typo is a couple of edits away; longer keys tolerate one more.
        int best = name.size() >= 8 ? 4 : 3;
        for (const auto &candidate : known) {
            if (const int d = editDistance(name.left(64), candidate); d < best) {
                best = d;
                closest = candidate;
            }
        }
        if (!closest.isEmpty())
            m_errors.add(path, QStringLiteral("unknown field; did you mean \"%1\"?").arg(closest));
        else
            m_errors.add(path, QStringLiteral("unknown field; known fields here: ") + known.join(QStringLiteral(", ")));
    }
}

} // namespace understudy
