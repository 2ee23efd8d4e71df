#pragma once

// The Routes editor's "which route matches this request?" check. Matching
// is RouteTable's (the engine's router) on the draft config; the reasons
// for the other routes come from asking RouteTable again about each route
// alone, with one predicate relaxed at a time.

#include "config/Config.h"

#include <QByteArray>
#include <QStringList>

#include <utility>
#include <vector>

namespace understudy {

struct RouteTestRequest
{
    QString listener;
    QByteArray method;
    QByteArray path;
    QByteArray host;
    std::vector<std::pair<QByteArray, QByteArray>> headers;
};

struct RouteTestResult
{
    int matched = -1;    // index into config.routes, -1 = none (404)
    QStringList reasons; // one per route: why it matched or not
};

// `headersText` holds one "Name: value" per line; the path drops any query
// string and the host any port, as the listener does.
RouteTestRequest parseRouteTestRequest(const QString &listener, const QString &method, const QString &path,
                                       const QString &host, const QString &headersText);

RouteTestResult testRoutes(const Config &config, const RouteTestRequest &request);

} // namespace understudy
