// Observability wired the way `serve` wires it, with the real engine on
// loopback: the engine's trail sink feeds the metrics registry and the
// request log, the engine posts config/listener/breaker events, and the
// admin API's ObservabilityBridge reads it all back (request log pages and
// trails on its query thread, events stored and live, metrics JSON and
// Prometheus text, checked by promtool when it is installed).

#include "AdminTestConfig.h"
#include "admin/ObservabilityBridge.h"
#include "engine/Engine.h"
#include "fallback/ExecutorServices.h"
#include "observe/Observability.h"
#include "store/Workspace.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <nlohmann/json.hpp>

#include <map>
#include <mutex>
#include <optional>
#include <set>

using namespace understudy;
using nlohmann::json;

// Compares JSON values as their compact text (QCOMPARE cannot take json).
#define JSON_COMPARE(actual, expected)                                                                                 \
    QCOMPARE(QString::fromStdString(nlohmann::json(actual).dump()),                                                    \
             QString::fromStdString(nlohmann::json(expected).dump()))

namespace {

// Runs `work` on a thread of its own while this thread's loop keeps going
// (the engine's listener accepts on this thread).
template<typename Work> auto offThread(Work work) -> decltype(work())
{
    std::optional<decltype(work())> result;
    QThread *thread = QThread::create([&] { result.emplace(work()); });
    thread->start();
    (void)QTest::qWaitFor([&] { return thread->isFinished(); }, 60000);
    thread->wait();
    delete thread;
    return std::move(*result);
}

QByteArray exchange(quint16 port, const QByteArray &bytes)
{
    return offThread([port, bytes] {
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), port);
        if (!socket.waitForConnected(5000))
            return QByteArray();
        socket.write(bytes);
        QByteArray answer;
        QElapsedTimer timer;
        timer.start();
        while (!timer.hasExpired(10000) && socket.state() == QAbstractSocket::ConnectedState) {
            if (socket.waitForReadyRead(200))
                answer += socket.readAll();
        }
        answer += socket.readAll();
        return answer;
    });
}

QByteArray requestIdOf(const QByteArray &answer)
{
    static const QRegularExpression re(QStringLiteral("(?i)x-understudy-request-id: *([^\\r\\n]+)"));
    const QRegularExpressionMatch m = re.match(QString::fromLatin1(answer));
    return m.hasMatch() ? m.captured(1).trimmed().toLatin1() : QByteArray();
}

// Waits for an asynchronous AdminObservability answer (it arrives on the
// bridge's query thread).
Result<json> await(const std::function<void(AdminObservability::JsonDone)> &ask)
{
    std::mutex mutex;
    std::optional<Result<json>> answer;
    ask([&](Result<json> result) {
        std::lock_guard lock(mutex);
        answer.emplace(std::move(result));
    });
    (void)QTest::qWaitFor(
        [&] {
            std::lock_guard lock(mutex);
            return answer.has_value();
        },
        10000);
    std::lock_guard lock(mutex);
    if (!answer)
        return Error{QStringLiteral("timeout"), QStringLiteral("no answer within 10 s")};
    return std::move(*answer);
}

// The value of one Prometheus sample line, or -1 when absent.
double sampleValue(const QByteArray &text, const QByteArray &series)
{
    for (const QByteArray &line : text.split('\n')) {
        if (line.startsWith(QByteArray(series + ' ')))
            return line.mid(series.size() + 1).toDouble();
    }
    return -1;
}

} // namespace

class TestObserveWiring final : public QObject
{
    Q_OBJECT

private:
    std::vector<json> events(const QString &kind = {})
    {
        m_observe->flush();
        EventQuery query;
        query.kind = kind;
        query.limit = 1000;
        auto page = await([&](AdminObservability::JsonDone done) { m_bridge->queryEvents(query, std::move(done)); });
        if (!page)
            return {};
        return (*page)["items"].get<std::vector<json>>();
    }

    bool hasEvent(const QString &kind, const std::function<bool(const json &)> &match)
    {
        for (const json &e : events(kind))
            if (match(e))
                return true;
        return false;
    }

    std::vector<QByteArray> sendChats(int n)
    {
        std::vector<QByteArray> ids;
        const quint16 port = m_engine->port(QStringLiteral("default"));
        for (int i = 0; i < n; ++i) {
            const QByteArray answer = exchange(port, test::chatRequest(port));
            if (!answer.startsWith("HTTP/1.1 200"))
                qWarning() << "unexpected answer" << answer.left(300);
            ids.push_back(requestIdOf(answer));
        }
        return ids;
    }

