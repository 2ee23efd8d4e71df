#include "RawSqlite.h"

#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

RawSqlite::RawSqlite(const QString &path)
    : m_name(QStringLiteral("raw-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
    m_db.setDatabaseName(path);
    if (!m_db.open())
        qWarning("RawSqlite: %s", qPrintable(m_db.lastError().text()));
}

RawSqlite::~RawSqlite()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
}

bool RawSqlite::exec(const QString &sql, const QVariantList &bindings)
{
    QSqlQuery query(m_db);
    if (!query.prepare(sql)) {
        qWarning("RawSqlite prepare failed: %s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
        return false;
    }
    for (const QVariant &binding : bindings)
        query.addBindValue(binding);
    if (!query.exec()) {
        qWarning("RawSqlite exec failed: %s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
        return false;
    }
    return true;
}

QVariant RawSqlite::value(const QString &sql)
{
    QSqlQuery query(m_db);
    if (!query.exec(sql) || !query.next()) {
        qWarning("RawSqlite value failed: %s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
        return {};
    }
    return query.value(0);
}

QStringList RawSqlite::column(const QString &sql)
{
    QStringList out;
    QSqlQuery query(m_db);
    if (!query.exec(sql)) {
        qWarning("RawSqlite column failed: %s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
        return out;
    }
    while (query.next())
        out << query.value(0).toString();
    return out;
}

QByteArray readBytes(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

bool writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}
