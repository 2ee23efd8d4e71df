#include "designer/StepCardItem.h"

#include <QComboBox>
#include <QFontMetricsF>
#include <QGraphicsProxyWidget>
#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <QPainterPath>

namespace understudy {

namespace {

constexpr qreal kRadius = 10;
constexpr qreal kPad = 12;
constexpr qreal kGlyph = 30;
constexpr int kComboWidth = 150;

QString kindGlyph(StepKind kind)
{
    switch (kind) {
    case StepKind::Provider:
        return QStringLiteral("P");
    case StepKind::Group:
        return QStringLiteral("G");
    case StepKind::Chain:
        return QStringLiteral("↪");
    case StepKind::Cache:
        return QStringLiteral("C");
    case StepKind::Static:
        return QStringLiteral("S");
    }
    return {};
}

QColor breakerColor(LiveStepStats::Breaker state)
{
    switch (state) {
    case LiveStepStats::Breaker::Closed:
        return QColor(0x2e, 0xa0, 0x43);
    case LiveStepStats::Breaker::HalfOpen:
        return QColor(0xe0, 0x9b, 0x12);
    case LiveStepStats::Breaker::Open:
        return QColor(0xd1, 0x34, 0x38);
    case LiveStepStats::Breaker::Unknown:
        break;
    }
    return QColor(0x9a, 0xa0, 0xa6);
}

} // namespace

StepCardItem::StepCardItem(QGraphicsItem *parent) : QGraphicsObject(parent)
{
    setFlags(ItemIsSelectable | ItemIsMovable | ItemIsFocusable | ItemSendsGeometryChanges);
    setCursor(Qt::OpenHandCursor);
    setAcceptHoverEvents(true);
}

QColor StepCardItem::kindColor(StepKind kind)
{
    switch (kind) {
    case StepKind::Provider:
        return QColor(0x2f, 0x6f, 0xd6);
    case StepKind::Group:
        return QColor(0x7b, 0x4f, 0xc9);
    case StepKind::Chain:
        return QColor(0x0f, 0x8f, 0x8f);
    case StepKind::Cache:
        return QColor(0xc2, 0x7c, 0x0e);
    case StepKind::Static:
        return QColor(0x5f, 0x6b, 0x7a);
    }
    return Qt::gray;
}

void StepCardItem::setContent(const StepCardContent &content)
{
    if (content == m_content)
        return;
    m_content = content;
    updateToolTip();
    update();
}

void StepCardItem::setWhatIf(WhatIfMark mark, const std::vector<int> &attempts)
{
    m_mark = mark;
    m_attempts = attempts;
    setOpacity(mark == WhatIfMark::NotReached ? 0.45 : 1.0);
    update();
}

void StepCardItem::setLiveStats(const std::optional<LiveStepStats> &stats)
{
    if (stats == m_live)
        return;
    m_live = stats;
    update();
}

void StepCardItem::setOutcomeCombo(QComboBox *combo)
{
    if (m_comboProxy) {
        m_comboProxy->setWidget(nullptr);
        delete m_comboProxy;
        m_comboProxy = nullptr;
    }
    delete m_combo;
    m_combo = combo;
    if (!combo)
        return;
    m_comboProxy = new QGraphicsProxyWidget(this);
    combo->setFixedWidth(kComboWidth);
    m_comboProxy->setWidget(combo);
    m_comboProxy->setPos(kWidth - kPad - kComboWidth, kPad - 4);
}

QRectF StepCardItem::boundingRect() const
{
    return QRectF(-3, -3, kWidth + 6, kHeight + 6);
}

void StepCardItem::paintKindGlyph(QPainter *painter, const QRectF &box) const
{
    const QColor color = kindColor(m_content.kind);
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawEllipse(box);
    QFont font = painter->font();
    font.setBold(true);
    font.setPointSizeF(11);
    painter->setFont(font);
    painter->setPen(Qt::white);
    painter->drawText(box, Qt::AlignCenter, kindGlyph(m_content.kind));
}

void StepCardItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    painter->setRenderHint(QPainter::Antialiasing);
    const QRectF card(0, 0, kWidth, kHeight);
    const QColor accent = kindColor(m_content.kind);

