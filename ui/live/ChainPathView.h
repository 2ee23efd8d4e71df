#pragma once

// The path one request took through its chain: a small card per attempt
// (step path, target, outcome), left to right in attempt order with arrows
// between, drawn in the chain designer's card style (white card, accent
// stripe, tinted fill and outline by how the attempt ended) so the two read
// as the same picture. Painted by hand: a trail has a handful of attempts.

#include "fallback/AttemptTrail.h"

#include <QWidget>

#include <vector>

namespace understudy {

class ChainPathView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChainPathView)

public:
    struct Box
    {
        QRectF rect;
        QString stepPath;
        QString target;
        OutcomeClass outcome = OutcomeClass::Ok;
    };

    explicit ChainPathView(QWidget *parent = nullptr);

    void setAttempts(const std::vector<AttemptRecord> &attempts);
    void clear();
    // The cards as laid out, in attempt order (for tests and tooltips).
    const std::vector<Box> &boxes() const { return m_boxes; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    void layoutBoxes();

    std::vector<Box> m_boxes;
};

} // namespace understudy
