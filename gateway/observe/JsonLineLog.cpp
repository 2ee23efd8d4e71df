#include "observe/JsonLineLog.h"

#include <QDateTime>
#include <QMutex>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <optional>

namespace understudy {

namespace {

LogLevel g_minimum = LogLevel::Info;
QMutex g_writeMutex; // one whole line at a time from any thread

const char *levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return "debug";
    case QtInfoMsg:
        return "info";
    case QtWarningMsg:
        return "warning";
    case QtCriticalMsg:
        return "error";
    case QtFatalMsg:
        return "fatal";
    }
    return "info";
}

void handleMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type != QtFatalMsg && logLevelOf(type) < g_minimum)
        return;
    QByteArray line = formatJsonLogLine(type, context.category, message, QDateTime::currentMSecsSinceEpoch());
    line.append('\n');
    {
        QMutexLocker lock(&g_writeMutex);
        std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
        std::fflush(stderr);
    }
    if (type == QtFatalMsg)
        std::abort();
}

} // namespace

QByteArray formatJsonLogLine(QtMsgType type, const char *category, const QString &message, qint64 epochMs)
{
    nlohmann::ordered_json line;
    line["ts"] = QDateTime::fromMSecsSinceEpoch(epochMs, Qt::UTC).toString(Qt::ISODateWithMs).toStdString();
    line["level"] = levelName(type);
    line["category"] = (category && *category) ? category : "default";

    QString text = message;
    QString fields;
    if (const qsizetype bar = message.indexOf(QLatin1String(" | ")); bar >= 0) {
        text = message.left(bar);
        fields = message.mid(bar + 3);
    }
    line["msg"] = text.toStdString();
    QStringList detail; // free text after the bar that is not key=value
    for (const QString &pair : fields.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        const std::string key = eq > 0 ? pair.left(eq).toStdString() : std::string();
        if (eq <= 0 || line.contains(key)) {
            detail << pair; // never let a field overwrite ts/level/msg
            continue;
        }
        line[key] = pair.mid(eq + 1).toStdString();
    }
    if (!detail.isEmpty())
        line["detail"] = detail.join(QLatin1Char(' ')).toStdString();
    return QByteArray::fromStdString(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

LogLevel logLevelOf(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return LogLevel::Debug;
    case QtInfoMsg:
        return LogLevel::Info;
    case QtWarningMsg:
        return LogLevel::Warning;
    case QtCriticalMsg:
    case QtFatalMsg:
        return LogLevel::Error;
    }
    return LogLevel::Info;
}

void installJsonLineLog(LogLevel minimum)
{
    g_minimum = minimum;
    qInstallMessageHandler(handleMessage);
}

std::optional<LogLevel> logLevelFromName(const QString &name)
{
    if (name == QLatin1String("debug"))
        return LogLevel::Debug;
    if (name == QLatin1String("info"))
        return LogLevel::Info;
    if (name == QLatin1String("warning"))
        return LogLevel::Warning;
    if (name == QLatin1String("error"))
        return LogLevel::Error;
    return std::nullopt;
}

} // namespace understudy
