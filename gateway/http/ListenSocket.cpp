#include "http/ListenSocket.h"

namespace understudy {

ListenSocket::ListenSocket(std::shared_ptr<const ListenerContext> context, Accept accept, QObject *parent)
    : QTcpServer(parent), m_context(std::move(context)), m_accept(std::move(accept))
{}

void ListenSocket::incomingConnection(qintptr descriptor)
{
    m_accept(descriptor, this);
}

} // namespace understudy
