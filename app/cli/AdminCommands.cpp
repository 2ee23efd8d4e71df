#include "AdminCommands.h"

#include "AdminClient.h"
#include "admin/AdminToken.h"
#include "store/Workspace.h"

#include <QCommandLineParser>
#include <QFile>
#include <QUrlQuery>

#include <nlohmann/json.hpp>

namespace understudy::cli {

namespace {

using nlohmann::json;

constexpr char kDefaultUrl[] = "http://127.0.0.1:8788";

QString str(const json &value)
{
    if (value.is_string())
        return QString::fromStdString(value.get<std::string>());
    if (value.is_null())
        return QStringLiteral("-");
    return QString::fromStdString(value.dump());
}

// Parses a command's options (plus --url/--token/--timeout); prints usage
// errors itself and returns the exit code to stop with, or -1 to go on.
int parse(CliContext &ctx, QCommandLineParser &parser, const QString &name, int positional)
{
    parser.setApplicationDescription(name);
    parser.addHelpOption();
    parser.addOption({QStringLiteral("url"),
                      QStringLiteral("Admin API of the gateway (default $UNDERSTUDY_ADMIN_URL or %1).")
                          .arg(QLatin1String(kDefaultUrl)),
                      QStringLiteral("url")});
    parser.addOption({QStringLiteral("token"), QStringLiteral("Admin bearer token (default $UNDERSTUDY_ADMIN_TOKEN)."),
                      QStringLiteral("token")});
    parser.addOption({QStringLiteral("timeout"),
                      QStringLiteral("Milliseconds to wait for the gateway (default 10000)."), QStringLiteral("ms"),
                      QStringLiteral("10000")});
    QStringList args = ctx.arguments;
    args.prepend(QStringLiteral("understudy-gateway ") + name);
    if (!parser.parse(args)) {
        ctx.err << "understudy-gateway " << name << ": " << parser.errorText() << "\n";
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        ctx.out << parser.helpText();
        return ExitOk;
    }
    if (parser.positionalArguments().size() != positional) {
        ctx.err << "understudy-gateway " << name << ": wrong number of arguments; see --help\n";
        return ExitUsage;
    }
    return -1;
}

std::optional<AdminClient> clientFor(CliContext &ctx, const QCommandLineParser &parser, int &exitCode)
{
    QString url = parser.value(QStringLiteral("url"));
    if (url.isEmpty())
        url = qEnvironmentVariable("UNDERSTUDY_ADMIN_URL", QLatin1String(kDefaultUrl));
    QByteArray token = parser.value(QStringLiteral("token")).toUtf8();
    if (token.isEmpty())
        token = qgetenv("UNDERSTUDY_ADMIN_TOKEN");
    bool ok = false;
    const int timeout = parser.value(QStringLiteral("timeout")).toInt(&ok);
    if (!ok || timeout < 1) {
        ctx.err << "error: --timeout expects a positive number of milliseconds\n";
        exitCode = ExitUsage;
        return std::nullopt;
    }
    auto client = AdminClient::create(url, token, timeout);
    if (!client) {
        ctx.err << "error: " << client.error().message << "\n";
        exitCode = ExitUsage;
        return std::nullopt;
    }
    return std::move(client).value();
}

// Exit code and message for a failed call or a non-2xx answer.
int reportFailure(CliContext &ctx, const Result<AdminResponse> &response)
{
    if (!response) {
        ctx.err << "error: " << response.error().message << "\n";
        return response.error().code == QLatin1String("unavailable") ? ExitUnavailable : ExitIo;
    }
    const int status = response->status;
    ctx.err << "error: the gateway answered " << status << ": " << adminErrorMessage(*response) << "\n";
    if (status == 401)
        return ExitUsage;
    if (status == 404)
        return ExitNotFound;
    if (status == 400 || status == 422)
        return ExitInvalidConfig;
    return ExitUnavailable;
}

std::optional<json> bodyJson(CliContext &ctx, const AdminResponse &response)
{
    json document = json::parse(response.body.toStdString(), nullptr, false);
    if (document.is_discarded() || !document.is_object()) {
        ctx.err << "error: the gateway's answer is not a JSON object\n";
        return std::nullopt;
    }
    return document;
}

void printBreakers(CliContext &ctx, const json &list)
{
    if (!list.is_array() || list.empty()) {
        ctx.out << "no breakers yet (they appear with a target's first request)\n";
        return;
    }
    ctx.out << qSetFieldWidth(36) << Qt::left << "TARGET" << qSetFieldWidth(11) << "STATE" << qSetFieldWidth(14)
            << "OVERRIDE" << qSetFieldWidth(0) << "FAILURES  OPENINGS  CLOSES_IN\n";
    for (const json &b : list) {
        const qint64 closesIn = b.value("ms_until_close", qint64(0));
        ctx.out << qSetFieldWidth(36) << Qt::left << str(b.value("target", json())) << qSetFieldWidth(11)
                << str(b.value("state", json())) << qSetFieldWidth(14) << str(b.value("override", json()))
                << qSetFieldWidth(10) << b.value("consecutive_failures", 0) << qSetFieldWidth(10)
                << b.value("openings", 0) << qSetFieldWidth(0)
                << (closesIn < 0 ? QStringLiteral("forced") : QStringLiteral("%1 ms").arg(closesIn)) << "\n";
    }
}

QString requestLine(const json &r)
{
    QString line = QStringLiteral("%1 %2 %3 %4 route=%5 outcome=%6 %7ms attempts=%8 served_by=%9")
                       .arg(str(r.value("started_at", json())), QString::number(r.value("status", 0)),
                            str(r.value("method", json())), str(r.value("path", json())), str(r.value("route", json())),
                            str(r.value("outcome", json())))
                       .arg(r.value("duration_ms", qint64(0)))
                       .arg(r.value("attempts", 0))
                       .arg(str(r.value("served_by", json())));
    const json fallbacks = r.value("fallbacks", json::array());
    if (fallbacks.is_array() && !fallbacks.empty()) {
        QStringList names;
        for (const json &f : fallbacks)
            names << str(f);
        line += QStringLiteral(" fallback=") + names.join(QLatin1Char(','));
    }
    if (r.value("cached", false))
        line += QStringLiteral(" cached");
    if (r.value("degraded", false))
        line += QStringLiteral(" degraded");
    line += QStringLiteral(" id=") + str(r.value("request_id", json()));
    return line;
}

} // namespace

int runStatus(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print the health document as JSON.")});
    if (const int code = parse(ctx, parser, QStringLiteral("status"), 0); code >= 0)
        return code;
    int exitCode = ExitOk;
    auto client = clientFor(ctx, parser, exitCode);
    if (!client)
        return exitCode;
    auto response = client->request("GET", "/admin/v1/health");
    if (!response || response->status != 200)
        return reportFailure(ctx, response);
    if (parser.isSet(QStringLiteral("json"))) {
        ctx.out << response->body;
        return ExitOk;
    }
    const auto health = bodyJson(ctx, *response);
    if (!health)
        return ExitUnavailable;
    const json &h = *health;
    ctx.out << "gateway " << client->url().toString() << ": " << str(h.value("status", json())) << "\n"
            << "  version      " << str(h.value("version", json())) << "\n"
            << "  generation   " << h.value("generation", 0) << "\n"
            << "  uptime       " << h.value("uptime_ms", qint64(0)) / 1000 << " s\n"
            << "  workspace    " << str(h.value("workspace", json())) << "\n";
    for (const json &l : h.value("listeners", json::array()))
        ctx.out << "  listener     " << str(l.value("name", json())) << " " << str(l.value("address", json())) << ":"
                << l.value("port", 0) << (l.value("tls", false) ? " tls" : "") << "\n";
    ctx.out << "  breakers     " << h.value("breakers_open", 0) << " open\n"
            << "  chaos        " << h.value("chaos_active", 0) << " active\n";
    return ExitOk;
}

int runApply(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("Exported config JSON to apply."));
    parser.addOption({{QStringLiteral("m"), QStringLiteral("summary")},
                      QStringLiteral("Revision summary."),
                      QStringLiteral("text")});
    if (const int code = parse(ctx, parser, QStringLiteral("apply"), 1); code >= 0)
        return code;
    int exitCode = ExitOk;
    auto client = clientFor(ctx, parser, exitCode);
    if (!client)
        return exitCode;
    const QString path = parser.positionalArguments().constFirst();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ctx.err << "error: cannot read " << path << ": " << file.errorString() << "\n";
        return ExitIo;
    }
    const QByteArray document = file.read(64LL << 20);
    QUrlQuery query;
    QString user = qEnvironmentVariable("USER");
    query.addQueryItem(QStringLiteral("author"),
                       (user.isEmpty() ? QStringLiteral("unknown") : user) + QStringLiteral("@cli"));
    query.addQueryItem(QStringLiteral("summary"), parser.isSet(QStringLiteral("summary"))
                                                      ? parser.value(QStringLiteral("summary"))
                                                      : QStringLiteral("applied from %1").arg(path));
    const QByteArray target = "/admin/v1/config?" + query.toString(QUrl::FullyEncoded).toUtf8();
    auto response = client->request("PUT", target, document);
    if (response && response->status == 422) {
        ctx.err << path << ": invalid config, nothing applied\n";
        const json body = json::parse(response->body.toStdString(), nullptr, false);
        const json issues =
            body.is_object()
                ? body.value("error", json::object()).value("details", json::object()).value("issues", json::array())
                : json::array();
        for (const json &issue : issues) {
            const QString where = str(issue.value("path", json()));
            ctx.err << "  "
                    << (where.isEmpty() || where == QLatin1String("-") ? QString() : where + QStringLiteral(": "))
                    << str(issue.value("message", json())) << "\n";
        }
        return ExitInvalidConfig;
    }
    if (!response || response->status != 200)
        return reportFailure(ctx, response);
    const auto body = bodyJson(ctx, *response);
    if (!body)
        return ExitUnavailable;
    ctx.out << "applied " << path << ": generation " << body->value("generation", 0);
    const json revision = body->value("revision", json());
    if (revision.is_object())
        ctx.out << ", revision " << revision.value("id", 0);
    const json changes = body->value("changes", json());
    if (changes.is_object())
        ctx.out << " (+" << changes.value("lines_added", 0) << " -" << changes.value("lines_removed", 0) << " lines)";
    ctx.out << "\n";
    return ExitOk;
}

