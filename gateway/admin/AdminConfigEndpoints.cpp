// Config and revision endpoints of the admin API (see AdminHandler.h).

#include "admin/AdminContext.h"
#include "admin/AdminHandler.h"
#include "admin/AdminJson.h"
#include "admin/AdminObservability.h"
#include "admin/WorkerMailbox.h"
#include "config/ConfigJson.h"
#include "config/Validation.h"
#include "engine/Engine.h"
#include "http/HttpExchange.h"
#include "store/Workspace.h"

#include <QUrlQuery>

namespace understudy {

using nlohmann::json;

namespace {

std::string utf8(const QString &text)
{
    return text.toStdString();
}

// "path: message" lines of an import error as issues.
json importIssues(const QString &message)
{
    json list = json::array();
    for (const QString &line : message.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const qsizetype colon = line.indexOf(QStringLiteral(": "));
        list.push_back({{"severity", "error"},
                        {"path", utf8(colon > 0 ? line.left(colon) : QString())},
                        {"message", utf8(colon > 0 ? line.mid(colon + 2) : line)}});
    }
    return list;
}

QString queryValue(const HttpExchange *exchange, const char *key, const QString &fallback)
{
    const QUrlQuery query(QString::fromUtf8(exchange->request().query));
    const QString value = query.queryItemValue(QString::fromLatin1(key), QUrl::FullyDecoded);
    return value.isEmpty() ? fallback : value.left(500);
}

QString authorOf(const HttpExchange *exchange)
{
    return queryValue(exchange, "author", QStringLiteral("admin-api@") + exchange->request().peerAddress.toString());
}

// Lines added and removed in a "-"/"+" line diff.
json diffStats(const QString &diff)
{
    int added = 0;
    int removed = 0;
    for (QStringView line : QStringView(diff).split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1Char('+')))
            ++added;
        else if (line.startsWith(QLatin1Char('-')))
            ++removed;
    }
    return {{"lines_added", added}, {"lines_removed", removed}};
}

} // namespace

Workspace *AdminHandler::workspace(HttpExchange *exchange)
{
    const QString &path = m_context->options.workspacePath;
    if (path.isEmpty()) {
        replyError(
            exchange, 404, "no_workspace",
            QStringLiteral("this gateway runs from a config file; revisions need a workspace (serve --workspace)"));
        return nullptr;
    }
    if (!m_workspace) {
        auto opened = Workspace::open(path);
        if (!opened) {
            replyError(exchange, 503, "workspace_unavailable",
                       QStringLiteral("cannot open the workspace: %1").arg(opened.error().message));
            return nullptr;
        }
        m_workspace = std::move(opened).value();
    }
    return m_workspace.get();
}

std::optional<Config> AdminHandler::configFromBody(HttpExchange *exchange)
{
    const QByteArray &body = exchange->request().body;
    if (!json::accept(body.begin(), body.end())) {
        replyError(exchange, 400, "bad_json", QStringLiteral("the body is not a valid JSON document"));
        return std::nullopt;
    }
    auto parsed = configFromJson(body);
    if (!parsed) {
        recordEvent(QStringLiteral("config_rejected"), {{"reason", "import"}});
        replyError(exchange, 422, "invalid_config", QStringLiteral("the config does not import; nothing was applied"),
                   {{"issues", importIssues(parsed.error().message)}});
        return std::nullopt;
    }
    const auto issues = understudy::validateConfig(*parsed);
    if (!isValid(issues)) {
        recordEvent(QStringLiteral("config_rejected"), {{"reason", "validation"}});
        replyError(exchange, 422, "invalid_config", QStringLiteral("the config has errors; nothing was applied"),
                   {{"issues", issuesJson(issues)}});
        return std::nullopt;
    }
    return std::move(parsed).value();
}

void AdminHandler::getConfig(HttpExchange *exchange)
{
    const ConfigSnapshot config = m_context->engine->config();
    if (!config) {
        replyError(exchange, 503, "unavailable", QStringLiteral("the engine has no config yet"));
        return;
    }
    exchange->respond(200, {{"Content-Type", "application/json"}, {"Cache-Control", "no-store"}},
                      configToJson(*config));
}

