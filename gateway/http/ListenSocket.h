#pragma once

// A listening socket that hands raw descriptors on instead of creating
// sockets on the accepting thread: the worker that serves the connection
// must own its socket (and, for TLS, do the handshake). This is also why
// QSslServer (Qt 6.4) is not used: it handshakes on the accepting thread.
// Internal to gateway/http.

#include "http/ListenerContext.h"

#include <QTcpServer>

#include <functional>
#include <memory>

namespace understudy {

class ListenSocket final : public QTcpServer
{
    Q_OBJECT
public:
    using Accept = std::function<void(qintptr, ListenSocket *)>;

    ListenSocket(std::shared_ptr<const ListenerContext> context, Accept accept, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ListenSocket)

    const std::shared_ptr<const ListenerContext> &context() const { return m_context; }
    void setContext(std::shared_ptr<const ListenerContext> context) { m_context = std::move(context); }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    std::shared_ptr<const ListenerContext> m_context;
    Accept m_accept;
};

} // namespace understudy
