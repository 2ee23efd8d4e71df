#pragma once

// The designer canvas: one StepCardItem per step of the shown chain, top
// to bottom in execution order, joined by arrows labelled with the outcome
// classes that move a request on to the next step. Accepts palette drops
// (insert at the drop position) and card drags (reorder), and reports them
// as requests; the page turns each into an undoable Config edit and calls
// showChain() again with the result.

#include "config/Config.h"
#include "designer/DesignerAnalysis.h"
#include "designer/StepCardItem.h"

#include <QGraphicsScene>

#include <optional>
#include <vector>

class QGraphicsLineItem;
class QGraphicsPathItem;
class QGraphicsSimpleTextItem;

namespace understudy {

class ChainDesignerScene final : public QGraphicsScene
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChainDesignerScene)

public:
    // Drag payload of the step palette: a JSON object describing the step.
    static QString paletteMimeType();

    explicit ChainDesignerScene(QObject *parent = nullptr);
    ~ChainDesignerScene() override;

    void showChain(const Config &config, const QString &chainName, const designer::ChainIssues &issues);

    int cardCount() const { return int(m_cards.size()); }
    StepCardItem *card(int index) const;
    // The label of the arrow from step `index` to step `index + 1`.
    QString arrowLabel(int index) const;
    // Whether the what-if path went along the arrow below step `index`.
    bool arrowTaken(int index) const;

    int selectedIndex() const;
    void selectIndex(int index);

    // Marks visited cards and arrows; nullopt clears what-if marks.
    void setWhatIfResult(const QString &chainName, const std::optional<SimulationResult> &result);

    // Where a drop at scene position `y` would insert a step.
    int insertionIndexAt(qreal y) const;

    // The summary of the outcome classes that move on from a step.
    static QString movesOnLabel(const Step &step);

signals:
    void stepDropped(int index, const QByteArray &payload);
    void moveRequested(int from, int to);
    void selectedStepChanged(int index);
    void nestedChainActivated(const QString &chainName);

protected:
    void dragEnterEvent(QGraphicsSceneDragDropEvent *event) override;
    void dragMoveEvent(QGraphicsSceneDragDropEvent *event) override;
    void dragLeaveEvent(QGraphicsSceneDragDropEvent *event) override;
    void dropEvent(QGraphicsSceneDragDropEvent *event) override;

private:
    struct Arrow
    {
        QGraphicsPathItem *path = nullptr;
        QGraphicsSimpleTextItem *label = nullptr; // `text` wrapped to the card width
        QString text;
        bool taken = false;
    };

    void clearItems();
    void layoutItems();
    void styleArrow(Arrow &arrow, bool highlighted, bool dimmed);
    void cardDragFinished(StepCardItem *card);
    qreal cardTop(int index) const;

    std::vector<StepCardItem *> m_cards;
    std::vector<Arrow> m_arrows; // [0] enters step 0; [i + 1] leaves step i; the last one ends the chain
    std::vector<QString> m_nestedChains;
    QGraphicsSimpleTextItem *m_startLabel = nullptr;
    QGraphicsSimpleTextItem *m_endLabel = nullptr;
    QGraphicsLineItem *m_dropIndicator = nullptr;
};

} // namespace understudy
