#include "admin/AdminJson.h"

#include "config/JsonObjectReader.h"

#include <QUrlQuery>

namespace understudy {

namespace {

using nlohmann::json;

std::string utf8(const QString &text)
{
    return text.toStdString();
}

json nullIfEmpty(const QString &text)
{
    return text.isEmpty() ? json(nullptr) : json(utf8(text));
}

// Accepts ISO-8601 (with offset or Z) or milliseconds since the epoch.
std::optional<QDateTime> parseTime(const QString &text)
{
    bool isNumber = false;
    const qint64 ms = text.toLongLong(&isNumber);
    if (isNumber)
        return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
    QDateTime parsed = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!parsed.isValid())
        return std::nullopt;
    return parsed.toUTC();
}

struct CommonQuery
{
    std::optional<QDateTime> from;
    std::optional<QDateTime> to;
    QString cursor;
    int limit = 100;
};

Result<void> badQuery(const QString &message)
{
    return Result<void>::failure(QStringLiteral("bad_query"), message);
}

// Reads from/to/cursor/limit; every other key must be in `known`.
Result<void> readCommon(const QUrlQuery &query, const QStringList &known, CommonQuery &out)
{
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == QLatin1String("from") || key == QLatin1String("to")) {
            auto time = parseTime(value);
            if (!time)
                return badQuery(QStringLiteral("%1: expected an ISO-8601 time or epoch milliseconds, got '%2'")
                                    .arg(key, abbreviated(value)));
            (key == QLatin1String("from") ? out.from : out.to) = time;
        } else if (key == QLatin1String("cursor")) {
            out.cursor = value;
        } else if (key == QLatin1String("limit")) {
            bool ok = false;
            out.limit = value.toInt(&ok);
            if (!ok || out.limit < 1 || out.limit > RequestQuery::kMaxLimit)
                return badQuery(QStringLiteral("limit: expected 1..%1").arg(RequestQuery::kMaxLimit));
        } else if (!known.contains(key)) {
            return badQuery(QStringLiteral("unknown query parameter '%1'").arg(abbreviated(key)));
        }
    }
    if (out.from && out.to && *out.to < *out.from)
        return badQuery(QStringLiteral("'to' is before 'from'"));
    return {};
}

} // namespace

QByteArray adminErrorBody(QByteArrayView code, const QString &message, const json &details)
{
    json error{{"code", code.toByteArray().toStdString()}, {"message", utf8(message)}};
    if (!details.is_null())
        error["details"] = details;
    return QByteArray::fromStdString(json{{"error", std::move(error)}}.dump());
}

json revisionInfoJson(const RevisionInfo &info)
{
    return json{{"id", info.id},
                {"created_at", utf8(info.createdAt.toUTC().toString(Qt::ISODateWithMs))},
                {"author", utf8(info.author)},
                {"summary", utf8(info.summary)}};
}

json issuesJson(const std::vector<ValidationIssue> &issues)
{
    json list = json::array();
    for (const ValidationIssue &issue : issues) {
        list.push_back({{"severity", issue.severity == ValidationIssue::Severity::Error ? "error" : "warning"},
                        {"path", utf8(issue.path)},
                        {"message", utf8(issue.message)}});
    }
    return list;
}

json breakerJson(const BreakerSnapshot &b)
{
    return json{{"target", utf8(b.target)},
                {"state", utf8(breakerStateName(b.state))},
                {"override", utf8(breakerOverrideName(b.mode))},
                {"openings", b.openings},
                {"consecutive_failures", b.consecutiveFailures},
                {"window_requests", b.windowRequests},
                {"window_failures", b.windowFailures},
                {"probes_in_flight", b.probesInFlight},
                {"ms_until_close", b.msUntilClose},
                {"admit_share", b.admitShare}};
}

json chaosJson(const ChaosInjection &i, qint64 nowMs)
{
    const MockSettings &f = i.fault;
    return json{{"id", i.id},
                {"provider", utf8(i.provider)},
                {"model", nullIfEmpty(i.model)},
                {"fault", utf8(mockFaultName(f.fault))},
                {"status", f.status},
                {"retry_after_seconds", f.retryAfterSeconds},
                {"after_events", f.afterEvents},
                {"delay_ms", f.delayMs},
                {"down_ms", f.downMs},
                {"up_ms", f.upMs},
                {"latency_ms", f.latencyMs},
                {"duration_ms", i.expiresAtMs - i.startedAtMs},
                {"remaining_ms", std::max<qint64>(0, i.expiresAtMs - nowMs)},
                {"note", utf8(i.note)}};
}

