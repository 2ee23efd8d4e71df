#pragma once

// Shared by the observe tests: a fresh workspace file (schema 3) in a
// temporary folder, representative trails, and a raw read connection for
// counting what the writer stored.

#include "fallback/AttemptTrail.h"

#include <QSqlDatabase>
#include <QString>
#include <QVariant>

// Creates a workspace at `path` with the demo config; empty string on
// success, the error message otherwise.
QString createWorkspace(const QString &path);

// A finished request: route/status/outcome as given, two attempts (a 503
// from "primary/m" then success on "backup/m") when `fellBack`.
understudy::RequestTrail makeTrail(int n, qint64 startedAtMs, const QString &route = QStringLiteral("chat"),
                                   bool fellBack = true);

class SqlProbe final
{
public:
    explicit SqlProbe(const QString &path);
    ~SqlProbe();
    Q_DISABLE_COPY_MOVE(SqlProbe)
    QVariant value(const QString &sql);
    QList<qint64> column(const QString &sql);

private:
    QString m_name;
    QSqlDatabase m_db;
};
