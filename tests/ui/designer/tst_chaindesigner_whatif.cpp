// "What if" mode of the chain designer: for scripted outcomes picked on the
// cards, the highlighted path (attempt numbers per card, marks, arrows) and
// the client's answer in the banner must equal what the engine's own
// simulateChain() decides for the same script, written out here by hand.
// Also covers the mapping of validation issues and simulation paths onto
// cards.

#include "config/DemoWorkspace.h"
#include "designer/ChainDesignerPage.h"
#include "designer/ChainDesignerScene.h"
#include "designer/DesignerAnalysis.h"
#include "designer/StepCardItem.h"
#include "designer/WhatIfRequestBar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QTest>
#include <QUndoStack>

using namespace understudy;
using designer::WhatIfPreset;

namespace {

const QString kChat = QStringLiteral("chat");

ScriptedAttempt attempt(OutcomeClass outcome, int status, qint64 durationMs)
{
    ScriptedAttempt a;
    a.outcome = outcome;
    a.status = status;
    a.durationMs = durationMs;
    return a;
}

bool sameAttempts(const std::vector<ScriptedAttempt> &a, const std::vector<ScriptedAttempt> &b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].outcome != b[i].outcome || a[i].status != b[i].status || a[i].durationMs != b[i].durationMs ||
            a[i].retryAfterMs != b[i].retryAfterMs)
            return false;
    }
    return true;
}

} // namespace

class TestChainDesignerWhatIf : public QObject
{
    Q_OBJECT

private slots:
    void pathMatchesEngine_data();
    void pathMatchesEngine();
    void combosDriveTheScript();
    void groupMembersShareThePreset();
    void leavingWhatIfClearsMarks();
    void presetsFollowTheirSteps();
    void conditionsSeeTheImaginedRequest();
    void issuesLandOnTheirCards();
    void pathIndexParsing();
};

void TestChainDesignerWhatIf::pathMatchesEngine_data()
{
    QTest::addColumn<QList<int>>("steps");
    QTest::addColumn<QList<int>>("presets");
    QTest::addColumn<int>("expectedStatus");
    QTest::addColumn<int>("expectedServedBy");

    // 1: primary answers 503 forever, secondary times out, local answers.
    QTest::newRow("503 forever, then timeout")
        << QList<int>{0, 1} << QList<int>{int(WhatIfPreset::Status503Forever), int(WhatIfPreset::FirstByteTimeout)}
        << 200 << 2;
    // 2: every provider down, cache empty: the static step answers.
    QTest::newRow("all down, cache miss")
        << QList<int>{0, 1, 2, 3}
        << QList<int>{int(WhatIfPreset::Status503Forever), int(WhatIfPreset::ConnectError),
                      int(WhatIfPreset::Status429Forever), int(WhatIfPreset::CacheMiss)}
        << 200 << 4;
    // 3: a content-policy refusal stops at the first step (SPEC default: stop).
    QTest::newRow("content policy stops") << QList<int>{0} << QList<int>{int(WhatIfPreset::ContentPolicy)} << 400 << 0;
    // 4: one 503 then success on the same target (retry).
    QTest::newRow("503 once retries") << QList<int>{0} << QList<int>{int(WhatIfPreset::Status503Once)} << 200 << 0;
}

