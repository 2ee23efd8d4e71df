#include "ImportIssuesDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>

namespace understudy {

ImportIssuesDialog::ImportIssuesDialog(const QString &fileName, const QStringList &issues, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Import refused"));
    setObjectName(QStringLiteral("importIssuesDialog"));

    auto *summary = new QLabel(
        tr("%1 was not imported. The workspace is unchanged. Fix these problems and import it again:").arg(fileName),
        this);
    summary->setWordWrap(true);

    auto *list = new QListWidget(this);
    list->setObjectName(QStringLiteral("importIssues"));
    list->setAccessibleName(tr("Problems found in the imported config"));
    list->setWordWrap(true);
    list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    list->addItems(issues);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(summary);
    layout->addWidget(list, 1);
    layout->addWidget(buttons);
    resize(640, 360);
}

} // namespace understudy
