#pragma once

// Named Traffic filter expressions the user keeps, in QSettings under
// "traffic/savedFilters" (a list of {name, expression} maps, in the order
// saved), and the filter bar's menu over them: "Save current…", one entry
// per saved filter (applies it), and "Delete" with a sub-entry each.

#include <QMenu>
#include <QString>

#include <functional>
#include <vector>

namespace understudy {

struct SavedTrafficFilter
{
    QString name;
    QString expression;
};

namespace SavedTrafficFilters {
inline constexpr char SettingsKey[] = "traffic/savedFilters";
std::vector<SavedTrafficFilter> load();
// Adds, or replaces the expression of the filter with the same name.
void save(const QString &name, const QString &expression);
void remove(const QString &name);
} // namespace SavedTrafficFilters

class SavedFiltersMenu final : public QMenu
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SavedFiltersMenu)

public:
    // `currentExpression` gives the filter text "Save current…" stores.
    SavedFiltersMenu(std::function<QString()> currentExpression, QWidget *parent = nullptr);

    // Rebuilds the entries from the settings (also done before each show).
    void rebuild();

signals:
    void applyRequested(const QString &expression);

private:
    void saveCurrent();

    std::function<QString()> m_currentExpression;
    QMenu *m_deleteMenu = nullptr;
};

} // namespace understudy
