#pragma once

// The admin API's bearer token: 32 random bytes as 64 hex characters,
// generated on first run and kept in the workspace's `meta` table (key
// "admin_token") so it survives restarts, compared in constant time.

#include "core/Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace understudy {

// 64 lowercase hex characters from the system CSPRNG.
QByteArray generateAdminToken();

// Constant-time in the length of `given`: a mismatch takes as long
// wherever it is, so a network timer learns nothing about the token.
bool adminTokenEquals(QByteArrayView expected, QByteArrayView given);

// True when `authorization` is "Bearer <token>" (scheme case-insensitive).
bool bearerAuthorizes(QByteArrayView authorization, QByteArrayView token);

struct WorkspaceToken
{
    QByteArray token;
    bool created = false; // generated now (show it to the operator once)
};

// Reads the workspace's admin token, creating and storing one if it has
// none. Uses its own SQLite connection on the calling thread; the workspace
// file must exist (open it with Workspace::open first).
Result<WorkspaceToken> loadOrCreateWorkspaceToken(const QString &workspacePath);

} // namespace understudy
