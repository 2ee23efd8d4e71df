#pragma once

// Small item models behind the Providers and Routes editors: the name list
// on the left of each page, a provider's model catalogue, its default
// headers and a route's header predicates. Each model holds a copy of the
// rows; a cell edit changes the copy and emits rowsEdited() so the page can
// turn it into one undoable Config edit, then hands the rows back with
// setRows() (a no-op when nothing changed, so an open editor survives).

#include "config/Config.h"

#include <QAbstractListModel>
#include <QAbstractTableModel>

#include <vector>

namespace understudy {

// Names of providers or routes, with a marker on those that have errors.
class NameListModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NameListModel)

public:
    explicit NameListModel(QObject *parent = nullptr);

    void setNames(const QStringList &names, const QList<bool> &hasErrors);
    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    QStringList m_names;
    QList<bool> m_errors;
};

// Columns are fixed; editable cells emit rowsEdited(column name).
template<typename Row>
class RowTableModel : public QAbstractTableModel
{
public:
    using QAbstractTableModel::QAbstractTableModel;

    void setRows(const std::vector<Row> &rows)
    {
        if (rows == m_rows)
            return;
        beginResetModel();
        m_rows = rows;
        endResetModel();
    }
    const std::vector<Row> &rows() const { return m_rows; }
    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_rows.size()); }

protected:
    std::vector<Row> m_rows;
};

class ModelCatalogModel final : public RowTableModel<ModelInfo>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModelCatalogModel)

public:
    enum Column { Name, ContextWindow, InputPrice, OutputPrice, Streaming, Prefill, Tools, Vision, Embeddings, ColumnCount };

    explicit ModelCatalogModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void rowsEdited(const QString &field);
};

// A provider's default headers (name, value).
class HeaderTableModel final : public RowTableModel<Header>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeaderTableModel)

public:
    explicit HeaderTableModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void rowsEdited(const QString &field);
};

// A route's header predicates (name, value, regex).
class HeaderMatchModel final : public RowTableModel<HeaderMatch>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeaderMatchModel)

public:
    enum Column { Name, Value, Regex, ColumnCount };

    explicit HeaderMatchModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void rowsEdited(const QString &field);
};

} // namespace understudy
