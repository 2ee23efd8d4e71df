#pragma once

#include <QWidget>

class QCheckBox;
class QIcon;
class QLabel;

namespace understudy {

// A page whose feature arrives in a later piece of work. It says so plainly
// instead of showing fake controls.
class PlaceholderPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlaceholderPage)

public:
    PlaceholderPage(const QString &title, const QString &explanation, const QIcon &icon, QWidget *parent = nullptr);

    // A line of real numbers the page can already show (hidden when empty).
    void setLiveText(const QString &text);
    QString liveText() const;

private:
    QLabel *m_live;
};

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
