#include "http/HttpServer.h"

#include "http/HttpWorker.h"
#include "http/ListenSocket.h"
#include "http/ListenerContext.h"

#include <QFile>
#include <QHostAddress>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QThread>

#include <set>
#include <unistd.h>

namespace understudy {

namespace {

// Connections accepted only to be answered 503 are capped as well, so a
// flood costs a bounded number of descriptors; beyond it we just close.
constexpr qint64 kMaxRejectingConnections = 512;

QString describe(const Listener &listener)
{
    const QString host = listener.address.contains(QLatin1Char(':'))
                             ? QLatin1Char('[') + listener.address + QLatin1Char(']')
                             : listener.address;
    return QStringLiteral("listener '%1' (%2:%3)").arg(listener.name, host).arg(listener.port);
}

Result<QHostAddress> parseAddress(const QString &text)
{
    if (text.isEmpty() || text == QLatin1String("*"))
        return QHostAddress(QHostAddress::Any);
    if (text.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return QHostAddress(QHostAddress::LocalHost);
    QHostAddress address;
    if (!address.setAddress(text))
        return Error{QStringLiteral("invalid_listener"), QStringLiteral("'%1' is not an IP address").arg(text)};
    return address;
}

Result<std::shared_ptr<const ListenerContext>> buildContext(const Listener &listener)
{
    auto context = std::make_shared<ListenerContext>();
    context->name = listener.name;
    context->tls = listener.tls;
    if (!listener.tls)
        return std::shared_ptr<const ListenerContext>(std::move(context));

    const QString where = describe(listener);
    if (!QSslSocket::supportsSsl())
        return Error{QStringLiteral("tls_config"), where + QStringLiteral(": TLS is not available (no TLS backend)")};
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(listener.certFile, QSsl::Pem);
    if (chain.isEmpty())
        return Error{QStringLiteral("tls_config"),
                     where + QStringLiteral(": no PEM certificate in '%1'").arg(listener.certFile)};
    QFile keyFile(listener.keyFile);
    if (!keyFile.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("tls_config"),
                     where + QStringLiteral(": cannot read key '%1': %2").arg(listener.keyFile, keyFile.errorString())};
    const QByteArray keyPem = keyFile.readAll();
    QSslKey key;
    for (QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
        key = QSslKey(keyPem, algorithm, QSsl::Pem);
        if (!key.isNull())
            break;
    }
    if (key.isNull())
        return Error{QStringLiteral("tls_config"),
                     where + QStringLiteral(": '%1' is not an unencrypted PEM private key").arg(listener.keyFile)};
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.setLocalCertificateChain(chain);
    ssl.setPrivateKey(key);
    ssl.setPeerVerifyMode(QSslSocket::VerifyNone); // clients are not asked for certificates
    context->ssl = ssl;
    return std::shared_ptr<const ListenerContext>(std::move(context));
}

bool sameBinding(const Listener &a, const Listener &b)
{
    return a.address == b.address && a.port == b.port && a.tls == b.tls;
}

} // namespace

HttpServer::HttpServer(ServerLimits limits, HandlerFactory factory, QObject *parent)
    : QObject(parent), m_limits(limits), m_counters(std::make_shared<ServerCounters>())
{
    const int count = limits.workers > 0 ? limits.workers : std::max(1, QThread::idealThreadCount());
    // Worker threads get Qt's poll-based dispatcher rather than the GLib
    // one: GLib writes its wake-up eventfd on every posted event, which
    // strace showed as three extra write() calls per proxied request. A new
    // thread picks its dispatcher from this variable when it starts, so the
    // console's GUI thread keeps GLib. An operator's own setting wins.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    for (int i = 0; i < count; ++i) {
        auto *thread = new QThread;
        thread->setObjectName(QStringLiteral("http-worker-%1").arg(i));
        auto *worker = new HttpWorker(factory, m_counters, limits);
        worker->moveToThread(thread);
        // Runs on the worker thread after its loop ends, so connections
        // and the handler are destroyed on the thread that made them.
        connect(thread, &QThread::finished, worker, &QObject::deleteLater);
        connect(worker, &HttpWorker::drainedIdle, this, [this, worker] { onWorkerIdle(worker); });
        thread->start();
        QMetaObject::invokeMethod(worker, &HttpWorker::start, Qt::QueuedConnection);
        m_threads.push_back(thread);
        m_workers.push_back(worker);
    }
    m_drainDeadline.setSingleShot(true);
    connect(&m_drainDeadline, &QTimer::timeout, this, &HttpServer::finishDrain);
}

HttpServer::~HttpServer()
{
    for (auto &[name, entry] : m_listeners)
        closeListener(entry);
    m_listeners.clear();
    for (QThread *thread : m_threads) {
        thread->quit();
        thread->wait();
        delete thread;
    }
}

Result<void> HttpServer::listen(const std::vector<Listener> &listeners)
{
    return updateListeners(listeners);
}

Result<ListenSocket *> HttpServer::open(const Listener &listener)
{
    const QString where = describe(listener);
    auto address = parseAddress(listener.address);
    if (!address)
        return Error{address.error().code, where + QStringLiteral(": ") + address.error().message};
    if (listener.port < 0 || listener.port > 65535)
        return Error{QStringLiteral("invalid_listener"), where + QStringLiteral(": port out of range")};
    auto context = buildContext(listener);
    if (!context)
        return context.error();
    auto *socket = new ListenSocket(
        *context, [this](qintptr descriptor, ListenSocket *from) { onIncoming(descriptor, from); }, this);
    socket->setListenBacklogSize(1024); // bursts of clients must not wait for SYN retries
    if (!socket->listen(*address, static_cast<quint16>(listener.port))) {
        const QString reason = socket->errorString();
        delete socket;
        return Error{QStringLiteral("bind_failed"), QStringLiteral("cannot listen on %1: %2").arg(where, reason)};
    }
    return socket;
}

void HttpServer::closeListener(Open &entry)
{
    if (entry.socket) {
        entry.socket->close();
        entry.socket->deleteLater();
        entry.socket = nullptr;
    }
}

Result<void> HttpServer::updateListeners(const std::vector<Listener> &listeners)
{
    if (m_draining)
        return Result<void>::failure(QStringLiteral("draining"), QStringLiteral("the server is shutting down"));
    std::map<QString, const Listener *> wanted;
    for (const Listener &listener : listeners) {
        if (listener.name.isEmpty() || !wanted.emplace(listener.name, &listener).second)
            return Result<void>::failure(
                QStringLiteral("invalid_listener"),
                QStringLiteral("listener names must be unique and not empty ('%1')").arg(listener.name));
    }

    // Kept listeners whose certificate or key changed get a new context;
    // build them all first so a bad file changes nothing.
    std::vector<std::pair<ListenSocket *, std::shared_ptr<const ListenerContext>>> newContexts;
    std::vector<QString> toClose;
    for (auto &[name, entry] : m_listeners) {
        const auto it = wanted.find(name);
        if (it == wanted.end() || !sameBinding(entry.config, *it->second)) {
            toClose.push_back(name);
        } else if (entry.config != *it->second) {
            auto context = buildContext(*it->second);
            if (!context)
                return context.error();
            newContexts.emplace_back(entry.socket, *context);
        }
    }
    std::vector<const Listener *> toOpen;
    for (const auto &[name, listener] : wanted) {
        const auto it = m_listeners.find(name);
        if (it == m_listeners.end() || !sameBinding(it->second.config, *listener))
            toOpen.push_back(listener);
    }
    // A listener moving to an address:port still held by one being
    // replaced can only open after that one closes.
    const auto blocked = [&](const Listener &listener) {
        return listener.port != 0 && std::any_of(toClose.begin(), toClose.end(), [&](const QString &name) {
                   const Listener &old = m_listeners.at(name).config;
                   return old.address == listener.address && old.port == listener.port;
               });
    };

    std::vector<std::pair<const Listener *, ListenSocket *>> opened;
    std::vector<const Listener *> deferred;
    for (const Listener *listener : toOpen) {
        if (blocked(*listener)) {
            deferred.push_back(listener);
            continue;
        }
        auto socket = open(*listener);
        if (!socket) {
            for (auto &[config, done] : opened)
                delete done;
            return socket.error();
        }
        opened.emplace_back(listener, *socket);
    }

    for (auto &[socket, context] : newContexts)
        socket->setContext(context);
    for (auto &[name, entry] : m_listeners) {
        const auto it = wanted.find(name);
        if (it != wanted.end())
            entry.config = *it->second;
    }
    for (const QString &name : toClose) {
        closeListener(m_listeners.at(name));
        m_listeners.erase(name);
    }
    for (auto &[listener, socket] : opened)
        m_listeners[listener->name] = Open{*listener, socket};
    for (const Listener *listener : deferred) {
        auto socket = open(*listener);
        if (!socket)
            return socket.error(); // the replaced listener is already closed
        m_listeners[listener->name] = Open{*listener, *socket};
    }
    return {};
}

quint16 HttpServer::serverPort(const QString &listenerName) const
{
    const auto it = m_listeners.find(listenerName);
    return it == m_listeners.end() || !it->second.socket ? 0 : it->second.socket->serverPort();
}

void HttpServer::setLimits(const ServerLimits &limits)
{
    m_limits = limits;
    for (HttpWorker *worker : m_workers)
        QMetaObject::invokeMethod(
            worker, [worker, limits] { worker->setLimits(limits); }, Qt::QueuedConnection);
}

HttpServer::Stats HttpServer::stats() const
{
    return m_counters->snapshot();
}

void HttpServer::onIncoming(qintptr descriptor, ListenSocket *socket)
{
    if (m_draining || m_workers.empty()) {
        ::close(static_cast<int>(descriptor));
        return;
    }
    const bool overloaded = m_counters->openConnections.load(std::memory_order_relaxed) >= m_limits.maxConnections;
    if (overloaded) {
        if (m_counters->rejectingConnections.load(std::memory_order_relaxed) >= kMaxRejectingConnections) {
            m_counters->noteRejected(503);
            ::close(static_cast<int>(descriptor));
            return;
        }
        m_counters->rejectingConnections.fetch_add(1, std::memory_order_relaxed);
    } else {
        m_counters->openConnections.fetch_add(1, std::memory_order_relaxed);
    }
    HttpWorker *worker = m_workers[m_nextWorker++ % m_workers.size()];
    QMetaObject::invokeMethod(
        worker,
        [worker, descriptor, context = socket->context(), overloaded] {
            worker->accept(descriptor, context, overloaded);
        },
        Qt::QueuedConnection);
}

void HttpServer::drain(int timeoutMs)
{
    if (m_draining)
        return;
    m_draining = true;
    for (auto &[name, entry] : m_listeners)
        closeListener(entry);
    m_listeners.clear();
    m_idleWorkers.clear();
    for (HttpWorker *worker : m_workers)
        QMetaObject::invokeMethod(
            worker, [worker] { worker->startDrain(); }, Qt::QueuedConnection);
    m_drainDeadline.start(std::max(0, timeoutMs));
}

void HttpServer::onWorkerIdle(HttpWorker *worker)
{
    if (!m_draining || m_drainFinished)
        return;
    m_idleWorkers.insert(worker);
    if (m_idleWorkers.size() == m_workers.size())
        finishDrain();
}

void HttpServer::finishDrain()
{
    if (!m_draining || m_drainFinished)
        return;
    m_drainFinished = true;
    m_drainDeadline.stop();
    // Blocking is safe: workers never wait on this thread.
    for (HttpWorker *worker : m_workers)
        QMetaObject::invokeMethod(
            worker, [worker] { worker->closeAll(); }, Qt::BlockingQueuedConnection);
    Q_EMIT drained();
}

} // namespace understudy
