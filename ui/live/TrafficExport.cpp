#include "TrafficExport.h"

#include "config/Outcome.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace understudy {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("understudy::TrafficExport", text);
}

Result<void> writeWhole(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error{QStringLiteral("io_error"), tr("Cannot write %1: %2").arg(path, file.errorString())};
    if (file.write(bytes) != bytes.size() || !file.commit())
        return Error{QStringLiteral("io_error"), tr("Cannot write %1: %2").arg(path, file.errorString())};
    return {};
}

QString shellQuote(const QString &s)
{
    QString quoted = s;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

bool hasBody(const QString &method)
{
    const QString m = method.toUpper();
    return m == u"POST" || m == u"PUT" || m == u"PATCH";
}

QJsonObject nameValue(const QString &name, const QString &value)
{
    return QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("value"), value}};
}

} // namespace

QString trafficRequestUrl(const RequestTrail &trail, const QString &baseUrl)
{
    QString base = baseUrl;
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    const QString path = trail.path.startsWith(QLatin1Char('/')) ? trail.path : QString(QLatin1Char('/') + trail.path);
    return base + path;
}

QJsonObject trailToJson(const RequestTrail &t)
{
    QJsonArray attempts;
    for (const AttemptRecord &a : t.attempts) {
        QJsonObject o{{QStringLiteral("step"), a.stepPath},
                      {QStringLiteral("target"), a.target},
                      {QStringLiteral("start_offset_ms"), a.startOffsetMs},
                      {QStringLiteral("duration_ms"), a.durationMs},
                      {QStringLiteral("ttft_ms"), a.ttftMs},
                      {QStringLiteral("bytes"), a.bytes},
                      {QStringLiteral("outcome"), outcomeClassName(a.outcome)},
                      {QStringLiteral("status"), a.upstreamStatus},
                      {QStringLiteral("breaker_state"), a.breakerState},
                      {QStringLiteral("decision"), a.decision}};
        if (a.retryAfterMs)
            o.insert(QStringLiteral("retry_after_ms"), *a.retryAfterMs);
        attempts.append(o);
    }
    return QJsonObject{{QStringLiteral("request_id"), QString::fromLatin1(t.requestId)},
                       {QStringLiteral("route"), t.route},
                       {QStringLiteral("method"), t.method},
                       {QStringLiteral("path"), t.path},
                       {QStringLiteral("consumer"), t.consumer},
                       {QStringLiteral("started_at_ms"), t.startedAtMs},
                       {QStringLiteral("duration_ms"), t.durationMs},
                       {QStringLiteral("ttft_ms"), t.ttftMs},
                       {QStringLiteral("status"), t.status},
                       {QStringLiteral("outcome"), outcomeClassName(t.outcome)},
                       {QStringLiteral("served_by"), t.servedBy},
                       {QStringLiteral("served_model"), t.servedModel},
                       {QStringLiteral("fallback_depth"), t.fallbackDepth},
                       {QStringLiteral("cached"), t.cached},
                       {QStringLiteral("static"), t.staticAnswer},
                       {QStringLiteral("degraded"), t.degraded},
                       {QStringLiteral("stream"), t.stream},
                       {QStringLiteral("bytes_in"), t.bytesIn},
                       {QStringLiteral("bytes_out"), t.bytesOut},
                       {QStringLiteral("prompt_tokens"), t.promptTokens},
                       {QStringLiteral("completion_tokens"), t.completionTokens},
                       {QStringLiteral("cost"), t.cost},
                       {QStringLiteral("attempts"), attempts}};
}

