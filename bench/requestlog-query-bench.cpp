// requestlog-query-bench: how fast the console's request-log queries are on
// a big log. Fill a workspace first with
//   requestlog-writer-bench 1000000 2 /tmp/big.understudy
// then run
//   requestlog-query-bench /tmp/big.understudy
// Each query is run 5 times; the median wall time of one page of 100 rows
// (newest first) is printed, plus the second page through the cursor.
// Not a test: run by hand (timings belong here, never in tests).

#include "observe/RequestLogQuery.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace understudy;

namespace {

double medianMs(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: requestlog-query-bench WORKSPACE\n");
        return 2;
    }
    auto opened = RequestLogQuery::open(QString::fromLocal8Bit(argv[1]));
    if (!opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().message));
        return 1;
    }
    RequestLogQuery &query = **opened;
    auto total = query.count({});
    std::printf("rows: %lld\n", total ? static_cast<long long>(*total) : -1LL);

    struct Case
    {
        const char *name;
        RequestFilter filter;
    };
    std::vector<Case> cases;
    cases.push_back({"newest 100", {}});
    RequestFilter route;
    route.route = QStringLiteral("chat");
    cases.push_back({"route=chat", route});
    RequestFilter otherRoute;
    otherRoute.route = QStringLiteral("embed");
    cases.push_back({"route=embed", otherRoute});
    RequestFilter noRoute;
    noRoute.route = QStringLiteral("no-such-route");
    cases.push_back({"route, no match", noRoute});
    RequestFilter outcome;
    outcome.outcome = QStringLiteral("status_5xx");
    cases.push_back({"outcome=status_5xx", outcome});
    RequestFilter status;
    status.statusMin = 500;
    status.statusMax = 599;
    cases.push_back({"status 5xx", status});
    RequestFilter served;
    served.servedBy = QStringLiteral("secondary");
    cases.push_back({"served_by~secondary", served});
    RequestFilter text;
    text.text = QStringLiteral("no-such-text-anywhere");
    cases.push_back({"text, no match (full scan)", text});
    RequestFilter lastHour;
    if (auto page = query.find({}, 1); page && !page->rows.empty()) {
        lastHour.fromMs = page->rows.front().trail.startedAtMs - 3600 * 1000;
        lastHour.route = QStringLiteral("chat");
    }
    cases.push_back({"last hour, route=chat", lastHour});

    std::printf("%-30s %12s %12s %8s\n", "query", "page 1 ms", "page 2 ms", "rows");
    for (const Case &c : cases) {
        std::vector<double> first, second;
        size_t rows = 0;
        for (int i = 0; i < 5; ++i) {
            QElapsedTimer timer;
            timer.start();
            auto page = query.find(c.filter, 100);
            first.push_back(double(timer.nsecsElapsed()) / 1e6);
            if (!page) {
                std::fprintf(stderr, "%s: %s\n", c.name, qPrintable(page.error().message));
                return 1;
            }
            rows = page->rows.size();
            timer.restart();
            if (!page->nextCursor.isEmpty())
                (void)query.find(c.filter, 100, page->nextCursor);
            second.push_back(double(timer.nsecsElapsed()) / 1e6);
        }
        std::printf("%-30s %12.2f %12.2f %8zu\n", c.name, medianMs(first), medianMs(second), rows);
    }
    auto newest = query.find({}, 1);
    if (!newest || newest->rows.empty())
        return 1;
    QElapsedTimer timer;
    timer.start();
    auto one = query.request(newest->rows.front().id);
    std::printf("%-30s %12.2f\n", "one trail by id", double(timer.nsecsElapsed()) / 1e6);
    if (!one)
        std::fprintf(stderr, "one trail by id: %s\n", qPrintable(one.error().message));
    return one ? 0 : 1;
}
