#include "http/SocketWrite.h"

#include <QTcpSocket>

#include <cerrno>
#include <sys/socket.h>

namespace understudy {

void writeToPlainSocket(QTcpSocket *socket, const QByteArray &bytes)
{
    qsizetype sent = 0;
    // Only when Qt's own buffer is empty, or the bytes would overtake it.
    if (socket->bytesToWrite() == 0 && socket->state() == QAbstractSocket::ConnectedState) {
        const int fd = static_cast<int>(socket->socketDescriptor());
        while (fd >= 0 && sent < bytes.size()) {
            const ssize_t n =
                ::send(fd, bytes.constData() + sent, size_t(bytes.size() - sent), MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n > 0)
                sent += n;
            else if (n < 0 && errno == EINTR)
                continue;
            else
                break; // full (EAGAIN) or failed: Qt buffers the rest and reports errors itself
        }
    }
    if (sent == 0)
        socket->write(bytes);
    else if (sent < bytes.size())
        socket->write(bytes.constData() + sent, bytes.size() - sent);
}

} // namespace understudy