    std::uint64_t requestsCounted()
    {
        std::uint64_t n = 0;
        for (const MetricsTotals::Route &r : m_observe->metrics().totals().routes)
            for (const auto &[outcome, count] : r.byOutcome)
                n += count;
        return n;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_workspace = m_dir.filePath(QStringLiteral("wiring.understudy"));
        QVERIFY(
            Workspace::create(m_workspace, test::adminTestConfig(), QStringLiteral("test"), QStringLiteral("initial")));
        ObservabilityOptions options;
        options.requestLogPath = m_workspace;
        auto observe = Observability::create(options);
        QVERIFY2(observe, observe ? "" : qPrintable(observe.error().message));
        m_observe = *observe;
        m_engine = std::make_unique<Engine>();
        m_engine->setObservability(m_observe);
        m_engine->services().trailSink = m_observe->trailSink();
        auto started = m_engine->start(std::make_shared<const Config>(test::adminTestConfig()));
        QVERIFY2(started, started ? "" : qPrintable(started.error().message));
        m_bridge = std::make_shared<ObservabilityBridge>(m_observe);
    }

    void cleanupTestCase()
    {
        m_bridge.reset();
        m_engine.reset();
        m_observe.reset();
    }

    void startPostsListenerAndConfigEvents()
    {
        const quint16 port = m_engine->port(QStringLiteral("default"));
        QVERIFY(hasEvent(QLatin1String(kEventListenerStarted), [&](const json &e) {
            return e["subject"] == "default" && e["detail"]["port"] == port && e["detail"]["address"] == "127.0.0.1";
        }));
        QVERIFY(hasEvent(QLatin1String(kEventConfigApplied),
                         [](const json &e) { return e["detail"]["generation"] == 1 && e["detail"]["routes"] == 1; }));
    }

    void requestsReachTheLogMetricsAndPrometheus()
    {
        const std::uint64_t before = requestsCounted();
        QCOMPARE(before, std::uint64_t(0));
        const int n = 6;
        const std::vector<QByteArray> ids = sendChats(n);
        for (const QByteArray &id : ids)
            QVERIFY(!id.isEmpty());
        // The sink runs as the request ends, which may trail the answer.
        QTRY_COMPARE(requestsCounted(), std::uint64_t(n));
        m_observe->flush();

        // The request log, through the bridge: newest first, every id once.
        RequestQuery query;
        query.limit = 100;
        auto page = await([&](AdminObservability::JsonDone done) { m_bridge->queryRequests(query, std::move(done)); });
        QVERIFY2(page, page ? "" : qPrintable(page.error().message));
        const json &items = (*page)["items"];
        QCOMPARE(int(items.size()), n);
        QVERIFY((*page)["next_cursor"].is_null());
        std::set<std::string> logged;
        for (const json &item : items) {
            logged.insert(item["request_id"].get<std::string>());
            JSON_COMPARE(item["route"], "chat");
            JSON_COMPARE(item["status"], 200);
            JSON_COMPARE(item["outcome"], "ok");
            JSON_COMPARE(item["attempts"], 1);
        }
        for (const QByteArray &id : ids)
            QVERIFY2(logged.count(id.toStdString()) == 1, id.constData());
        JSON_COMPARE(items[0]["request_id"], ids.back().toStdString()); // newest first

        // Two pages of 4 + 2, no overlap.
        query.limit = 4;
        auto first = await([&](AdminObservability::JsonDone done) { m_bridge->queryRequests(query, std::move(done)); });
        QVERIFY(first);
        QCOMPARE(int((*first)["items"].size()), 4);
        QVERIFY((*first)["next_cursor"].is_string());
        query.cursor = QString::fromStdString((*first)["next_cursor"].get<std::string>());
        auto second =
            await([&](AdminObservability::JsonDone done) { m_bridge->queryRequests(query, std::move(done)); });
        QVERIFY(second);
        QCOMPARE(int((*second)["items"].size()), 2);
        std::set<std::string> paged;
        for (const json *p : {&*first, &*second})
            for (const json &item : (*p)["items"])
                paged.insert(item["request_id"].get<std::string>());
        QVERIFY(paged == logged);
        query.cursor = QStringLiteral("not-a-cursor");
        auto bad = await([&](AdminObservability::JsonDone done) { m_bridge->queryRequests(query, std::move(done)); });
        QVERIFY(!bad);
        QCOMPARE(bad.error().code, QStringLiteral("bad_query"));

        // One trail with its attempt.
        const QString id = QString::fromLatin1(ids.front());
        auto trail = await([&](AdminObservability::JsonDone done) { m_bridge->requestTrail(id, std::move(done)); });
        QVERIFY2(trail, trail ? "" : qPrintable(trail.error().message));
        JSON_COMPARE((*trail)["request_id"], ids.front().toStdString());
        QCOMPARE(int((*trail)["attempts"].size()), 1);
        JSON_COMPARE((*trail)["attempts"][0]["target"], "mock-a/m1");
        JSON_COMPARE((*trail)["attempts"][0]["outcome"], "ok");
        auto unknown = await([&](AdminObservability::JsonDone done) {
            m_bridge->requestTrail(QStringLiteral("no-such-request"), std::move(done));
        });
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().code, QStringLiteral("not_found"));

