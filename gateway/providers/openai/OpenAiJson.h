#pragma once

// Internal to providers/openai: exception-free access to nlohmann::json for
// untrusted upstream and client bodies. Not part of the folder's public API.

#include "providers/openai/OpenAiTypes.h"

#include <QByteArray>
#include <QString>

#include <nlohmann/json.hpp>

namespace understudy::openai::detail {

using json = nlohmann::json;

// Parses without throwing; nullopt-like `discarded` value on any error.
json parse(QByteArrayView bytes);
bool parsed(const json &doc);
// For text that does not parse: true when the parser ran out of input (a
// body cut mid-way) rather than meeting a wrong byte.
bool endsEarly(QByteArrayView bytes);
// Compact dump; invalid UTF-8 in strings is replaced rather than thrown.
QByteArray dump(const json &doc);

// The member `key` of an object when it is a string, else an empty string.
QString string(const json &object, const char *key);
// A member as text whether the provider sent a string or a number.
QString scalarText(const json &object, const char *key);
const json *member(const json &object, const char *key);

TokenUsage usageFrom(const json &usage);
ApiError errorFrom(const json &error);
json usageJson(const TokenUsage &usage);

std::string utf8(const QString &text);

// For request errors that name a field the way OpenAI does: 'param', and
// what a value was ("a string", "an array", ...).
QString quoted(const QString &param);
QString typeName(const json &value);

} // namespace understudy::openai::detail
