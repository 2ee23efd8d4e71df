#pragma once

// The process's own Qt log (qCInfo/qCWarning of understudy.* and Qt's
// categories) for the Logs page. install() puts a message handler in front
// of the one that was there and keeps calling it, so stderr (or the
// headless JSON-lines log) keeps working; uninstall() puts it back.
//
// Threads: the handler runs on whatever thread logs. It copies the line
// into a bounded ring (what a page opened later shows) and a pending queue
// under one mutex held for a push_back. A timer on the buffer's thread
// (every batchIntervalMs, 100 ms by default) hands the pending lines over
// in ONE linesAppended signal, never one signal per line.
//
// One buffer is installed at a time. Uninstall in the reverse order of
// installing other handlers: if something installed a handler after this
// one, uninstall() leaves that one in place and this handler keeps
// forwarding to the previous one (it captures nothing more).

#include "LogEntry.h"

#include <QList>
#include <QObject>
#include <QTimer>

#include <deque>
#include <mutex>
#include <vector>

namespace understudy {

class AppLogBuffer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppLogBuffer)

public:
    static constexpr int DefaultCapacity = 5000;

    explicit AppLogBuffer(int capacity = DefaultCapacity, QObject *parent = nullptr);
    // Uninstalls first.
    ~AppLogBuffer() override;

    // False (and nothing changes) when another buffer is installed.
    bool install();
    void uninstall();
    bool isInstalled() const;
    // The installed buffer, or null.
    static AppLogBuffer *installed();

    // Any thread; the handler calls it, tests may too.
    void append(QtMsgType type, const char *category, const QString &message);

    // The ring, oldest first (at most capacity() lines). `lastSequence`
    // gets the sequence number of the last line returned (lines are
    // numbered from 1 in the order they were appended; 0: none yet), so a
    // reader that takes the ring and then listens skips what it has.
    std::vector<LogEntry> lines(qint64 *lastSequence = nullptr) const;
    int capacity() const { return m_capacity; }
    // Lines that fell out of the pending queue before delivery (a burst
    // larger than the capacity within one interval).
    qint64 droppedCount() const;

    void setBatchIntervalMs(int ms);
    // Delivers what is pending now; returns how many lines. The timer
    // calls it; tests may too.
    int deliverPending();

signals:
    // `firstSequence` is the sequence number of lines.first().
    void linesAppended(const QList<understudy::LogEntry> &lines, qint64 firstSequence);

private:
    const int m_capacity;
    mutable std::mutex m_mutex; // guards the four below
    std::deque<LogEntry> m_ring;
    std::deque<LogEntry> m_pending;
    qint64 m_appended = 0; // sequence number of the newest line
    qint64 m_dropped = 0;
    QTimer m_timer;
};

} // namespace understudy
