#pragma once

// Internal to providers/anthropic: exception-free JSON access. Documents are
// ordered_json so a client's key order (tool schemas, tool arguments) goes
// through translation unchanged.

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <nlohmann/json.hpp>

#include <string>

namespace understudy::anthropic::detail {

using ojson = nlohmann::ordered_json;

// A discarded value on any parse error.
ojson parse(QByteArrayView bytes);
bool parsed(const ojson &doc);
// For text that does not parse: true when the parser ran out of input (a
// body cut mid-way) rather than meeting a wrong byte.
bool endsEarly(QByteArrayView bytes);
// Compact; invalid UTF-8 in strings is replaced rather than thrown.
QByteArray dump(const ojson &doc);

const ojson *member(const ojson &object, const char *key);
// The member as a string, or empty when absent or not a string.
std::string str(const ojson &object, const char *key);
QString qstr(const ojson &object, const char *key);
// A non-negative integer member, or -1.
qint64 count(const ojson &object, const char *key);
// "a string", "an integer"... for type error messages.
QString typeName(const ojson &value);

QString fromUtf8(const std::string &text);
std::string toUtf8(const QString &text);

} // namespace understudy::anthropic::detail
