#include "editors/RouteTester.h"

#include "routing/RouteTable.h"

#include <QObject>

#include <functional>

namespace understudy {

namespace {

bool matchesAlone(const Config &config, const Route &route, const RouteTestRequest &request)
{
    auto single = std::make_shared<Config>();
    single->listeners = config.listeners;
    single->routes.push_back(route);
    const RouteTable table(single);
    RouteQuery query;
    query.listener = request.listener;
    query.method = request.method;
    query.path = request.path;
    query.host = request.host;
    query.headers = &request.headers;
    return table.match(query) != nullptr;
}

QString whyNot(const Config &config, const Route &route, const RouteTestRequest &request)
{
    struct Relaxation
    {
        std::function<void(RouteMatch &)> relax;
        QString reason;
    };
    const RouteMatch &m = route.match;
    const std::vector<Relaxation> relaxations = {
        {[](RouteMatch &r) { r.listener.clear(); }, QObject::tr("only on listener %1").arg(m.listener)},
        {[](RouteMatch &r) { r.methods.clear(); }, QObject::tr("method is not %1").arg(m.methods.join(u'/'))},
        {[](RouteMatch &r) {
             r.pathMatch = PathMatch::Prefix;
             r.path = QStringLiteral("/");
         },
         QObject::tr("path does not match %1 %2").arg(pathMatchName(m.pathMatch), m.path)},
        {[](RouteMatch &r) { r.host.clear(); }, QObject::tr("host is not %1").arg(m.host)},
        {[](RouteMatch &r) { r.headers.clear(); }, QObject::tr("header predicates do not hold")},
    };
    for (const Relaxation &relaxation : relaxations) {
        Route relaxed = route;
        relaxation.relax(relaxed.match);
        if (relaxed.match != route.match && matchesAlone(config, relaxed, request))
            return relaxation.reason;
    }
    return QObject::tr("several predicates differ");
}

} // namespace

RouteTestRequest parseRouteTestRequest(const QString &listener, const QString &method, const QString &path,
                                       const QString &host, const QString &headersText)
{
    RouteTestRequest request;
    request.listener = listener;
    request.method = method.trimmed().toUpper().toUtf8();
    QString p = path.trimmed();
    if (const auto q = p.indexOf(u'?'); q >= 0)
        p.truncate(q);
    request.path = p.toUtf8();
    QString h = host.trimmed();
    if (const auto colon = h.lastIndexOf(u':'); colon >= 0 && !h.endsWith(u']'))
        h.truncate(colon);
    request.host = h.toUtf8();
    const QStringList lines = headersText.split(u'\n', Qt::SkipEmptyParts);
    for (const QString &line : lines) {
        const auto colon = line.indexOf(u':');
        if (colon <= 0)
            continue;
        request.headers.emplace_back(line.left(colon).trimmed().toUtf8(), line.mid(colon + 1).trimmed().toUtf8());
    }
    return request;
}

RouteTestResult testRoutes(const Config &config, const RouteTestRequest &request)
{
    RouteTestResult result;
    auto snapshot = std::make_shared<const Config>(config);
    const RouteTable table(snapshot);
    RouteQuery query;
    query.listener = request.listener;
    query.method = request.method;
    query.path = request.path;
    query.host = request.host;
    query.headers = &request.headers;
    if (const Route *route = table.match(query))
        result.matched = int(route - snapshot->routes.data());

    for (int i = 0; i < int(config.routes.size()); ++i) {
        const Route &route = config.routes[std::size_t(i)];
        if (i == result.matched)
            result.reasons << QObject::tr("matches");
        else if (result.matched >= 0 && matchesAlone(config, route, request))
            result.reasons << QObject::tr("matches too, but %1 is more specific or declared first")
                                  .arg(config.routes[std::size_t(result.matched)].name);
        else
            result.reasons << whyNot(config, route, request);
    }
    return result;
}

} // namespace understudy
