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

#include "fallback/AttemptTrail.h"

#include <QWidget>

#include <functional>
#include <vector>

class QLabel;
class QLineEdit;
class QTableView;
class QToolButton;

namespace understudy {

class TrafficDetailPane;
class TrafficModel;
class TrafficProxyModel;

class TrafficPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrafficPage)

public:
    explicit TrafficPage(QWidget *parent = nullptr);
    ~TrafficPage() override;

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

private:
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
    bool m_filterValid = true;
    bool m_follow = true;
    bool m_scrolling = false; // our own scroll to the bottom, not the user's
};

} // namespace understudy