void TestChainDesignerWhatIf::pathMatchesEngine()
{
    QFETCH(QList<int>, steps);
    QFETCH(QList<int>, presets);
    QFETCH(int, expectedStatus);
    QFETCH(int, expectedServedBy);

    const Config demo = demoConfig();
    const Chain &chat = *demo.chain(kChat);
    ChainDesignerPage page;
    page.setConfig(demo);
    page.setWhatIfMode(true);
    for (qsizetype i = 0; i < steps.size(); ++i)
        page.setWhatIfPreset(steps[i], WhatIfPreset(presets[i]));

    // The same scenario written by hand as the engine's script.
    SimulationScript script;
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const Step &step = chat.steps[std::size_t(steps[i])];
        const QString path = kChat + QStringLiteral("/steps[%1]").arg(steps[i]);
        switch (WhatIfPreset(presets[i])) {
        case WhatIfPreset::Status503Forever:
            script.attempts[path] = {attempt(OutcomeClass::Status5xx, 503, designer::kScriptedErrorMs)};
            break;
        case WhatIfPreset::Status503Once:
            script.attempts[path] = {attempt(OutcomeClass::Status5xx, 503, designer::kScriptedErrorMs),
                                     attempt(OutcomeClass::Ok, 0, designer::kScriptedAnswerMs)};
            break;
        case WhatIfPreset::FirstByteTimeout:
            script.attempts[path] = {
                attempt(OutcomeClass::FirstByteTimeout, 0, step.timeouts.connectMs + step.timeouts.firstByteMs)};
            break;
        case WhatIfPreset::ConnectError:
            script.attempts[path] = {attempt(OutcomeClass::ConnectError, 0, designer::kScriptedResetMs)};
            break;
        case WhatIfPreset::Status429Forever:
            script.attempts[path] = {attempt(OutcomeClass::Status429, 429, designer::kScriptedErrorMs)};
            break;
        case WhatIfPreset::ContentPolicy:
            script.attempts[path] = {attempt(OutcomeClass::ContentPolicy, 400, designer::kScriptedErrorMs)};
            break;
        case WhatIfPreset::CacheMiss:
            script.attempts[path] = {attempt(OutcomeClass::Status5xx, 0, 0)};
            break;
        default:
            QFAIL("preset not covered by this test");
        }
    }
    const SimulationScript pageScript = page.whatIfScript();
    QCOMPARE(pageScript.attempts.size(), script.attempts.size());
    for (const auto &[path, attempts] : script.attempts) {
        QVERIFY2(pageScript.attempts.count(path), qPrintable(path));
        QVERIFY2(sameAttempts(pageScript.attempts.at(path), attempts), qPrintable(path));
    }

    const auto expected = simulateChain(demo, kChat, script, RequestFacts{});
    QVERIFY(expected.ok());
    QCOMPARE(expected->status, expectedStatus);
    QCOMPARE(designer::stepIndexOfPath(kChat, expected->servedBy), expectedServedBy);

    // Step by step: the attempt numbers drawn on each card are the engine's.
    ChainDesignerScene *scene = page.scene();
    std::map<int, std::vector<int>> engineAttempts;
    for (std::size_t i = 0; i < expected->path.size(); ++i) {
        const QString &path = expected->path[i].stepPath;
        const int index = path.mid(kChat.size() + 7, path.indexOf(u']') - kChat.size() - 7).toInt();
        engineAttempts[index].push_back(int(i) + 1);
    }
    int furthest = -1;
    for (int i = 0; i < scene->cardCount(); ++i) {
        const StepCardItem *card = scene->card(i);
        const auto it = engineAttempts.find(i);
        const std::vector<int> want = it == engineAttempts.end() ? std::vector<int>{} : it->second;
        QCOMPARE(card->whatIfAttempts(), want);
        if (!want.empty())
            furthest = i;
        if (i == expectedServedBy)
            QCOMPARE(card->whatIfMark(),
                     expected->answer == AnswerKind::Error ? WhatIfMark::Stopped : WhatIfMark::Answered);
        else if (want.empty())
            QCOMPARE(card->whatIfMark(), WhatIfMark::NotReached);
        else
            QCOMPARE(card->whatIfMark(), WhatIfMark::Passed);
    }
    QCOMPARE(furthest, expectedServedBy);
    for (int i = 0; i + 1 < scene->cardCount(); ++i)
        QCOMPARE(scene->arrowTaken(i), i < expectedServedBy);

    // The banner states what the client gets.
    QVERIFY(page.whatIfResult().has_value());
    QCOMPARE(page.whatIfResult()->status, expected->status);
    QCOMPARE(page.whatIfResult()->elapsedMs, expected->elapsedMs);
    QCOMPARE(page.whatIfResult()->attempts, expected->attempts);
    const QString banner = page.whatIfBanner();
    QVERIFY2(banner.contains(QString::number(expected->status)), qPrintable(banner));
    QVERIFY2(banner.contains(chat.steps[std::size_t(expectedServedBy)].name), qPrintable(banner));
    QVERIFY2(banner.contains(QStringLiteral("%1 attempt").arg(expected->attempts)), qPrintable(banner));
}

