#include "observe/RequestLogIds.h"
#include "observe/RequestRouteSpans.h"

#include <QTest>

using namespace understudy;

namespace {

qint64 at(qint64 ms, quint64 sequence = 0)
{
    return requestRowId(1700000000000 + ms, sequence);
}

struct Range
{
    qint64 first, last;
    bool operator==(const Range &) const = default;
};

// Feeds spans (already newest first) through a merger.
std::vector<Range> merged(const std::vector<Range> &spans)
{
    RouteSpanMerger merger;
    std::vector<Range> out;
    for (const Range &s : spans) {
        if (const auto r = merger.push(s.first, s.last))
            out.push_back({r->firstId, r->lastId});
    }
    if (const auto r = merger.finish())
        out.push_back({r->firstId, r->lastId});
    return out;
}

} // namespace

class TestRequestRouteSpans final : public QObject
{
    Q_OBJECT

private slots:
    // One batch: each route's ids sorted into spans, cut where two ids lie
    // further apart than the join gap (a request that ran long).
    void builderCutsEachRoutesIdsIntoSpans()
    {
        RouteSpanBuilder builder;
        const std::string chat = "chat", embed = "embed";
        builder.add(chat, at(10, 1));
        builder.add(embed, at(11));
        builder.add(chat, at(10, 0));
        builder.add(chat, at(12));
        builder.add(chat, at(-60000)); // started a minute earlier
        builder.add(embed, at(11, 5));
        const std::vector<RouteSpan> spans = builder.take();
        QCOMPARE(int(spans.size()), 3);
        QCOMPARE(spans[0].route, chat);
        QCOMPARE(spans[0].firstId, at(-60000));
        QCOMPARE(spans[0].lastId, at(-60000));
        QCOMPARE(spans[0].rows, 1);
        QCOMPARE(spans[1].route, chat);
        QCOMPARE(spans[1].firstId, at(10, 0));
        QCOMPARE(spans[1].lastId, at(12));
        QCOMPARE(spans[1].rows, 3);
        QCOMPARE(spans[2].route, embed);
        QCOMPARE(spans[2].firstId, at(11));
        QCOMPARE(spans[2].lastId, at(11, 5));
        QCOMPARE(spans[2].rows, 2);
        // take() starts over.
        QVERIFY(builder.take().empty());
        builder.add(embed, at(20));
        const std::vector<RouteSpan> next = builder.take();
        QCOMPARE(int(next.size()), 1);
        QCOMPARE(next[0].route, embed);
        QCOMPARE(next[0].rows, 1);
    }

    void builderJoinsIdsUpToTheGap()
    {
        RouteSpanBuilder builder;
        const std::string r = "r";
        builder.add(r, at(0));
        builder.add(r, at(0) + kRouteSpanJoinGap);         // just close enough
        builder.add(r, at(0) + 2 * kRouteSpanJoinGap + 1); // one past
        const std::vector<RouteSpan> spans = builder.take();
        QCOMPARE(int(spans.size()), 2);
        QCOMPARE(spans[0].rows, 2);
        QCOMPARE(spans[1].rows, 1);
    }

    void mergerJoinsOverlappingAndNearSpansNewestFirst()
    {
        const qint64 g = kRouteSpanJoinGap;
        // A long request's span reaches back over two older ones.
        QCOMPARE(merged({{100 * g, 101 * g}, {90 * g, 100 * g - 1}, {50 * g, 95 * g}, {60 * g, 70 * g}}),
                 (std::vector<Range>{{50 * g, 101 * g}}));
        // Far apart: separate ranges, newest first; near: one.
        QCOMPARE(merged({{100 * g, 101 * g}, {97 * g, 98 * g}, {95 * g, 96 * g}, {90 * g, 93 * g}}),
                 (std::vector<Range>{{100 * g, 101 * g}, {95 * g, 98 * g}, {90 * g, 93 * g}}));
        QCOMPARE(merged({}), std::vector<Range>{});
        QCOMPARE(merged({{5, 7}}), (std::vector<Range>{{5, 7}}));
    }
};

QTEST_GUILESS_MAIN(TestRequestRouteSpans)
#include "tst_requestroutespans.moc"
