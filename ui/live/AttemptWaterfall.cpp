#include "AttemptWaterfall.h"

#include "config/Outcome.h"

#include <QEvent>
#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace understudy {

namespace {

constexpr int kRowHeight = 22;
constexpr int kLabelWidth = 190;
constexpr int kAxisHeight = 20;
constexpr int kMargin = 6;

// A "nice" step for at most `maxTicks` axis ticks (about six when there is
// room; fewer on a narrow plot, so labels never overlap).
qint64 tickStep(qint64 totalMs, int maxTicks)
{
    const qint64 steps[] = {1, 2, 5, 10, 20, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000, 15000, 30000, 60000};
    for (qint64 s : steps)
        if (totalMs / s <= maxTicks)
            return s;
    return 120000;
}

QString msLabel(qint64 ms)
{
    return ms >= 1000 && ms % 1000 == 0 ? QStringLiteral("%1 s").arg(ms / 1000) : QStringLiteral("%1 ms").arg(ms);
}

} // namespace

AttemptWaterfall::AttemptWaterfall(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    setAttribute(Qt::WA_OpaquePaintEvent, false);
}

QColor AttemptWaterfall::outcomeColor(OutcomeClass outcome)
{
    switch (outcome) {
    case OutcomeClass::Ok:
        return QColor(0x2e, 0x7d, 0x32);
    case OutcomeClass::SkippedCircuitOpen:
    case OutcomeClass::SkippedCondition:
        return QColor(0x9e, 0x9e, 0x9e);
    case OutcomeClass::ConnectTimeout:
    case OutcomeClass::FirstByteTimeout:
    case OutcomeClass::IdleTimeout:
    case OutcomeClass::DeadlineExceeded:
    case OutcomeClass::Status429:
        return QColor(0xef, 0x8f, 0x00);
    case OutcomeClass::Status4xx:
    case OutcomeClass::AuthError:
    case OutcomeClass::ContextLengthExceeded:
    case OutcomeClass::ContentPolicy:
        return QColor(0x8e, 0x24, 0xaa);
    default:
        return QColor(0xc6, 0x28, 0x28);
    }
}

void AttemptWaterfall::setTrail(const RequestTrail &trail)
{
    m_attempts = trail.attempts;
    m_totalMs = trail.durationMs;
    for (const AttemptRecord &a : m_attempts)
        m_totalMs = std::max(m_totalMs, a.startOffsetMs + a.durationMs);
    m_totalMs = std::max<qint64>(m_totalMs, 1);
    layoutBars();
    updateGeometry();
    update();
}

void AttemptWaterfall::clear()
{
    m_attempts.clear();
    m_bars.clear();
    m_totalMs = 0;
    updateGeometry();
    update();
}

QSize AttemptWaterfall::sizeHint() const
{
    return {560, kAxisHeight + 2 * kMargin + std::max<int>(1, int(m_attempts.size())) * kRowHeight};
}

QSize AttemptWaterfall::minimumSizeHint() const
{
    return {kLabelWidth + 120, kAxisHeight + 2 * kMargin + kRowHeight};
}

QRectF AttemptWaterfall::plotArea() const
{
    return QRectF(kLabelWidth, kMargin + kAxisHeight, std::max(20, width() - kLabelWidth - 2 * kMargin),
                  std::max<int>(1, int(m_attempts.size())) * kRowHeight);
}

void AttemptWaterfall::layoutBars()
{
    m_bars.clear();
    const QRectF area = plotArea();
    const qreal scale = area.width() / qreal(std::max<qint64>(m_totalMs, 1));
    for (std::size_t i = 0; i < m_attempts.size(); ++i) {
        const AttemptRecord &a = m_attempts[i];
        Bar bar;
        const qreal x = area.left() + qreal(a.startOffsetMs) * scale;
        const qreal w = std::max<qreal>(2.0, qreal(a.durationMs) * scale);
        bar.rect = QRectF(x, area.top() + qreal(i) * kRowHeight + 4, w, kRowHeight - 8);
        bar.outcome = a.outcome;
        if (a.ttftMs >= 0)
            bar.ttftX = x + qreal(a.ttftMs) * scale;
        bar.label = a.target;
        QString tip =
            tr("%1 · %2\nstart +%3 ms, %4 ms").arg(a.stepPath, a.target).arg(a.startOffsetMs).arg(a.durationMs);
        tip += QLatin1Char('\n') + outcomeClassName(a.outcome);
        if (a.upstreamStatus > 0)
            tip += QStringLiteral(" (HTTP %1)").arg(a.upstreamStatus);
        if (a.ttftMs >= 0)
            tip += tr("\nTTFT %1 ms").arg(a.ttftMs);
        if (!a.decision.isEmpty())
            tip += tr("\ndecision: %1").arg(a.decision);
        bar.toolTip = tip;
        m_bars.push_back(std::move(bar));
    }
}

