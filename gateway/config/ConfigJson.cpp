#include "config/ConfigJson.h"

#include "config/ConfigJsonRead.h"
#include "config/CredentialReference.h"
#include "config/JsonObjectReader.h"

#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <vector>

namespace understudy {

namespace {

using ojson = nlohmann::ordered_json;

// Limits on untrusted documents: far above any real config, far below what
// could exhaust memory or the stack.
constexpr qsizetype kMaxDocumentBytes = 16 * 1024 * 1024;
constexpr int kMaxNestingDepth = 64;

std::string utf8(const QString &text)
{
    return text.toStdString();
}

ojson strings(const QStringList &list)
{
    ojson out = ojson::array();
    for (const auto &item : list)
        out.push_back(utf8(item));
    return out;
}

ojson headers(const std::vector<Header> &list)
{
    ojson out = ojson::array();
    for (const auto &h : list)
        out.push_back(ojson{{"name", utf8(h.name)}, {"value", utf8(h.value)}});
    return out;
}

ojson listenerJson(const Listener &l)
{
    return ojson{{"name", utf8(l.name)}, {"address", utf8(l.address)},    {"port", l.port},
                 {"tls", l.tls},         {"cert_file", utf8(l.certFile)}, {"key_file", utf8(l.keyFile)}};
}

ojson modelJson(const ModelInfo &m)
{
    return ojson{{"name", utf8(m.name)},
                 {"context_window", m.contextWindow},
                 {"input_price_per_mtok", m.inputPricePerMTok},
                 {"output_price_per_mtok", m.outputPricePerMTok},
                 {"supports_streaming", m.supportsStreaming},
                 {"supports_prefill", m.supportsPrefill},
                 {"supports_tools", m.supportsTools},
                 {"supports_vision", m.supportsVision},
                 {"supports_embeddings", m.supportsEmbeddings}};
}

ojson mockJson(const MockSettings &m)
{
    return ojson{{"latency_ms", m.latencyMs},
                 {"tokens_per_second", m.tokensPerSecond},
                 {"answer", utf8(m.answer)},
                 {"fault", utf8(mockFaultName(m.fault))},
                 {"status", m.status},
                 {"retry_after_seconds", m.retryAfterSeconds},
                 {"after_events", m.afterEvents},
                 {"delay_ms", m.delayMs},
                 {"down_ms", m.downMs},
                 {"up_ms", m.upMs}};
}

ojson providerJson(const Provider &p)
{
    ojson models = ojson::array();
    for (const auto &m : p.models)
        models.push_back(modelJson(m));
    // A value that is not a reference would be a pasted secret: never write it.
    const QString credentials = isCredentialReference(p.credentials) ? p.credentials : QString();
    return ojson{
        {"name", utf8(p.name)},
        {"kind", utf8(providerKindName(p.kind))},
        {"base_url", utf8(p.baseUrl)},
        {"credentials", utf8(credentials)},
        {"headers", headers(p.headers)},
        {"limits", ojson{{"max_connections", p.limits.maxConnections},
                         {"max_idle", p.limits.maxIdle},
                         {"idle_timeout_ms", p.limits.idleTimeoutMs}}},
        {"tls", ojson{{"verify_peer", p.tls.verifyPeer},
                      {"ca_file", utf8(p.tls.caFile)},
                      {"server_name", utf8(p.tls.serverName)}}},
        {"proxy", utf8(p.proxy)},
        {"models", models},
        {"mock", mockJson(p.mock)},
    };
}

ojson conditionJson(const Condition &c)
{
    return ojson{{"kind", utf8(conditionKindName(c.kind))},
                 {"key", utf8(c.key)},
                 {"op", utf8(conditionOpName(c.op))},
                 {"value", utf8(c.value)},
                 {"days", c.days},
                 {"from_minute", c.fromMinute},
                 {"to_minute", c.toMinute},
                 {"utc", c.utc}};
}

ojson stepJson(const Step &s)
{
    ojson targets = ojson::array();
    for (const auto &t : s.targets)
        targets.push_back(ojson{{"provider", utf8(t.provider)},
                                {"model", utf8(t.model)},
                                {"weight", t.weight},
                                {"request_overrides", utf8(t.requestOverrides)}});
    ojson onOutcome = ojson::object();
    for (const auto &[outcome, action] : s.onOutcome)
        onOutcome[utf8(outcomeClassName(outcome))] = utf8(stepActionName(action));
    ojson conditions = ojson::array();
    for (const auto &c : s.conditions)
        conditions.push_back(conditionJson(c));
    const auto &b = s.breaker;
    return ojson{
        {"name", utf8(s.name)},
        {"kind", utf8(stepKindName(s.kind))},
        {"targets", targets},
        {"balance", utf8(balanceStrategyName(s.balance))},
        {"chain", utf8(s.chain)},
        {"max_staleness_ms", s.maxStalenessMs},
        {"response", ojson{{"status", s.response.status},
                           {"headers", headers(s.response.headers)},
                           {"content_type", utf8(s.response.contentType)},
                           {"body", utf8(s.response.body)}}},
        {"timeouts", ojson{{"connect_ms", s.timeouts.connectMs},
                           {"first_byte_ms", s.timeouts.firstByteMs},
                           {"idle_ms", s.timeouts.idleMs},
                           {"total_ms", s.timeouts.totalMs}}},
        {"retry", ojson{{"max_retries", s.retry.maxRetries},
                        {"backoff_base_ms", s.retry.backoffBaseMs},
                        {"backoff_cap_ms", s.retry.backoffCapMs},
                        {"retry_after_cap_ms", s.retry.retryAfterCapMs}}},
        {"breaker", ojson{{"enabled", b.enabled},
                          {"consecutive_failures", b.consecutiveFailures},
                          {"failure_ratio", b.failureRatio},
                          {"window_ms", b.windowMs},
                          {"minimum_volume", b.minimumVolume},
                          {"open_base_ms", b.openBaseMs},
                          {"open_max_ms", b.openMaxMs},
                          {"half_open_probes", b.halfOpenProbes},
                          {"recovery_ramp_ms", b.recoveryRampMs}}},
        {"hedge", ojson{{"enabled", s.hedge.enabled}, {"after_ms", s.hedge.afterMs}}},
        {"on_outcome", onOutcome},
        {"conditions", conditions},
    };
}

ojson chainJson(const Chain &c)
{
    ojson steps = ojson::array();
    for (const auto &s : c.steps)
        steps.push_back(stepJson(s));
    const auto &p = c.policy;
    return ojson{{"name", utf8(c.name)},
                 {"description", utf8(c.description)},
                 {"steps", steps},
                 {"policy", ojson{{"deadline_ms", p.deadlineMs},
                                  {"max_attempts", p.maxAttempts},
                                  {"commit_mode", utf8(commitModeName(p.commitMode))},
                                  {"buffer_max_bytes", p.bufferMaxBytes},
                                  {"buffer_max_ms", p.bufferMaxMs},
                                  {"mid_stream", utf8(midStreamPolicyName(p.midStream))}}}};
}

ojson routeJson(const Route &r)
{
    ojson headerMatches = ojson::array();
    for (const auto &h : r.match.headers)
        headerMatches.push_back(ojson{{"name", utf8(h.name)}, {"value", utf8(h.value)}, {"regex", h.regex}});
    return ojson{{"name", utf8(r.name)},
                 {"match", ojson{{"listener", utf8(r.match.listener)},
                                 {"methods", strings(r.match.methods)},
                                 {"path_match", utf8(pathMatchName(r.match.pathMatch))},
                                 {"path", utf8(r.match.path)},
                                 {"host", utf8(r.match.host)},
                                 {"headers", headerMatches}}},
                 {"kind", utf8(routeKindName(r.kind))},
                 {"chain", utf8(r.chain)},
                 {"retry_non_idempotent", r.retryNonIdempotent},
                 {"log_bodies", r.logBodies}};
}

template<typename Item, typename Fn> ojson list(const std::vector<Item> &items, Fn toJson)
{
    ojson out = ojson::array();
    for (const auto &item : items)
        out.push_back(toJson(item));
    return out;
}

// Counts nesting while nlohmann parses and aborts past the limit, so a
// hostile document of 10000 open brackets never builds a deep tree. Also
// rejects duplicate keys, which nlohmann would otherwise resolve silently
// (the last one wins) and so hide a typo or a tampered value.
struct ParseAbort
{
    QString message;
};

} // namespace

QByteArray configToJson(const Config &config)
{
    const ojson doc{
        {"understudy_config", kConfigSchemaVersion},
        {"listeners", list(config.listeners, listenerJson)},
        {"providers", list(config.providers, providerJson)},
        {"chains", list(config.chains, chainJson)},
        {"routes", list(config.routes, routeJson)},
        {"limits", ojson{{"max_body_bytes", config.limits.maxBodyBytes},
                         {"max_header_bytes", config.limits.maxHeaderBytes},
                         {"max_connections", config.limits.maxConnections},
                         {"request_head_timeout_ms", config.limits.requestHeadTimeoutMs},
                         {"keep_alive_timeout_ms", config.limits.keepAliveTimeoutMs},
                         {"drain_timeout_ms", config.limits.drainTimeoutMs},
                         {"workers", config.limits.workers}}},
        {"retry_budget",
         ojson{{"ratio", config.retryBudget.ratio}, {"min_retries_in_flight", config.retryBudget.minRetriesInFlight}}},
        {"admin", ojson{{"address", utf8(config.admin.address)},
                        {"port", config.admin.port},
                        {"allow_non_loopback_without_tls", config.admin.allowNonLoopbackWithoutTls}}},
    };
    // QString::toStdString always yields valid UTF-8; `replace` only guards
    // against a future change there turning an export into an exception.
    const std::string text = doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    return QByteArray(text.data(), static_cast<qsizetype>(text.size())) + '\n';
}

Result<Config> configFromJson(const QByteArray &json)
{
    if (json.size() > kMaxDocumentBytes)
        return Result<Config>::failure(QStringLiteral("invalid_json"),
                                       QStringLiteral("the document is %1 bytes; a config may be at most %2 bytes")
                                           .arg(json.size())
                                           .arg(kMaxDocumentBytes));

    std::vector<std::set<std::string>> keysPerObject;
    const nlohmann::json::parser_callback_t guard = [&keysPerObject](int depth, nlohmann::json::parse_event_t event,
                                                                     nlohmann::json &parsed) {
        using Event = nlohmann::json::parse_event_t;
        switch (event) {
        case Event::object_start:
        case Event::array_start:
            if (depth >= kMaxNestingDepth)
                throw ParseAbort{QStringLiteral("nesting is deeper than %1 levels").arg(kMaxNestingDepth)};
            if (event == Event::object_start)
                keysPerObject.emplace_back();
            break;
        case Event::object_end:
            keysPerObject.pop_back();
            break;
        case Event::key:
            if (!keysPerObject.back().insert(parsed.get<std::string>()).second)
                throw ParseAbort{QStringLiteral("duplicate key \"%1\" in one object")
                                     .arg(abbreviated(QString::fromStdString(parsed.get<std::string>())))};
            break;
        default:
            break;
        }
        return true;
    };

    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(json.constBegin(), json.constEnd(), guard);
    } catch (const ParseAbort &abort) {
        return Result<Config>::failure(QStringLiteral("invalid_json"),
                                       QStringLiteral("not accepted: ") + abort.message);
    } catch (const nlohmann::json::exception &e) {
        // Drop nlohmann's "[json.exception.parse_error.101] " prefix.
        QString message = QString::fromUtf8(e.what());
        if (const auto end = message.indexOf(QLatin1String("] ")); message.startsWith(QLatin1Char('[')) && end > 0)
            message = message.mid(end + 2);
        return Result<Config>::failure(QStringLiteral("invalid_json"), QStringLiteral("not valid JSON: ") + message);
    }
    return readConfigDocument(doc);
}

} // namespace understudy
