#include "config/CredentialReference.h"

#include <QRegularExpression>

namespace understudy {

bool isCredentialReference(const QString &text)
{
    // Environment variable names as POSIX shells accept them; keychain
    // entries are free text but must be printable and on one line.
    static const QRegularExpression envName(QStringLiteral("\\Aenv:[A-Za-z_][A-Za-z0-9_]{0,127}\\z"));
    static const QRegularExpression keychainEntry(QStringLiteral("\\Akeychain:[^\\x00-\\x1f\\x7f]{1,256}\\z"));
    return envName.match(text).hasMatch() || keychainEntry.match(text).hasMatch();
}

QString credentialReferenceHint()
{
    return QStringLiteral("credentials must be a reference such as env:OPENAI_API_KEY or keychain:openai, "
                          "never the secret itself");
}

} // namespace understudy
