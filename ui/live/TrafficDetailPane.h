#pragma once

// The Traffic page's detail pane for the selected request: a summary line
// and "Copy as curl" above three tabs. "Attempts": the chain path taken
// (ChainPathView), the attempt waterfall and the attempt table (step path,
// target, outcome, status, retry-after, breaker state, decision).
// "Request" / "Response": headers and bodies as the request log stored them
// (routes with log_bodies), read through a TrafficStoreReader off the GUI
// thread. A live row is looked up in the log by its request id; the log
// writer may lag behind the live table, so a miss is retried once after a
// short wait and then offered as "Reload". A row from the log (logId > 0)
// is read by its row id, which also fills in its attempts.

#include "core/Result.h"
#include "fallback/AttemptTrail.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPushButton;
class QTabWidget;
class QTableWidget;

namespace understudy {

class AttemptWaterfall;
class ChainPathView;
class StoredExchangeView;
class TrafficStoreReader;
struct LoggedRequest;

class TrafficDetailPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrafficDetailPane)

public:
    explicit TrafficDetailPane(QWidget *parent = nullptr);

    void setBaseUrl(const QString &baseUrl) { m_baseUrl = baseUrl; }
    // Where stored bodies come from; null (the default) when the workspace
    // keeps no request log. The reader must outlive its use here (the page
    // owns both).
    // Null: no request log. Reads in flight for the previous reader are
    // dropped.
    void setStoreReader(TrafficStoreReader *reader);
    // Hides the Request/Response tabs, for a pane that never reads the log.
    void setStoredTabsVisible(bool visible);
    // `logId` is the row id in the request log for rows read from it, 0 for
    // live rows.
    void setTrail(const RequestTrail &trail, qint64 logId = 0);
    void clear();
    const std::optional<RequestTrail> &trail() const { return m_trail; }
    // Reads the stored headers/bodies of the shown request again.
    void reloadStored();

    AttemptWaterfall *waterfall() const { return m_waterfall; }
    QTableWidget *attemptTable() const { return m_table; }
    ChainPathView *pathView() const { return m_path; }
    QTabWidget *tabs() const { return m_tabs; }
    StoredExchangeView *requestView() const { return m_requestView; }
    StoredExchangeView *responseView() const { return m_responseView; }
    // The curl line for the shown request ("" when none); also what the
    // button copies.
    QString curlText() const;

signals:
    // After a stored read for the shown request finished (bodies shown, or
    // the reason there are none).
    void storedLoaded();

private:
    void showAttempts(const RequestTrail &trail);
    void setStoredMessage(const QString &message);
    void fetchStored(int retries);
    void onStored(quint64 serial, int retries, const Result<LoggedRequest> &result);

    std::optional<RequestTrail> m_trail;
    qint64 m_logId = 0;
    quint64 m_serial = 0; // which selection a stored read belongs to
    QString m_baseUrl;
    TrafficStoreReader *m_reader = nullptr;
    QLabel *m_summary = nullptr;
    QTabWidget *m_tabs = nullptr;
    ChainPathView *m_path = nullptr;
    AttemptWaterfall *m_waterfall = nullptr;
    QTableWidget *m_table = nullptr;
    StoredExchangeView *m_requestView = nullptr;
    StoredExchangeView *m_responseView = nullptr;
    QPushButton *m_reload = nullptr;
    QPushButton *m_copyCurl = nullptr;
};

} // namespace understudy
