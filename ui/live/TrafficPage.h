#pragma once

// The console's Traffic page: the live request table (TrafficModel behind a
// sorting/filtering proxy), the filter bar (TrafficFilter expressions with
// key completion and inline errors), pause/resume, clear, column choice
// from the header's context menu, HAR/JSONL export, and the detail pane of
// the selected request.
//
// Wiring (the integrator): chain sink() into the engine's trail sink, e.g.
//   services.trailSink = [obs = observability->trailSink(), live = page->sink()]
//                        (const RequestTrail &t) { obs(t); live(t); };
// and setBaseUrl("http://" + first listen address) for URLs in curl/HAR.
// The page installs nothing into the engine itself.
//
// The table follows new rows while it is scrolled to the bottom; scrolling
// up stops that, scrolling back to the bottom resumes it.
//
// With a request log (setRequestLogPath), "Load older" (or scrolling to the
// top while not following) pages in the next kOlderPageRows requests older
// than any row in the table, newest-first with the log's keyset cursor, on
// a TrafficStoreReader thread; they go to the top in one batch and stay
// there (TrafficModel pins them). showAround() swaps the live view for the
// two minutes of the log around a moment, filtered to one target, until
// Resume. The detail pane reads stored headers/bodies through the same
// reader.

#include "fallback/AttemptTrail.h"
#include "observe/RequestLogQuery.h"

#include <QWidget>

#include <functional>
#include <memory>
#include <vector>

class QLabel;
class QLineEdit;
class QTableView;
class QToolButton;

namespace understudy {

class SavedFiltersMenu;
class TrafficDetailPane;
class TrafficModel;
class TrafficProxyModel;
class TrafficStoreReader;

class TrafficPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrafficPage)

public:
    static constexpr int kOlderPageRows = 200;
    static constexpr int kAroundMaxRows = 2000;
    static constexpr qint64 kAroundWindowMs = 60 * 1000; // each side of the moment

    explicit TrafficPage(QWidget *parent = nullptr);
    ~TrafficPage() override;

    // The workspace file whose request log older rows and stored bodies
    // come from; empty for none (the default).
    void setRequestLogPath(const QString &workspacePath);
    QString requestLogPath() const;
    // Reads the next page of older requests (no-op without a log, while a
    // read is running, or once the log has no more).
    void loadOlder();
    bool isLoading() const { return m_loading; }
    // Used when the Logs page jumps from a breaker event: pauses, and shows
    // the requests of the log from atMs - 60 s to atMs + 60 s with the
    // filter `target:<target>`; Resume clears that and goes live again.
    // Without a request log it filters the live rows to that window instead.
    void showAround(qint64 atMs, const QString &target);
    bool isShowingAround() const { return m_around; }
    // The line under the filter bar (what is shown, paging state, errors).
    QString statusText() const;

    // Thread-safe; see TrafficModel::sink().
    std::function<void(const RequestTrail &)> sink() const;
    // Scheme, host and port of the gateway, for curl and HAR URLs.
    void setBaseUrl(const QString &baseUrl);
    QString baseUrl() const { return m_baseUrl; }

    // Applies a filter expression; false (and the error shown inline) when
    // it does not parse, in which case the previous filter stays.
    bool setFilterText(const QString &expression);
    QString filterError() const;
    void setPaused(bool paused);
    bool isPaused() const;
    void clear();
    // Whether the table follows new rows (scrolled to the bottom).
    bool isFollowing() const { return m_follow; }

    // The rows the table shows, in view order; and the selected ones.
    std::vector<RequestTrail> visibleTrails() const;
    std::vector<RequestTrail> selectedTrails() const;

    TrafficModel *model() const { return m_model; }
    TrafficProxyModel *proxyModel() const { return m_proxy; }
    QTableView *view() const { return m_view; }
    TrafficDetailPane *detailPane() const { return m_detail; }
    SavedFiltersMenu *savedFiltersMenu() const { return m_savedMenu; }
    QToolButton *loadOlderButton() const { return m_loadOlder; }

signals:
    // After a page of older rows (count inserted, possibly 0) or a failed read.
    void olderLoaded(int count);
    // After showAround() has filled the table (count rows).
    void aroundLoaded(int count);

private:
    void setStatus(const QString &text);
    // Drops rows already shown (by request id); returns how many went in.
    int insertStored(std::vector<LoggedRequest> newestFirst, bool keepViewport);
    void leaveAround();
    void buildFilterBar(QLayout *layout);
    void showHeaderMenu(const QPoint &pos);
    void onCurrentChanged();
    void updateCounts();
    void exportRows(bool har, bool selectedOnly);

    QString m_baseUrl = QStringLiteral("http://127.0.0.1:8787");
    TrafficModel *m_model = nullptr;
    TrafficProxyModel *m_proxy = nullptr;
    QTableView *m_view = nullptr;
    TrafficDetailPane *m_detail = nullptr;
    QLineEdit *m_filterEdit = nullptr;
    QLabel *m_filterError = nullptr;
    QLabel *m_counts = nullptr;
    QToolButton *m_pause = nullptr;
    QToolButton *m_loadOlder = nullptr;
    QLabel *m_status = nullptr;
    SavedFiltersMenu *m_savedMenu = nullptr;
    std::unique_ptr<TrafficStoreReader> m_reader;
    QString m_olderCursor; // continues the last page read; "" = start from the table
    bool m_olderExhausted = false;
    bool m_loading = false;
    bool m_around = false;
    QString m_aroundFilter;   // the filter showAround set, undone on Resume
    quint64 m_generation = 0; // bumped by clear/showAround: late reads are dropped
    bool m_filterValid = true;
    bool m_follow = true;
    bool m_scrolling = false; // our own scroll to the bottom, not the user's
};

} // namespace understudy
