#include "designer/ChainDesignerScene.h"

#include "designer/ChainEdits.h"

#include <QFontMetricsF>
#include <QGraphicsLineItem>
#include <QGraphicsPathItem>
#include <QGraphicsSceneDragDropEvent>
#include <QGraphicsSimpleTextItem>
#include <QLocale>
#include <QMimeData>
#include <QPainterPath>
#include <QPen>

namespace understudy {

namespace {

constexpr qreal kGap = 62;    // vertical space between cards, where arrows go
constexpr qreal kTop = 44;    // space for the "client request" arrow
constexpr qreal kArrowX = 34; // arrows run down the left side; labels to their right

// "250 ms", "2 s", "1.5 s", "15 min", "1 h": durations as an operator reads them.
QString seconds(int ms)
{
    const QLocale locale;
    if (ms < 1000)
        return QStringLiteral("%1 ms").arg(ms);
    if (ms < 120'000)
        return locale.toString(ms / 1000.0, 'g', 3) + QStringLiteral(" s");
    if (ms < 7'200'000)
        return locale.toString(ms / 60'000.0, 'g', 3) + QStringLiteral(" min");
    return locale.toString(ms / 3'600'000.0, 'g', 3) + QStringLiteral(" h");
}

// Breaks a " · "-separated label into lines no wider than `width`.
QString wrapLabel(const QString &text, const QFont &font, qreal width)
{
    const QFontMetricsF metrics(font);
    QStringList out;
    for (const QString &line : text.split(u'\n')) {
        const QStringList parts = line.split(QStringLiteral(" · "));
        QString current;
        for (const QString &part : parts) {
            const QString candidate = current.isEmpty() ? part : current + QStringLiteral(" · ") + part;
            if (!current.isEmpty() && metrics.horizontalAdvance(candidate) > width) {
                out << current + QStringLiteral(" ·");
                current = QStringLiteral("    ") + part;
            } else {
                current = candidate;
            }
        }
        out << current;
    }
    return out.join(u'\n');
}

// Short names for the arrow labels, so a dozen classes fit on a line.
QString compactName(OutcomeClass outcome)
{
    switch (outcome) {
    case OutcomeClass::ConnectError:
        return QStringLiteral("connect");
    case OutcomeClass::ConnectTimeout:
        return QStringLiteral("connect timeout");
    case OutcomeClass::ResetBeforeResponse:
        return QStringLiteral("reset");
    case OutcomeClass::FirstByteTimeout:
        return QStringLiteral("TTFB timeout");
    case OutcomeClass::IdleTimeout:
        return QStringLiteral("idle");
    case OutcomeClass::Status429:
        return QStringLiteral("429");
    case OutcomeClass::Status5xx:
        return QStringLiteral("5xx");
    case OutcomeClass::Status4xx:
        return QStringLiteral("4xx");
    case OutcomeClass::AuthError:
        return QStringLiteral("auth");
    case OutcomeClass::ContextLengthExceeded:
        return QStringLiteral("context");
    case OutcomeClass::ContentPolicy:
        return QStringLiteral("policy");
    case OutcomeClass::MalformedResponse:
        return QStringLiteral("malformed");
    case OutcomeClass::InBandError:
        return QStringLiteral("in-band");
    case OutcomeClass::Truncated:
        return QStringLiteral("truncated");
    default:
        return outcomeClassName(outcome);
    }
}

QString conditionText(const Condition &c)
{
    const QString op = conditionOpName(c.op).replace(u'_', u' ');
    switch (c.kind) {
    case ConditionKind::Header:
        return QStringLiteral("header %1 %2 %3").arg(c.key, op, c.value);
    case ConditionKind::TimeWindow:
        return QStringLiteral("time %1–%2")
            .arg(QStringLiteral("%1:%2").arg(c.fromMinute / 60).arg(c.fromMinute % 60, 2, 10, QLatin1Char('0')),
                 QStringLiteral("%1:%2").arg(c.toMinute / 60).arg(c.toMinute % 60, 2, 10, QLatin1Char('0')));
    default:
        return QStringLiteral("%1 %2 %3").arg(conditionKindName(c.kind).replace(u'_', u' '), op, c.value);
    }
}

StepCardContent contentFor(const Config &config, const Step &step, int index, const designer::ChainIssues &issues)
{
    StepCardContent content;
    content.index = index;
    content.kind = step.kind;
    content.title = designer::stepTitle(step, index);
    auto targetText = [](const Target &t) -> QString {
        if (t.model.isEmpty())
            return t.provider + QStringLiteral(" / (client's model)");
        return t.provider + u'/' + t.model;
    };
    const QString policies =
        QStringLiteral("timeouts %1 / %2 / %3 · retries %4")
            .arg(seconds(step.timeouts.connectMs), seconds(step.timeouts.firstByteMs), seconds(step.timeouts.idleMs))
            .arg(step.retry.maxRetries);
    switch (step.kind) {
    case StepKind::Provider:
        content.target = step.targets.empty() ? QStringLiteral("no target") : targetText(step.targets.front());
        content.policies = policies;
        break;
    case StepKind::Group: {
        QStringList members;
        for (const Target &t : step.targets)
            members << targetText(t);
        content.target = QStringLiteral("%1 · %2").arg(balanceStrategyName(step.balance).replace(u'_', u' '),
                                                       members.join(QStringLiteral(", ")));
        content.policies = policies;
        break;
    }
    case StepKind::Chain: {
        content.target = QStringLiteral("runs chain ") + step.chain;
        QStringList nested;
        if (const Chain *inner = config.chain(step.chain)) {
            for (std::size_t i = 0; i < inner->steps.size(); ++i)
                nested << designer::stepTitle(inner->steps[i], int(i));
        }
        content.policies = nested.isEmpty() ? QString() : QStringLiteral("↳ ") + nested.join(QStringLiteral(" → "));
        break;
    }
    case StepKind::Cache:
        content.target = QStringLiteral("last good answer for the same request");
        content.policies = QStringLiteral("max staleness ") + seconds(step.maxStalenessMs);
        break;
    case StepKind::Static:
        content.target = QStringLiteral("canned %1 (%2)").arg(step.response.status).arg(step.response.contentType);
        content.policies = step.response.body.simplified();
        break;
    }
    QStringList detail;
    for (const Condition &c : step.conditions)
        detail << conditionText(c);
    if (!detail.isEmpty())
        content.detail = QStringLiteral("if ") + detail.join(QStringLiteral(" and "));
    if (step.hedge.enabled)
        content.detail += (content.detail.isEmpty() ? QString() : QStringLiteral(" · ")) +
                          QStringLiteral("hedge after ") + seconds(step.hedge.afterMs);
    if (const auto it = issues.steps.find(index); it != issues.steps.end()) {
        for (const ValidationIssue &issue : it->second) {
            (issue.severity == ValidationIssue::Severity::Error ? content.errors : content.warnings) << issue.message;
        }
    }
    return content;
}

} // namespace

QString ChainDesignerScene::paletteMimeType()
{
    return QStringLiteral("application/x-understudy-step");
}

ChainDesignerScene::ChainDesignerScene(QObject *parent) : QGraphicsScene(parent)
{
    connect(this, &QGraphicsScene::selectionChanged, this, [this] { emit selectedStepChanged(selectedIndex()); });
}

ChainDesignerScene::~ChainDesignerScene()
{
    // Deleting the cards changes the selection; nobody may hear about it now.
    clearItems();
}

QString ChainDesignerScene::movesOnLabel(const Step &step)
{
    switch (step.kind) {
    case StepKind::Cache:
        return tr("on a miss or a stale entry");
    case StepKind::Static:
        return step.conditions.empty() ? tr("never (always answers)") : tr("when its conditions do not hold");
    case StepKind::Chain:
        return tr("when the nested chain has no answer");
    case StepKind::Provider:
    case StepKind::Group:
        break;
    }
    QStringList next;
    QStringList afterRetries;
    for (OutcomeClass outcome : kAllOutcomeClasses) {
        if (!isConfigurableOutcome(outcome))
            continue;
        const StepAction action = step.actionFor(outcome);
        if (action == StepAction::Next)
            next << compactName(outcome);
        else if (action == StepAction::Retry)
            afterRetries << compactName(outcome);
    }
    QStringList lines;
    if (!next.isEmpty())
        lines << QStringLiteral("next on ") + next.join(QStringLiteral(" · "));
    if (!afterRetries.isEmpty())
        lines << QStringLiteral("after retries: ") + afterRetries.join(QStringLiteral(" · "));
    return lines.join(u'\n');
}

StepCardItem *ChainDesignerScene::card(int index) const
{
    return index >= 0 && std::size_t(index) < m_cards.size() ? m_cards[std::size_t(index)] : nullptr;
}

QString ChainDesignerScene::arrowLabel(int index) const
{
    const std::size_t at = std::size_t(index) + 1;
    return index >= 0 && at < m_arrows.size() ? m_arrows[at].text : QString();
}

bool ChainDesignerScene::arrowTaken(int index) const
{
    const std::size_t at = std::size_t(index) + 1;
    return index >= 0 && at < m_arrows.size() && m_arrows[at].taken;
}

int ChainDesignerScene::selectedIndex() const
{
    for (StepCardItem *c : m_cards) {
        if (c->isSelected())
            return c->index();
    }
    return -1;
}

void ChainDesignerScene::selectIndex(int index)
{
    {
        const QSignalBlocker blocker(this);
        clearSelection();
        if (StepCardItem *c = card(index)) {
            c->setSelected(true);
            c->setFocus();
        }
    }
    emit selectedStepChanged(selectedIndex());
}

void ChainDesignerScene::clearItems()
{
    const QSignalBlocker blocker(this);
    clear();
    m_cards.clear();
    m_arrows.clear();
    m_nestedChains.clear();
    m_startLabel = nullptr;
    m_endLabel = nullptr;
    m_dropIndicator = nullptr;
}

void ChainDesignerScene::showChain(const Config &config, const QString &chainName, const designer::ChainIssues &issues)
{
    clearItems();
    const Chain *chain = config.chain(chainName);
    if (!chain)
        return;
    QFont labelFont;
    labelFont.setPointSizeF(8);
    auto addArrow = [&](const QString &text) {
        Arrow arrow;
        arrow.path = addPath(QPainterPath());
        arrow.text = text;
        arrow.label = addSimpleText(wrapLabel(text, labelFont, StepCardItem::kWidth - 40), labelFont);
        m_arrows.push_back(arrow);
    };
    addArrow(tr("client request"));
    for (std::size_t i = 0; i < chain->steps.size(); ++i) {
        const Step &step = chain->steps[i];
        auto *item = new StepCardItem;
        item->setContent(contentFor(config, step, int(i), issues));
        addItem(item);
        connect(item, &StepCardItem::dragFinished, this, &ChainDesignerScene::cardDragFinished);
        connect(item, &StepCardItem::doubleClicked, this, [this](StepCardItem *c) {
            const std::size_t at = std::size_t(c->index());
            if (at < m_nestedChains.size() && !m_nestedChains[at].isEmpty())
                emit nestedChainActivated(m_nestedChains[at]);
        });
        m_cards.push_back(item);
        m_nestedChains.push_back(step.kind == StepKind::Chain ? step.chain : QString());
        const bool last = i + 1 == chain->steps.size();
        QString label = movesOnLabel(step);
        if (last && !(step.kind == StepKind::Static && step.conditions.empty()))
            label += tr("\n→ no step left: the client gets 502 / 503 / 504");
        addArrow(label);
    }
    layoutItems();
}

qreal ChainDesignerScene::cardTop(int index) const
{
    return kTop + index * (StepCardItem::kHeight + kGap);
}

void ChainDesignerScene::layoutItems()
{
    for (std::size_t i = 0; i < m_cards.size(); ++i)
        m_cards[i]->setPos(0, cardTop(int(i)));
    for (std::size_t a = 0; a < m_arrows.size(); ++a) {
        Arrow &arrow = m_arrows[a];
        const qreal top = a == 0 ? 4 : cardTop(int(a) - 1) + StepCardItem::kHeight;
        const bool end = a == m_cards.size() && a > 0;
        const qreal bottom = a == 0 ? kTop - 2 : top + (end ? 34 : kGap - 2);
        QPainterPath path(QPointF(kArrowX, top));
        path.lineTo(kArrowX, bottom);
        if (!end || a == 0) {
            path.moveTo(kArrowX - 5, bottom - 8);
            path.lineTo(kArrowX, bottom);
            path.lineTo(kArrowX + 5, bottom - 8);
        } else {
            path.moveTo(kArrowX - 8, bottom);
            path.lineTo(kArrowX + 8, bottom);
        }
        arrow.path->setPath(path);
        const QRectF box = arrow.label->boundingRect();
        arrow.label->setPos(kArrowX + 14, (top + bottom) / 2 - box.height() / 2);
        styleArrow(arrow, arrow.taken, false);
    }
    const qreal height = m_cards.empty() ? 120 : cardTop(int(m_cards.size())) + 40;
    setSceneRect(QRectF(-20, -10, StepCardItem::kWidth + 60, height));
}

void ChainDesignerScene::styleArrow(Arrow &arrow, bool highlighted, bool dimmed)
{
    QColor color = highlighted ? QColor(0x1e, 0x8e, 0x3e) : QColor(0x8a, 0x92, 0x9b);
    if (dimmed)
        color.setAlpha(90);
    arrow.path->setPen(QPen(color, highlighted ? 3 : 1.6, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    arrow.label->setBrush(highlighted ? QColor(0x1e, 0x6e, 0x34)
                                      : (dimmed ? QColor(0x9a, 0xa0, 0xa6) : QColor(0x4a, 0x52, 0x5b)));
}

void ChainDesignerScene::setWhatIfResult(const QString &chainName, const std::optional<SimulationResult> &result)
{
    if (!result) {
        for (StepCardItem *c : m_cards)
            c->setWhatIf(WhatIfMark::None, {});
        for (Arrow &arrow : m_arrows) {
            arrow.taken = false;
            styleArrow(arrow, false, false);
        }
        return;
    }
    const auto byStep = designer::attemptsByStep(chainName, *result);
    const int servedBy = designer::stepIndexOfPath(chainName, result->servedBy);
    int furthest = -1;
    for (const auto &[index, attempts] : byStep)
        furthest = std::max(furthest, index);
    for (StepCardItem *c : m_cards) {
        const auto it = byStep.find(c->index());
        WhatIfMark mark = WhatIfMark::NotReached;
        if (c->index() == servedBy)
            mark = result->answer == AnswerKind::Error ? WhatIfMark::Stopped : WhatIfMark::Answered;
        else if (it != byStep.end())
            mark = WhatIfMark::Passed;
        c->setWhatIf(mark, it == byStep.end() ? std::vector<int>{} : it->second);
    }
    // Arrow a enters step a; it was taken when the walk reached step a or beyond.
    // The final arrow (no step left) is taken when the chain ran out of steps.
    const bool exhausted = result->answer == AnswerKind::Error && servedBy < 0;
    for (std::size_t a = 0; a < m_arrows.size(); ++a) {
        const bool taken = a < m_cards.size() ? int(a) <= furthest : exhausted;
        m_arrows[a].taken = taken;
        styleArrow(m_arrows[a], taken, !taken);
    }
}

int ChainDesignerScene::insertionIndexAt(qreal y) const
{
    int index = 0;
    for (std::size_t i = 0; i < m_cards.size(); ++i) {
        if (y > cardTop(int(i)) + StepCardItem::kHeight / 2)
            index = int(i) + 1;
    }
    return index;
}

void ChainDesignerScene::cardDragFinished(StepCardItem *moved)
{
    const qreal center = moved->pos().y() + StepCardItem::kHeight / 2;
    int to = 0;
    for (StepCardItem *c : m_cards) {
        if (c != moved && cardTop(c->index()) + StepCardItem::kHeight / 2 < center)
            ++to;
    }
    const int from = moved->index();
    layoutItems(); // snap back; the page redraws after the edit
    if (to != from)
        emit moveRequested(from, to);
}

void ChainDesignerScene::dragEnterEvent(QGraphicsSceneDragDropEvent *event)
{
    if (!event->mimeData()->hasFormat(paletteMimeType())) {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
    if (!m_dropIndicator) {
        m_dropIndicator = addLine(QLineF(), QPen(QColor(0x1a, 0x73, 0xe8), 4, Qt::SolidLine, Qt::RoundCap));
        m_dropIndicator->setZValue(20);
    }
}

void ChainDesignerScene::dragMoveEvent(QGraphicsSceneDragDropEvent *event)
{
    if (!event->mimeData()->hasFormat(paletteMimeType())) {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
    if (m_dropIndicator) {
        const int index = insertionIndexAt(event->scenePos().y());
        const qreal y = index == 0 ? kTop - kGap / 2 + 8 : cardTop(index) - kGap / 2;
        m_dropIndicator->setLine(QLineF(0, y, StepCardItem::kWidth, y));
    }
}

void ChainDesignerScene::dragLeaveEvent(QGraphicsSceneDragDropEvent *event)
{
    delete m_dropIndicator;
    m_dropIndicator = nullptr;
    event->accept();
}

void ChainDesignerScene::dropEvent(QGraphicsSceneDragDropEvent *event)
{
    delete m_dropIndicator;
    m_dropIndicator = nullptr;
    if (!event->mimeData()->hasFormat(paletteMimeType())) {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
    emit stepDropped(insertionIndexAt(event->scenePos().y()), event->mimeData()->data(paletteMimeType()));
}

} // namespace understudy