void AdminHandler::validateConfig(HttpExchange *exchange)
{
    const QByteArray &body = exchange->request().body;
    if (!json::accept(body.begin(), body.end())) {
        replyError(exchange, 400, "bad_json", QStringLiteral("the body is not a valid JSON document"));
        return;
    }
    auto parsed = configFromJson(body);
    if (!parsed) {
        replyError(exchange, 422, "invalid_config", QStringLiteral("the config does not import"),
                   {{"issues", importIssues(parsed.error().message)}});
        return;
    }
    const auto issues = understudy::validateConfig(*parsed);
    if (!isValid(issues)) {
        replyError(exchange, 422, "invalid_config", QStringLiteral("the config has errors"),
                   {{"issues", issuesJson(issues)}});
        return;
    }
    replyJson(exchange, 200,
              {{"valid", true},
               {"issues", issuesJson(issues)},
               {"providers", parsed->providers.size()},
               {"chains", parsed->chains.size()},
               {"routes", parsed->routes.size()}});
}

void AdminHandler::applyConfig(HttpExchange *exchange)
{
    auto config = configFromBody(exchange);
    if (!config)
        return;
    if (m_context->changeInFlight.exchange(true)) {
        replyError(exchange, 409, "change_in_progress",
                   QStringLiteral("another config change is being applied; retry"));
        return;
    }
    auto snapshot = std::make_shared<const Config>(std::move(*config));
    std::function<Result<RevisionInfo>()> record;
    if (!m_context->options.workspacePath.isEmpty()) {
        Workspace *ws = workspace(exchange);
        if (!ws) {
            m_context->changeInFlight = false;
            return;
        }
        const QString author = authorOf(exchange);
        const QString summary = queryValue(exchange, "summary", QStringLiteral("applied through the admin API"));
        record = [this, snapshot, author, summary]() -> Result<RevisionInfo> {
            return m_workspace->saveConfig(*snapshot, author, summary);
        };
    }
    changeConfig(exchange, snapshot, std::move(record), json::object());
}

void AdminHandler::changeConfig(HttpExchange *exchange, ConfigSnapshot config,
                                std::function<Result<RevisionInfo>()> record, json extra)
{
    QPointer<HttpExchange> guard(exchange);
    std::shared_ptr<WorkerMailbox> mailbox = m_mailbox;
    std::shared_ptr<AdminContext> context = m_context;

    // Back on this thread once the engine has answered.
    auto finish = [this, guard, mailbox, context, config, record, extra](const Result<void> &applied,
                                                                         ConfigSnapshot previous, quint64 generation) {
        auto answer = [guard](int status, const json &body) {
            if (guard && !guard->isFinished())
                replyJson(guard, status, body);
        };
        if (!applied) {
            context->changeInFlight = false;
            recordEvent(QStringLiteral("config_rejected"), {{"reason", utf8(applied.error().code)}});
            if (guard && !guard->isFinished())
                replyError(guard, applied.error().code == QLatin1String("invalid_config") ? 422 : 409,
                           applied.error().code.toUtf8(),
                           QStringLiteral("the engine refused the config; nothing was applied: %1")
                               .arg(applied.error().message));
            return;
        }
        json body = extra;
        body["applied"] = true;
        body["generation"] = generation;
        body["revision"] = nullptr;
        if (record) {
            std::optional<qint64> before;
            if (auto list = m_workspace->revisions(); list && !list->empty())
                before = list->front().id;
            auto saved = record();
            if (!saved) {
                // Keep the engine and the workspace telling the same story.
                const Error error = saved.error();
                onEngine([guard, mailbox, context, previous, error](Engine &engine) {
                    if (previous)
                        (void)engine.apply(previous);
                    mailbox->post([guard, context, error] {
                        context->changeInFlight = false;
                        if (guard && !guard->isFinished())
                            replyError(guard, 500, "store_failed",
                                       QStringLiteral("the revision could not be stored, the previous config was "
                                                      "put back: %1")
                                           .arg(error.message));
                    });
                });
                return;
            }
            body["revision"] = revisionInfoJson(*saved);
            if (before) {
                if (auto diff = m_workspace->diff(*before, saved->id))
                    body["changes"] = diffStats(*diff);
            }
        }
        context->changeInFlight = false;
        recordEvent(QStringLiteral("config_applied"),
                    {{"generation", generation},
                     {"revision", body["revision"].is_null() ? json(nullptr) : body["revision"]["id"]}});
        answer(200, body);
    };

    onEngine([mailbox, config, finish](Engine &engine) {
        ConfigSnapshot previous = engine.config();
        Result<void> applied = engine.apply(config);
        const quint64 generation = engine.generation();
        mailbox->post([finish, applied, previous, generation] { finish(applied, previous, generation); });
    });
}

