#include "editors/EditorModels.h"

#include <QBrush>
#include <QColor>

namespace understudy {

// ---------------------------------------------------------------- names

NameListModel::NameListModel(QObject *parent)
    : QAbstractListModel(parent)
{}

void NameListModel::setNames(const QStringList &names, const QList<bool> &hasErrors)
{
    if (names == m_names && hasErrors == m_errors)
        return;
    if (names.size() == m_names.size()) {
        // Same rows: keep the view's selection and scroll position.
        m_names = names;
        m_errors = hasErrors;
        if (!m_names.isEmpty())
            emit dataChanged(index(0), index(int(m_names.size()) - 1));
        return;
    }
    beginResetModel();
    m_names = names;
    m_errors = hasErrors;
    endResetModel();
}

int NameListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_names.size());
}

QVariant NameListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QString &name = m_names.at(index.row());
    const bool error = index.row() < m_errors.size() && m_errors.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return name.isEmpty() ? tr("(unnamed)") : name;
    case Qt::ForegroundRole:
        return error ? QVariant(QBrush(QColor(0xc0, 0x1c, 0x28))) : QVariant();
    case Qt::ToolTipRole:
    case Qt::AccessibleDescriptionRole:
        return error ? tr("has validation errors") : QVariant();
    default:
        return {};
    }
}

// ------------------------------------------------------------- catalogue

namespace {

bool ModelInfo::*flagMember(int column)
{
    switch (column) {
    case ModelCatalogModel::Streaming:
        return &ModelInfo::supportsStreaming;
    case ModelCatalogModel::Prefill:
        return &ModelInfo::supportsPrefill;
    case ModelCatalogModel::Tools:
        return &ModelInfo::supportsTools;
    case ModelCatalogModel::Vision:
        return &ModelInfo::supportsVision;
    case ModelCatalogModel::Embeddings:
        return &ModelInfo::supportsEmbeddings;
    default:
        return nullptr;
    }
}

QString catalogField(int column)
{
    static const char *const fields[] = {"name",      "context_window", "input_price", "output_price", "streaming",
                                         "prefill",   "tools",          "vision",      "embeddings"};
    return QString::fromLatin1(fields[column]);
}

} // namespace

ModelCatalogModel::ModelCatalogModel(QObject *parent)
    : RowTableModel<ModelInfo>(parent)
{}

int ModelCatalogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ModelCatalogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ModelInfo &m = m_rows[std::size_t(index.row())];
    if (bool ModelInfo::*flag = flagMember(index.column())) {
        if (role == Qt::CheckStateRole)
            return m.*flag ? Qt::Checked : Qt::Unchecked;
        return {};
    }
    if (role == Qt::TextAlignmentRole && index.column() != Name)
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    switch (index.column()) {
    case Name:
        return m.name;
    case ContextWindow:
        return m.contextWindow;
    case InputPrice:
        return m.inputPricePerMTok;
    case OutputPrice:
        return m.outputPricePerMTok;
    default:
        return {};
    }
}

bool ModelCatalogModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    ModelInfo &m = m_rows[std::size_t(index.row())];
    const ModelInfo before = m;
    if (bool ModelInfo::*flag = flagMember(index.column())) {
        if (role != Qt::CheckStateRole)
            return false;
        m.*flag = Qt::CheckState(value.toInt()) == Qt::Checked;
    } else {
        if (role != Qt::EditRole)
            return false;
        bool ok = true;
        switch (index.column()) {
        case Name:
            m.name = value.toString().trimmed();
            break;
        case ContextWindow:
            m.contextWindow = value.toLongLong(&ok);
            break;
        case InputPrice:
            m.inputPricePerMTok = value.toDouble(&ok);
            break;
        case OutputPrice:
            m.outputPricePerMTok = value.toDouble(&ok);
            break;
        default:
            return false;
        }
        if (!ok) {
            m = before;
            return false;
        }
    }
    if (m == before)
        return true;
    emit dataChanged(index, index);
    emit rowsEdited(catalogField(index.column()));
    return true;
}

Qt::ItemFlags ModelCatalogModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    return f | (flagMember(index.column()) ? Qt::ItemIsUserCheckable : Qt::ItemIsEditable);
}

QVariant ModelCatalogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return {};
    switch (section) {
    case Name:
        return tr("Model");
    case ContextWindow:
        return tr("Context");
    case InputPrice:
        return tr("In $/1M");
    case OutputPrice:
        return tr("Out $/1M");
    case Streaming:
        return tr("Stream");
    case Prefill:
        return tr("Prefill");
    case Tools:
        return tr("Tools");
    case Vision:
        return tr("Vision");
    default:
        return tr("Embed");
    }
}

// --------------------------------------------------------------- headers

HeaderTableModel::HeaderTableModel(QObject *parent)
    : RowTableModel<Header>(parent)
{}

int HeaderTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : 2;
}

QVariant HeaderTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    const Header &h = m_rows[std::size_t(index.row())];
    return index.column() == 0 ? h.name : h.value;
}

bool HeaderTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    Header &h = m_rows[std::size_t(index.row())];
    QString &field = index.column() == 0 ? h.name : h.value;
    const QString text = index.column() == 0 ? value.toString().trimmed() : value.toString();
    if (field == text)
        return true;
    field = text;
    emit dataChanged(index, index);
    emit rowsEdited(index.column() == 0 ? QStringLiteral("name") : QStringLiteral("value"));
    return true;
}

Qt::ItemFlags HeaderTableModel::flags(const QModelIndex &index) const
{
    return index.isValid() ? Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable : Qt::NoItemFlags;
}

QVariant HeaderTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section > 1)
        return {};
    return section == 0 ? tr("Header") : tr("Value");
}

// ------------------------------------------------------ header predicates

HeaderMatchModel::HeaderMatchModel(QObject *parent)
    : RowTableModel<HeaderMatch>(parent)
{}

int HeaderMatchModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HeaderMatchModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const HeaderMatch &h = m_rows[std::size_t(index.row())];
    if (index.column() == Regex)
        return role == Qt::CheckStateRole ? QVariant(h.regex ? Qt::Checked : Qt::Unchecked) : QVariant();
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    return index.column() == Name ? h.name : h.value;
}

bool HeaderMatchModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    HeaderMatch &h = m_rows[std::size_t(index.row())];
    const HeaderMatch before = h;
    QString field;
    if (index.column() == Regex) {
        if (role != Qt::CheckStateRole)
            return false;
        h.regex = Qt::CheckState(value.toInt()) == Qt::Checked;
        field = QStringLiteral("regex");
    } else {
        if (role != Qt::EditRole)
            return false;
        if (index.column() == Name)
            h.name = value.toString().trimmed();
        else
            h.value = value.toString();
        field = index.column() == Name ? QStringLiteral("name") : QStringLiteral("value");
    }
    if (h == before)
        return true;
    emit dataChanged(index, index);
    emit rowsEdited(field);
    return true;
}

Qt::ItemFlags HeaderMatchModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    const Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    return f | (index.column() == Regex ? Qt::ItemIsUserCheckable : Qt::ItemIsEditable);
}

QVariant HeaderMatchModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return {};
    switch (section) {
    case Name:
        return tr("Header");
    case Value:
        return tr("Value");
    default:
        return tr("Regex");
    }
}

} // namespace understudy
