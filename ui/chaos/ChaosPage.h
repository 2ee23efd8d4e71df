#pragma once

// The console's Chaos page (SPEC §7, issue 8): inject a fault in front of a
// provider (optionally one model) for a bounded time, or a one-click
// scenario; watch the active injections count down and stop them early;
// drive the gateway with the built-in load generator.
//
// Wiring (the integrator):
//   page->setChaos(engineHost->chaos());       // once
//   page->setBaseUrl(engineHost->baseUrl());    // and whenever it changes
//   page->setConfig(snapshot);                  // on every config change
// The page polls ChaosRegistry::list() once a second while visible, so
// injections started through the admin API show up too.

#include "config/Config.h"
#include "fallback/ChaosRegistry.h"

#include <QTimer>
#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableView;
class QVBoxLayout;

namespace understudy {

class ChaosFaultForm;
class ChaosInjectionModel;
class LoadGeneratorPanel;
struct ChaosScenario;

class ChaosPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChaosPage)

public:
    explicit ChaosPage(QWidget *parent = nullptr);
    ~ChaosPage() override;

    void setConfig(const ConfigSnapshot &config);
    void setChaos(std::shared_ptr<ChaosRegistry> chaos);
    void setBaseUrl(const QString &baseUrl);

    // Starts the injection the form describes; false (reason shown under
    // the form) when the registry refuses it or there is none.
    bool injectFromForm();
    // Starts every injection of the scenario with this id (ChaosScenario::id).
    bool runScenario(const QString &id);
    // Stops the injections selected in the table; returns how many.
    int stopSelected();
    int stopAll();
    // Re-reads the registry (the timer does it every second).
    void refresh();

    QComboBox *providerCombo() const { return m_provider; }
    QComboBox *modelCombo() const { return m_model; }
    ChaosFaultForm *faultForm() const { return m_faultForm; }
    QSpinBox *durationSpin() const { return m_duration; }
    QLineEdit *noteEdit() const { return m_note; }
    QLabel *errorLabel() const { return m_error; }
    QTableView *injectionsView() const { return m_view; }
    ChaosInjectionModel *injectionsModel() const { return m_injections; }
    LoadGeneratorPanel *loadPanel() const { return m_load; }

signals:
    // After the page itself started or stopped injections (not for
    // expiries or admin API changes, which the poll picks up).
    void injectionsChanged();
    // One per injection the page started or stopped (for the event log).
    void injectionStarted(const understudy::ChaosInjection &injection);
    void injectionStopped(const understudy::ChaosInjection &injection);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    QWidget *buildInjectForm();
    QWidget *buildActiveTable();
    void fillModels();
    void rebuildScenarios();
    void showError(const QString &message);
    void updateButtons();

    ConfigSnapshot m_config;
    std::shared_ptr<ChaosRegistry> m_chaos;
    QComboBox *m_provider = nullptr;
    QComboBox *m_model = nullptr;
    ChaosFaultForm *m_faultForm = nullptr;
    QSpinBox *m_duration = nullptr;
    QLineEdit *m_note = nullptr;
    QPushButton *m_inject = nullptr;
    QLabel *m_error = nullptr;
    QVBoxLayout *m_scenarioLayout = nullptr;
    QWidget *m_scenarioBox = nullptr;
    QTableView *m_view = nullptr;
    ChaosInjectionModel *m_injections = nullptr;
    QPushButton *m_stopSelected = nullptr;
    QPushButton *m_stopAll = nullptr;
    LoadGeneratorPanel *m_load = nullptr;
    QTimer m_poll;
};

} // namespace understudy
