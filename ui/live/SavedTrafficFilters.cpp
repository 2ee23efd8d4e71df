#include "SavedTrafficFilters.h"

#include <QInputDialog>
#include <QSettings>
#include <QVariantMap>

namespace understudy {

namespace {

const QString kName = QStringLiteral("name");
const QString kExpression = QStringLiteral("expression");

void store(const std::vector<SavedTrafficFilter> &filters)
{
    QVariantList list;
    for (const SavedTrafficFilter &f : filters)
        list << QVariantMap{{kName, f.name}, {kExpression, f.expression}};
    QSettings settings;
    settings.setValue(QLatin1String(SavedTrafficFilters::SettingsKey), list);
}

} // namespace

std::vector<SavedTrafficFilter> SavedTrafficFilters::load()
{
    std::vector<SavedTrafficFilter> out;
    const QVariantList list = QSettings().value(QLatin1String(SettingsKey)).toList();
    for (const QVariant &entry : list) {
        const QVariantMap map = entry.toMap();
        const QString name = map.value(kName).toString();
        if (!name.isEmpty())
            out.push_back({name, map.value(kExpression).toString()});
    }
    return out;
}

void SavedTrafficFilters::save(const QString &name, const QString &expression)
{
    auto filters = load();
    auto it = std::find_if(filters.begin(), filters.end(), [&](const auto &f) { return f.name == name; });
    if (it != filters.end())
        it->expression = expression;
    else
        filters.push_back({name, expression});
    store(filters);
}

void SavedTrafficFilters::remove(const QString &name)
{
    auto filters = load();
    std::erase_if(filters, [&](const auto &f) { return f.name == name; });
    store(filters);
}

SavedFiltersMenu::SavedFiltersMenu(std::function<QString()> currentExpression, QWidget *parent)
    : QMenu(parent), m_currentExpression(std::move(currentExpression)), m_deleteMenu(new QMenu(tr("Delete"), this))
{
    setObjectName(QStringLiteral("savedFiltersMenu"));
    // Another page (or window) may have changed the list since.
    connect(this, &QMenu::aboutToShow, this, &SavedFiltersMenu::rebuild);
    rebuild();
}

void SavedFiltersMenu::rebuild()
{
    clear();
    addAction(tr("Save current…"), this, &SavedFiltersMenu::saveCurrent);
    const auto filters = SavedTrafficFilters::load();
    if (filters.empty())
        return;
    addSeparator();
    for (const SavedTrafficFilter &f : filters) {
        QAction *apply =
            addAction(f.name, this, [this, expression = f.expression] { emit applyRequested(expression); });
        apply->setToolTip(f.expression);
        apply->setStatusTip(f.expression);
    }
    addSeparator();
    // Entries are rebuilt before each show, never from inside one of
    // their own triggers (clear() deletes the actions).
    m_deleteMenu->clear();
    for (const SavedTrafficFilter &f : filters)
        m_deleteMenu->addAction(f.name, this, [name = f.name] { SavedTrafficFilters::remove(name); });
    addMenu(m_deleteMenu);
}

void SavedFiltersMenu::saveCurrent()
{
    const QString expression = m_currentExpression ? m_currentExpression() : QString();
    if (expression.trimmed().isEmpty())
        return;
    bool ok = false;
    const QString name =
        QInputDialog::getText(parentWidget(), tr("Save filter"), tr("Name for \"%1\":").arg(expression),
                              QLineEdit::Normal, expression, &ok)
            .trimmed();
    if (!ok || name.isEmpty())
        return;
    SavedTrafficFilters::save(name, expression);
}

} // namespace understudy
