#pragma once

// The console's "Routes" page (SPEC §2): the ordered routes as a list and a
// form for the selected one (kind, chain, listener, methods, path match,
// host, header predicates, options), plus a live tester that shows which
// route the engine's RouteTable picks for a typed request.
//
// Integration is the same as ProvidersEditorPage and ChainDesignerPage:
// setConfig() / configEdited() / undoStack(); issues() and draftValid()
// report the engine's validation of the draft, never blocking an edit.

#include "config/Config.h"
#include "config/Validation.h"
#include "editors/FieldIssues.h"

#include <QWidget>

#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QListWidget;
class QPlainTextEdit;
class QTableView;
class QUndoStack;

namespace understudy {

class HeaderMatchModel;
class NameListModel;

class RoutesEditorPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoutesEditorPage)

public:
    explicit RoutesEditorPage(QWidget *parent = nullptr);

    void setConfig(const Config &config);
    const Config &config() const { return m_config; }
    QUndoStack *undoStack() const { return m_undo; }

    const std::vector<ValidationIssue> &issues() const { return m_issues; }
    bool draftValid() const { return isValid(m_issues); }

    // Each is one undo step; false when an index is out of range.
    bool addRoute();
    bool duplicateRoute(int index);
    bool removeRoute(int index);
    bool moveRoute(int from, int to);

    int selectedRoute() const { return m_selected; }
    void selectRoute(int index);

    // The live tester: its inputs and what it found (-1 = no route).
    void setTestRequest(const QString &method, const QString &path, const QString &host = {},
                        const QString &headers = {});
    int testedRoute() const { return m_testedRoute; }
    QLabel *testResultLabel() const { return m_testResult; }

    QListView *routeList() const { return m_list; }
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *pathEdit() const { return m_path; }
    QComboBox *chainCombo() const { return m_chain; }
    QListWidget *methodList() const { return m_methods; }
    HeaderMatchModel *headerModel() const { return m_headers; }
    QListWidget *issueList() const { return m_issueList; }
    const FieldIssues &fieldIssues() const { return m_fieldIssues; }

signals:
    void configEdited(const Config &config);

private:
    QWidget *buildForm();
    QWidget *buildTester();
    void buildActions();
    void pushEdit(const QString &text, const Config &next, const QString &mergeKey = {});
    void editSelected(const QString &text, const QString &field, const std::function<void(Route &)> &change);
    void applyConfig(const Config &config, bool notify);
    void refresh();
    void refreshForm();
    void runTester();

    Config m_config;
    int m_selected = -1;
    bool m_refreshing = false;
    int m_testedRoute = -1;
    std::vector<ValidationIssue> m_issues;
    FieldIssues m_fieldIssues;

    QUndoStack *m_undo;
    NameListModel *m_names;
    HeaderMatchModel *m_headers;

    QListView *m_list = nullptr;
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
    QLabel *m_issueSummary = nullptr;
    QListWidget *m_issueList = nullptr;
};

} // namespace understudy
