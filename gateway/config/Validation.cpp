#include "config/Validation.h"

#include "config/CredentialReference.h"
#include "config/ValidationRules.h"

#include <QHostAddress>
#include <QUrl>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace understudy {

namespace {

bool isListenAddress(const QString &address)
{
    return address == QLatin1String("localhost") || !QHostAddress(address).isNull();
}

bool isLoopback(const QString &address)
{
    return address == QLatin1String("localhost") || QHostAddress(address).isLoopback();
}

void validatePort(int port, const QString &path, IssueCollector &out)
{
    if (port < 0 || port > 65535)
        out.error(path, QStringLiteral("port %1 is out of range; use 1 to 65535 (0 picks a free port)").arg(port));
}

void validateHeaders(const std::vector<Header> &headers, const QString &prefix, IssueCollector &out)
{
    for (std::size_t i = 0; i < headers.size(); ++i) {
        const QString path = indexPath(prefix, i);
        if (!isHttpToken(headers[i].name))
            out.error(path + QStringLiteral(".name"),
                      QStringLiteral("\"%1\" is not a valid HTTP header name").arg(headers[i].name));
        if (headers[i].value.contains(QLatin1Char('\r')) || headers[i].value.contains(QLatin1Char('\n')))
            out.error(path + QStringLiteral(".value"), QStringLiteral("header values may not contain line breaks"));
    }
}

// Header names that carry keys by convention. A key in a default header
// would be exported with the config; credentials references would not.
bool isSecretHeader(const QString &name)
{
    static const QStringList names = {QStringLiteral("authorization"), QStringLiteral("proxy-authorization"),
                                      QStringLiteral("x-api-key"), QStringLiteral("api-key"),
                                      QStringLiteral("x-goog-api-key")};
    return names.contains(name.toLower());
}

void validateListeners(const Config &config, IssueCollector &out)
{
    validateNames(config.listeners, QStringLiteral("listeners"), QStringLiteral("listener"), out);
    std::map<std::pair<QString, int>, QString> bound;
    for (std::size_t i = 0; i < config.listeners.size(); ++i) {
        const Listener &l = config.listeners[i];
        const QString path = namedPath(QStringLiteral("listeners"), l.name, i);
        if (!isListenAddress(l.address))
            out.error(
                path + QStringLiteral(".address"),
                QStringLiteral("\"%1\" is not an IP address; use for example 127.0.0.1, 0.0.0.0 or ::").arg(l.address));
        validatePort(l.port, path + QStringLiteral(".port"), out);
        if (l.port > 0) {
            auto [it, inserted] = bound.try_emplace({l.address, l.port}, l.name);
            if (!inserted)
                out.error(path + QStringLiteral(".port"), QStringLiteral("%1:%2 is already used by listener \"%3\"")
                                                              .arg(l.address)
                                                              .arg(l.port)
                                                              .arg(it->second));
        }
        if (l.tls && l.certFile.isEmpty())
            out.error(path + QStringLiteral(".cert_file"), QStringLiteral("a TLS listener needs a certificate file"));
        if (l.tls && l.keyFile.isEmpty())
            out.error(path + QStringLiteral(".key_file"), QStringLiteral("a TLS listener needs a private key file"));
    }

    const AdminSettings &admin = config.admin;
    if (!isListenAddress(admin.address))
        out.error(QStringLiteral("admin.address"),
                  QStringLiteral("\"%1\" is not an IP address; use 127.0.0.1").arg(admin.address));
    else if (!isLoopback(admin.address) && !admin.allowNonLoopbackWithoutTls)
        out.error(QStringLiteral("admin.address"),
                  QStringLiteral("the admin API on %1 would send its bearer token unencrypted over the network; bind "
                                 "it to 127.0.0.1 (and reach it through a TLS proxy) or set "
                                 "allow_non_loopback_without_tls")
                      .arg(admin.address));
    validatePort(admin.port, QStringLiteral("admin.port"), out);
    if (admin.port > 0) {
        if (auto it = bound.find({admin.address, admin.port}); it != bound.end())
            out.error(QStringLiteral("admin.port"), QStringLiteral("%1:%2 is already used by listener \"%3\"")
                                                        .arg(admin.address)
                                                        .arg(admin.port)
                                                        .arg(it->second));
    }
}

bool isHttpUrl(const QString &text, bool requirePort = false)
{
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme();
    return url.isValid() && (scheme == QLatin1String("http") || scheme == QLatin1String("https")) &&
           !url.host().isEmpty() && (!requirePort || url.port() > 0);
}

void validateMock(const MockSettings &m, const QString &path, IssueCollector &out)
{
    if (m.latencyMs < 0)
        out.error(path + QStringLiteral(".latency_ms"), QStringLiteral("latency cannot be negative"));
    if (!(m.tokensPerSecond > 0) || !std::isfinite(m.tokensPerSecond))
        out.error(path + QStringLiteral(".tokens_per_second"), QStringLiteral("tokens per second must be above 0"));
    if (m.fault == MockFault::ErrorStatus && (m.status < 100 || m.status > 599))
        out.error(path + QStringLiteral(".status"),
                  QStringLiteral("status %1 is not an HTTP status; use 100 to 599").arg(m.status));
    if (m.retryAfterSeconds < 0)
        out.error(path + QStringLiteral(".retry_after_seconds"), QStringLiteral("Retry-After cannot be negative"));
    if (m.afterEvents < 0)
        out.error(path + QStringLiteral(".after_events"), QStringLiteral("the event count cannot be negative"));
    if (m.delayMs < 0)
        out.error(path + QStringLiteral(".delay_ms"), QStringLiteral("the delay cannot be negative"));
    if (m.fault == MockFault::Flapping && (m.downMs <= 0 || m.upMs <= 0))
        out.error(path + (m.downMs <= 0 ? QStringLiteral(".down_ms") : QStringLiteral(".up_ms")),
                  QStringLiteral("flapping needs down and up periods above 0 ms"));
}

void validateProviders(const Config &config, IssueCollector &out)
{
    validateNames(config.providers, QStringLiteral("providers"), QStringLiteral("provider"), out);
    for (std::size_t i = 0; i < config.providers.size(); ++i) {
        const Provider &p = config.providers[i];
        const QString path = namedPath(QStringLiteral("providers"), p.name, i);
        if (p.kind != ProviderKind::Mock && !isHttpUrl(p.baseUrl))
            out.error(path + QStringLiteral(".base_url"),
                      QStringLiteral("a %1 provider needs an http:// or https:// base URL, got \"%2\"")
                          .arg(providerKindName(p.kind), p.baseUrl));
        if (!p.credentials.isEmpty() && !isCredentialReference(p.credentials))
            // Never echo the value: it is most likely a pasted key.
            out.error(path + QStringLiteral(".credentials"), credentialReferenceHint());
        validateHeaders(p.headers, path + QStringLiteral(".headers"), out);
        for (std::size_t h = 0; h < p.headers.size(); ++h) {
            if (isSecretHeader(p.headers[h].name) && !p.headers[h].value.isEmpty())
                out.warning(indexPath(path + QStringLiteral(".headers"), h) + QStringLiteral(".value"),
                            QStringLiteral("%1 usually carries a key, and header values are exported with the "
                                           "config; use credentials (env:NAME or keychain:ENTRY) instead")
                                .arg(p.headers[h].name));
        }
        if (p.limits.maxConnections < 1)
            out.error(path + QStringLiteral(".limits.max_connections"),
                      QStringLiteral("allow at least 1 connection, got %1").arg(p.limits.maxConnections));
        if (p.limits.maxIdle < 0 || p.limits.maxIdle > p.limits.maxConnections)
            out.error(path + QStringLiteral(".limits.max_idle"),
                      QStringLiteral("idle connections must be between 0 and max_connections (%1), got %2")
                          .arg(p.limits.maxConnections)
                          .arg(p.limits.maxIdle));
        if (p.limits.idleTimeoutMs <= 0)
            out.error(path + QStringLiteral(".limits.idle_timeout_ms"),
                      QStringLiteral("the idle timeout must be above 0 ms, got %1").arg(p.limits.idleTimeoutMs));
        if (!p.proxy.isEmpty() && !isHttpUrl(p.proxy, true))
            out.error(path + QStringLiteral(".proxy"),
                      QStringLiteral("expected a proxy URL like http://proxy.example:3128, got \"%1\"").arg(p.proxy));

        std::set<QString> models;
        for (std::size_t m = 0; m < p.models.size(); ++m) {
            const ModelInfo &model = p.models[m];
            const QString modelPath = namedPath(path + QStringLiteral(".models"), model.name, m);
            if (model.name.isEmpty())
                out.error(modelPath + QStringLiteral(".name"), QStringLiteral("every model needs a name"));
            else if (!models.insert(model.name).second)
                out.error(modelPath + QStringLiteral(".name"),
                          QStringLiteral("model \"%1\" is listed twice").arg(model.name));
            if (model.contextWindow < 0)
                out.error(modelPath + QStringLiteral(".context_window"),
                          QStringLiteral("the context window cannot be negative (0 means unknown)"));
            if (!(model.inputPricePerMTok >= 0) || !std::isfinite(model.inputPricePerMTok))
                out.error(modelPath + QStringLiteral(".input_price_per_mtok"),
                          QStringLiteral("prices cannot be negative"));
            if (!(model.outputPricePerMTok >= 0) || !std::isfinite(model.outputPricePerMTok))
                out.error(modelPath + QStringLiteral(".output_price_per_mtok"),
                          QStringLiteral("prices cannot be negative"));
        }
        if (p.kind == ProviderKind::Mock)
            validateMock(p.mock, path + QStringLiteral(".mock"), out);
    }
}

// What makes two routes indistinguishable to the router.
QString matchKey(const RouteMatch &m)
{
    QStringList methods;
    for (const auto &method : m.methods)
        methods.append(method.toUpper());
    methods.sort();
    methods.removeDuplicates();
    QStringList headers;
    for (const auto &h : m.headers)
        headers.append(h.name.toLower() + QLatin1Char(h.regex ? '~' : '=') + h.value);
    headers.sort();
    return m.listener + QLatin1Char('\n') + methods.join(QLatin1Char(',')) + QLatin1Char('\n') +
           pathMatchName(m.pathMatch) + QLatin1Char('\n') + m.path + QLatin1Char('\n') + m.host.toLower() +
           QLatin1Char('\n') + headers.join(QLatin1Char('\n'));
}

void validateRoutes(const Config &config, IssueCollector &out)
{
    validateNames(config.routes, QStringLiteral("routes"), QStringLiteral("route"), out);
    std::map<QString, QString> matches;
    for (std::size_t i = 0; i < config.routes.size(); ++i) {
        const Route &r = config.routes[i];
        const QString path = namedPath(QStringLiteral("routes"), r.name, i);
        const QString match = path + QStringLiteral(".match");
        if (r.chain.isEmpty())
            out.error(path + QStringLiteral(".chain"), QStringLiteral("choose the chain this route runs"));
        else if (!config.chain(r.chain))
            out.error(path + QStringLiteral(".chain"), QStringLiteral("there is no chain named \"%1\"").arg(r.chain));
        if (!r.match.listener.isEmpty() && !config.listener(r.match.listener))
            out.error(match + QStringLiteral(".listener"),
                      QStringLiteral("there is no listener named \"%1\" (leave empty to match every listener)")
                          .arg(r.match.listener));
        for (qsizetype m = 0; m < r.match.methods.size(); ++m) {
            if (!isHttpToken(r.match.methods[m]))
                out.error(indexPath(match + QStringLiteral(".methods"), std::size_t(m)),
                          QStringLiteral("\"%1\" is not a valid HTTP method").arg(r.match.methods[m]));
        }
        if (r.match.pathMatch == PathMatch::Pattern) {
            if (const QString why = regexError(r.match.path); !why.isEmpty())
                out.error(match + QStringLiteral(".path"),
                          QStringLiteral("the path pattern is not a valid regular expression: ") + why);
        } else if (!r.match.path.startsWith(QLatin1Char('/'))) {
            out.error(match + QStringLiteral(".path"),
                      QStringLiteral("the path must start with '/', got \"%1\"").arg(r.match.path));
        }
        if (r.match.host.contains(QLatin1Char(' ')) || r.match.host.contains(QLatin1Char('/')))
            out.error(match + QStringLiteral(".host"),
                      QStringLiteral("\"%1\" is not a host name; use e.g. api.example.com").arg(r.match.host));
        for (std::size_t h = 0; h < r.match.headers.size(); ++h) {
            const HeaderMatch &hm = r.match.headers[h];
            const QString hPath = indexPath(match + QStringLiteral(".headers"), h);
            if (!isHttpToken(hm.name))
                out.error(hPath + QStringLiteral(".name"),
                          QStringLiteral("\"%1\" is not a valid HTTP header name").arg(hm.name));
            if (hm.regex) {
                if (const QString why = regexError(hm.value); !why.isEmpty())
                    out.error(hPath + QStringLiteral(".value"),
                              QStringLiteral("not a valid regular expression: ") + why);
            }
        }
        auto [it, inserted] = matches.try_emplace(matchKey(r.match), r.name);
        if (!inserted)
            out.error(match, QStringLiteral("matches exactly the same requests as route \"%1\", which comes first, so "
                                            "this route would never run; change its path, methods, host or headers")
                                 .arg(it->second));
    }
}

void validateServer(const Config &config, IssueCollector &out)
{
    const ServerLimits &l = config.limits;
    auto positive = [&out](qint64 value, const char *field, const QString &what) {
        if (value <= 0)
            out.error(QStringLiteral("limits.") + QLatin1String(field),
                      QStringLiteral("%1 must be above 0, got %2").arg(what).arg(value));
    };
    positive(l.maxBodyBytes, "max_body_bytes", QStringLiteral("the body size limit"));
    positive(l.maxHeaderBytes, "max_header_bytes", QStringLiteral("the header size limit"));
    positive(l.maxConnections, "max_connections", QStringLiteral("the connection limit"));
    positive(l.requestHeadTimeoutMs, "request_head_timeout_ms", QStringLiteral("the request head timeout"));
    positive(l.keepAliveTimeoutMs, "keep_alive_timeout_ms", QStringLiteral("the keep-alive timeout"));
    if (l.drainTimeoutMs < 0)
        out.error(QStringLiteral("limits.drain_timeout_ms"), QStringLiteral("the drain timeout cannot be negative"));
    if (l.workers < 0 || l.workers > 1024)
        out.error(QStringLiteral("limits.workers"),
                  QStringLiteral("use 0 (one per core) to 1024 workers, got %1").arg(l.workers));

    const RetryBudget &b = config.retryBudget;
    if (!(b.ratio >= 0.0 && b.ratio <= 1.0))
        out.error(
            QStringLiteral("retry_budget.ratio"),
            QStringLiteral("the retry budget is a share of requests in flight between 0 and 1, got %1").arg(b.ratio));
    if (b.minRetriesInFlight < 0)
        out.error(QStringLiteral("retry_budget.min_retries_in_flight"),
                  QStringLiteral("the retry floor cannot be negative, got %1").arg(b.minRetriesInFlight));
}

} // namespace

std::vector<ValidationIssue> validateConfig(const Config &config)
{
    IssueCollector out;
    if (config.schemaVersion != kConfigSchemaVersion)
        out.error(QStringLiteral("understudy_config"),
                  QStringLiteral("schema version %1 is not supported; this Understudy uses %2")
                      .arg(config.schemaVersion)
                      .arg(kConfigSchemaVersion));
    validateListeners(config, out);
    validateProviders(config, out);
    validateChains(config, out);
    validateRoutes(config, out);
    validateServer(config, out);
    return out.take();
}

bool isValid(const std::vector<ValidationIssue> &issues)
{
    return std::none_of(issues.begin(), issues.end(),
                        [](const ValidationIssue &i) { return i.severity == ValidationIssue::Severity::Error; });
}

QString formatIssues(const std::vector<ValidationIssue> &issues)
{
    QStringList errors;
    QStringList warnings;
    for (const auto &issue : issues) {
        if (issue.severity == ValidationIssue::Severity::Error)
            errors.append(issue.path + QStringLiteral(": ") + issue.message);
        else
            warnings.append(issue.path + QStringLiteral(": warning: ") + issue.message);
    }
    return (errors + warnings).join(QLatin1Char('\n'));
}

} // namespace understudy
