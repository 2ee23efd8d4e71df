#pragma once

// What the admin API tests share: a running engine on mock providers with
// an AdminServer on a loopback port, a real SQLite workspace, a test
// observability and a chaos registry on a manual clock (AdminApiFixture),
// and the client-side helpers that talk to it off the test thread.

#include "AdminClient.h"
#include "AdminTestConfig.h"
#include "FakeObservability.h"
#include "admin/AdminServer.h"
#include "engine/Engine.h"
#include "fallback/ChaosRegistry.h"
#include "fallback/Clock.h"

#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <nlohmann/json.hpp>

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace understudy::test {

// Runs `work` on a thread of its own while this thread's loop keeps going.
template<typename Work> auto offThread(Work work) -> decltype(work())
{
    std::optional<decltype(work())> result;
    QThread *thread = QThread::create([&] { result.emplace(work()); });
    thread->start();
    (void)QTest::qWaitFor([&] { return thread->isFinished(); }, 60'000);
    thread->wait();
    delete thread;
    return std::move(*result);
}

// Sends raw bytes and reads until the server closes (or 10 s pass).
QByteArray rawExchange(quint16 port, const QByteArray &bytes);

nlohmann::json bodyOf(const cli::AdminResponse &response);
// The error body's "code", or empty.
QString errorCode(const cli::AdminResponse &response);

// A live SSE stream followed on its own thread.
class StreamFollower final
{
public:
    StreamFollower(cli::AdminClient client, QByteArray path);
    ~StreamFollower();
    Q_DISABLE_COPY_MOVE(StreamFollower)

    bool waitFor(const QByteArray &event, int count = 1);
    int count(const QByteArray &event);
    QByteArray lastData(const QByteArray &event);
    void stop();

private:
    cli::AdminClient m_client;
    QByteArray m_path;
    QThread *m_thread = nullptr;
    std::atomic<bool> m_stop{false};
    std::mutex m_mutex;
    std::vector<std::pair<QByteArray, QByteArray>> m_events;
    QString m_error;
};

// The engine and admin server of one test executable: start() from
// initTestCase (it fails the test through QVERIFY), stop() from
// cleanupTestCase. Members are the tests' to read and drive.
class AdminApiFixture
{
protected:
    void start();
    void stop();

    cli::AdminClient client(const QByteArray &token = {});
    // One request through the CLI's client, off the test thread.
    cli::AdminResponse call(QByteArrayView method, const QByteArray &path, const QByteArray &body = {});
    int revisionCount();

    QTemporaryDir m_dir;
    QString m_workspacePath;
    Config m_initial;
    QByteArray m_token = "5f1c0d2e9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d";
    ManualClock m_clock;
    std::shared_ptr<ChaosRegistry> m_chaos;
    std::shared_ptr<FakeObservability> m_observe;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<AdminServer> m_admin;
};

} // namespace understudy::test
