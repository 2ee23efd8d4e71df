#include "admin/ObservabilityBridge.h"

#include "admin/AdminJson.h"
#include "observe/LogQueryThread.h"
#include "observe/Observability.h"

#include <QJsonDocument>

#include <algorithm>

namespace understudy {

using nlohmann::json;

namespace {

std::string utf8(const QString &s)
{
    return s.toStdString();
}

json fromQt(const QJsonObject &object)
{
    const QByteArray text = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return json::parse(text.constData(), text.constData() + text.size(), nullptr, false);
}

QJsonObject toQt(const json &value)
{
    if (!value.is_object())
        return QJsonObject{{QStringLiteral("value"), QString::fromStdString(value.dump())}};
    return QJsonDocument::fromJson(QByteArray::fromStdString(value.dump())).object();
}

// A stored JSON text (headers) as a value; kept as a string if it does not parse.
json storedJson(const QByteArray &text)
{
    if (text.isEmpty())
        return nullptr;
    json parsed = json::parse(text.constData(), text.constData() + text.size(), nullptr, false);
    return parsed.is_discarded() ? json(text.toStdString()) : parsed;
}

json eventJson(const Event &e)
{
    return json{{"id", e.id},
                {"kind", utf8(e.kind)},
                {"subject", utf8(e.subject)},
                {"ts", utf8(QDateTime::fromMSecsSinceEpoch(e.atMs, Qt::UTC).toString(Qt::ISODateWithMs))},
                {"at_ms", e.atMs},
                {"detail", fromQt(e.detail)}};
}

json summaryJson(const LogRequestRow &row)
{
    json item = requestSummaryJson(row.trail);
    const RequestTrail &t = row.trail;
    item["log_id"] = row.id;
    // A page carries no attempt records: their count comes from the row,
    // and the fallback classes only with the trail (requestTrail).
    item["attempts"] = row.attempts;
    item.erase("fallbacks");
    item["consumer"] = utf8(t.consumer);
    item["bytes_in"] = t.bytesIn;
    item["bytes_out"] = t.bytesOut;
    item["prompt_tokens"] = t.promptTokens;
    item["completion_tokens"] = t.completionTokens;
    item["cost"] = t.cost;
    item["has_bodies"] = row.hasBodies;
    return item;
}

json attemptJson(const AttemptRecord &a)
{
    return json{{"step_path", utf8(a.stepPath)},
                {"target", utf8(a.target)},
                {"start_offset_ms", a.startOffsetMs},
                {"duration_ms", a.durationMs},
                {"ttft_ms", a.ttftMs},
                {"bytes", a.bytes},
                {"outcome", utf8(outcomeClassName(a.outcome))},
                {"upstream_status", a.upstreamStatus},
                {"retry_after_ms", a.retryAfterMs ? json(*a.retryAfterMs) : json(nullptr)},
                {"breaker_state", utf8(a.breakerState)},
                {"decision", utf8(a.decision)}};
}

json trailJson(const LogRequestRow &row)
{
    json item = summaryJson(row);
    item["fallbacks"] = requestSummaryJson(row.trail)["fallbacks"]; // attempts are loaded here
    json attempts = json::array();
    for (const AttemptRecord &a : row.trail.attempts)
        attempts.push_back(attemptJson(a));
    item["attempt_count"] = row.attempts;
    item["attempts"] = std::move(attempts);
    if (row.hasBodies) {
        item["bodies"] = json{{"request_headers", storedJson(row.requestHeadersJson)},
                              {"request_body", row.requestBody.toStdString()},
                              {"response_headers", storedJson(row.responseHeadersJson)},
                              {"response_body", row.responseBody.toStdString()},
                              {"truncated", row.bodiesTruncated}};
    }
    return item;
}

json pageJson(json items, const QString &nextCursor)
{
    return json{{"items", std::move(items)},
                {"next_cursor", nextCursor.isEmpty() ? json(nullptr) : json(utf8(nextCursor))}};
}

std::optional<qint64> msOf(const std::optional<QDateTime> &at)
{
    return at ? std::optional<qint64>(at->toMSecsSinceEpoch()) : std::nullopt;
}

} // namespace

struct ObservabilityBridge::Subscription
{
    std::mutex mutex; // held while the sink runs: unsubscribe waits for it
    bool active = true;
    EventSink sink;
    int eventLogId = 0;
};

ObservabilityBridge::ObservabilityBridge(std::shared_ptr<Observability> observe) : m_observe(std::move(observe))
{
    Q_ASSERT(m_observe);
    if (m_observe->hasRequestLog())
        m_queries = std::make_unique<LogQueryThread>(m_observe->requestLogPath());
}

ObservabilityBridge::~ObservabilityBridge()
{
    std::map<quint64, std::shared_ptr<Subscription>> subscriptions;
    {
        std::lock_guard lock(m_mutex);
        subscriptions.swap(m_subscriptions);
    }
    for (auto &[id, s] : subscriptions) {
        m_observe->events().unsubscribe(s->eventLogId);
        std::lock_guard lock(s->mutex);
        s->active = false;
    }
    m_queries.reset();
}

void ObservabilityBridge::queryRequests(const RequestQuery &query, JsonDone done)
{
    if (!m_queries) {
        done(Error{QStringLiteral("unavailable"),
                   QStringLiteral("this gateway keeps no request log (serve --workspace, or --log-db with --config)")});
        return;
    }
    LogRequestSearch search;
    search.fromMs = msOf(query.from);
    search.toMs = msOf(query.to);
    search.route = query.route;
    search.outcome = query.outcome;
    if (query.status) {
        search.statusMin = query.status;
        search.statusMax = query.status;
    }
    search.servedBy = query.provider;
    search.text = query.text;
    search.cursor = query.cursor;
    search.limit = std::clamp(query.limit, 1, RequestQuery::kMaxLimit);
    m_queries->findRequests(std::move(search), [done = std::move(done)](Result<LogRequestPage> page) {
        if (!page) {
            done(page.error());
            return;
        }
        json items = json::array();
        for (const LogRequestRow &row : page->rows)
            items.push_back(summaryJson(row));
        done(pageJson(std::move(items), page->nextCursor));
    });
}

void ObservabilityBridge::requestTrail(const QString &requestId, JsonDone done)
{
    if (!m_queries) {
        done(Error{QStringLiteral("unavailable"), QStringLiteral("this gateway keeps no request log")});
        return;
    }
    m_queries->requestById(requestId.toLatin1(), [done = std::move(done)](Result<LogRequestRow> row) {
        if (!row) {
            done(row.error());
            return;
        }
        done(trailJson(*row));
    });
}

void ObservabilityBridge::queryEvents(const EventQuery &query, JsonDone done)
{
    LogEventSearch search;
    search.fromMs = msOf(query.from);
    search.toMs = msOf(query.to);
    search.kind = query.kind;
    search.cursor = query.cursor;
    search.limit = std::clamp(query.limit, 1, RequestQuery::kMaxLimit);
    if (m_queries) {
        m_queries->findEvents(std::move(search), [done = std::move(done)](Result<LogEventPage> page) {
            if (!page) {
                done(page.error());
                return;
            }
            json items = json::array();
            for (const Event &e : page->events)
                items.push_back(eventJson(e));
            done(pageJson(std::move(items), page->nextCursor));
        });
        return;
    }
    // No storage: the event log's in-memory ring, same paging.
    std::optional<std::pair<qint64, qint64>> position;
    if (!search.cursor.isEmpty()) {
        position = parseEventCursor(search.cursor);
        if (!position) {
            done(Error{QStringLiteral("bad_query"),
                       QStringLiteral("the page cursor \"%1\" is not one this log handed out").arg(search.cursor)});
            return;
        }
    }
    std::vector<Event> events = m_observe->events().recent(search.fromMs.value_or(0), search.kind);
    json items = json::array();
    QString next;
    const Event *last = nullptr;
    for (auto it = events.rbegin(); it != events.rend(); ++it) {
        if (search.toMs && it->atMs >= *search.toMs)
            continue;
        if (position && !isAfterEventCursor(*it, *position))
            continue;
        if (last && int(items.size()) == search.limit) {
            next = eventCursor(*last);
            break;
        }
        items.push_back(eventJson(*it));
        last = &*it;
    }
    done(pageJson(std::move(items), next));
}

QByteArray ObservabilityBridge::prometheusText() const
{
    return m_observe->prometheusText();
}

json ObservabilityBridge::metricsSnapshot() const
{
    json snapshot = fromQt(m_observe->metricsJson(60));
    json totals = json::object();
    for (const MetricsTotals::Route &r : m_observe->metrics().totals().routes) {
        std::uint64_t requests = 0;
        json outcomes = json::object();
        for (const auto &[outcome, n] : r.byOutcome) {
            outcomes[utf8(outcome)] = n;
            requests += n;
        }
        totals[utf8(r.route)] = json{{"requests", requests}, {"outcomes", std::move(outcomes)}};
    }
    snapshot["totals_by_route"] = std::move(totals);
    return snapshot;
}

quint64 ObservabilityBridge::subscribeEvents(EventSink sink)
{
    auto subscription = std::make_shared<Subscription>();
    subscription->sink = std::move(sink);
    std::weak_ptr<Subscription> weak = subscription;
    subscription->eventLogId = m_observe->events().subscribeDirect([weak](const Event &event) {
        std::shared_ptr<Subscription> s = weak.lock();
        if (!s)
            return;
        const json payload = eventJson(event);
        std::lock_guard lock(s->mutex);
        if (s->active)
            s->sink(payload);
    });
    std::lock_guard lock(m_mutex);
    static_assert(sizeof(quint64) >= sizeof(int));
    const quint64 id = quint64(subscription->eventLogId);
    m_subscriptions.emplace(id, std::move(subscription));
    return id;
}

void ObservabilityBridge::unsubscribeEvents(quint64 subscription)
{
    std::shared_ptr<Subscription> s;
    {
        std::lock_guard lock(m_mutex);
        auto found = m_subscriptions.find(subscription);
        if (found == m_subscriptions.end())
            return;
        s = std::move(found->second);
        m_subscriptions.erase(found);
    }
    m_observe->events().unsubscribe(s->eventLogId);
    // A post already past the event log's lock may be about to call the
    // sink: once this lock is ours and `active` is false, it never will.
    std::lock_guard lock(s->mutex);
    s->active = false;
}

void ObservabilityBridge::recordEvent(const QString &kind, const json &fields)
{
    const std::string reason = fields.is_object() && fields.contains("reason") && fields["reason"].is_string()
                                   ? fields["reason"].get<std::string>()
                                   : std::string();
    if (kind == QLatin1String(kEventConfigApplied))
        return; // the engine posted it when apply() succeeded
    if (kind == QLatin1String(kEventConfigRejected) && reason != "import" && reason != "validation")
        return; // the engine posted it (with its errors) when apply() refused
    QJsonObject detail = toQt(fields);
    detail.insert(QStringLiteral("source"), QStringLiteral("admin_api"));
    QString subject = QStringLiteral("admin_api");
    for (const char *key : {"target", "provider"}) {
        if (fields.is_object() && fields.contains(key) && fields[key].is_string()) {
            subject = QString::fromStdString(fields[key].get<std::string>());
            break;
        }
    }
    m_observe->postEvent(kind, subject, detail);
}

} // namespace understudy