void AdminHandler::revisions(HttpExchange *exchange, const Segments &s)
{
    const qsizetype n = s.size();
    const bool restore = n == 3 && s[2] == QLatin1String("restore");
    const bool diff = n == 4 && s[2] == QLatin1String("diff");
    if (!(n == 1 || n == 2 || restore || diff)) {
        replyError(exchange, 404, "not_found", QStringLiteral("no admin endpoint at this path"));
        return;
    }
    if (!allow(exchange, {restore ? "POST" : "GET"}))
        return;
    Workspace *ws = workspace(exchange);
    if (!ws)
        return;
    if (n == 1) {
        auto list = ws->revisions();
        if (!list) {
            replyError(exchange, 500, list.error().code.toUtf8(), list.error().message);
            return;
        }
        json items = json::array();
        for (const RevisionInfo &info : *list)
            items.push_back(revisionInfoJson(info));
        replyJson(exchange, 200, {{"revisions", std::move(items)}});
        return;
    }
    bool ok = false;
    const qint64 id = s[1].toLongLong(&ok);
    bool okTo = true;
    const qint64 to = diff ? s[3].toLongLong(&okTo) : 0;
    if (!ok || !okTo || id < 1 || (diff && to < 1)) {
        replyError(exchange, 400, "bad_request", QStringLiteral("revision ids are positive integers"));
        return;
    }
    if (restore) {
        restoreRevision(exchange, id);
        return;
    }
    if (diff) {
        auto text = ws->diff(id, to);
        if (!text) {
            replyError(exchange, statusForError(text.error().code), text.error().code.toUtf8(), text.error().message);
            return;
        }
        replyJson(exchange, 200, {{"from", id}, {"to", to}, {"diff", utf8(*text)}, {"stats", diffStats(*text)}});
        return;
    }
    auto revision = ws->revision(id);
    if (!revision) {
        replyError(exchange, statusForError(revision.error().code), revision.error().code.toUtf8(),
                   revision.error().message);
        return;
    }
    replyJson(exchange, 200,
              {{"revision", revisionInfoJson(revision->info)},
               {"config", json::parse(configToJson(revision->config).toStdString())}});
}

void AdminHandler::restoreRevision(HttpExchange *exchange, qint64 id)
{
    auto revision = m_workspace->revision(id);
    if (!revision) {
        replyError(exchange, statusForError(revision.error().code), revision.error().code.toUtf8(),
                   revision.error().message);
        return;
    }
    if (const auto issues = understudy::validateConfig(revision->config); !isValid(issues)) {
        replyError(exchange, 422, "invalid_config",
                   QStringLiteral("revision %1 does not validate with this version; nothing was applied").arg(id),
                   {{"issues", issuesJson(issues)}});
        return;
    }
    if (m_context->changeInFlight.exchange(true)) {
        replyError(exchange, 409, "change_in_progress",
                   QStringLiteral("another config change is being applied; retry"));
        return;
    }
    const QString author = authorOf(exchange);
    auto record = [this, id, author]() { return m_workspace->restore(id, author); };
    changeConfig(exchange, std::make_shared<const Config>(std::move(revision->config)), record,
                 {{"restored_from", id}});
}

} // namespace understudy
