#include "StoreThread.h"

#include "WorkspaceService.h"

namespace understudy {

StoreThread::StoreThread(QObject *parent) : QObject(parent), m_service(new WorkspaceService)
{
    m_thread.setObjectName(QStringLiteral("understudy-store"));
    m_service->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_service, &QObject::deleteLater);
    m_thread.start();
}

StoreThread::~StoreThread()
{
    m_thread.quit();
    m_thread.wait();
}

} // namespace understudy
