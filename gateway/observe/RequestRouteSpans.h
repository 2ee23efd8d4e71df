#pragma once

// The request log's route index (schema 6): instead of one index entry per
// request, the writer records, per batch and per route, the spans of row
// ids that hold that route's requests (request_route_spans). A route query
// reads the route's spans newest first, joins the ones that touch or lie
// close together, and scans only those id ranges of the requests table
// (RequestLogQuery). Row ids sort by start time (RequestLogIds.h), and a
// batch holds requests that ended together, so a batch's requests of one
// route mostly sit in one short span; a request that ran long lands far from
// the rest and gets a span of its own.
//
// Why not an index on requests(route): that is one more B-tree insert per
// logged request, a quarter of the writer's CPU; a span is one insert per
// route per batch (batches are hundreds of rows).

#include <QString>
#include <QtGlobal>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace understudy {

struct RouteSpan
{
    std::string route;  // UTF-8
    qint64 firstId = 0; // inclusive
    qint64 lastId = 0;  // inclusive
    qint64 rows = 0;
};

// Ids closer than this (about 16 ms of start time) share a span when a
// batch is written, and share a scan when a query reads spans: scanning the
// few rows between them costs less than one more statement.
inline constexpr qint64 kRouteSpanJoinGap = qint64(16) << 20;

// Collects one batch's (route, row id) pairs and cuts them into spans.
class RouteSpanBuilder final
{
public:
    void add(std::string_view route, qint64 id); // route: UTF-8
    // The batch's spans (per route, ids ascending), then starts over.
    std::vector<RouteSpan> take();

private:
    struct Route
    {
        std::string name;
        std::vector<qint64> ids;
    };
    std::vector<Route> m_routes; // kept across batches with their capacity
    std::size_t m_used = 0;
    std::size_t m_last = 0; // where the previous add() found its route
};

// Joins spans read newest first (last id descending) into disjoint id
// ranges, newest first: push() each span, and take every range next()
// hands back as soon as it is complete; finish() gives the last one.
class RouteSpanMerger final
{
public:
    struct Range
    {
        qint64 firstId = 0, lastId = 0;
    };
    // Spans must come in descending last id order.
    std::optional<Range> push(qint64 firstId, qint64 lastId);
    std::optional<Range> finish();

private:
    std::optional<Range> m_open;
};

} // namespace understudy
