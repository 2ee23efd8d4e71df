#pragma once

// The event log of SPEC §6: post() from any thread; events keep an
// in-memory ring of the most recent ones (for a console that just opened),
// go to storage (RequestLogWriter::submitEvent, which writes them with the
// next batch) and are streamed to subscribers. Subscribers get events
// either on a QObject's thread (queued, for the GUI or an SSE handler) or
// directly on the posting thread (which must then be quick and
// thread-safe). Nothing here depends on SSE; the admin API's stream is just
// another subscriber.
//
// Locking: one mutex guards the ring and the subscriber list; callbacks run
// outside it, so a subscriber may post or unsubscribe.

#include "observe/Event.h"

#include <QObject>
#include <QPointer>

#include <deque>
#include <functional>
#include <mutex>
#include <vector>

namespace understudy {

class EventLog final
{
public:
    using Callback = std::function<void(const Event &)>;
    struct Options
    {
        int recentCapacity = 1000;
        std::function<qint64()> nowMs; // wall clock; default: the system clock
    };

    explicit EventLog(Options options);
    EventLog();
    Q_DISABLE_COPY_MOVE(EventLog)

    // Where events are stored; set once at start, before any post().
    void setStorage(Callback storage);

    // Any thread. Returns the event as posted (with its id and time).
    Event post(const QString &kind, const QString &subject, const QJsonObject &detail = {});

    // Newest last; `kind` empty means every kind.
    std::vector<Event> recent(qint64 sinceMs = 0, const QString &kind = {}) const;

    // Delivered on `context`'s thread through its event loop, until
    // unsubscribe() or the context's destruction. Unsubscribe before
    // destroying `context` on another thread than the posters'.
    int subscribe(QObject *context, Callback callback);
    // Called on the posting thread.
    int subscribeDirect(Callback callback);
    void unsubscribe(int id);

private:
    struct Subscriber
    {
        int id = 0;
        bool queued = false;
        QPointer<QObject> context;
        Callback callback;
    };

    Options m_options;
    mutable std::mutex m_mutex;
    Callback m_storage;
    std::deque<Event> m_recent;
    std::vector<Subscriber> m_subscribers;
    qint64 m_nextEventId = 1;
    int m_nextSubscriberId = 1;
};

} // namespace understudy
