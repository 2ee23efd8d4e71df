// The German translation is embedded and used: a sidebar label and a
// status-bar text appear in German, and a locale without a translation
// leaves the English source strings.

#include "ConsoleTranslator.h"
#include "MainWindow.h"

#include <QApplication>
#include <QListWidget>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace understudy;

class TestConsoleTranslation : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void germanIsEmbeddedAndTranslates();
    void germanSidebar();
    void englishPlurals();
    void unknownLocaleHasNoTranslator();

private:
    QTemporaryDir m_dir;
};

void TestConsoleTranslation::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("UnderstudyTest"));
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.path());
    QSettings::setDefaultFormat(QSettings::IniFormat);
}

void TestConsoleTranslation::germanIsEmbeddedAndTranslates()
{
    QVERIFY(QFile::exists(QStringLiteral(":/i18n/understudy_de.qm")));
    const auto translator = loadConsoleTranslator(QLocale(QLocale::German, QLocale::Austria));
    QVERIFY(translator);
    QCOMPARE(translator->translate("understudy::MainWindow", "Dashboard"), QStringLiteral("Übersicht"));
    QCOMPARE(translator->translate("understudy::EngineHost", "stopped"), QStringLiteral("angehalten"));
    QCOMPARE(translator->translate("understudy::MainWindow", "History"), QStringLiteral("Verlauf"));
    QCOMPARE(translator->translate("understudy::MainWindow", "%n error(s): fix them to apply", nullptr, 2),
             QStringLiteral("%n Fehler: zum Übernehmen beheben"));
}

void TestConsoleTranslation::germanSidebar()
{
    const auto translator = loadConsoleTranslator(QLocale(QLocale::German, QLocale::Germany));
    QVERIFY(translator);
    QVERIFY(QCoreApplication::installTranslator(translator.get()));
    {
        MainWindow window;
        auto *sidebar = window.findChild<QListWidget *>(QStringLiteral("navigation"));
        QVERIFY(sidebar);
        QCOMPARE(sidebar->item(MainWindow::Dashboard)->text(), QStringLiteral("Übersicht"));
        QCOMPARE(sidebar->item(MainWindow::Chains)->text(), QStringLiteral("Ketten"));
    }
    QCoreApplication::removeTranslator(translator.get());
    MainWindow english;
    QCOMPARE(english.findChild<QListWidget *>(QStringLiteral("navigation"))->item(MainWindow::Dashboard)->text(),
             QStringLiteral("Dashboard"));
}

void TestConsoleTranslation::englishPlurals()
{
    // The English file only carries plural forms: "1 error", "2 errors".
    const auto translator = loadConsoleTranslator(QLocale(QLocale::English, QLocale::UnitedStates));
    QVERIFY(translator);
    QCOMPARE(translator->translate("understudy::MainWindow", "%n error(s): fix them to apply", nullptr, 1),
             QStringLiteral("%n error: fix it to apply"));
    QCOMPARE(translator->translate("understudy::MainWindow", "%n error(s): fix them to apply", nullptr, 3),
             QStringLiteral("%n errors: fix them to apply"));
}

void TestConsoleTranslation::unknownLocaleHasNoTranslator()
{
    QVERIFY(!loadConsoleTranslator(QLocale(QLocale::Japanese, QLocale::Japan)));
}

QTEST_MAIN(TestConsoleTranslation)
#include "tst_consoletranslation.moc"
