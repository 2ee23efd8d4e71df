#include "HistoryPage.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QSyntaxHighlighter>
#include <QTextBlock>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace understudy {

namespace {

enum Column { NumberColumn, TimeColumn, AuthorColumn, SummaryColumn, ColumnCount };

// Colours unified-diff lines: removals red, additions green, hunk headers blue.
class DiffHighlighter final : public QSyntaxHighlighter
{
public:
    using QSyntaxHighlighter::QSyntaxHighlighter;

protected:
    void highlightBlock(const QString &text) override
    {
        QTextCharFormat format;
        if (text.startsWith(QLatin1String("@@"))) {
            format.setForeground(QColor(0x2f, 0x5f, 0xa8));
            format.setFontWeight(QFont::DemiBold);
        } else if (text.startsWith(u'+')) {
            format.setForeground(QColor(0x1d, 0x6b, 0x2c));
        } else if (text.startsWith(u'-')) {
            format.setForeground(QColor(0x9c, 0x1c, 0x1c));
        } else {
            return;
        }
        setFormat(0, int(text.size()), format);
    }
};

// Tints whole lines, to the right edge of the view, behind changed text:
// the highlighter can only colour the characters themselves.
void tintChangedLines(QPlainTextEdit *view)
{
    QList<QTextEdit::ExtraSelection> selections;
    for (QTextBlock block = view->document()->begin(); block.isValid(); block = block.next()) {
        const QString text = block.text();
        QColor tint;
        if (text.startsWith(u'+'))
            tint = QColor(0xe6, 0xf6, 0xe8);
        else if (text.startsWith(u'-'))
            tint = QColor(0xfb, 0xe9, 0xe9);
        else if (text.startsWith(QLatin1String("@@")))
            tint = QColor(0xea, 0xf0, 0xfa);
        else
            continue;
        QTextEdit::ExtraSelection selection;
        selection.cursor = QTextCursor(block);
        selection.format.setBackground(tint);
        selection.format.setProperty(QTextFormat::FullWidthSelection, true);
        selections << selection;
    }
    view->setExtraSelections(selections);
}

} // namespace

