#pragma once

// One line of the Logs page: either an operational event (observe/Event.h)
// or a Qt log message of the process, reduced to what the table shows and
// filters on (time, level, source, subject, message) plus the event's
// detail for the detail area.

#include "observe/Event.h"
#include "observe/JsonLineLog.h"

#include <QJsonObject>
#include <QString>
#include <QtGlobal>

namespace understudy {

enum class LogOrigin { Event, AppLog };

struct LogEntry
{
    qint64 atMs = 0; // wall clock, ms since epoch
    LogLevel level = LogLevel::Info;
    LogOrigin origin = LogOrigin::AppLog;
    QString source;     // event kind, or the log category ("default" without one)
    QString subject;    // event subject; empty for log lines
    QString message;    // one readable line for events, the text for log lines
    QJsonObject detail; // events only
};

// Events carry no level of their own; this is how serious each kind reads
// to an operator (a breaker opening is a warning, a pool error an error).
LogLevel levelOfEvent(const Event &event);
LogEntry entryFromEvent(const Event &event);
LogEntry entryFromLogMessage(QtMsgType type, const char *category, const QString &message, qint64 atMs);

// "debug", "info", "warning", "error" (stable, for copy and search); the
// translated name for display.
QString levelKey(LogLevel level);
QString levelDisplayName(LogLevel level);

// Whether the entry is about a target whose traffic the Traffic page can
// show (a breaker transition or an upstream pool error).
bool hasTrafficTarget(const LogEntry &entry);

// One tab-separated line per entry, as copied to the clipboard.
QString entryAsText(const LogEntry &entry);

} // namespace understudy
