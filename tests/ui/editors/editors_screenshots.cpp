// Renders docs/screenshots/providers-editor.png and routes-editor.png from
// the demo workspace (plus one OpenAI provider and a tested request) so the
// README shows the real widgets. Run under Xvfb or -platform offscreen:
//   editors-screenshots <output-dir>

#include "config/DemoWorkspace.h"
#include "editors/ProvidersEditorPage.h"
#include "editors/RoutesEditorPage.h"

#include <QApplication>
#include <QDir>
#include <QTimer>

using namespace understudy;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QString out = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral(".");
    QDir().mkpath(out);

    Config config = demoConfig();
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
    config.providers.push_back(openai);

    ProvidersEditorPage providers;
    providers.resize(1200, 820);
    providers.setConfig(config);
    providers.selectProvider(0);
    providers.show();

    RoutesEditorPage routes;
    routes.resize(1200, 700);
    routes.setConfig(config);
    routes.selectRoute(0);
    routes.setTestRequest(QStringLiteral("GET"), QStringLiteral("/v1/models"));
    routes.show();

    QTimer::singleShot(300, &app, [&] {
        providers.grab().save(out + QStringLiteral("/providers-editor.png"));
        routes.grab().save(out + QStringLiteral("/routes-editor.png"));
        app.quit();
    });
    return app.exec();
}
