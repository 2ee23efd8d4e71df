#include "ServeCommand.h"

#include "UnixSignalWatcher.h"
#include "admin/AdminServer.h"
#include "admin/AdminToken.h"
#include "admin/ObservabilityBridge.h"
#include "admin/RequestFeed.h"
#include "config/ConfigJson.h"
#include "config/Validation.h"
#include "engine/Engine.h"
#include "fallback/ChaosRegistry.h"
#include "fallback/Clock.h"
#include "fallback/ExecutorServices.h"
#include "observe/JsonLineLog.h"
#include "observe/Observability.h"
#include "store/Workspace.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QPair>

#include <csignal>
#include <optional>

namespace understudy::cli {

Q_LOGGING_CATEGORY(lcServe, "understudy.serve", QtInfoMsg)

namespace {

struct ServeOptions
{
    QString workspace;
    QString configFile;
    QString listen; // host:port override of the first listener
    int workers = -1;
    int drainMs = -1;
    QString adminListen; // host:port, "off", or empty = the config's admin settings
    QString adminToken;
    QString adminCert;
    QString adminKey;
    bool adminInsecurePublic = false;
    QString logDb; // --config only: a workspace-format file for the request log
    RetentionPolicy retention;
};

Result<QPair<QString, int>> parseHostPort(const QString &text, const char *option)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    bool ok = false;
    const int port = colon > 0 ? text.mid(colon + 1).toInt(&ok) : 0;
    if (!ok || port < 0 || port > 65535)
        return Error{QStringLiteral("usage"),
                     QStringLiteral("%1 expects HOST:PORT, got '%2'").arg(QLatin1String(option), text)};
    QString host = text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    return qMakePair(host, port);
}

// The admin listener's settings: the config's `admin` section, overridden
// by the command line; the token from --admin-token, the environment, the
// workspace (created there on first run) or, serving a config file, a new
// one for this run.
Result<std::optional<AdminServerOptions>> adminOptions(const ServeOptions &options, const Config &config)
{
    if (options.adminListen == QLatin1String("off"))
        return std::optional<AdminServerOptions>();
    AdminServerOptions admin;
    admin.address = config.admin.address;
    admin.port = config.admin.port;
    admin.allowInsecurePublic = config.admin.allowNonLoopbackWithoutTls || options.adminInsecurePublic;
    if (!options.adminListen.isEmpty()) {
        auto hostPort = parseHostPort(options.adminListen, "--admin-listen");
        if (!hostPort)
            return hostPort.error();
        admin.address = hostPort->first;
        admin.port = hostPort->second;
    }
    if (!options.adminCert.isEmpty() || !options.adminKey.isEmpty()) {
        if (options.adminCert.isEmpty() || options.adminKey.isEmpty())
            return Error{QStringLiteral("usage"), QStringLiteral("give both --admin-tls-cert and --admin-tls-key")};
        admin.tls = true;
        admin.certFile = options.adminCert;
        admin.keyFile = options.adminKey;
    }
    admin.workspacePath = options.workspace;
    admin.token = options.adminToken.toUtf8();
    if (admin.token.isEmpty())
        admin.token = qgetenv("UNDERSTUDY_ADMIN_TOKEN");
    if (admin.token.isEmpty() && !options.workspace.isEmpty()) {
        auto stored = loadOrCreateWorkspaceToken(options.workspace);
        if (!stored)
            return stored.error();
        admin.token = stored->token;
        if (stored->created)
            qCInfo(lcServe).noquote() << QStringLiteral("admin token created in the workspace; print it with "
                                                        "'understudy-gateway admin-token --workspace %1'")
                                             .arg(options.workspace);
    } else if (admin.token.isEmpty()) {
        admin.token = generateAdminToken();
        // Serving a file there is nowhere to keep a token: this run's is
        // shown once, for the operator who started it.
        qCInfo(lcServe).noquote()
            << QStringLiteral("admin token for this run | admin_token=%1").arg(QString::fromLatin1(admin.token));
    }
    if (admin.token.size() < 16)
        return Error{QStringLiteral("usage"), QStringLiteral("the admin token must be at least 16 characters")};
    if (auto exposure = checkAdminExposure(admin); !exposure)
        return exposure.error();
    return std::optional<AdminServerOptions>(std::move(admin));
}

Result<Config> loadConfig(const ServeOptions &options)
{
    if (!options.workspace.isEmpty()) {
        auto ws = Workspace::open(options.workspace);
        if (!ws)
            return ws.error();
        return (*ws)->loadConfig();
    }
    QFile file(options.configFile);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("io_error"),
                     QStringLiteral("cannot read %1: %2").arg(options.configFile, file.errorString())};
    return configFromJson(file.read(64LL << 20));
}

