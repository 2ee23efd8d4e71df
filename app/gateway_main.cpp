// understudy-gateway: the headless engine and its policy-as-code commands.

#include "cli/AdminCommands.h"
#include "cli/CliContext.h"
#include "cli/ConfigCommands.h"
#include "cli/ServeCommand.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

namespace {

using understudy::cli::CliContext;

struct Command
{
    const char *name;
    const char *summary;
    int (*run)(CliContext &);
};

const Command kCommands[] = {
    {"serve", "Run the gateway headless from a workspace or config JSON", understudy::cli::runServe},
    {"init", "Create a demo workspace (mock providers, no keys needed)", understudy::cli::runInit},
    {"validate", "Check an exported config JSON file", understudy::cli::runValidate},
    {"export", "Write a workspace's config as JSON", understudy::cli::runExport},
    {"import", "Validate a config JSON file and apply it to a workspace as a new revision", understudy::cli::runImport},
    {"revisions", "List a workspace's config revisions", understudy::cli::runRevisions},
    {"restore", "Make an earlier revision current (recorded as a new revision)", understudy::cli::runRestore},
    {"diff", "Show what changed between two revisions", understudy::cli::runDiff},
    {"status", "Show a running gateway's health (admin API)", understudy::cli::runStatus},
    {"apply", "Apply a config JSON file to a running gateway (admin API)", understudy::cli::runApply},
    {"breakers", "List, force or reset a running gateway's breakers (admin API)", understudy::cli::runBreakers},
    {"tail", "Follow a running gateway's requests live (admin API)", understudy::cli::runTail},
    {"admin-token", "Print a workspace's admin API token (created on first use)", understudy::cli::runAdminToken},
};

void printUsage(QTextStream &out)
{
    out << "Usage: understudy-gateway <command> [options]\n\nCommands:\n";
    for (const Command &c : kCommands)
        out << "  " << qSetFieldWidth(13) << Qt::left << c.name << qSetFieldWidth(0) << c.summary << "\n";
    out << "\nRun 'understudy-gateway <command> --help' for a command's options.\n"
           "\nExit codes: 0 ok, 1 invalid config, 2 usage error, 3 file I/O error,\n"
           "4 workspace cannot be opened (corrupt, foreign or newer), 5 not found,\n"
           "6 listener or gateway unavailable.\n";
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Understudy"));
    QCoreApplication::setApplicationName(QStringLiteral("understudy-gateway"));
    QCoreApplication::setApplicationVersion(QStringLiteral(UNDERSTUDY_VERSION));

    QTextStream out(stdout);
    QTextStream err(stderr);
    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    if (args.isEmpty()) {
        printUsage(err);
        return understudy::cli::ExitUsage;
    }
    const QString name = args.takeFirst();
    if (name == QLatin1String("--help") || name == QLatin1String("-h") || name == QLatin1String("help")) {
        printUsage(out);
        return understudy::cli::ExitOk;
    }
    if (name == QLatin1String("--version")) {
        out << "understudy-gateway " << UNDERSTUDY_VERSION << "\n";
        return understudy::cli::ExitOk;
    }
    for (const Command &c : kCommands) {
        if (name == QLatin1String(c.name)) {
            CliContext ctx{args, out, err};
            return c.run(ctx);
        }
    }
    err << "understudy-gateway: unknown command '" << name << "'\n\n";
    printUsage(err);
    return understudy::cli::ExitUsage;
}
