#include "store/WorkspaceProbe.h"

#include "store/SchemaMigrations.h"
#include "store/SqliteConnection.h"

#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

namespace understudy {

namespace {

constexpr char kSqliteMagic[] = "SQLite format 3"; // plus its terminating NUL: 16 bytes
constexpr qsizetype kSqliteMagicSize = 16;
constexpr qsizetype kSqliteHeaderSize = 100;

Result<int> fail(const char *code, const QString &message)
{
    return Result<int>::failure(QString::fromLatin1(code), message);
}

Result<int> checkHeader(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail("io_error", QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    const QByteArray header = file.read(kSqliteHeaderSize);
    if (header.size() < kSqliteMagicSize || !header.startsWith(QByteArray(kSqliteMagic, kSqliteMagicSize)))
        return fail("not_a_workspace",
                    QStringLiteral("%1 is not an Understudy workspace (not an SQLite database)").arg(path));
    if (header.size() < kSqliteHeaderSize)
        return fail("corrupt", QStringLiteral("%1 is damaged: the SQLite header is cut short").arg(path));
    return 0;
}

QString hex(int value)
{
    return QStringLiteral("0x%1").arg(static_cast<quint32>(value), 8, 16, QLatin1Char('0'));
}

Result<int> probeDatabase(const QString &path)
{
    SqliteConnection connection;
    // Read-write but query_only: a read-only connection cannot clean up the
    // -wal/-shm files it has to create for a WAL-mode file, while a normal
    // connection that wrote nothing removes them on close and leaves the
    // database itself as it was. query_only makes "wrote nothing" a promise.
    if (auto opened = connection.open(path); !opened)
        return opened.error();
    QSqlDatabase &db = connection.database();
    if (auto guarded = execStatement(db, QStringLiteral("PRAGMA query_only = ON")); !guarded)
        return guarded.error();

    // application_id and user_version come from the SQLite driver rather than
    // our own header read, because recent changes may still live in the WAL.
    auto applicationId = queryValue(db, QStringLiteral("PRAGMA application_id"));
    if (!applicationId)
        return applicationId.error();
    if (const int id = applicationId->toInt(); id != kWorkspaceApplicationId) {
        auto tables = queryValue(db, QStringLiteral("SELECT count(*) FROM sqlite_schema"));
        const QString owner = id != 0
                                  ? QStringLiteral("another application's database (application_id %1)").arg(hex(id))
                                  : QStringLiteral("an SQLite database of another program (%1 schema objects)")
                                        .arg(tables ? tables->toLongLong() : 0);
        return fail("not_a_workspace", QStringLiteral("%1 is not an Understudy workspace: it is %2").arg(path, owner));
    }

    auto userVersion = queryValue(db, QStringLiteral("PRAGMA user_version"));
    if (!userVersion)
        return userVersion.error();
    const int version = userVersion->toInt();
    if (version > kWorkspaceSchemaVersion || version < 0)
        return fail("newer_schema",
                    QStringLiteral("%1 was written by a newer Understudy (schema %2; this version reads "
                                   "up to %3). Update Understudy to open it.")
                        .arg(path)
                        .arg(version)
                        .arg(kWorkspaceSchemaVersion));

    QSqlQuery check(db);
    if (!check.exec(QStringLiteral("PRAGMA quick_check")))
        return sqlFailure(path + QStringLiteral(" failed its integrity check"), check.lastError());
    QStringList problems;
    while (check.next())
        problems << check.value(0).toString();
    if (check.lastError().isValid())
        return sqlFailure(path + QStringLiteral(" failed its integrity check"), check.lastError());
    if (problems != QStringList{QStringLiteral("ok")}) {
        return fail("corrupt",
                    QStringLiteral("%1 is damaged (%2). Restore it from a backup or export what still loads.")
                        .arg(path, problems.mid(0, 3).join(QStringLiteral("; "))));
    }
    return version;
}

} // namespace

Result<int> probeWorkspaceFile(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return fail("not_found", QStringLiteral("%1 does not exist").arg(path));
    if (!info.isFile())
        return fail("not_a_workspace", QStringLiteral("%1 is not a file").arg(path));
    // SQLite looks first. Opening and closing the file with anything but
    // SQLite would drop every POSIX lock this process holds on it (a
    // running engine's request-log writer, the console's store thread), so
    // the raw header is only read once SQLite has refused the file, to say
    // why in plain words.
    auto probed = probeDatabase(path);
    if (!probed) {
        if (auto header = checkHeader(path); !header)
            return header;
    }
    if (!probed && probed.error().code == QLatin1String("corrupt") && !probed.error().message.contains(path))
        return fail("corrupt", path + QStringLiteral(" is damaged: ") + probed.error().message);
    return probed;
}

} // namespace understudy
