#pragma once

// A rewrite of one exchange's response on its way to the wire, installed by
// a handler that speaks another API than the code producing the answer (the
// Anthropic Messages inbound turns the executor's OpenAI bytes into
// Anthropic's). HttpExchange calls it from respond / startResponse / write /
// finish, on the exchange's thread; the producer never knows.
//
// Framing stays the server's: the transform edits the status, the headers
// and the declared length (-1 for chunked, which any transform that changes
// the body's size must choose), and returns the bytes to send in place of
// each body piece. An aborted exchange never reaches finish().

#include "http/HttpRequest.h"

#include <QByteArray>
#include <QByteArrayView>

namespace understudy {

class ResponseTransform
{
public:
    virtual ~ResponseTransform() = default;

    // Before the head is sent; may change all three.
    virtual void head(int &status, HttpHeaders &headers, qint64 &contentLength) = 0;
    // One piece of the producer's body; returns what to send (maybe nothing yet).
    virtual QByteArray body(QByteArrayView bytes) = 0;
    // The producer finished; returns the trailing bytes to send.
    virtual QByteArray finish() = 0;
};

} // namespace understudy
