#pragma once

// Direct SQL access to a workspace file for tests: builds files by hand
// (old schemas, foreign databases) and inspects what the store wrote.

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVariant>

class RawSqlite final
{
public:
    explicit RawSqlite(const QString &path);
    ~RawSqlite();
    Q_DISABLE_COPY_MOVE(RawSqlite)

    // Runs one statement; fails the current test (QVERIFY-style) on error.
    bool exec(const QString &sql, const QVariantList &bindings = {});
    QVariant value(const QString &sql);
    QStringList column(const QString &sql);

private:
    QString m_name;
    QSqlDatabase m_db;
};

QByteArray readBytes(const QString &path);
bool writeBytes(const QString &path, const QByteArray &bytes);
