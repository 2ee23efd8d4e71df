#pragma once

// Answers admin API requests on the admin worker thread: authentication,
// routing, and one method per endpoint (docs/admin-openapi.yaml). Internal
// to gateway/admin; AdminServer makes the one instance.
//
// Engine calls hop to the engine's thread and their answers hop back
// through the mailbox; workspace calls run here, on this thread, which owns
// the connection. Endpoint groups live in separate files:
// AdminHandler.cpp (routing, health, breakers, chaos, metrics),
// AdminConfigEndpoints.cpp (config, revisions), AdminLogEndpoints.cpp
// (request log, events, live streams).

#include "config/Config.h"
#include "core/Result.h"
#include "http/RequestHandler.h"

#include <QByteArray>
#include <QPointer>
#include <QStringList>
#include <QTimer>

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <memory>
#include <optional>

namespace understudy {

class Engine;
class HttpExchange;
class Workspace;
class WorkerMailbox;
struct AdminContext;
struct RevisionInfo;

class AdminHandler final : public RequestHandler
{
public:
    explicit AdminHandler(std::shared_ptr<AdminContext> context);
    ~AdminHandler() override;
    Q_DISABLE_COPY_MOVE(AdminHandler)

    void handle(HttpExchange *exchange) override;

private:
    // One open live stream (SSE) on this worker.
    struct Stream
    {
        QPointer<HttpExchange> exchange;
        QTimer heartbeat;
        std::function<void()> unsubscribe;
        qint64 dropped = 0;
    };
    using Segments = QStringList;

    // Routing (AdminHandler.cpp).
    void route(HttpExchange *exchange, const Segments &segments);
    bool allow(HttpExchange *exchange, std::initializer_list<const char *> methods);
    void health(HttpExchange *exchange);
    void breakers(HttpExchange *exchange, const Segments &segments);
    void chaos(HttpExchange *exchange, const Segments &segments);
    void metrics(HttpExchange *exchange, bool prometheus);

    // Config and revisions (AdminConfigEndpoints.cpp).
    void getConfig(HttpExchange *exchange);
    void validateConfig(HttpExchange *exchange);
    void applyConfig(HttpExchange *exchange);
    void revisions(HttpExchange *exchange, const Segments &segments);
    void restoreRevision(HttpExchange *exchange, qint64 id);
    std::optional<Config> configFromBody(HttpExchange *exchange);
    Workspace *workspace(HttpExchange *exchange);
    // Applies `config` on the engine thread; on success `record` runs here
    // and may store a revision; if it fails the engine goes back to the
    // config it ran before. Answers the exchange either way.
    void changeConfig(HttpExchange *exchange, ConfigSnapshot config, std::function<Result<RevisionInfo>()> record,
                      nlohmann::json extra);

    // Request log, events, streams (AdminLogEndpoints.cpp).
    void requests(HttpExchange *exchange, const Segments &segments);
    void events(HttpExchange *exchange, const Segments &segments);
    void openStream(HttpExchange *exchange, QByteArrayView kind);
    void closeStream(HttpExchange *exchange);
    void streamWrite(const QPointer<HttpExchange> &exchange, const QByteArray &bytes);

    // Runs `work` on the engine's thread.
    void onEngine(std::function<void(Engine &)> work);
    // Answers with a JSON result that arrives on any thread.
    std::function<void(Result<nlohmann::json>)> jsonReply(HttpExchange *exchange);
    void recordEvent(const QString &kind, const nlohmann::json &fields);

    std::shared_ptr<AdminContext> m_context;
    std::unique_ptr<QObject> m_receiver; // this thread's target for mailbox posts
    std::shared_ptr<WorkerMailbox> m_mailbox;
    std::unique_ptr<Workspace> m_workspace;
    bool m_workspaceTried = false;
    std::map<HttpExchange *, std::unique_ptr<Stream>> m_streams;
};

// Answers used by every endpoint file.
void replyJson(HttpExchange *exchange, int status, const nlohmann::json &body);
void replyError(HttpExchange *exchange, int status, QByteArrayView code, const QString &message,
                const nlohmann::json &details = nullptr);
// HTTP status for an engine/store error code.
int statusForError(const QString &code);

} // namespace understudy
