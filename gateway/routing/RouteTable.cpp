#include "routing/RouteTable.h"

#include <algorithm>

namespace understudy {

namespace {

int specificity(const Route &route)
{
    int rank = 0;
    switch (route.match.pathMatch) {
    case PathMatch::Exact:
        rank = 3'000'000;
        break;
    case PathMatch::Pattern:
        rank = 2'000'000;
        break;
    case PathMatch::Prefix:
        rank = 1'000'000 + int(std::min<qsizetype>(route.match.path.size(), 9'999)) * 100;
        break;
    }
    if (!route.match.host.isEmpty())
        rank += 50;
    rank += int(std::min<size_t>(route.match.headers.size(), 9)) * 4;
    if (!route.match.methods.isEmpty())
        rank += 2;
    if (!route.match.listener.isEmpty())
        rank += 1;
    return rank;
}

bool prefixMatches(const QByteArray &prefix, const QByteArray &path)
{
    if (!path.startsWith(prefix))
        return false;
    // "/v1" matches "/v1" and "/v1/x" but not "/v10".
    return prefix.endsWith('/') || path.size() == prefix.size() || path.at(prefix.size()) == '/';
}

} // namespace

RouteTable::RouteTable(ConfigSnapshot config) : m_config(std::move(config))
{
    for (const Route &route : m_config->routes) {
        CompiledRoute compiled;
        compiled.route = &route;
        compiled.path = route.match.path.toUtf8();
        if (route.match.pathMatch == PathMatch::Pattern) {
            compiled.pattern = QRegularExpression(QRegularExpression::anchoredPattern(route.match.path));
            compiled.pattern.optimize();
        }
        compiled.host = route.match.host.toLower().toUtf8();
        for (const QString &method : route.match.methods)
            compiled.methods.push_back(method.toUpper().toLatin1());
        for (const HeaderMatch &h : route.match.headers) {
            CompiledHeader header;
            header.name = h.name.toLower().toLatin1();
            header.value = h.value;
            header.isRegex = h.regex;
            if (h.regex) {
                header.regex = QRegularExpression(h.value);
                header.regex.optimize();
            }
            compiled.headers.push_back(std::move(header));
        }
        compiled.rank = specificity(route);
        m_routes.push_back(std::move(compiled));
    }
    std::stable_sort(m_routes.begin(), m_routes.end(),
                     [](const CompiledRoute &a, const CompiledRoute &b) { return a.rank > b.rank; });
}

const Route *RouteTable::match(const RouteQuery &query) const
{
    for (const CompiledRoute &r : m_routes) {
        if (matches(r, query))
            return r.route;
    }
    return nullptr;
}

bool RouteTable::matches(const CompiledRoute &r, const RouteQuery &query) const
{
    const RouteMatch &m = r.route->match;
    if (!m.listener.isEmpty() && m.listener != query.listener)
        return false;
    if (!r.methods.empty() && std::find(r.methods.begin(), r.methods.end(), query.method) == r.methods.end())
        return false;
    switch (m.pathMatch) {
    case PathMatch::Exact:
        if (query.path != r.path)
            return false;
        break;
    case PathMatch::Prefix:
        if (!prefixMatches(r.path, query.path))
            return false;
        break;
    case PathMatch::Pattern:
        if (!r.pattern.isValid() || !r.pattern.match(QString::fromUtf8(query.path)).hasMatch())
            return false;
        break;
    }
    if (!r.host.isEmpty() && query.host.toLower() != r.host)
        return false;
    for (const CompiledHeader &h : r.headers) {
        if (!query.headers)
            return false;
        auto found = std::find_if(query.headers->begin(), query.headers->end(),
                                  [&](const auto &kv) { return kv.first.compare(h.name, Qt::CaseInsensitive) == 0; });
        if (found == query.headers->end())
            return false;
        const QString value = QString::fromUtf8(found->second);
        if (h.isRegex ? !h.regex.match(value).hasMatch() : value != h.value)
            return false;
    }
    return true;
}

} // namespace understudy
