#include "admin/AdminToken.h"

#include "store/SqliteConnection.h"

#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>

#include <array>

namespace understudy {

namespace {

constexpr char kTokenKey[] = "admin_token";

bool looksLikeToken(const QByteArray &value)
{
    if (value.size() < 32)
        return false;
    for (char c : value) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    return true;
}

} // namespace

QByteArray generateAdminToken()
{
    std::array<quint32, 8> words{};
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    return QByteArray(reinterpret_cast<const char *>(words.data()), sizeof(words)).toHex();
}

bool adminTokenEquals(QByteArrayView expected, QByteArrayView given)
{
    if (expected.isEmpty())
        return false;
    unsigned difference = expected.size() == given.size() ? 0U : 1U;
    for (qsizetype i = 0; i < given.size(); ++i) {
        const auto e = static_cast<unsigned char>(expected[i % expected.size()]);
        difference |= e ^ static_cast<unsigned char>(given[i]);
    }
    return difference == 0;
}

bool bearerAuthorizes(QByteArrayView authorization, QByteArrayView token)
{
    constexpr QByteArrayView scheme("bearer ");
    if (authorization.size() <= scheme.size() ||
        authorization.first(scheme.size()).compare(scheme, Qt::CaseInsensitive) != 0)
        return false;
    return adminTokenEquals(token, authorization.sliced(scheme.size()).trimmed());
}

Result<WorkspaceToken> loadOrCreateWorkspaceToken(const QString &workspacePath)
{
    SqliteConnection connection;
    if (auto opened = connection.open(workspacePath); !opened)
        return opened.error();
    QSqlDatabase &db = connection.database();
    {
        QSqlQuery read(db);
        if (!read.prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?")))
            return sqlFailure(QStringLiteral("cannot read the admin token"), read.lastError());
        read.addBindValue(QString::fromLatin1(kTokenKey));
        if (!read.exec())
            return sqlFailure(QStringLiteral("cannot read the admin token"), read.lastError());
        if (read.next()) {
            const QByteArray stored = read.value(0).toString().toLatin1();
            if (looksLikeToken(stored))
                return WorkspaceToken{stored, false};
        }
    }
    WorkspaceToken fresh{generateAdminToken(), true};
    QSqlQuery write(db);
    if (!write.prepare(QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)")))
        return sqlFailure(QStringLiteral("cannot store the admin token"), write.lastError());
    write.addBindValue(QString::fromLatin1(kTokenKey));
    write.addBindValue(QString::fromLatin1(fresh.token));
    if (!write.exec())
        return sqlFailure(QStringLiteral("cannot store the admin token"), write.lastError());
    return fresh;
}

} // namespace understudy
