#include "store/Workspace.h"

#include "config/ConfigJson.h"
#include "config/DemoWorkspace.h"
#include "config/Validation.h"
#include "store/ConfigTables.h"
#include "store/LineDiff.h"
#include "store/SchemaMigrations.h"
#include "store/SqliteConnection.h"
#include "store/WorkspaceProbe.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>

namespace understudy {

namespace {

// Context lines around each change in diff().
constexpr int kDiffContextLines = 3;

template<typename T> Result<T> failure(const char *code, const QString &message)
{
    return Result<T>::failure(QString::fromLatin1(code), message);
}

Result<void> configureConnection(QSqlDatabase &db)
{
    if (auto done = execStatement(db, QStringLiteral("PRAGMA foreign_keys = ON")); !done)
        return done;
    auto mode = queryValue(db, QStringLiteral("PRAGMA journal_mode = WAL"));
    if (!mode)
        return mode.error();
    if (mode->toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
        return failure<void>("io_error", QStringLiteral("the workspace cannot use write-ahead logging here (journal "
                                                        "mode stayed %1); is it on a network file system?")
                                             .arg(mode->toString()));
    return {};
}

QDateTime parseTimestamp(const QString &text)
{
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    return time.isValid() ? time.toUTC() : time;
}

void removeWorkspaceFiles(const QString &path)
{
    for (const char *suffix : {"", "-wal", "-shm", "-journal"})
        QFile::remove(path + QLatin1String(suffix));
}

} // namespace

// Everything a workspace needs lives on its own connection; nothing is
// shared between instances, so two Workspaces may live on two threads, but
// each one only on the thread that created it.
class Workspace::Private final
{
public:
    Private() = default;
    Q_DISABLE_COPY_MOVE(Private)

    QString path;
    int schemaVersion = 0;
    SqliteConnection connection;

    QSqlDatabase &db() { return connection.database(); }
    Result<RevisionInfo> store(const Config &config, const QString &author, const QString &summary);
};

Result<RevisionInfo> Workspace::Private::store(const Config &config, const QString &author, const QString &summary)
{
    QSqlDatabase &database = db();
    if (!database.transaction())
        return sqlFailure(QStringLiteral("cannot start saving the config"), database.lastError());
    auto fail = [&database](const Error &error) -> Result<RevisionInfo> {
        database.rollback();
        return error;
    };

    if (auto written = writeConfigTables(database, config); !written)
        return fail(written.error());

    RevisionInfo info;
    info.createdAt = QDateTime::currentDateTimeUtc();
    info.author = author;
    info.summary = summary;
    QSqlQuery insert(database);
    insert.prepare(QStringLiteral("INSERT INTO revisions (created_at, author, summary, snapshot) VALUES (?, ?, ?, ?)"));
    insert.addBindValue(info.createdAt.toString(Qt::ISODateWithMs));
    insert.addBindValue(author);
    insert.addBindValue(summary);
    insert.addBindValue(QString::fromUtf8(configToJson(config)));
    if (!insert.exec())
        return fail(sqlFailure(QStringLiteral("recording the revision"), insert.lastError()));
    info.id = insert.lastInsertId().toLongLong();
    insert.finish();

    if (!database.commit())
        return fail(sqlFailure(QStringLiteral("saving the config"), database.lastError()));
    // Timestamps are stored with millisecond precision; report what a later
    // revisions() call will return.
    info.createdAt = parseTimestamp(info.createdAt.toString(Qt::ISODateWithMs));
    return info;
}

Workspace::Workspace(std::unique_ptr<Private> dd) : d(std::move(dd))
{}

Workspace::~Workspace() = default;

Result<std::unique_ptr<Workspace>> Workspace::open(const QString &path)
{
    using R = Result<std::unique_ptr<Workspace>>;
    // Nothing below may write until the probe has accepted the file.
    auto probed = probeWorkspaceFile(path);
    if (!probed)
        return probed.error();

    auto d = std::make_unique<Private>();
    d->path = path;
    if (auto opened = d->connection.open(path); !opened)
        return opened.error();
    if (auto configured = configureConnection(d->db()); !configured)
        return configured.error();
    auto migrated = migrateSchema(d->db(), *probed);
    if (!migrated)
        return migrated.error();
    d->schemaVersion = *migrated;
    return R(std::unique_ptr<Workspace>(new Workspace(std::move(d))));
}

Result<std::unique_ptr<Workspace>> Workspace::create(const QString &path, const Config &initial, const QString &author,
                                                     const QString &summary)
{
    using R = Result<std::unique_ptr<Workspace>>;
    const auto issues = validateConfig(initial);
    if (!isValid(issues))
        return failure<std::unique_ptr<Workspace>>("invalid_config", formatIssues(issues));
    if (QFileInfo::exists(path))
        return failure<std::unique_ptr<Workspace>>("already_exists", QStringLiteral("%1 already exists").arg(path));
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return failure<std::unique_ptr<Workspace>>(
            "io_error", QStringLiteral("cannot create the folder %1").arg(info.absolutePath()));
    {
        // NewOnly (O_EXCL) so a file that appeared since the check above is
        // never taken over.
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
            const char *code = QFileInfo::exists(path) ? "already_exists" : "io_error";
            return failure<std::unique_ptr<Workspace>>(
                code, QStringLiteral("cannot create %1: %2").arg(path, file.errorString()));
        }
    }

