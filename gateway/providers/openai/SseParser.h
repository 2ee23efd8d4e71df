#pragma once

// Incremental text/event-stream parser following the WHATWG "event stream
// interpretation" rules (HTML §9.2.6): lines end in CRLF, LF or a lone CR,
// a blank line dispatches, ":" lines are comments, "data" lines join with
// "\n", one leading space after the colon is dropped, a leading BOM is
// ignored. Bytes may be split anywhere, even between the CR and LF of one
// line ending.
//
// Memory is bounded: an event (its pending line plus data) larger than
// maxEventBytes is discarded up to its blank line and reported once as an
// `oversized` event in its place, so the caller can count it as malformed
// instead of buffering without end.
//
// Not thread-safe: one parser per stream, used on the stream's thread.

#include <QByteArray>

#include <vector>

namespace understudy::openai {

struct SseEvent
{
    QByteArray event;       // the "event:" field; empty means the default "message"
    QByteArray data;        // "data:" lines joined with "\n"
    QByteArray id;          // the last event id seen so far (sticky, as in EventSource)
    bool oversized = false; // placeholder for a discarded event; data is empty
};

class SseParser final
{
public:
    static constexpr qsizetype kDefaultMaxEventBytes = 1 << 20;

    explicit SseParser(qsizetype maxEventBytes = kDefaultMaxEventBytes);

    std::vector<SseEvent> feed(QByteArrayView bytes);

    // The upstream stream ended. Returns true when a partial event was left
    // (bytes after the last blank line that were not just comments): the
    // stream was cut mid-event. The partial event is discarded, as browsers
    // do. The parser is reset and may be reused.
    bool finish();

    bool hadOversizedEvent() const { return m_oversizedCount > 0; }
    int oversizedCount() const { return m_oversizedCount; }
    // ": ping" style keep-alives seen; they carry no event.
    int commentCount() const { return m_commentCount; }
    // The "retry:" field's latest value in ms, or -1.
    qint64 retryMs() const { return m_retryMs; }

private:
    void takeLine(QByteArrayView line, std::vector<SseEvent> &out);
    void dispatch(std::vector<SseEvent> &out);
    void resetEvent();
    bool overLimit(qsizetype pendingLineBytes) const;
    void startDiscarding(std::vector<SseEvent> &out);

    const qsizetype m_maxEventBytes;
    QByteArray m_line;     // a line whose ending has not arrived yet
    QByteArray m_data;     // data buffer of the event being built
    QByteArray m_event;    // event type buffer
    QByteArray m_lastId;   // last event id buffer
    QByteArray m_bomProbe; // the first bytes, until we know there is no BOM
    bool m_hasData = false;
    bool m_eventPending = false; // a field line arrived since the last dispatch
    bool m_skipLf = false;       // the previous chunk ended in CR
    bool m_bomChecked = false;
    bool m_discarding = false;      // inside an oversized event, until its blank line
    bool m_inDiscardedLine = false; // the oversized line's own ending is still to come
    int m_oversizedCount = 0;
    int m_commentCount = 0;
    qint64 m_retryMs = -1;
};

} // namespace understudy::openai
