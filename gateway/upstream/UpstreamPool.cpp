#include "upstream/UpstreamPool.h"

#include "upstream/UpstreamConnection.h"

#include <QAbstractEventDispatcher>
#include <QFile>
#include <QTcpSocket>

#include <algorithm>

namespace understudy {

UpstreamPool::UpstreamPool(QObject *parent) : QObject(parent)
{}

UpstreamPool::~UpstreamPool()
{
    // Calls still running are cancelled; they must not touch the pool again.
    const std::vector<UpstreamCall *> calls = std::exchange(m_calls, {});
    for (UpstreamCall *call : calls)
        call->detachFromPool();
    for (auto &[connection, origin] : m_owner)
        connection->abort();
}

UpstreamCall *UpstreamPool::send(UpstreamRequest request, QObject *parent)
{
    auto *call = new UpstreamCall(std::move(request), this, parent);
    m_calls.push_back(call);
    // Saves an event-loop round trip per call on a warm pool.
    if (!call->beginOnIdleConnection())
        QMetaObject::invokeMethod(call, &UpstreamCall::begin, Qt::QueuedConnection);
    return call;
}

UpstreamPool::Stats UpstreamPool::stats() const
{
    Stats stats;
    for (const auto &[key, origin] : m_origins) {
        stats.open += origin->busy + int(origin->idle.size());
        stats.idle += int(origin->idle.size());
        stats.queued += int(origin->waiting.size());
    }
    stats.created = m_created;
    stats.reused = m_reused;
    return stats;
}

void UpstreamPool::closeIdle()
{
    for (auto &[key, origin] : m_origins) {
        const std::vector<UpstreamConnection *> idle = std::exchange(origin->idle, {});
        for (UpstreamConnection *connection : idle)
            discard(connection);
    }
}

UpstreamPool::Origin &UpstreamPool::originFor(const UpstreamRequest &request)
{
    std::unique_ptr<Origin> &slot = m_origins[originKey(request)];
    if (!slot) {
        slot = std::make_unique<Origin>();
        const QUrl &url = request.url;
        slot->target.setScheme(url.scheme());
        slot->target.setHost(url.host());
        slot->target.setPort(url.port(url.scheme() == QLatin1String("https") ? 443 : 80));
        const QString caFile = request.origin.tls.caFile;
        if (!caFile.isEmpty()) {
            // Read once per origin, not per connection.
            QFile file(caFile);
            if (file.open(QIODevice::ReadOnly))
                slot->extraCas = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
            if (slot->extraCas.isEmpty())
                slot->caError = QStringLiteral("cannot read a PEM certificate from CA file %1").arg(caFile);
        }
    }
    slot->options = request.origin;
    return *slot;
}

void UpstreamPool::acquire(UpstreamCall *call)
{
    Origin &origin = originFor(call->request());
    if (!origin.caError.isEmpty()) {
        call->fail(OutcomeClass::ConnectError, origin.caError);
        return;
    }
    if (UpstreamConnection *connection = takeIdle(origin)) {
        call->attach(connection, true);
        return;
    }
    if (origin.busy < std::max(1, origin.options.maxConnections)) {
        openFor(origin, call);
        return;
    }
    origin.waiting.push_back(call);
    call->markQueued();
}

UpstreamConnection *UpstreamPool::takeIdle(const UpstreamRequest &request)
{
    Origin &origin = originFor(request);
    return origin.caError.isEmpty() ? takeIdle(origin) : nullptr;
}

UpstreamConnection *UpstreamPool::takeIdle(Origin &origin)
{
    while (!origin.idle.empty()) {
        UpstreamConnection *connection = origin.idle.back();
        origin.idle.pop_back();
        // Unsolicited bytes on an idle connection mean it is out of sync.
        if (!connection->isOpen() || connection->socket()->bytesAvailable() > 0) {
            discard(connection);
            continue;
        }
        ++origin.busy;
        ++m_reused;
        connection->markBusy();
        return connection;
    }
    return nullptr;
}

void UpstreamPool::openFor(Origin &origin, UpstreamCall *call)
{
    auto *connection = new UpstreamConnection(origin.target, origin.options, origin.extraCas, this);
    m_owner.emplace(connection, &origin);
    connect(connection, &UpstreamConnection::idleExpired, this, [this, connection] { discard(connection); });
    ++origin.busy;
    ++m_created;
    call->attach(connection, false);
}

void UpstreamPool::release(UpstreamConnection *connection, bool reusable)
{
    const auto owner = m_owner.find(connection);
    Q_ASSERT(owner != m_owner.end());
    if (owner == m_owner.end())
        return;
    Origin &origin = *owner->second;
    --origin.busy;
    if (reusable && connection->isOpen()) {
        if (!origin.waiting.empty()) {
            UpstreamCall *call = origin.waiting.front();
            origin.waiting.pop_front();
            ++origin.busy;
            ++m_reused;
            call->attach(connection, true);
            return;
        }
        if (int(origin.idle.size()) < origin.options.maxIdle) {
            origin.idle.push_back(connection);
            connection->markIdle(origin.options.idleTimeoutMs);
            return;
        }
    }
    discard(connection);
    serveWaiting(origin);
}

void UpstreamPool::serveWaiting(Origin &origin)
{
    while (!origin.waiting.empty() && origin.busy < std::max(1, origin.options.maxConnections)) {
        UpstreamCall *call = origin.waiting.front();
        origin.waiting.pop_front();
        openFor(origin, call);
    }
}

void UpstreamPool::forget(UpstreamCall *call)
{
    std::erase(m_calls, call);
    for (auto &[key, origin] : m_origins)
        std::erase(origin->waiting, call);
}

void UpstreamPool::queueFlush(UpstreamConnection *connection)
{
    if (!m_flushHooked) {
        QAbstractEventDispatcher *dispatcher = QAbstractEventDispatcher::instance(thread());
        if (!dispatcher) {
            connection->flushPending(); // no event loop to wait for
            return;
        }
        m_flushHooked = true;
        // Both: the GLib dispatcher signals aboutToBlock before it may wait,
        // the UNIX one awake after; either ends a pass.
        connect(dispatcher, &QAbstractEventDispatcher::aboutToBlock, this, &UpstreamPool::flushWrites);
        connect(dispatcher, &QAbstractEventDispatcher::awake, this, &UpstreamPool::flushWrites);
    }
    m_toFlush.push_back(connection);
}

void UpstreamPool::flushWrites()
{
    // Sending emits nothing (errors surface from the event loop), so the
    // list cannot change underneath.
    for (UpstreamConnection *connection : std::exchange(m_toFlush, {}))
        connection->flushPending();
}

void UpstreamPool::discard(UpstreamConnection *connection)
{
    std::erase(m_toFlush, connection);
    const auto owner = m_owner.find(connection);
    if (owner != m_owner.end()) {
        std::erase(owner->second->idle, connection);
        m_owner.erase(owner);
    }
    connection->disconnect(this);
    connection->abort();
    // Deferred: we may be inside one of its socket's signal handlers.
    connection->deleteLater();
}

} // namespace understudy
