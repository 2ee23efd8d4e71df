#pragma once

// The console's "Routes" page (SPEC §2): the ordered routes as a list and a
// form for the selected one (kind, chain, listener, methods, path match,
// host, header predicates, options), plus a live tester that shows which
// route the engine's RouteTable picks for a typed request.
//
// Integration is the same as ProvidersEditorPage and ChainDesignerPage
// (ListFormPage.h): setConfig() / configEdited() / undoStack(); issues() and
// draftValid() report the engine's validation of the draft, never blocking
// an edit.

#include "editors/ListFormPage.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QListWidget;
class QPlainTextEdit;
class QTableView;

namespace understudy {

class HeaderMatchModel;

class RoutesEditorPage final : public NamedListPage<Route>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoutesEditorPage)

public:
    explicit RoutesEditorPage(QWidget *parent = nullptr);

    // Each is one undo step; false when an index is out of range.
    bool addRoute() { return addNewItem(); }
    bool duplicateRoute(int index) { return duplicateItem(index); }
    bool removeRoute(int index) { return removeItem(index); }
    bool moveRoute(int from, int to) { return moveItem(from, to); }

    int selectedRoute() const { return selectedIndex(); }
    void selectRoute(int index) { selectIndex(index); }

    // The live tester: its inputs and what it found (-1 = no route).
    void setTestRequest(const QString &method, const QString &path, const QString &host = {},
                        const QString &headers = {});
    int testedRoute() const { return m_testedRoute; }
    QLabel *testResultLabel() const { return m_testResult; }

    QListView *routeList() const { return list(); }
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *pathEdit() const { return m_path; }
    QComboBox *chainCombo() const { return m_chain; }
    QListWidget *methodList() const { return m_methods; }
    HeaderMatchModel *headerModel() const { return m_headers; }

private:
    Route newItem() const override;
    QWidget *buildForm();
    QWidget *buildTester();
    void refreshForm() override;
    // The tester's listeners follow the config; its verdict too.
    void refreshPanes() override;
    void runTester();

    int m_testedRoute = -1;
    HeaderMatchModel *m_headers;

    QWidget *m_form = nullptr;
    QLineEdit *m_name = nullptr;
    QComboBox *m_kind = nullptr;
    QComboBox *m_chain = nullptr;
    QComboBox *m_listener = nullptr;
    QListWidget *m_methods = nullptr;
    QComboBox *m_pathMatch = nullptr;
    QLineEdit *m_path = nullptr;
    QLineEdit *m_host = nullptr;
    QTableView *m_headerTable = nullptr;
    QCheckBox *m_retryNonIdempotent = nullptr;
    QCheckBox *m_logBodies = nullptr;

    QComboBox *m_testListener = nullptr;
    QComboBox *m_testMethod = nullptr;
    QLineEdit *m_testPath = nullptr;
    QLineEdit *m_testHost = nullptr;
    QPlainTextEdit *m_testHeaders = nullptr;
    QLabel *m_testResult = nullptr;
};

} // namespace understudy
