// The Providers editor on the demo workspace: a provider created by typing
// into the form, validation shown at the field, exact undo/redo, the
// catalogue and header models under QAbstractItemModelTester, keyboard
// delete/duplicate, and "Test connection" against local fake upstreams.

#include "config/DemoWorkspace.h"
#include "editors/EditorModels.h"
#include "editors/ProvidersEditorPage.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUndoStack>

using namespace understudy;

namespace {

// Answers every request with one canned HTTP response and remembers the
// request head it saw.
class FakeUpstream final : public QObject
{
public:
    explicit FakeUpstream(QByteArray response)
        : m_response(std::move(response))
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    m_request += socket->readAll();
                    const qsizetype end = m_request.indexOf("\r\n\r\n");
                    if (end < 0 || m_request.size() < end + 4 + contentLength())
                        return;
                    socket->write(m_response);
                    socket->disconnectFromHost();
                });
            }
        });
    }
    QString baseUrl(const QString &path = QStringLiteral("/v1")) const
    {
        return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()) + path;
    }
    QByteArray request() const { return m_request; }

private:
    qsizetype contentLength() const
    {
        const qsizetype at = m_request.toLower().indexOf("content-length:");
        if (at < 0)
            return 0;
        const qsizetype eol = m_request.indexOf('\r', at);
        return m_request.mid(at + 15, eol - at - 15).trimmed().toLongLong();
    }

    QTcpServer m_server;
    QByteArray m_response;
    QByteArray m_request;
};

QByteArray httpResponse(int status, const QByteArray &reason, const QByteArray &body)
{
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason
           + "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
           + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

} // namespace

class TestProvidersEditor final : public QObject
{
    Q_OBJECT

private slots:
    void createsProviderByTyping();
    void invalidBaseUrlShownAtField();
    void undoRedoRestoreExactConfig();
    void setConfigEqualKeepsHistory();
    void keyboardDeleteAndDuplicate();
    void modelsPassTester();
    void testConnectionOk();
    void testConnectionRefused();
};

void TestProvidersEditor::createsProviderByTyping()
{
    ProvidersEditorPage page;
    page.setConfig(demoConfig());
    page.show();
    QSignalSpy edited(&page, &ProvidersEditorPage::configEdited);

    QTest::mouseClick(page.findChild<QPushButton *>(QStringLiteral("addProvider")), Qt::LeftButton);
    QCOMPARE(page.selectedProvider(), 3);
    page.nameEdit()->selectAll();
    QTest::keyClicks(page.nameEdit(), QStringLiteral("openai"));
    page.kindCombo()->setFocus();
    page.kindCombo()->setCurrentIndex(page.kindCombo()->findText(QStringLiteral("openai")));
    QTest::keyClicks(page.baseUrlEdit(), QStringLiteral("https://api.openai.com/v1"));
    page.credentialKindCombo()->setCurrentIndex(1); // Environment variable
    QTest::keyClicks(page.credentialEdit(), QStringLiteral("OPENAI_API_KEY"));

    QVERIFY(!edited.isEmpty());
    const Config last = edited.last().first().value<Config>();
    QCOMPARE(last.providers.size(), std::size_t(4));
    const Provider &p = last.providers.back();
    QCOMPARE(p.name, QStringLiteral("openai"));
    QCOMPARE(p.kind, ProviderKind::OpenAI);
    QCOMPARE(p.baseUrl, QStringLiteral("https://api.openai.com/v1"));
    QCOMPARE(p.credentials, QStringLiteral("env:OPENAI_API_KEY"));
    QVERIFY(page.draftValid());
    QCOMPARE(page.config(), last);
    // Typing merged: add, name, kind, base URL, credentials (source and name
    // edit the same field, so they are one step).
    QCOMPARE(page.undoStack()->count(), 5);
}

