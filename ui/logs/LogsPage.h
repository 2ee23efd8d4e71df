#pragma once

// The console's Logs page: operational events (breaker transitions, config
// applied/rejected, listeners, pool errors, retention, log drops) and the
// process's own Qt log in one table, with a minimum level, a source choice
// (events, application log or both), a search box, live tail, pause, clear,
// copy, the selected row's detail (the event's JSON pretty-printed) and a
// jump from an event about a target to the traffic around it.
//
// Wiring (the integrator):
//   auto *buffer = new AppLogBuffer(AppLogBuffer::DefaultCapacity, app);
//   buffer->install();                     // early, before the window
//   page->setAppLogBuffer(buffer);
//   page->setObservability(observability); // per workspace; null detaches
//   connect(page, &LogsPage::showTrafficAround, ...);
// The page installs nothing itself and works without an Observability
// (only the application log) or without a buffer (only events).

#include "LogEntry.h"
#include "LogFilterProxy.h"

#include <QList>
#include <QPointer>
#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTableView;
class QToolButton;

namespace understudy {

class AppLogBuffer;
class LogEventFeed;
class LogTableModel;
class Observability;
class TailFollower;

class LogsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogsPage)

public:
    explicit LogsPage(QWidget *parent = nullptr);
    ~LogsPage() override;

    // Events of this Observability: its recent ones at once, live ones as
    // they happen, older ones from its request log (read off the GUI
    // thread). Null detaches (unsubscribes); call it with the new one (or
    // null) before the old one is destroyed. Rows already shown stay.
    void setObservability(Observability *observability);
    Observability *observability() const;
    // The application log: the lines the buffer holds at once, then new
    // ones in its batches. Null detaches.
    void setAppLogBuffer(AppLogBuffer *buffer);

    void setMinimumLevel(LogLevel level);
    void setSources(LogFilterProxy::Sources sources);
    void setSearchText(const QString &text);
    void setPaused(bool paused);
    bool isPaused() const;
    void clear();
    // Whether the table follows new rows (scrolled to the bottom).
    bool isFollowing() const;

    // The selected rows as tab-separated lines (view order), and to the
    // clipboard.
    QString selectedText() const;
    void copySelection();
    // The entry of the current row, if any.
    std::optional<LogEntry> currentEntry() const;
    // Emits showTrafficAround for the current row when it is about a
    // target; false otherwise.
    bool showTrafficAroundCurrent();

    LogTableModel *model() const { return m_model; }
    LogFilterProxy *proxyModel() const { return m_proxy; }
    QTableView *view() const { return m_view; }
    QPlainTextEdit *detailView() const { return m_detail; }

signals:
    // "Show traffic around this": the event's time and target (for a
    // breaker transition, the provider/model target it is about).
    void showTrafficAround(qint64 atMs, const QString &target);

private:
    QLayout *buildToolBar();
    void showContextMenu(const QPoint &pos);
    void onCurrentChanged();
    void onAppLines(const QList<LogEntry> &lines, qint64 firstSequence);
    void updateCounts();

    LogTableModel *m_model = nullptr;
    LogFilterProxy *m_proxy = nullptr;
    QTableView *m_view = nullptr;
    QPlainTextEdit *m_detail = nullptr;
    TailFollower *m_follower = nullptr;
    LogEventFeed *m_events = nullptr;
    QPointer<AppLogBuffer> m_appLog;
    qint64 m_appLogSeen = 0; // sequence of the last buffer line taken
    QComboBox *m_level = nullptr;
    QComboBox *m_sources = nullptr;
    QLineEdit *m_search = nullptr;
    QToolButton *m_pause = nullptr;
    QToolButton *m_jump = nullptr;
    QLabel *m_counts = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace understudy
