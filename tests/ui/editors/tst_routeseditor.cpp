// The Routes editor: the live tester agrees with the engine's RouteTable on
// a data-driven set of requests, explains misses, and edits (path typing,
// reorder, header predicates) are exact undo steps with validation shown at
// the path field.

#include "config/DemoWorkspace.h"
#include "editors/EditorModels.h"
#include "editors/RouteTester.h"
#include "editors/RoutesEditorPage.h"
#include "routing/RouteTable.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

using namespace understudy;

namespace {

Config testConfig()
{
    Config config = demoConfig();
    Route catchAll;
    catchAll.name = QStringLiteral("catch-all");
    catchAll.kind = RouteKind::Http;
    catchAll.chain = config.chains.front().name;
    catchAll.match.path = QStringLiteral("/");
    config.routes.push_back(catchAll);
    Route tenant;
    tenant.name = QStringLiteral("acme-chat");
    tenant.kind = RouteKind::Llm;
    tenant.chain = config.chains.front().name;
    tenant.match.pathMatch = PathMatch::Pattern;
    tenant.match.path = QStringLiteral("/v1/.*");
    tenant.match.methods = {QStringLiteral("POST")};
    tenant.match.headers.push_back({QStringLiteral("X-Tenant"), QStringLiteral("ac.*"), true});
    config.routes.push_back(tenant);
    return config;
}

} // namespace

class TestRoutesEditor final : public QObject
{
    Q_OBJECT

private slots:
    void testerAgreesWithRouteTable_data();
    void testerAgreesWithRouteTable();
    void explainsMisses();
    void editsUndoExactly();
    void headerPredicateModel();
};

void TestRoutesEditor::testerAgreesWithRouteTable_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("headers");
    QTest::newRow("chat") << "POST" << "/v1/chat/completions" << "";
    QTest::newRow("chat with query") << "POST" << "/v1/chat/completions?x=1" << "";
    QTest::newRow("models") << "GET" << "/v1/models" << "";
    QTest::newRow("messages") << "POST" << "/v1/messages" << "";
    QTest::newRow("other path") << "GET" << "/health" << "";
    QTest::newRow("tenant header") << "POST" << "/v1/embeddings" << "X-Tenant: acme";
    QTest::newRow("wrong tenant") << "POST" << "/v1/embeddings" << "X-Tenant: other";
    QTest::newRow("lower-case method") << "get" << "/v1/models" << "";
}

void TestRoutesEditor::testerAgreesWithRouteTable()
{
    QFETCH(QString, method);
    QFETCH(QString, path);
    QFETCH(QString, headers);
    const Config config = testConfig();
    RoutesEditorPage page;
    page.setConfig(config);
    page.setTestRequest(method, path, QStringLiteral("localhost"), headers);

    auto snapshot = std::make_shared<const Config>(config);
    const RouteTable table(snapshot);
    const RouteTestRequest request = parseRouteTestRequest(config.listeners.front().name, method, path,
                                                           QStringLiteral("localhost"), headers);
    RouteQuery query;
    query.listener = request.listener;
    query.method = request.method;
    query.path = request.path;
    query.host = request.host;
    query.headers = &request.headers;
    const Route *expected = table.match(query);
    QVERIFY(expected);
    QCOMPARE(page.testedRoute(), int(expected - snapshot->routes.data()));
    QVERIFY(page.testResultLabel()->text().contains(expected->name));
}

void TestRoutesEditor::explainsMisses()
{
    Config config = testConfig();
    config.routes.erase(config.routes.begin() + 3); // no catch-all
    RoutesEditorPage page;
    page.setConfig(config);
    page.setTestRequest(QStringLiteral("GET"), QStringLiteral("/v1/chat/completions"));
    const int chat = 0;
    const RouteTestResult result = testRoutes(
        config, parseRouteTestRequest(config.listeners.front().name, QStringLiteral("GET"),
                                      QStringLiteral("/v1/chat/completions"), {}, {}));
    QCOMPARE(result.matched, -1);
    QCOMPARE(page.testedRoute(), -1);
    QVERIFY(result.reasons[chat].startsWith(QStringLiteral("method is not")));
    QVERIFY(page.testResultLabel()->text().contains(QStringLiteral("No route matches")));
}

void TestRoutesEditor::editsUndoExactly()
{
    const Config config = testConfig();
    RoutesEditorPage page;
    page.setConfig(config);
    page.show();
    page.activateWindow();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QSignalSpy edited(&page, &RoutesEditorPage::configEdited);
    page.selectRoute(3);
    page.pathEdit()->selectAll();
    QTest::keyClicks(page.pathEdit(), QStringLiteral("api"));
    QCOMPARE(page.config().routes[3].match.path, QStringLiteral("api"));
    QVERIFY(!page.draftValid());
    QVERIFY(!page.fieldIssues().messagesOn(page.pathEdit()).isEmpty());
    QTest::keyClick(page.pathEdit(), Qt::Key_Home);
    QTest::keyClick(page.pathEdit(), Qt::Key_Slash);
    QCOMPARE(page.config().routes[3].match.path, QStringLiteral("/api"));
    QVERIFY(page.draftValid());
    QCOMPARE(page.undoStack()->count(), 1); // typing merged into one step

    page.routeList()->setFocus();
    QTest::keyClick(page.routeList(), Qt::Key_Up, Qt::AltModifier);
    QCOMPARE(page.config().routes[2].name, QStringLiteral("catch-all"));
    QCOMPARE(page.selectedRoute(), 2);
    QTest::keyClick(page.routeList(), Qt::Key_D, Qt::ControlModifier);
    QCOMPARE(page.config().routes[3].name, QStringLiteral("catch-all-1"));
    const Config after = page.config();
    QCOMPARE(edited.last().first().value<Config>(), after);

    while (page.undoStack()->canUndo())
        page.undoStack()->undo();
    QCOMPARE(page.config(), config);
    while (page.undoStack()->canRedo())
        page.undoStack()->redo();
    QCOMPARE(page.config(), after);
    QTest::keyClick(page.routeList(), Qt::Key_Delete);
    QCOMPARE(page.config().routes.size(), after.routes.size() - 1);
}

void TestRoutesEditor::headerPredicateModel()
{
    HeaderMatchModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRows(testConfig().routes.back().match.headers);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.data(model.index(0, HeaderMatchModel::Regex), Qt::CheckStateRole).toInt(), int(Qt::Checked));
    QVERIFY(model.setData(model.index(0, HeaderMatchModel::Regex), Qt::Unchecked, Qt::CheckStateRole));
    QVERIFY(!model.rows().front().regex);

    RoutesEditorPage page;
    page.setConfig(testConfig());
    page.selectRoute(4);
    QAbstractItemModelTester pageTester(page.headerModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    page.headerModel()->setData(page.headerModel()->index(0, HeaderMatchModel::Value), QStringLiteral("("));
    QCOMPARE(page.config().routes[4].match.headers[0].value, QStringLiteral("("));
    QVERIFY(!page.draftValid()); // an invalid regex
    page.undoStack()->undo();
    QCOMPARE(page.config(), testConfig());
}

QTEST_MAIN(TestRoutesEditor)
#include "tst_routeseditor.moc"
