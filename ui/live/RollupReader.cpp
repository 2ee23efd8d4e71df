#include "RollupReader.h"

#include "observe/RequestLogQuery.h"

#include <QCoreApplication>

namespace understudy {

RollupReader::RollupReader(QString workspacePath) : m_path(std::move(workspacePath)), m_context(new QObject)
{
    m_thread.setObjectName(QStringLiteral("understudy-rollups"));
    m_context->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread.start();
}

RollupReader::~RollupReader()
{
    // Close the connection on the thread that opened it, then stop.
    QMetaObject::invokeMethod(
        m_context, [this] { m_query.reset(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void RollupReader::load(qint64 fromMs, qint64 toMs, QObject *receiver, Done done)
{
    QPointer<QObject> target(receiver);
    QMetaObject::invokeMethod(m_context, [this, fromMs, toMs, target, done = std::move(done)] {
        Result<std::vector<MinuteRollup>> result = std::vector<MinuteRollup>{};
        if (!m_query) {
            auto opened = RequestLogQuery::open(m_path);
            if (opened)
                m_query = std::move(*opened);
            else
                result = opened.error();
        }
        if (m_query)
            result = m_query->rollups(fromMs, toMs);
        // Posted to the application object (always alive, on the GUI
        // thread); the receiver may be gone by the time it runs.
        QMetaObject::invokeMethod(QCoreApplication::instance(), [target, done, result = std::move(result)] {
            if (target)
                done(result);
        });
    });
}

} // namespace understudy
