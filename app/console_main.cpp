#include "ConsoleTranslator.h"
#include "MainWindow.h"
#include "store/Workspace.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTranslator>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Understudy"));
    QApplication::setApplicationName(QStringLiteral("Understudy"));
    QApplication::setApplicationVersion(QStringLiteral(UNDERSTUDY_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.understudy.Understudy"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/understudy.svg")));

    // Installed before the parser so --help is translated too.
    const std::unique_ptr<QTranslator> translator = understudy::loadConsoleTranslator(QLocale::system());
    if (translator)
        QApplication::installTranslator(translator.get());

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Desktop console for API and LLM fallback chains."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption workspaceOption(
        QStringLiteral("workspace"),
        QApplication::translate("main", "Open the workspace file <path>; a missing file is created with the demo "
                                        "config."),
        QApplication::translate("main", "path"), understudy::defaultWorkspacePath());
    parser.addOption(workspaceOption);
    parser.process(app);

    understudy::MainWindow window;
    window.show();
    window.openWorkspace(parser.value(workspaceOption));
    return QApplication::exec();
}
