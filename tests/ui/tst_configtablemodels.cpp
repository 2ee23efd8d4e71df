// The read-only config tables: structure checked by QAbstractItemModelTester,
// cell text checked against the demo config an operator sees first.

#include "ConfigTableModels.h"
#include "config/DemoWorkspace.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace understudy;

class TestConfigTableModels : public QObject
{
    Q_OBJECT

private slots:
    void emptyUntilConfigArrives();
    void chainsShowStepsInOrder();
    void routesShowMatchAndChain();
    void providersNameMockInsteadOfUrl();
    void replacingConfigResetsRows();
};

void TestConfigTableModels::emptyUntilConfigArrives()
{
    ChainTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), 4);
    QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), QStringLiteral("Name"));
}

void TestConfigTableModels::chainsShowStepsInOrder()
{
    ChainTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const Config demo = demoConfig();
    model.setConfig(std::make_shared<const Config>(demo));
    QCOMPARE(model.rowCount(), int(demo.chains.size()));
    const Chain *chat = demo.chain(QStringLiteral("chat"));
    QVERIFY(chat);
    int row = 0;
    while (model.index(row, 0).data().toString() != chat->name)
        ++row;
    const QString steps = model.index(row, 1).data().toString();
    QCOMPARE(steps.count(QStringLiteral(" → ")), qsizetype(chat->steps.size()) - 1);
    // The first step is tried first, so it is written first.
    const Step &first = chat->steps.front();
    const QString firstLabel = first.name.isEmpty() ? first.targets.front().provider : first.name;
    QVERIFY2(steps.startsWith(firstLabel), qPrintable(steps));
    QCOMPARE(model.index(row, 3).data().toString(), chat->description);
}

void TestConfigTableModels::routesShowMatchAndChain()
{
    RouteTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Config config;
    Route route;
    route.name = QStringLiteral("checkout");
    route.kind = RouteKind::Http;
    route.chain = QStringLiteral("payments");
    route.match.methods = {QStringLiteral("POST")};
    route.match.pathMatch = PathMatch::Prefix;
    route.match.path = QStringLiteral("/pay/");
    config.routes.push_back(route);
    model.setConfig(std::make_shared<const Config>(config));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("checkout"));
    QCOMPARE(model.index(0, 1).data().toString(), routeKindName(RouteKind::Http));
    QCOMPARE(model.index(0, 2).data().toString(), QStringLiteral("POST /pay/*"));
    QCOMPARE(model.index(0, 3).data().toString(), QStringLiteral("payments"));
}

void TestConfigTableModels::providersNameMockInsteadOfUrl()
{
    ProviderTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Config config;
    Provider mock;
    mock.name = QStringLiteral("local");
    mock.kind = ProviderKind::Mock;
    mock.models = {ModelInfo{QStringLiteral("tiny"), 8192}};
    Provider remote;
    remote.name = QStringLiteral("openai");
    remote.kind = ProviderKind::OpenAI;
    remote.baseUrl = QStringLiteral("https://api.openai.com/v1");
    config.providers = {mock, remote};
    model.setConfig(std::make_shared<const Config>(config));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, 2).data().toString(), QStringLiteral("built-in mock"));
    QCOMPARE(model.index(0, 3).data().toString(), QStringLiteral("tiny"));
    QCOMPARE(model.index(1, 2).data().toString(), QStringLiteral("https://api.openai.com/v1"));
}

void TestConfigTableModels::replacingConfigResetsRows()
{
    ProviderTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setConfig(std::make_shared<const Config>(demoConfig()));
    QVERIFY(model.rowCount() > 0);
    model.setConfig(std::make_shared<const Config>());
    QCOMPARE(model.rowCount(), 0);
    model.setConfig(nullptr);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.index(0, 0).isValid());
}

QTEST_MAIN(TestConfigTableModels)
#include "tst_configtablemodels.moc"
