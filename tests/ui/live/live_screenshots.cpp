// Renders docs/screenshots/dashboard.png and traffic.png: about five minutes
// of varied traffic (fallbacks, a 429 with Retry-After, timeouts, cache hits,
// a short OpenAI outage) recorded into a MetricsRegistry on a stepped clock
// and into the Traffic page's sink. Run under Xvfb or -platform offscreen:
//   live-screenshots <output-dir>

#include "live/DashboardPage.h"
#include "live/TrafficModel.h"
#include "live/TrafficPage.h"
#include "live_sample_trails.h"
#include "observe/MetricsRegistry.h"

#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QTableView>
#include <QTimer>

#include <atomic>
#include <cmath>

using namespace understudy;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QString out = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral(".");
    QDir().mkpath(out);

    std::atomic<qint64> clockMs{0};
    MetricsRegistry::Options options;
    options.nowMs = [&clockMs] { return clockMs.load(); };
    MetricsRegistry metrics(options);

    TrafficPage traffic;
    traffic.setBaseUrl(QStringLiteral("http://127.0.0.1:8787"));
    const auto sink = traffic.sink();

    std::mt19937 random(42);
    const qint64 now = QDateTime::currentMSecsSinceEpoch() / 1000 * 1000;
    int serial = 0;
    for (int s = 299; s >= 0; --s) {
        const qint64 second = now - qint64(s) * 1000;
        clockMs = second;
        // A daily-ish swell plus noise; an OpenAI outage 200..150 s ago.
        const int rate = 3 + int(2.5 * std::sin(double(s) / 40.0)) + int(random() % 3);
        const bool outage = s <= 200 && s >= 150;
        for (int i = 0; i < rate; ++i) {
            RequestTrail t = sampleTrail(random, second + qint64(i) * 1000 / rate, serial++);
            if (outage && t.fallbackDepth == 0 && !t.cached && !t.staticAnswer && random() % 3 != 0)
                t = sampleTrail(random, t.startedAtMs, serial++); // reroll: fewer clean answers
            metrics.record(t);
            if (s < 60)
                sink(t); // the table shows the last minute
        }
        metrics.collect();
    }
    metrics.setBreakerState(QStringLiteral("openai/gpt-4o-mini"), BreakerGauge::HalfOpen);
    metrics.setBreakerState(QStringLiteral("openai/text-embedding-3-small"), BreakerGauge::Closed);
    metrics.setBreakerState(QStringLiteral("anthropic/claude-3-5-haiku"), BreakerGauge::Closed);
    metrics.setBreakerState(QStringLiteral("gemini/text-embedding-004"), BreakerGauge::Closed);
    metrics.setBreakerState(QStringLiteral("mock/echo"), BreakerGauge::Open);

    DashboardPage dashboard;
    dashboard.resize(1400, 960);
    dashboard.setBreakerControl([](const QString &, BreakerAction) {});
    dashboard.setMetrics(&metrics);
    dashboard.show();

    traffic.resize(1400, 900);
    traffic.show();
    traffic.model()->flushPending();
    // Select a request that fell back twice, to show its waterfall.
    for (int row = traffic.model()->rowCount() - 1; row >= 0; --row) {
        if (traffic.model()->trail(row).attempts.size() == 3 && traffic.model()->trail(row).status == 200) {
            traffic.view()->selectRow(row);
            break;
        }
    }

    QTimer::singleShot(600, &app, [&] {
        dashboard.refresh();
        dashboard.grab().save(out + QStringLiteral("/dashboard.png"));
        traffic.grab().save(out + QStringLiteral("/traffic.png"));
        app.quit();
    });
    return app.exec();
}
