#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;

namespace understudy {

// The Settings page: console preferences kept in QSettings. Listener, admin
// API and retention settings arrive with later work and are named as such.
class SettingsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsPage)

public:
    explicit SettingsPage(bool trayAvailable, QWidget *parent = nullptr);

    // Whether closing the window leaves the gateway running in the tray.
    static bool keepRunningInTray();
    static void setKeepRunningInTray(bool keep);

    QCheckBox *trayCheckBox() const { return m_tray; }

private:
    QCheckBox *m_tray;
};

} // namespace understudy
