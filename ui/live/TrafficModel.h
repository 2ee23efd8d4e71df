#pragma once

// The Traffic page's live table: one row per finished request, fed by the
// engine's trail sink in batches (STYLE.md "Models and views").
//
// Threads: sink() returns a callable for any thread (the engine's workers).
// It copies the trail and appends it to a mutex-protected pending vector:
// O(1), no allocation beyond the copy, the lock held for one push_back. A
// GUI-thread QTimer (every batchIntervalMs, 100 ms by default) swaps the
// pending vector out and inserts the whole batch with ONE beginInsertRows;
// past the row cap the oldest rows go in ONE beginRemoveRows. The sink keeps
// its queue alive on its own, so the engine may outlive the model.
//
// While paused the table stands still; the pending queue keeps only the
// newest rowCap trails, which appear on resume.
//
// Older rows paged in from the request log (insertOlder) go to the top in
// one batch and are pinned: the row cap counts live rows only, so a live
// batch past the cap evicts the oldest LIVE rows (those just below the
// pinned block), never what the user asked to see. Pinned rows stay until
// clear(); the page stops paging at maxPinnedRows().

#include "fallback/AttemptTrail.h"

#include <QAbstractTableModel>
#include <QTimer>

#include <deque>
#include <functional>
#include <memory>

namespace understudy {

class TrafficModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrafficModel)

public:
    enum Column {
        Time,
        Method,
        Route,
        Status,
        Outcome,
        ServedBy,
        FallbackDepth,
        Attempts,
        Duration,
        Ttft,
        Tokens,
        Cost,
        ColumnCount
    };
    // Raw values (numbers, ms) for sorting.
    static constexpr int SortRole = Qt::UserRole + 1;
    static constexpr int DefaultRowCap = 5000;
    // Row in the request log for rows from the store; 0 for live rows.
    static constexpr int LogIdRole = Qt::UserRole + 2;

    explicit TrafficModel(QObject *parent = nullptr);
    ~TrafficModel() override;

    // Thread-safe; hand it to the engine's trail sink chain.
    std::function<void(const RequestTrail &)> sink() const;

    void setRowCap(int cap);
    int rowCap() const { return m_rowCap; }
    void setBatchIntervalMs(int ms);
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    // Removes every row (and what is pending).
    void clear();
    // Moves pending trails into the table now; returns how many were
    // inserted. The timer calls it; tests may too.
    int flushPending();
    // Trails received but dropped because the table was paused or a batch
    // was larger than the row cap.
    qint64 droppedCount() const { return m_dropped; }

    // Inserts rows read from the request log (oldest first, all older than
    // what the table holds) at the top in ONE beginInsertRows; `logIds`
    // parallels `trails`. Returns how many were inserted.
    int insertOlder(std::vector<RequestTrail> trails, std::vector<qint64> logIds);
    int pinnedCount() const { return m_pinned; }
    int maxPinnedRows() const { return m_rowCap * 4; }

    const RequestTrail &trail(int row) const { return m_rows[std::size_t(row)].trail; }
    qint64 logId(int row) const { return m_rows[std::size_t(row)].logId; }
    // Replaces a row's trail (e.g. a stored row once its attempts are read);
    // emits dataChanged for the row.
    void updateTrail(int row, RequestTrail trail);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString columnTitle(int column);

signals:
    // After each batch, with the number of rows inserted.
    void batchInserted(int count);

private:
    struct Pending;
    std::shared_ptr<Pending> m_pending;
    struct Row
    {
        RequestTrail trail;
        qint64 logId = 0;
    };
    void evictLive(int count);

    std::deque<Row> m_rows;
    int m_pinned = 0; // rows at the top that came from the store
    QTimer m_timer;
    int m_rowCap = DefaultRowCap;
    bool m_paused = false;
    qint64 m_dropped = 0;
};

} // namespace understudy
