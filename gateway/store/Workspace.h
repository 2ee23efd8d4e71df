#pragma once

// A workspace is one SQLite file (WAL, foreign keys on, schema versioned
// with forward migrations). It holds the current config, its revision
// history and, later, the request log and metric rollups.
//
// Threading: a Workspace owns one named QSqlDatabase connection and must be
// used from the thread that opened it. The console runs it on a dedicated
// store thread; the CLI uses it directly.

#include "config/Config.h"
#include "core/Result.h"

#include <QDateTime>
#include <QString>

#include <memory>
#include <vector>

namespace understudy {

struct RevisionInfo
{
    qint64 id = 0;
    QDateTime createdAt; // UTC
    QString author;
    QString summary;
};

struct Revision
{
    RevisionInfo info;
    Config config;
};

class Workspace final
{
public:
    ~Workspace();
    Q_DISABLE_COPY_MOVE(Workspace)

    // Opens an existing workspace, migrating it forward if its schema is
    // older. A file that is not SQLite, is corrupt, belongs to another
    // application or has a newer schema is reported and left untouched.
    static Result<std::unique_ptr<Workspace>> open(const QString &path);
    // Creates a new workspace file with `initial` as revision 1. Fails if
    // the file already exists.
    static Result<std::unique_ptr<Workspace>> create(const QString &path, const Config &initial, const QString &author,
                                                     const QString &summary);
    // open() if the file exists, otherwise create() with the demo config.
    static Result<std::unique_ptr<Workspace>> openOrCreateDemo(const QString &path);

    QString path() const;
    int schemaVersion() const;

    Result<Config> loadConfig() const;
    // Validates, then in one transaction stores the config and records a
    // revision. An invalid config changes nothing and returns the issues
    // formatted in the error message (code "invalid_config").
    Result<RevisionInfo> saveConfig(const Config &config, const QString &author, const QString &summary);

    Result<std::vector<RevisionInfo>> revisions() const; // newest first
    Result<Revision> revision(qint64 id) const;
    // Makes revision `id`'s config current, recorded as a new revision.
    Result<RevisionInfo> restore(qint64 id, const QString &author);

    // Line diff of two revisions' exported JSON ("-"/"+" prefixed lines).
    Result<QString> diff(qint64 fromId, qint64 toId) const;

private:
    class Private;
    explicit Workspace(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

// Where the console keeps its default workspace
// (QStandardPaths::AppDataLocation + "/demo.understudy").
QString defaultWorkspacePath();

} // namespace understudy
