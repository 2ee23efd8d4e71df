#pragma once

// Served/failed attempt counts per target ("provider/model") and per cache
// or static step, accumulated from the engine's request trails for the
// designer's live overlay.
//
// Threading: record() runs on the engine's worker threads (it is chained
// into ExecutorServices::trailSink); snapshot() runs on the GUI thread. One
// mutex guards the map; record() holds it for a few hash updates per trail.

#include <QHash>
#include <QString>

#include <mutex>

namespace understudy {

struct RequestTrail;

class TargetTally final
{
public:
    struct Counts
    {
        qint64 served = 0;
        qint64 failed = 0;
        bool operator==(const Counts &) const = default;
    };

    TargetTally() = default;
    Q_DISABLE_COPY_MOVE(TargetTally)

    void record(const RequestTrail &trail);
    QHash<QString, Counts> snapshot() const;
    void clear();

private:
    mutable std::mutex m_mutex;
    QHash<QString, Counts> m_counts;
};

} // namespace understudy