void TestChainDesignerWhatIf::combosDriveTheScript()
{
    ChainDesignerPage page;
    page.setConfig(demoConfig());
    page.setWhatIfMode(true);
    StepCardItem *first = page.scene()->card(0);
    QVERIFY(first->outcomeCombo());
    QVERIFY(!page.scene()->card(4)->outcomeCombo()); // static: nothing to script
    QComboBox *combo = first->outcomeCombo();
    const int row = combo->findData(int(WhatIfPreset::AuthError));
    QVERIFY(row > 0);
    combo->setCurrentIndex(row);
    emit combo->activated(row);
    const SimulationScript script = page.whatIfScript();
    QCOMPARE(script.attempts.size(), std::size_t(1));
    QCOMPARE(script.attempts.at(QStringLiteral("chat/steps[0]")).front().outcome, OutcomeClass::AuthError);
    // auth_error moves on (SPEC default): the secondary answers.
    QCOMPARE(page.whatIfResult()->servedBy, QStringLiteral("chat/steps[1]"));
    QCOMPARE(page.scene()->card(1)->whatIfMark(), WhatIfMark::Answered);
    // Presets survive an unrelated edit (cards are rebuilt).
    ChainPolicy policy = page.config().chain(kChat)->policy;
    policy.maxAttempts = 7;
    QVERIFY(page.setChainPolicy(policy));
    QCOMPARE(page.scene()->card(0)->outcomeCombo()->currentData().toInt(), int(WhatIfPreset::AuthError));
    QCOMPARE(page.whatIfResult()->servedBy, QStringLiteral("chat/steps[1]"));
}

void TestChainDesignerWhatIf::groupMembersShareThePreset()
{
    Config config = demoConfig();
    Chain &chat = config.chains.front();
    Step group;
    group.kind = StepKind::Group;
    group.name = QStringLiteral("pool");
    group.targets = {Target{QStringLiteral("primary"), QStringLiteral("gpt-demo-large"), 1, {}},
                     Target{QStringLiteral("secondary"), QStringLiteral("gpt-demo-small"), 1, {}}};
    chat.steps.insert(chat.steps.begin(), group);
    const SimulationScript script = designer::buildScript(config, kChat, {{0, WhatIfPreset::Status503Forever}});
    QCOMPARE(script.attempts.size(), std::size_t(2));
    QVERIFY(script.attempts.count(QStringLiteral("chat/steps[0]/members[0]")));
    QVERIFY(script.attempts.count(QStringLiteral("chat/steps[0]/members[1]")));

    ChainDesignerPage page;
    page.setConfig(config);
    page.setWhatIfMode(true);
    page.setWhatIfPreset(0, WhatIfPreset::Status503Forever);
    const auto expected = simulateChain(config, kChat, script, RequestFacts{});
    QVERIFY(expected.ok());
    QCOMPARE(page.whatIfResult()->servedBy, expected->servedBy);
    // Every member attempt (with its retries) is drawn on the group card.
    std::vector<int> want;
    for (std::size_t i = 0; i < expected->path.size(); ++i) {
        if (expected->path[i].stepPath.startsWith(QStringLiteral("chat/steps[0]/")))
            want.push_back(int(i) + 1);
    }
    QVERIFY(want.size() >= 2);
    QCOMPARE(page.scene()->card(0)->whatIfAttempts(), want);
}

