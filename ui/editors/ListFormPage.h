#pragma once

// The shape the Providers and Routes editor pages share: a list of the
// workspace's named items on the left (with Add, Duplicate and Delete
// buttons and their shortcuts), a form for the selected item, and the
// validation issues of the section under both. It holds the draft config,
// the selection and the undo stack; every edit is one ConfigEditCommand.
//
// Integration contract (same as ChainDesignerPage):
//  - setConfig() whenever the workspace config changes from outside; an
//    equal config is ignored, another replaces the draft and clears undo.
//  - configEdited() carries the whole new Config after every edit, undo and
//    redo. It may be invalid: issues() and draftValid() tell.
//  - undoStack() for the window's Edit menu.
//
// ListFormPage knows items only by count and name; NamedListPage<T> binds it
// to one vector of Config and does the typed list edits.

#include "config/Config.h"
#include "config/Validation.h"
#include "editors/FieldIssues.h"

#include <QWidget>

#include <algorithm>
#include <functional>

class QGridLayout;
class QLabel;
class QLineEdit;
class QListView;
class QListWidget;
class QPushButton;
class QUndoStack;

namespace understudy {

class NameListModel;

class ListFormPage : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ListFormPage)

public:
    void setConfig(const Config &config);
    const Config &config() const { return m_config; }
    QUndoStack *undoStack() const { return m_undo; }

    const std::vector<ValidationIssue> &issues() const { return m_issues; }
    bool draftValid() const { return isValid(m_issues); }

    QListWidget *issueList() const { return m_issueList; }
    const FieldIssues &fieldIssues() const { return m_fieldIssues; }

signals:
    void configEdited(const Config &config);

protected:
    struct Texts
    {
        QString section;  // the validation path section, "providers"
        QString stem;     // new item names and undo merge keys, "provider"
        QString item;     // in button names and undo texts: tr("provider")
        QString title;    // the list's header: tr("Providers")
        QString listName; // the list's accessible name
    };

    ListFormPage(Texts texts, QWidget *parent);

    // Lays the page out: the list, `form` in a scroll area, and `side` (may
    // be null) as a third pane. Call once from the subclass constructor,
    // after the form is built, then refresh().
    void buildPage(QWidget *form, QWidget *side = nullptr);
    // The editable name field: focused and selected after Add.
    void setNameEdit(QLineEdit *edit) { m_nameEdit = edit; }
    // One more button under the list (row 0 holds Add, Duplicate, Delete).
    void addListButton(const QString &text, const QString &accessibleName, const std::function<void()> &slot, int row,
                       int column);
    // A shortcut active while the list has focus.
    void addListAction(const QString &text, const QKeySequence &key, const std::function<void()> &slot);

    int selectedIndex() const { return m_selected; }
    // Sets the selection an edit about to be pushed will show.
    void setSelectedIndex(int index) { m_selected = index; }
    void selectIndex(int index);
    QListView *list() const { return m_list; }
    QString section() const { return m_texts.section; }
    QString stem() const { return m_texts.stem; }
    QString itemWord() const { return m_texts.item; }
    QString mergeKey(const QString &field) const;

    // One undo step from the current draft to `next` (nothing when equal).
    void pushEdit(const QString &text, const Config &next, const QString &mergeKey = {});
    // Focuses the name field, after Add.
    void focusName();
    // Redraws the list, the form (refreshForm), the extra panes
    // (refreshPanes) and the issues.
    void refresh();

    virtual int itemCount() const = 0;
    virtual QString itemName(int index) const = 0;
    virtual bool addNewItem() = 0;
    virtual bool duplicateItem(int index) = 0;
    virtual bool removeItem(int index) = 0;
    virtual void refreshForm() = 0;
    virtual void refreshPanes() {}
    // The selection changed by the user or selectIndex(), before refresh().
    virtual void selectionChanged() {}

    FieldIssues m_fieldIssues;

