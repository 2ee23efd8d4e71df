#include "WorkspaceService.h"

#include "config/ConfigJson.h"
#include "config/DemoWorkspace.h"
#include "config/Validation.h"
#include "observe/Observability.h"
#include "store/Workspace.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace understudy {

namespace {

// Imported documents are small; anything larger is almost certainly the
// wrong file and is refused before it is read into memory.
constexpr qint64 kMaxImportBytes = 16LL << 20;

const QString kAuthor = QStringLiteral("console");

QStringList issueLines(const std::vector<ValidationIssue> &issues)
{
    QStringList lines;
    // Errors first: they are why the import was refused.
    for (const auto severity : {ValidationIssue::Severity::Error, ValidationIssue::Severity::Warning}) {
        for (const auto &issue : issues) {
            if (issue.severity != severity)
                continue;
            const QString kind = severity == ValidationIssue::Severity::Error ? WorkspaceService::tr("Error")
                                                                              : WorkspaceService::tr("Warning");
            lines << WorkspaceService::tr("%1: %2: %3").arg(kind, issue.path, issue.message);
        }
    }
    return lines;
}

} // namespace

WorkspaceService::WorkspaceService(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<ConfigSnapshot>();
    qRegisterMetaType<RevisionInfo>();
    qRegisterMetaType<QList<RevisionInfo>>();
    qRegisterMetaType<std::shared_ptr<Observability>>();
}

WorkspaceService::~WorkspaceService() = default;

void WorkspaceService::openWorkspace(const QString &path, OpenMode mode)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (mode != OpenMode::Existing && !QDir().mkpath(QFileInfo(absolute).absolutePath())) {
        emit openFailed(absolute, tr("Cannot create the folder %1.").arg(QFileInfo(absolute).absolutePath()));
        return;
    }

    Result<std::unique_ptr<Workspace>> workspace = [&]() -> Result<std::unique_ptr<Workspace>> {
        switch (mode) {
        case OpenMode::Existing:
            return Workspace::open(absolute);
        case OpenMode::CreateDemoIfMissing:
            return Workspace::openOrCreateDemo(absolute);
        case OpenMode::CreateNew:
            return Workspace::create(absolute, demoConfig(), kAuthor, tr("New workspace"));
        }
        Q_UNREACHABLE();
    }();
    if (!workspace) {
        emit openFailed(absolute, workspace.error().message);
        return;
    }
    Result<Config> config = (*workspace)->loadConfig();
    if (!config) {
        emit openFailed(absolute, config.error().message);
        return;
    }
    ObservabilityOptions options;
    options.requestLogPath = absolute;
    Result<std::shared_ptr<Observability>> observability = Observability::create(options);
    if (!observability) {
        emit requestLogUnavailable(absolute, observability.error().message);
        // Metrics and events still work in memory.
        options.requestLogPath.clear();
        observability = Observability::create(options);
        Q_ASSERT(observability);
    }
    m_workspace = std::move(*workspace);
    emit opened(std::make_shared<const Config>(std::move(*config)), absolute, *observability);
}

void WorkspaceService::shutdownObservability(const std::shared_ptr<Observability> &observability)
{
    if (observability)
        observability->shutdown();
}

void WorkspaceService::importConfig(const QString &jsonPath)
{
    if (!m_workspace) {
        emit operationFailed(tr("Open a workspace before importing a config."));
        return;
    }
    QFile file(jsonPath);
    if (!file.open(QIODevice::ReadOnly)) {
        emit importRejected(jsonPath, {tr("Cannot read the file: %1").arg(file.errorString())});
        return;
    }
    if (file.size() > kMaxImportBytes) {
        emit importRejected(jsonPath, {tr("The file is larger than 16 MiB; it is not an Understudy config.")});
        return;
    }
    Result<Config> parsed = configFromJson(file.readAll());
    if (!parsed) {
        emit importRejected(jsonPath, {parsed.error().message});
        return;
    }
    const std::vector<ValidationIssue> issues = validateConfig(*parsed);
    if (!isValid(issues)) {
        emit importRejected(jsonPath, issueLines(issues));
        return;
    }
    const QString summary = tr("Imported %1").arg(QFileInfo(jsonPath).fileName());
    Result<RevisionInfo> saved = m_workspace->saveConfig(*parsed, kAuthor, summary);
    if (!saved) {
        emit importRejected(jsonPath, {saved.error().message});
        return;
    }
    emit configChanged(std::make_shared<const Config>(std::move(*parsed)), summary, saved->id);
}

void WorkspaceService::exportConfig(const QString &jsonPath)
{
    if (!m_workspace) {
        emit operationFailed(tr("Open a workspace before exporting its config."));
        return;
    }
    Result<Config> config = m_workspace->loadConfig();
    if (!config) {
        emit operationFailed(config.error().message);
        return;
    }
    // QSaveFile: an interrupted export never leaves a half-written file in git.
    QSaveFile file(jsonPath);
    if (!file.open(QIODevice::WriteOnly) || file.write(configToJson(*config)) < 0 || !file.commit()) {
        emit operationFailed(tr("Cannot write %1: %2").arg(jsonPath, file.errorString()));
        return;
    }
    emit exported(jsonPath);
}

void WorkspaceService::saveConfig(const Config &config, const QString &summary)
{
    if (!m_workspace) {
        emit operationFailed(tr("Open a workspace before saving a config."));
        return;
    }
    // saveConfig validates again: the window's check is advice, the store's is the rule.
    Result<RevisionInfo> saved = m_workspace->saveConfig(config, kAuthor, summary);
    if (!saved) {
        emit operationFailed(tr("The config was not saved.\n\n%1").arg(saved.error().message));
        return;
    }
    emit configChanged(std::make_shared<const Config>(config), summary, saved->id);
}

void WorkspaceService::listRevisions()
{
    if (!m_workspace)
        return;
    Result<std::vector<RevisionInfo>> revisions = m_workspace->revisions();
    if (!revisions) {
        emit operationFailed(revisions.error().message);
        return;
    }
    emit revisionsListed(QList<RevisionInfo>(revisions->begin(), revisions->end()));
}

void WorkspaceService::diffWithCurrent(qint64 revisionId)
{
    if (!m_workspace)
        return;
    Result<std::vector<RevisionInfo>> revisions = m_workspace->revisions();
    if (!revisions || revisions->empty()) {
        emit operationFailed(revisions ? tr("The workspace has no revisions.") : revisions.error().message);
        return;
    }
    const qint64 current = revisions->front().id;
    Result<QString> diff = m_workspace->diff(revisionId, current);
    if (!diff) {
        emit operationFailed(diff.error().message);
        return;
    }
    emit revisionDiff(revisionId, current, *diff);
}

void WorkspaceService::restoreRevision(qint64 revisionId)
{
    if (!m_workspace) {
        emit operationFailed(tr("Open a workspace before restoring a revision."));
        return;
    }
    Result<RevisionInfo> restored = m_workspace->restore(revisionId, kAuthor);
    if (!restored) {
        emit operationFailed(tr("Revision %1 was not restored.\n\n%2").arg(revisionId).arg(restored.error().message));
        return;
    }
    announceCurrent(tr("Restored revision %1").arg(revisionId), restored->id);
}

void WorkspaceService::announceCurrent(const QString &summary, qint64 revision)
{
    Result<Config> config = m_workspace->loadConfig();
    if (!config) {
        emit operationFailed(config.error().message);
        return;
    }
    emit configChanged(std::make_shared<const Config>(std::move(*config)), summary, revision);
}

} // namespace understudy
