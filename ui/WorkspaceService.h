#pragma once

#include "ConfigMetaType.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

namespace understudy {

class Observability;
class Workspace;

// Owns the open Workspace and does every SQLite and file operation of the
// console. It lives on the store thread (see StoreThread); the window calls
// its slots through queued invocations and hears back through signals, so
// the GUI thread never waits on disk.
class WorkspaceService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkspaceService)

public:
    enum class OpenMode {
        Existing,            // the file must already be a workspace
        CreateDemoIfMissing, // first run: create the demo workspace
        CreateNew,           // a new workspace with the demo config; fails if the file exists
    };

    explicit WorkspaceService(QObject *parent = nullptr);
    ~WorkspaceService() override;

    // Replaces the open workspace only when the new one opened; on failure
    // the previous workspace stays open. The opened workspace comes with
    // its Observability, whose request log writes into the workspace file
    // (as `serve --workspace` does); starting its writer opens SQLite,
    // which is why it is created here and not on the GUI thread.
    void openWorkspace(const QString &path, OpenMode mode);
    // Flushes and releases an Observability the engine no longer uses (its
    // engine has drained). Joining the writer thread happens here too.
    void shutdownObservability(const std::shared_ptr<understudy::Observability> &observability);
    // Reads, parses and validates a JSON config; a valid one becomes the
    // workspace's current config as a new revision. An invalid one changes
    // nothing and is reported through importRejected.
    void importConfig(const QString &jsonPath);
    void exportConfig(const QString &jsonPath);
    // Validates and stores `config` as a new revision (the console's Apply).
    // An invalid config is refused through operationFailed.
    void saveConfig(const understudy::Config &config, const QString &summary);
    // Revision history, newest first, answered with revisionsListed().
    void listRevisions();
    // The diff from revision `revisionId` to the current (newest) revision,
    // answered with revisionDiff().
    void diffWithCurrent(qint64 revisionId);
    // Makes revision `revisionId` current again, as a new revision.
    void restoreRevision(qint64 revisionId);

signals:
    // `observability` is never null; without a request log (see
    // requestLogUnavailable) it keeps metrics and events in memory.
    void opened(const understudy::ConfigSnapshot &config, const QString &path,
                const std::shared_ptr<understudy::Observability> &observability);
    // The workspace opened, but its request log could not start.
    void requestLogUnavailable(const QString &path, const QString &message);
    void openFailed(const QString &path, const QString &message);
    // A new current config was stored as revision `revision` (import, save,
    // restore).
    void configChanged(const understudy::ConfigSnapshot &config, const QString &summary, qint64 revision);
    void revisionsListed(const QList<understudy::RevisionInfo> &revisions);
    // `diff` is "" when the revision equals the current config.
    void revisionDiff(qint64 revisionId, qint64 currentId, const QString &diff);
    void importRejected(const QString &jsonPath, const QStringList &issues);
    void exported(const QString &jsonPath);
    void operationFailed(const QString &message);

private:
    // Loads the newly current config and announces it as `revision`.
    void announceCurrent(const QString &summary, qint64 revision);

    std::unique_ptr<Workspace> m_workspace;
};

} // namespace understudy
