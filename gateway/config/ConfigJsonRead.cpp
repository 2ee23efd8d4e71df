#include "config/ConfigJsonRead.h"

#include "config/CredentialReference.h"
#include "config/JsonObjectReader.h"

#include <nlohmann/json.hpp>

#include <functional>

namespace understudy {

namespace {

using json = nlohmann::json;

// Every name of an enum whose name function returns an empty string past
// its last value (all Config.h enums do).
template<typename Enum> QStringList enumNames(QString (*nameOf)(Enum))
{
    QStringList names;
    for (int i = 0;; ++i) {
        const QString name = nameOf(static_cast<Enum>(i));
        if (name.isEmpty())
            break;
        names.append(name);
    }
    return names;
}

template<typename Enum>
void readEnum(JsonObjectReader &reader, const char *key, Enum &out, QString (*nameOf)(Enum),
              std::optional<Enum> (*fromName)(const QString &))
{
    const auto *value = reader.field(key);
    if (!value)
        return;
    const QString expected = QStringLiteral("expected one of ") + enumNames(nameOf).join(QStringLiteral(", "));
    if (!value->is_string()) {
        reader.errors().add(reader.fieldPath(key), expected + QStringLiteral(", got ") + describeJsonValue(*value));
        return;
    }
    const QString name = QString::fromStdString(value->get<std::string>());
    if (auto parsed = fromName(name))
        out = *parsed;
    else
        reader.errors().add(reader.fieldPath(key),
                            expected + QStringLiteral(", got \"") + abbreviated(name) + QLatin1Char('"'));
}

// Reads an array of objects; `readItem` fills one item from its reader.
template<typename Item>
void readList(JsonObjectReader &parent, const char *key, std::vector<Item> &out, bool byName,
              const std::function<void(JsonObjectReader &, Item &)> &readItem)
{
    const auto *array = parent.array(key);
    if (!array)
        return;
    const QString arrayPath = parent.fieldPath(key);
    std::vector<Item> items;
    items.reserve(array->size());
    for (std::size_t i = 0; i < array->size(); ++i) {
        const json &element = (*array)[i];
        const QString path = elementPath(arrayPath, element, i, byName);
        if (!element.is_object()) {
            parent.errors().add(path, QStringLiteral("expected an object, got ") + describeJsonValue(element));
            continue;
        }
        JsonObjectReader reader(element, path, parent.errors());
        Item item;
        readItem(reader, item);
        reader.rejectUnknownFields();
        items.push_back(std::move(item));
    }
    out = std::move(items);
}

// Reads a nested object field into `out` with `readFields`.
template<typename Value>
void readObject(JsonObjectReader &parent, const char *key, Value &out,
                const std::function<void(JsonObjectReader &, Value &)> &readFields)
{
    const auto *object = parent.object(key);
    if (!object)
        return;
    JsonObjectReader reader(*object, parent.fieldPath(key), parent.errors());
    readFields(reader, out);
    reader.rejectUnknownFields();
}

void readHeaders(JsonObjectReader &parent, const char *key, std::vector<Header> &out)
{
    readList<Header>(parent, key, out, false, [](JsonObjectReader &r, Header &h) {
        r.read("name", h.name);
        r.read("value", h.value);
    });
}

void readListener(JsonObjectReader &r, Listener &l)
{
    r.read("name", l.name);
    r.read("address", l.address);
    r.read("port", l.port);
    r.read("tls", l.tls);
    r.read("cert_file", l.certFile);
    r.read("key_file", l.keyFile);
}

void readModel(JsonObjectReader &r, ModelInfo &m)
{
    r.read("name", m.name);
    r.read("context_window", m.contextWindow);
    r.read("input_price_per_mtok", m.inputPricePerMTok);
    r.read("output_price_per_mtok", m.outputPricePerMTok);
    r.read("supports_streaming", m.supportsStreaming);
    r.read("supports_prefill", m.supportsPrefill);
    r.read("supports_tools", m.supportsTools);
    r.read("supports_vision", m.supportsVision);
    r.read("supports_embeddings", m.supportsEmbeddings);
}

void readMock(JsonObjectReader &r, MockSettings &m)
{
    r.read("latency_ms", m.latencyMs);
    r.read("tokens_per_second", m.tokensPerSecond);
    r.read("answer", m.answer);
    readEnum(r, "fault", m.fault, mockFaultName, mockFaultFromName);
    r.read("status", m.status);
    r.read("retry_after_seconds", m.retryAfterSeconds);
    r.read("after_events", m.afterEvents);
    r.read("delay_ms", m.delayMs);
    r.read("down_ms", m.downMs);
    r.read("up_ms", m.upMs);
}

void readProvider(JsonObjectReader &r, Provider &p)
{
    r.read("name", p.name);
    readEnum(r, "kind", p.kind, providerKindName, providerKindFromName);
    r.read("base_url", p.baseUrl);
    QString credentials;
    r.read("credentials", credentials);
    if (credentials.isEmpty() || isCredentialReference(credentials)) {
        p.credentials = credentials;
    } else {
        // Never echo the value: it is most likely a pasted key.
        r.errors().add(r.fieldPath("credentials"),
                       credentialReferenceHint() + QStringLiteral("; the value given is not a reference, so it was "
                                                                  "not stored (store the key in the environment or "
                                                                  "the OS keychain and reference it)"));
    }
    readHeaders(r, "headers", p.headers);
    readObject<ConnectionLimits>(r, "limits", p.limits, [](JsonObjectReader &o, ConnectionLimits &l) {
        o.read("max_connections", l.maxConnections);
        o.read("max_idle", l.maxIdle);
        o.read("idle_timeout_ms", l.idleTimeoutMs);
    });
    readObject<TlsOptions>(r, "tls", p.tls, [](JsonObjectReader &o, TlsOptions &t) {
        o.read("verify_peer", t.verifyPeer);
        o.read("ca_file", t.caFile);
        o.read("server_name", t.serverName);
    });
    r.read("proxy", p.proxy);
    readList<ModelInfo>(r, "models", p.models, true, readModel);
    readObject<MockSettings>(r, "mock", p.mock, readMock);
}

void readTarget(JsonObjectReader &r, Target &t)
{
    r.read("provider", t.provider);
    r.read("model", t.model);
    r.read("weight", t.weight);
    r.read("request_overrides", t.requestOverrides);
}

void readCondition(JsonObjectReader &r, Condition &c)
{
    readEnum(r, "kind", c.kind, conditionKindName, conditionKindFromName);
    r.read("key", c.key);
    readEnum(r, "op", c.op, conditionOpName, conditionOpFromName);
    r.read("value", c.value);
    r.read("days", c.days);
    r.read("from_minute", c.fromMinute);
    r.read("to_minute", c.toMinute);
    r.read("utc", c.utc);
}

void readOnOutcome(JsonObjectReader &r, std::map<OutcomeClass, StepAction> &out)
{
    const auto *object = r.object("on_outcome");
    if (!object)
        return;
    const QString path = r.fieldPath("on_outcome");
    QStringList classes;
    for (auto outcome : kAllOutcomeClasses)
        classes.append(outcomeClassName(outcome));
    std::map<OutcomeClass, StepAction> result;
    for (auto it = object->begin(); it != object->end(); ++it) {
        const QString name = QString::fromStdString(it.key());
        const QString itemPath = path + QLatin1Char('.') + abbreviated(name);
        const auto outcome = outcomeClassFromName(name);
        if (!outcome) {
            r.errors().add(itemPath, QStringLiteral("unknown outcome class; expected one of ") +
                                         classes.join(QStringLiteral(", ")));
            continue;
        }
        const auto action =
            it->is_string() ? stepActionFromName(QString::fromStdString(it->get<std::string>())) : std::nullopt;
        if (!action) {
            r.errors().add(itemPath,
                           QStringLiteral("expected one of retry, next, stop, got ") +
                               (it->is_string()
                                    ? QLatin1Char('"') + abbreviated(QString::fromStdString(it->get<std::string>())) +
                                          QLatin1Char('"')
                                    : describeJsonValue(*it)));
            continue;
        }
        result[*outcome] = *action;
    }
    out = std::move(result);
}

void readStep(JsonObjectReader &r, Step &s)
{
    r.read("name", s.name);
    readEnum(r, "kind", s.kind, stepKindName, stepKindFromName);
    readList<Target>(r, "targets", s.targets, false, readTarget);
    readEnum(r, "balance", s.balance, balanceStrategyName, balanceStrategyFromName);
    r.read("chain", s.chain);
    r.read("max_staleness_ms", s.maxStalenessMs);
    readObject<StaticResponse>(r, "response", s.response, [](JsonObjectReader &o, StaticResponse &resp) {
        o.read("status", resp.status);
        readHeaders(o, "headers", resp.headers);
        o.read("content_type", resp.contentType);
        o.read("body", resp.body);
    });
    readObject<Timeouts>(r, "timeouts", s.timeouts, [](JsonObjectReader &o, Timeouts &t) {
        o.read("connect_ms", t.connectMs);
        o.read("first_byte_ms", t.firstByteMs);
        o.read("idle_ms", t.idleMs);
        o.read("total_ms", t.totalMs);
    });
    readObject<RetryPolicy>(r, "retry", s.retry, [](JsonObjectReader &o, RetryPolicy &p) {
        o.read("max_retries", p.maxRetries);
        o.read("backoff_base_ms", p.backoffBaseMs);
        o.read("backoff_cap_ms", p.backoffCapMs);
        o.read("retry_after_cap_ms", p.retryAfterCapMs);
    });
    readObject<BreakerPolicy>(r, "breaker", s.breaker, [](JsonObjectReader &o, BreakerPolicy &b) {
        o.read("enabled", b.enabled);
        o.read("consecutive_failures", b.consecutiveFailures);
        o.read("failure_ratio", b.failureRatio);
        o.read("window_ms", b.windowMs);
        o.read("minimum_volume", b.minimumVolume);
        o.read("open_base_ms", b.openBaseMs);
        o.read("open_max_ms", b.openMaxMs);
        o.read("half_open_probes", b.halfOpenProbes);
        o.read("recovery_ramp_ms", b.recoveryRampMs);
    });
    readObject<HedgePolicy>(r, "hedge", s.hedge, [](JsonObjectReader &o, HedgePolicy &h) {
        o.read("enabled", h.enabled);
        o.read("after_ms", h.afterMs);
    });
    readOnOutcome(r, s.onOutcome);
    readList<Condition>(r, "conditions", s.conditions, false, readCondition);
}

void readChain(JsonObjectReader &r, Chain &c)
{
    r.read("name", c.name);
    r.read("description", c.description);
    readList<Step>(r, "steps", c.steps, false, readStep);
    readObject<ChainPolicy>(r, "policy", c.policy, [](JsonObjectReader &o, ChainPolicy &p) {
        o.read("deadline_ms", p.deadlineMs);
        o.read("max_attempts", p.maxAttempts);
        readEnum(o, "commit_mode", p.commitMode, commitModeName, commitModeFromName);
        o.read("buffer_max_bytes", p.bufferMaxBytes);
        o.read("buffer_max_ms", p.bufferMaxMs);
        readEnum(o, "mid_stream", p.midStream, midStreamPolicyName, midStreamPolicyFromName);
    });
}

void readRoute(JsonObjectReader &r, Route &route)
{
    r.read("name", route.name);
    readObject<RouteMatch>(r, "match", route.match, [](JsonObjectReader &o, RouteMatch &m) {
        o.read("listener", m.listener);
        o.read("methods", m.methods);
        readEnum(o, "path_match", m.pathMatch, pathMatchName, pathMatchFromName);
        o.read("path", m.path);
        o.read("host", m.host);
        readList<HeaderMatch>(o, "headers", m.headers, false, [](JsonObjectReader &h, HeaderMatch &hm) {
            h.read("name", hm.name);
            h.read("value", hm.value);
            h.read("regex", hm.regex);
        });
    });
    readEnum(r, "kind", route.kind, routeKindName, routeKindFromName);
    r.read("chain", route.chain);
    r.read("retry_non_idempotent", route.retryNonIdempotent);
    r.read("log_bodies", route.logBodies);
}

} // namespace

Result<Config> readConfigDocument(const json &doc)
{
    if (!doc.is_object())
        return Result<Config>::failure(QStringLiteral("invalid_config"),
                                       QStringLiteral("expected a JSON object with \"understudy_config\" at the top "
                                                      "level, got ") +
                                           describeJsonValue(doc));

    const auto version = doc.find("understudy_config");
    if (version == doc.end())
        return Result<Config>::failure(QStringLiteral("invalid_config"),
                                       QStringLiteral("understudy_config: missing; this is not an Understudy config "
                                                      "export (expected \"understudy_config\": %1)")
                                           .arg(kConfigSchemaVersion));
    // JSON non-negative integers parse as unsigned; anything else is not a version.
    if (!version->is_number_unsigned() || version->get<std::uint64_t>() == 0)
        return Result<Config>::failure(QStringLiteral("invalid_config"),
                                       QStringLiteral("understudy_config: expected a positive integer schema "
                                                      "version, got ") +
                                           describeJsonValue(*version));
    if (version->get<std::uint64_t>() > std::uint64_t(kConfigSchemaVersion))
        return Result<Config>::failure(QStringLiteral("unsupported_version"),
                                       QStringLiteral("understudy_config: schema version %1 was written by a newer "
                                                      "Understudy; this version reads up to %2. Upgrade Understudy "
                                                      "to import it.")
                                           .arg(QString::fromStdString(version->dump()))
                                           .arg(kConfigSchemaVersion));

    ImportErrors errors;
    JsonObjectReader root(doc, QString(), errors);
    Config config;
    root.read("understudy_config", config.schemaVersion);
    readList<Listener>(root, "listeners", config.listeners, true, readListener);
    readList<Provider>(root, "providers", config.providers, true, readProvider);
    readList<Chain>(root, "chains", config.chains, true, readChain);
    readList<Route>(root, "routes", config.routes, true, readRoute);
    readObject<ServerLimits>(root, "limits", config.limits, [](JsonObjectReader &o, ServerLimits &l) {
        o.read("max_body_bytes", l.maxBodyBytes);
        o.read("max_header_bytes", l.maxHeaderBytes);
        o.read("max_connections", l.maxConnections);
        o.read("request_head_timeout_ms", l.requestHeadTimeoutMs);
        o.read("keep_alive_timeout_ms", l.keepAliveTimeoutMs);
        o.read("drain_timeout_ms", l.drainTimeoutMs);
        o.read("workers", l.workers);
    });
    readObject<RetryBudget>(root, "retry_budget", config.retryBudget, [](JsonObjectReader &o, RetryBudget &b) {
        o.read("ratio", b.ratio);
        o.read("min_retries_in_flight", b.minRetriesInFlight);
    });
    readObject<AdminSettings>(root, "admin", config.admin, [](JsonObjectReader &o, AdminSettings &a) {
        o.read("address", a.address);
        o.read("port", a.port);
        o.read("allow_non_loopback_without_tls", a.allowNonLoopbackWithoutTls);
    });
    root.rejectUnknownFields();

    if (!errors.isEmpty())
        return Result<Config>::failure(QStringLiteral("invalid_config"), errors.text());
    return config;
}

} // namespace understudy