int runBreakers(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addOption(
        {QStringLiteral("open"), QStringLiteral("Force this target's breaker open."), QStringLiteral("target")});
    parser.addOption(
        {QStringLiteral("close"), QStringLiteral("Force this target's breaker closed."), QStringLiteral("target")});
    parser.addOption({QStringLiteral("reset"), QStringLiteral("Reset this target's breaker (and end a force)."),
                      QStringLiteral("target")});
    if (const int code = parse(ctx, parser, QStringLiteral("breakers"), 0); code >= 0)
        return code;
    QString action;
    for (const char *name : {"open", "close", "reset"}) {
        if (parser.isSet(QLatin1String(name))) {
            if (!action.isEmpty()) {
                ctx.err << "understudy-gateway breakers: give at most one of --open, --close, --reset\n";
                return ExitUsage;
            }
            action = QLatin1String(name);
        }
    }
    int exitCode = ExitOk;
    auto client = clientFor(ctx, parser, exitCode);
    if (!client)
        return exitCode;
    if (!action.isEmpty()) {
        const QString target = parser.value(action);
        const QByteArray path = "/admin/v1/breakers/" + QUrl::toPercentEncoding(target, "/") + '/' + action.toLatin1();
        auto response = client->request("POST", path);
        if (!response || response->status != 200)
            return reportFailure(ctx, response);
        const auto body = bodyJson(ctx, *response);
        if (!body)
            return ExitUnavailable;
        printBreakers(ctx, json::array({body->value("breaker", json::object())}));
        return ExitOk;
    }
    auto response = client->request("GET", "/admin/v1/breakers");
    if (!response || response->status != 200)
        return reportFailure(ctx, response);
    const auto body = bodyJson(ctx, *response);
    if (!body)
        return ExitUnavailable;
    printBreakers(ctx, body->value("breakers", json::array()));
    return ExitOk;
}

