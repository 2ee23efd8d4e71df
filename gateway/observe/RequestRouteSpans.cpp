#include "observe/RequestRouteSpans.h"

#include <algorithm>
#include <utility>

namespace understudy {

void RouteSpanBuilder::add(std::string_view route, qint64 id)
{
    // Requests of one batch come mostly from a few routes, often the same
    // one as the previous request's.
    if (m_last >= m_used || m_routes[m_last].name != route) {
        m_last = 0;
        while (m_last < m_used && m_routes[m_last].name != route)
            ++m_last;
        if (m_last == m_used) {
            if (m_used == m_routes.size())
                m_routes.emplace_back();
            m_routes[m_used].name = route;
            m_routes[m_used].ids.clear();
            ++m_used;
        }
    }
    m_routes[m_last].ids.push_back(id);
}

std::vector<RouteSpan> RouteSpanBuilder::take()
{
    std::vector<RouteSpan> spans;
    for (std::size_t r = 0; r < m_used; ++r) {
        std::vector<qint64> &ids = m_routes[r].ids;
        std::sort(ids.begin(), ids.end());
        for (std::size_t i = 0; i < ids.size();) {
            RouteSpan span{m_routes[r].name, ids[i], ids[i], 1};
            for (++i; i < ids.size() && ids[i] - span.lastId <= kRouteSpanJoinGap; ++i) {
                span.lastId = ids[i];
                ++span.rows;
            }
            spans.push_back(std::move(span));
        }
        ids.clear();
    }
    m_used = 0;
    m_last = 0;
    return spans;
}

std::optional<RouteSpanMerger::Range> RouteSpanMerger::push(qint64 firstId, qint64 lastId)
{
    if (!m_open) {
        m_open = Range{firstId, lastId};
        return std::nullopt;
    }
    // Spans come by descending last id, so this one ends at or below the
    // open range's end: it joins the range if it reaches close to its start.
    if (lastId >= m_open->firstId - kRouteSpanJoinGap) {
        m_open->firstId = std::min(m_open->firstId, firstId);
        return std::nullopt;
    }
    const Range done = *m_open;
    m_open = Range{firstId, lastId};
    return done;
}

std::optional<RouteSpanMerger::Range> RouteSpanMerger::finish()
{
    return std::exchange(m_open, std::nullopt);
}

} // namespace understudy
