#pragma once

// The Playground's request form: a route picker over the current config,
// then either the chat fields (model from what the route's chain can reach,
// system and user prompt, stream, optional temperature and max_tokens) for
// llm chat routes, or method and body for everything else; path and a
// headers table for both. Picking a route fills the path, the method and
// the headers the route needs to match; the user may edit all of them (to
// exercise step conditions, for example).

#include "PlaygroundRequest.h"
#include "config/Config.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;
class QStackedWidget;
class QTableWidget;

namespace understudy {

class PlaygroundForm final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlaygroundForm)

public:
    explicit PlaygroundForm(QWidget *parent = nullptr);

    // Refills the route picker, keeping the picked route when it still
    // exists (then the typed fields stay as they are).
    void setConfig(const ConfigSnapshot &config);
    // Picks a route by name; false when the config has none of that name.
    bool selectRoute(const QString &name);
    QString routeName() const;
    // The picked route in the current config; null without one.
    const Route *selectedRoute() const;
    // Whether the picked route gets the chat form.
    bool isChat() const;

    // The request as the form stands.
    PlaygroundRequest request() const;

    // Adds a header row (also what the "Add" button does with empty cells).
    void addHeader(const QString &name, const QString &value);

    QComboBox *routeCombo() const { return m_route; }
    QComboBox *modelCombo() const { return m_model; }
    QPlainTextEdit *systemEdit() const { return m_system; }
    QPlainTextEdit *userEdit() const { return m_user; }
    QCheckBox *streamCheck() const { return m_stream; }
    QDoubleSpinBox *temperatureSpin() const { return m_temperature; }
    QSpinBox *maxTokensSpin() const { return m_maxTokens; }
    QComboBox *methodCombo() const { return m_method; }
    QLineEdit *pathEdit() const { return m_path; }
    QPlainTextEdit *bodyEdit() const { return m_body; }
    QTableWidget *headersTable() const { return m_headers; }

signals:
    void routeChanged(const QString &name);

private:
    QWidget *buildChatFields();
    void onRouteIndexChanged();
    void fillFromRoute(const Route &route);

    ConfigSnapshot m_config;
    QString m_filledRoute; // the route whose path/method/headers the fields hold
    QComboBox *m_route = nullptr;
    QLabel *m_routeHint = nullptr;
    QComboBox *m_method = nullptr;
    QLineEdit *m_path = nullptr;
    QStackedWidget *m_kindStack = nullptr;
    QComboBox *m_model = nullptr;
    QPlainTextEdit *m_system = nullptr;
    QPlainTextEdit *m_user = nullptr;
    QCheckBox *m_stream = nullptr;
    QDoubleSpinBox *m_temperature = nullptr;
    QSpinBox *m_maxTokens = nullptr;
    QPlainTextEdit *m_body = nullptr;
    QTableWidget *m_headers = nullptr;
};

} // namespace understudy
