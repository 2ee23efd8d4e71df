#pragma once

// State of one streamed llm attempt: decodes the upstream's events, counts
// what matters for the commit point and the end of the stream, and keeps
// the text streamed so far for a mid-stream `continue`.

#include "fallback/LlmWire.h"

namespace understudy {

struct StreamRelay
{
    llm::StreamDecoder decoder;
    bool sawContent = false;
    bool sawFinish = false;
    bool sawDone = false;
    int malformedDropped = 0;
    QString text;  // content of this attempt
    QString model; // as the upstream reports it
    qint64 promptTokens = -1;
    qint64 completionTokens = -1;
    QByteArray pending; // events held before the commit point
};

} // namespace understudy
