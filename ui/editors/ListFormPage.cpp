#include "editors/ListFormPage.h"

#include "designer/ConfigEditCommand.h"
#include "editors/EditorModels.h"

#include <QAction>
#include <QBoxLayout>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QUndoStack>

namespace understudy {

ListFormPage::ListFormPage(Texts texts, QWidget *parent)
    : QWidget(parent)
    , m_texts(std::move(texts))
    , m_undo(new QUndoStack(this))
    , m_names(new NameListModel(this))
    , m_list(new QListView)
    , m_listButtons(new QGridLayout)
    , m_issueSummary(new QLabel)
    , m_issueList(new QListWidget)
{
    m_list->setModel(m_names);
    m_list->setAccessibleName(m_texts.listName);
    m_list->setUniformItemSizes(true);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (!m_refreshing)
                    selectIndex(current.isValid() ? current.row() : -1);
            });

    addListButton(
        tr("Add"), tr("Add %1").arg(m_texts.item), [this] { addNewItem(); }, 0, 0);
    addListButton(
        tr("Duplicate"), tr("Duplicate %1").arg(m_texts.item), [this] { duplicateItem(m_selected); }, 0, 1);
    addListButton(
        tr("Delete"), tr("Delete %1").arg(m_texts.item), [this] { removeItem(m_selected); }, 0, 2);
    // Tests and the window find the Add button by name ("addProvider").
    m_listButtons->itemAtPosition(0, 0)->widget()->setObjectName(QStringLiteral("add") +
                                                                 m_texts.stem.left(1).toUpper() + m_texts.stem.mid(1));
    m_listButtons->itemAtPosition(0, 1)->widget()->setToolTip(
        tr("Duplicate the selected %1 (Ctrl+D)").arg(m_texts.item));
    m_listButtons->itemAtPosition(0, 2)->widget()->setToolTip(tr("Delete the selected %1 (Delete)").arg(m_texts.item));
    addListAction(tr("Delete %1").arg(m_texts.item), QKeySequence::Delete, [this] { removeItem(m_selected); });
    addListAction(tr("Duplicate %1").arg(m_texts.item), QKeySequence(Qt::CTRL | Qt::Key_D),
                  [this] { duplicateItem(m_selected); });

    m_issueList->setAccessibleName(tr("Validation issues of %1").arg(m_texts.section));
    m_issueList->setMaximumHeight(90);
}

void ListFormPage::buildPage(QWidget *form, QWidget *side)
{
    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(new QLabel(QStringLiteral("<b>%1</b>").arg(m_texts.title)));
    leftLayout->addWidget(m_list, 1);
    leftLayout->addLayout(m_listButtons);

    auto *scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(form);

    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(left);
    splitter->addWidget(scroll);
    if (side) {
        splitter->addWidget(side);
        splitter->setStretchFactor(1, 2);
        splitter->setStretchFactor(2, 1);
        splitter->setSizes({220, 600, 380});
    } else {
        splitter->setStretchFactor(1, 1);
        splitter->setSizes({220, 800});
    }

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_issueSummary);
    layout->addWidget(m_issueList);
}

void ListFormPage::addListButton(const QString &text, const QString &accessibleName, const std::function<void()> &slot,
                                 int row, int column)
{
    auto *button = new QPushButton(text);
    button->setAccessibleName(accessibleName);
    connect(button, &QPushButton::clicked, this, slot);
    m_listButtons->addWidget(button, row, column);
}

void ListFormPage::addListAction(const QString &text, const QKeySequence &key, const std::function<void()> &slot)
{
    auto *action = new QAction(text, this);
    action->setShortcut(key);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_list->addAction(action);
    connect(action, &QAction::triggered, this, slot);
}

QString ListFormPage::mergeKey(const QString &field) const
{
    return QStringLiteral("%1:%2:%3").arg(m_texts.stem).arg(m_selected).arg(field);
}

void ListFormPage::setConfig(const Config &config)
{
    if (config == m_config)
        return;
    m_undo->clear();
    applyConfig(config, false);
}

void ListFormPage::applyConfig(const Config &config, bool notify)
{
    m_config = config;
    m_issues = validateConfig(m_config);
    const int count = itemCount();
    m_selected = count == 0 ? -1 : std::clamp(m_selected, 0, count - 1);
    refresh();
    if (notify)
        emit configEdited(m_config);
}

void ListFormPage::pushEdit(const QString &text, const Config &next, const QString &mergeKey)
{
    if (next == m_config)
        return;
    m_undo->push(new ConfigEditCommand(text, m_config, next, mergeKey,
                                       [this](const Config &config) { applyConfig(config, true); }));
}

void ListFormPage::focusName()
{
    if (!m_nameEdit)
        return;
    m_nameEdit->setFocus();
    m_nameEdit->selectAll();
}

void ListFormPage::selectIndex(int index)
{
    if (index >= itemCount())
        index = -1;
    if (index == m_selected && (index < 0 || m_list->currentIndex().row() == index))
        return;
    m_selected = index;
    selectionChanged();
    refresh();
}

void ListFormPage::refresh()
{
    QStringList names;
    QList<bool> errors;
    for (int i = 0; i < itemCount(); ++i) {
        const QString name = itemName(i);
        names << name;
        const QString prefix = itemPath(m_texts.section, name, i);
        bool error = false;
        for (const ValidationIssue &issue : m_issues)
            error = error || (issue.severity == ValidationIssue::Severity::Error &&
                              (issue.path == prefix || issue.path.startsWith(prefix + u'.')));
        errors << error;
    }
    m_refreshing = true;
    m_names->setNames(names, errors);
    if (m_selected >= 0)
        m_list->setCurrentIndex(m_names->index(m_selected));
    else
        m_list->clearSelection();
    m_refreshing = false;

    refreshForm();
    refreshPanes();
    refreshIssues();
}

void ListFormPage::refreshIssues()
{
    const int errorCount = FieldIssues::fillList(m_issueList, m_issues, m_texts.section);
    const int total = m_issueList->count();
    m_issueList->setVisible(total > 0);
    QString summary =
        total == 0
            ? tr("No problems in %1.").arg(m_texts.section)
            : tr("%1 error(s), %2 warning(s) in %3").arg(errorCount).arg(total - errorCount).arg(m_texts.section);
    if (!draftValid() && errorCount == 0)
        summary += tr("; other pages have errors");
    m_issueSummary->setText(summary);
}

} // namespace understudy