json requestSummaryJson(const RequestTrail &t)
{
    json fallbacks = json::array();
    for (const QByteArray &cls : t.fallbackSummary().split(',')) {
        if (!cls.isEmpty())
            fallbacks.push_back(cls.toStdString());
    }
    return json{
        {"request_id", t.requestId.toStdString()},
        {"started_at", utf8(QDateTime::fromMSecsSinceEpoch(t.startedAtMs, Qt::UTC).toString(Qt::ISODateWithMs))},
        {"route", utf8(t.route)},
        {"method", utf8(t.method)},
        {"path", utf8(t.path)},
        {"status", t.status},
        {"outcome", utf8(outcomeClassName(t.outcome))},
        {"duration_ms", t.durationMs},
        {"ttft_ms", t.ttftMs},
        {"served_by", utf8(t.servedBy)},
        {"model", utf8(t.servedModel)},
        {"attempts", t.attemptCount()},
        {"fallback_depth", t.fallbackDepth},
        {"fallbacks", std::move(fallbacks)},
        {"cached", t.cached},
        {"static", t.staticAnswer},
        {"degraded", t.degraded},
        {"stream", t.stream}};
}

Result<ChaosRequest> chaosRequestFromJson(const json &document)
{
    if (!document.is_object())
        return Error{QStringLiteral("invalid_chaos"),
                     QStringLiteral("expected a JSON object, got %1").arg(describeJsonValue(document))};
    ImportErrors errors;
    JsonObjectReader r(document, QString(), errors);
    ChaosRequest request;
    r.read("provider", request.provider);
    r.read("model", request.model);
    r.read("duration_ms", request.durationMs);
    r.read("note", request.note);
    QString faultName;
    r.read("fault", faultName);
    MockSettings &f = request.fault;
    r.read("status", f.status);
    r.read("retry_after_seconds", f.retryAfterSeconds);
    r.read("after_events", f.afterEvents);
    r.read("delay_ms", f.delayMs);
    r.read("down_ms", f.downMs);
    r.read("up_ms", f.upMs);
    r.read("latency_ms", f.latencyMs);
    r.rejectUnknownFields();
    if (!document.contains("provider"))
        errors.add(QStringLiteral("provider"), QStringLiteral("required"));
    if (!document.contains("duration_ms"))
        errors.add(QStringLiteral("duration_ms"), QStringLiteral("required"));
    if (!document.contains("fault")) {
        errors.add(QStringLiteral("fault"), QStringLiteral("required"));
    } else if (auto fault = mockFaultFromName(faultName)) {
        f.fault = *fault;
    } else if (document["fault"].is_string()) {
        errors.add(QStringLiteral("fault"), QStringLiteral("unknown fault '%1'").arg(abbreviated(faultName)));
    }
    if (f.status < 100 || f.status > 599)
        errors.add(QStringLiteral("status"), QStringLiteral("expected an HTTP status 100..599"));
    if (f.retryAfterSeconds < 0 || f.afterEvents < 0 || f.delayMs < 0 || f.downMs < 0 || f.upMs < 0 || f.latencyMs < 0)
        errors.add(QString(), QStringLiteral("fault timings and counts must not be negative"));
    if (!errors.isEmpty())
        return Error{QStringLiteral("invalid_chaos"), errors.text()};
    return request;
}

Result<RequestQuery> requestLogQueryFromUrl(QByteArrayView queryText)
{
    const QUrlQuery query(QString::fromUtf8(queryText));
    CommonQuery common;
    const QStringList known{QStringLiteral("route"), QStringLiteral("outcome"), QStringLiteral("status"),
                            QStringLiteral("provider"), QStringLiteral("q")};
    if (auto read = readCommon(query, known, common); !read)
        return read.error();
    RequestQuery out;
    out.from = common.from;
    out.to = common.to;
    out.cursor = common.cursor;
    out.limit = common.limit;
    out.route = query.queryItemValue(QStringLiteral("route"), QUrl::FullyDecoded);
    out.outcome = query.queryItemValue(QStringLiteral("outcome"), QUrl::FullyDecoded);
    out.provider = query.queryItemValue(QStringLiteral("provider"), QUrl::FullyDecoded);
    out.text = query.queryItemValue(QStringLiteral("q"), QUrl::FullyDecoded);
    if (!out.outcome.isEmpty() && !outcomeClassFromName(out.outcome))
        return Error{QStringLiteral("bad_query"),
                     QStringLiteral("outcome: unknown class '%1'").arg(abbreviated(out.outcome))};
    if (query.hasQueryItem(QStringLiteral("status"))) {
        bool ok = false;
        const int status = query.queryItemValue(QStringLiteral("status")).toInt(&ok);
        if (!ok || status < 100 || status > 599)
            return Error{QStringLiteral("bad_query"), QStringLiteral("status: expected an HTTP status 100..599")};
        out.status = status;
    }
    return out;
}

Result<EventQuery> eventQueryFromUrl(QByteArrayView queryText)
{
    const QUrlQuery query(QString::fromUtf8(queryText));
    CommonQuery common;
    if (auto read = readCommon(query, {QStringLiteral("kind")}, common); !read)
        return read.error();
    EventQuery out;
    out.from = common.from;
    out.to = common.to;
    out.cursor = common.cursor;
    out.limit = common.limit;
    out.kind = query.queryItemValue(QStringLiteral("kind"), QUrl::FullyDecoded);
    return out;
}

QByteArray sseEvent(QByteArrayView event, QByteArrayView data)
{
    QByteArray out;
    out.reserve(event.size() + data.size() + 16);
    out += "event: ";
    out += event;
    out += "\ndata: ";
    out += data;
    out += "\n\n";
    return out;
}

} // namespace understudy
