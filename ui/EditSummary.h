#pragma once

// The summary a revision gets when the console applies its draft: the
// edits made since the last apply, named by the page that made them, e.g.
// "Providers: Edit base URL of openai; Chains: Add step".
//
// Each editing page has its own undo stack. What was edited since the last
// apply is the stack's commands between the index at that apply and its
// current index. A page's stack is cleared when an edit elsewhere replaces
// its config; keep() is called just before, so its edits still count.
// Undoing past the last apply lowers the point counted from, so edits made
// after that still show.

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

class QUndoStack;

namespace understudy {

class EditSummary final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EditSummary)

public:
    explicit EditSummary(QObject *parent = nullptr);

    // `page` is the name the summary uses ("Providers").
    void addSource(const QString &page, QUndoStack *stack);
    // `stack` is about to be cleared: remember its edits since the last
    // apply and count from its start afterwards.
    void keep(const QUndoStack *stack);
    // Everything so far is applied (or discarded): start counting anew.
    void reset();
    // "Page: edit, edit; Page: edit", in the order pages were first edited.
    // Empty when no undo step describes the draft (e.g. all undone).
    QString text() const;

private:
    struct Source
    {
        QString page;
        const QUndoStack *stack = nullptr;
        int from = 0;     // index at the last apply
        QStringList kept; // edits of a cleared stack since the last apply
    };
    QStringList edits(const Source &source) const;

    QList<Source> m_sources;
};

} // namespace understudy
