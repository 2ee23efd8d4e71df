#include "config/ValidationRules.h"

#include <QRegularExpression>

#include <set>

namespace understudy {

void IssueCollector::error(const QString &path, const QString &message)
{
    m_issues.push_back({ValidationIssue::Severity::Error, path, message});
}

void IssueCollector::warning(const QString &path, const QString &message)
{
    m_issues.push_back({ValidationIssue::Severity::Warning, path, message});
}

bool isHttpToken(const QString &text)
{
    if (text.isEmpty())
        return false;
    static const QString extra = QStringLiteral("!#$%&'*+-.^_`|~");
    for (QChar c : text) {
        const ushort u = c.unicode();
        const bool alnum = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9');
        if (!alnum && !extra.contains(c))
            return false;
    }
    return true;
}

bool isSafeName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("\\A[A-Za-z0-9][A-Za-z0-9._-]{0,63}\\z"));
    return re.match(name).hasMatch();
}

QString safeNameRule()
{
    return QStringLiteral("use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
}

QString regexError(const QString &pattern)
{
    const QRegularExpression re(pattern);
    if (re.isValid())
        return {};
    return re.errorString() + QStringLiteral(" at offset ") + QString::number(re.patternErrorOffset());
}

QString namedPath(const QString &prefix, const QString &name, std::size_t index)
{
    return prefix + QLatin1Char('[') + (name.isEmpty() ? QString::number(index) : name) + QLatin1Char(']');
}

QString indexPath(const QString &prefix, std::size_t index)
{
    return prefix + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

template<typename Item>
void validateNames(const std::vector<Item> &items, const QString &prefix, const QString &kind, IssueCollector &out)
{
    std::set<QString> seen;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const QString &name = items[i].name;
        const QString path = namedPath(prefix, name, i) + QStringLiteral(".name");
        if (name.isEmpty()) {
            out.error(path, QStringLiteral("every %1 needs a name").arg(kind));
            continue;
        }
        if (!isSafeName(name))
            out.error(path, QStringLiteral("%1 name \"%2\" is not allowed: %3").arg(kind, name, safeNameRule()));
        if (!seen.insert(name).second)
            out.error(path, QStringLiteral("another %1 is already named \"%2\"; names must be unique").arg(kind, name));
    }
}

template void validateNames(const std::vector<Listener> &, const QString &, const QString &, IssueCollector &);
template void validateNames(const std::vector<Provider> &, const QString &, const QString &, IssueCollector &);
template void validateNames(const std::vector<Chain> &, const QString &, const QString &, IssueCollector &);
template void validateNames(const std::vector<Route> &, const QString &, const QString &, IssueCollector &);

} // namespace understudy
