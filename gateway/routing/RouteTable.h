#pragma once

#include "config/Config.h"

#include <QByteArray>
#include <QRegularExpression>

#include <utility>
#include <vector>

namespace understudy {

// What the router needs to know of an inbound request.
struct RouteQuery
{
    QString listener;
    QByteArray method;
    QByteArray path; // without query string
    QByteArray host; // Host header, port stripped
    const std::vector<std::pair<QByteArray, QByteArray>> *headers = nullptr;
};

// Compiled routes of one config snapshot. Built once per config apply and
// shared read-only by all workers, so matching allocates nothing and
// compiles no regex on the request path.
class RouteTable final
{
public:
    explicit RouteTable(ConfigSnapshot config);

    // The most specific matching route, or nullptr (the caller answers 404).
    // Specificity: exact path > pattern > longest prefix; then a host
    // predicate; then more header predicates; then a method set; ties go to
    // the route declared first.
    const Route *match(const RouteQuery &query) const;

private:
    struct CompiledHeader
    {
        QByteArray name; // lower-case
        QString value;
        QRegularExpression regex; // valid only when the match is a regex
        bool isRegex = false;
    };
    struct CompiledRoute
    {
        const Route *route = nullptr;
        QByteArray path;
        QRegularExpression pattern;
        QByteArray host; // lower-case
        std::vector<QByteArray> methods;
        std::vector<CompiledHeader> headers;
        int rank = 0; // higher is more specific
    };

    bool matches(const CompiledRoute &r, const RouteQuery &query) const;

    ConfigSnapshot m_config;             // routes point into this snapshot
    std::vector<CompiledRoute> m_routes; // sorted, most specific first
};

} // namespace understudy
