#pragma once

#include <QObject>

class QSocketNotifier;

namespace understudy::cli {

// Turns SIGTERM/SIGINT/SIGHUP into a Qt signal on the thread that owns the
// watcher (self-pipe trick: the async-signal-safe handler only write()s).
// One instance per process.
class UnixSignalWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UnixSignalWatcher)

public:
    explicit UnixSignalWatcher(std::initializer_list<int> signalNumbers, QObject *parent = nullptr);
    ~UnixSignalWatcher() override;

signals:
    void received(int signalNumber);

private:
    void readPipe();

    QSocketNotifier *m_notifier = nullptr;
    std::vector<int> m_signals;
};

} // namespace understudy::cli
