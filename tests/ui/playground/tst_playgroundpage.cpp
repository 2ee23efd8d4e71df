// PlaygroundPage against a real Engine on loopback with mock providers: a
// plain and a streamed chat arrive in the answer view with their trail, a
// failing primary shows two attempts and served-by the second, cancel stops
// a slow stream, an http route's upstream error and a stopped gateway give
// clear error texts.

#include "engine/Engine.h"
#include "fallback/ExecutorServices.h"
#include "live/TrafficDetailPane.h"
#include "playground/PlaygroundForm.h"
#include "playground/PlaygroundPage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTcpServer>
#include <QTest>

using namespace understudy;

namespace {

constexpr int kWaitMs = 15000;

Provider mock(const QString &name, const QString &answer)
{
    Provider p;
    p.name = name;
    p.kind = ProviderKind::Mock;
    ModelInfo model;
    model.name = QStringLiteral("mock-model");
    p.models.push_back(model);
    p.mock.latencyMs = 10;
    p.mock.tokensPerSecond = 200;
    p.mock.answer = answer;
    return p;
}

Step step(const QString &provider)
{
    Step s;
    s.name = provider;
    s.kind = StepKind::Provider;
    s.targets.push_back(Target{provider, QStringLiteral("mock-model"), 1, {}});
    s.retry.maxRetries = 0;
    s.breaker.enabled = false;
    return s;
}

// A port nothing listens on (bound, then released).
quint16 closedPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 1;
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

// Chat route over primary -> secondary, and an http route whose only
// upstream refuses connections.
Config playgroundConfig(const Provider &primary)
{
    Config c;
    Listener listener;
    listener.name = QStringLiteral("default");
    listener.port = 0;
    c.listeners.push_back(listener);
    c.limits.workers = 1;
    c.admin.port = 0;
    c.providers = {primary, mock(QStringLiteral("secondary"), QStringLiteral("Hello from the secondary."))};
    Provider api;
    api.name = QStringLiteral("api");
    api.kind = ProviderKind::Http;
    api.baseUrl = QStringLiteral("http://127.0.0.1:%1").arg(closedPort());
    c.providers.push_back(api);

    Chain chat;
    chat.name = QStringLiteral("chat");
    chat.steps = {step(QStringLiteral("primary")), step(QStringLiteral("secondary"))};
    c.chains.push_back(chat);
    Chain apiChain;
    apiChain.name = QStringLiteral("api-chain");
    Step apiStep = step(QStringLiteral("api"));
    apiStep.targets.front().model.clear();
    apiChain.steps = {apiStep};
    c.chains.push_back(apiChain);

    Route route;
    route.name = QStringLiteral("chat");
    route.kind = RouteKind::Llm;
    route.chain = chat.name;
    route.match.methods = QStringList{QStringLiteral("POST")};
    route.match.pathMatch = PathMatch::Exact;
    route.match.path = QStringLiteral("/v1/chat/completions");
    c.routes.push_back(route);
    Route http;
    http.name = QStringLiteral("api");
    http.kind = RouteKind::Http;
    http.chain = apiChain.name;
    http.match.pathMatch = PathMatch::Prefix;
    http.match.path = QStringLiteral("/api");
    c.routes.push_back(http);
    return c;
}

// An engine with the page's sink, and the page pointed at it.
struct Rig
{
    PlaygroundPage page;
    std::unique_ptr<Engine> engine = std::make_unique<Engine>();

    bool start(const Config &config)
    {
        engine->services().trailSink = page.sink();
        const ConfigSnapshot snapshot = std::make_shared<Config>(config);
        if (Result<void> started = engine->start(snapshot); !started) {
            qWarning("engine did not start: %s", qPrintable(started.error().message));
            return false;
        }
        page.setConfig(snapshot);
        page.setBaseUrl(QStringLiteral("http://127.0.0.1:%1").arg(engine->port(QStringLiteral("default"))));
        page.resize(1300, 800);
        page.show();
        return QTest::qWaitForWindowExposed(&page);
    }

    void chat(const QString &prompt, bool stream)
    {
        QVERIFY(page.form()->selectRoute(QStringLiteral("chat")));
        QVERIFY(page.form()->isChat());
        page.form()->userEdit()->setPlainText(prompt);
        page.form()->streamCheck()->setChecked(stream);
        QTest::mouseClick(page.sendButton(), Qt::LeftButton);
    }

