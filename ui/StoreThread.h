#pragma once

#include <QObject>
#include <QThread>

namespace understudy {

class WorkspaceService;

// Owns the store thread and the WorkspaceService living on it. The thread
// is quit and joined on destruction; the service (and with it the SQLite
// connection) is deleted on its own thread as the thread finishes.
class StoreThread final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoreThread)

public:
    explicit StoreThread(QObject *parent = nullptr);
    ~StoreThread() override;

    // Connect to its signals from any thread; call it only via
    // QMetaObject::invokeMethod(service(), ...), never directly.
    WorkspaceService *service() const { return m_service; }

private:
    QThread m_thread;
    WorkspaceService *m_service = nullptr;
};

} // namespace understudy
