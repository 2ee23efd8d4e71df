#pragma once

#include <QDialog>

namespace understudy {

// Why an imported config was refused: one readable line per problem, with
// the path of the offending field.
class ImportIssuesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportIssuesDialog)

public:
    ImportIssuesDialog(const QString &fileName, const QStringList &issues, QWidget *parent = nullptr);
};

} // namespace understudy
