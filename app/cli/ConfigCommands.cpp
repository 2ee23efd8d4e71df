#include "ConfigCommands.h"

#include "config/ConfigJson.h"
#include "config/Validation.h"
#include "store/Workspace.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace understudy::cli {

namespace {

QString defaultAuthor()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = QStringLiteral("unknown");
    return user + QStringLiteral("@cli");
}

// Parses a subcommand's own options; prints usage errors itself.
bool parseCommand(CliContext &ctx, QCommandLineParser &parser, const QString &name, int minPositional,
                  int maxPositional)
{
    parser.setApplicationDescription(name);
    parser.addHelpOption();
    QStringList args = ctx.arguments;
    args.prepend(QStringLiteral("understudy-gateway ") + name);
    if (!parser.parse(args)) {
        ctx.err << "understudy-gateway " << name << ": " << parser.errorText() << "\n";
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        ctx.out << parser.helpText();
        return false;
    }
    const qsizetype n = parser.positionalArguments().size();
    if (n < minPositional || n > maxPositional) {
        ctx.err << "understudy-gateway " << name << ": wrong number of arguments; see --help\n";
        return false;
    }
    return true;
}

int usageOrHelp(const QCommandLineParser &parser)
{
    return parser.isSet(QStringLiteral("help")) ? ExitOk : ExitUsage;
}

QCommandLineOption workspaceOption()
{
    return QCommandLineOption({QStringLiteral("w"), QStringLiteral("workspace")},
                              QStringLiteral("Workspace file (.understudy)."), QStringLiteral("file"));
}

int workspaceExit(const Error &error)
{
    if (error.code == QLatin1String("not_found"))
        return ExitNotFound;
    if (error.code == QLatin1String("io_error"))
        return ExitIo;
    if (error.code == QLatin1String("invalid_config"))
        return ExitInvalidConfig;
    return ExitWorkspace;
}

Result<std::unique_ptr<Workspace>> openWorkspace(CliContext &ctx, const QCommandLineParser &parser)
{
    const QString path = parser.value(QStringLiteral("workspace"));
    auto ws = Workspace::open(path);
    if (!ws)
        ctx.err << "error: cannot open workspace " << path << ": " << ws.error().message << "\n";
    return ws;
}

// Reads and validates a config file; prints every problem.
std::optional<Config> readConfigFile(CliContext &ctx, const QString &path, int &exitCode)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ctx.err << "error: cannot read " << path << ": " << file.errorString() << "\n";
        exitCode = ExitIo;
        return std::nullopt;
    }
    // Bounded read: configFromJson rejects anything over its own limit.
    const QByteArray bytes = file.read(64LL << 20);
    auto parsed = configFromJson(bytes);
    if (!parsed) {
        ctx.err << path << ": " << parsed.error().message << "\n";
        exitCode = ExitInvalidConfig;
        return std::nullopt;
    }
    const auto issues = validateConfig(*parsed);
    if (!issues.empty())
        ctx.err << formatIssues(issues);
    if (!isValid(issues)) {
        ctx.err << path << ": invalid config, nothing applied\n";
        exitCode = ExitInvalidConfig;
        return std::nullopt;
    }
    exitCode = ExitOk;
    return std::move(parsed).value();
}

} // namespace

int runValidate(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("Exported config JSON to check."));
    if (!parseCommand(ctx, parser, QStringLiteral("validate"), 1, 1))
        return usageOrHelp(parser);
    int code = ExitOk;
    const QString path = parser.positionalArguments().constFirst();
    auto config = readConfigFile(ctx, path, code);
    if (!config)
        return code;
    ctx.out << path << ": valid (" << config->providers.size() << " providers, " << config->chains.size() << " chains, "
            << config->routes.size() << " routes)\n";
    return ExitOk;
}