    QTableWidget *attempts() const { return page.trailPane()->attemptTable(); }
};

Provider primaryOk()
{
    return mock(QStringLiteral("primary"), QStringLiteral("Hello from the primary mock, one word at a time."));
}

} // namespace

class TestPlaygroundPage : public QObject
{
    Q_OBJECT

private slots:
    void routePickerOffersRoutesAndModels()
    {
        Rig rig;
        QVERIFY(rig.start(playgroundConfig(primaryOk())));
        PlaygroundForm *form = rig.page.form();
        QCOMPARE(form->routeCombo()->count(), 2);
        QVERIFY(form->selectRoute(QStringLiteral("chat")));
        QCOMPARE(form->pathEdit()->text(), QStringLiteral("/v1/chat/completions"));
        QCOMPARE(form->modelCombo()->count(), 1);
        QCOMPARE(form->modelCombo()->currentText(), QStringLiteral("mock-model"));
        QVERIFY(form->selectRoute(QStringLiteral("api")));
        QVERIFY(!form->isChat());
        QCOMPARE(form->pathEdit()->text(), QStringLiteral("/api"));
    }

    void plainChatShowsAnswerRawResponseAndTrail()
    {
        Rig rig;
        QVERIFY(rig.start(playgroundConfig(primaryOk())));
        rig.chat(QStringLiteral("Say hello"), false);
        QTRY_COMPARE_WITH_TIMEOUT(rig.page.answerView()->toPlainText(),
                                  QStringLiteral("Hello from the primary mock, one word at a time."), kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(rig.attempts()->rowCount(), 1, kWaitMs);
        QCOMPARE(rig.attempts()->item(0, 1)->text(), QStringLiteral("primary/mock-model"));
        QCOMPARE(rig.attempts()->item(0, 2)->text(), QStringLiteral("ok"));
        const QString raw = rig.page.rawView()->toPlainText();
        QVERIFY2(raw.contains(QLatin1String("HTTP/1.1 200")), qPrintable(raw));
        QVERIFY2(raw.contains(QLatin1String("x-understudy-served-by"), Qt::CaseInsensitive), qPrintable(raw));
        QVERIFY2(raw.contains(QLatin1String("\"chat.completion\"")), qPrintable(raw));
        QVERIFY2(rig.page.statusText().contains(QLatin1String("served by")), qPrintable(rig.page.statusText()));
        QVERIFY(rig.page.timingText().contains(QLatin1String("TTFT")));
        QVERIFY(rig.page.sendButton()->isEnabled());
        QVERIFY(!rig.page.cancelButton()->isEnabled());
    }

    // A route bound to one listener is sent to that listener, not to the
    // first one (where another route would answer it).
    void routeBoundToASecondListenerIsSentThere()
    {
        Config config = playgroundConfig(primaryOk());
        Listener internal;
        internal.name = QStringLiteral("internal");
        internal.port = 0;
        config.listeners.push_back(internal);
        config.routes.front().match.listener = QStringLiteral("default");
        Chain secondaryOnly;
        secondaryOnly.name = QStringLiteral("secondary-only");
        secondaryOnly.steps = {step(QStringLiteral("secondary"))};
        config.chains.push_back(secondaryOnly);
        Route bound = config.routes.front();
        bound.name = QStringLiteral("internal-chat");
        bound.chain = secondaryOnly.name;
        bound.match.listener = internal.name;
        config.routes.push_back(bound);

        Rig rig;
        QVERIFY(rig.start(config));
        const QString internalUrl = QStringLiteral("http://127.0.0.1:%1").arg(rig.engine->port(internal.name));
        rig.page.setListenerUrls({{QStringLiteral("default"), rig.page.baseUrl()}, {internal.name, internalUrl}});
        QVERIFY(rig.page.form()->selectRoute(QStringLiteral("chat")));
        QCOMPARE(rig.page.targetUrl(), rig.page.baseUrl());
        QVERIFY(rig.page.form()->selectRoute(bound.name));
        QCOMPARE(rig.page.targetUrl(), internalUrl);
        rig.page.form()->userEdit()->setPlainText(QStringLiteral("Say hello"));
        QTest::mouseClick(rig.page.sendButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(rig.page.answerView()->toPlainText(), QStringLiteral("Hello from the secondary."),
                                  kWaitMs);
    }

    void streamedChatAppendsDeltas()
    {
        Rig rig;
        Provider slow = primaryOk();
        slow.mock.tokensPerSecond = 40; // several reads, not one
        QVERIFY(rig.start(playgroundConfig(slow)));
        int changes = 0;
        connect(rig.page.answerView(), &QPlainTextEdit::textChanged, this, [&changes] { ++changes; });
        rig.chat(QStringLiteral("Say hello"), true);
        QTRY_COMPARE_WITH_TIMEOUT(rig.page.answerView()->toPlainText(),
                                  QStringLiteral("Hello from the primary mock, one word at a time."), kWaitMs);
        // Deltas were appended as they came, not set once at the end.
        QVERIFY2(changes > 2, qPrintable(QString::number(changes)));
        QTRY_COMPARE_WITH_TIMEOUT(rig.attempts()->rowCount(), 1, kWaitMs);
        QVERIFY(rig.page.rawView()->toPlainText().contains(QLatin1String("chat.completion.chunk")));
        QVERIFY(rig.page.rawView()->toPlainText().contains(QLatin1String("[DONE]")));
        QTRY_VERIFY_WITH_TIMEOUT(!rig.page.isSending(), kWaitMs);
        QVERIFY2(!rig.page.statusText().contains(QLatin1String("cut off")), qPrintable(rig.page.statusText()));
        QVERIFY(rig.page.timingText().contains(QLatin1String("TTFT")));
    }

    void failingPrimaryShowsTwoAttempts()
    {
        Rig rig;
        Provider failing = primaryOk();
        failing.mock.fault = MockFault::ErrorStatus;
        failing.mock.status = 503;
        QVERIFY(rig.start(playgroundConfig(failing)));
        rig.chat(QStringLiteral("Say hello"), true);
        QTRY_COMPARE_WITH_TIMEOUT(rig.page.answerView()->toPlainText(), QStringLiteral("Hello from the secondary."),
                                  kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(rig.attempts()->rowCount(), 2, kWaitMs);
        QCOMPARE(rig.attempts()->item(0, 1)->text(), QStringLiteral("primary/mock-model"));
        QCOMPARE(rig.attempts()->item(0, 2)->text(), QStringLiteral("status_5xx"));
        QCOMPARE(rig.attempts()->item(0, 3)->text(), QStringLiteral("503"));
        QCOMPARE(rig.attempts()->item(1, 1)->text(), QStringLiteral("secondary/mock-model"));
        QCOMPARE(rig.attempts()->item(1, 2)->text(), QStringLiteral("ok"));
        const QString status = rig.page.statusText();
        QVERIFY2(status.contains(QLatin1String("secondary")), qPrintable(status));
        QVERIFY2(status.contains(QLatin1String("status_5xx")), qPrintable(status));
    }

    void headersExerciseStepConditions()
    {
        Rig rig;
        Config config = playgroundConfig(primaryOk());
        Condition gold;
        gold.kind = ConditionKind::Header;
        gold.key = QStringLiteral("x-tier");
        gold.value = QStringLiteral("gold");
        config.chains.front().steps.front().conditions.push_back(gold);
        QVERIFY(rig.start(config));

        // Without the header the primary's condition does not hold.
        rig.chat(QStringLiteral("Say hello"), false);
        QTRY_COMPARE_WITH_TIMEOUT(rig.page.answerView()->toPlainText(), QStringLiteral("Hello from the secondary."),
                                  kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(rig.attempts()->rowCount() > 0, kWaitMs);
        QCOMPARE(rig.attempts()->item(rig.attempts()->rowCount() - 1, 1)->text(),
                 QStringLiteral("secondary/mock-model"));

        rig.page.form()->addHeader(QStringLiteral("x-tier"), QStringLiteral("gold"));
        QTest::mouseClick(rig.page.sendButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(rig.page.answerView()->toPlainText(),
                                  QStringLiteral("Hello from the primary mock, one word at a time."), kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(rig.attempts()->rowCount(), 1, kWaitMs);
        QCOMPARE(rig.attempts()->item(0, 1)->text(), QStringLiteral("primary/mock-model"));
        QVERIFY(rig.page.rawView()->toPlainText().contains(QLatin1String("> x-tier: gold")));
    }

    void cutStreamIsNotASuccess()
    {
        Rig rig;
        Provider cut = primaryOk();
        cut.mock.fault = MockFault::CutAfterEvents;
        cut.mock.afterEvents = 3;
        QVERIFY(rig.start(playgroundConfig(cut)));
        rig.chat(QStringLiteral("Say hello"), true);
        QTRY_VERIFY_WITH_TIMEOUT(!rig.page.isSending() && !rig.page.statusText().startsWith(QLatin1String("Send")),
                                 kWaitMs);
        // Committed after the first event, then cut: the gateway ends the
        // stream with an error event and the page says so.
        const QString status = rig.page.statusText();
        QVERIFY2(status.contains(QLatin1String("error event")) || status.contains(QLatin1String("cut off")),
                 qPrintable(status));
        QVERIFY(!rig.page.answerView()->toPlainText().isEmpty());
        QVERIFY(rig.page.answerView()->toPlainText().size() <
                QStringLiteral("Hello from the primary mock, one word at a time.").size());
    }

    void cancelStopsASlowStream()
    {
        Rig rig;
        Provider slow = primaryOk();
        slow.mock.tokensPerSecond = 2;
        QVERIFY(rig.start(playgroundConfig(slow)));
        rig.chat(QStringLiteral("Say hello"), true);
        QTRY_VERIFY_WITH_TIMEOUT(!rig.page.answerView()->toPlainText().isEmpty(), kWaitMs);
        QVERIFY(rig.page.cancelButton()->isEnabled());
        QTest::mouseClick(rig.page.cancelButton(), Qt::LeftButton);
        QVERIFY(!rig.page.isSending());
        QVERIFY2(rig.page.statusText().startsWith(QLatin1String("Cancelled")), qPrintable(rig.page.statusText()));
        QVERIFY(rig.page.answerView()->toPlainText().size() <
                QStringLiteral("Hello from the primary mock, one word at a time.").size());
        QVERIFY(rig.page.sendButton()->isEnabled());
    }

    void httpRouteUpstreamErrorIsShown()
    {
        Rig rig;
        QVERIFY(rig.start(playgroundConfig(primaryOk())));
        QVERIFY(rig.page.form()->selectRoute(QStringLiteral("api")));
        rig.page.form()->methodCombo()->setCurrentText(QStringLiteral("GET"));
        rig.page.form()->pathEdit()->setText(QStringLiteral("/api/orders"));
        QTest::mouseClick(rig.page.sendButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!rig.page.isSending(), kWaitMs);
        const QString status = rig.page.statusText();
        QVERIFY2(status.startsWith(QLatin1String("HTTP 50")), qPrintable(status));
        QVERIFY2(status.contains(QLatin1String("from the gateway")), qPrintable(status));
        // The error body is the answer, in the gateway's error shape.
        QVERIFY2(rig.page.answerView()->toPlainText().contains(QLatin1String("\"error\"")),
                 qPrintable(rig.page.answerView()->toPlainText()));
        QTRY_VERIFY_WITH_TIMEOUT(rig.attempts()->rowCount() >= 1, kWaitMs);
        QCOMPARE(rig.attempts()->item(0, 2)->text(), QStringLiteral("connect_error"));
    }

    void stoppedGatewaySaysHowToStart()
    {
        PlaygroundPage page;
        page.setConfig(std::make_shared<Config>(playgroundConfig(primaryOk())));
        page.show();
        QVERIFY(page.form()->selectRoute(QStringLiteral("chat")));
        page.form()->userEdit()->setPlainText(QStringLiteral("hi"));

        // No base URL: the host says the gateway is stopped.
        QTest::mouseClick(page.sendButton(), Qt::LeftButton);
        QVERIFY2(page.statusText().contains(QLatin1String("stopped")), qPrintable(page.statusText()));
        QVERIFY(page.statusText().contains(QLatin1String("Start Gateway")));

        // A base URL nobody listens on: connection refused.
        page.setBaseUrl(QStringLiteral("http://127.0.0.1:%1").arg(closedPort()));
        QTest::mouseClick(page.sendButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!page.isSending(), kWaitMs);
        QVERIFY2(page.statusText().contains(QLatin1String("not running")), qPrintable(page.statusText()));
        QVERIFY(page.statusText().contains(QLatin1String("Start Gateway")));
    }
};

QTEST_MAIN(TestPlaygroundPage)
#include "tst_playgroundpage.moc"