void TestProvidersEditor::invalidBaseUrlShownAtField()
{
    ProvidersEditorPage page;
    page.setConfig(demoConfig());
    QVERIFY(page.draftValid());
    QVERIFY(page.addProvider());
    QTest::keyClicks(page.baseUrlEdit(), QStringLiteral("ftp:/nowhere"));
    QVERIFY(!page.draftValid());
    const QStringList messages = page.fieldIssues().messagesOn(page.baseUrlEdit());
    QCOMPARE(messages.size(), 1);
    QVERIFY(messages.first().contains(QStringLiteral("base URL")));
    QVERIFY(page.baseUrlEdit()->toolTip().contains(QStringLiteral("ftp:/nowhere")));
    QVERIFY(page.fieldIssues().messagesOn(page.nameEdit()).isEmpty());
    QVERIFY(page.issueList()->count() >= 1);

    page.baseUrlEdit()->selectAll();
    QTest::keyClicks(page.baseUrlEdit(), QStringLiteral("http://127.0.0.1:9/v1"));
    QVERIFY(page.draftValid());
    QVERIFY(page.fieldIssues().messagesOn(page.baseUrlEdit()).isEmpty());
}

void TestProvidersEditor::undoRedoRestoreExactConfig()
{
    ProvidersEditorPage page;
    const Config demo = demoConfig();
    page.setConfig(demo);
    QVERIFY(page.addProvider());
    QTest::keyClicks(page.baseUrlEdit(), QStringLiteral("http://localhost:11434/v1"));
    QVERIFY(page.duplicateProvider(0));
    const Config edited = page.config();
    QCOMPARE(page.undoStack()->count(), 3);

    QSignalSpy spy(&page, &ProvidersEditorPage::configEdited);
    while (page.undoStack()->canUndo())
        page.undoStack()->undo();
    QCOMPARE(page.config(), demo);
    QCOMPARE(spy.last().first().value<Config>(), demo);
    QCOMPARE(page.nameEdit()->text(), page.config().providers[std::size_t(page.selectedProvider())].name);
    while (page.undoStack()->canRedo())
        page.undoStack()->redo();
    QCOMPARE(page.config(), edited);
}

void TestProvidersEditor::setConfigEqualKeepsHistory()
{
    ProvidersEditorPage page;
    page.setConfig(demoConfig());
    QVERIFY(page.removeProvider(2));
    QCOMPARE(page.undoStack()->count(), 1);
    page.setConfig(page.config());
    QCOMPARE(page.undoStack()->count(), 1);
    page.setConfig(demoConfig());
    QCOMPARE(page.undoStack()->count(), 0);
    QCOMPARE(page.config(), demoConfig());
}

void TestProvidersEditor::keyboardDeleteAndDuplicate()
{
    ProvidersEditorPage page;
    page.setConfig(demoConfig());
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.selectProvider(1);
    page.providerList()->setFocus();
    QTest::keyClick(page.providerList(), Qt::Key_D, Qt::ControlModifier);
    QCOMPARE(page.config().providers.size(), std::size_t(4));
    QCOMPARE(page.config().providers[2].name, QStringLiteral("secondary-1"));
    QCOMPARE(page.selectedProvider(), 2);
    QTest::keyClick(page.providerList(), Qt::Key_Delete);
    QCOMPARE(page.config(), demoConfig());
}