void TestChainDesignerWhatIf::leavingWhatIfClearsMarks()
{
    ChainDesignerPage page;
    page.setConfig(demoConfig());
    page.setWhatIfMode(true);
    page.setWhatIfPreset(0, WhatIfPreset::Status503Forever);
    QCOMPARE(page.scene()->card(3)->whatIfMark(), WhatIfMark::NotReached);
    page.setWhatIfMode(false);
    QVERIFY(!page.whatIfResult().has_value());
    for (int i = 0; i < page.scene()->cardCount(); ++i) {
        QCOMPARE(page.scene()->card(i)->whatIfMark(), WhatIfMark::None);
        QVERIFY(!page.scene()->card(i)->outcomeCombo());
    }
    page.setWhatIfMode(true);
    QVERIFY(page.whatIfMode());
    // When the integrator withdraws simulation, what-if mode ends.
    page.setSimulationAvailable(false);
    QVERIFY(!page.whatIfMode());
    QVERIFY(!page.scene()->card(0)->outcomeCombo());
}

void TestChainDesignerWhatIf::presetsFollowTheirSteps()
{
    ChainDesignerPage page;
    page.setConfig(demoConfig());
    page.setWhatIfMode(true);
    page.setWhatIfPreset(0, WhatIfPreset::Status503Forever); // primary
    page.setWhatIfPreset(2, WhatIfPreset::ConnectError);     // local
    auto presetOf = [&page](int index) {
        const QComboBox *combo = page.scene()->card(index)->outcomeCombo();
        return combo ? WhatIfPreset(combo->currentData().toInt()) : WhatIfPreset::Ok;
    };
    // Move primary to the third place: its 503 goes with it.
    QVERIFY(page.moveStep(0, 2));
    QCOMPARE(page.config().chain(kChat)->steps[2].name, QStringLiteral("primary"));
    QCOMPARE(presetOf(2), WhatIfPreset::Status503Forever);
    QCOMPARE(presetOf(1), WhatIfPreset::ConnectError); // local moved up
    QCOMPARE(presetOf(0), WhatIfPreset::Ok);
    QVERIFY(page.whatIfScript().attempts.count(QStringLiteral("chat/steps[2]")));
    // Undo puts both back.
    page.undoStack()->undo();
    QCOMPARE(presetOf(0), WhatIfPreset::Status503Forever);
    QCOMPARE(presetOf(2), WhatIfPreset::ConnectError);
    // Deleting a step shifts the later ones' outcomes up.
    QVERIFY(page.removeStep(1));
    QCOMPARE(presetOf(0), WhatIfPreset::Status503Forever);
    QCOMPARE(presetOf(1), WhatIfPreset::ConnectError);
    const auto expected = simulateChain(page.config(), kChat, page.whatIfScript(), RequestFacts{});
    QVERIFY(expected.ok());
    QCOMPARE(page.whatIfResult()->servedBy, expected->servedBy);
    QCOMPARE(page.whatIfResult()->servedBy, QStringLiteral("chat/steps[2]")); // the cache
}

void TestChainDesignerWhatIf::conditionsSeeTheImaginedRequest()
{
    Config config = demoConfig();
    Condition gold;
    gold.kind = ConditionKind::Header;
    gold.key = QStringLiteral("x-tier");
    gold.value = QStringLiteral("gold");
    Condition streaming;
    streaming.kind = ConditionKind::Stream;
    streaming.value = QStringLiteral("true");
    config.chains.front().steps[0].conditions = {gold, streaming};
    ChainDesignerPage page;
    page.setConfig(config);
    page.setWhatIfMode(true);
    QVERIFY(page.requestBar()->isVisibleTo(&page));

    // A plain request skips the premium streaming step.
    auto expected = simulateChain(config, kChat, page.whatIfScript(), page.requestBar()->facts());
    QVERIFY(expected.ok());
    QCOMPARE(expected->path.front().outcome, OutcomeClass::SkippedCondition);
    QCOMPARE(page.whatIfResult()->servedBy, expected->servedBy);
    QCOMPARE(page.whatIfResult()->servedBy, QStringLiteral("chat/steps[1]"));
    QCOMPARE(page.scene()->card(0)->whatIfAttempts(), std::vector<int>{1});

    // The operator imagines a gold streaming request: the first step runs it.
    page.requestBar()->findChild<QCheckBox *>()->setChecked(true);
    QLineEdit *headers = nullptr;
    for (QLineEdit *edit : page.requestBar()->findChildren<QLineEdit *>()) {
        if (edit->accessibleName() == QStringLiteral("Request headers"))
            headers = edit;
    }
    QVERIFY(headers);
    headers->setText(QStringLiteral("x-team: search; x-tier: gold"));
    const RequestFacts facts = page.requestBar()->facts();
    QVERIFY(facts.stream);
    QCOMPARE(facts.headers.size(), std::size_t(2));
    expected = simulateChain(config, kChat, page.whatIfScript(), facts);
    QVERIFY(expected.ok());
    QCOMPARE(expected->servedBy, QStringLiteral("chat/steps[0]"));
    QCOMPARE(page.whatIfResult()->servedBy, expected->servedBy);
    QCOMPARE(page.scene()->card(0)->whatIfMark(), WhatIfMark::Answered);

    // Facts set by the integrator show in the bar and drive the run.
    RequestFacts silver;
    silver.stream = true;
    silver.headers = {{QByteArray("x-tier"), QByteArray("silver")}};
    page.setRequestFacts(silver);
    QCOMPARE(headers->text(), QStringLiteral("x-tier: silver"));
    QCOMPARE(page.whatIfResult()->servedBy, QStringLiteral("chat/steps[1]"));
}

