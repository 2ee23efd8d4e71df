#include "store/SqliteConnection.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace understudy {

namespace {

// Primary result codes from sqlite3.h; the driver reports the extended code
// as text, whose low byte is the primary code.
constexpr int kSqliteCorrupt = 11;
constexpr int kSqliteNotADatabase = 26;
constexpr int kBusyTimeoutMs = 5'000;

} // namespace

SqliteConnection::SqliteConnection()
    // A UUID rather than a counter keeps the name unique without any shared
    // mutable state.
    : m_name(QStringLiteral("understudy-workspace-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{}

SqliteConnection::~SqliteConnection()
{
    if (m_db.isValid())
        m_db.close();
    m_db = QSqlDatabase();
    if (QSqlDatabase::contains(m_name))
        QSqlDatabase::removeDatabase(m_name);
}

Result<void> SqliteConnection::open(const QString &path)
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
        return Result<void>::failure(QStringLiteral("io_error"),
                                     QStringLiteral("the Qt SQLite driver (QSQLITE) is not installed"));
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
    m_db.setDatabaseName(path);
    if (!m_db.open())
        return sqlFailure(QStringLiteral("cannot open %1").arg(path), m_db.lastError());
    return execStatement(m_db, QStringLiteral("PRAGMA busy_timeout = %1").arg(kBusyTimeoutMs));
}

Result<void> execStatement(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    // The statement up to its first parenthesis names it well enough in an
    // error without dumping whole CREATE TABLE texts on the user.
    if (!query.exec(sql))
        return sqlFailure(sql.section(QLatin1Char('('), 0, 0).simplified(), query.lastError());
    return {};
}

Result<QVariant> queryValue(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql))
        return sqlFailure(sql, query.lastError());
    if (!query.next()) {
        if (query.lastError().isValid())
            return sqlFailure(sql, query.lastError());
        return Result<QVariant>::failure(QStringLiteral("io_error"), sql + QStringLiteral(" returned no row"));
    }
    return query.value(0);
}

Error sqlFailure(const QString &what, const QSqlError &error)
{
    bool numeric = false;
    const int code = error.nativeErrorCode().toInt(&numeric) & 0xff;
    const bool corrupt = numeric && (code == kSqliteCorrupt || code == kSqliteNotADatabase);
    return Error{corrupt ? QStringLiteral("corrupt") : QStringLiteral("io_error"),
                 what + QStringLiteral(": ") + error.text()};
}

} // namespace understudy