void TestProvidersEditor::modelsPassTester()
{
    ModelCatalogModel catalog;
    QAbstractItemModelTester catalogTester(&catalog, QAbstractItemModelTester::FailureReportingMode::QtTest);
    catalog.setRows(demoConfig().providers.front().models);
    QSignalSpy edited(&catalog, &ModelCatalogModel::rowsEdited);
    QVERIFY(catalog.setData(catalog.index(0, ModelCatalogModel::ContextWindow), 4096));
    QCOMPARE(catalog.rows().front().contextWindow, qint64(4096));
    const bool tools = catalog.rows().front().supportsTools;
    QVERIFY(catalog.setData(catalog.index(0, ModelCatalogModel::Tools), tools ? Qt::Unchecked : Qt::Checked,
                            Qt::CheckStateRole));
    QCOMPARE(catalog.rows().front().supportsTools, !tools);
    QVERIFY(!catalog.setData(catalog.index(0, ModelCatalogModel::InputPrice), QStringLiteral("cheap")));
    QCOMPARE(edited.size(), 2);
    catalog.setRows({});
    QCOMPARE(catalog.rowCount(), 0);

    HeaderTableModel headers;
    QAbstractItemModelTester headersTester(&headers, QAbstractItemModelTester::FailureReportingMode::QtTest);
    headers.setRows({{QStringLiteral("X-A"), QStringLiteral("1")}, {QStringLiteral("X-B"), QStringLiteral("2")}});
    QVERIFY(headers.setData(headers.index(1, 1), QStringLiteral("3")));
    QCOMPARE(headers.rows()[1].value, QStringLiteral("3"));

    // The page keeps its catalogue edits: one edit per cell change.
    ProvidersEditorPage page;
    page.setConfig(demoConfig());
    QAbstractItemModelTester pageTester(page.modelCatalog(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    page.modelCatalog()->setData(page.modelCatalog()->index(0, ModelCatalogModel::Name), QStringLiteral("renamed"));
    QCOMPARE(page.config().providers[0].models[0].name, QStringLiteral("renamed"));
    page.selectProvider(1);
    QCOMPARE(page.modelCatalog()->rows(), demoConfig().providers[1].models);
}

void TestProvidersEditor::testConnectionOk()
{
    FakeUpstream upstream(httpResponse(200, "OK", "{\"object\":\"list\",\"data\":[{\"id\":\"a\"},{\"id\":\"b\"}]}"));
    qputenv("UNDERSTUDY_TEST_KEY", "sk-test-123");
    ProvidersEditorPage page;
    Config config = demoConfig();
    Provider p;
    p.name = QStringLiteral("local-openai");
    p.kind = ProviderKind::OpenAI;
    p.baseUrl = upstream.baseUrl();
    p.credentials = QStringLiteral("env:UNDERSTUDY_TEST_KEY");
    config.providers.push_back(p);
    page.setConfig(config);
    page.selectProvider(3);
    page.testConnection();
    QTRY_VERIFY_WITH_TIMEOUT(page.connectionLabel()->text().startsWith(QStringLiteral("OK")), 10000);
    QVERIFY(page.connectionLabel()->text().contains(QStringLiteral("HTTP 200")));
    QVERIFY(page.connectionLabel()->text().contains(QStringLiteral("2 model")));
    QVERIFY(!page.connectionLabel()->text().contains(QStringLiteral("sk-test")));
    QVERIFY(upstream.request().startsWith("GET /v1/models "));
    QVERIFY(upstream.request().contains("Authorization: Bearer sk-test-123"));
}

void TestProvidersEditor::testConnectionRefused()
{
    FakeUpstream upstream(httpResponse(401, "Unauthorized", "{\"error\":{\"message\":\"bad key\"}}"));
    ProvidersEditorPage page;
    Config config = demoConfig();
    Provider p;
    p.name = QStringLiteral("claude");
    p.kind = ProviderKind::Anthropic;
    p.baseUrl = upstream.baseUrl(QString());
    config.providers.push_back(p);
    page.setConfig(config);
    page.selectProvider(3);
    page.testConnection();
    QTRY_VERIFY_WITH_TIMEOUT(page.connectionLabel()->text().startsWith(QStringLiteral("Credential refused")), 10000);
    QVERIFY(page.connectionLabel()->text().contains(QStringLiteral("401")));
    QVERIFY(upstream.request().startsWith("POST /v1/messages "));
    QVERIFY(upstream.request().contains("anthropic-version: 2023-06-01"));
    QVERIFY(upstream.request().contains("\"max_tokens\":1"));

    // A mock provider is never dialled.
    page.selectProvider(0);
    page.testConnection();
    QTRY_VERIFY(page.connectionLabel()->text().contains(QStringLiteral("always reachable")));
}

QTEST_MAIN(TestProvidersEditor)
#include "tst_providerseditor.moc"
