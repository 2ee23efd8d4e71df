#include "ServeCommand.h"

#include "UnixSignalWatcher.h"
#include "config/ConfigJson.h"
#include "config/Validation.h"
#include "engine/Engine.h"
#include "observe/JsonLineLog.h"
#include "store/Workspace.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QLoggingCategory>

#include <csignal>

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
};

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
    if (options.workspace.isEmpty() == options.configFile.isEmpty()) {
        ctx.err << "understudy-gateway serve: give exactly one of --workspace or --config\n";
        return ExitUsage;
    }
    bool ok = true;
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

    // Installed before the listeners open, so a signal sent as soon as the
    // "listening" line appears is never lost to the default action.
    UnixSignalWatcher watcher({SIGTERM, SIGINT, SIGHUP});
    Engine engine;
    if (auto started = engine.start(std::make_shared<const Config>(*loaded)); !started) {
        qCCritical(lcServe).noquote() << QStringLiteral("cannot start | code=%1").arg(started.error().code);
        for (const QString &line : started.error().message.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            qCCritical(lcServe).noquote() << line;
        return started.error().code == QLatin1String("invalid_config") ? ExitInvalidConfig : ExitUnavailable;
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
    return QCoreApplication::exec() == 0 ? ExitOk : ExitUnavailable;
}

} // namespace understudy::cli
