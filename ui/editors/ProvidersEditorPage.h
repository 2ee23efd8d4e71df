#pragma once

// The console's "Providers" page (SPEC §2): the workspace's upstreams as a
// list and a form for the selected one (kind, base URL, credential
// reference, default headers, pool and TLS options, model catalogue, mock
// knobs) with a "Test connection" action.
//
// Integration (same contract as ChainDesignerPage):
//  - setConfig() whenever the workspace config changes from outside; an
//    equal config is ignored, another replaces the draft and clears undo.
//  - configEdited() carries the whole new Config after every edit, undo and
//    redo. It may be invalid: issues() and draftValid() tell, and each issue
//    is shown at its field and in the list at the bottom of the page.
//  - undoStack() for the window's Edit menu.
// Credentials are only ever references ("env:NAME", "keychain:ENTRY").

#include "config/Config.h"
#include "config/Validation.h"
#include "editors/FieldIssues.h"

#include <QWidget>

#include <functional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QListView;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTableView;
class QUndoStack;

namespace understudy {

class ConnectionTester;
class HeaderTableModel;
class ModelCatalogModel;
class NameListModel;
struct ConnectionVerdict;

class ProvidersEditorPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProvidersEditorPage)

public:
    explicit ProvidersEditorPage(QWidget *parent = nullptr);

    void setConfig(const Config &config);
    const Config &config() const { return m_config; }
    QUndoStack *undoStack() const { return m_undo; }

    const std::vector<ValidationIssue> &issues() const { return m_issues; }
    bool draftValid() const { return isValid(m_issues); }

    // Each is one undo step; false when the index is out of range.
    bool addProvider();
    bool duplicateProvider(int index);
    bool removeProvider(int index);

    int selectedProvider() const { return m_selected; }
    void selectProvider(int index);

    // Starts "Test connection" for the selected provider.
    void testConnection();

    QListView *providerList() const { return m_list; }
    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *kindCombo() const { return m_kind; }
    QLineEdit *baseUrlEdit() const { return m_baseUrl; }
    QComboBox *credentialKindCombo() const { return m_credentialKind; }
    QLineEdit *credentialEdit() const { return m_credential; }
    QLabel *connectionLabel() const { return m_testResult; }
    QPushButton *testButton() const { return m_testButton; }
    QTableView *modelTable() const { return m_modelTable; }
    ModelCatalogModel *modelCatalog() const { return m_models; }
    HeaderTableModel *headerModel() const { return m_headers; }
    QGroupBox *mockGroup() const { return m_mockGroup; }
    QListWidget *issueList() const { return m_issueList; }
    const FieldIssues &fieldIssues() const { return m_fieldIssues; }

signals:
    void configEdited(const Config &config);

private:
    QWidget *buildForm();
    void buildActions();
    void pushEdit(const QString &text, const Config &next, const QString &mergeKey = {});
    void editSelected(const QString &text, const QString &field, const std::function<void(Provider &)> &change);
    void applyConfig(const Config &config, bool notify);
    void refresh();
    void refreshForm();
    void onVerdict(const ConnectionVerdict &verdict);
    QString credentialFromForm() const;

    Config m_config;
    int m_selected = -1;
    bool m_refreshing = false; // selection signals from our own model resets
    std::vector<ValidationIssue> m_issues;
    FieldIssues m_fieldIssues;

    QUndoStack *m_undo;
    NameListModel *m_names;
    ModelCatalogModel *m_models;
    HeaderTableModel *m_headers;
    ConnectionTester *m_tester;

    QListView *m_list = nullptr;
    QWidget *m_form = nullptr;
    QLineEdit *m_name = nullptr;
    QComboBox *m_kind = nullptr;
    QLineEdit *m_baseUrl = nullptr;
    QComboBox *m_credentialKind = nullptr;
    QLineEdit *m_credential = nullptr;
    QPushButton *m_testButton = nullptr;
    QLabel *m_testResult = nullptr;
    QTableView *m_headerTable = nullptr;
    QSpinBox *m_maxConnections = nullptr;
    QSpinBox *m_maxIdle = nullptr;
    QSpinBox *m_idleTimeout = nullptr;
    QCheckBox *m_verifyTls = nullptr;
    QLineEdit *m_caFile = nullptr;
    QLineEdit *m_proxy = nullptr;
    QTableView *m_modelTable = nullptr;
    QGroupBox *m_mockGroup = nullptr;
    QSpinBox *m_mockLatency = nullptr;
    QDoubleSpinBox *m_mockTokens = nullptr;
    QLineEdit *m_mockAnswer = nullptr;
    QComboBox *m_mockFault = nullptr;
    QSpinBox *m_mockStatus = nullptr;
    QLabel *m_issueSummary = nullptr;
    QListWidget *m_issueList = nullptr;
};

} // namespace understudy
