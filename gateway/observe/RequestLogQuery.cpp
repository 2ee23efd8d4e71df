#include "observe/RequestLogQuery.h"

#include "observe/RequestLogIds.h"
#include "observe/RequestRouteSpans.h"

#include "store/SchemaMigrations.h"
#include "store/SqliteConnection.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <functional>
#include <limits>

namespace understudy {

namespace {

constexpr int kMaxPageRows = 1000;

const char kSummaryColumns[] = "id, request_id, route, path, status, outcome, served_by, summary,"
                               " EXISTS (SELECT 1 FROM request_bodies b WHERE b.request = requests.id)";

// "%" and "_" in a user's text are literal.
QString likePattern(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char('%'), QLatin1String("\\%"));
    escaped.replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

QString jsonString(const nlohmann::json &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
}

qint64 jsonInteger(const nlohmann::json &value, qint64 absent)
{
    return value.is_number_integer() ? value.get<qint64>() : absent;
}

// The requests.summary column (see schema v5). A row whose summary does not
// read keeps its columns and zeros elsewhere.
void readSummaryJson(const std::string &text, LoggedRequest *r)
{
    const auto json = nlohmann::json::parse(text, nullptr, false);
    if (!json.is_array() || json.size() < 17)
        return;
    RequestTrail &t = r->trail;
    t.startedAtMs = jsonInteger(json[0], 0);
    t.method = jsonString(json[1]);
    t.consumer = jsonString(json[2]);
    t.servedModel = jsonString(json[3]);
    t.fallbackDepth = int(jsonInteger(json[4], 0));
    r->attempts = int(jsonInteger(json[5], 0));
    t.durationMs = jsonInteger(json[6], 0);
    t.ttftMs = jsonInteger(json[7], -1);
    t.promptTokens = jsonInteger(json[8], -1);
    t.completionTokens = jsonInteger(json[9], -1);
    t.cost = json[10].is_number() ? json[10].get<double>() : 0.0;
    t.bytesIn = jsonInteger(json[11], 0);
    t.bytesOut = jsonInteger(json[12], 0);
    t.cached = jsonInteger(json[13], 0) != 0;
    t.staticAnswer = jsonInteger(json[14], 0) != 0;
    t.degraded = jsonInteger(json[15], 0) != 0;
    t.stream = jsonInteger(json[16], 0) != 0;
}

LoggedRequest readSummary(const QSqlQuery &q)
{
    LoggedRequest r;
    RequestTrail &t = r.trail;
    r.id = q.value(0).toLongLong();
    t.requestId = q.value(1).toString().toLatin1();
    t.route = q.value(2).toString();
    t.path = q.value(3).toString();
    t.status = q.value(4).toInt();
    t.outcome = outcomeClassFromName(q.value(5).toString()).value_or(OutcomeClass::Ok);
    t.servedBy = q.value(6).toString();
    readSummaryJson(q.value(7).toString().toStdString(), &r);
    r.hasBodies = q.value(8).toBool();
    return r;
}

constexpr int kSummaryColumnCount = 9;

// The requests.trail column (see schema v3): one array per attempt.
std::optional<std::vector<AttemptRecord>> parseTrail(const std::string &text)
{
    const auto json = nlohmann::json::parse(text, nullptr, false);
    if (!json.is_array())
        return std::nullopt;
    std::vector<AttemptRecord> out;
    out.reserve(json.size());
    for (const auto &a : json) {
        if (!a.is_array() || a.size() < 11)
            return std::nullopt;
        AttemptRecord rec;
        rec.stepPath = jsonString(a[0]);
        rec.target = jsonString(a[1]);
        rec.startOffsetMs = jsonInteger(a[2], 0);
        rec.durationMs = jsonInteger(a[3], 0);
        rec.ttftMs = jsonInteger(a[4], -1);
        rec.bytes = jsonInteger(a[5], 0);
        rec.outcome = outcomeClassFromName(jsonString(a[6])).value_or(OutcomeClass::Ok);
        rec.upstreamStatus = int(jsonInteger(a[7], 0));
        if (a[8].is_number_integer())
            rec.retryAfterMs = a[8].get<qint64>();
        rec.breakerState = jsonString(a[9]);
        rec.decision = jsonString(a[10]);
        out.push_back(std::move(rec));
    }
    return out;
}

struct Where
{
    QStringList clauses;
    QVariantList bindings;

