#include "ConsolePages.h"

#include <QCheckBox>
#include <QLabel>
#include <QSettings>
#include <QVBoxLayout>

namespace understudy {

namespace {

QLabel *titleLabel(const QString &title, QWidget *parent)
{
    auto *label = new QLabel(title, parent);
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 1.6);
    font.setWeight(QFont::DemiBold);
    label->setFont(font);
    label->setAccessibleName(title);
    return label;
}

QLabel *explanationLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

const QString kKeepInTrayKey = QStringLiteral("tray/keepGatewayRunning");

} // namespace

SettingsPage::SettingsPage(bool trayAvailable, QWidget *parent)
    : QWidget(parent), m_tray(new QCheckBox(tr("&Keep the gateway running in the tray when the window closes"), this))
{
    setAccessibleName(tr("Settings"));
    m_tray->setObjectName(QStringLiteral("keepInTray"));
    m_tray->setChecked(keepRunningInTray());
    m_tray->setEnabled(trayAvailable);
    connect(m_tray, &QCheckBox::toggled, this, &SettingsPage::setKeepRunningInTray);

    auto *trayNote = explanationLabel(
        trayAvailable ? tr("Closing the window then only hides it; use Quit in the File menu or the tray menu to "
                           "stop the gateway and leave.")
                      : tr("This desktop has no system tray, so closing the window always stops the gateway."),
        this);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 20);
    layout->addWidget(titleLabel(tr("Settings"), this));
    layout->addSpacing(12);
    layout->addWidget(m_tray);
    layout->addWidget(trayNote);
    layout->addSpacing(24);
    layout->addWidget(
        explanationLabel(tr("Listener, admin API and retention settings arrive with the gateway settings work; "
                            "until then they are edited in the workspace config (File ▸ Import Config JSON…)."),
                         this));
    layout->addStretch(1);
}

bool SettingsPage::keepRunningInTray()
{
    return QSettings().value(kKeepInTrayKey, false).toBool();
}

void SettingsPage::setKeepRunningInTray(bool keep)
{
    QSettings().setValue(kKeepInTrayKey, keep);
}

} // namespace understudy
