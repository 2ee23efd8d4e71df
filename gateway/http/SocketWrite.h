#pragma once

// Puts bytes on a plain (non-TLS) TCP socket straight away when Qt holds
// nothing unsent for it. QAbstractSocket::write() only buffers: the bytes
// leave on the next event-loop pass, after enabling and then disabling the
// socket's write notifier, which costs two dispatcher wake-ups and a poll
// round per write. A direct send() skips all of that for the common case
// of a small answer that fits the kernel buffer. Whatever the kernel does
// not take (or any error) goes through QAbstractSocket::write() as before,
// so ordering, buffering and error reporting stay Qt's.
//
// bytesWritten() is not emitted for bytes sent directly: callers that wait
// for it must check bytesToWrite() themselves after calling this.

#include <QByteArray>

class QTcpSocket;

namespace understudy {

void writeToPlainSocket(QTcpSocket *socket, const QByteArray &bytes);

} // namespace understudy
