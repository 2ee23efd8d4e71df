#include "ChainPathView.h"

#include "AttemptWaterfall.h"
#include "config/Outcome.h"

#include <QEvent>
#include <QHelpEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

namespace understudy {

namespace {

constexpr qreal kBoxWidth = 200; // room for "provider/model" names
constexpr qreal kBoxHeight = 50;
constexpr qreal kGap = 28; // room for the arrow
constexpr qreal kMargin = 6;
constexpr qreal kRadius = 6;

bool isSkip(OutcomeClass outcome)
{
    return outcome == OutcomeClass::SkippedCircuitOpen || outcome == OutcomeClass::SkippedCondition;
}

// The designer's what-if fills: green tint for the answer, red tint for a
// failure; amber for timeouts and 429s, white for skips.
QColor fillFor(OutcomeClass outcome)
{
    if (outcome == OutcomeClass::Ok)
        return QColor(0xe8, 0xf6, 0xec);
    if (isSkip(outcome))
        return QColor(0xff, 0xff, 0xff);
    const QColor accent = AttemptWaterfall::outcomeColor(outcome);
    if (accent == AttemptWaterfall::outcomeColor(OutcomeClass::Status429))
        return QColor(0xfd, 0xf3, 0xe1);
    return QColor(0xfd, 0xec, 0xec);
}

} // namespace

ChainPathView::ChainPathView(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void ChainPathView::setAttempts(const std::vector<AttemptRecord> &attempts)
{
    m_boxes.clear();
    for (const AttemptRecord &a : attempts)
        m_boxes.push_back(Box{{}, a.stepPath, a.target, a.outcome});
    layoutBoxes();
    updateGeometry();
    update();
}

void ChainPathView::clear()
{
    setAttempts({});
}

void ChainPathView::layoutBoxes()
{
    qreal x = kMargin;
    for (Box &box : m_boxes) {
        box.rect = QRectF(x, kMargin, kBoxWidth, kBoxHeight);
        x += kBoxWidth + kGap;
    }
}

QSize ChainPathView::sizeHint() const
{
    const int n = int(m_boxes.size());
    const qreal width = n == 0 ? 0 : n * kBoxWidth + (n - 1) * kGap;
    return QSize(int(width + 2 * kMargin), int(kBoxHeight + 2 * kMargin + 2));
}

QSize ChainPathView::minimumSizeHint() const
{
    return QSize(int(kBoxWidth + 2 * kMargin), int(kBoxHeight + 2 * kMargin + 2));
}

bool ChainPathView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        for (const Box &box : m_boxes) {
            if (box.rect.contains(help->pos())) {
                QToolTip::showText(
                    help->globalPos(),
                    QStringLiteral("%1\n%2\n%3").arg(box.stepPath, box.target, outcomeClassName(box.outcome)), this);
                return true;
            }
        }
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    return QWidget::event(event);
}

void ChainPathView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    if (m_boxes.empty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter, tr("No attempts recorded"));
        return;
    }
    QFont bold = font();
    bold.setBold(true);
    bold.setPointSizeF(std::max(7.0, font().pointSizeF() - 1));
    QFont small = font();
    small.setPointSizeF(std::max(7.0, font().pointSizeF() - 1.5));

    for (std::size_t i = 0; i < m_boxes.size(); ++i) {
        const Box &box = m_boxes[i];
        const QColor accent = AttemptWaterfall::outcomeColor(box.outcome);

        // Card: soft shadow, tinted body, accent stripe, outcome outline.
        QPainterPath body;
        body.addRoundedRect(box.rect, kRadius, kRadius);
        painter.setPen(Qt::NoPen);
        painter.setBrush(QColor(0, 0, 0, 28));
        painter.drawPath(body.translated(0, 2));
        painter.setBrush(fillFor(box.outcome));
        painter.drawPath(body);
        painter.save();
        painter.setClipRect(QRectF(box.rect.left(), box.rect.top(), 6, box.rect.height()));
        painter.setBrush(accent);
        painter.drawPath(body);
        painter.restore();
        painter.setBrush(Qt::NoBrush);
        painter.setPen(QPen(accent, 2, isSkip(box.outcome) ? Qt::DashLine : Qt::SolidLine));
        painter.drawRoundedRect(box.rect, kRadius, kRadius);

        const QRectF text = box.rect.adjusted(12, 4, -6, -4);
        const qreal line = text.height() / 3;
        painter.setFont(bold);
        painter.setPen(QColor(0x20, 0x24, 0x2a));
        painter.drawText(QRectF(text.left(), text.top(), text.width(), line), Qt::AlignLeft | Qt::AlignVCenter,
                         QFontMetricsF(bold).elidedText(box.target, Qt::ElideMiddle, text.width()));
        painter.setFont(small);
        painter.setPen(QColor(0x55, 0x5d, 0x66));
        painter.drawText(QRectF(text.left(), text.top() + line, text.width(), line), Qt::AlignLeft | Qt::AlignVCenter,
                         QFontMetricsF(small).elidedText(box.stepPath, Qt::ElideLeft, text.width()));
        painter.setPen(accent.darker(115));
        painter.drawText(QRectF(text.left(), text.top() + 2 * line, text.width(), line),
                         Qt::AlignLeft | Qt::AlignVCenter, outcomeClassName(box.outcome));

        if (i + 1 < m_boxes.size()) {
            const qreal y = box.rect.center().y();
            const QPointF from(box.rect.right() + 3, y);
            const QPointF to(m_boxes[i + 1].rect.left() - 4, y);
            painter.setPen(QPen(QColor(0x8a, 0x93, 0x9c), 1.6));
            painter.drawLine(from, to);
            QPainterPath head;
            head.moveTo(to);
            head.lineTo(to + QPointF(-7, -4));
            head.lineTo(to + QPointF(-7, 4));
            head.closeSubpath();
            painter.setPen(Qt::NoPen);
            painter.setBrush(QColor(0x8a, 0x93, 0x9c));
            painter.drawPath(head);
        }
    }
}

} // namespace understudy
