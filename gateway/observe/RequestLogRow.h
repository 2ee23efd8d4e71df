#pragma once

// A request log row, encoded on the thread that finished the request: the
// trail is hot in that thread's cache, and the writer thread then binds
// bytes and frees one buffer instead of copying and freeing a trail's
// strings. Also the encoders that build it (no per-value allocation).

#include "fallback/AttemptTrail.h"

#include <QStringEncoder>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace understudy::requestlog {

// A growable byte buffer for the row encoders below. Unlike std::string,
// making room writes nothing (no zero fill), and an encoder that made room
// once writes through a plain pointer. Positions are offsets: they stay
// valid when the buffer moves as it grows.
class ByteBuffer final
{
public:
    void clear() { m_size = 0; }
    std::size_t size() const { return m_size; }
    const char *data() const { return m_bytes.get(); }
    // Room for `n` more bytes at the end; the pointer is valid until the
    // next reserve(). Write, then commit() where the writing ended.
    char *reserve(std::size_t n)
    {
        if (m_capacity - m_size < n)
            grow(n);
        return m_bytes.get() + m_size;
    }
    void commit(const char *end) { m_size = std::size_t(end - m_bytes.get()); }
    void truncate(std::size_t size) { m_size = size; }

private:
    void grow(std::size_t n)
    {
        const std::size_t capacity = std::max({m_capacity * 2, m_size + n, std::size_t(4096)});
        std::unique_ptr<char[]> bytes(new char[capacity]); // uninitialised on purpose
        if (m_size > 0)
            std::memcpy(bytes.get(), m_bytes.get(), m_size);
        m_bytes = std::move(bytes);
        m_capacity = capacity;
    }

    std::unique_ptr<char[]> m_bytes;
    std::size_t m_size = 0, m_capacity = 0;
};

// UTF-8 copies of a row's strings in one reused buffer: no allocation per
// row once it has grown. Slots are offsets, so growing the buffer while a
// row is collected does not invalidate them; bind after the last add().
class Utf8Row final
{
public:
    struct Slot
    {
        std::size_t offset = 0, size = 0;
    };

    void clear() { m_bytes.clear(); }
    Slot add(QStringView text)
    {
        const std::size_t at = m_bytes.size();
        const qsizetype n = text.size();
        // UTF-8 takes at most three bytes per UTF-16 unit.
        char *out = m_bytes.reserve(3 * std::size_t(n));
        // ASCII, the usual case (routes, paths, targets), one byte per unit;
        // anything else through the encoder.
        const QChar *units = text.data();
        for (qsizetype i = 0; i < n; ++i) {
            const char16_t unit = units[i].unicode();
            if (unit >= 0x80) {
                m_bytes.commit(m_encoder.appendToBuffer(out, text));
                return {at, m_bytes.size() - at};
            }
            out[i] = char(unit);
        }
        m_bytes.commit(out + n);
        return {at, std::size_t(n)};
    }
    Slot addLatin1(const QByteArray &text)
    {
        for (char c : text) {
            if (static_cast<unsigned char>(c) >= 0x80)
                return add(QString::fromLatin1(text));
        }
        const std::size_t at = m_bytes.size();
        char *out = m_bytes.reserve(std::size_t(text.size()));
        std::memcpy(out, text.constData(), std::size_t(text.size()));
        m_bytes.commit(out + text.size());
        return {at, std::size_t(text.size())};
    }
    // What was appended to bytes() since `offset`, e.g. by a CompactJson.
    Slot since(std::size_t offset) const { return {offset, m_bytes.size() - offset}; }
    ByteBuffer &bytes() { return m_bytes; }

private:
    ByteBuffer m_bytes;
    QStringEncoder m_encoder{QStringEncoder::Utf8, QStringEncoder::Flag::Stateless};
};

// Compact JSON text (no spaces), appended to a ByteBuffer: the
// requests.summary and requests.trail columns (see schema v5) are arrays of
// plain values, written without a JSON library's per-value allocations.
// Each value makes room for its longest form once and is written through a
// pointer.
class CompactJson final
{
public:
    // Starts a new text at the end of `out`.
    void begin(ByteBuffer &out)
    {
        m_out = &out;
        m_first = true;
    }

