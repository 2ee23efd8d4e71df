#pragma once

// Read-only table models over one config snapshot: the Chains, Routes and
// Providers pages. They hold the immutable snapshot and format cells lazily
// in data().

#include "config/Config.h"

#include <QAbstractTableModel>

namespace understudy {

class ConfigTableModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConfigTableModel)

public:
    explicit ConfigTableModel(QObject *parent = nullptr);

    void setConfig(ConfigSnapshot config);
    const Config *config() const { return m_config.get(); }

    int rowCount(const QModelIndex &parent = {}) const final;
    int columnCount(const QModelIndex &parent = {}) const final;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const final;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const final;

protected:
    virtual int itemCount(const Config &config) const = 0;
    virtual QStringList columnTitles() const = 0;
    virtual QString cellText(const Config &config, int row, int column) const = 0;

private:
    ConfigSnapshot m_config;
};

class ChainTableModel final : public ConfigTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChainTableModel)

public:
    using ConfigTableModel::ConfigTableModel;

protected:
    int itemCount(const Config &config) const override;
    QStringList columnTitles() const override;
    QString cellText(const Config &config, int row, int column) const override;
};

class RouteTableModel final : public ConfigTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RouteTableModel)

public:
    using ConfigTableModel::ConfigTableModel;

protected:
    int itemCount(const Config &config) const override;
    QStringList columnTitles() const override;
    QString cellText(const Config &config, int row, int column) const override;
};

class ProviderTableModel final : public ConfigTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProviderTableModel)

public:
    using ConfigTableModel::ConfigTableModel;

protected:
    int itemCount(const Config &config) const override;
    QStringList columnTitles() const override;
    QString cellText(const Config &config, int row, int column) const override;
};

} // namespace understudy