QJsonObject harDocument(const std::vector<RequestTrail> &rows, const QString &baseUrl)
{
    QJsonArray entries;
    for (const RequestTrail &t : rows) {
        const qint64 wait = t.ttftMs >= 0 ? t.ttftMs : t.durationMs;
        const qint64 receive = std::max<qint64>(0, t.durationMs - wait);
        QJsonArray requestHeaders{
            nameValue(QStringLiteral("x-understudy-request-id"), QString::fromLatin1(t.requestId))};
        QJsonObject request{{QStringLiteral("method"), t.method},
                            {QStringLiteral("url"), trafficRequestUrl(t, baseUrl)},
                            {QStringLiteral("httpVersion"), QStringLiteral("HTTP/1.1")},
                            {QStringLiteral("cookies"), QJsonArray{}},
                            {QStringLiteral("headers"), requestHeaders},
                            {QStringLiteral("queryString"), QJsonArray{}},
                            {QStringLiteral("headersSize"), -1},
                            {QStringLiteral("bodySize"), t.bytesIn > 0 ? t.bytesIn : -1}};
        QJsonArray responseHeaders;
        if (!t.servedBy.isEmpty())
            responseHeaders.append(nameValue(QStringLiteral("x-understudy-served-by"), t.servedBy));
        const QByteArray summary = t.fallbackSummary();
        if (!summary.isEmpty())
            responseHeaders.append(nameValue(QStringLiteral("x-understudy-fallback"), QString::fromLatin1(summary)));
        QJsonObject response{{QStringLiteral("status"), t.status},
                             {QStringLiteral("statusText"), QString()},
                             {QStringLiteral("httpVersion"), QStringLiteral("HTTP/1.1")},
                             {QStringLiteral("cookies"), QJsonArray{}},
                             {QStringLiteral("headers"), responseHeaders},
                             {QStringLiteral("content"),
                              QJsonObject{{QStringLiteral("size"), t.bytesOut},
                                          {QStringLiteral("mimeType"), t.stream ? QStringLiteral("text/event-stream")
                                                                                : QStringLiteral("application/json")}}},
                             {QStringLiteral("redirectURL"), QString()},
                             {QStringLiteral("headersSize"), -1},
                             {QStringLiteral("bodySize"), t.bytesOut > 0 ? t.bytesOut : -1}};
        QJsonObject entry{{QStringLiteral("startedDateTime"),
                           QDateTime::fromMSecsSinceEpoch(t.startedAtMs, Qt::UTC).toString(Qt::ISODateWithMs)},
                          {QStringLiteral("time"), t.durationMs},
                          {QStringLiteral("request"), request},
                          {QStringLiteral("response"), response},
                          {QStringLiteral("cache"), QJsonObject{}},
                          {QStringLiteral("timings"), QJsonObject{{QStringLiteral("send"), 0},
                                                                  {QStringLiteral("wait"), wait},
                                                                  {QStringLiteral("receive"), receive}}},
                          {QStringLiteral("_understudy"), trailToJson(t)}};
        entries.append(entry);
    }
    QJsonObject log{
        {QStringLiteral("version"), QStringLiteral("1.2")},
        {QStringLiteral("creator"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Understudy")},
                                                {QStringLiteral("version"), QCoreApplication::applicationVersion()}}},
        {QStringLiteral("entries"), entries}};
    return QJsonObject{{QStringLiteral("log"), log}};
}

QString curlCommand(const RequestTrail &t, const QString &baseUrl)
{
    QStringList parts{QStringLiteral("curl")};
    if (t.stream)
        parts << QStringLiteral("-N");
    parts << QStringLiteral("-X") << t.method.toUpper() << shellQuote(trafficRequestUrl(t, baseUrl));
    if (hasBody(t.method)) {
        // The trail keeps no body: the command reads it from a file the
        // user provides.
        parts << QStringLiteral("-H") << shellQuote(QStringLiteral("content-type: application/json"))
              << QStringLiteral("--data-binary") << QStringLiteral("@request.json");
    }
    return parts.join(QLatin1Char(' '));
}

Result<void> exportHar(const QString &path, const std::vector<RequestTrail> &rows, const QString &baseUrl)
{
    return writeWhole(path, QJsonDocument(harDocument(rows, baseUrl)).toJson(QJsonDocument::Indented));
}

Result<void> exportJsonl(const QString &path, const std::vector<RequestTrail> &rows)
{
    QByteArray bytes;
    for (const RequestTrail &t : rows) {
        bytes += QJsonDocument(trailToJson(t)).toJson(QJsonDocument::Compact);
        bytes += '\n';
    }
    return writeWhole(path, bytes);
}

} // namespace understudy
