#include "TrafficModel.h"

#include "config/Outcome.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QLocale>

#include <mutex>
#include <vector>

namespace understudy {

struct TrafficModel::Pending
{
    std::mutex mutex;
    std::vector<RequestTrail> items; // guarded by mutex
};

TrafficModel::TrafficModel(QObject *parent) : QAbstractTableModel(parent), m_pending(std::make_shared<Pending>())
{
    m_timer.setInterval(100);
    connect(&m_timer, &QTimer::timeout, this, [this] { flushPending(); });
    m_timer.start();
}

TrafficModel::~TrafficModel() = default;

std::function<void(const RequestTrail &)> TrafficModel::sink() const
{
    return [pending = m_pending](const RequestTrail &trail) {
        RequestTrail copy = trail; // outside the lock (QString copies are ref-count bumps)
        std::lock_guard lock(pending->mutex);
        pending->items.push_back(std::move(copy));
    };
}

void TrafficModel::setRowCap(int cap)
{
    m_rowCap = std::max(1, cap);
    evictLive(int(m_rows.size()) - m_pinned - m_rowCap);
}

void TrafficModel::evictLive(int count)
{
    if (count <= 0)
        return;
    beginRemoveRows({}, m_pinned, m_pinned + count - 1);
    m_rows.erase(m_rows.begin() + m_pinned, m_rows.begin() + m_pinned + count);
    endRemoveRows();
}

int TrafficModel::insertOlder(std::vector<RequestTrail> trails, std::vector<qint64> logIds)
{
    Q_ASSERT(trails.size() == logIds.size());
    if (trails.empty())
        return 0;
    const int count = int(trails.size());
    beginInsertRows({}, 0, count - 1);
    for (int i = count - 1; i >= 0; --i)
        m_rows.push_front(Row{std::move(trails[std::size_t(i)]), logIds[std::size_t(i)]});
    m_pinned += count;
    endInsertRows();
    emit batchInserted(count);
    return count;
}

void TrafficModel::updateTrail(int row, RequestTrail trail)
{
    if (row < 0 || row >= int(m_rows.size()))
        return;
    m_rows[std::size_t(row)].trail = std::move(trail);
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void TrafficModel::setBatchIntervalMs(int ms)
{
    m_timer.setInterval(std::max(10, ms));
}

void TrafficModel::setPaused(bool paused)
{
    m_paused = paused;
    if (!paused)
        flushPending();
}

void TrafficModel::clear()
{
    {
        std::lock_guard lock(m_pending->mutex);
        m_pending->items.clear();
    }
    m_pinned = 0;
    if (m_rows.empty())
        return;
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

int TrafficModel::flushPending()
{
    std::vector<RequestTrail> batch;
    {
        std::lock_guard lock(m_pending->mutex);
        if (m_paused) {
            // Keep only the newest rowCap while standing still.
            const auto size = m_pending->items.size();
            if (size > std::size_t(m_rowCap) * 2) {
                const auto drop = size - std::size_t(m_rowCap);
                m_pending->items.erase(m_pending->items.begin(), m_pending->items.begin() + qsizetype(drop));
                m_dropped += qint64(drop);
            }
            return 0;
        }
        batch.swap(m_pending->items);
    }
    if (batch.empty())
        return 0;

    std::size_t first = 0;
    if (batch.size() > std::size_t(m_rowCap)) {
        first = batch.size() - std::size_t(m_rowCap);
        m_dropped += qint64(first);
    }
    const int incoming = int(batch.size() - first);
    evictLive(int(m_rows.size()) - m_pinned + incoming - m_rowCap);
    const int start = int(m_rows.size());
    beginInsertRows({}, start, start + incoming - 1);
    for (std::size_t i = first; i < batch.size(); ++i)
        m_rows.push_back(Row{std::move(batch[i]), 0});
    endInsertRows();
    emit batchInserted(incoming);
    return incoming;
}

int TrafficModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TrafficModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString TrafficModel::columnTitle(int column)
{
    switch (column) {
    case Time:
        return tr("Time");
    case Method:
        return tr("Method");
    case Route:
        return tr("Route");
    case Status:
        return tr("Status");
    case Outcome:
        return tr("Outcome");
    case ServedBy:
        return tr("Served by");
    case FallbackDepth:
        return tr("Fallback");
    case Attempts:
        return tr("Attempts");
    case Duration:
        return tr("Duration");
    case Ttft:
        return tr("TTFT");
    case Tokens:
        return tr("Tokens");
    case Cost:
        return tr("Cost");
    default:
        return {};
    }
}

QVariant TrafficModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    return columnTitle(section);
}

namespace {

QString msText(qint64 ms)
{
    if (ms < 0)
        return QStringLiteral("–");
    if (ms < 10000)
        return QStringLiteral("%1 ms").arg(ms);
    return QStringLiteral("%1 s").arg(double(ms) / 1000.0, 0, 'f', 1);
}

qint64 tokensOf(const RequestTrail &t)
{
    if (t.promptTokens < 0 && t.completionTokens < 0)
        return -1;
    return std::max<qint64>(t.promptTokens, 0) + std::max<qint64>(t.completionTokens, 0);
}

} // namespace

QVariant TrafficModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const RequestTrail &t = m_rows[std::size_t(index.row())].trail;
    const int column = index.column();
    if (role == LogIdRole)
        return m_rows[std::size_t(index.row())].logId;
    if (role == SortRole) {
        switch (column) {
        case Time:
            return t.startedAtMs;
        case Status:
            return t.status;
        case FallbackDepth:
            return t.fallbackDepth;
        case Attempts:
            return t.attemptCount();
        case Duration:
            return t.durationMs;
        case Ttft:
            return t.ttftMs;
        case Tokens:
            return tokensOf(t);
        case Cost:
            return t.cost;
        default:
            role = Qt::DisplayRole;
            break;
        }
    }
    if (role == Qt::DisplayRole) {
        switch (column) {
        case Time:
            return QDateTime::fromMSecsSinceEpoch(t.startedAtMs).toString(QStringLiteral("HH:mm:ss.zzz"));
        case Method:
            return t.method;
        case Route:
            return t.route;
        case Status:
            return t.status;
        case Outcome: {
            QString text = outcomeClassName(t.outcome);
            if (t.cached)
                text += tr(" (cached)");
            else if (t.staticAnswer)
                text += tr(" (static)");
            return text;
        }
        case ServedBy:
            return t.servedBy;
        case FallbackDepth:
            return t.fallbackDepth;
        case Attempts:
            return t.attemptCount();
        case Duration:
            return msText(t.durationMs);
        case Ttft:
            return msText(t.ttftMs);
        case Tokens: {
            const qint64 n = tokensOf(t);
            return n < 0 ? QStringLiteral("–") : QLocale().toString(n);
        }
        case Cost:
            return t.cost > 0 ? QString::number(t.cost, 'f', 5) : QStringLiteral("–");
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && (column == Route || column == Time))
        return QStringLiteral("%1 %2\n%3").arg(t.method, t.path, QString::fromLatin1(t.requestId));
    if (role == Qt::TextAlignmentRole) {
        switch (column) {
        case Status:
        case FallbackDepth:
        case Attempts:
        case Duration:
        case Ttft:
        case Tokens:
        case Cost:
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return {};
        }
    }
    if (role == Qt::ForegroundRole && (column == Status || column == Outcome)) {
        if (t.outcome != OutcomeClass::Ok || t.status >= 500)
            return QBrush(QColor(0xc6, 0x28, 0x28));
        if (t.fallbackDepth > 0)
            return QBrush(QColor(0xb2, 0x6a, 0x00));
    }
    return {};
}

} // namespace understudy
