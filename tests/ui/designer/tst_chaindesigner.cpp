// The chain designer page on the demo workspace: one card per step, palette
// drops, reorder, delete and duplicate (by API, by drag and by keyboard),
// each undone and redone to the exact Config; inspector and policy edits;
// validation problems drawn on the right card; live overlay; PNG/SVG export.

#include "config/DemoWorkspace.h"
#include "config/Validation.h"
#include "designer/ChainDesignerPage.h"
#include "designer/ChainDesignerScene.h"
#include "designer/ChainPolicyForm.h"
#include "designer/StepCardItem.h"
#include "designer/StepInspector.h"
#include "designer/StepPalette.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QGraphicsSceneDragDropEvent>
#include <QGraphicsView>
#include <QImage>
#include <QMimeData>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>
#include <QXmlStreamReader>

using namespace understudy;

namespace {

const QString kChat = QStringLiteral("chat");

QStringList stepNames(const Config &config)
{
    QStringList names;
    for (const Step &step : config.chain(kChat)->steps)
        names << step.name;
    return names;
}

} // namespace

class TestChainDesigner : public QObject
{
    Q_OBJECT

private slots:
    void oneCardPerStep();
    void arrowsNameTheClassesThatMoveOn();
    void paletteAddUndoRedo();
    void paletteDropInsertsAtPosition();
    void reorderDeleteDuplicate();
    void cardDragReorders();
    void keyboardEdits();
    void inspectorEditsMergeAndUndo();
    void externalConfigResetsHistory();
    void editBackToStartLeavesNoUndoStep();
    void emptyConfigAndEmptyChain();
    void invalidEditMarksTheRightCard();
    void missingTerminalWarnsOnLastCard();
    void nestedChainOpens();
    void liveOverlay();
    void exportWritesPngAndSvg();
};

void TestChainDesigner::oneCardPerStep()
{
    ChainDesignerPage page;
    const Config demo = demoConfig();
    page.setConfig(demo);
    QCOMPARE(page.currentChain(), kChat);
    const Chain &chat = *demo.chain(kChat);
    QCOMPARE(page.scene()->cardCount(), int(chat.steps.size()));
    for (int i = 0; i < page.scene()->cardCount(); ++i) {
        const StepCardContent &content = page.scene()->card(i)->content();
        QCOMPARE(content.title, chat.steps[std::size_t(i)].name);
        QCOMPARE(content.kind, chat.steps[std::size_t(i)].kind);
        QVERIFY(content.errors.isEmpty());
    }
    QCOMPARE(page.scene()->card(0)->content().target, QStringLiteral("primary/gpt-demo-large"));
    QVERIFY2(page.scene()->card(0)->content().policies.contains(QStringLiteral("retries 2")),
             qPrintable(page.scene()->card(0)->content().policies));
    // The demo is valid: nothing is marked.
    QVERIFY(isValid(page.issues()));
}

void TestChainDesigner::arrowsNameTheClassesThatMoveOn()
{
    Config config = demoConfig();
    config.chains.front().steps[1].onOutcome[OutcomeClass::Status4xx] = StepAction::Next;
    ChainDesignerPage page;
    page.setConfig(config);
    const QString first = page.scene()->arrowLabel(0);
    QVERIFY2(first.contains(QStringLiteral("429")), qPrintable(first));
    QVERIFY2(first.contains(QStringLiteral("after retries: connect · reset · 429 · 5xx")), qPrintable(first));
    QVERIFY2(!first.contains(QStringLiteral("4xx ")) && !first.contains(QStringLiteral("· 4xx")), qPrintable(first));
    QVERIFY2(page.scene()->arrowLabel(1).contains(QStringLiteral("4xx")), qPrintable(page.scene()->arrowLabel(1)));
    QVERIFY(page.scene()->arrowLabel(3).contains(QStringLiteral("miss")));
}