int runTail(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print each request as one JSON line.")});
    parser.addOption({QStringLiteral("count"), QStringLiteral("Stop after this many requests."), QStringLiteral("n")});
    if (const int code = parse(ctx, parser, QStringLiteral("tail"), 0); code >= 0)
        return code;
    bool ok = true;
    const int count = parser.isSet(QStringLiteral("count")) ? parser.value(QStringLiteral("count")).toInt(&ok) : -1;
    if (!ok || (parser.isSet(QStringLiteral("count")) && count < 1)) {
        ctx.err << "understudy-gateway tail: --count expects a positive number\n";
        return ExitUsage;
    }
    int exitCode = ExitOk;
    auto client = clientFor(ctx, parser, exitCode);
    if (!client)
        return exitCode;
    const bool asJson = parser.isSet(QStringLiteral("json"));
    int seen = 0;
    auto streamed = client->stream("/admin/v1/requests/stream", [&](const QByteArray &event, const QByteArray &data) {
        if (event == "ready") {
            ctx.err << "following requests at " << client->url().toString() << "\n";
            ctx.err.flush();
            return true;
        }
        if (event != "request")
            return true;
        if (asJson) {
            ctx.out << data << "\n";
        } else {
            const json r = json::parse(data.toStdString(), nullptr, false);
            ctx.out << (r.is_object() ? requestLine(r) : QString::fromUtf8(data)) << "\n";
        }
        ctx.out.flush();
        return count < 0 || ++seen < count;
    });
    if (!streamed) {
        const QString code = streamed.error().code;
        ctx.err << "error: " << streamed.error().message << "\n";
        if (code == QLatin1String("status_401"))
            return ExitUsage;
        return ExitUnavailable;
    }
    return ExitOk;
}