    // Body, with a tinted header band in the kind colour.
    QColor fill(0xff, 0xff, 0xff);
    if (m_mark == WhatIfMark::Answered)
        fill = QColor(0xe8, 0xf6, 0xec);
    else if (m_mark == WhatIfMark::Stopped)
        fill = QColor(0xfd, 0xec, 0xec);
    QPainterPath body;
    body.addRoundedRect(card, kRadius, kRadius);
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(0, 0, 0, 28));
    painter->drawPath(body.translated(0, 2));
    painter->setBrush(fill);
    painter->drawPath(body);
    QPainterPath stripe;
    stripe.addRoundedRect(QRectF(0, 0, 14, kHeight), kRadius, kRadius);
    painter->save();
    painter->setClipRect(QRectF(0, 0, 6, kHeight));
    painter->setBrush(accent);
    painter->drawPath(stripe);
    painter->restore();

    // Outline: problems beat what-if beat selection.
    QPen outline(QColor(0xc8, 0xcd, 0xd3), 1.2);
    if (isSelected())
        outline = QPen(QColor(0x1a, 0x73, 0xe8), 2.5);
    if (m_mark == WhatIfMark::Passed || m_mark == WhatIfMark::Answered)
        outline = QPen(QColor(0x1e, 0x8e, 0x3e), m_mark == WhatIfMark::Answered ? 3 : 2);
    else if (m_mark == WhatIfMark::Stopped)
        outline = QPen(QColor(0xc5, 0x22, 0x1f), 3);
    if (!m_content.errors.isEmpty())
        outline = QPen(QColor(0xd9, 0x30, 0x25), 3, Qt::SolidLine);
    else if (!m_content.warnings.isEmpty())
        outline = QPen(QColor(0xe3, 0x8c, 0x00), 2.5, Qt::DashLine);
    painter->setBrush(Qt::NoBrush);
    painter->setPen(outline);
    painter->drawRoundedRect(card, kRadius, kRadius);

    paintKindGlyph(painter, QRectF(kPad + 2, kPad, kGlyph, kGlyph));

    // Title and kind line.
    const qreal textLeft = kPad + kGlyph + 12;
    const qreal rightReserve = m_combo ? kComboWidth + 8 : 56;
    QFont titleFont = painter->font();
    titleFont.setPointSizeF(10.5);
    titleFont.setBold(true);
    painter->setFont(titleFont);
    painter->setPen(QColor(0x20, 0x24, 0x2a));
    const qreal titleWidth = kWidth - textLeft - rightReserve;
    painter->drawText(QRectF(textLeft, kPad - 3, titleWidth, 20), Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetricsF(titleFont).elidedText(m_content.title, Qt::ElideRight, titleWidth));
    QFont small = painter->font();
    small.setBold(false);
    small.setPointSizeF(8);
    painter->setFont(small);
    painter->setPen(accent.darker(115));
    const QString kindLine =
        stepKindName(m_content.kind).toUpper() + QStringLiteral(" · step ") + QString::number(m_content.index + 1);
    painter->drawText(QRectF(textLeft, kPad + 16, titleWidth, 16), Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetricsF(small).elidedText(kindLine, Qt::ElideRight, titleWidth));
    // Body lines.
    QFont bodyFont = small;
    bodyFont.setPointSizeF(8.5);
    painter->setFont(bodyFont);
    const QFontMetricsF metrics(bodyFont);
    const qreal lineWidth = kWidth - textLeft - kPad;
    qreal y = kPad + 38;
    auto line = [&](const QString &text, const QColor &color) {
        if (text.isEmpty())
            return;
        painter->setPen(color);
        painter->drawText(QRectF(textLeft, y, lineWidth, 16), Qt::AlignLeft | Qt::AlignVCenter,
                          metrics.elidedText(text, Qt::ElideRight, lineWidth));
        y += 17;
    };
    line(m_content.target, QColor(0x20, 0x24, 0x2a));
    line(m_content.policies, QColor(0x55, 0x5d, 0x66));
    line(m_content.detail, QColor(0x55, 0x5d, 0x66));

    // Bottom-left: the first problem, so it reads without hovering.
    const QStringList &problems = m_content.errors.isEmpty() ? m_content.warnings : m_content.errors;
    if (!problems.isEmpty()) {
        const QColor color = m_content.errors.isEmpty() ? QColor(0xb0, 0x6a, 0x00) : QColor(0xc5, 0x22, 0x1f);
        QFont problemFont = bodyFont;
        problemFont.setBold(true);
        painter->setFont(problemFont);
        painter->setPen(color);
        const QString text = QStringLiteral("⚠ ") + problems.front() +
                             (problems.size() > 1 ? QStringLiteral(" (+%1)").arg(problems.size() - 1) : QString());
        const qreal width = kWidth - 2 * kPad - 4;
        painter->drawText(QRectF(kPad + 4, kHeight - 20, width, 16), Qt::AlignLeft | Qt::AlignVCenter,
                          QFontMetricsF(problemFont).elidedText(text, Qt::ElideRight, width));
    }

    // Top-right corner under the header: what-if attempt numbers or live counts.
    painter->setFont(small);
    if (!m_attempts.empty()) {
        QStringList numbers;
        for (int attempt : m_attempts)
            numbers << QString::number(attempt);
        const QString text = QStringLiteral("attempt ") + numbers.join(QStringLiteral(", "));
        const qreal width = QFontMetricsF(small).horizontalAdvance(text) + 14;
        const QRectF pill(kWidth - kPad - width, kPad + 28, width, 18);
        painter->setPen(Qt::NoPen);
        painter->setBrush(m_mark == WhatIfMark::Stopped ? QColor(0xc5, 0x22, 0x1f) : QColor(0x1e, 0x8e, 0x3e));
        painter->drawRoundedRect(pill, 9, 9);
        painter->setPen(Qt::white);
        painter->drawText(pill, Qt::AlignCenter, text);
    } else if (m_live) {
        const QString text = QStringLiteral("✓ %1   ✗ %2").arg(m_live->served).arg(m_live->failed);
        const qreal width = QFontMetricsF(small).horizontalAdvance(text);
        const QRectF box(kWidth - kPad - width - 18, kPad + 20, width, 16);
        painter->setPen(QColor(0x3c, 0x44, 0x4d));
        painter->drawText(box, Qt::AlignRight | Qt::AlignVCenter, text);
        painter->setPen(Qt::NoPen);
        painter->setBrush(breakerColor(m_live->breaker));
        painter->drawEllipse(QRectF(kWidth - kPad - 11, kPad + 23, 10, 10));
    }
}

