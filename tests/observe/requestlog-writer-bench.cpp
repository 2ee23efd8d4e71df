// requestlog-writer-bench: what the request log's writer thread costs, in
// CPU µs per logged request (user + system, so the kernel's page-cache
// writes count), for trails like the ones bench/logging-bench.sh produces
// (one attempt, served) or with a fallback (two attempts).
// Not a test: run by hand. Usage:
//   requestlog-writer-bench [rows, default 200000] [attempts per row: 1 or 2]
//                           [workspace file to keep, e.g. for timing queries, or ""]
//                           [batchRows, default the writer's] [row cap, default the writer's]
// With a row cap below `rows` the writer trims the log as it goes, so the
// figure includes the deletes of a log at its cap.

#include "ObserveTestSupport.h"

#include "observe/RequestLogWriter.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTemporaryDir>

#include <sys/resource.h>

#include <cstdio>
#include <ctime>

using namespace understudy;

namespace {

double processCpuUs()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e6 +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
}

double threadCpuUs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e6 + double(ts.tv_nsec) / 1e3;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int rows = argc > 1 ? std::max(1, atoi(argv[1])) : 200000;
    const bool fellBack = argc > 2 && atoi(argv[2]) >= 2;

    QTemporaryDir dir;
    const QString path =
        argc > 3 && *argv[3] ? QString::fromLocal8Bit(argv[3]) : dir.filePath(QStringLiteral("bench.understudy"));
    if (const QString error = createWorkspace(path); !error.isEmpty()) {
        std::fprintf(stderr, "cannot create the workspace: %s\n", qPrintable(error));
        return 1;
    }
    RequestLogWriter::Options options;
    options.workspacePath = path;
    options.maxQueuedEntries = rows + 1; // measure the writer, not the drops
    options.maxQueuedBytes = qsizetype(rows + 1) * 4096;
    if (argc > 4)
        options.batchRows = std::max(1, atoi(argv[4]));
    if (argc > 5)
        options.retention.maxRows = std::max(1, atoi(argv[5]));
    auto writer = RequestLogWriter::start(options);
    if (!writer) {
        std::fprintf(stderr, "cannot start the writer: %s\n", qPrintable(writer.error().message));
        return 1;
    }

    const qint64 base = QDateTime::currentMSecsSinceEpoch();
    const double cpu0 = processCpuUs(), main0 = threadCpuUs();
    double submitUs = 0;
    // Submitted one by one while the writer thread runs, as from a data
    // plane.
    for (int i = 0; i < rows; ++i) {
        // Two routes, a fallback every 10th and a 5xx every 50th request:
        // something for the indexes to tell apart.
        RequestTrail t = makeTrail(i, base + i / 20, i % 3 == 0 ? QStringLiteral("embed") : QStringLiteral("chat"),
                                   fellBack || i % 10 == 0);
        if (i % 50 == 0) {
            t.status = 503;
            t.outcome = OutcomeClass::Status5xx;
        }
        const double before = threadCpuUs();
        (*writer)->submit(std::move(t));
        submitUs += threadCpuUs() - before;
    }
    (*writer)->flush();
    const double main1 = threadCpuUs(), cpu1 = processCpuUs();
    const RequestLogWriter::Stats s = (*writer)->stats();
    const double writerUs = (cpu1 - cpu0) - (main1 - main0);
    std::printf("rows %d (attempts/row %d), written %llu, dropped %llu, batches %llu\n", rows, fellBack ? 2 : 1,
                static_cast<unsigned long long>(s.written), static_cast<unsigned long long>(s.summariesDropped),
                static_cast<unsigned long long>(s.batches));
    std::printf("writer CPU %.2f us/row; submit() %.3f us/row on the caller\n", writerUs / rows, submitUs / rows);
    return s.written == quint64(rows) ? 0 : 2;
}