HistoryPage::HistoryPage(QWidget *parent)
    : QWidget(parent)
    , m_list(new QTreeWidget(this))
    , m_diffTitle(new QLabel(this))
    , m_diff(new QPlainTextEdit(this))
    , m_restore(new QPushButton(tr("&Restore This Revision"), this))
{
    setObjectName(QStringLiteral("historyPage"));
    auto *title = new QLabel(tr("History"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setWeight(QFont::DemiBold);
    title->setFont(titleFont);
    title->setAccessibleName(title->text());
    auto *explanation = new QLabel(
        tr("Every applied change is a revision of the workspace config. Pick one to see how it differs from the "
           "current config; restoring it saves it again as the newest revision and applies it to the gateway."),
        this);
    explanation->setWordWrap(true);
    explanation->setForegroundRole(QPalette::PlaceholderText);

    m_list->setObjectName(QStringLiteral("revisionList"));
    m_list->setAccessibleName(tr("Revisions"));
    m_list->setColumnCount(ColumnCount);
    m_list->setHeaderLabels({tr("Revision"), tr("Time"), tr("Author"), tr("Summary")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->header()->setStretchLastSection(true);
    m_list->header()->setSectionResizeMode(NumberColumn, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(TimeColumn, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(AuthorColumn, QHeaderView::ResizeToContents);

    m_diffTitle->setObjectName(QStringLiteral("diffTitle"));
    m_diffTitle->setWordWrap(true);
    m_diff->setObjectName(QStringLiteral("revisionDiff"));
    m_diff->setAccessibleName(tr("Difference to the current config"));
    m_diff->setReadOnly(true);
    m_diff->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_diff->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    new DiffHighlighter(m_diff->document());

    m_restore->setObjectName(QStringLiteral("restoreRevision"));
    m_restore->setEnabled(false);

    auto *diffPane = new QWidget(this);
    auto *diffLayout = new QVBoxLayout(diffPane);
    diffLayout->setContentsMargins(0, 0, 0, 0);
    auto *diffHeader = new QHBoxLayout;
    diffHeader->addWidget(m_diffTitle, 1);
    diffHeader->addWidget(m_restore);
    diffLayout->addLayout(diffHeader);
    diffLayout->addWidget(m_diff, 1);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_list);
    splitter->addWidget(diffPane);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({180, 540});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 16);
    layout->addWidget(title);
    layout->addWidget(explanation);
    layout->addSpacing(6);
    layout->addWidget(splitter, 1);

    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &HistoryPage::onSelectionChanged);
    connect(m_restore, &QPushButton::clicked, this, [this] {
        if (const qint64 id = selectedRevision(); id > 0 && id != m_current)
            emit restoreRequested(id);
    });
    clear();
}

void HistoryPage::setRevisions(const QList<RevisionInfo> &revisions)
{
    const qint64 selected = selectedRevision();
    m_current = revisions.isEmpty() ? 0 : revisions.front().id;
    {
        const QSignalBlocker blocker(m_list);
        m_list->clear();
        const QLocale locale;
        for (const RevisionInfo &revision : revisions) {
            auto *item = new QTreeWidgetItem(m_list);
            item->setData(NumberColumn, Qt::UserRole, revision.id);
            item->setText(NumberColumn, revision.id == m_current ? tr("%1 (current)").arg(revision.id)
                                                                 : QString::number(revision.id));
            item->setText(TimeColumn, locale.toString(revision.createdAt.toLocalTime(), QLocale::ShortFormat));
            item->setToolTip(TimeColumn, revision.createdAt.toLocalTime().toString(Qt::ISODate));
            item->setText(AuthorColumn, revision.author);
            item->setText(SummaryColumn, revision.summary);
            item->setToolTip(SummaryColumn, revision.summary);
        }
    }
    m_diffShown = 0;
    selectRevision(selected > 0 ? selected : m_current);
    if (selectedRevision() <= 0)
        selectRevision(m_current);
    // The selection may be unchanged while the current revision moved on.
    onSelectionChanged();
}

void HistoryPage::setDiff(qint64 revisionId, qint64 currentId, const QString &diff)
{
    // An answer for a revision no longer selected is stale.
    if (revisionId != selectedRevision() || currentId != m_current)
        return;
    m_diffShown = revisionId;
    if (revisionId == currentId) {
        m_diffTitle->setText(tr("Revision %1 is the current config.").arg(revisionId));
        m_diff->setPlainText({});
    } else if (diff.isEmpty()) {
        m_diffTitle->setText(
            tr("Revision %1 has the same config as the current revision %2.").arg(revisionId).arg(currentId));
        m_diff->setPlainText({});
    } else {
        m_diffTitle->setText(tr("Changes from revision %1 to the current revision %2 (lines starting with - are only "
                                "in revision %1, + only in the current config):")
                                 .arg(revisionId)
                                 .arg(currentId));
        m_diff->setPlainText(diff);
    }
    tintChangedLines(m_diff);
    updateRestoreButton();
}

void HistoryPage::clear()
{
    m_list->clear();
    m_current = 0;
    m_diffShown = 0;
    m_diffTitle->setText(tr("No workspace open."));
    m_diff->clear();
    m_diff->setExtraSelections({});
    updateRestoreButton();
}

qint64 HistoryPage::selectedRevision() const
{
    const QList<QTreeWidgetItem *> items = m_list->selectedItems();
    return items.isEmpty() ? 0 : items.front()->data(NumberColumn, Qt::UserRole).toLongLong();
}

void HistoryPage::selectRevision(qint64 revisionId)
{
    for (int row = 0; row < m_list->topLevelItemCount(); ++row) {
        QTreeWidgetItem *item = m_list->topLevelItem(row);
        if (item->data(NumberColumn, Qt::UserRole).toLongLong() == revisionId) {
            m_list->setCurrentItem(item);
            return;
        }
    }
}

void HistoryPage::onSelectionChanged()
{
    const qint64 id = selectedRevision();
    updateRestoreButton();
    if (id <= 0)
        return;
    if (id == m_current) {
        setDiff(id, m_current, {});
        return;
    }
    m_diffTitle->setText(tr("Comparing revision %1 with the current config…").arg(id));
    emit diffRequested(id);
}

void HistoryPage::updateRestoreButton()
{
    const qint64 id = selectedRevision();
    m_restore->setEnabled(id > 0 && id != m_current && id == m_diffShown);
    m_restore->setToolTip(id > 0 && id != m_current
                              ? tr("Save revision %1's config as a new revision and apply it to the gateway").arg(id)
                              : QString());
}

} // namespace understudy