    // `[`, `]`, and the comma before every value but an array's first.
    void open()
    {
        char *p = start(1);
        *p++ = '[';
        m_out->commit(p);
        m_first = true;
    }
    void close()
    {
        char *p = m_out->reserve(1);
        *p++ = ']';
        m_out->commit(p);
        m_first = false;
    }
    void number(qint64 value)
    {
        char *p = start(20);
        m_out->commit(std::to_chars(p, p + 20, value).ptr);
    }
    // Shortest text that reads back as the same double; whole numbers (a
    // cost of 0, the usual case) take the integer path.
    void number(double value)
    {
        if (!std::isfinite(value)) {
            null();
            return;
        }
        if (std::trunc(value) == value && std::fabs(value) < 1e15) {
            number(qint64(value));
            return;
        }
        char *p = start(32);
        m_out->commit(std::to_chars(p, p + 32, value).ptr);
    }
    void null() { literal("null", 4); }
    // Negative: null (no time to first token, no token count).
    void optional(qint64 value)
    {
        if (value < 0)
            null();
        else
            number(value);
    }
    void optional(const std::optional<qint64> &value)
    {
        if (value)
            number(*value);
        else
            null();
    }
    // A string of [a-z0-9_] only, such as an outcome class name.
    void plain(const std::string &text)
    {
        char *p = start(text.size() + 2);
        *p++ = '"';
        std::memcpy(p, text.data(), text.size());
        p += text.size();
        *p++ = '"';
        m_out->commit(p);
    }
    // A JSON string: UTF-8, with quotes, backslashes and control characters
    // escaped.
    void string(const QString &text)
    {
        const qsizetype n = text.size();
        // The longest form: every unit a control character, `\u00XX`.
        char *p = start(6 * std::size_t(n) + 2);
        *p++ = '"';
        // Printable ASCII without quotes or backslashes, the usual case, is
        // copied one byte per unit; anything else goes the long way below.
        const QChar *units = text.constData();
        qsizetype i = 0;
        for (; i < n; ++i) {
            const char16_t unit = units[i].unicode();
            if (unit < 0x20 || unit >= 0x80 || unit == u'"' || unit == u'\\')
                break;
            p[i] = char(unit);
        }
        if (i < n) {
            p = escaped(p, text);
        } else {
            p += n;
        }
        *p++ = '"';
        m_out->commit(p);
    }

private:
    // Room for the comma and `n` bytes; writes the comma.
    char *start(std::size_t n)
    {
        char *p = m_out->reserve(n + 1);
        if (!m_first)
            *p++ = ',';
        m_first = false;
        return p;
    }
    void literal(const char *text, std::size_t n)
    {
        char *p = start(n);
        std::memcpy(p, text, n);
        m_out->commit(p + n);
    }
    // `text` as UTF-8 with JSON escapes, written at `p` (room for six bytes
    // a unit); returns the end.
    char *escaped(char *p, const QString &text)
    {
        m_utf8.resize(std::size_t(m_encoder.requiredSpace(text.size())));
        const char *end = m_encoder.appendToBuffer(m_utf8.data(), text);
        for (const char *c = m_utf8.data(); c != end; ++c) {
            const auto byte = static_cast<unsigned char>(*c);
            if (byte == '"' || byte == '\\') {
                *p++ = '\\';
                *p++ = char(byte);
            } else if (byte < 0x20) {
                static constexpr char kHex[] = "0123456789abcdef";
                *p++ = '\\';
                *p++ = 'u';
                *p++ = '0';
                *p++ = '0';
                *p++ = kHex[byte >> 4];
                *p++ = kHex[byte & 0xf];
            } else {
                *p++ = char(byte);
            }
        }
        return p;
    }

    ByteBuffer *m_out = nullptr;
    std::string m_utf8;
    bool m_first = true;
    QStringEncoder m_encoder{QStringEncoder::Utf8, QStringEncoder::Flag::Stateless};
};

// One requests row (schema 5's columns but the id): its texts, UTF-8, back
// to back in one buffer.
class EncodedRow final
{
public:
    enum Text { RequestId, Route, Path, ServedBy, Summary, Trail, TextCount };

    std::string_view text(Text which) const
    {
        std::size_t at = 0;
        for (int i = 0; i < which; ++i)
            at += m_lengths[std::size_t(i)];
        return {m_bytes.get() + at, m_lengths[std::size_t(which)]};
    }
    std::size_t byteSize() const { return m_size; }
    qint64 startedAtMs = 0;
    int status = 0;
    OutcomeClass outcome = OutcomeClass::Ok;

private:
    friend EncodedRow encodeRow(const RequestTrail &trail);
    std::unique_ptr<char[]> m_bytes;
    std::size_t m_size = 0;
    std::array<std::uint32_t, TextCount> m_lengths{};
};

EncodedRow encodeRow(const RequestTrail &trail);

// The stored name of an outcome class ([a-z0-9_] only).
const std::string &outcomeText(OutcomeClass outcome);

} // namespace understudy::requestlog
