// Request log, events and live streams of the admin API (see AdminHandler.h).
// Live streams are Server-Sent Events: an initial "ready" event once the
// subscription is in place, one event per item, and a comment line every
// heartbeat interval so proxies and clients see an idle stream is alive.
// A client that does not keep up loses events (counted in a comment line)
// rather than growing the gateway's memory.

#include "admin/AdminContext.h"
#include "admin/AdminHandler.h"
#include "admin/AdminJson.h"
#include "admin/AdminObservability.h"
#include "admin/RequestFeed.h"
#include "admin/WorkerMailbox.h"
#include "http/HttpExchange.h"

#include <QTimer>

namespace understudy {

using nlohmann::json;

namespace {

void noObservability(HttpExchange *exchange, const char *what)
{
    replyError(exchange, 503, "unavailable",
               QStringLiteral("%1 is not available: no request log or event log is attached to this gateway")
                   .arg(QLatin1String(what)));
}

} // namespace

void AdminHandler::requests(HttpExchange *exchange, const Segments &s)
{
    if (s.size() > 2) {
        replyError(exchange, 404, "not_found", QStringLiteral("no admin endpoint at this path"));
        return;
    }
    if (!allow(exchange, {"GET"}))
        return;
    if (s.size() == 2 && s[1] == QLatin1String("stream")) {
        openStream(exchange, "requests");
        return;
    }
    AdminObservability *observe = m_context->observability.get();
    if (!observe) {
        noObservability(exchange, "the request log");
        return;
    }
    if (s.size() == 2) {
        observe->requestTrail(s[1], jsonReply(exchange));
        return;
    }
    auto query = requestLogQueryFromUrl(exchange->request().query);
    if (!query) {
        replyError(exchange, 400, query.error().code.toUtf8(), query.error().message);
        return;
    }
    observe->queryRequests(*query, jsonReply(exchange));
}

void AdminHandler::events(HttpExchange *exchange, const Segments &s)
{
    if (s.size() > 2 || (s.size() == 2 && s[1] != QLatin1String("stream"))) {
        replyError(exchange, 404, "not_found", QStringLiteral("no admin endpoint at this path"));
        return;
    }
    if (!allow(exchange, {"GET"}))
        return;
    AdminObservability *observe = m_context->observability.get();
    if (!observe) {
        noObservability(exchange, "the event log");
        return;
    }
    if (s.size() == 2) {
        openStream(exchange, "events");
        return;
    }
    auto query = eventQueryFromUrl(exchange->request().query);
    if (!query) {
        replyError(exchange, 400, query.error().code.toUtf8(), query.error().message);
        return;
    }
    observe->queryEvents(*query, jsonReply(exchange));
}

void AdminHandler::openStream(HttpExchange *exchange, QByteArrayView kind)
{
    exchange->startResponse(
        200, {{"Content-Type", "text/event-stream"}, {"Cache-Control", "no-store"}, {"X-Accel-Buffering", "no"}});
    auto stream = std::make_unique<Stream>();
    stream->exchange = exchange;
    QPointer<HttpExchange> guard(exchange);
    std::shared_ptr<WorkerMailbox> mailbox = m_mailbox;
    // Sinks run on any thread; the mailbox brings the bytes to this one
    // (and drops them once this handler is gone).
    auto deliver = [this, mailbox, guard](QByteArray bytes) {
        mailbox->post([this, guard, bytes = std::move(bytes)] { streamWrite(guard, bytes); });
    };
    if (kind == "requests") {
        std::shared_ptr<RequestFeed> feed = m_context->feed;
        const quint64 id = feed->subscribe([deliver](const QByteArray &line) { deliver(sseEvent("request", line)); });
        stream->unsubscribe = [feed, id] { feed->unsubscribe(id); };
    } else {
        std::shared_ptr<AdminObservability> observe = m_context->observability;
        const quint64 id = observe->subscribeEvents([deliver](const json &event) {
            const std::string kindName = event.is_object() && event.contains("kind") && event["kind"].is_string()
                                             ? event["kind"].get<std::string>()
                                             : std::string("event");
            deliver(sseEvent(QByteArray::fromStdString(kindName), QByteArray::fromStdString(event.dump())));
        });
        stream->unsubscribe = [observe, id] { observe->unsubscribeEvents(id); };
    }
    stream->heartbeat.setInterval(std::max(10, m_context->options.heartbeatMs));
    QObject::connect(&stream->heartbeat, &QTimer::timeout, m_receiver.get(),
                     [this, guard] { streamWrite(guard, QByteArrayLiteral(": heartbeat\n\n")); });
    stream->heartbeat.start();
    QObject::connect(exchange, &HttpExchange::clientGone, m_receiver.get(),
                     [this, exchange] { closeStream(exchange); });
    QObject::connect(exchange, &QObject::destroyed, m_receiver.get(), [this, exchange] { closeStream(exchange); });
    m_streams.emplace(exchange, std::move(stream));
    const QByteArray ready = QByteArrayLiteral("{\"stream\":\"") + kind.toByteArray() + QByteArrayLiteral("\"}");
    exchange->write(sseEvent("ready", ready));
}

void AdminHandler::closeStream(HttpExchange *exchange)
{
    auto found = m_streams.find(exchange);
    if (found == m_streams.end())
        return;
    std::unique_ptr<Stream> stream = std::move(found->second);
    m_streams.erase(found);
    stream->heartbeat.stop();
    if (stream->unsubscribe)
        stream->unsubscribe();
}

void AdminHandler::streamWrite(const QPointer<HttpExchange> &exchange, const QByteArray &bytes)
{
    if (!exchange || exchange->isFinished() || exchange->isClientGone())
        return;
    auto found = m_streams.find(exchange.data());
    if (found == m_streams.end())
        return;
    Stream &stream = *found->second;
    if (exchange->unsentBytes() >= HttpExchange::kHighWaterBytes) {
        ++stream.dropped;
        return;
    }
    if (stream.dropped > 0) {
        exchange->write(QByteArrayLiteral(": dropped ") + QByteArray::number(stream.dropped) +
                        QByteArrayLiteral(" events (client too slow)\n\n"));
        stream.dropped = 0;
    }
    exchange->write(bytes);
}

} // namespace understudy
