#pragma once

// One request's attempts on a shared time axis: a bar per attempt from its
// start offset for its duration, coloured by outcome class, with a tick at
// its time to first token. Painted by hand (a chart would be heavier than
// the handful of bars a trail has).

#include "fallback/AttemptTrail.h"

#include <QColor>
#include <QWidget>

#include <optional>
#include <vector>

namespace understudy {

class AttemptWaterfall final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AttemptWaterfall)

public:
    struct Bar
    {
        QRectF rect;
        OutcomeClass outcome = OutcomeClass::Ok;
        std::optional<qreal> ttftX; // where the TTFT tick is drawn
        QString label;              // target
        QString toolTip;
    };

    explicit AttemptWaterfall(QWidget *parent = nullptr);

    void setTrail(const RequestTrail &trail);
    void clear();
    // The bars as last laid out (for tests and tooltips).
    const std::vector<Bar> &bars() const { return m_bars; }

    // Green for ok, amber for timeouts and 429, red for errors, grey for skips.
    static QColor outcomeColor(OutcomeClass outcome);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool event(QEvent *event) override;

private:
    void layoutBars();
    QRectF plotArea() const;

    std::vector<AttemptRecord> m_attempts;
    qint64 m_totalMs = 0;
    std::vector<Bar> m_bars;
};

} // namespace understudy
