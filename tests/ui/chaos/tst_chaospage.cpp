// The Chaos page against a real Engine: an injection from the form makes
// the primary fail so the secondary serves, stopping it from the page
// brings the primary back; the countdown runs down and an expired
// injection leaves the table; admin-started injections show up; each
// fault enables only its own fields; scenarios built from the demo config.

#include "ChaosTestGateway.h"
#include "chaos/ChaosFaultForm.h"
#include "chaos/ChaosFaults.h"
#include "chaos/ChaosInjectionModel.h"
#include "chaos/ChaosPage.h"
#include "chaos/ChaosScenarios.h"
#include "config/DemoWorkspace.h"
#include "fallback/Clock.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTest>

using namespace understudy;
using namespace understudy::chaostest;

Q_DECLARE_METATYPE(understudy::MockFault)

namespace {

std::shared_ptr<ChaosRegistry> newRegistry()
{
    return std::make_shared<ChaosRegistry>(SystemClock::instance());
}

QString cell(const ChaosPage &page, int row, int column)
{
    return page.injectionsModel()->index(row, column).data().toString();
}

} // namespace

class TestChaosPage : public QObject
{
    Q_OBJECT

private slots:
    void injectServesSecondaryThenStopRestoresPrimary()
    {
        auto chaos = newRegistry();
        TestGateway gateway(chaos);
        QVERIFY(gateway.start());
        QVERIFY(gateway.chat().servedBy.contains("alpha"));

        ChaosPage page;
        QAbstractItemModelTester tester(page.injectionsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        page.setConfig(gateway.config());
        page.setChaos(chaos);
        page.setBaseUrl(gateway.baseUrl());
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));

        QCOMPARE(page.providerCombo()->count(), 2);
        QCOMPARE(page.providerCombo()->currentText(), QStringLiteral("alpha"));
        QCOMPARE(page.modelCombo()->count(), 2); // all models + alpha-1
        page.faultForm()->setFault(MockFault::ErrorStatus);
        page.faultForm()->field(FaultParam::Status)->setValue(503);
        page.durationSpin()->setValue(60);
        page.noteEdit()->setText(QStringLiteral("rehearsal"));
        QPushButton *inject = page.findChild<QPushButton *>(QStringLiteral("chaosInject"));
        QVERIFY(inject && inject->isEnabled());
        QTest::mouseClick(inject, Qt::LeftButton);

        QCOMPARE(page.injectionsModel()->rowCount(), 1);
        QCOMPARE(cell(page, 0, ChaosInjectionModel::Provider), QStringLiteral("alpha"));
        QCOMPARE(cell(page, 0, ChaosInjectionModel::Model), QStringLiteral("all models"));
        QCOMPARE(cell(page, 0, ChaosInjectionModel::Fault), faultTitle(MockFault::ErrorStatus));
        QVERIFY(cell(page, 0, ChaosInjectionModel::Parameters).contains(QStringLiteral("503")));
        QCOMPARE(cell(page, 0, ChaosInjectionModel::Note), QStringLiteral("rehearsal"));
        QCOMPARE(cell(page, 0, ChaosInjectionModel::Remaining), QStringLiteral("1:00"));

        const TestGateway::Answer failedOver = gateway.chat();
        QCOMPARE(failedOver.status, 200);
        QVERIFY2(failedOver.servedBy.contains("beta"), failedOver.servedBy.constData());

