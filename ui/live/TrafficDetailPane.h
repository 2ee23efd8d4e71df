#pragma once

// The Traffic page's detail pane for the selected request: a summary line,
// the attempt waterfall, the attempt table (step path, target, outcome,
// status, retry-after, breaker state, decision) and "Copy as curl".

#include "fallback/AttemptTrail.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPushButton;
class QTableWidget;

namespace understudy {

class AttemptWaterfall;

class TrafficDetailPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrafficDetailPane)

public:
    explicit TrafficDetailPane(QWidget *parent = nullptr);

    void setBaseUrl(const QString &baseUrl) { m_baseUrl = baseUrl; }
    void setTrail(const RequestTrail &trail);
    void clear();
    const std::optional<RequestTrail> &trail() const { return m_trail; }

    AttemptWaterfall *waterfall() const { return m_waterfall; }
    QTableWidget *attemptTable() const { return m_table; }
    // The curl line for the shown request ("" when none); also what the
    // button copies.
    QString curlText() const;

private:
    std::optional<RequestTrail> m_trail;
    QString m_baseUrl;
    QLabel *m_summary = nullptr;
    AttemptWaterfall *m_waterfall = nullptr;
    QTableWidget *m_table = nullptr;
    QPushButton *m_copyCurl = nullptr;
};

} // namespace understudy
