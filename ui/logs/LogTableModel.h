#pragma once

// The Logs page's table: events and application log lines in one list,
// oldest first. GUI thread only. append() queues entries; a timer (every
// batchIntervalMs, 100 ms by default) moves them into the table with ONE
// beginInsertRows per batch, and past the row cap the oldest rows leave in
// ONE beginRemoveRows. Strings are formatted in data(), not per entry.
//
// While paused the table stands still; the queue keeps the newest rowCap
// entries, which appear on resume.

#include "LogEntry.h"

#include <QAbstractTableModel>
#include <QList>
#include <QTimer>

#include <deque>
#include <vector>

namespace understudy {

class LogTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogTableModel)

public:
    enum Column { Time, Level, Source, Subject, Message, ColumnCount };
    static constexpr int DefaultRowCap = 5000;

    explicit LogTableModel(QObject *parent = nullptr);
    ~LogTableModel() override;

    // Queues entries for the next batch.
    void append(const QList<LogEntry> &entries);
    // Older entries (e.g. events read back from the workspace's log):
    // merged into the table by time in one reset, keeping the newest
    // rowCap rows.
    void mergeOlder(const QList<LogEntry> &entries);

    void setRowCap(int cap);
    int rowCap() const { return m_rowCap; }
    void setBatchIntervalMs(int ms);
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    void clear();
    // Moves queued entries into the table now; returns how many. The timer
    // calls it; tests may too.
    int flushPending();
    // Entries that never reached the table (beyond the row cap while paused
    // or within one batch).
    qint64 droppedCount() const { return m_dropped; }

    const LogEntry &entry(int row) const { return m_rows[std::size_t(row)]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    // After each batch, with the number of rows inserted.
    void batchInserted(int count);

private:
    void trimPending();

    std::deque<LogEntry> m_rows;
    std::deque<LogEntry> m_pending;
    QTimer m_timer;
    int m_rowCap = DefaultRowCap;
    bool m_paused = false;
    qint64 m_dropped = 0;
};

} // namespace understudy
