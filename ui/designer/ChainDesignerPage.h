#pragma once

// The visual chain designer, the console's "Chains" page (SPEC §2-§3).
//
// Integration:
//  - setConfig() with the workspace config whenever it changes from outside
//    (load, revision restore, import). A config equal to the current one is
//    ignored; any other replaces the designer's and clears its undo history.
//  - configEdited() carries the whole new Config after every edit, undo and
//    redo. It may be invalid: the designer shows the engine's validation
//    problems on the cards; the store decides whether to save it.
//  - setLiveStats() a few times a second while the gateway runs, keyed by
//    step path ("chat/steps[0]") or target ("provider/model"): each card shows
//    its recent served/failed counts and a breaker-state dot.
//  - undoStack() for the window's Edit menu; the page has its own shortcuts
//    (Ctrl+Z, Ctrl+Shift+Z, Delete, Ctrl+D, Alt+Up/Down on the canvas).
//
// What-if mode runs simulateChain() (the executor's decision code) over
// per-card scripted outcomes and highlights the path it takes.

#include "config/Config.h"
#include "config/Validation.h"
#include "core/Result.h"
#include "designer/DesignerAnalysis.h"
#include "designer/StepCardItem.h"
#include "fallback/RequestFacts.h"

#include <QHash>
#include <QWidget>

#include <map>
#include <optional>

class QAction;
class QComboBox;
class QGraphicsView;
class QLabel;
class QToolButton;
class QUndoStack;

namespace understudy {

class ChainDesignerScene;
class ChainPolicyForm;
class StepInspector;
class StepPalette;
class WhatIfRequestBar;

class ChainDesignerPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChainDesignerPage)

public:
    explicit ChainDesignerPage(QWidget *parent = nullptr);

    void setConfig(const Config &config);
    const Config &config() const { return m_config; }
    QUndoStack *undoStack() const { return m_undo; }

    // The chain on the canvas; defaults to the first chain of the config.
    void setCurrentChain(const QString &chainName);
    QString currentChain() const { return m_chainName; }

    // Edits of the current chain; each is one undo step. False when the
    // index is out of range (nothing changes).
    bool insertStep(int index, const Step &step);
    bool addStepFromPalette(int paletteRow, int index = -1); // -1 = append
    bool removeStep(int index);
    bool duplicateStep(int index);
    bool moveStep(int from, int to);
    bool replaceStep(int index, const Step &step);
    bool setChainPolicy(const ChainPolicy &policy);

    int selectedStep() const;
    void selectStep(int index);

    // The engine's validation of the current config, as drawn on the cards.
    const std::vector<ValidationIssue> &issues() const { return m_issues; }

    // What-if: off while no simulation can be offered (the toggle is disabled).
    void setSimulationAvailable(bool available);
    void setWhatIfMode(bool on);
    bool whatIfMode() const { return m_whatIf; }
    void setWhatIfPreset(int stepIndex, designer::WhatIfPreset preset);
    // Facts that step conditions look at (headers, stream, model, ...).
    void setRequestFacts(const RequestFacts &facts);
    SimulationScript whatIfScript() const;
    const std::optional<SimulationResult> &whatIfResult() const { return m_result; }
    QString whatIfBanner() const;

    void setLiveStats(const QHash<QString, LiveStepStats> &stats);

    // Writes the canvas as SVG (".svg") or PNG (anything else).
    Result<void> exportTo(const QString &path) const;

    ChainDesignerScene *scene() const { return m_scene; }
    QGraphicsView *view() const { return m_view; }
    StepPalette *palette() const { return m_palette; }
    StepInspector *inspector() const { return m_inspector; }
    ChainPolicyForm *policyForm() const { return m_policy; }
    WhatIfRequestBar *requestBar() const { return m_requestBar; }

signals:
    void configEdited(const Config &config);

private:
    void buildActions();
    void pushEdit(const QString &text, const Result<Config> &next, const QString &mergeKey = {});
    void applyConfig(const Config &config, bool notify);
    void remapPresets(const Chain *before, const Chain *after);
    void refresh();
    void refreshChainList();
    void refreshLive();
    void attachWhatIfCombos();
    void runWhatIf();
    void onSelectionChanged(int index);
    void exportInteractively();

    Config m_config;
    QString m_chainName;
    int m_selected = -1;
    std::vector<ValidationIssue> m_issues;
    bool m_whatIf = false;
    std::map<int, designer::WhatIfPreset> m_presets;
    RequestFacts m_facts;
    std::optional<SimulationResult> m_result;
    QHash<QString, LiveStepStats> m_live;

    QUndoStack *m_undo;
    ChainDesignerScene *m_scene;
    QGraphicsView *m_view;
    StepPalette *m_palette;
    StepInspector *m_inspector;
    ChainPolicyForm *m_policy;
    QComboBox *m_chains;
    WhatIfRequestBar *m_requestBar;
    QLabel *m_banner;
    QLabel *m_problems;
    QAction *m_whatIfAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_duplicateAction = nullptr;
    QAction *m_upAction = nullptr;
    QAction *m_downAction = nullptr;
    QToolButton *m_exportButton = nullptr;
};

} // namespace understudy