Result<void> applyOverrides(Config &config, const ServeOptions &options)
{
    if (!options.listen.isEmpty()) {
        const qsizetype colon = options.listen.lastIndexOf(QLatin1Char(':'));
        bool ok = false;
        const int port = colon > 0 ? options.listen.mid(colon + 1).toInt(&ok) : 0;
        if (!ok || port < 0 || port > 65535)
            return Result<void>::failure(QStringLiteral("usage"),
                                         QStringLiteral("--listen expects HOST:PORT, got '%1'").arg(options.listen));
        if (config.listeners.empty())
            config.listeners.emplace_back().name = QStringLiteral("default");
        config.listeners.front().address = options.listen.left(colon);
        config.listeners.front().port = port;
    }
    if (options.workers >= 0)
        config.limits.workers = options.workers;
    return {};
}

// Where the request log goes: the served workspace (Workspace::open has
// migrated it to the current schema by the time the config was loaded),
// --log-db (opened and migrated like a workspace, or created with the
// served config as its first revision), or nowhere.
Result<QString> requestLogPath(const ServeOptions &options, const Config &config)
{
    if (!options.workspace.isEmpty())
        return options.workspace;
    if (options.logDb.isEmpty())
        return QString();
    if (QFileInfo::exists(options.logDb)) {
        auto ws = Workspace::open(options.logDb);
        if (!ws)
            return ws.error();
        return options.logDb;
    }
    auto created = Workspace::create(options.logDb, config, QStringLiteral("understudy-gateway serve"),
                                     QStringLiteral("request log of %1").arg(options.configFile));
    if (!created)
        return created.error();
    return options.logDb;
}

} // namespace