        // Metrics: the last minute counts them, and so does Prometheus.
        const json snapshot = m_bridge->metricsSnapshot();
        JSON_COMPARE(snapshot["requests"], n);
        JSON_COMPARE(snapshot["errors"], 0);
        JSON_COMPARE(snapshot["totals_by_route"]["chat"]["requests"], n);
        JSON_COMPARE(snapshot["request_log"]["written"], n);
        const QByteArray text = m_bridge->prometheusText();
        QCOMPARE(sampleValue(text, "understudy_requests_total{route=\"chat\",outcome=\"ok\"}"), double(n));
        QCOMPARE(sampleValue(text, "understudy_attempts_total{target=\"mock-a/m1\",outcome=\"ok\"}"), double(n));
        QCOMPARE(sampleValue(text, "understudy_request_duration_seconds_count{route=\"chat\"}"), double(n));
        // Every exchange is gone again.
        QTRY_COMPARE(sampleValue(m_bridge->prometheusText(), "understudy_in_flight_requests"), 0.0);
        checkWithPromtool(text);
    }

    // Requests the gateway answers itself, without running a chain, are
    // logged and counted too: one that matches no route (404) and one whose
    // body the LLM route refuses (400). A flood of either must show in the
    // error rate and the log.
    void answersWithoutAChainAreLoggedAndCounted()
    {
        const std::uint64_t before = requestsCounted();
        const quint16 port = m_engine->port(QStringLiteral("default"));
        const QByteArray noRoute =
            exchange(port, "GET /nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        QVERIFY2(noRoute.startsWith("HTTP/1.1 404"), noRoute.constData());
        const QByteArray body = "{\"messages\": 7}";
        const QByteArray refused =
            exchange(port, "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                           "Content-Type: application/json\r\nConnection: close\r\nContent-Length: " +
                               QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QVERIFY2(refused.startsWith("HTTP/1.1 400"), refused.constData());
        QTRY_COMPARE(requestsCounted(), before + 2);
        m_observe->flush();

        RequestQuery query;
        query.limit = 2;
        auto page = await([&](AdminObservability::JsonDone done) { m_bridge->queryRequests(query, std::move(done)); });
        QVERIFY2(page, page ? "" : qPrintable(page.error().message));
        const json &items = (*page)["items"];
        QCOMPARE(int(items.size()), 2);
        // Newest first: the refused body, then the unrouted request.
        JSON_COMPARE(items[0]["request_id"], requestIdOf(refused).toStdString());
        JSON_COMPARE(items[0]["route"], "chat");
        JSON_COMPARE(items[0]["status"], 400);
        JSON_COMPARE(items[0]["outcome"], "status_4xx");
        JSON_COMPARE(items[0]["attempts"], 0);
        JSON_COMPARE(items[1]["request_id"], requestIdOf(noRoute).toStdString());
        JSON_COMPARE(items[1]["route"], "");
        JSON_COMPARE(items[1]["method"], "GET");
        JSON_COMPARE(items[1]["path"], "/nowhere");
        JSON_COMPARE(items[1]["status"], 404);
        JSON_COMPARE(items[1]["outcome"], "status_4xx");

        QByteArray text = m_bridge->prometheusText();
        QCOMPARE(sampleValue(text, "understudy_requests_total{route=\"chat\",outcome=\"status_4xx\"}"), 1.0);
        QCOMPARE(sampleValue(text, "understudy_requests_total{route=\"\",outcome=\"status_4xx\"}"), 1.0);
        checkWithPromtool(text);

        // Requests the HTTP server refuses before any routing: a malformed
        // request line, a body over the limit.
        const QByteArray malformed = exchange(port, "NOT A REQUEST\r\n\r\n");
        QVERIFY2(malformed.startsWith("HTTP/1.1 400"), malformed.constData());
        const QByteArray oversized =
            exchange(port, "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                           "Content-Type: application/json\r\nContent-Length: 999999999999\r\n\r\n");
        QVERIFY2(oversized.startsWith("HTTP/1.1 413"), oversized.constData());
        QTRY_COMPARE(requestsCounted(), before + 4);
        m_observe->flush();
        page = await([&](AdminObservability::JsonDone done) { m_bridge->queryRequests(query, std::move(done)); });
        QVERIFY2(page, page ? "" : qPrintable(page.error().message));
        QCOMPARE(int((*page)["items"].size()), 2);
        std::map<std::string, json> byId;
        for (const json &item : (*page)["items"])
            byId[item["request_id"].get<std::string>()] = item;
        const json &tooLarge = byId[requestIdOf(oversized).toStdString()];
        JSON_COMPARE(tooLarge["status"], 413);
        JSON_COMPARE(tooLarge["route"], "");
        JSON_COMPARE(tooLarge["path"], "/v1/chat/completions");
        JSON_COMPARE(tooLarge["outcome"], "status_4xx");
        JSON_COMPARE(byId[requestIdOf(malformed).toStdString()]["status"], 400);
        text = m_bridge->prometheusText();
        QCOMPARE(sampleValue(text, "understudy_requests_total{route=\"\",outcome=\"status_4xx\"}"), 3.0);
        checkWithPromtool(text);
    }

    void forcedBreakerBecomesEventAndGauge()
    {
        // The breaker exists once traffic went to the target.
        QVERIFY(m_engine->services().breakers.forceOpen(QStringLiteral("mock-a/m1")));
        // The engine samples its breakers every second.
        QTRY_VERIFY(hasEvent(QLatin1String(kEventBreakerTransition), [](const json &e) {
            return e["subject"] == "mock-a/m1" && e["detail"]["from"] == "closed" && e["detail"]["to"] == "open" &&
                   e["detail"]["reason"] == "forced_open";
        }));
        QByteArray text = m_bridge->prometheusText();
        QCOMPARE(sampleValue(text, "understudy_breaker_state{target=\"mock-a/m1\"}"), 2.0);
        QCOMPARE(sampleValue(text, "understudy_open_breakers"), 1.0);
        QCOMPARE(sampleValue(text, "understudy_breaker_transitions_total{target=\"mock-a/m1\",to=\"open\"}"), 1.0);
        JSON_COMPARE(m_bridge->metricsSnapshot()["breakers"]["mock-a/m1"], "open");

        // Traffic now falls back to mock-b, which the request log shows.
        const std::uint64_t before = requestsCounted();
        const std::vector<QByteArray> ids = sendChats(1);
        QTRY_COMPARE(requestsCounted(), before + 1);
        m_observe->flush();
        const QString id = QString::fromLatin1(ids.front());
        auto trail = await([&](AdminObservability::JsonDone done) { m_bridge->requestTrail(id, std::move(done)); });
        QVERIFY(trail);
        QVERIFY2((*trail)["served_by"].get<std::string>().find("mock-b") != std::string::npos, (*trail).dump().c_str());

        QVERIFY(m_engine->services().breakers.reset(QStringLiteral("mock-a/m1")));
        m_engine->sampleObservability(); // no need to wait for the timer
        QVERIFY(hasEvent(QLatin1String(kEventBreakerTransition), [](const json &e) {
            return e["subject"] == "mock-a/m1" && e["detail"]["from"] == "open" && e["detail"]["to"] == "closed";
        }));
        text = m_bridge->prometheusText();
        QCOMPARE(sampleValue(text, "understudy_breaker_state{target=\"mock-a/m1\"}"), 0.0);
        QCOMPARE(sampleValue(text, "understudy_breaker_transitions_total{target=\"mock-a/m1\",to=\"closed\"}"), 1.0);
        checkWithPromtool(text);
    }

    void configAppliedAndRejectedAreEvents()
    {
        std::mutex mutex;
        std::vector<json> live;
        const quint64 subscription = m_bridge->subscribeEvents([&](const json &e) {
            std::lock_guard lock(mutex);
            live.push_back(e);
        });
        auto liveKinds = [&] {
            std::lock_guard lock(mutex);
            QStringList kinds;
            for (const json &e : live)
                kinds << QString::fromStdString(e["kind"].get<std::string>());
            return kinds;
        };

        Config changed = test::adminTestConfig(7);
        QVERIFY(m_engine->apply(std::make_shared<const Config>(changed)));
        const qint64 generation = qint64(m_engine->generation());
        QVERIFY(hasEvent(QLatin1String(kEventConfigApplied),
                         [&](const json &e) { return e["detail"]["generation"] == generation; }));

        Config broken = test::adminTestConfig();
        broken.routes.front().chain = QStringLiteral("no-such-chain");
        QVERIFY(!m_engine->apply(std::make_shared<const Config>(broken)));
        QCOMPARE(qint64(m_engine->generation()), generation); // nothing changed
        QVERIFY(hasEvent(QLatin1String(kEventConfigRejected), [](const json &e) {
            if (e["detail"]["during"] != "apply" || !e["detail"]["errors"].is_array() || e["detail"]["errors"].empty())
                return false;
            for (const json &error : e["detail"]["errors"])
                if (error["path"].get<std::string>().find("routes") != std::string::npos &&
                    !error["message"].get<std::string>().empty())
                    return true;
            return false;
        }));
        QCOMPARE(liveKinds(), (QStringList{QLatin1String(kEventConfigApplied), QLatin1String(kEventConfigRejected)}));

        // The admin API's own events: posted with their subject, except the
        // ones the engine already reported.
        const std::size_t storedBefore = events().size();
        m_bridge->recordEvent(QStringLiteral("config_applied"), {{"generation", generation}, {"revision", 2}});
        m_bridge->recordEvent(QStringLiteral("config_rejected"), {{"reason", "invalid_config"}});
        m_bridge->recordEvent(QStringLiteral("config_rejected"), {{"reason", "validation"}});
        m_bridge->recordEvent(QStringLiteral("breaker_forced"), {{"target", "mock-b/m1"}, {"action", "open"}});
        QCOMPARE(events().size(), storedBefore + 2);
        QVERIFY(hasEvent(QStringLiteral("breaker_forced"), [](const json &e) {
            return e["subject"] == "mock-b/m1" && e["detail"]["action"] == "open" &&
                   e["detail"]["source"] == "admin_api";
        }));
        QVERIFY(hasEvent(QLatin1String(kEventConfigRejected),
                         [](const json &e) { return e["detail"]["reason"] == "validation"; }));

        m_bridge->unsubscribeEvents(subscription);
        const int seen = int(liveKinds().size());
        m_observe->postEvent(QStringLiteral("test_event"), QStringLiteral("after_unsubscribe"));
        QCOMPARE(int(liveKinds().size()), seen);
    }

    void eventPagesWalkEveryEventOnce()
    {
        const std::vector<json> all = events();
        QVERIFY(all.size() >= 6);
        std::vector<qint64> walked;
        EventQuery query;
        query.limit = 2;
        for (int pages = 0; pages < 100; ++pages) {
            auto page =
                await([&](AdminObservability::JsonDone done) { m_bridge->queryEvents(query, std::move(done)); });
            QVERIFY2(page, page ? "" : qPrintable(page.error().message));
            for (const json &e : (*page)["items"])
                walked.push_back(e["id"].get<qint64>());
            if ((*page)["next_cursor"].is_null())
                break;
            query.cursor = QString::fromStdString((*page)["next_cursor"].get<std::string>());
        }
        std::vector<qint64> expected;
        for (const json &e : all)
            expected.push_back(e["id"].get<qint64>());
        QVERIFY(walked == expected);
    }

    void withoutRequestLogEventsStayInMemory()
    {
        auto observe = Observability::create(ObservabilityOptions{});
        QVERIFY(observe);
        QVERIFY(!(*observe)->hasRequestLog());
        ObservabilityBridge bridge(*observe);
        for (int i = 0; i < 5; ++i)
            (*observe)->postEvent(QStringLiteral("test_event"), QStringLiteral("s%1").arg(i));
        (*observe)->postEvent(QStringLiteral("other"), QStringLiteral("x"));

        auto requests = await([&](AdminObservability::JsonDone done) { bridge.queryRequests({}, std::move(done)); });
        QVERIFY(!requests);
        QCOMPARE(requests.error().code, QStringLiteral("unavailable"));

        EventQuery query;
        query.kind = QStringLiteral("test_event");
        query.limit = 3;
        auto first = await([&](AdminObservability::JsonDone done) { bridge.queryEvents(query, std::move(done)); });
        QVERIFY(first);
        QCOMPARE(int((*first)["items"].size()), 3);
        JSON_COMPARE((*first)["items"][0]["subject"], "s4");
        QVERIFY((*first)["next_cursor"].is_string());
        query.cursor = QString::fromStdString((*first)["next_cursor"].get<std::string>());
        auto second = await([&](AdminObservability::JsonDone done) { bridge.queryEvents(query, std::move(done)); });
        QVERIFY(second);
        QCOMPARE(int((*second)["items"].size()), 2);
        JSON_COMPARE((*second)["items"][1]["subject"], "s0");
        QVERIFY((*second)["next_cursor"].is_null());

        RequestTrail trail;
        trail.route = QStringLiteral("chat");
        trail.status = 200;
        trail.durationMs = 12;
        (*observe)->recordTrail(trail);
        QCOMPARE(sampleValue(bridge.prometheusText(), "understudy_requests_total{route=\"chat\",outcome=\"ok\"}"), 1.0);
        JSON_COMPARE(bridge.metricsSnapshot()["requests"], 1);
        QVERIFY(!bridge.metricsSnapshot().contains("request_log"));
    }

    // Last: the engine stops its listener.
    // A route with log_bodies keeps capped, redacted copies of both bodies.
    void bodiesAreLoggedOnRoutesThatAskForThem()
    {
        Config logged = test::adminTestConfig();
        for (Route &route : logged.routes)
            route.logBodies = true;
        QVERIFY(m_engine->apply(std::make_shared<const Config>(logged)));
        const std::vector<QByteArray> ids = sendChats(1);
        QVERIFY(!ids.front().isEmpty());
        QTRY_VERIFY(m_observe->requestLog()->stats().written > 0);
        m_observe->flush();
        auto trail = await([&](AdminObservability::JsonDone done) {
            m_bridge->requestTrail(QString::fromLatin1(ids.front()), std::move(done));
        });
        QVERIFY2(trail, trail ? "" : qPrintable(trail.error().message));
        JSON_COMPARE((*trail)["has_bodies"], true);
        const json &bodies = (*trail)["bodies"];
        QVERIFY2(bodies["request_body"].get<std::string>().find("messages") != std::string::npos,
                 bodies.dump().c_str());
        QVERIFY2(bodies["response_body"].get<std::string>().find("chat.completion") != std::string::npos,
                 bodies.dump().c_str());
        QVERIFY(m_engine->apply(std::make_shared<const Config>(test::adminTestConfig())));
    }

    void drainPostsListenerStopped()
    {
        QSignalSpy drained(m_engine.get(), &Engine::drained);
        m_engine->drain(2000);
        QTRY_COMPARE(drained.count(), 1);
        QVERIFY(
            hasEvent(QLatin1String(kEventListenerStopped), [](const json &e) { return e["subject"] == "default"; }));
    }

private:
    void checkWithPromtool(const QByteArray &text)
    {
        const QString promtool = QStandardPaths::findExecutable(QStringLiteral("promtool"));
        if (promtool.isEmpty()) {
            qInfo("promtool is not installed; skipping its check");
            return;
        }
        QProcess process;
        process.start(promtool, {QStringLiteral("check"), QStringLiteral("metrics")});
        QVERIFY(process.waitForStarted());
        process.write(text);
        process.closeWriteChannel();
        QVERIFY(process.waitForFinished(30000));
        const QByteArray output = process.readAllStandardOutput() + process.readAllStandardError();
        QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0, output.constData());
    }

    QTemporaryDir m_dir;
    QString m_workspace;
    std::shared_ptr<Observability> m_observe;
    std::unique_ptr<Engine> m_engine;
    std::shared_ptr<ObservabilityBridge> m_bridge;
};

QTEST_GUILESS_MAIN(TestObserveWiring)
#include "tst_observewiring.moc"