int runExport(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addOption(workspaceOption());
    parser.addOption(QCommandLineOption({QStringLiteral("o"), QStringLiteral("output")},
                                        QStringLiteral("Write to this file instead of standard output."),
                                        QStringLiteral("file")));
    if (!parseCommand(ctx, parser, QStringLiteral("export"), 0, 0))
        return usageOrHelp(parser);
    if (!parser.isSet(QStringLiteral("workspace"))) {
        ctx.err << "understudy-gateway export: --workspace is required\n";
        return ExitUsage;
    }
    auto ws = openWorkspace(ctx, parser);
    if (!ws)
        return workspaceExit(ws.error());
    auto config = (*ws)->loadConfig();
    if (!config) {
        ctx.err << "error: " << config.error().message << "\n";
        return workspaceExit(config.error());
    }
    const QByteArray json = configToJson(*config);
    const QString output = parser.value(QStringLiteral("output"));
    if (output.isEmpty() || output == QLatin1String("-")) {
        ctx.out << QString::fromUtf8(json);
        return ExitOk;
    }
    QSaveFile file(output);
    if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit()) {
        ctx.err << "error: cannot write " << output << ": " << file.errorString() << "\n";
        return ExitIo;
    }
    return ExitOk;
}

int runImport(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addOption(workspaceOption());
    parser.addOption(QCommandLineOption({QStringLiteral("m"), QStringLiteral("summary")},
                                        QStringLiteral("Revision summary."), QStringLiteral("text")));
    parser.addOption(
        QCommandLineOption(QStringLiteral("author"), QStringLiteral("Revision author."), QStringLiteral("name")));
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("Config JSON to apply."));
    if (!parseCommand(ctx, parser, QStringLiteral("import"), 1, 1))
        return usageOrHelp(parser);
    if (!parser.isSet(QStringLiteral("workspace"))) {
        ctx.err << "understudy-gateway import: --workspace is required\n";
        return ExitUsage;
    }
    const QString path = parser.positionalArguments().constFirst();
    int code = ExitOk;
    auto config = readConfigFile(ctx, path, code);
    if (!config)
        return code;

    const QString wsPath = parser.value(QStringLiteral("workspace"));
    const QString author =
        parser.isSet(QStringLiteral("author")) ? parser.value(QStringLiteral("author")) : defaultAuthor();
    QString summary = parser.value(QStringLiteral("summary"));
    if (summary.isEmpty())
        summary = QStringLiteral("Imported ") + QFileInfo(path).fileName();

    if (!QFileInfo::exists(wsPath)) {
        auto created = Workspace::create(wsPath, *config, author, summary);
        if (!created) {
            ctx.err << "error: cannot create workspace " << wsPath << ": " << created.error().message << "\n";
            return workspaceExit(created.error());
        }
        ctx.out << "created " << wsPath << " from " << path << " as revision 1\n";
        return ExitOk;
    }
    auto ws = openWorkspace(ctx, parser);
    if (!ws)
        return workspaceExit(ws.error());
    auto saved = (*ws)->saveConfig(*config, author, summary);
    if (!saved) {
        ctx.err << "error: " << saved.error().message << "\n";
        return workspaceExit(saved.error());
    }
    ctx.out << "applied " << path << " to " << wsPath << " as revision " << saved->id << "\n";
    return ExitOk;
}

int runInit(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addOption(workspaceOption());
    if (!parseCommand(ctx, parser, QStringLiteral("init"), 0, 0))
        return usageOrHelp(parser);
    if (!parser.isSet(QStringLiteral("workspace"))) {
        ctx.err << "understudy-gateway init: --workspace is required\n";
        return ExitUsage;
    }
    const QString path = parser.value(QStringLiteral("workspace"));
    if (QFileInfo::exists(path)) {
        ctx.err << "error: " << path << " already exists; nothing changed\n";
        return ExitIo;
    }
    auto ws = Workspace::openOrCreateDemo(path);
    if (!ws) {
        ctx.err << "error: " << ws.error().message << "\n";
        return workspaceExit(ws.error());
    }
    ctx.out << "created demo workspace " << path << " (mock providers, route POST /v1/chat/completions)\n";
    return ExitOk;
}

