#pragma once

// Posts work back to one admin worker thread from any thread (the engine's
// thread, a log store thread, an event sink). Internal to gateway/admin.
//
// Locking: a mutex guards the receiver pointer; post() queues under it and
// close() clears it under it, so nothing is queued to a receiver that is
// being destroyed, and Qt drops events already queued to it when it goes.

#include <QObject>

#include <functional>
#include <mutex>

namespace understudy {

class WorkerMailbox final
{
public:
    // `receiver` lives on the worker thread and outlives every post() that
    // happens before close().
    explicit WorkerMailbox(QObject *receiver) : m_receiver(receiver) {}
    Q_DISABLE_COPY_MOVE(WorkerMailbox)

    // Runs `work` on the receiver's thread, later; dropped after close().
    void post(std::function<void()> work)
    {
        std::lock_guard lock(m_mutex);
        if (m_receiver)
            QMetaObject::invokeMethod(m_receiver, std::move(work), Qt::QueuedConnection);
    }

    void close()
    {
        std::lock_guard lock(m_mutex);
        m_receiver = nullptr;
    }

private:
    std::mutex m_mutex;
    QObject *m_receiver;
};

} // namespace understudy
