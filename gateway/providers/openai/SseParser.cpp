#include "providers/openai/SseParser.h"

#include <utility>

namespace understudy::openai {

namespace {

constexpr char kBom[] = "\xEF\xBB\xBF";

qsizetype nextLineEnd(QByteArrayView bytes, qsizetype from)
{
    for (qsizetype i = from; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (c == '\n' || c == '\r')
            return i;
    }
    return -1;
}

} // namespace

SseParser::SseParser(qsizetype maxEventBytes) : m_maxEventBytes(maxEventBytes > 0 ? maxEventBytes : 1)
{}

std::vector<SseEvent> SseParser::feed(QByteArrayView bytes)
{
    std::vector<SseEvent> out;
    QByteArray probed;
    if (!m_bomChecked) {
        // The BOM may itself arrive split; hold up to 3 bytes until we know.
        m_bomProbe.append(bytes.data(), bytes.size());
        const QByteArrayView bom(kBom, 3);
        if (m_bomProbe.size() < 3 && bom.startsWith(m_bomProbe))
            return out;
        m_bomChecked = true;
        probed = m_bomProbe.startsWith(bom) ? m_bomProbe.mid(3) : m_bomProbe;
        m_bomProbe.clear();
        bytes = probed;
    }

    qsizetype pos = 0;
    if (m_skipLf && !bytes.isEmpty()) {
        if (bytes[0] == '\n')
            pos = 1;
        m_skipLf = false;
    }
    while (pos < bytes.size()) {
        const qsizetype end = nextLineEnd(bytes, pos);
        if (end < 0) {
            const QByteArrayView rest = bytes.sliced(pos);
            if (m_discarding) {
                // Nothing of a discarded event is kept.
            } else if (overLimit(m_line.size() + rest.size())) {
                startDiscarding(out);
                m_inDiscardedLine = true;
            } else {
                m_line.append(rest.data(), rest.size());
            }
            break;
        }
        const QByteArrayView piece = bytes.sliced(pos, end - pos);
        if (m_inDiscardedLine) {
            // The end of the oversized line itself, not a blank line.
            m_inDiscardedLine = false;
        } else if (m_line.isEmpty()) {
            takeLine(piece, out);
        } else {
            m_line.append(piece.data(), piece.size());
            const QByteArray line = std::exchange(m_line, {});
            takeLine(line, out);
        }
        pos = end + 1;
        if (bytes[end] == '\r') {
            if (pos < bytes.size()) {
                if (bytes[pos] == '\n')
                    ++pos;
            } else {
                m_skipLf = true; // the LF of this CRLF may open the next chunk
            }
        }
    }
    return out;
}

bool SseParser::finish()
{
    if (!m_bomChecked && !m_bomProbe.isEmpty()) {
        // Fewer than 3 bytes ever arrived; they are a partial line.
        m_line = std::exchange(m_bomProbe, {});
    }
    const bool partial = !m_line.isEmpty() || m_eventPending || m_discarding;
    m_line.clear();
    resetEvent();
    m_discarding = false;
    m_inDiscardedLine = false;
    m_skipLf = false;
    m_bomChecked = false;
    m_bomProbe.clear();
    return partial;
}

void SseParser::takeLine(QByteArrayView line, std::vector<SseEvent> &out)
{
    if (line.isEmpty()) {
        if (m_discarding) {
            m_discarding = false;
            resetEvent();
            return;
        }
        dispatch(out);
        return;
    }
    if (m_discarding)
        return;
    if (line[0] == ':') {
        ++m_commentCount;
        return;
    }
    const qsizetype colon = line.indexOf(':');
    QByteArrayView field = colon < 0 ? line : line.first(colon);
    QByteArrayView value = colon < 0 ? QByteArrayView() : line.sliced(colon + 1);
    if (value.startsWith(' '))
        value = value.sliced(1);
    m_eventPending = true;

    if (field == "data") {
        if (overLimit(value.size() + 1)) {
            startDiscarding(out);
            return;
        }
        m_data.append(value.data(), value.size());
        m_data.append('\n');
        m_hasData = true;
    } else if (field == "event") {
        m_event = value.toByteArray().left(m_maxEventBytes);
    } else if (field == "id") {
        if (!value.contains('\0'))
            m_lastId = value.toByteArray().left(m_maxEventBytes);
    } else if (field == "retry") {
        // Only ASCII digits count; anything else leaves the old value.
        bool digits = !value.isEmpty() && value.size() < 16;
        for (const char c : value)
            digits = digits && c >= '0' && c <= '9';
        if (digits)
            m_retryMs = value.toByteArray().toLongLong();
    }
    // Other fields are ignored, as the standard says.
}

void SseParser::dispatch(std::vector<SseEvent> &out)
{
    if (m_hasData) {
        m_data.chop(1); // the "\n" after the last data line
        out.push_back(SseEvent{m_event, m_data, m_lastId, false});
    }
    resetEvent();
}

void SseParser::resetEvent()
{
    m_data.clear();
    m_event.clear();
    m_hasData = false;
    m_eventPending = false;
}

bool SseParser::overLimit(qsizetype pendingLineBytes) const
{
    return m_data.size() + pendingLineBytes > m_maxEventBytes;
}

void SseParser::startDiscarding(std::vector<SseEvent> &out)
{
    ++m_oversizedCount;
    SseEvent placeholder;
    placeholder.event = m_event;
    placeholder.id = m_lastId;
    placeholder.oversized = true;
    out.push_back(std::move(placeholder));
    m_line.clear();
    resetEvent();
    m_discarding = true;
}

} // namespace understudy::openai
