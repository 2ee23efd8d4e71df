#pragma once

// Events for the Logs page from an Observability: the in-memory ring
// (EventLog::recent, what happened before the page looked), live events
// (EventLog::subscribe, queued to this object's thread) and older events
// stored in the workspace's request log, read on a LogQueryThread of its
// own (the GUI thread runs no SQL).
//
// setObservability(nullptr) unsubscribes; so does the destructor. The
// Observability must outlive the feed's attachment to it: call
// setObservability() with the new one (or null) before the old one goes.

#include "LogEntry.h"

#include <QList>
#include <QObject>

#include <memory>

namespace understudy {

class LogQueryThread;
class Observability;

class LogEventFeed final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogEventFeed)

public:
    static constexpr int DefaultHistoryLimit = 500;

    explicit LogEventFeed(QObject *parent = nullptr);
    ~LogEventFeed() override;

    // Emits the recent events at once, then live ones as they are posted;
    // starts one read of older stored events when there is a request log.
    void setObservability(Observability *observability);
    Observability *observability() const { return m_observability; }
    void setHistoryLimit(int limit) { m_historyLimit = limit; }

signals:
    // Recent and live events, oldest first.
    void eventsArrived(const QList<understudy::LogEntry> &entries);
    // Events stored before the ones eventsArrived delivered, oldest first.
    void historyLoaded(const QList<understudy::LogEntry> &entries);
    void historyFailed(const QString &message);

private:
    void detach();
    void loadHistory(qint64 beforeMs);

    Observability *m_observability = nullptr;
    int m_subscription = 0;
    // Bumped on every attach/detach: deliveries queued for an older
    // attachment are dropped.
    quint64 m_generation = 0;
    int m_historyLimit = DefaultHistoryLimit;
    std::unique_ptr<LogQueryThread> m_reader;
};

} // namespace understudy