    auto d = std::make_unique<Private>();
    d->path = path;
    auto build = [&]() -> Result<void> {
        if (auto opened = d->connection.open(path); !opened)
            return opened;
        // Before WAL mode, so page 1 of the main file carries our id from the
        // start even if the process dies before the first checkpoint.
        if (auto done =
                execStatement(d->db(), QStringLiteral("PRAGMA application_id = %1").arg(kWorkspaceApplicationId));
            !done)
            return done;
        if (auto configured = configureConnection(d->db()); !configured)
            return configured;
        auto migrated = migrateSchema(d->db(), 0);
        if (!migrated)
            return migrated.error();
        d->schemaVersion = *migrated;
        auto stored = d->store(initial, author, summary);
        if (!stored)
            return stored.error();
        return {};
    };
    if (auto built = build(); !built) {
        d.reset(); // closes the connection before the files go
        removeWorkspaceFiles(path);
        return built.error();
    }
    return R(std::unique_ptr<Workspace>(new Workspace(std::move(d))));
}

Result<std::unique_ptr<Workspace>> Workspace::openOrCreateDemo(const QString &path)
{
    if (QFileInfo::exists(path))
        return open(path);
    return create(path, demoConfig(), QStringLiteral("Understudy"), QStringLiteral("Demo workspace"));
}

QString Workspace::path() const
{
    return d->path;
}

int Workspace::schemaVersion() const
{
    return d->schemaVersion;
}

Result<Config> Workspace::loadConfig() const
{
    return readConfigTables(d->db());
}

Result<RevisionInfo> Workspace::saveConfig(const Config &config, const QString &author, const QString &summary)
{
    const auto issues = validateConfig(config);
    if (!isValid(issues))
        return failure<RevisionInfo>("invalid_config", formatIssues(issues));
    return d->store(config, author, summary);
}

Result<std::vector<RevisionInfo>> Workspace::revisions() const
{
    QSqlQuery query(d->db());
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT id, created_at, author, summary FROM revisions ORDER BY id DESC")))
        return sqlFailure(QStringLiteral("reading revisions"), query.lastError());
    std::vector<RevisionInfo> out;
    while (query.next()) {
        out.push_back(RevisionInfo{query.value(0).toLongLong(), parseTimestamp(query.value(1).toString()),
                                   query.value(2).toString(), query.value(3).toString()});
    }
    if (query.lastError().isValid())
        return sqlFailure(QStringLiteral("reading revisions"), query.lastError());
    return out;
}

Result<Revision> Workspace::revision(qint64 id) const
{
    QSqlQuery query(d->db());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT id, created_at, author, summary, snapshot FROM revisions WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec())
        return sqlFailure(QStringLiteral("reading revision %1").arg(id), query.lastError());
    if (!query.next()) {
        if (query.lastError().isValid())
            return sqlFailure(QStringLiteral("reading revision %1").arg(id), query.lastError());
        return failure<Revision>("not_found", QStringLiteral("there is no revision %1").arg(id));
    }
    Revision out;
    out.info = RevisionInfo{query.value(0).toLongLong(), parseTimestamp(query.value(1).toString()),
                            query.value(2).toString(), query.value(3).toString()};
    auto config = configFromJson(query.value(4).toString().toUtf8());
    if (!config)
        return failure<Revision>("corrupt",
                                 QStringLiteral("revision %1 does not load: %2").arg(id).arg(config.error().message));
    out.config = std::move(config).value();
    return out;
}

Result<RevisionInfo> Workspace::restore(qint64 id, const QString &author)
{
    auto old = revision(id);
    if (!old)
        return old.error();
    return saveConfig(old->config, author, QStringLiteral("Restored revision %1").arg(id));
}

Result<QString> Workspace::diff(qint64 fromId, qint64 toId) const
{
    auto from = revision(fromId);
    if (!from)
        return from.error();
    auto to = revision(toId);
    if (!to)
        return to.error();
    return unifiedDiff(QString::fromUtf8(configToJson(from->config)), QString::fromUtf8(configToJson(to->config)),
                       kDiffContextLines);
}

QString defaultWorkspacePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/demo.understudy");
}

} // namespace understudy
