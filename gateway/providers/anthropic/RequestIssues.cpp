// The error sink of request translation: the first problem wins, and each
// kind of problem is worded the way OpenAI words it, naming the field.

#include "providers/anthropic/RequestParts.h"

namespace understudy::anthropic::detail {

namespace {

QString quoted(const QString &param)
{
    return QLatin1Char('\'') + param + QLatin1Char('\'');
}

} // namespace

void RequestIssues::fail(const QString &code, const QString &message)
{
    if (!m_error)
        m_error = Error{code, message};
}

void RequestIssues::missing(const QString &param)
{
    fail(QStringLiteral("missing_required_parameter"),
         QStringLiteral("Missing required parameter: %1.").arg(quoted(param)));
}

void RequestIssues::wrongType(const QString &param, const QString &expected, const ojson &got)
{
    fail(QStringLiteral("invalid_type"), QStringLiteral("Invalid type for %1: expected %2, but got %3 instead.")
                                             .arg(quoted(param), expected, typeName(got)));
}

void RequestIssues::wrongValue(const QString &param, const QString &why)
{
    fail(QStringLiteral("invalid_value"), QStringLiteral("Invalid value for %1: %2").arg(quoted(param), why));
}

void RequestIssues::unsupported(const QString &param, const QString &why)
{
    fail(QStringLiteral("unsupported_parameter"),
         QStringLiteral("Unsupported parameter: %1 %2").arg(quoted(param), why));
}

bool isBlank(const std::string &text)
{
    return fromUtf8(text).trimmed().isEmpty();
}

} // namespace understudy::anthropic::detail