int runServe(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("serve"));
    parser.addHelpOption();
    parser.addOption({{QStringLiteral("w"), QStringLiteral("workspace")},
                      QStringLiteral("Serve the config of this workspace file."),
                      QStringLiteral("file")});
    parser.addOption({{QStringLiteral("c"), QStringLiteral("config")},
                      QStringLiteral("Serve this exported config JSON file."),
                      QStringLiteral("file")});
    parser.addOption({QStringLiteral("listen"), QStringLiteral("Override the first listener's address."),
                      QStringLiteral("host:port")});
    parser.addOption(
        {QStringLiteral("workers"), QStringLiteral("Worker threads (default: one per core)."), QStringLiteral("n")});
    parser.addOption({QStringLiteral("drain-timeout"),
                      QStringLiteral("Milliseconds to let in-flight requests finish on SIGTERM (default from config)."),
                      QStringLiteral("ms")});
    parser.addOption({QStringLiteral("log-level"), QStringLiteral("debug, info, warning or error (default info)."),
                      QStringLiteral("level"), QStringLiteral("info")});
    parser.addOption({QStringLiteral("admin-listen"),
                      QStringLiteral("Admin API address (default from config, 127.0.0.1:8788); 'off' disables it."),
                      QStringLiteral("host:port")});
    parser.addOption({QStringLiteral("admin-token"),
                      QStringLiteral("Admin bearer token (default $UNDERSTUDY_ADMIN_TOKEN, else the workspace's, "
                                     "created on first run)."),
                      QStringLiteral("token")});
    parser.addOption({QStringLiteral("admin-tls-cert"), QStringLiteral("PEM certificate for the admin listener."),
                      QStringLiteral("file")});
    parser.addOption({QStringLiteral("admin-tls-key"), QStringLiteral("PEM private key for the admin listener."),
                      QStringLiteral("file")});
    parser.addOption({QStringLiteral("admin-insecure-public"),
                      QStringLiteral("Allow the admin API on a non-loopback address without TLS.")});
    parser.addOption({QStringLiteral("log-db"),
                      QStringLiteral("With --config: write the request log and events to this workspace-format "
                                     "SQLite file (created if missing). Without it nothing goes to disk."),
                      QStringLiteral("file")});
    parser.addOption({QStringLiteral("log-retention-days"),
                      QStringLiteral("Keep logged requests and events this many days (default 30)."),
                      QStringLiteral("days")});
    parser.addOption({QStringLiteral("log-max-rows"),
                      QStringLiteral("Keep at most this many logged requests, oldest go first (default 1000000)."),
                      QStringLiteral("n")});
    QStringList args = ctx.arguments;
    args.prepend(QStringLiteral("understudy-gateway serve"));
    if (!parser.parse(args)) {
        ctx.err << "understudy-gateway serve: " << parser.errorText() << "\n";
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        ctx.out << parser.helpText();
        return ExitOk;
    }

    ServeOptions options;
    options.workspace = parser.value(QStringLiteral("workspace"));
    options.configFile = parser.value(QStringLiteral("config"));
    options.listen = parser.value(QStringLiteral("listen"));
    options.adminListen = parser.value(QStringLiteral("admin-listen"));
    options.adminToken = parser.value(QStringLiteral("admin-token"));
    options.adminCert = parser.value(QStringLiteral("admin-tls-cert"));
    options.adminKey = parser.value(QStringLiteral("admin-tls-key"));
    options.adminInsecurePublic = parser.isSet(QStringLiteral("admin-insecure-public"));
    options.logDb = parser.value(QStringLiteral("log-db"));
    if (options.workspace.isEmpty() == options.configFile.isEmpty()) {
        ctx.err << "understudy-gateway serve: give exactly one of --workspace or --config\n";
        return ExitUsage;
    }
    if (!options.logDb.isEmpty() && !options.workspace.isEmpty()) {
        ctx.err << "understudy-gateway serve: --log-db goes with --config; a workspace keeps its own request log\n";
        return ExitUsage;
    }
    bool ok = true;
    if (parser.isSet(QStringLiteral("log-retention-days"))) {
        const int days = parser.value(QStringLiteral("log-retention-days")).toInt(&ok);
        ok = ok && days >= 1 && days <= 3650;
        options.retention.maxAgeMs = qint64(days) * 24 * 3600 * 1000;
        options.retention.eventMaxAgeMs = options.retention.maxAgeMs;
        options.retention.rollupMaxAgeMs = options.retention.maxAgeMs;
    }
    if (ok && parser.isSet(QStringLiteral("log-max-rows"))) {
        options.retention.maxRows = parser.value(QStringLiteral("log-max-rows")).toLongLong(&ok);
        ok = ok && options.retention.maxRows >= 1;
    }
    if (!ok) {
        ctx.err << "understudy-gateway serve: invalid --log-retention-days or --log-max-rows\n";
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("workers")))
        options.workers = parser.value(QStringLiteral("workers")).toInt(&ok);
    if (ok && parser.isSet(QStringLiteral("drain-timeout")))
        options.drainMs = parser.value(QStringLiteral("drain-timeout")).toInt(&ok);
    const auto level = logLevelFromName(parser.value(QStringLiteral("log-level")));
    if (!ok || !level || options.workers > 256) {
        ctx.err << "understudy-gateway serve: invalid --workers, --drain-timeout or --log-level\n";
        return ExitUsage;
    }
    ctx.err.flush();
    installJsonLineLog(*level);

    auto loaded = loadConfig(options);
    if (!loaded) {
        qCCritical(lcServe).noquote() << QStringLiteral("cannot load config | code=%1").arg(loaded.error().code)
                                      << loaded.error().message;
        return loaded.error().code == QLatin1String("io_error") ? ExitIo
               : options.workspace.isEmpty()                    ? ExitInvalidConfig
                                                                : ExitWorkspace;
    }
    if (auto overridden = applyOverrides(*loaded, options); !overridden) {
        qCCritical(lcServe).noquote() << overridden.error().message;
        return ExitUsage;
    }

    auto admin = adminOptions(options, *loaded);
    if (!admin) {
        qCCritical(lcServe).noquote() << QStringLiteral("cannot start the admin API | code=%1").arg(admin.error().code)
                                      << admin.error().message;
        return admin.error().code == QLatin1String("insecure_admin") || admin.error().code == QLatin1String("usage")
                   ? ExitUsage
                   : ExitWorkspace;
    }

    auto logPath = requestLogPath(options, *loaded);
    if (!logPath) {
        qCCritical(lcServe).noquote()
            << QStringLiteral("cannot open the request log | code=%1").arg(logPath.error().code)
            << logPath.error().message;
        return ExitWorkspace;
    }
    ObservabilityOptions observeOptions;
    observeOptions.requestLogPath = *logPath;
    observeOptions.retention = options.retention;
    auto observability = Observability::create(std::move(observeOptions));
    if (!observability) {
        qCCritical(lcServe).noquote()
            << QStringLiteral("cannot start the request log | code=%1").arg(observability.error().code)
            << observability.error().message;
        return ExitWorkspace;
    }
    std::shared_ptr<Observability> observe = *observability;
    if (observe->hasRequestLog())
        qCInfo(lcServe).noquote() << QStringLiteral("request log | path=%1").arg(observe->requestLogPath());

    // Installed before the listeners open, so a signal sent as soon as the
    // "listening" line appears is never lost to the default action.
    UnixSignalWatcher watcher({SIGTERM, SIGINT, SIGHUP});
    Engine engine;
    engine.setObservability(observe);
    // The request log and metrics first; the admin API's live feed is
    // chained behind them. Both before start(): workers read the sink
    // without a lock.
    engine.services().trailSink = observe->trailSink();
    // Declared after the engine: destroyed first, as it must be.
    std::unique_ptr<AdminServer> adminServer;
    if (*admin) {
        adminServer = std::make_unique<AdminServer>(engine, std::move(**admin));
        adminServer->setObservability(std::make_shared<ObservabilityBridge>(observe));
        adminServer->setChaos(engine.services().chaos);
        // Chained before start(): workers read the sink without a lock.
        RequestFeed::chainInto(engine.services(), adminServer->requestFeed());
    }
    if (auto started = engine.start(std::make_shared<const Config>(*loaded)); !started) {
        qCCritical(lcServe).noquote() << QStringLiteral("cannot start | code=%1").arg(started.error().code);
        for (const QString &line : started.error().message.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            qCCritical(lcServe).noquote() << line;
        return started.error().code == QLatin1String("invalid_config") ? ExitInvalidConfig : ExitUnavailable;
    }
    if (adminServer) {
        if (auto listening = adminServer->start(); !listening) {
            qCCritical(lcServe).noquote()
                << QStringLiteral("cannot start the admin API | code=%1").arg(listening.error().code)
                << listening.error().message;
            return ExitUnavailable;
        }
    }

    bool draining = false;
    QObject::connect(&watcher, &UnixSignalWatcher::received, &engine, [&](int number) {
        if (number == SIGHUP) {
            auto reloaded = loadConfig(options);
            if (reloaded && applyOverrides(*reloaded, options).ok()) {
                if (auto applied = engine.apply(std::make_shared<const Config>(*reloaded)); !applied)
                    qCWarning(lcServe).noquote()
                        << "reload rejected, keeping the running config |" << applied.error().message.simplified();
            } else if (!reloaded) {
                qCWarning(lcServe).noquote()
                    << "reload failed, keeping the running config |" << reloaded.error().message.simplified();
            }
            return;
        }
        if (draining)
            return;
        draining = true;
        const int timeout = options.drainMs >= 0 ? options.drainMs : engine.config()->limits.drainTimeoutMs;
        qCInfo(lcServe).noquote() << QStringLiteral("draining | signal=%1 timeout_ms=%2").arg(number).arg(timeout);
        engine.drain(timeout);
    });
    QObject::connect(&engine, &Engine::drained, &engine, [] {
        qCInfo(lcServe) << "stopped";
        QCoreApplication::quit();
    });
    const int exitCode = QCoreApplication::exec();
    // Drained: every finished request has reached the sink. Fold the last
    // second of metrics and write what the request log still queues.
    observe->shutdown();
    return exitCode == 0 ? ExitOk : ExitUnavailable;
}

} // namespace understudy::cli
