#pragma once

// Reads per-minute rollups from a workspace's request log for the
// Dashboard's 1 h / 24 h windows, on a thread of its own: the GUI thread
// runs no SQL (STYLE.md). The RequestLogQuery connection is opened on that
// thread at the first load and closed there on destruction.

#include "core/Result.h"
#include "observe/MinuteRollup.h"

#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>
#include <memory>
#include <vector>

namespace understudy {

class RequestLogQuery;

class RollupReader final
{
public:
    using Done = std::function<void(Result<std::vector<MinuteRollup>>)>;

    explicit RollupReader(QString workspacePath);
    ~RollupReader();
    Q_DISABLE_COPY_MOVE(RollupReader)

    QString workspacePath() const { return m_path; }
    // Loads [fromMs, toMs) for every route; `done` runs on the GUI
    // thread, and not at all if `receiver` is gone by then.
    void load(qint64 fromMs, qint64 toMs, QObject *receiver, Done done);

private:
    const QString m_path;
    QThread m_thread;
    QObject *m_context = nullptr;             // lives on m_thread
    std::unique_ptr<RequestLogQuery> m_query; // only touched on m_thread
};

} // namespace understudy
