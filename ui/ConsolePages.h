#pragma once

#include <QWidget>

class QIcon;
class QLabel;
class QStackedWidget;
class QTableView;

namespace understudy {

class ConfigTableModel;

// A page whose feature arrives in a later piece of work. It says so plainly
// instead of showing fake controls.
class PlaceholderPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlaceholderPage)

public:
    PlaceholderPage(const QString &title, const QString &explanation, const QIcon &icon, QWidget *parent = nullptr);
};

// A titled, read-only table of one part of the workspace config. Shows
// "Opening workspace…" until the model has a config.
class ConfigListPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConfigListPage)

public:
    ConfigListPage(const QString &title, const QString &explanation, ConfigTableModel *model,
                   QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    // Shown instead of the table while no config is loaded.
    void setStatusText(const QString &text);

private:
    void showTableWhenLoaded();

    ConfigTableModel *m_model;
    QStackedWidget *m_stack;
    QLabel *m_status;
    QTableView *m_view;
};

} // namespace understudy
