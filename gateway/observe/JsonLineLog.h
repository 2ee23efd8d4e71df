#pragma once

// Headless logging: every qDebug/qInfo/qWarning/qCritical becomes one JSON
// object per line on stderr, so log shippers (journald, Vector, Loki) need
// no parsing rules:
//   {"ts":"2026-11-22T10:00:00.123Z","level":"info","category":"understudy.http","msg":"listening","listener":"default"}
// Structured fields are appended from a message of the form
//   "text | key=value key2=value2"; other words after the bar go to "detail".

#include <QString>
#include <QtGlobal>

#include <optional>

namespace understudy {

enum class LogLevel { Debug, Info, Warning, Error };

// Critical and fatal messages are errors.
LogLevel logLevelOf(QtMsgType type);

// Installs the JSON-lines message handler for the process. Messages below
// `minimum` are dropped. Thread-safe: lines are written whole.
void installJsonLineLog(LogLevel minimum);

// Formats one line (without the newline); exposed for tests.
QByteArray formatJsonLogLine(QtMsgType type, const char *category, const QString &message, qint64 epochMs);

std::optional<LogLevel> logLevelFromName(const QString &name);

} // namespace understudy
