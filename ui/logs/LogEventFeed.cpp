#include "LogEventFeed.h"

#include "observe/LogQueryThread.h"
#include "observe/Observability.h"

#include <QDateTime>

#include <algorithm>

namespace understudy {

LogEventFeed::LogEventFeed(QObject *parent) : QObject(parent)
{}

LogEventFeed::~LogEventFeed()
{
    detach();
}

void LogEventFeed::detach()
{
    ++m_generation;
    if (m_observability && m_subscription)
        m_observability->events().unsubscribe(m_subscription);
    m_subscription = 0;
    m_observability = nullptr;
    // Waits for a read in flight (one page of events); its answer is
    // queued to this object and dropped by the generation check.
    m_reader.reset();
}

void LogEventFeed::setObservability(Observability *observability)
{
    if (observability == m_observability)
        return;
    detach();
    if (!observability)
        return;
    m_observability = observability;
    const quint64 generation = m_generation;
    // Subscribe before reading the ring: an event posted in between shows
    // up twice at worst, never not at all; the ids tell them apart.
    auto lastRecentId = std::make_shared<qint64>(0);
    m_subscription = observability->events().subscribe(this, [this, generation, lastRecentId](const Event &event) {
        if (generation != m_generation || event.id <= *lastRecentId)
            return;
        emit eventsArrived({entryFromEvent(event)});
    });
    const qint64 attachedAtMs = QDateTime::currentMSecsSinceEpoch();
    const std::vector<Event> recent = observability->events().recent();
    QList<LogEntry> entries;
    entries.reserve(qsizetype(recent.size()));
    for (const Event &event : recent) {
        entries.append(entryFromEvent(event));
        *lastRecentId = std::max(*lastRecentId, event.id);
    }
    if (!entries.isEmpty())
        emit eventsArrived(entries);
    if (observability->hasRequestLog())
        loadHistory(recent.empty() ? attachedAtMs : std::min(attachedAtMs, recent.front().atMs));
}

void LogEventFeed::loadHistory(qint64 beforeMs)
{
    m_reader = std::make_unique<LogQueryThread>(m_observability->requestLogPath());
    LogEventSearch search;
    search.toMs = beforeMs;
    search.limit = m_historyLimit;
    const quint64 generation = m_generation;
    // The callback runs on the reader's thread; the reader is joined before
    // this object goes (detach()), so posting to `this` is safe there.
    m_reader->findEvents(search, [this, generation](Result<LogEventPage> page) {
        QMetaObject::invokeMethod(
            this,
            [this, generation, page = std::move(page)] {
                if (generation != m_generation)
                    return;
                if (!page) {
                    emit historyFailed(page.error().message);
                    return;
                }
                QList<LogEntry> entries;
                entries.reserve(qsizetype(page->events.size()));
                // Newest first from the log; the table wants oldest first.
                for (auto it = page->events.rbegin(); it != page->events.rend(); ++it)
                    entries.append(entryFromEvent(*it));
                emit historyLoaded(entries);
            },
            Qt::QueuedConnection);
    });
}

} // namespace understudy
