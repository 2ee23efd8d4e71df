// Benchmark (not a test): drives 2,000 synthetic trails/s from a worker
// thread into the Traffic page's sink for 20 s while the page is shown
// (offscreen is fine), and measures how late a 10 ms GUI timer fires: the
// event loop's latency under the load. Prints max and p99 lateness.
//   traffic-latency-bench [-platform offscreen] [rate-per-second] [seconds]

#include "live/TrafficModel.h"
#include "live/TrafficPage.h"
#include "live_sample_trails.h"

#include <QApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QTableView>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

using namespace understudy;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int rate = args.size() > 1 ? std::max(1, args.at(1).toInt()) : 2000;
    const int seconds = args.size() > 2 ? std::max(1, args.at(2).toInt()) : 20;

    TrafficPage page;
    page.resize(1280, 800);
    page.show();

    // A pool of varied trails, re-stamped as they are sent.
    std::mt19937 random(7);
    std::vector<RequestTrail> pool;
    for (int i = 0; i < 4096; ++i)
        pool.push_back(sampleTrail(random, 0, i));

    const auto sink = page.sink();
    std::atomic<bool> stop{false};
    std::atomic<qint64> sent{0};
    std::thread producer([&] {
        using clock = std::chrono::steady_clock;
        const auto start = clock::now();
        qint64 n = 0;
        while (!stop.load()) {
            // Every millisecond, catch up to rate * elapsed.
            const auto elapsed = std::chrono::duration<double>(clock::now() - start).count();
            const qint64 due = qint64(elapsed * rate);
            for (; n < due; ++n) {
                RequestTrail t = pool[std::size_t(n) % pool.size()];
                t.requestId = QByteArray("bench_") + QByteArray::number(n);
                t.startedAtMs = QDateTime::currentMSecsSinceEpoch();
                sink(t);
            }
            sent.store(n);
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    });

    std::vector<double> lateness;
    lateness.reserve(std::size_t(seconds) * 110);
    QElapsedTimer since;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(10);
    QObject::connect(&probe, &QTimer::timeout, &app, [&] {
        const double ms = double(since.nsecsElapsed()) / 1e6;
        since.restart();
        lateness.push_back(std::max(0.0, ms - 10.0));
    });
    since.start();
    probe.start();

    QTimer::singleShot(seconds * 1000, &app, [&] {
        probe.stop();
        stop = true;
        producer.join();
        std::vector<double> sorted = lateness;
        std::sort(sorted.begin(), sorted.end());
        const auto at = [&](double q) {
            return sorted.empty() ? 0.0 : sorted[std::min(sorted.size() - 1, std::size_t(q * double(sorted.size())))];
        };
        std::printf("traffic-latency-bench: %d trails/s for %d s into TrafficPage (%s)\n", rate, seconds,
                    qPrintable(QGuiApplication::platformName()));
        std::printf("  sent %lld trails, table rows %d (cap %d), dropped %lld\n", qint64(sent.load()),
                    page.model()->rowCount(), page.model()->rowCap(), page.model()->droppedCount());
        std::printf("  10 ms timer lateness over %zu ticks: p50 %.2f ms, p99 %.2f ms, max %.2f ms\n", sorted.size(),
                    at(0.50), at(0.99), sorted.empty() ? 0.0 : sorted.back());
        std::fflush(stdout);
        app.quit();
    });
    return app.exec();
}