void TestChainDesigner::paletteAddUndoRedo()
{
    ChainDesignerPage page;
    const Config demo = demoConfig();
    page.setConfig(demo);
    QSignalSpy edited(&page, &ChainDesignerPage::configEdited);
    const int row = page.palette()->findEntry(StepKind::Provider, QStringLiteral("local"));
    QVERIFY(row >= 0);
    QVERIFY(page.addStepFromPalette(row, 1));
    const Config after = page.config();
    QCOMPARE(edited.count(), 1);
    QCOMPARE(edited.last().first().value<Config>(), after);
    const Step &added = after.chain(kChat)->steps[1];
    QCOMPARE(added.kind, StepKind::Provider);
    QCOMPARE(added.targets.front().provider, QStringLiteral("local"));
    QCOMPARE(added.targets.front().model, QStringLiteral("llama-demo"));
    QCOMPARE(page.scene()->cardCount(), 6);
    QCOMPARE(page.selectedStep(), 1);

    page.undoStack()->undo();
    QCOMPARE(page.config(), demo);
    QCOMPARE(page.scene()->cardCount(), 5);
    QCOMPARE(edited.last().first().value<Config>(), demo);
    page.undoStack()->redo();
    QCOMPARE(page.config(), after);
    QCOMPARE(edited.count(), 3);
}

void TestChainDesigner::paletteDropInsertsAtPosition()
{
    ChainDesignerPage page;
    const Config demo = demoConfig();
    page.setConfig(demo);
    const int row = page.palette()->findEntry(StepKind::Cache);
    QVERIFY(row >= 0);
    // A drop between the second and third card inserts at index 2.
    const QPointF between(
        40,
        (page.scene()->card(1)->sceneBoundingRect().bottom() + page.scene()->card(2)->sceneBoundingRect().top()) / 2);
    QMimeData mime;
    mime.setData(ChainDesignerScene::paletteMimeType(), page.palette()->payloadAt(row));
    QGraphicsSceneDragDropEvent drop(QEvent::GraphicsSceneDrop);
    drop.setMimeData(&mime);
    drop.setScenePos(between);
    drop.setPossibleActions(Qt::CopyAction);
    drop.setProposedAction(Qt::CopyAction);
    QCoreApplication::sendEvent(page.scene(), &drop);
    QVERIFY(drop.isAccepted());
    QTRY_COMPARE(page.config().chain(kChat)->steps.size(), std::size_t(6));
    QCOMPARE(stepNames(page.config()),
             (QStringList{QStringLiteral("primary"), QStringLiteral("secondary"), QStringLiteral("cache"),
                          QStringLiteral("local"), QStringLiteral("cache"), QStringLiteral("degraded")}));
    QCOMPARE(page.config().chain(kChat)->steps[2].kind, StepKind::Cache);
    page.undoStack()->undo();
    QCOMPARE(page.config(), demo);

    // Foreign drops are refused.
    QMimeData text;
    text.setText(QStringLiteral("hello"));
    QGraphicsSceneDragDropEvent foreign(QEvent::GraphicsSceneDrop);
    foreign.setMimeData(&text);
    foreign.setScenePos(between);
    QCoreApplication::sendEvent(page.scene(), &foreign);
    QVERIFY(!foreign.isAccepted());
    QCoreApplication::processEvents();
    QCOMPARE(page.config(), demo);
}

void TestChainDesigner::reorderDeleteDuplicate()
{
    ChainDesignerPage page;
    const Config demo = demoConfig();
    page.setConfig(demo);

    QVERIFY(page.moveStep(0, 2));
    QCOMPARE(stepNames(page.config()),
             (QStringList{QStringLiteral("secondary"), QStringLiteral("local"), QStringLiteral("primary"),
                          QStringLiteral("cache"), QStringLiteral("degraded")}));
    const Config moved = page.config();
    QCOMPARE(page.scene()->card(2)->content().title, QStringLiteral("primary"));

    QVERIFY(page.removeStep(3));
    QCOMPARE(stepNames(page.config()), (QStringList{QStringLiteral("secondary"), QStringLiteral("local"),
                                                    QStringLiteral("primary"), QStringLiteral("degraded")}));
    const Config removed = page.config();

    QVERIFY(page.duplicateStep(0));
    QCOMPARE(stepNames(page.config()),
             (QStringList{QStringLiteral("secondary"), QStringLiteral("secondary copy"), QStringLiteral("local"),
                          QStringLiteral("primary"), QStringLiteral("degraded")}));
    Step copy = page.config().chain(kChat)->steps[1];
    copy.name = QStringLiteral("secondary");
    QCOMPARE(copy, page.config().chain(kChat)->steps[0]);
    const Config duplicated = page.config();

    QVERIFY(!page.removeStep(17));
    QVERIFY(!page.moveStep(0, 9));
    QCOMPARE(page.undoStack()->count(), 3);

    page.undoStack()->undo();
    QCOMPARE(page.config(), removed);
    page.undoStack()->undo();
    QCOMPARE(page.config(), moved);
    page.undoStack()->undo();
    QCOMPARE(page.config(), demo);
    QCOMPARE(page.scene()->cardCount(), 5);
    page.undoStack()->redo();
    page.undoStack()->redo();
    page.undoStack()->redo();
    QCOMPARE(page.config(), duplicated);
}

