// The inspector's outcome -> action table: structure checked by
// QAbstractItemModelTester; edits write Step::onOutcome overrides (and
// remove them when the default is chosen again); the page turns a table
// edit into an undoable change of the chain's step.

#include "config/DemoWorkspace.h"
#include "designer/ChainDesignerPage.h"
#include "designer/OutcomeActionModel.h"
#include "designer/StepInspector.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

using namespace understudy;

class TestOutcomeActionModel : public QObject
{
    Q_OBJECT

private slots:
    void rowsAreTheConfigurableClasses();
    void showsDefaultsAndOverrides();
    void editWritesOverride();
    void choosingDefaultRemovesOverride();
    void rejectsNonsense();
    void pageEditIsUndoable();
};

void TestOutcomeActionModel::rowsAreTheConfigurableClasses()
{
    OutcomeActionModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    int configurable = 0;
    for (OutcomeClass outcome : kAllOutcomeClasses)
        configurable += isConfigurableOutcome(outcome) ? 1 : 0;
    QCOMPARE(model.rowCount(), configurable);
    QCOMPARE(model.columnCount(), 3);
    QCOMPARE(model.rowOf(OutcomeClass::Ok), -1);
    QVERIFY(model.rowOf(OutcomeClass::Status5xx) >= 0);
    QCOMPARE(model.index(model.rowOf(OutcomeClass::Status429), OutcomeActionModel::ClassColumn).data().toString(),
             QStringLiteral("status_429"));
    QVERIFY(model.flags(model.index(0, OutcomeActionModel::ActionColumn)) & Qt::ItemIsEditable);
    QVERIFY(!(model.flags(model.index(0, OutcomeActionModel::ClassColumn)) & Qt::ItemIsEditable));
}

void TestOutcomeActionModel::showsDefaultsAndOverrides()
{
    OutcomeActionModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Step step;
    step.onOutcome[OutcomeClass::ContentPolicy] = StepAction::Next;
    model.setStep(step);
    for (int row = 0; row < model.rowCount(); ++row) {
        const OutcomeClass outcome = model.outcomeAt(row);
        QCOMPARE(model.index(row, OutcomeActionModel::ActionColumn).data(OutcomeActionModel::ActionRole).toInt(),
                 int(step.actionFor(outcome)));
    }
    const int policyRow = model.rowOf(OutcomeClass::ContentPolicy);
    QVERIFY(model.index(policyRow, OutcomeActionModel::SourceColumn)
                .data()
                .toString()
                .startsWith(QStringLiteral("override")));
    QCOMPARE(model.index(model.rowOf(OutcomeClass::Status4xx), OutcomeActionModel::ActionColumn).data().toString(),
             OutcomeActionModel::actionLabel(StepAction::Stop));
    QCOMPARE(model.index(model.rowOf(OutcomeClass::Status4xx), OutcomeActionModel::SourceColumn).data().toString(),
             QStringLiteral("default"));
}

void TestOutcomeActionModel::editWritesOverride()
{
    OutcomeActionModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStep(Step{});
    QSignalSpy edited(&model, &OutcomeActionModel::onOutcomeEdited);
    const QModelIndex cell = model.index(model.rowOf(OutcomeClass::Status4xx), OutcomeActionModel::ActionColumn);
    QVERIFY(model.setData(cell, int(StepAction::Next), OutcomeActionModel::ActionRole));
    QCOMPARE(edited.count(), 1);
    QCOMPARE(model.step().onOutcome.size(), std::size_t(1));
    QCOMPARE(model.step().onOutcome.at(OutcomeClass::Status4xx), StepAction::Next);
    QCOMPARE(model.step().actionFor(OutcomeClass::Status4xx), StepAction::Next);
    // By name, as a script or a delegate might pass it.
    const QModelIndex timeout =
        model.index(model.rowOf(OutcomeClass::FirstByteTimeout), OutcomeActionModel::ActionColumn);
    QVERIFY(model.setData(timeout, QStringLiteral("retry")));
    QCOMPARE(model.step().onOutcome.at(OutcomeClass::FirstByteTimeout), StepAction::Retry);
    QCOMPARE(edited.count(), 2);
}

void TestOutcomeActionModel::choosingDefaultRemovesOverride()
{
    OutcomeActionModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Step step;
    step.onOutcome[OutcomeClass::AuthError] = StepAction::Stop;
    model.setStep(step);
    const QModelIndex cell = model.index(model.rowOf(OutcomeClass::AuthError), OutcomeActionModel::ActionColumn);
    QVERIFY(model.setData(cell, int(defaultStepAction(OutcomeClass::AuthError)), OutcomeActionModel::ActionRole));
    QVERIFY(model.step().onOutcome.empty());
    QCOMPARE(cell.data(OutcomeActionModel::ActionRole).toInt(), int(defaultStepAction(OutcomeClass::AuthError)));
}

void TestOutcomeActionModel::rejectsNonsense()
{
    OutcomeActionModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy edited(&model, &OutcomeActionModel::onOutcomeEdited);
    QVERIFY(!model.setData(model.index(0, OutcomeActionModel::ActionColumn), 7, OutcomeActionModel::ActionRole));
    QVERIFY(!model.setData(model.index(0, OutcomeActionModel::ActionColumn), QStringLiteral("maybe")));
    QVERIFY(!model.setData(model.index(0, OutcomeActionModel::ClassColumn), int(StepAction::Next)));
    QCOMPARE(edited.count(), 0);
    QVERIFY(model.step().onOutcome.empty());
}

void TestOutcomeActionModel::pageEditIsUndoable()
{
    ChainDesignerPage page;
    const Config demo = demoConfig();
    page.setConfig(demo);
    page.selectStep(1);
    OutcomeActionModel *model = page.inspector()->outcomeModel();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy edited(&page, &ChainDesignerPage::configEdited);
    const QModelIndex cell = model->index(model->rowOf(OutcomeClass::ContentPolicy), OutcomeActionModel::ActionColumn);
    QVERIFY(model->setData(cell, int(StepAction::Next), OutcomeActionModel::ActionRole));
    QCOMPARE(edited.count(), 1);
    const Step &edited1 = page.config().chain(QStringLiteral("chat"))->steps[1];
    QCOMPARE(edited1.onOutcome.at(OutcomeClass::ContentPolicy), StepAction::Next);
    QVERIFY(page.config().chain(QStringLiteral("chat"))->steps[0].onOutcome.empty());
    page.undoStack()->undo();
    QCOMPARE(page.config(), demo);
    // The table follows the undo.
    QCOMPARE(cell.data(OutcomeActionModel::ActionRole).toInt(), int(defaultStepAction(OutcomeClass::ContentPolicy)));
    page.undoStack()->redo();
    QCOMPARE(page.config().chain(QStringLiteral("chat"))->steps[1].onOutcome.at(OutcomeClass::ContentPolicy),
             StepAction::Next);
}

QTEST_MAIN(TestOutcomeActionModel)
#include "tst_outcomeactionmodel.moc"