int runRevisions(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addOption(workspaceOption());
    if (!parseCommand(ctx, parser, QStringLiteral("revisions"), 0, 0))
        return usageOrHelp(parser);
    if (!parser.isSet(QStringLiteral("workspace"))) {
        ctx.err << "understudy-gateway revisions: --workspace is required\n";
        return ExitUsage;
    }
    auto ws = openWorkspace(ctx, parser);
    if (!ws)
        return workspaceExit(ws.error());
    auto revisions = (*ws)->revisions();
    if (!revisions) {
        ctx.err << "error: " << revisions.error().message << "\n";
        return workspaceExit(revisions.error());
    }
    ctx.out << qSetFieldWidth(6) << Qt::left << "REV" << qSetFieldWidth(22) << "CREATED (UTC)" << qSetFieldWidth(20)
            << "AUTHOR" << qSetFieldWidth(0) << "SUMMARY\n";
    for (const RevisionInfo &rev : *revisions) {
        ctx.out << qSetFieldWidth(6) << Qt::left << rev.id << qSetFieldWidth(22)
                << rev.createdAt.toUTC().toString(Qt::ISODate) << qSetFieldWidth(20) << rev.author << qSetFieldWidth(0)
                << rev.summary << "\n";
    }
    return ExitOk;
}

namespace {

std::optional<qint64> parseRevisionId(CliContext &ctx, const QString &text)
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    if (!ok || id <= 0) {
        ctx.err << "error: '" << text << "' is not a revision number\n";
        return std::nullopt;
    }
    return id;
}

} // namespace

int runRestore(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addOption(workspaceOption());
    parser.addOption(
        QCommandLineOption(QStringLiteral("author"), QStringLiteral("Revision author."), QStringLiteral("name")));
    parser.addPositionalArgument(QStringLiteral("revision"), QStringLiteral("Revision number to restore."));
    if (!parseCommand(ctx, parser, QStringLiteral("restore"), 1, 1))
        return usageOrHelp(parser);
    if (!parser.isSet(QStringLiteral("workspace"))) {
        ctx.err << "understudy-gateway restore: --workspace is required\n";
        return ExitUsage;
    }
    const auto id = parseRevisionId(ctx, parser.positionalArguments().constFirst());
    if (!id)
        return ExitUsage;
    auto ws = openWorkspace(ctx, parser);
    if (!ws)
        return workspaceExit(ws.error());
    const QString author =
        parser.isSet(QStringLiteral("author")) ? parser.value(QStringLiteral("author")) : defaultAuthor();
    auto restored = (*ws)->restore(*id, author);
    if (!restored) {
        ctx.err << "error: " << restored.error().message << "\n";
        return workspaceExit(restored.error());
    }
    ctx.out << "restored revision " << *id << " as revision " << restored->id << "\n";
    return ExitOk;
}

int runDiff(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addOption(workspaceOption());
    parser.addPositionalArgument(QStringLiteral("from"), QStringLiteral("Older revision."));
    parser.addPositionalArgument(QStringLiteral("to"), QStringLiteral("Newer revision."));
    if (!parseCommand(ctx, parser, QStringLiteral("diff"), 2, 2))
        return usageOrHelp(parser);
    if (!parser.isSet(QStringLiteral("workspace"))) {
        ctx.err << "understudy-gateway diff: --workspace is required\n";
        return ExitUsage;
    }
    const auto from = parseRevisionId(ctx, parser.positionalArguments().at(0));
    const auto to = parseRevisionId(ctx, parser.positionalArguments().at(1));
    if (!from || !to)
        return ExitUsage;
    auto ws = openWorkspace(ctx, parser);
    if (!ws)
        return workspaceExit(ws.error());
    auto diff = (*ws)->diff(*from, *to);
    if (!diff) {
        ctx.err << "error: " << diff.error().message << "\n";
        return workspaceExit(diff.error());
    }
    ctx.out << *diff;
    return ExitOk;
}

} // namespace understudy::cli
