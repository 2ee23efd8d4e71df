#include "designer/ChainDesignerPage.h"

#include "designer/ChainDesignerScene.h"
#include "designer/ChainEdits.h"
#include "designer/ChainPolicyForm.h"
#include "designer/ConfigEditCommand.h"
#include "designer/StepInspector.h"
#include "designer/StepPalette.h"
#include "designer/WhatIfRequestBar.h"

#include <QAction>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QGraphicsView>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QMessageBox>
#include <QPainter>
#include <QScrollArea>
#include <QSplitter>
#include <QSvgGenerator>
#include <QToolBar>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

namespace understudy {

ChainDesignerPage::ChainDesignerPage(QWidget *parent)
    : QWidget(parent)
    , m_undo(new QUndoStack(this))
    , m_scene(new ChainDesignerScene(this))
    , m_view(new QGraphicsView(m_scene, this))
    , m_palette(new StepPalette(this))
    , m_inspector(new StepInspector(this))
    , m_policy(new ChainPolicyForm(this))
    , m_chains(new QComboBox(this))
    , m_requestBar(new WhatIfRequestBar(this))
    , m_banner(new QLabel(this))
    , m_problems(new QLabel(this))
{
    setAccessibleName(tr("Chain designer"));
    m_chains->setAccessibleName(tr("Chain"));
    m_chains->setMinimumWidth(160);
    m_view->setAccessibleName(tr("Chain canvas"));
    m_view->setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    m_view->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    m_view->setAcceptDrops(true);
    m_view->setFocusPolicy(Qt::StrongFocus);
    m_view->setBackgroundBrush(QColor(0xf4, 0xf6, 0xf8));
    m_view->setDragMode(QGraphicsView::NoDrag);

    auto *layout = new QVBoxLayout(this);
    auto *toolbar = new QToolBar(this);
    toolbar->setAccessibleName(tr("Chain designer tools"));
    toolbar->addWidget(new QLabel(tr("Chain:"), toolbar));
    toolbar->addWidget(m_chains);
    toolbar->addSeparator();
    layout->addWidget(toolbar);

    m_banner->setWordWrap(true);
    m_banner->setAccessibleName(tr("What-if answer"));
    m_banner->setStyleSheet(QStringLiteral("QLabel { background: #e8f0fe; border: 1px solid #aecbfa; "
                                           "border-radius: 6px; padding: 6px 10px; font-weight: bold; }"));
    m_banner->hide();
    m_requestBar->hide();
    connect(m_requestBar, &WhatIfRequestBar::factsChanged, this, [this](const RequestFacts &facts) {
        m_facts = facts;
        if (m_whatIf)
            runWhatIf();
    });
    m_problems->setWordWrap(true);
    m_problems->setAccessibleName(tr("Chain problems"));
    m_problems->setStyleSheet(QStringLiteral("QLabel { background: #fdecea; border: 1px solid #f4b4ae; "
                                             "border-radius: 6px; padding: 6px 10px; color: #8a1c14; }"));
    m_problems->hide();

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    auto *paletteTitle = new QLabel(tr("<b>Palette</b> — drag onto the chain"), left);
    paletteTitle->setBuddy(m_palette);
    leftLayout->addWidget(paletteTitle);
    leftLayout->addWidget(m_palette, 1);
    leftLayout->addWidget(m_policy);

    auto *center = new QWidget(this);
    auto *centerLayout = new QVBoxLayout(center);
    centerLayout->setContentsMargins(0, 0, 0, 0);
    centerLayout->addWidget(m_problems);
    centerLayout->addWidget(m_requestBar);
    centerLayout->addWidget(m_banner);
    centerLayout->addWidget(m_view, 1);

    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_inspector);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setAccessibleName(tr("Step inspector"));

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(left);
    splitter->addWidget(center);
    splitter->addWidget(scroll);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setStretchFactor(2, 0);
    splitter->setSizes({240, 560, 400});
    layout->addWidget(splitter, 1);