int runAdminToken(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("admin-token"));
    parser.addHelpOption();
    parser.addOption({{QStringLiteral("w"), QStringLiteral("workspace")},
                      QStringLiteral("Workspace file (.understudy)."),
                      QStringLiteral("file")});
    QStringList args = ctx.arguments;
    args.prepend(QStringLiteral("understudy-gateway admin-token"));
    if (!parser.parse(args)) {
        ctx.err << "understudy-gateway admin-token: " << parser.errorText() << "\n";
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        ctx.out << parser.helpText();
        return ExitOk;
    }
    const QString path = parser.value(QStringLiteral("workspace"));
    if (path.isEmpty() || !parser.positionalArguments().isEmpty()) {
        ctx.err << "understudy-gateway admin-token: --workspace is required\n";
        return ExitUsage;
    }
    auto ws = Workspace::open(path); // refuses foreign, corrupt or newer files
    if (!ws) {
        ctx.err << "error: cannot open workspace " << path << ": " << ws.error().message << "\n";
        return ws.error().code == QLatin1String("io_error") ? ExitIo : ExitWorkspace;
    }
    ws->reset();
    auto token = loadOrCreateWorkspaceToken(path);
    if (!token) {
        ctx.err << "error: " << token.error().message << "\n";
        return ExitWorkspace;
    }
    ctx.out << token->token << "\n";
    return ExitOk;
}

} // namespace understudy::cli