private:
    void applyConfig(const Config &config, bool notify);
    void refreshIssues();

    const Texts m_texts;
    Config m_config;
    int m_selected = -1;
    bool m_refreshing = false; // selection signals from our own model resets
    std::vector<ValidationIssue> m_issues;

    QUndoStack *m_undo;
    NameListModel *m_names;
    QListView *m_list;
    QGridLayout *m_listButtons;
    QLineEdit *m_nameEdit = nullptr;
    QLabel *m_issueSummary;
    QListWidget *m_issueList;
};

// ListFormPage over one vector of Config (`&Config::providers`): the typed
// add, duplicate, delete, move and edit-the-selected-item operations.
template<typename T> class NamedListPage : public ListFormPage
{
protected:
    using Items = std::vector<T> Config::*;

    NamedListPage(Items items, Texts texts, QWidget *parent) : ListFormPage(std::move(texts), parent), m_items(items) {}

    const std::vector<T> &items() const { return config().*m_items; }

    // A new item before it is named (Routes preselect a chain).
    virtual T newItem() const { return T(); }

    // Each is one undo step; false when an index is out of range.
    bool addItem(T item);
    bool addNewItem() override { return addItem(newItem()); }
    bool duplicateItem(int index) override;
    bool removeItem(int index) override;
    bool moveItem(int from, int to);
    // Changes the selected item; `field` (may be empty) merges consecutive
    // edits of one field into one undo step.
    void editSelected(const QString &text, const QString &field, const std::function<void(T &)> &change);

    int itemCount() const override { return int(items().size()); }
    QString itemName(int index) const override { return items()[std::size_t(index)].name; }

private:
    QString uniqueName(const QString &stem) const;

    const Items m_items;
};

// Template bodies: they must be visible where the pages instantiate them.

template<typename T> QString NamedListPage<T>::uniqueName(const QString &stem) const
{
    for (int n = 1;; ++n) {
        const QString name = stem + u'-' + QString::number(n);
        if (std::none_of(items().begin(), items().end(), [&](const T &item) { return item.name == name; }))
            return name;
    }
}

template<typename T> bool NamedListPage<T>::addItem(T item)
{
    Config next = config();
    item.name = uniqueName(stem());
    (next.*m_items).push_back(item);
    setSelectedIndex(int((next.*m_items).size()) - 1);
    pushEdit(tr("Add %1 %2").arg(itemWord(), item.name), next);
    focusName();
    return true;
}

template<typename T> bool NamedListPage<T>::duplicateItem(int index)
{
    if (index < 0 || index >= itemCount())
        return false;
    Config next = config();
    T copy = items()[std::size_t(index)];
    copy.name = uniqueName(copy.name);
    (next.*m_items).insert((next.*m_items).begin() + index + 1, copy);
    setSelectedIndex(index + 1);
    pushEdit(tr("Duplicate %1 %2").arg(itemWord(), itemName(index)), next);
    return true;
}

template<typename T> bool NamedListPage<T>::removeItem(int index)
{
    if (index < 0 || index >= itemCount())
        return false;
    Config next = config();
    (next.*m_items).erase((next.*m_items).begin() + index);
    setSelectedIndex(std::min(index, int((next.*m_items).size()) - 1));
    pushEdit(tr("Delete %1 %2").arg(itemWord(), itemName(index)), next);
    return true;
}

template<typename T> bool NamedListPage<T>::moveItem(int from, int to)
{
    const int count = itemCount();
    if (from < 0 || from >= count || to < 0 || to >= count || from == to)
        return false;
    Config next = config();
    std::swap((next.*m_items)[std::size_t(from)], (next.*m_items)[std::size_t(to)]);
    setSelectedIndex(to);
    pushEdit(tr("Move %1 %2").arg(itemWord(), itemName(from)), next);
    return true;
}

template<typename T>
void NamedListPage<T>::editSelected(const QString &text, const QString &field, const std::function<void(T &)> &change)
{
    const int selected = selectedIndex();
    if (selected < 0 || selected >= itemCount())
        return;
    Config next = config();
    change((next.*m_items)[std::size_t(selected)]);
    pushEdit(text, next, field.isEmpty() ? QString() : mergeKey(field));
}

} // namespace understudy