void StepCardItem::updateToolTip()
{
    QStringList lines{QStringLiteral("<b>%1</b>").arg(m_content.title.toHtmlEscaped())};
    for (const QString &error : m_content.errors)
        lines << QStringLiteral("<span style='color:#c5221f'>Error: %1</span>").arg(error.toHtmlEscaped());
    for (const QString &warning : m_content.warnings)
        lines << QStringLiteral("<span style='color:#b06a00'>Warning: %1</span>").arg(warning.toHtmlEscaped());
    setToolTip(lines.join(QStringLiteral("<br>")));
}

QVariant StepCardItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    // Reordering drags move the card along the column only.
    if (change == ItemPositionChange && m_dragging)
        return QPointF(m_pressX, value.toPointF().y());
    if (change == ItemSelectedHasChanged)
        update();
    return QGraphicsObject::itemChange(change, value);
}

void StepCardItem::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    m_dragging = event->button() == Qt::LeftButton;
    m_pressX = pos().x();
    if (m_dragging) {
        setZValue(10);
        setCursor(Qt::ClosedHandCursor);
    }
    QGraphicsObject::mousePressEvent(event);
}

void StepCardItem::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    QGraphicsObject::mouseReleaseEvent(event);
    if (m_dragging) {
        m_dragging = false;
        setZValue(0);
        setCursor(Qt::OpenHandCursor);
        emit dragFinished(this);
    }
}

void StepCardItem::mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event)
{
    QGraphicsObject::mouseDoubleClickEvent(event);
    emit doubleClicked(this);
}

} // namespace understudy