    void add(const QString &clause, const QVariantList &values)
    {
        clauses << clause;
        bindings += values;
    }
    QString sql() const
    {
        return clauses.isEmpty() ? QString() : QStringLiteral(" WHERE ") + clauses.join(QLatin1String(" AND "));
    }
};

Where whereOf(const RequestFilter &f)
{
    Where w;
    // Row ids sort by start time (RequestLogIds.h): time bounds are rowid
    // bounds, which the table's own B-tree serves.
    if (f.fromMs)
        w.add(QStringLiteral("id >= ?"), {requestRowIdFloor(*f.fromMs)});
    if (f.toMs)
        w.add(QStringLiteral("id < ?"), {requestRowIdFloor(*f.toMs)});
    if (!f.route.isEmpty())
        w.add(QStringLiteral("route = ?"), {f.route});
    if (!f.outcome.isEmpty()) {
        w.add(QStringLiteral("outcome = ?"), {f.outcome});
        // Spelled exactly as requests_outcome's WHERE, so SQLite may use
        // that partial index (a bound parameter never implies it).
        if (f.outcome != QLatin1String("ok"))
            w.add(QStringLiteral("outcome <> 'ok'"), {});
    }
    if (f.statusMin) {
        w.add(QStringLiteral("status >= ?"), {*f.statusMin});
        if (*f.statusMin >= 400)
            w.add(QStringLiteral("status >= 400"), {}); // requests_status's WHERE
    }
    if (f.statusMax)
        w.add(QStringLiteral("status <= ?"), {*f.statusMax});
    if (!f.servedBy.isEmpty())
        w.add(QStringLiteral("served_by LIKE ? ESCAPE '\\'"), {likePattern(f.servedBy)});
    if (!f.text.isEmpty()) {
        const QString p = likePattern(f.text);
        w.add(QStringLiteral(
                  "(path LIKE ? ESCAPE '\\' OR request_id LIKE ? ESCAPE '\\' OR served_by LIKE ? ESCAPE '\\')"),
              {p, p, p});
    }
    return w;
}

// "<started_at_ms>.<id>"; the id alone orders the log, the time keeps
// cursors readable (and the format of schema 3's).
std::optional<qint64> parseCursor(const QString &cursor)
{
    const QStringList parts = cursor.split(QLatin1Char('.'));
    if (parts.size() != 2)
        return std::nullopt;
    bool okTime = false, okId = false;
    parts[0].toLongLong(&okTime);
    const qint64 id = parts[1].toLongLong(&okId);
    if (!okTime || !okId)
        return std::nullopt;
    return id;
}

std::map<double, qint64> parseHistogram(const QString &text)
{
    std::map<double, qint64> out;
    auto json = nlohmann::json::parse(text.toStdString(), nullptr, false);
    if (!json.is_object())
        return out;
    for (auto it = json.begin(); it != json.end(); ++it) {
        const double bound =
            it.key() == "+Inf" ? std::numeric_limits<double>::infinity() : QString::fromStdString(it.key()).toDouble();
        if (it.value().is_number_integer())
            out[bound] = it.value().get<qint64>();
    }
    return out;
}

std::optional<double> optionalDouble(const QVariant &v)
{
    return v.isNull() ? std::nullopt : std::optional<double>(v.toDouble());
}

Result<void> run(QSqlQuery &q, const QString &sql, const QVariantList &bindings, const QString &what)
{
    if (!q.prepare(sql))
        return sqlFailure(what, q.lastError());
    for (int i = 0; i < bindings.size(); ++i)
        q.bindValue(i, bindings.at(i));
    if (!q.exec())
        return sqlFailure(what, q.lastError());
    return {};
}

// The id range a filter (and a page cursor) allows: [lower, upper).
struct IdBounds
{
    qint64 lower = std::numeric_limits<qint64>::min();
    qint64 upper = std::numeric_limits<qint64>::max();
};

IdBounds boundsOf(const RequestFilter &f, std::optional<qint64> cursorId)
{
    IdBounds b;
    if (f.fromMs)
        b.lower = requestRowIdFloor(*f.fromMs);
    if (f.toMs)
        b.upper = requestRowIdFloor(*f.toMs);
    if (cursorId)
        b.upper = std::min(b.upper, *cursorId);
    return b;
}

// Calls `scan` with the id ranges that hold the route's requests within
// `bounds`, newest first (observe/RequestRouteSpans.h), until it returns
// false.
Result<void> forEachRouteRange(QSqlDatabase &db, const QString &route, const IdBounds &bounds,
                               const std::function<Result<bool>(qint64 firstId, qint64 lastId)> &scan)
{
    QSqlQuery spans(db);
    spans.setForwardOnly(true);
    if (auto done = run(spans,
                        QStringLiteral("SELECT first_id, last_id FROM request_route_spans"
                                       " WHERE route = ? AND last_id >= ? AND first_id < ? ORDER BY last_id DESC"),
                        {route, bounds.lower, bounds.upper}, QStringLiteral("reading the route spans"));
        !done)
        return done;
    RouteSpanMerger merger;
    while (spans.next()) {
        if (const auto range = merger.push(spans.value(0).toLongLong(), spans.value(1).toLongLong())) {
            auto more = scan(range->firstId, range->lastId);
            if (!more)
                return more.error();
            if (!*more)
                return {};
        }
    }
    if (spans.lastError().isValid())
        return sqlFailure(QStringLiteral("reading the route spans"), spans.lastError());
    if (const auto range = merger.finish()) {
        if (auto more = scan(range->firstId, range->lastId); !more)
            return more.error();
    }
    return {};
}

} // namespace

class RequestLogQuery::Private final
{
public:
    Private() = default;
    Q_DISABLE_COPY_MOVE(Private)
    SqliteConnection connection;
    QSqlDatabase &db() { return connection.database(); }
};

RequestLogQuery::RequestLogQuery(std::unique_ptr<Private> dd) : d(std::move(dd))
{}

RequestLogQuery::~RequestLogQuery() = default;

Result<std::unique_ptr<RequestLogQuery>> RequestLogQuery::open(const QString &workspacePath)
{
    auto d = std::make_unique<Private>();
    if (auto opened = d->connection.open(workspacePath); !opened)
        return opened.error();
    // This connection only reads: make a slip impossible.
    if (auto done = execStatement(d->db(), QStringLiteral("PRAGMA query_only = ON")); !done)
        return done.error();
    auto version = queryValue(d->db(), QStringLiteral("PRAGMA user_version"));
    if (!version)
        return version.error();
    if (version->toInt() < kWorkspaceSchemaVersion)
        return Result<std::unique_ptr<RequestLogQuery>>::failure(
            QStringLiteral("schema_too_old"),
            QStringLiteral("the workspace %1 is at schema %2: open it with this version first to upgrade its request "
                           "log to schema %3")
                .arg(workspacePath)
                .arg(version->toInt())
                .arg(kWorkspaceSchemaVersion));
    return Result<std::unique_ptr<RequestLogQuery>>(
        std::unique_ptr<RequestLogQuery>(new RequestLogQuery(std::move(d))));
}

Result<RequestPage> RequestLogQuery::find(const RequestFilter &filter, int limit, const QString &cursor)
{
    return findRows(filter, limit, cursor, false);
}

Result<RequestPage> RequestLogQuery::findWithAttempts(const RequestFilter &filter, int limit, const QString &cursor)
{
    return findRows(filter, limit, cursor, true);
}

Result<RequestPage> RequestLogQuery::findRows(const RequestFilter &filter, int limit, const QString &cursor,
                                              bool withAttempts)
{
    limit = std::clamp(limit, 1, kMaxPageRows);
    Where where = whereOf(filter);
    std::optional<qint64> cursorId;
    if (!cursor.isEmpty()) {
        cursorId = parseCursor(cursor);
        if (!cursorId)
            return Result<RequestPage>::failure(
                QStringLiteral("invalid_cursor"),
                QStringLiteral("the page cursor \"%1\" is not one this log handed out").arg(cursor));
        where.add(QStringLiteral("id < ?"), {*cursorId});
    }
    const bool byRoute = !filter.route.isEmpty();
    if (byRoute)
        where.add(QStringLiteral("id BETWEEN ? AND ?"), {0, 0}); // each range of the route's spans in turn
    QSqlQuery q(d->db());
    q.setForwardOnly(true);
    const QString sql =
        QStringLiteral("SELECT %1%2 FROM requests%3 ORDER BY id DESC LIMIT ?")
            .arg(QLatin1String(kSummaryColumns), withAttempts ? QStringLiteral(", trail") : QString(), where.sql());
    if (!q.prepare(sql))
        return sqlFailure(QStringLiteral("querying the request log"), q.lastError());

    RequestPage page;
    // Reads up to the page's rows (and one more, to know there is a next
    // page) from the ids in [firstId, lastId], or from the whole filter.
    auto scan = [&](qint64 firstId, qint64 lastId) -> Result<bool> {
        QVariantList bindings = where.bindings;
        if (byRoute) {
            bindings[bindings.size() - 2] = firstId;
            bindings[bindings.size() - 1] = lastId;
        }
        bindings << qint64(limit + 1) - qint64(page.rows.size());
        for (int i = 0; i < bindings.size(); ++i)
            q.bindValue(i, bindings.at(i));
        if (!q.exec())
            return sqlFailure(QStringLiteral("querying the request log"), q.lastError());
        while (q.next()) {
            LoggedRequest row = readSummary(q);
            // An unreadable trail leaves the row without attempts; request()
            // reports it as corrupt.
            if (withAttempts) {
                if (auto attempts = parseTrail(q.value(kSummaryColumnCount).toString().toStdString()))
                    row.trail.attempts = std::move(*attempts);
            }
            page.rows.push_back(std::move(row));
        }
        if (q.lastError().isValid())
            return sqlFailure(QStringLiteral("reading the request log"), q.lastError());
        q.finish();
        return int(page.rows.size()) <= limit;
    };
    if (byRoute) {
        if (auto done = forEachRouteRange(d->db(), filter.route, boundsOf(filter, cursorId), scan); !done)
            return done.error();
    } else if (auto done = scan(0, 0); !done) {
        return done.error();
    }
    if (int(page.rows.size()) > limit) {
        page.rows.pop_back();
        const LoggedRequest &last = page.rows.back();
        page.nextCursor = QString::number(last.trail.startedAtMs) + QLatin1Char('.') + QString::number(last.id);
    }
    return page;
}

Result<qint64> RequestLogQuery::count(const RequestFilter &filter)
{
    Where where = whereOf(filter);
    const bool byRoute = !filter.route.isEmpty();
    if (byRoute)
        where.add(QStringLiteral("id BETWEEN ? AND ?"), {0, 0});
    QSqlQuery q(d->db());
    q.setForwardOnly(true);
    if (!q.prepare(QStringLiteral("SELECT count(*) FROM requests") + where.sql()))
        return sqlFailure(QStringLiteral("counting the request log"), q.lastError());
    qint64 total = 0;
    auto scan = [&](qint64 firstId, qint64 lastId) -> Result<bool> {
        QVariantList bindings = where.bindings;
        if (byRoute) {
            bindings[bindings.size() - 2] = firstId;
            bindings[bindings.size() - 1] = lastId;
        }
        for (int i = 0; i < bindings.size(); ++i)
            q.bindValue(i, bindings.at(i));
        if (!q.exec() || !q.next())
            return sqlFailure(QStringLiteral("counting the request log"), q.lastError());
        total += q.value(0).toLongLong();
        q.finish();
        return true;
    };
    if (byRoute) {
        if (auto done = forEachRouteRange(d->db(), filter.route, boundsOf(filter, std::nullopt), scan); !done)
            return done.error();
    } else if (auto done = scan(0, 0); !done) {
        return done.error();
    }
    return total;
}

Result<LoggedRequest> RequestLogQuery::request(qint64 id)
{
    QSqlQuery q(d->db());
    if (auto done =
            run(q, QStringLiteral("SELECT %1, trail FROM requests WHERE id = ?").arg(QLatin1String(kSummaryColumns)),
                {id}, QStringLiteral("reading a request"));
        !done)
        return done.error();
    if (!q.next()) {
        if (q.lastError().isValid())
            return sqlFailure(QStringLiteral("reading a request"), q.lastError());
        return Result<LoggedRequest>::failure(
            QStringLiteral("not_found"),
            QStringLiteral("request %1 is not in the log (retention may have removed it)").arg(id));
    }
    LoggedRequest r = readSummary(q);
    if (auto attempts = parseTrail(q.value(kSummaryColumnCount).toString().toStdString()))
        r.trail.attempts = std::move(*attempts);
    else
        return Result<LoggedRequest>::failure(
            QStringLiteral("corrupt"), QStringLiteral("the attempt trail of request %1 is not readable").arg(id));

    if (r.hasBodies) {
        QSqlQuery b(d->db());
        if (auto done = run(b,
                            QStringLiteral("SELECT request_headers, request_body, response_headers, response_body,"
                                           " truncated FROM request_bodies WHERE request = ?"),
                            {id}, QStringLiteral("reading a request's bodies"));
            !done)
            return done.error();
        if (b.next()) {
            r.requestHeadersJson = b.value(0).toString().toUtf8();
            r.requestBody = b.value(1).toByteArray();
            r.responseHeadersJson = b.value(2).toString().toUtf8();
            r.responseBody = b.value(3).toByteArray();
            r.bodiesTruncated = b.value(4).toBool();
        }
    }
    return r;
}

Result<std::vector<Event>> RequestLogQuery::events(const EventFilter &filter)
{
    Where where;
    if (filter.fromMs)
        where.add(QStringLiteral("at_ms >= ?"), {*filter.fromMs});
    if (filter.toMs)
        where.add(QStringLiteral("at_ms < ?"), {*filter.toMs});
    if (!filter.kind.isEmpty())
        where.add(QStringLiteral("kind = ?"), {filter.kind});
    if (!filter.subject.isEmpty())
        where.add(QStringLiteral("subject = ?"), {filter.subject});
    QSqlQuery q(d->db());
    q.setForwardOnly(true);
    if (auto done = run(q,
                        QStringLiteral("SELECT id, at_ms, kind, subject, detail FROM events%1"
                                       " ORDER BY at_ms DESC, id DESC LIMIT ?")
                            .arg(where.sql()),
                        where.bindings + QVariantList{std::clamp(filter.limit, 1, kMaxPageRows * 10)},
                        QStringLiteral("querying events"));
        !done)
        return done.error();
    std::vector<Event> out;
    while (q.next()) {
        Event e;
        e.id = q.value(0).toLongLong();
        e.atMs = q.value(1).toLongLong();
        e.kind = q.value(2).toString();
        e.subject = q.value(3).toString();
        e.detail = QJsonDocument::fromJson(q.value(4).toString().toUtf8()).object();
        out.push_back(std::move(e));
    }
    return out;
}

Result<std::vector<MinuteRollup>> RequestLogQuery::rollups(qint64 fromMs, qint64 toMs, const QString &route)
{
    Where where;
    where.add(QStringLiteral("minute_ms >= ? AND minute_ms < ?"), {fromMs, toMs});
    if (!route.isEmpty())
        where.add(QStringLiteral("route = ?"), {route});
    QSqlQuery q(d->db());
    q.setForwardOnly(true);
    if (auto done = run(q,
                        QStringLiteral("SELECT minute_ms, route, requests, errors, fallbacks, outcomes,"
                                       " latency_p50_ms, latency_p95_ms, latency_p99_ms, ttft_p50_ms, ttft_p95_ms,"
                                       " ttft_p99_ms, latency_histogram, ttft_histogram, prompt_tokens,"
                                       " completion_tokens, cost FROM metrics_minute%1 ORDER BY minute_ms, route")
                            .arg(where.sql()),
                        where.bindings, QStringLiteral("querying metric rollups"));
        !done)
        return done.error();
    std::vector<MinuteRollup> out;
    while (q.next()) {
        MinuteRollup r;
        r.minuteMs = q.value(0).toLongLong();
        r.route = q.value(1).toString();
        r.requests = q.value(2).toLongLong();
        r.errors = q.value(3).toLongLong();
        r.fallbacks = q.value(4).toLongLong();
        auto outcomes = nlohmann::json::parse(q.value(5).toString().toStdString(), nullptr, false);
        if (outcomes.is_object()) {
            for (auto it = outcomes.begin(); it != outcomes.end(); ++it)
                if (it.value().is_number_integer())
                    r.outcomes[QString::fromStdString(it.key())] = it.value().get<qint64>();
        }
        r.latencyP50Ms = optionalDouble(q.value(6));
        r.latencyP95Ms = optionalDouble(q.value(7));
        r.latencyP99Ms = optionalDouble(q.value(8));
        r.ttftP50Ms = optionalDouble(q.value(9));
        r.ttftP95Ms = optionalDouble(q.value(10));
        r.ttftP99Ms = optionalDouble(q.value(11));
        r.latencyHistogram = parseHistogram(q.value(12).toString());
        r.ttftHistogram = parseHistogram(q.value(13).toString());
        r.promptTokens = q.value(14).toLongLong();
        r.completionTokens = q.value(15).toLongLong();
        r.cost = q.value(16).toDouble();
        out.push_back(std::move(r));
    }
    return out;
}

} // namespace understudy
