// Developer tool, not a test: renders the README screenshots of the console
// window (docs/screenshots/console-chains.png, console-history.png,
// providers-editor.png and routes-editor.png) from a demo workspace (plus an
// OpenAI provider) in a temporary folder, with a little real traffic and
// applied edits from the Chains and Routes pages. Run it under Xvfb so it
// uses a real window system and fonts:
//   xvfb-run -a -s "-screen 0 1400x900x24" build/tests/ui/console-screenshots docs/screenshots

#include "EngineHost.h"
#include "HistoryPage.h"
#include "MainWindow.h"
#include "config/DemoWorkspace.h"
#include "designer/ChainDesignerPage.h"
#include "editors/ProvidersEditorPage.h"
#include "editors/RoutesEditorPage.h"
#include "engine/Engine.h"
#include "store/Workspace.h"

#include <QApplication>
#include <QDir>
#include <QPlainTextEdit>
#include <QSettings>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace understudy;

namespace {

bool wait(const std::function<bool()> &condition, int timeoutMs = 20000)
{
    return QTest::qWaitFor(condition, timeoutMs);
}

// Sends one chat completion and waits for the whole answer while the event loop runs.
void sendChat(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    const QByteArray body = "{\"model\":\"gpt-demo-large\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    socket.write("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                 "Content-Type: application/json\r\nContent-Length: " +
                 QByteArray::number(body.size()) + "\r\n\r\n" + body);
    wait([&] { return socket.state() == QAbstractSocket::UnconnectedState; }, 10000);
}

// The demo's mock providers and one real-looking OpenAI upstream, so the
// Providers page shows a credential reference, headers and a catalogue.
Provider openAiProvider()
{
    Provider openai;
    openai.name = QStringLiteral("openai");
    openai.kind = ProviderKind::OpenAI;
    openai.baseUrl = QStringLiteral("https://api.openai.com/v1");
    openai.credentials = QStringLiteral("env:OPENAI_API_KEY");
    openai.headers.push_back({QStringLiteral("OpenAI-Organization"), QStringLiteral("org-demo")});
    ModelInfo model;
    model.name = QStringLiteral("gpt-4o-mini");
    model.contextWindow = 128000;
    model.inputPricePerMTok = 0.15;
    model.outputPricePerMTok = 0.60;
    model.supportsTools = true;
    model.supportsVision = true;
    openai.models.push_back(model);
    return openai;
}

int fail(const char *what)
{
    std::fprintf(stderr, "console-screenshots: %s\n", what);
    return 1;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    if (argc < 2)
        return fail("usage: console-screenshots <output folder>");
    const QDir out(QString::fromLocal8Bit(argv[1]));
    QTemporaryDir dir;
    QCoreApplication::setOrganizationName(QStringLiteral("UnderstudyScreenshots"));
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.filePath(QStringLiteral("settings")));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/understudy.svg")));

    // The demo's own port reads best; fall back to an ephemeral one if it is taken.
    Config config = demoConfig();
    config.providers.push_back(openAiProvider());
    {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, quint16(config.listeners.front().port)))
            config.listeners.front().port = 0;
    }
    const QString path = dir.filePath(QStringLiteral("demo.understudy"));
    if (!Workspace::create(path, config, QStringLiteral("console"), QStringLiteral("Demo workspace")))
        return fail("cannot create the workspace");

    MainWindow window;
    window.resize(1360, 860);
    window.show();
    window.openWorkspace(path);
    if (!wait([&] { return window.engineHost()->state() == EngineHost::State::Running; }))
        return fail("the gateway did not start");

    // Two applied edits make a history worth showing.
    ChainDesignerPage *designer = window.designer();
    window.showPage(MainWindow::Chains);
    ChainPolicy policy = designer->config().chain(QStringLiteral("chat"))->policy;
    policy.deadlineMs = 20000;
    designer->setChainPolicy(policy);
    window.applyDraft();
    if (!wait([&] { return !window.isWindowModified(); }))
        return fail("the first apply did not finish");
    Step secondary = designer->config().chain(QStringLiteral("chat"))->steps[1];
    secondary.name = QStringLiteral("secondary-fast");
    designer->replaceStep(1, secondary);
    window.applyDraft();
    if (!wait([&] { return !window.isWindowModified(); }))
        return fail("the second apply did not finish");
    // A Routes page edit: the models route moves to the front.
    RoutesEditorPage *routes = window.routesEditor();
    window.showPage(MainWindow::Routes);
    routes->moveRoute(1, 0);
    window.applyDraft();
    if (!wait([&] { return !window.isWindowModified(); }))
        return fail("the third apply did not finish");
    window.showPage(MainWindow::Chains);

    const quint16 port = window.engineHost()->engine()->port(QStringLiteral("default"));
    for (int i = 0; i < 6; ++i)
        sendChat(port);
    designer->selectStep(0);
    wait([&] {
        return designer->config().chain(QStringLiteral("chat")) && !window.engineHost()->liveStats().isEmpty();
    });
    QTest::qWait(1200); // one rate sample and one live refresh
    if (!window.grab().save(out.filePath(QStringLiteral("console-chains.png"))))
        return fail("cannot write console-chains.png");

    window.showPage(MainWindow::History);
    HistoryPage *history = window.history();
    if (!wait([&] { return history->currentRevision() == 4; }))
        return fail("the history did not load");
    history->selectRevision(1);
    if (!wait([&] { return !history->diffView()->toPlainText().isEmpty(); }))
        return fail("the diff did not load");
    QTest::qWait(300);
    if (!window.grab().save(out.filePath(QStringLiteral("console-history.png"))))
        return fail("cannot write console-history.png");

    window.showPage(MainWindow::Providers);
    ProvidersEditorPage *providers = window.providersEditor();
    providers->selectProvider(int(config.providers.size()) - 1);
    QTest::qWait(300);
    if (!window.grab().save(out.filePath(QStringLiteral("providers-editor.png"))))
        return fail("cannot write providers-editor.png");

    window.showPage(MainWindow::Routes);
    routes->selectRoute(1);
    routes->setTestRequest(QStringLiteral("GET"), QStringLiteral("/v1/models"));
    QTest::qWait(300);
    if (!window.grab().save(out.filePath(QStringLiteral("routes-editor.png"))))
        return fail("cannot write routes-editor.png");
    return 0;
}