        page.injectionsView()->selectRow(0);
        QCOMPARE(page.stopSelected(), 1);
        QCOMPARE(page.injectionsModel()->rowCount(), 0);
        QVERIFY(chaos->list().empty());
        const TestGateway::Answer back = gateway.chat();
        QCOMPARE(back.status, 200);
        QVERIFY2(back.servedBy.contains("alpha"), back.servedBy.constData());
    }

    void modelInjectionOnlyHitsThatModel()
    {
        auto chaos = newRegistry();
        TestGateway gateway(chaos);
        QVERIFY(gateway.start());
        ChaosPage page;
        page.setConfig(gateway.config());
        page.setChaos(chaos);
        page.modelCombo()->setCurrentIndex(page.modelCombo()->findText(QStringLiteral("alpha-1")));
        page.faultForm()->setFault(MockFault::ResetBeforeHeaders);
        QVERIFY(page.injectFromForm());
        const auto list = chaos->list();
        QCOMPARE(int(list.size()), 1);
        QCOMPARE(list.front().model, QStringLiteral("alpha-1"));
        QCOMPARE(list.front().fault.fault, MockFault::ResetBeforeHeaders);
        QVERIFY(gateway.chat().servedBy.contains("beta"));
    }

    void countdownAndExpiry()
    {
        auto chaos = newRegistry();
        ChaosPage page;
        page.setConfig(std::make_shared<const Config>(twoMockConfig()));
        page.setChaos(chaos);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.faultForm()->setFault(MockFault::NoResponse);
        page.durationSpin()->setValue(3);
        QVERIFY(page.injectFromForm());
        QCOMPARE(cell(page, 0, ChaosInjectionModel::Remaining), QStringLiteral("0:03"));
        // The page polls once a second on its own.
        QTRY_COMPARE_WITH_TIMEOUT(cell(page, 0, ChaosInjectionModel::Remaining), QStringLiteral("0:02"), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(page.injectionsModel()->rowCount(), 0, 10000);
    }

    void adminStartedInjectionsAppearAndStopAll()
    {
        auto chaos = newRegistry();
        ChaosPage page;
        page.setConfig(std::make_shared<const Config>(twoMockConfig()));
        page.setChaos(chaos);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QCOMPARE(page.injectionsModel()->rowCount(), 0);

        ChaosRequest request; // what the admin API does on POST /admin/v1/chaos
        request.provider = QStringLiteral("beta");
        request.fault.fault = MockFault::Flapping;
        request.fault.downMs = 2000;
        request.fault.upMs = 3000;
        request.durationMs = 30000;
        QVERIFY(chaos->start(request).ok());
        request.provider = QStringLiteral("alpha");
        request.fault.fault = MockFault::CutAfterEvents;
        QVERIFY(chaos->start(request).ok());
        QTRY_COMPARE_WITH_TIMEOUT(page.injectionsModel()->rowCount(), 2, 5000);
        QVERIFY(cell(page, 0, ChaosInjectionModel::Parameters).contains(QStringLiteral("down 2 s")));

        QCOMPARE(page.stopAll(), 2);
        QCOMPARE(page.injectionsModel()->rowCount(), 0);
        QVERIFY(chaos->list().empty());
    }

    void refusedInjectionShowsTheReason()
    {
        ChaosPage page;
        page.setConfig(std::make_shared<const Config>(twoMockConfig()));
        QVERIFY(!page.injectFromForm()); // no registry yet
        QVERIFY(!page.errorLabel()->text().isEmpty());
        auto chaos = newRegistry();
        page.setChaos(chaos);
        page.setConfig(std::make_shared<const Config>(Config{})); // no providers to pick
        QVERIFY(!page.injectFromForm());
        QVERIFY(page.errorLabel()->text().contains(QStringLiteral("provider")));
        QVERIFY(chaos->list().empty());
    }

    void faultFormEnablesRelevantFields_data()
    {
        QTest::addColumn<MockFault>("fault");
        QTest::addColumn<QList<int>>("enabled"); // FaultParam values
        using P = FaultParam;
        auto params = [](std::initializer_list<P> list) {
            QList<int> out;
            for (P p : list)
                out << int(p);
            return out;
        };
        QTest::newRow("error_status") << MockFault::ErrorStatus << params({P::Status, P::RetryAfter, P::Latency});
        QTest::newRow("reset") << MockFault::ResetBeforeHeaders << params({P::Latency});
        QTest::newRow("no_response") << MockFault::NoResponse << params({});
        QTest::newRow("slow_first_token") << MockFault::SlowFirstToken << params({P::Delay, P::Latency});
        QTest::newRow("cut") << MockFault::CutAfterEvents << params({P::AfterEvents, P::Latency});
        QTest::newRow("stall") << MockFault::StallAfterEvents << params({P::AfterEvents, P::Latency});
        QTest::newRow("malformed") << MockFault::MalformedEvent << params({P::AfterEvents, P::Latency});
        QTest::newRow("missing_done") << MockFault::MissingDone << params({P::Latency});
        QTest::newRow("context_length") << MockFault::ContextLength << params({P::Latency});
        QTest::newRow("content_policy") << MockFault::ContentPolicy << params({P::Latency});
        QTest::newRow("flapping") << MockFault::Flapping << params({P::Down, P::Up, P::RetryAfter, P::Latency});
    }

    void faultFormEnablesRelevantFields()
    {
        QFETCH(MockFault, fault);
        QFETCH(QList<int>, enabled);
        ChaosFaultForm form;
        form.setFault(MockFault::NoResponse);
        form.setFault(fault);
        QCOMPARE(form.fault(), fault);
        const QList<P> all{P::Status, P::RetryAfter, P::AfterEvents, P::Delay, P::Down, P::Up, P::Latency};
        for (P p : all) {
            QVERIFY(form.field(p));
            QCOMPARE(form.field(p)->isEnabled(), enabled.contains(int(p)));
        }
        // Values of enabled fields reach the settings; disabled ones keep
        // the defaults.
        for (P p : all)
            form.field(p)->setValue(form.field(p)->minimum() + 7);
        const MockSettings s = form.settings();
        const MockSettings defaults;
        QCOMPARE(s.fault, fault);
        QCOMPARE(s.status == defaults.status, !enabled.contains(int(P::Status)));
        QCOMPARE(s.afterEvents == defaults.afterEvents, !enabled.contains(int(P::AfterEvents)));
        QCOMPARE(s.delayMs == defaults.delayMs, !enabled.contains(int(P::Delay)));
        QCOMPARE(s.latencyMs == defaults.latencyMs, !enabled.contains(int(P::Latency)));
        // Every fault the mock knows is offered.
        QCOMPARE(form.faultCombo()->count(), 11);
    }

    void scenariosFromTheDemoConfig()
    {
        const Config demo = demoConfig();
        const auto scenarios = chaosScenarios(demo);
        QVERIFY(scenarios.size() >= 3);
        QCOMPARE(chainProviders(demo, QStringLiteral("chat")),
                 QStringList({QStringLiteral("primary"), QStringLiteral("secondary"), QStringLiteral("local")}));

        auto chaos = newRegistry();
        ChaosPage page;
        page.setConfig(std::make_shared<const Config>(demo));
        page.setChaos(chaos);
        auto *down = page.findChild<QPushButton *>(QStringLiteral("scenario-primary-down"));
        QVERIFY(down && down->isEnabled());
        QTest::mouseClick(down, Qt::LeftButton);
        auto list = chaos->list();
        QCOMPARE(int(list.size()), 1);
        QCOMPARE(list.front().provider, QStringLiteral("primary"));
        QCOMPARE(list.front().fault.fault, MockFault::ErrorStatus);
        QCOMPARE(list.front().fault.status, 503);
        QCOMPARE(list.front().expiresAtMs - list.front().startedAtMs, qint64(60000));

        QVERIFY(page.runScenario(QStringLiteral("all-but-last-down")));
        list = chaos->list();
        QCOMPARE(int(list.size()), 2); // primary's 503 replaced, secondary added; local left alone
        QCOMPARE(list.at(0).provider, QStringLiteral("primary"));
        QCOMPARE(list.at(1).provider, QStringLiteral("secondary"));
        QCOMPARE(list.at(1).expiresAtMs - list.at(1).startedAtMs, qint64(30000));
        QCOMPARE(page.injectionsModel()->rowCount(), 2);

        QVERIFY(page.runScenario(QStringLiteral("primary-slow")));
        QCOMPARE(chaos->active(QStringLiteral("primary"), {})->fault, MockFault::SlowFirstToken);
        QCOMPARE(chaos->active(QStringLiteral("primary"), {})->delayMs, 5000);
        QVERIFY(!page.runScenario(QStringLiteral("no-such-scenario")));

        // A config without routes offers none.
        QVERIFY(chaosScenarios(Config{}).empty());
    }

    void countdownText_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QString>("text");
        QTest::newRow("zero") << qint64(0) << QStringLiteral("0:00");
        QTest::newRow("rounds up") << qint64(2001) << QStringLiteral("0:03");
        QTest::newRow("minute") << qint64(60000) << QStringLiteral("1:00");
        QTest::newRow("hours") << qint64(3723000) << QStringLiteral("1:02:03");
    }

    void countdownText()
    {
        QFETCH(qint64, ms);
        QFETCH(QString, text);
        QCOMPARE(ChaosInjectionModel::countdownText(ms), text);
    }

private:
    using P = FaultParam;
};

QTEST_MAIN(TestChaosPage)
#include "tst_chaospage.moc"
