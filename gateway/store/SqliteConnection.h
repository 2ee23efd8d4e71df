#pragma once

// Thin, error-reporting wrappers over a QSQLITE connection, shared by the
// workspace, its probe and its migrations. Everything here runs on the
// thread that owns the connection.

#include "core/Result.h"

#include <QSqlDatabase>
#include <QString>
#include <QVariant>

namespace understudy {

// A connection registered under a unique name and removed again on
// destruction, after the last QSqlDatabase handle to it is gone (Qt warns
// and leaks otherwise).
class SqliteConnection final
{
public:
    SqliteConnection();
    ~SqliteConnection();
    Q_DISABLE_COPY_MOVE(SqliteConnection)

    // Opens read-write (creating an empty file if there is none; callers
    // check first) and sets busy_timeout, so a lock held briefly by another
    // process (a headless gateway on the same file) is waited for rather
    // than reported. SQLite reads the file only on the first statement.
    Result<void> open(const QString &path);
    QSqlDatabase &database() { return m_db; }

private:
    QString m_name;
    QSqlDatabase m_db;
};

// Runs one statement (QSqlQuery runs only the first of several).
Result<void> execStatement(QSqlDatabase &db, const QString &sql);
// The first column of the first row of a one-row statement such as a PRAGMA.
Result<QVariant> queryValue(QSqlDatabase &db, const QString &sql);

// "corrupt" for SQLITE_CORRUPT / SQLITE_NOTADB, "io_error" for everything
// else, with `what` and the driver's text in the message.
Error sqlFailure(const QString &what, const QSqlError &error);

} // namespace understudy
