#include "LogEntry.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

namespace understudy {

namespace {

// tr() for the free functions of this file.
class LogEntryText
{
    Q_DECLARE_TR_FUNCTIONS(LogEntryText)

public:
    static QString summary(const Event &event);
};

QString valueText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return QString::number(value.toDouble());
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    return {};
}

// "key=value key2=value2": readable for the kinds without a sentence.
QString keyValues(const QJsonObject &detail)
{
    QStringList parts;
    for (auto it = detail.begin(); it != detail.end(); ++it)
        parts << it.key() + QLatin1Char('=') + valueText(it.value());
    return parts.join(QLatin1Char(' '));
}

QString LogEntryText::summary(const Event &event)
{
    const QJsonObject &d = event.detail;
    const QString kind = event.kind;
    if (kind == QLatin1String(kEventBreakerTransition)) {
        const QString reason = d.value(QStringLiteral("reason")).toString();
        const QString change =
            tr("Breaker %1 → %2")
                .arg(d.value(QStringLiteral("from")).toString(), d.value(QStringLiteral("to")).toString());
        return reason.isEmpty() ? change : tr("%1 (%2)").arg(change, reason);
    }
    if (kind == QLatin1String(kEventConfigApplied))
        return tr("Configuration applied (generation %1: %2 providers, %3 chains, %4 routes)")
            .arg(valueText(d.value(QStringLiteral("generation"))), valueText(d.value(QStringLiteral("providers"))),
                 valueText(d.value(QStringLiteral("chains"))), valueText(d.value(QStringLiteral("routes"))));
    if (kind == QLatin1String(kEventConfigRejected)) {
        const QJsonArray errors = d.value(QStringLiteral("errors")).toArray();
        if (errors.isEmpty())
            return tr("Configuration rejected");
        const QJsonObject first = errors.first().toObject();
        QString text =
            tr("Configuration rejected: %1: %2")
                .arg(first.value(QStringLiteral("path")).toString(), first.value(QStringLiteral("message")).toString());
        if (errors.size() > 1)
            text += QLatin1Char(' ') + tr("(%n more)", nullptr, int(errors.size() - 1));
        return text;
    }
    if (kind == QLatin1String(kEventListenerStarted))
        return tr("Listening on %1:%2")
            .arg(d.value(QStringLiteral("address")).toString(), valueText(d.value(QStringLiteral("port"))));
    if (kind == QLatin1String(kEventListenerStopped))
        return tr("Listener stopped");
    if (kind == QLatin1String(kEventPoolError))
        return tr("Upstream pool error: %1").arg(d.value(QStringLiteral("error")).toString());
    if (kind == QLatin1String(kEventLogDrop))
        return tr("Request log dropped rows: %1").arg(keyValues(d));
    if (kind == QLatin1String(kEventRetention))
        return tr("Retention run: %1").arg(keyValues(d));
    if (kind == QLatin1String("chaos_started") || kind == QLatin1String("chaos_stopped")) {
        // From the Chaos page or the admin API (which also sends an id).
        QString target = d.value(QStringLiteral("provider")).toString();
        if (const QString model = d.value(QStringLiteral("model")).toString(); !model.isEmpty())
            target += QLatin1Char('/') + model;
        const QString fault = d.value(QStringLiteral("fault")).toString();
        const qint64 seconds = d.value(QStringLiteral("duration_ms")).toInteger() / 1000;
        return kind == QLatin1String("chaos_started")
                   ? tr("Chaos: %1 injected in front of %2 for %3 s").arg(fault, target).arg(seconds)
                   : tr("Chaos: %1 in front of %2 stopped").arg(fault, target);
    }
    return keyValues(d);
}

} // namespace

LogLevel levelOfEvent(const Event &event)
{
    const QString &kind = event.kind;
    if (kind == QLatin1String(kEventBreakerTransition))
        return event.detail.value(QStringLiteral("to")).toString() == QLatin1String("open") ? LogLevel::Warning
                                                                                            : LogLevel::Info;
    if (kind == QLatin1String(kEventConfigRejected))
        return event.detail.value(QStringLiteral("errors")).toArray().isEmpty() ? LogLevel::Warning : LogLevel::Error;
    if (kind == QLatin1String(kEventPoolError))
        return LogLevel::Error;
    if (kind == QLatin1String(kEventLogDrop) || kind == QLatin1String("chaos_started"))
        return LogLevel::Warning; // an outage being rehearsed stands out
    return LogLevel::Info;
}

LogEntry entryFromEvent(const Event &event)
{
    LogEntry entry;
    entry.atMs = event.atMs;
    entry.level = levelOfEvent(event);
    entry.origin = LogOrigin::Event;
    entry.source = event.kind;
    entry.subject = event.subject;
    entry.message = LogEntryText::summary(event);
    entry.detail = event.detail;
    return entry;
}

LogEntry entryFromLogMessage(QtMsgType type, const char *category, const QString &message, qint64 atMs)
{
    LogEntry entry;
    entry.atMs = atMs;
    entry.level = logLevelOf(type);
    entry.origin = LogOrigin::AppLog;
    entry.source = (category && *category) ? QString::fromUtf8(category) : QStringLiteral("default");
    entry.message = message;
    return entry;
}

QString levelKey(LogLevel level)
{
    switch (level) {
    case LogLevel::Debug:
        return QStringLiteral("debug");
    case LogLevel::Info:
        return QStringLiteral("info");
    case LogLevel::Warning:
        return QStringLiteral("warning");
    case LogLevel::Error:
        return QStringLiteral("error");
    }
    return QStringLiteral("info");
}

QString levelDisplayName(LogLevel level)
{
    switch (level) {
    case LogLevel::Debug:
        return LogEntryText::tr("Debug");
    case LogLevel::Info:
        return LogEntryText::tr("Info");
    case LogLevel::Warning:
        return LogEntryText::tr("Warning");
    case LogLevel::Error:
        return LogEntryText::tr("Error");
    }
    return {};
}

bool hasTrafficTarget(const LogEntry &entry)
{
    return entry.origin == LogOrigin::Event && !entry.subject.isEmpty() &&
           (entry.source == QLatin1String(kEventBreakerTransition) || entry.source == QLatin1String(kEventPoolError));
}

QString entryAsText(const LogEntry &entry)
{
    const QString time = QDateTime::fromMSecsSinceEpoch(entry.atMs).toString(Qt::ISODateWithMs);
    return QStringList{time, levelKey(entry.level), entry.source, entry.subject, entry.message}.join(QLatin1Char('\t'));
}

} // namespace understudy
