#include "LogTableModel.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>

#include <algorithm>

namespace understudy {

LogTableModel::LogTableModel(QObject *parent) : QAbstractTableModel(parent)
{
    m_timer.setInterval(100);
    connect(&m_timer, &QTimer::timeout, this, [this] { flushPending(); });
    m_timer.start();
}

LogTableModel::~LogTableModel() = default;

void LogTableModel::append(const QList<LogEntry> &entries)
{
    m_pending.insert(m_pending.end(), entries.begin(), entries.end());
    trimPending();
}

void LogTableModel::trimPending()
{
    const auto cap = std::size_t(m_rowCap);
    if (m_pending.size() <= cap)
        return;
    const auto drop = m_pending.size() - cap;
    m_pending.erase(m_pending.begin(), m_pending.begin() + qsizetype(drop));
    m_dropped += qint64(drop);
}

void LogTableModel::mergeOlder(const QList<LogEntry> &entries)
{
    if (entries.isEmpty())
        return;
    std::vector<LogEntry> merged(entries.begin(), entries.end());
    merged.insert(merged.end(), m_rows.begin(), m_rows.end());
    // Stable: rows of the same millisecond keep their arrival order.
    std::stable_sort(merged.begin(), merged.end(),
                     [](const LogEntry &a, const LogEntry &b) { return a.atMs < b.atMs; });
    const std::size_t keepFrom = merged.size() > std::size_t(m_rowCap) ? merged.size() - std::size_t(m_rowCap) : 0;
    beginResetModel();
    m_rows.assign(std::make_move_iterator(merged.begin() + qsizetype(keepFrom)), std::make_move_iterator(merged.end()));
    endResetModel();
}

void LogTableModel::setRowCap(int cap)
{
    m_rowCap = std::max(1, cap);
    trimPending();
    const int excess = int(m_rows.size()) - m_rowCap;
    if (excess > 0) {
        beginRemoveRows({}, 0, excess - 1);
        m_rows.erase(m_rows.begin(), m_rows.begin() + excess);
        endRemoveRows();
    }
}

void LogTableModel::setBatchIntervalMs(int ms)
{
    m_timer.setInterval(std::max(10, ms));
}

void LogTableModel::setPaused(bool paused)
{
    m_paused = paused;
    if (!paused)
        flushPending();
}

void LogTableModel::clear()
{
    m_pending.clear();
    if (m_rows.empty())
        return;
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

int LogTableModel::flushPending()
{
    if (m_paused || m_pending.empty())
        return 0;
    std::deque<LogEntry> batch;
    batch.swap(m_pending); // trimPending() kept it within the row cap
    const int incoming = int(batch.size());
    const int excess = int(m_rows.size()) + incoming - m_rowCap;
    if (excess > 0) {
        beginRemoveRows({}, 0, excess - 1);
        m_rows.erase(m_rows.begin(), m_rows.begin() + excess);
        endRemoveRows();
    }
    const int start = int(m_rows.size());
    beginInsertRows({}, start, start + incoming - 1);
    std::move(batch.begin(), batch.end(), std::back_inserter(m_rows));
    endInsertRows();
    emit batchInserted(incoming);
    return incoming;
}

int LogTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LogTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LogTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LogEntry &e = m_rows[std::size_t(index.row())];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Time:
            return QDateTime::fromMSecsSinceEpoch(e.atMs).toString(QStringLiteral("HH:mm:ss.zzz"));
        case Level:
            return levelDisplayName(e.level);
        case Source:
            return e.source;
        case Subject:
            return e.subject;
        case Message:
            // One line per row; the detail area shows the rest.
            return e.message.section(QLatin1Char('\n'), 0, 0);
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == Time)
        return QDateTime::fromMSecsSinceEpoch(e.atMs).toString(Qt::ISODateWithMs);
    if (role == Qt::ForegroundRole && (index.column() == Level || index.column() == Message)) {
        if (e.level == LogLevel::Error)
            return QBrush(QColor(0xc6, 0x28, 0x28));
        if (e.level == LogLevel::Warning)
            return QBrush(QColor(0xb2, 0x6a, 0x00));
        if (e.level == LogLevel::Debug)
            return QBrush(QColor(0x75, 0x75, 0x75));
    }
    return {};
}

QVariant LogTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Time:
        return tr("Time");
    case Level:
        return tr("Level");
    case Source:
        return tr("Source");
    case Subject:
        return tr("Subject");
    case Message:
        return tr("Message");
    default:
        return {};
    }
}

} // namespace understudy
