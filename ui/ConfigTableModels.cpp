#include "ConfigTableModels.h"

#include <QLocale>

namespace understudy {

namespace {

// "primary", "group(a, b)", "→ fallback", "cache", "static": what a step
// does, in the words an operator reads the chain with.
QString stepLabel(const Step &step)
{
    if (!step.name.isEmpty())
        return step.name;
    switch (step.kind) {
    case StepKind::Provider:
        return step.targets.empty() ? stepKindName(step.kind) : step.targets.front().provider;
    case StepKind::Group: {
        QStringList members;
        for (const Target &target : step.targets)
            members << target.provider;
        return stepKindName(step.kind) + u'(' + members.join(QStringLiteral(", ")) + u')';
    }
    case StepKind::Chain:
        return QStringLiteral("→ ") + step.chain;
    case StepKind::Cache:
    case StepKind::Static:
        return stepKindName(step.kind);
    }
    return stepKindName(step.kind);
}

QString seconds(int milliseconds)
{
    return ConfigTableModel::tr("%1 s").arg(QLocale().toString(milliseconds / 1000.0, 'g', 4));
}

} // namespace

ConfigTableModel::ConfigTableModel(QObject *parent) : QAbstractTableModel(parent)
{}

void ConfigTableModel::setConfig(ConfigSnapshot config)
{
    beginResetModel();
    m_config = std::move(config);
    endResetModel();
}

int ConfigTableModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() || !m_config)
        return 0;
    return itemCount(*m_config);
}

int ConfigTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(columnTitles().size());
}

QVariant ConfigTableModel::data(const QModelIndex &index, int role) const
{
    if (!m_config || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
        return cellText(*m_config, index.row(), index.column());
    return {};
}

QVariant ConfigTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    const QStringList titles = columnTitles();
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= titles.size())
        return {};
    return titles.at(section);
}

// ------------------------------------------------------------------ chains

int ChainTableModel::itemCount(const Config &config) const
{
    return int(config.chains.size());
}

QStringList ChainTableModel::columnTitles() const
{
    return {tr("Name"), tr("Steps"), tr("Deadline"), tr("Description")};
}

QString ChainTableModel::cellText(const Config &config, int row, int column) const
{
    const Chain &chain = config.chains.at(std::size_t(row));
    switch (column) {
    case 0:
        return chain.name;
    case 1: {
        QStringList steps;
        for (const Step &step : chain.steps)
            steps << stepLabel(step);
        return steps.join(QStringLiteral(" → "));
    }
    case 2:
        return seconds(chain.policy.deadlineMs);
    case 3:
        return chain.description;
    }
    return {};
}

// ------------------------------------------------------------------ routes

int RouteTableModel::itemCount(const Config &config) const
{
    return int(config.routes.size());
}

QStringList RouteTableModel::columnTitles() const
{
    return {tr("Name"), tr("Kind"), tr("Match"), tr("Chain")};
}

QString RouteTableModel::cellText(const Config &config, int row, int column) const
{
    const Route &route = config.routes.at(std::size_t(row));
    switch (column) {
    case 0:
        return route.name;
    case 1:
        return routeKindName(route.kind);
    case 2: {
        const QString methods = route.match.methods.isEmpty() ? tr("any method") : route.match.methods.join(u',');
        const QString path = route.match.pathMatch == PathMatch::Prefix ? route.match.path + u'*' : route.match.path;
        return methods + u' ' + route.match.host + path; // host is empty when any host matches
    }
    case 3:
        return route.chain;
    }
    return {};
}

// --------------------------------------------------------------- providers

int ProviderTableModel::itemCount(const Config &config) const
{
    return int(config.providers.size());
}

QStringList ProviderTableModel::columnTitles() const
{
    return {tr("Name"), tr("Kind"), tr("Base URL"), tr("Models")};
}

QString ProviderTableModel::cellText(const Config &config, int row, int column) const
{
    const Provider &provider = config.providers.at(std::size_t(row));
    switch (column) {
    case 0:
        return provider.name;
    case 1:
        return providerKindName(provider.kind);
    case 2:
        return provider.kind == ProviderKind::Mock ? tr("built-in mock") : provider.baseUrl;
    case 3: {
        QStringList models;
        for (const ModelInfo &model : provider.models)
            models << model.name;
        return models.join(QStringLiteral(", "));
    }
    }
    return {};
}

} // namespace understudy
