#pragma once

// Built-in load generator: sends chat completions to a route of the
// gateway at a steady rate, so a newcomer sees the dashboard move and an
// operator can watch a chaos rehearsal under traffic.
//
// Open loop: a 10 ms tick sends the requests that are due (rate x elapsed
// time). When the concurrency cap is reached the due request is skipped and
// counted, never queued, so a slow gateway shows as a lower achieved rate
// instead of a burst later. Runs on the GUI thread with
// QNetworkAccessManager; Qt 6.4 opens at most 6 HTTP/1.1 connections per
// host per manager, so the generator keeps one manager per 6 slots of the
// cap and picks the least busy one.
//
// When the duration ends no new request is sent and the run finishes once
// the last answer is in; stop() ends it at once, aborting what is in flight
// (aborted requests count neither as ok nor as failed).

#include <QElapsedTimer>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <memory>
#include <vector>

class QNetworkAccessManager;
class QNetworkReply;

namespace understudy {

struct LoadSettings
{
    QString baseUrl = QStringLiteral("http://127.0.0.1:8787"); // scheme://host:port
    QString path = QStringLiteral("/v1/chat/completions");
    QString model;      // sent as "model"; empty = "demo"
    double rate = 20.0; // requests per second
    int concurrency = 16;
    int durationSeconds = 60;
    QStringList prompts; // empty = builtInPrompts(); used round-robin
    bool stream = false;
};

struct LoadStats
{
    qint64 sent = 0;
    qint64 ok = 0;      // 2xx with the whole body read
    qint64 failed = 0;  // non-2xx, refused, reset, timed out
    qint64 skipped = 0; // due while the concurrency cap was reached
    int inFlight = 0;
    int maxInFlight = 0;
    double achievedRate = 0.0; // sent per second since the start
    qint64 elapsedMs = 0;
    QString lastError; // of the latest failure, for the panel
};

class LoadGenerator final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoadGenerator)

public:
    static constexpr int kConnectionsPerManager = 6;
    static constexpr int kMaxConcurrency = 256;

    explicit LoadGenerator(QObject *parent = nullptr);
    ~LoadGenerator() override;

    static QStringList builtInPrompts();

    // Starts a run (restarting a running one). False, with a reason in
    // `error`, when the settings cannot work (no URL, rate or cap <= 0).
    bool start(const LoadSettings &settings, QString *error = nullptr);
    void stop();
    bool isRunning() const { return m_running; }
    LoadStats stats() const;
    const LoadSettings &settings() const { return m_settings; }

signals:
    // About four times a second while running, and once more at the end.
    void statsChanged(const understudy::LoadStats &stats);
    void finished(const understudy::LoadStats &stats);

private:
    void tick();
    void send();
    void onFinished(QNetworkReply *reply);
    void finish();
    QNetworkAccessManager *leastBusyManager();

    LoadSettings m_settings;
    std::vector<std::unique_ptr<QNetworkAccessManager>> m_managers;
    std::vector<QNetworkReply *> m_replies;
    QTimer m_tick;
    QTimer m_report;
    QElapsedTimer m_clock;
    LoadStats m_stats;
    qint64 m_due = 0; // requests the schedule has called for so far
    qint64 m_promptIndex = 0;
    bool m_running = false;
    bool m_sending = false;
};

} // namespace understudy

#include <QMetaType>
Q_DECLARE_METATYPE(understudy::LoadStats)
