#pragma once

// The console's "Providers" page (SPEC §2): the workspace's upstreams as a
// list and a form for the selected one (kind, base URL, credential
// reference, default headers, pool and TLS options, model catalogue, mock
// knobs) with a "Test connection" action.
//
// Integration: setConfig() / configEdited() / undoStack(), issues() and
// draftValid(), as ListFormPage.h says; each issue is shown at its field and
// in the list at the bottom of the page.
// Credentials are only ever references ("env:NAME", "keychain:ENTRY").

#include "editors/ListFormPage.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QSpinBox;
class QTableView;

namespace understudy {

class ConnectionTester;
class HeaderTableModel;
class ModelCatalogModel;
struct ConnectionVerdict;

class ProvidersEditorPage final : public NamedListPage<Provider>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProvidersEditorPage)

public:
    explicit ProvidersEditorPage(QWidget *parent = nullptr);

    // Each is one undo step; false when the index is out of range.
    bool addProvider() { return addNewItem(); }
    bool duplicateProvider(int index) { return duplicateItem(index); }
    bool removeProvider(int index) { return removeItem(index); }

    int selectedProvider() const { return selectedIndex(); }
    void selectProvider(int index) { selectIndex(index); }

    // Starts "Test connection" for the selected provider.
    void testConnection();

    QListView *providerList() const { return list(); }
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

private:
    QWidget *buildForm();
    void refreshForm() override;
    void selectionChanged() override;
    void onVerdict(const ConnectionVerdict &verdict);
    QString credentialFromForm() const;

    ModelCatalogModel *m_models;
    HeaderTableModel *m_headers;
    ConnectionTester *m_tester;

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
};

} // namespace understudy