void TestChainDesigner::cardDragReorders()
{
    ChainDesignerPage page;
    page.resize(1300, 900);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    const Config demo = demoConfig();
    page.setConfig(demo);
    QGraphicsView *view = page.view();
    StepCardItem *first = page.scene()->card(0);
    const QPoint from = view->mapFromScene(first->sceneBoundingRect().center());
    // Drop it below the centre of the third card.
    const QPoint to = view->mapFromScene(
        QPointF(first->sceneBoundingRect().center().x(), page.scene()->card(2)->sceneBoundingRect().center().y() + 20));
    QTest::mousePress(view->viewport(), Qt::LeftButton, {}, from);
    for (int step = 1; step <= 10; ++step) {
        const QPoint at = from + (to - from) * step / 10;
        QMouseEvent move(QEvent::MouseMove, at, view->viewport()->mapToGlobal(at), Qt::NoButton, Qt::LeftButton,
                         Qt::NoModifier);
        QCoreApplication::sendEvent(view->viewport(), &move);
    }
    QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, to);
    QTRY_COMPARE(stepNames(page.config()),
                 (QStringList{QStringLiteral("secondary"), QStringLiteral("local"), QStringLiteral("primary"),
                              QStringLiteral("cache"), QStringLiteral("degraded")}));
    page.undoStack()->undo();
    QCOMPARE(page.config(), demo);
}

