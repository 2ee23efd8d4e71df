#pragma once

// One step of a chain drawn as a rounded card on the designer canvas: kind
// colour and glyph, title, target/model, timeouts, retries and conditions
// at a glance; validation problems as a red (or amber) outline with the
// messages as tooltip; in what-if mode the attempt numbers that ran here;
// with the gateway running, served/failed counts and a breaker dot.
//
// Cards can be dragged vertically to reorder; the scene decides the new
// position on release.

#include "config/Config.h"

#include <QGraphicsObject>
#include <QStringList>

#include <optional>
#include <vector>

class QComboBox;
class QGraphicsProxyWidget;

namespace understudy {

// Recent traffic of a step or target, fed by the integrator a few times a second.
struct LiveStepStats
{
    enum class Breaker { Unknown, Closed, Open, HalfOpen };
    qint64 served = 0;
    qint64 failed = 0;
    Breaker breaker = Breaker::Unknown;
    bool operator==(const LiveStepStats &) const = default;
};

struct StepCardContent
{
    int index = 0;
    StepKind kind = StepKind::Provider;
    QString title;
    QString target;       // "primary / gpt-demo-large", "3 targets, weighted", "runs chain backup"
    QString policies;     // "timeouts 2 s / 15 s / 30 s · retries 2"
    QString detail;       // conditions, cache staleness, static status, nested steps
    QStringList errors;   // validation errors on this step
    QStringList warnings; // validation warnings on this step
    bool operator==(const StepCardContent &) const = default;
};

enum class WhatIfMark { None, Passed, Answered, Stopped, NotReached };

class StepCardItem final : public QGraphicsObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StepCardItem)

public:
    static constexpr qreal kWidth = 340;
    static constexpr qreal kHeight = 112;

    explicit StepCardItem(QGraphicsItem *parent = nullptr);

    void setContent(const StepCardContent &content);
    const StepCardContent &content() const { return m_content; }
    int index() const { return m_content.index; }

    void setWhatIf(WhatIfMark mark, const std::vector<int> &attempts);
    WhatIfMark whatIfMark() const { return m_mark; }
    const std::vector<int> &whatIfAttempts() const { return m_attempts; }

    void setLiveStats(const std::optional<LiveStepStats> &stats);
    std::optional<LiveStepStats> liveStats() const { return m_live; }

    // The what-if outcome picker shown on the card (null outside what-if mode).
    void setOutcomeCombo(QComboBox *combo);
    QComboBox *outcomeCombo() const { return m_combo; }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    static QColor kindColor(StepKind kind);

signals:
    void dragFinished(StepCardItem *card);
    void doubleClicked(StepCardItem *card);

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event) override;

private:
    void paintKindGlyph(QPainter *painter, const QRectF &box) const;
    void updateToolTip();

    StepCardContent m_content;
    WhatIfMark m_mark = WhatIfMark::None;
    std::vector<int> m_attempts;
    std::optional<LiveStepStats> m_live;
    QComboBox *m_combo = nullptr;
    QGraphicsProxyWidget *m_comboProxy = nullptr;
    bool m_dragging = false;
    qreal m_pressX = 0;
};

} // namespace understudy
