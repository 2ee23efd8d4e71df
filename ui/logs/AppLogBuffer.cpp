#include "AppLogBuffer.h"

#include <QDateTime>

#include <algorithm>

namespace understudy {

namespace {

// Guards the globals below. The handler holds it while it appends, so
// uninstall() (which takes it too) cannot return while a line is still
// being copied into a buffer about to be destroyed.
std::mutex g_handlerMutex;
AppLogBuffer *g_active = nullptr;
QtMessageHandler g_previous = nullptr;
// handleMessage is still in Qt's chain, below a handler installed after it.
bool g_stillChained = false;
QtMessageHandler g_onTop = nullptr; // the handler above it then

void handleMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    QtMessageHandler previous = nullptr;
    {
        std::lock_guard lock(g_handlerMutex);
        if (g_active)
            g_active->append(type, context.category, message);
        previous = g_previous;
    }
    // Outside the lock: the previous handler may log, or abort on fatal.
    if (previous)
        previous(type, context, message);
}

} // namespace

AppLogBuffer::AppLogBuffer(int capacity, QObject *parent) : QObject(parent), m_capacity(std::max(1, capacity))
{
    m_timer.setInterval(100);
    connect(&m_timer, &QTimer::timeout, this, [this] { deliverPending(); });
    m_timer.start();
}

AppLogBuffer::~AppLogBuffer()
{
    uninstall();
}

bool AppLogBuffer::install()
{
    std::lock_guard lock(g_handlerMutex);
    if (g_active)
        return g_active == this;
    const QtMessageHandler previous = qInstallMessageHandler(handleMessage);
    if (g_stillChained && previous == g_onTop) {
        // An earlier uninstall left handleMessage in the chain below the
        // handler still on top (which forwards to it): put that one back
        // and just become the buffer again, or handleMessage would forward
        // to it and round again.
        qInstallMessageHandler(previous);
    } else if (previous != handleMessage) {
        g_previous = previous;
    }
    g_stillChained = false;
    g_active = this;
    return true;
}

void AppLogBuffer::uninstall()
{
    std::lock_guard lock(g_handlerMutex);
    if (g_active != this)
        return;
    g_active = nullptr;
    const QtMessageHandler current = qInstallMessageHandler(g_previous);
    if (current != handleMessage) {
        // Someone installed a handler after us and may chain to ours: keep
        // theirs; ours stays a pass-through to g_previous.
        qInstallMessageHandler(current);
        g_stillChained = true;
        g_onTop = current;
    }
}

bool AppLogBuffer::isInstalled() const
{
    std::lock_guard lock(g_handlerMutex);
    return g_active == this;
}

AppLogBuffer *AppLogBuffer::installed()
{
    std::lock_guard lock(g_handlerMutex);
    return g_active;
}

void AppLogBuffer::append(QtMsgType type, const char *category, const QString &message)
{
    LogEntry entry = entryFromLogMessage(type, category, message, QDateTime::currentMSecsSinceEpoch());
    std::lock_guard lock(m_mutex);
    ++m_appended;
    m_ring.push_back(entry);
    if (qsizetype(m_ring.size()) > m_capacity)
        m_ring.pop_front();
    m_pending.push_back(std::move(entry));
    if (qsizetype(m_pending.size()) > m_capacity) {
        m_pending.pop_front();
        ++m_dropped;
    }
}

std::vector<LogEntry> AppLogBuffer::lines(qint64 *lastSequence) const
{
    std::lock_guard lock(m_mutex);
    if (lastSequence)
        *lastSequence = m_appended;
    return {m_ring.begin(), m_ring.end()};
}

qint64 AppLogBuffer::droppedCount() const
{
    std::lock_guard lock(m_mutex);
    return m_dropped;
}

void AppLogBuffer::setBatchIntervalMs(int ms)
{
    m_timer.setInterval(std::max(10, ms));
}

int AppLogBuffer::deliverPending()
{
    std::deque<LogEntry> batch;
    qint64 firstSequence = 0;
    {
        std::lock_guard lock(m_mutex);
        batch.swap(m_pending);
        firstSequence = m_appended - qint64(batch.size()) + 1;
    }
    if (batch.empty())
        return 0;
    QList<LogEntry> lines;
    lines.reserve(qsizetype(batch.size()));
    for (LogEntry &entry : batch)
        lines.append(std::move(entry));
    emit linesAppended(lines, firstSequence);
    return int(lines.size());
}

} // namespace understudy