    buildActions();
    QAction *undo = m_undo->createUndoAction(this, tr("Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_undo->createRedoAction(this, tr("Redo"));
    redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    for (QAction *action : {undo, redo}) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
        toolbar->addAction(action);
    }
    toolbar->addSeparator();
    for (QAction *action : {m_deleteAction, m_duplicateAction, m_upAction, m_downAction})
        toolbar->addAction(action);
    toolbar->addSeparator();
    toolbar->addAction(m_whatIfAction);
    m_exportButton = new QToolButton(toolbar);
    m_exportButton->setText(tr("Export…"));
    m_exportButton->setToolTip(tr("Save the chain drawing as PNG or SVG"));
    m_exportButton->setAccessibleName(tr("Export chain drawing"));
    toolbar->addWidget(m_exportButton);
    connect(m_exportButton, &QToolButton::clicked, this, &ChainDesignerPage::exportInteractively);

    connect(m_chains, &QComboBox::activated, this, [this] { setCurrentChain(m_chains->currentText()); });
    connect(m_scene, &ChainDesignerScene::selectedStepChanged, this, &ChainDesignerPage::onSelectionChanged);
    // Queued: these arrive from inside a card's or the scene's own mouse and
    // drop handlers, and the edit rebuilds every card.
    connect(
        m_scene, &ChainDesignerScene::moveRequested, this, [this](int from, int to) { moveStep(from, to); },
        Qt::QueuedConnection);
    connect(m_scene, &ChainDesignerScene::nestedChainActivated, this, &ChainDesignerPage::setCurrentChain,
            Qt::QueuedConnection);
    connect(
        m_scene, &ChainDesignerScene::stepDropped, this,
        [this](int index, const QByteArray &payload) {
            if (auto step = StepPalette::stepFromPayload(payload))
                insertStep(index, *step);
        },
        Qt::QueuedConnection);
    connect(m_palette, &StepPalette::entryActivated, this, [this](const QByteArray &payload) {
        const Chain *chain = m_config.chain(m_chainName);
        if (auto step = StepPalette::stepFromPayload(payload); step && chain)
            insertStep(int(chain->steps.size()), *step);
    });
    connect(m_inspector, &StepInspector::stepEdited, this, [this](int index, const Step &step, const QString &field) {
        pushEdit(tr("Edit %1 of step %2").arg(field).arg(index + 1),
                 designer::replaceStep(m_config, m_chainName, index, step),
                 QStringLiteral("step:%1:%2").arg(index).arg(field));
    });
    connect(m_policy, &ChainPolicyForm::policyEdited, this, [this](const ChainPolicy &policy, const QString &field) {
        pushEdit(tr("Edit chain %1").arg(field), designer::setChainPolicy(m_config, m_chainName, policy),
                 QStringLiteral("policy:") + field);
    });
    refresh();
}

void ChainDesignerPage::buildActions()
{
    auto make = [this](const QString &text, const QKeySequence &key, auto slot) {
        auto *action = new QAction(text, this);
        action->setShortcut(key);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        action->setToolTip(text + QStringLiteral(" (") + key.toString(QKeySequence::NativeText) + u')');
        m_view->addAction(action);
        connect(action, &QAction::triggered, this, slot);
        return action;
    };
    m_deleteAction = make(tr("Delete"), QKeySequence::Delete, [this] { removeStep(selectedStep()); });
    m_duplicateAction = make(tr("Duplicate"), QKeySequence(Qt::CTRL | Qt::Key_D), [this] {
        const int index = selectedStep();
        if (duplicateStep(index))
            selectStep(index + 1);
    });
    m_upAction = make(tr("Move up"), QKeySequence(Qt::ALT | Qt::Key_Up), [this] {
        const int index = selectedStep();
        if (moveStep(index, index - 1))
            selectStep(index - 1);
    });
    m_downAction = make(tr("Move down"), QKeySequence(Qt::ALT | Qt::Key_Down), [this] {
        const int index = selectedStep();
        if (moveStep(index, index + 1))
            selectStep(index + 1);
    });
    // Arrow keys walk the cards, so the canvas works without a mouse.
    auto select = [this](int delta) {
        const int count = m_scene->cardCount();
        if (count > 0)
            selectStep(std::clamp(m_selected < 0 ? 0 : m_selected + delta, 0, count - 1));
    };
    make(tr("Select previous step"), QKeySequence(Qt::Key_Up), [select] { select(-1); });
    make(tr("Select next step"), QKeySequence(Qt::Key_Down), [select] { select(1); });
    m_whatIfAction = new QAction(tr("What if…"), this);
    m_whatIfAction->setCheckable(true);
    m_whatIfAction->setToolTip(tr("Pick an outcome for each step and see the path the gateway would take"));
    connect(m_whatIfAction, &QAction::toggled, this, &ChainDesignerPage::setWhatIfMode);
}

void ChainDesignerPage::setConfig(const Config &config)
{
    if (config == m_config)
        return;
    m_undo->clear();
    m_presets.clear();
    applyConfig(config, false);
}

void ChainDesignerPage::setCurrentChain(const QString &chainName)
{
    if (chainName == m_chainName || !m_config.chain(chainName))
        return;
    m_chainName = chainName;
    m_selected = -1;
    m_presets.clear();
    refresh();
}

void ChainDesignerPage::applyConfig(const Config &config, bool notify)
{
    remapPresets(m_config.chain(m_chainName), config.chain(m_chainName));
    m_config = config;
    if (!m_config.chain(m_chainName))
        m_chainName = m_config.chains.empty() ? QString() : m_config.chains.front().name;
    refresh();
    if (notify)
        emit configEdited(m_config);
}

void ChainDesignerPage::remapPresets(const Chain *before, const Chain *after)
{
    if (m_presets.empty() || !before || !after)
        return;
    // Outcomes picked for a step follow it when steps are added, removed or
    // reordered (also by undo): an unchanged step is found by value; an
    // edited one keeps its place when the chain kept its length.
    std::map<int, designer::WhatIfPreset> moved;
    std::vector<bool> taken(before->steps.size(), false);
    for (std::size_t j = 0; j < after->steps.size(); ++j) {
        std::optional<std::size_t> from;
        for (std::size_t i = 0; i < before->steps.size() && !from; ++i) {
            if (!taken[i] && before->steps[i] == after->steps[j])
                from = i;
        }
        if (!from && before->steps.size() == after->steps.size() && !taken[j])
            from = j;
        if (!from)
            continue;
        taken[*from] = true;
        if (const auto it = m_presets.find(int(*from)); it != m_presets.end())
            moved[int(j)] = it->second;
    }
    m_presets = std::move(moved);
}

void ChainDesignerPage::pushEdit(const QString &text, const Result<Config> &next, const QString &mergeKey)
{
    if (!next || *next == m_config)
        return;
    m_undo->push(new ConfigEditCommand(text, m_config, *next, mergeKey,
                                       [this](const Config &config) { applyConfig(config, true); }));
}

void ChainDesignerPage::refreshChainList()
{
    const QSignalBlocker blocker(m_chains);
    m_chains->clear();
    for (const Chain &chain : m_config.chains)
        m_chains->addItem(chain.name);
    m_chains->setCurrentIndex(m_chains->findText(m_chainName));
}

void ChainDesignerPage::refresh()
{
    refreshChainList();
    m_issues = validateConfig(m_config);
    const designer::ChainIssues issues = designer::issuesForChain(m_config, m_chainName, m_issues);
    const int keepSelected = m_selected;
    m_scene->showChain(m_config, m_chainName, issues);
    m_palette->setConfig(m_config, m_chainName);
    m_inspector->setContext(m_config, m_chainName);
    const Chain *chain = m_config.chain(m_chainName);
    if (chain)
        m_policy->setPolicy(chain->policy);
    m_policy->setEnabled(chain != nullptr);

    QStringList problems;
    for (const ValidationIssue &issue : issues.chain) {
        problems << (issue.severity == ValidationIssue::Severity::Error ? tr("Error: %1") : tr("Warning: %1"))
                        .arg(issue.message.toHtmlEscaped());
    }
    m_problems->setText(problems.join(QStringLiteral("<br>")));
    m_problems->setVisible(!problems.isEmpty());

    m_selected = -1;
    if (chain && keepSelected >= 0)
        selectStep(std::min(keepSelected, int(chain->steps.size()) - 1));
    else
        onSelectionChanged(-1);
    refreshLive();
    if (m_whatIf) {
        attachWhatIfCombos();
        runWhatIf();
    }
}

int ChainDesignerPage::selectedStep() const
{
    return m_selected;
}

void ChainDesignerPage::selectStep(int index)
{
    m_scene->selectIndex(index);
}

void ChainDesignerPage::onSelectionChanged(int index)
{
    m_selected = index;
    const Chain *chain = m_config.chain(m_chainName);
    if (chain && index >= 0 && std::size_t(index) < chain->steps.size()) {
        m_inspector->setStep(index, chain->steps[std::size_t(index)]);
        const StepCardContent &content = m_scene->card(index)->content();
        m_inspector->setProblems(content.errors, content.warnings);
    } else {
        m_inspector->clearStep();
    }
    const bool has = m_selected >= 0;
    const int count = chain ? int(chain->steps.size()) : 0;
    // Screen readers hear the selected card: title, kind, target and problems.
    if (const StepCardItem *card = m_scene->card(index)) {
        const StepCardContent &c = card->content();
        QStringList parts{tr("Step %1 of %2: %3, %4").arg(index + 1).arg(count).arg(c.title, stepKindName(c.kind)),
                          c.target, c.policies, c.detail};
        parts += c.errors;
        parts += c.warnings;
        parts.removeAll(QString());
        m_view->setAccessibleDescription(parts.join(QStringLiteral(". ")));
    } else {
        m_view->setAccessibleDescription(tr("No step selected"));
    }
    m_deleteAction->setEnabled(has);
    m_duplicateAction->setEnabled(has);
    m_upAction->setEnabled(has && m_selected > 0);
    m_downAction->setEnabled(has && m_selected + 1 < count);
}

bool ChainDesignerPage::insertStep(int index, const Step &step)
{
    auto next = designer::insertStep(m_config, m_chainName, index, step);
    if (!next)
        return false;
    pushEdit(tr("Add step %1").arg(designer::stepTitle(step, index)), next);
    selectStep(index);
    return true;
}

bool ChainDesignerPage::addStepFromPalette(int paletteRow, int index)
{
    const Chain *chain = m_config.chain(m_chainName);
    auto step = StepPalette::stepFromPayload(m_palette->payloadAt(paletteRow));
    if (!chain || !step)
        return false;
    return insertStep(index < 0 ? int(chain->steps.size()) : index, *step);
}

bool ChainDesignerPage::removeStep(int index)
{
    auto next = designer::removeStep(m_config, m_chainName, index);
    if (!next)
        return false;
    pushEdit(tr("Delete step %1").arg(index + 1), next);
    return true;
}

bool ChainDesignerPage::duplicateStep(int index)
{
    auto next = designer::duplicateStep(m_config, m_chainName, index);
    if (!next)
        return false;
    pushEdit(tr("Duplicate step %1").arg(index + 1), next);
    return true;
}

bool ChainDesignerPage::moveStep(int from, int to)
{
    auto next = designer::moveStep(m_config, m_chainName, from, to);
    if (!next || from == to)
        return false;
    pushEdit(tr("Move step %1 to %2").arg(from + 1).arg(to + 1), next);
    return true;
}

bool ChainDesignerPage::replaceStep(int index, const Step &step)
{
    auto next = designer::replaceStep(m_config, m_chainName, index, step);
    if (!next)
        return false;
    pushEdit(tr("Edit step %1").arg(index + 1), next);
    return true;
}

bool ChainDesignerPage::setChainPolicy(const ChainPolicy &policy)
{
    auto next = designer::setChainPolicy(m_config, m_chainName, policy);
    if (!next)
        return false;
    pushEdit(tr("Edit chain policy"), next);
    return true;
}

// ------------------------------------------------------------------ what if

void ChainDesignerPage::setSimulationAvailable(bool available)
{
    m_whatIfAction->setEnabled(available);
    if (!available)
        setWhatIfMode(false);
}

void ChainDesignerPage::setWhatIfMode(bool on)
{
    if (on == m_whatIf)
        return;
    m_whatIf = on;
    {
        const QSignalBlocker blocker(m_whatIfAction);
        m_whatIfAction->setChecked(on);
    }
    if (!on) {
        for (int i = 0; i < m_scene->cardCount(); ++i)
            m_scene->card(i)->setOutcomeCombo(nullptr);
        m_result.reset();
        m_scene->setWhatIfResult(m_chainName, std::nullopt);
        m_banner->hide();
        m_requestBar->hide();
        refreshLive();
        return;
    }
    m_requestBar->show();
    attachWhatIfCombos();
    runWhatIf();
}

void ChainDesignerPage::setWhatIfPreset(int stepIndex, designer::WhatIfPreset preset)
{
    m_presets[stepIndex] = preset;
    if (StepCardItem *card = m_scene->card(stepIndex); card && card->outcomeCombo()) {
        QComboBox *combo = card->outcomeCombo();
        const QSignalBlocker blocker(combo);
        combo->setCurrentIndex(combo->findData(int(preset)));
    }
    if (m_whatIf)
        runWhatIf();
}

void ChainDesignerPage::setRequestFacts(const RequestFacts &facts)
{
    m_facts = facts;
    m_requestBar->setFacts(facts);
    if (m_whatIf)
        runWhatIf();
}

void ChainDesignerPage::attachWhatIfCombos()
{
    const Chain *chain = m_config.chain(m_chainName);
    for (int i = 0; i < m_scene->cardCount(); ++i) {
        StepCardItem *card = m_scene->card(i);
        const auto presets =
            chain ? designer::presetsFor(chain->steps[std::size_t(i)].kind) : std::vector<designer::WhatIfPreset>{};
        if (presets.empty()) {
            card->setOutcomeCombo(nullptr);
            continue;
        }
        auto *combo = new QComboBox;
        combo->setAccessibleName(tr("Scripted outcome of step %1").arg(i + 1));
        for (designer::WhatIfPreset preset : presets)
            combo->addItem(designer::presetLabel(preset), int(preset));
        const auto it = m_presets.find(i);
        combo->setCurrentIndex(it == m_presets.end() ? 0 : std::max(0, combo->findData(int(it->second))));
        connect(combo, &QComboBox::activated, this,
                [this, i, combo] { setWhatIfPreset(i, designer::WhatIfPreset(combo->currentData().toInt())); });
        card->setOutcomeCombo(combo);
    }
}

SimulationScript ChainDesignerPage::whatIfScript() const
{
    return designer::buildScript(m_config, m_chainName, m_presets);
}

void ChainDesignerPage::runWhatIf()
{
    auto result = simulateChain(m_config, m_chainName, whatIfScript(), m_facts);
    if (!result) {
        m_result.reset();
        m_scene->setWhatIfResult(m_chainName, std::nullopt);
        m_banner->setText(result.error().message);
        m_banner->show();
        return;
    }
    m_result = *result;
    m_scene->setWhatIfResult(m_chainName, m_result);
    m_banner->setText(whatIfBanner());
    const bool error = m_result->answer == AnswerKind::Error;
    m_banner->setStyleSheet(error ? QStringLiteral("QLabel { background: #fdecea; border: 1px solid #f4b4ae; "
                                                   "border-radius: 6px; padding: 6px 10px; font-weight: bold; }")
                                  : QStringLiteral("QLabel { background: #e6f4ea; border: 1px solid #a8dab5; "
                                                   "border-radius: 6px; padding: 6px 10px; font-weight: bold; }"));
    m_banner->show();
}

QString ChainDesignerPage::whatIfBanner() const
{
    return m_result ? designer::answerSummary(m_config, m_chainName, *m_result) : QString();
}

// -------------------------------------------------------------------- live

void ChainDesignerPage::setLiveStats(const QHash<QString, LiveStepStats> &stats)
{
    m_live = stats;
    refreshLive();
}

void ChainDesignerPage::refreshLive()
{
    const Chain *chain = m_config.chain(m_chainName);
    for (int i = 0; i < m_scene->cardCount(); ++i) {
        StepCardItem *card = m_scene->card(i);
        std::optional<LiveStepStats> stats;
        if (const auto it = m_live.constFind(designer::stepPath(m_chainName, i)); it != m_live.constEnd()) {
            stats = *it;
        } else if (chain) {
            // Sum over the step's targets; the worst breaker state wins.
            for (const Target &target : chain->steps[std::size_t(i)].targets) {
                const auto hit = m_live.constFind(target.provider + u'/' + target.model);
                if (hit == m_live.constEnd())
                    continue;
                if (!stats)
                    stats = LiveStepStats{};
                stats->served += hit->served;
                stats->failed += hit->failed;
                stats->breaker = std::max(stats->breaker, hit->breaker, [](auto a, auto b) {
                    auto rank = [](LiveStepStats::Breaker s) {
                        return s == LiveStepStats::Breaker::Open       ? 3
                               : s == LiveStepStats::Breaker::HalfOpen ? 2
                               : s == LiveStepStats::Breaker::Closed   ? 1
                                                                       : 0;
                    };
                    return rank(a) < rank(b);
                });
            }
        }
        card->setLiveStats(stats);
    }
}

// ------------------------------------------------------------------ export

Result<void> ChainDesignerPage::exportTo(const QString &path) const
{
    const QRectF source = m_scene->itemsBoundingRect().adjusted(-16, -16, 16, 16);
    if (m_scene->cardCount() == 0)
        return Error{QStringLiteral("empty"), tr("There is no chain to export.")};
    if (QFileInfo(path).suffix().compare(QStringLiteral("svg"), Qt::CaseInsensitive) == 0) {
        QSvgGenerator generator;
        generator.setFileName(path);
        generator.setSize(source.size().toSize());
        generator.setViewBox(QRectF(QPointF(0, 0), source.size()));
        generator.setTitle(tr("Chain %1").arg(m_chainName));
        generator.setDescription(tr("Fallback chain exported from Understudy"));
        QPainter painter;
        if (!painter.begin(&generator))
            return Error{QStringLiteral("io_error"), tr("Cannot write \"%1\".").arg(path)};
        painter.fillRect(QRectF(QPointF(0, 0), source.size()), Qt::white);
        m_scene->render(&painter, QRectF(QPointF(0, 0), source.size()), source);
        painter.end();
        if (!QFileInfo(path).exists() || QFileInfo(path).size() == 0)
            return Error{QStringLiteral("io_error"), tr("Cannot write \"%1\".").arg(path)};
        return {};
    }
    const qreal scale = 2.0; // crisp in documentation on high-density screens
    QImage image((source.size() * scale).toSize(), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
        m_scene->render(&painter, QRectF(QPointF(0, 0), image.size()), source);
    }
    if (!image.save(path, "PNG"))
        return Error{QStringLiteral("io_error"), tr("Cannot write \"%1\".").arg(path)};
    return {};
}

void ChainDesignerPage::exportInteractively()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export chain"), m_chainName + QStringLiteral(".svg"),
                                                      tr("SVG drawing (*.svg);;PNG image (*.png)"));
    if (path.isEmpty())
        return;
    if (const auto written = exportTo(path); !written)
        QMessageBox::warning(this, tr("Export chain"), written.error().message);
}

} // namespace understudy