void TestChainDesigner::keyboardEdits()
{
    ChainDesignerPage page;
    page.resize(1300, 900);
    page.show();
    QVERIFY(QTest::qWaitForWindowActive(&page));
    const Config demo = demoConfig();
    page.setConfig(demo);
    page.view()->setFocus();
    QTest::keyClick(page.view(), Qt::Key_Down);
    QCOMPARE(page.selectedStep(), 0);
    QTest::keyClick(page.view(), Qt::Key_Down);
    QTest::keyClick(page.view(), Qt::Key_Down);
    QCOMPARE(page.selectedStep(), 2);
    QTest::keyClick(page.view(), Qt::Key_Up);
    QCOMPARE(page.selectedStep(), 1);
    QVERIFY2(page.view()->accessibleDescription().startsWith(QStringLiteral("Step 2 of 5: secondary")),
             qPrintable(page.view()->accessibleDescription()));

    QTest::keyClick(page.view(), Qt::Key_D, Qt::ControlModifier);
    QCOMPARE(stepNames(page.config()).at(2), QStringLiteral("secondary copy"));
    QCOMPARE(page.selectedStep(), 2);
    QTest::keyClick(page.view(), Qt::Key_Up, Qt::AltModifier);
    QCOMPARE(stepNames(page.config()).mid(0, 3),
             (QStringList{QStringLiteral("primary"), QStringLiteral("secondary copy"), QStringLiteral("secondary")}));
    QCOMPARE(page.selectedStep(), 1);
    QTest::keyClick(page.view(), Qt::Key_Down, Qt::AltModifier);
    QCOMPARE(stepNames(page.config()).at(2), QStringLiteral("secondary copy"));
    QTest::keyClick(page.view(), Qt::Key_Delete);
    QCOMPARE(stepNames(page.config()), stepNames(demo));
    QCOMPARE(page.undoStack()->count(), 4);

    QTest::keyClick(page.view(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(page.config().chain(kChat)->steps.size(), std::size_t(6));
    QTest::keyClick(page.view(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(page.config(), demo);
    for (int i = 0; i < 4; ++i)
        QTest::keyClick(page.view(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(page.config(), demo);
    QVERIFY(!page.undoStack()->canUndo());
}

void TestChainDesigner::inspectorEditsMergeAndUndo()
{
    ChainDesignerPage page;
    const Config demo = demoConfig();
    page.setConfig(demo);
    page.selectStep(0);
    QCOMPARE(page.inspector()->stepIndex(), 0);
    auto *retries = page.inspector()->findChild<QSpinBox *>();
    QVERIFY(retries);
    QSpinBox *retrySpin = nullptr;
    for (QSpinBox *spin : page.inspector()->findChildren<QSpinBox *>()) {
        if (spin->accessibleName() == QStringLiteral("Retries"))
            retrySpin = spin;
    }
    QVERIFY(retrySpin);
    QCOMPARE(retrySpin->value(), 2);
    // Typing 3, then 4: one undo step.
    retrySpin->setValue(3);
    retrySpin->setValue(4);
    QCOMPARE(page.config().chain(kChat)->steps[0].retry.maxRetries, 4);
    QCOMPARE(page.undoStack()->count(), 1);
    // A condition typed as text.
    Step withCondition = page.config().chain(kChat)->steps[0];
    const auto parsed = StepInspector::conditionFromText(QStringLiteral("header x-tier equals gold"));
    QVERIFY(parsed);
    QCOMPARE(parsed->key, QStringLiteral("x-tier"));
    QCOMPARE(StepInspector::conditionToText(*parsed), QStringLiteral("header x-tier equals gold"));
    QVERIFY(!StepInspector::conditionFromText(QStringLiteral("header x-tier sometimes gold")));
    Condition window;
    window.kind = ConditionKind::TimeWindow;
    window.days = 31;
    window.fromMinute = 9 * 60;
    window.toMinute = 17 * 60 + 30;
    QVERIFY(StepInspector::conditionFromText(StepInspector::conditionToText(window)) == window);
    withCondition.conditions.push_back(*parsed);
    QVERIFY(page.replaceStep(0, withCondition));
    QVERIFY2(page.scene()->card(0)->content().detail.contains(QStringLiteral("x-tier")),
             qPrintable(page.scene()->card(0)->content().detail));
    // The chain deadline from the policy form.
    page.policyForm()->deadlineSpin()->setValue(45'000);
    QCOMPARE(page.config().chain(kChat)->policy.deadlineMs, 45'000);
    QCOMPARE(page.undoStack()->count(), 3);
    page.undoStack()->undo();
    page.undoStack()->undo();
    page.undoStack()->undo();
    QCOMPARE(page.config(), demo);
    QCOMPARE(retrySpin->value(), 2);
    QCOMPARE(page.policyForm()->deadlineSpin()->value(), demo.chain(kChat)->policy.deadlineMs);
}

void TestChainDesigner::externalConfigResetsHistory()
{
    ChainDesignerPage page;
    page.setConfig(demoConfig());
    QVERIFY(page.removeStep(0));
    QVERIFY(page.undoStack()->canUndo());
    page.setConfig(page.config()); // the store echoing the saved edit back
    QVERIFY(page.undoStack()->canUndo());
    Config other = demoConfig();
    other.chains.front().policy.maxAttempts = 3;
    page.setConfig(other);
    QVERIFY(!page.undoStack()->canUndo());
    QCOMPARE(page.config(), other);
}

void TestChainDesigner::editBackToStartLeavesNoUndoStep()
{
    ChainDesignerPage page;
    page.setConfig(demoConfig());
    QSpinBox *deadline = page.policyForm()->deadlineSpin();
    deadline->setValue(31'000);
    deadline->setValue(32'000);
    QCOMPARE(page.undoStack()->count(), 1);
    deadline->setValue(demoConfig().chain(kChat)->policy.deadlineMs);
    QCOMPARE(page.config(), demoConfig());
    QCOMPARE(page.undoStack()->count(), 0);
}

void TestChainDesigner::emptyConfigAndEmptyChain()
{
    ChainDesignerPage page;
    page.setConfig(Config{});
    QCOMPARE(page.scene()->cardCount(), 0);
    QVERIFY(page.currentChain().isEmpty());
    QVERIFY(!page.insertStep(0, Step{}));
    QVERIFY(!page.policyForm()->isEnabled());
    const auto exported = page.exportTo(QDir::temp().filePath(QStringLiteral("understudy-empty.png")));
    QVERIFY(!exported.ok());
    QCOMPARE(exported.error().code, QStringLiteral("empty"));

    Config config;
    Chain empty;
    empty.name = QStringLiteral("empty");
    config.chains.push_back(empty);
    page.setConfig(config);
    QCOMPARE(page.currentChain(), QStringLiteral("empty"));
    QVERIFY(page.addStepFromPalette(page.palette()->findEntry(StepKind::Static)));
    QCOMPARE(page.scene()->cardCount(), 1);
    QCOMPARE(page.config().chains.front().steps.front().kind, StepKind::Static);
    page.undoStack()->undo();
    QCOMPARE(page.config(), config);
    // A chain without steps is an error the page shows above the canvas.
    QVERIFY(!isValid(page.issues()));
}

void TestChainDesigner::invalidEditMarksTheRightCard()
{
    ChainDesignerPage page;
    page.setConfig(demoConfig());
    // 1. A deadline shorter than connect + first-byte timeouts: every provider card.
    page.policyForm()->deadlineSpin()->setValue(5'000);
    const auto issues = validateConfig(page.config());
    QVERIFY(!isValid(issues));
    for (int i = 0; i < 3; ++i) {
        const QString path = QStringLiteral("chains[chat].steps[%1]").arg(i);
        QString message;
        for (const ValidationIssue &issue : issues) {
            if (issue.path == path)
                message = issue.message;
        }
        QVERIFY2(message.contains(QStringLiteral("deadline")), qPrintable(path));
        QVERIFY2(page.scene()->card(i)->content().errors.contains(message), qPrintable(path));
        QVERIFY(page.scene()->card(i)->toolTip().contains(message.toHtmlEscaped()));
    }
    QVERIFY(page.scene()->card(3)->content().errors.isEmpty());
    // The inspector repeats the selected step's problems above its form.
    page.selectStep(1);
    QVERIFY2(page.inspector()->problemsText().contains(QStringLiteral("deadline")),
             qPrintable(page.inspector()->problemsText()));
    page.selectStep(3);
    QVERIFY(page.inspector()->problemsText().isEmpty());
    page.undoStack()->undo();
    QVERIFY(page.scene()->card(0)->content().errors.isEmpty());

    // 2. A static step moved to the front makes every later step unreachable.
    QVERIFY(page.moveStep(4, 0));
    QVERIFY(page.scene()->card(0)->content().errors.isEmpty());
    for (int i = 1; i < 5; ++i) {
        QVERIFY2(!page.scene()->card(i)->content().errors.isEmpty(), qPrintable(QString::number(i)));
        QVERIFY(page.scene()->card(i)->content().errors.front().startsWith(QStringLiteral("unreachable")));
    }
    page.undoStack()->undo();
    for (int i = 0; i < 5; ++i)
        QVERIFY(page.scene()->card(i)->content().errors.isEmpty());
}

void TestChainDesigner::missingTerminalWarnsOnLastCard()
{
    ChainDesignerPage page;
    page.setConfig(demoConfig());
    QVERIFY(page.removeStep(4));
    QVERIFY(page.removeStep(3));
    const StepCardContent last = page.scene()->card(2)->content();
    QCOMPARE(last.warnings.size(), qsizetype(1));
    QVERIFY2(last.warnings.front().contains(QStringLiteral("no cache or static step")),
             qPrintable(last.warnings.front()));
    QVERIFY(page.scene()->card(0)->content().warnings.isEmpty());
    QVERIFY(page.scene()->arrowLabel(2).contains(QStringLiteral("502")));
}

void TestChainDesigner::nestedChainOpens()
{
    Config config = demoConfig();
    Chain backup;
    backup.name = QStringLiteral("backup");
    Step canned;
    canned.kind = StepKind::Static;
    canned.name = QStringLiteral("sorry");
    backup.steps.push_back(canned);
    Chain alpha = backup;
    alpha.name = QStringLiteral("alpha"); // listed first in the nested-chain picker
    config.chains.push_back(alpha);
    config.chains.push_back(backup);
    ChainDesignerPage page;
    page.setConfig(config);
    const int row = page.palette()->findEntry(StepKind::Chain, QStringLiteral("backup"));
    QVERIFY(row >= 0);
    QCOMPARE(page.palette()->findEntry(StepKind::Chain, kChat), -1); // no self-nesting offered
    QVERIFY(page.addStepFromPalette(row, 4));
    const StepCardContent nested = page.scene()->card(4)->content();
    QCOMPARE(nested.kind, StepKind::Chain);
    QVERIFY2(nested.policies.contains(QStringLiteral("sorry")), qPrintable(nested.policies)); // expanded in place
    // The inspector keeps naming the nested chain across redraws after edits.
    page.selectStep(4);
    ChainPolicy policy = page.config().chain(kChat)->policy;
    policy.maxAttempts = 5;
    QVERIFY(page.setChainPolicy(policy));
    QComboBox *nestedPicker = nullptr;
    for (QComboBox *combo : page.inspector()->findChildren<QComboBox *>()) {
        if (combo->accessibleName() == QStringLiteral("Nested chain"))
            nestedPicker = combo;
    }
    QVERIFY(nestedPicker);
    QCOMPARE(nestedPicker->currentText(), QStringLiteral("backup"));
    QSignalSpy activated(page.scene(), &ChainDesignerScene::nestedChainActivated);
    emit page.scene()->card(4)->doubleClicked(page.scene()->card(4));
    QCOMPARE(activated.count(), 1);
    QTRY_COMPARE(page.currentChain(), QStringLiteral("backup"));
    QCOMPARE(page.scene()->cardCount(), 1);
}

void TestChainDesigner::liveOverlay()
{
    ChainDesignerPage page;
    page.setConfig(demoConfig());
    QHash<QString, LiveStepStats> stats;
    stats.insert(QStringLiteral("primary/gpt-demo-large"), {120, 4, LiveStepStats::Breaker::Closed});
    stats.insert(QStringLiteral("chat/steps[1]"), {7, 30, LiveStepStats::Breaker::Open});
    page.setLiveStats(stats);
    QVERIFY(page.scene()->card(0)->liveStats() == (LiveStepStats{120, 4, LiveStepStats::Breaker::Closed}));
    QVERIFY(page.scene()->card(1)->liveStats() == (LiveStepStats{7, 30, LiveStepStats::Breaker::Open}));
    QVERIFY(!page.scene()->card(2)->liveStats());
    // Stats survive a redraw after an edit.
    QVERIFY(page.duplicateStep(3));
    QCOMPARE(page.scene()->card(0)->liveStats()->served, qint64(120));
    page.setLiveStats({});
    QVERIFY(!page.scene()->card(0)->liveStats());
}

void TestChainDesigner::exportWritesPngAndSvg()
{
    ChainDesignerPage page;
    page.setConfig(demoConfig());
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString png = dir.filePath(QStringLiteral("chain.png"));
    const QString svg = dir.filePath(QStringLiteral("chain.svg"));
    QVERIFY(page.exportTo(png).ok());
    QVERIFY(page.exportTo(svg).ok());
    QImage image(png);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() > 400 && image.height() > 400);
    // Not a blank page: the cards' kind colours are in it.
    bool coloured = false;
    for (int y = 0; y < image.height() && !coloured; y += 3) {
        for (int x = 0; x < image.width() && !coloured; x += 3) {
            const QColor c = image.pixelColor(x, y);
            coloured = c.saturation() > 120 && c.value() > 80;
        }
    }
    QVERIFY(coloured);
    QFile file(svg);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray svgText = file.readAll();
    QXmlStreamReader xml(svgText);
    QVERIFY(xml.readNextStartElement());
    QVERIFY(xml.name() == u"svg");
    while (!xml.atEnd())
        xml.readNext();
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QSvgRenderer renderer(svg);
    QVERIFY(renderer.isValid());
    QVERIFY(svgText.contains("primary"));

    QVERIFY(!page.exportTo(dir.filePath(QStringLiteral("missing/dir/chain.png"))).ok());
}

QTEST_MAIN(TestChainDesigner)
#include "tst_chaindesigner.moc"
