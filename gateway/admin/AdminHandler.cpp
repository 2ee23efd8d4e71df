#include "admin/AdminHandler.h"

#include "admin/AdminContext.h"
#include "admin/AdminJson.h"
#include "admin/AdminObservability.h"
#include "admin/AdminToken.h"
#include "admin/WorkerMailbox.h"
#include "engine/Engine.h"
#include "fallback/BreakerRegistry.h"
#include "fallback/ChaosRegistry.h"
#include "fallback/Clock.h"
#include "fallback/ExecutorServices.h"
#include "http/HttpExchange.h"
#include "store/Workspace.h"

#include <QTimer>
#include <QUrl>

namespace understudy {

using nlohmann::json;

namespace {

constexpr QByteArrayView kPrefix("/admin/v1/");

std::string utf8(const QString &text)
{
    return text.toStdString();
}

// The breaker policy a target runs with in `config`, if any step uses it.
std::optional<BreakerPolicy> breakerPolicyFor(const Config &config, const QString &target)
{
    for (const Chain &chain : config.chains) {
        for (const Step &step : chain.steps) {
            for (const Target &t : step.targets) {
                if (breakerTargetKey(t.provider, t.model) == target)
                    return step.breaker;
            }
        }
    }
    return std::nullopt;
}

json breakerList(BreakerRegistry &registry)
{
    json list = json::array();
    for (const BreakerSnapshot &b : registry.snapshot())
        list.push_back(breakerJson(b));
    return list;
}

} // namespace

void replyJson(HttpExchange *exchange, int status, const json &body)
{
    exchange->respond(status, {{"Content-Type", "application/json"}, {"Cache-Control", "no-store"}},
                      QByteArray::fromStdString(body.dump()) + '\n');
}

void replyError(HttpExchange *exchange, int status, QByteArrayView code, const QString &message, const json &details)
{
    HttpHeaders headers{{"Content-Type", "application/json"}, {"Cache-Control", "no-store"}};
    if (status == 401)
        headers.emplace_back("WWW-Authenticate", "Bearer realm=\"understudy-admin\"");
    exchange->respond(status, std::move(headers), adminErrorBody(code, message, details) + '\n');
}

int statusForError(const QString &code)
{
    if (code == QLatin1String("not_found"))
        return 404;
    if (code == QLatin1String("invalid_config"))
        return 422;
    if (code == QLatin1String("bad_query") || code == QLatin1String("bad_json"))
        return 400;
    if (code == QLatin1String("unavailable"))
        return 503;
    return 500;
}

AdminHandler::AdminHandler(std::shared_ptr<AdminContext> context)
    : m_context(std::move(context))
    , m_receiver(std::make_unique<QObject>())
    , m_mailbox(std::make_shared<WorkerMailbox>(m_receiver.get()))
{}

AdminHandler::~AdminHandler()
{
    m_mailbox->close();
    while (!m_streams.empty())
        closeStream(m_streams.begin()->first);
}

void AdminHandler::handle(HttpExchange *exchange)
{
    const HttpRequest &request = exchange->request();
    const QByteArray authorization = request.header("authorization");
    if (authorization.isEmpty()) {
        replyError(exchange, 401, "unauthorized", QStringLiteral("missing 'Authorization: Bearer <token>' header"));
        return;
    }
    if (!bearerAuthorizes(authorization, m_context->options.token)) {
        replyError(exchange, 401, "unauthorized", QStringLiteral("invalid admin token"));
        return;
    }
    if (request.path == "/metrics") {
        if (allow(exchange, {"GET"}))
            metrics(exchange, true);
        return;
    }
    if (!request.path.startsWith(kPrefix)) {
        replyError(exchange, 404, "not_found", QStringLiteral("no admin endpoint at this path"));
        return;
    }
    Segments segments;
    for (const QByteArray &raw : request.path.sliced(kPrefix.size()).split('/'))
        segments.push_back(QUrl::fromPercentEncoding(raw));
    while (!segments.isEmpty() && segments.constLast().isEmpty())
        segments.removeLast(); // tolerate a trailing slash
    route(exchange, segments);
}

bool AdminHandler::allow(HttpExchange *exchange, std::initializer_list<const char *> methods)
{
    QByteArray list;
    for (const char *method : methods) {
        if (exchange->request().method == method)
            return true;
        list += (list.isEmpty() ? "" : ", ") + QByteArray(method);
    }
    exchange->respond(
        405, {{"Content-Type", "application/json"}, {"Allow", list}},
        adminErrorBody("method_not_allowed", QStringLiteral("use %1 on this endpoint").arg(QString::fromLatin1(list))) +
            '\n');
    return false;
}

void AdminHandler::route(HttpExchange *exchange, const Segments &s)
{
    const QString head = s.value(0);
    const qsizetype n = s.size();
    if (head == QLatin1String("health") && n == 1) {
        if (allow(exchange, {"GET"}))
            health(exchange);
    } else if (head == QLatin1String("config") && n == 1) {
        if (!allow(exchange, {"GET", "PUT", "POST"}))
            return;
        if (exchange->request().method == "GET")
            getConfig(exchange);
        else
            applyConfig(exchange);
    } else if (head == QLatin1String("config") && n == 2 && s[1] == QLatin1String("validate")) {
        if (allow(exchange, {"POST"}))
            validateConfig(exchange);
    } else if (head == QLatin1String("revisions")) {
        revisions(exchange, s);
    } else if (head == QLatin1String("breakers")) {
        breakers(exchange, s);
    } else if (head == QLatin1String("chaos")) {
        chaos(exchange, s);
    } else if (head == QLatin1String("requests")) {
        requests(exchange, s);
    } else if (head == QLatin1String("events")) {
        events(exchange, s);
    } else if (head == QLatin1String("metrics") && n == 1) {
        if (allow(exchange, {"GET"}))
            metrics(exchange, false);
    } else {
        replyError(exchange, 404, "not_found", QStringLiteral("no admin endpoint at this path"));
    }
}

void AdminHandler::onEngine(std::function<void(Engine &)> work)
{
    Engine *engine = m_context->engine;
    QMetaObject::invokeMethod(
        engine, [engine, work = std::move(work)] { work(*engine); }, Qt::QueuedConnection);
}

std::function<void(Result<json>)> AdminHandler::jsonReply(HttpExchange *exchange)
{
    QPointer<HttpExchange> guard(exchange);
    std::shared_ptr<WorkerMailbox> mailbox = m_mailbox;
    return [guard, mailbox](Result<json> result) {
        mailbox->post([guard, result = std::move(result)] {
            if (!guard || guard->isFinished())
                return;
            if (result)
                replyJson(guard, 200, *result);
            else
                replyError(guard, statusForError(result.error().code), result.error().code.toUtf8(),
                           result.error().message);
        });
    };
}

void AdminHandler::recordEvent(const QString &kind, const json &fields)
{
    if (m_context->observability)
        m_context->observability->recordEvent(kind, fields);
}

void AdminHandler::health(HttpExchange *exchange)
{
    std::shared_ptr<AdminContext> context = m_context;
    auto reply = jsonReply(exchange);
    onEngine([context, reply](Engine &engine) {
        json listeners = json::array();
        const ConfigSnapshot config = engine.config();
        if (config) {
            for (const Listener &l : config->listeners)
                listeners.push_back({{"name", utf8(l.name)},
                                     {"address", utf8(l.address)},
                                     {"port", engine.port(l.name)},
                                     {"tls", l.tls}});
        }
        const HttpServerStats stats = engine.stats();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        json body{{"status", engine.isRunning() ? "ok" : "stopped"},
                  {"version", UNDERSTUDY_VERSION},
                  {"generation", engine.generation()},
                  {"started_at", utf8(context->startedAt.toString(Qt::ISODateWithMs))},
                  {"uptime_ms", context->startedAt.msecsTo(now)},
                  {"listeners", std::move(listeners)},
                  {"workspace", context->options.workspacePath.isEmpty() ? json(nullptr)
                                                                         : json(utf8(context->options.workspacePath))},
                  {"observability", context->observability != nullptr},
                  {"chaos_active", context->chaos ? json(context->chaos->list().size()) : json(0)},
                  {"breakers_open", 0},
                  {"server", {{"open_connections", stats.openConnections}, {"requests_served", stats.requestsServed}}}};
        int open = 0;
        for (const BreakerSnapshot &b : engine.services().breakers.snapshot())
            open += b.state == BreakerState::Open ? 1 : 0;
        body["breakers_open"] = open;
        reply(std::move(body));
    });
}

void AdminHandler::breakers(HttpExchange *exchange, const Segments &s)
{
    BreakerRegistry &registry = m_context->engine->services().breakers;
    if (s.size() == 1) {
        if (allow(exchange, {"GET"}))
            replyJson(exchange, 200, {{"breakers", breakerList(registry)}});
        return;
    }
    if (s.size() < 3) {
        replyError(exchange, 404, "not_found", QStringLiteral("use /admin/v1/breakers/{target}/open|close|reset"));
        return;
    }
    const QString action = s.constLast();
    if (action != QLatin1String("open") && action != QLatin1String("close") && action != QLatin1String("reset")) {
        replyError(exchange, 404, "not_found", QStringLiteral("unknown breaker action '%1'").arg(action));
        return;
    }
    if (!allow(exchange, {"POST"}))
        return;
    const QString target = s.mid(1, s.size() - 2).join(QLatin1Char('/'));
    // A target that has had no traffic yet has no breaker: create it with
    // its configured policy so an operator can open it ahead of an outage.
    if (!registry.find(target)) {
        const ConfigSnapshot config = m_context->engine->config();
        const auto policy = config ? breakerPolicyFor(*config, target) : std::nullopt;
        if (!policy) {
            replyError(exchange, 404, "not_found",
                       QStringLiteral("no breaker for '%1': no step of the running config targets it").arg(target));
            return;
        }
        (void)registry.breaker(target, *policy);
    }
    const bool done = action == QLatin1String("open")    ? registry.forceOpen(target)
                      : action == QLatin1String("close") ? registry.forceClosed(target)
                                                         : registry.reset(target);
    const auto breaker = registry.find(target);
    if (!done || !breaker) {
        replyError(exchange, 404, "not_found", QStringLiteral("no breaker for '%1'").arg(target));
        return;
    }
    recordEvent(QStringLiteral("breaker_forced"), {{"target", utf8(target)}, {"action", utf8(action)}});
    replyJson(exchange, 200, {{"breaker", breakerJson(breaker->snapshot())}});
}

void AdminHandler::chaos(HttpExchange *exchange, const Segments &s)
{
    if (s.size() > 2) {
        replyError(exchange, 404, "not_found", QStringLiteral("no admin endpoint at this path"));
        return;
    }
    if (!allow(exchange, s.size() == 1 ? std::initializer_list<const char *>{"GET", "POST", "DELETE"}
                                       : std::initializer_list<const char *>{"GET", "DELETE"}))
        return;
    ChaosRegistry *registry = m_context->chaos.get();
    if (!registry) {
        replyError(exchange, 503, "unavailable", QStringLiteral("fault injection is not enabled on this gateway"));
        return;
    }
    const qint64 now = registry->clock().nowMs();
    const QByteArray &method = exchange->request().method;
    if (s.size() == 2) {
        bool ok = false;
        const quint64 id = s[1].toULongLong(&ok);
        const auto found = ok ? registry->find(id) : std::nullopt;
        if (!found) {
            replyError(exchange, 404, "not_found", QStringLiteral("no active injection '%1'").arg(s[1]));
            return;
        }
        if (method == "DELETE") {
            registry->stop(id);
            recordEvent(QStringLiteral("chaos_stopped"), {{"id", id}, {"provider", utf8(found->provider)}});
        }
        replyJson(exchange, 200, {{"injection", chaosJson(*found, now)}, {"stopped", method == "DELETE"}});
        return;
    }
    if (method == "GET") {
        json list = json::array();
        for (const ChaosInjection &i : registry->list())
            list.push_back(chaosJson(i, now));
        replyJson(exchange, 200, {{"injections", std::move(list)}});
        return;
    }
    if (method == "DELETE") {
        const int stopped = registry->stopAll();
        if (stopped > 0)
            recordEvent(QStringLiteral("chaos_stopped"), {{"count", stopped}});
        replyJson(exchange, 200, {{"stopped", stopped}});
        return;
    }
    const json body = json::parse(exchange->request().body.toStdString(), nullptr, false);
    if (body.is_discarded()) {
        replyError(exchange, 400, "bad_json", QStringLiteral("the body is not valid JSON"));
        return;
    }
    auto request = chaosRequestFromJson(body);
    if (!request) {
        replyError(exchange, 422, request.error().code.toUtf8(), request.error().message);
        return;
    }
    const ConfigSnapshot config = m_context->engine->config();
    if (!config || !config->provider(request->provider)) {
        replyError(exchange, 422, "invalid_chaos",
                   QStringLiteral("provider: '%1' is not a provider of the running config").arg(request->provider));
        return;
    }
    auto started = registry->start(*request);
    if (!started) {
        replyError(exchange, 422, started.error().code.toUtf8(), started.error().message);
        return;
    }
    recordEvent(QStringLiteral("chaos_started"), chaosJson(*started, now));
    replyJson(exchange, 201, {{"injection", chaosJson(*started, registry->clock().nowMs())}});
}

void AdminHandler::metrics(HttpExchange *exchange, bool prometheus)
{
    AdminObservability *observe = m_context->observability.get();
    if (!observe) {
        replyError(exchange, 503, "unavailable",
                   QStringLiteral("metrics are not available: no metrics registry is attached"));
        return;
    }
    if (prometheus)
        exchange->respond(200, {{"Content-Type", "text/plain; version=0.0.4; charset=utf-8"}},
                          observe->prometheusText());
    else
        replyJson(exchange, 200, observe->metricsSnapshot());
}

} // namespace understudy
