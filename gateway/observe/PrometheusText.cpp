#include "observe/PrometheusText.h"

#include "observe/LatencyBuckets.h"

#include <cmath>
#include <initializer_list>
#include <utility>

namespace understudy {

namespace lb = latency_buckets;

namespace {

using Labels = std::initializer_list<std::pair<const char *, QString>>;

class Writer
{
public:
    void family(const char *name, const char *type, const char *help)
    {
        m_out += "# HELP ";
        m_out += name;
        m_out += ' ';
        m_out += help;
        m_out += "\n# TYPE ";
        m_out += name;
        m_out += ' ';
        m_out += type;
        m_out += '\n';
    }

    void sample(const char *name, Labels labels, double value, const char *suffix = "",
                const std::pair<const char *, QByteArray> *extra = nullptr)
    {
        m_out += name;
        m_out += suffix;
        if (labels.size() > 0 || extra) {
            m_out += '{';
            bool first = true;
            for (const auto &[key, v] : labels) {
                if (!first)
                    m_out += ',';
                first = false;
                m_out += key;
                m_out += "=\"";
                m_out += prometheusEscape(v);
                m_out += '"';
            }
            if (extra) {
                if (!first)
                    m_out += ',';
                m_out += extra->first;
                m_out += "=\"";
                m_out += extra->second;
                m_out += '"';
            }
            m_out += '}';
        }
        m_out += ' ';
        m_out += number(value);
        m_out += '\n';
    }

    void histogram(const char *name, Labels labels, const MetricsTotals::Histogram &h)
    {
        std::uint64_t cumulative = 0;
        for (int i = 0; i < lb::kCount; ++i) {
            cumulative += i < int(h.buckets.size()) ? h.buckets[std::size_t(i)] : 0;
            const bool exported = i == lb::kFiniteCount || i % lb::kPrometheusStride == 0;
            if (!exported)
                continue;
            const std::pair<const char *, QByteArray> le{
                "le", i == lb::kFiniteCount ? QByteArray("+Inf") : number(lb::upperBoundMs(i) / 1000.0)};
            sample(name, labels, double(cumulative), "_bucket", &le);
        }
        sample(name, labels, double(h.sumMs) / 1000.0, "_sum");
        sample(name, labels, double(cumulative), "_count");
    }

    static QByteArray number(double v)
    {
        if (std::isinf(v))
            return v > 0 ? QByteArray("+Inf") : QByteArray("-Inf");
        if (std::isnan(v))
            return QByteArray("NaN");
        if (v == std::floor(v) && std::abs(v) < 1e15)
            return QByteArray::number(qint64(v));
        return QByteArray::number(v, 'g', 12);
    }

    QByteArray take() { return std::move(m_out); }

private:
    QByteArray m_out;
};

} // namespace

QByteArray prometheusEscape(const QString &value)
{
    QByteArray out;
    const QByteArray utf8 = value.toUtf8();
    out.reserve(utf8.size());
    for (char c : utf8) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

void addLogDrops(MetricsTotals &totals, const RequestLogWriter::Stats &stats)
{
    totals.logDropped[QStringLiteral("body")] = stats.bodiesDropped;
    totals.logDropped[QStringLiteral("summary")] = stats.summariesDropped;
    totals.logDropped[QStringLiteral("event")] = stats.eventsDropped;
    totals.logDropped[QStringLiteral("write_error")] = stats.writeErrors;
}

QByteArray prometheusText(const MetricsTotals &t)
{
    Writer w;
    w.family("understudy_requests_total", "counter", "Requests answered, by route and final outcome class.");
    for (const auto &r : t.routes)
        for (const auto &[outcome, n] : r.byOutcome)
            w.sample("understudy_requests_total", {{"route", r.route}, {"outcome", outcome}}, double(n));

    w.family("understudy_attempts_total", "counter", "Attempts sent to (or skipped for) a target, by outcome class.");
    for (const auto &target : t.targets)
        for (const auto &[outcome, n] : target.byOutcome)
            w.sample("understudy_attempts_total", {{"target", target.target}, {"outcome", outcome}}, double(n));

    w.family("understudy_fallback_triggers_total", "counter",
             "Failures that moved a request from one target to the next, by route, targets and reason.");
    for (const auto &tr : t.triggers)
        w.sample("understudy_fallback_triggers_total",
                 {{"route", tr.route}, {"from", tr.from}, {"to", tr.to}, {"reason", tr.reason}}, double(tr.count));

    w.family("understudy_breaker_state", "gauge", "Circuit breaker state per target: 0 closed, 1 half-open, 2 open.");
    for (const auto &[target, state] : t.breakers)
        w.sample("understudy_breaker_state", {{"target", target}}, double(int(state)));

    w.family("understudy_open_breakers", "gauge", "Targets whose circuit breaker is open.");
    int open = 0;
    for (const auto &[target, state] : t.breakers)
        open += state == BreakerGauge::Open ? 1 : 0;
    w.sample("understudy_open_breakers", {}, double(open));

    w.family("understudy_breaker_transitions_total", "counter",
             "Circuit breaker transitions, by target and new state.");
    for (const auto &[key, n] : t.breakerTransitions)
        w.sample("understudy_breaker_transitions_total", {{"target", key.first}, {"to", key.second}}, double(n));

    w.family("understudy_request_duration_seconds", "histogram", "Request duration from arrival to the last byte.");
    for (const auto &r : t.routes)
        w.histogram("understudy_request_duration_seconds", {{"route", r.route}}, r.latency);

    w.family("understudy_ttft_seconds", "histogram", "Time to the first content byte or stream event.");
    for (const auto &r : t.routes)
        w.histogram("understudy_ttft_seconds", {{"route", r.route}}, r.ttft);

    w.family("understudy_retry_budget_exhausted_total", "counter", "Retries refused by the process-wide retry budget.");
    w.sample("understudy_retry_budget_exhausted_total", {}, double(t.retryBudgetExhausted));

    w.family("understudy_cache_hits_total", "counter", "Requests answered from the response cache.");
    for (const auto &r : t.routes)
        w.sample("understudy_cache_hits_total", {{"route", r.route}}, double(r.cacheHits));

    w.family("understudy_tokens_total", "counter", "LLM tokens, by route and kind (prompt or completion).");
    for (const auto &r : t.routes) {
        w.sample("understudy_tokens_total", {{"route", r.route}, {"kind", QStringLiteral("prompt")}},
                 double(r.promptTokens));
        w.sample("understudy_tokens_total", {{"route", r.route}, {"kind", QStringLiteral("completion")}},
                 double(r.completionTokens));
    }

    w.family("understudy_cost_total", "counter", "Estimated LLM cost from the model catalogue prices.");
    for (const auto &r : t.routes)
        w.sample("understudy_cost_total", {{"route", r.route}}, r.cost);

    w.family("understudy_in_flight_requests", "gauge", "Requests being handled now.");
    w.sample("understudy_in_flight_requests", {}, double(t.inFlight));

    w.family("understudy_log_dropped_total", "counter",
             "Request log items dropped because the writer fell behind, by what was dropped.");
    for (const auto &[what, n] : t.logDropped)
        w.sample("understudy_log_dropped_total", {{"what", what}}, double(n));
    return w.take();
}

} // namespace understudy
