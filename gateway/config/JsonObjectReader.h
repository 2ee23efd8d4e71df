#pragma once

// Reads the fields of one JSON object into C++ values, recording an error
// that names the field path for every wrong type, out-of-range number or
// unknown field. Import collects every such error instead of stopping at
// the first, so a user fixes a file in one pass.

#include <nlohmann/json.hpp>

#include <QString>
#include <QStringList>

#include <string>
#include <vector>

namespace understudy {

class ImportErrors final
{
public:
    void add(const QString &path, const QString &message);
    bool isEmpty() const { return m_count == 0; }
    // The first errors, one per line, and how many more were left out: a
    // hostile document with a million bad fields must not yield a message
    // many times its own size.
    QString text() const;

private:
    static constexpr qsizetype kMaxLines = 100;
    QStringList m_lines;
    qsizetype m_count = 0;
};

// "a string", "an array", "the number 1.5" ... for "expected X, got Y".
QString describeJsonValue(const nlohmann::json &value);

// Echoes user text in an error at most ~80 characters long, so a hostile
// document cannot blow up an error message (or a log line).
QString abbreviated(const QString &text);

// `path[name]` when the element is an object with a non-empty string
// "name", otherwise `path[index]`: errors point at what the user named.
QString elementPath(const QString &arrayPath, const nlohmann::json &element, std::size_t index, bool byName);

class JsonObjectReader final
{
public:
    // `object` must be a JSON object and outlive the reader.
    JsonObjectReader(const nlohmann::json &object, QString path, ImportErrors &errors);

    const QString &path() const { return m_path; }
    QString fieldPath(const char *key) const;

    // Each read leaves `out` untouched when the field is missing (the struct
    // default applies) or has the wrong type (an error is recorded).
    void read(const char *key, QString &out);
    void read(const char *key, bool &out);
    void read(const char *key, int &out);
    void read(const char *key, qint64 &out);
    void read(const char *key, double &out);
    void read(const char *key, QStringList &out);

    // The raw field, marked as known; nullptr when missing.
    const nlohmann::json *field(const char *key);
    // The field when it is an object / array; nullptr when missing or of
    // the wrong type (then an error is recorded).
    const nlohmann::json *object(const char *key);
    const nlohmann::json *array(const char *key);

    // Records an error for every field no read asked for (typo safety).
    void rejectUnknownFields();

    ImportErrors &errors() { return m_errors; }

private:
    const nlohmann::json &m_object;
    QString m_path;
    ImportErrors &m_errors;
    std::vector<std::string> m_known; // in read order, for the "known fields" hint
};

} // namespace understudy
