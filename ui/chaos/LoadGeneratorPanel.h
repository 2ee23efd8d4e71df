#pragma once

// The chaos page's load generator controls: target route, rate,
// concurrency cap, duration, prompt set and streaming, Start/Stop, the
// one-click "Start demo traffic", and live counters of the run.

#include "LoadGenerator.h"
#include "config/Config.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace understudy {

class LoadGeneratorPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoadGeneratorPanel)

public:
    explicit LoadGeneratorPanel(QWidget *parent = nullptr);

    // Fills the route picker with the config's llm routes that take OpenAI
    // chat completions (the format the generator speaks).
    void setConfig(const ConfigSnapshot &config);
    void setBaseUrl(const QString &baseUrl);

    // The settings the form describes now.
    LoadSettings settings() const;
    // Starts with the form's settings; false (reason shown) when invalid.
    bool start();
    // 20 req/s for 60 s on the first llm route, built-in prompts.
    bool startDemoTraffic();
    void stop();

    LoadGenerator *generator() const { return m_generator; }
    QComboBox *routeCombo() const { return m_route; }
    QDoubleSpinBox *rateSpin() const { return m_rate; }
    QSpinBox *concurrencySpin() const { return m_concurrency; }
    QSpinBox *durationSpin() const { return m_duration; }
    QLabel *statsLabel() const { return m_stats; }

    // The request path a route is reached at, e.g. "/v1/chat/completions"
    // for an exact route or a prefix "/" route; "" when the route cannot
    // take chat completions.
    static QString chatPathFor(const Route &route);

private:
    void showStats(const LoadStats &stats);
    void updateButtons();

    LoadGenerator *m_generator = nullptr;
    QString m_baseUrl = QStringLiteral("http://127.0.0.1:8787");
    QComboBox *m_route = nullptr;
    QDoubleSpinBox *m_rate = nullptr;
    QSpinBox *m_concurrency = nullptr;
    QSpinBox *m_duration = nullptr;
    QComboBox *m_promptSet = nullptr;
    QPlainTextEdit *m_prompts = nullptr;
    QCheckBox *m_stream = nullptr;
    QPushButton *m_start = nullptr;
    QPushButton *m_stop = nullptr;
    QPushButton *m_demo = nullptr;
    QLabel *m_target = nullptr;
    QLabel *m_stats = nullptr;
    QLabel *m_error = nullptr;
};

} // namespace understudy