void TestChainDesignerWhatIf::issuesLandOnTheirCards()
{
    Config config = demoConfig();
    std::vector<ValidationIssue> issues{
        {ValidationIssue::Severity::Error, QStringLiteral("chains[chat].steps[2].retry.max_retries"),
         QStringLiteral("a")},
        {ValidationIssue::Severity::Error, QStringLiteral("chains[chat].steps[12]"), QStringLiteral("b")},
        {ValidationIssue::Severity::Error, QStringLiteral("chains[chat].steps[1]x"), QStringLiteral("c")},
        {ValidationIssue::Severity::Warning, QStringLiteral("chains[chat]"), QStringLiteral("d")},
        {ValidationIssue::Severity::Error, QStringLiteral("chains[chat].policy.deadline_ms"), QStringLiteral("e")},
        {ValidationIssue::Severity::Error, QStringLiteral("chains[chatty].steps[0]"), QStringLiteral("f")},
        {ValidationIssue::Severity::Error, QStringLiteral("routes[chat].chain"), QStringLiteral("g")},
    };
    const designer::ChainIssues mapped = designer::issuesForChain(config, kChat, issues);
    QCOMPARE(mapped.steps.at(2).size(), std::size_t(1));
    QCOMPARE(mapped.steps.at(2).front().message, QStringLiteral("a"));
    QCOMPARE(mapped.steps.at(12).front().message, QStringLiteral("b"));
    // The chain-level warning also sits on the last card, where a terminal step belongs.
    QCOMPARE(mapped.steps.at(4).front().message, QStringLiteral("d"));
    QStringList chainLevel;
    for (const auto &issue : mapped.chain)
        chainLevel << issue.message;
    QCOMPARE(chainLevel, (QStringList{QStringLiteral("c"), QStringLiteral("d"), QStringLiteral("e")}));
    QCOMPARE(mapped.steps.size(), std::size_t(3));
}

void TestChainDesignerWhatIf::pathIndexParsing()
{
    QCOMPARE(designer::stepIndexOfPath(kChat, QStringLiteral("chat/steps[3]")), 3);
    QCOMPARE(designer::stepIndexOfPath(kChat, QStringLiteral("chat/steps[11]/members[0]")), 11);
    QCOMPARE(designer::stepIndexOfPath(kChat, QStringLiteral("chat/steps[2]/backup/steps[0]")), 2);
    QCOMPARE(designer::stepIndexOfPath(kChat, QStringLiteral("chatty/steps[2]")), -1);
    QCOMPARE(designer::stepIndexOfPath(kChat, QStringLiteral("chat/steps[x]")), -1);
}

QTEST_MAIN(TestChainDesignerWhatIf)
#include "tst_chaindesigner_whatif.moc"
