#pragma once

// The History page: the workspace's config revisions (number, time, who,
// summary), a coloured diff from the selected revision to the current one
// and "Restore this revision". It only shows what the window hands it and
// asks for diffs and restores through signals; the store thread answers.

#include "store/Workspace.h"

#include <QList>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace understudy {

class HistoryPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryPage)

public:
    explicit HistoryPage(QWidget *parent = nullptr);

    // Newest first, as the store lists them. Keeps the selection when the
    // selected revision is still listed, otherwise selects the newest.
    void setRevisions(const QList<RevisionInfo> &revisions);
    void setDiff(qint64 revisionId, qint64 currentId, const QString &diff);
    void clear();

    qint64 selectedRevision() const;
    void selectRevision(qint64 revisionId);
    qint64 currentRevision() const { return m_current; }

    QTreeWidget *list() const { return m_list; }
    QPlainTextEdit *diffView() const { return m_diff; }
    QPushButton *restoreButton() const { return m_restore; }

signals:
    void diffRequested(qint64 revisionId);
    void restoreRequested(qint64 revisionId);

private:
    void onSelectionChanged();
    void updateRestoreButton();

    QTreeWidget *m_list;
    QLabel *m_diffTitle;
    QPlainTextEdit *m_diff;
    QPushButton *m_restore;
    qint64 m_current = 0; // newest revision
    qint64 m_diffShown = 0;
};

} // namespace understudy
