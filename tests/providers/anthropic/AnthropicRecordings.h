#pragma once

// Anthropic Messages API answers as they come over the wire, written from
// the shapes of Anthropic's public streaming and errors documentation
// ("Streaming Messages": basic request, tool use, error events; "Errors").

#include "config/Outcome.h"

#include <QByteArray>

#include <utility>
#include <vector>

namespace recordings {

// A text answer ("Hello!") with a ping in the middle, as in the documented
// basic streaming request. input_tokens 25, output_tokens 15, end_turn.
QByteArray textStream();
// Text, then a get_weather tool_use whose input streams as input_json_delta
// fragments (the first one empty), stop_reason tool_use.
QByteArray toolUseStream();
// A tool without parameters: tool_use start and stop, no input deltas.
QByteArray toolWithoutInputStream();
// Text, then an overloaded_error event; the stream ends there.
QByteArray overloadedMidStream();
// Many pings and SSE comments around the events of textStream().
QByteArray pingHeavyStream();
// textStream() with a content_block_delta whose data is cut JSON in the
// middle; the stream goes on and ends normally.
QByteArray malformedEventStream();
// textStream() cut after the first text delta: no message_delta, no message_stop.
QByteArray cutBeforeMessageDelta();
// textStream() cut after message_delta, before message_stop.
QByteArray cutBeforeMessageStop();
// textStream() cut in the middle of the message_stop event.
QByteArray cutInsideLastEvent();
// Cache usage reported in message_start and cumulative counts in message_delta.
QByteArray cachedUsageStream();

// A content_block_delta and a second message_stop, to append after a whole stream.
QByteArray lateEvents();
// Thinking block events, a signature delta and an event type from a later
// API version, none of which an OpenAI client can be given.
QByteArray thinkingAndUnknownEvents();
// Event data that cannot be read: {row name, data} pairs.
std::vector<std::pair<const char *, QByteArray>> unreadableEventData();

// Non-stream Message bodies.
QByteArray textMessage();
QByteArray toolUseMessage();

// Error bodies.
QByteArray overloadedError();    // 529
QByteArray rateLimitError();     // 429
QByteArray promptTooLongError(); // 400

// Error answers and what the executor must make of their translation.
struct ErrorCase
{
    const char *name;
    int status;
    QByteArray body;
    QByteArray retryAfter; // the retry-after header, or empty
    const char *type;      // expected error.type
    const char *code;      // expected error.code
    const char *message;   // expected error.message (a prefix is enough)
    understudy::OutcomeClass outcome;
    qint64 retryAfterMs; // expected, -1 = none
};
std::vector<ErrorCase> errorCases();

// A 200 Message whose stop_reason is `stopReason` (a JSON literal: "\"end_turn\"" or "null").
QByteArray messageWithStopReason(const QByteArray &stopReasonLiteral);
// A 200 Message with only a tool_use block (no text).
QByteArray toolOnlyMessage();
// Unusable 200 bodies: {row name, body, expected failure class}.
struct BadAnswer
{
    const char *name;
    QByteArray body;
    understudy::OutcomeClass outcome;
};
std::vector<BadAnswer> badAnswers();

} // namespace recordings
