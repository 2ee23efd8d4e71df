#include "observe/EventLog.h"

#include <QDateTime>
#include <QMetaObject>

#include <algorithm>

namespace understudy {

EventLog::EventLog() : EventLog(Options{})
{}

EventLog::EventLog(Options options) : m_options(std::move(options))
{
    m_options.recentCapacity = std::max(m_options.recentCapacity, 1);
}

void EventLog::setStorage(Callback storage)
{
    std::lock_guard lock(m_mutex);
    m_storage = std::move(storage);
}

Event EventLog::post(const QString &kind, const QString &subject, const QJsonObject &detail)
{
    Event event;
    event.kind = kind;
    event.subject = subject;
    event.detail = detail;
    Callback storage;
    std::vector<Subscriber> subscribers;
    {
        std::lock_guard lock(m_mutex);
        event.id = m_nextEventId++;
        event.atMs = m_options.nowMs ? m_options.nowMs() : QDateTime::currentMSecsSinceEpoch();
        m_recent.push_back(event);
        while (qsizetype(m_recent.size()) > m_options.recentCapacity)
            m_recent.pop_front();
        storage = m_storage;
        // Forget subscribers whose context is gone.
        std::erase_if(m_subscribers, [](const Subscriber &s) { return s.queued && s.context.isNull(); });
        subscribers = m_subscribers;
    }
    if (storage)
        storage(event);
    for (const Subscriber &s : subscribers) {
        if (!s.queued) {
            s.callback(event);
            continue;
        }
        if (QObject *context = s.context.data()) {
            // The functor runs on context's thread; if the context dies
            // first, Qt discards the call with it.
            QMetaObject::invokeMethod(
                context, [callback = s.callback, event] { callback(event); }, Qt::QueuedConnection);
        }
    }
    return event;
}

std::vector<Event> EventLog::recent(qint64 sinceMs, const QString &kind) const
{
    std::lock_guard lock(m_mutex);
    std::vector<Event> out;
    for (const Event &e : m_recent)
        if (e.atMs >= sinceMs && (kind.isEmpty() || e.kind == kind))
            out.push_back(e);
    return out;
}

int EventLog::subscribe(QObject *context, Callback callback)
{
    std::lock_guard lock(m_mutex);
    const int id = m_nextSubscriberId++;
    m_subscribers.push_back(Subscriber{id, true, QPointer<QObject>(context), std::move(callback)});
    return id;
}

int EventLog::subscribeDirect(Callback callback)
{
    std::lock_guard lock(m_mutex);
    const int id = m_nextSubscriberId++;
    m_subscribers.push_back(Subscriber{id, false, {}, std::move(callback)});
    return id;
}

void EventLog::unsubscribe(int id)
{
    std::lock_guard lock(m_mutex);
    std::erase_if(m_subscribers, [id](const Subscriber &s) { return s.id == id; });
}

} // namespace understudy