void AttemptWaterfall::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    layoutBars();
}

bool AttemptWaterfall::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        for (const Bar &bar : m_bars) {
            QRectF row = bar.rect;
            row.setLeft(0);
            row.setRight(width());
            if (row.contains(help->pos())) {
                QToolTip::showText(help->globalPos(), bar.toolTip, this);
                return true;
            }
        }
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    return QWidget::event(event);
}

void AttemptWaterfall::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    p.fillRect(rect(), pal.base());
    if (m_attempts.empty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, tr("Select a request to see its attempts"));
        return;
    }
    const QRectF area = plotArea();
    const qreal scale = area.width() / qreal(std::max<qint64>(m_totalMs, 1));

    // Axis with ticks and light grid lines.
    const QColor grid = pal.color(QPalette::Mid);
    p.setPen(pal.color(QPalette::Text));
    const int labelWidth = fontMetrics().horizontalAdvance(QStringLiteral("0000 ms")) + 12;
    const qint64 step = tickStep(m_totalMs, std::clamp(int(area.width()) / labelWidth, 1, 6));
    for (qint64 t = 0; t <= m_totalMs; t += step) {
        const qreal x = area.left() + qreal(t) * scale;
        p.setPen(QPen(grid, 0, Qt::DotLine));
        p.drawLine(QPointF(x, area.top() - 2), QPointF(x, area.bottom()));
        p.setPen(pal.color(QPalette::Text));
        const QString label = msLabel(t);
        const int w = fontMetrics().horizontalAdvance(label);
        p.drawText(QPointF(std::min(x - w / 2.0, qreal(width() - kMargin - w)), kMargin + fontMetrics().ascent()),
                   label);
    }

    for (std::size_t i = 0; i < m_bars.size(); ++i) {
        const Bar &bar = m_bars[i];
        const qreal rowTop = area.top() + qreal(i) * kRowHeight;
        if (i % 2 == 1)
            p.fillRect(QRectF(0, rowTop, width(), kRowHeight), pal.alternateBase());
        p.setPen(pal.color(QPalette::Text));
        const QString label = fontMetrics().elidedText(QStringLiteral("%1. %2").arg(i + 1).arg(bar.label),
                                                       Qt::ElideMiddle, kLabelWidth - 2 * kMargin);
        p.drawText(QRectF(kMargin, rowTop, kLabelWidth - 2 * kMargin, kRowHeight), Qt::AlignVCenter | Qt::AlignLeft,
                   label);
        const QColor color = outcomeColor(bar.outcome);
        p.setPen(color.darker(130));
        p.setBrush(color);
        p.drawRoundedRect(bar.rect, 2, 2);
        // Outcome name inside the bar when it fits, else after it.
        const QString name = outcomeClassName(bar.outcome);
        const int textWidth = fontMetrics().horizontalAdvance(name) + 8;
        if (bar.rect.width() > textWidth) {
            p.setPen(Qt::white);
            p.drawText(bar.rect.adjusted(4, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft, name);
        } else if (bar.rect.right() + textWidth < width()) {
            p.setPen(pal.color(QPalette::Text));
            p.drawText(QRectF(bar.rect.right() + 4, bar.rect.top(), textWidth, bar.rect.height()),
                       Qt::AlignVCenter | Qt::AlignLeft, name);
        }
        if (bar.ttftX) {
            p.setPen(QPen(pal.color(QPalette::Text), 2));
            p.drawLine(QPointF(*bar.ttftX, rowTop + 1), QPointF(*bar.ttftX, rowTop + kRowHeight - 1));
        }
    }
    p.setPen(QPen(grid, 1));
    p.drawLine(QPointF(area.left(), area.top()), QPointF(area.left(), area.bottom()));
}

} // namespace understudy
