#pragma once

// "Test connection" of the Providers editor: one real asynchronous request
// to a provider (the cheapest call its API offers) and a one-line verdict
// with the status and latency. The credential is resolved only for the
// request ("env:NAME" from the environment) and never shown.

#include "config/Config.h"

#include <QElapsedTimer>
#include <QObject>

class QNetworkAccessManager;
class QNetworkReply;

namespace understudy {

struct ConnectionVerdict
{
    enum class Outcome { Ok, CredentialRefused, HttpError, Unreachable, TimedOut, NotTested };
    Outcome outcome = Outcome::NotTested;
    int status = 0; // HTTP status, 0 = none
    qint64 latencyMs = 0;
    QString text; // what the label shows
};

class ConnectionTester final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionTester)

public:
    explicit ConnectionTester(QObject *parent = nullptr);
    ~ConnectionTester() override;

    static constexpr int kTimeoutMs = 10'000;

    // Starts a test, cancelling one in flight. Mock providers answer at once.
    void start(const Provider &provider);
    bool isRunning() const { return m_reply != nullptr; }

signals:
    void finished(const understudy::ConnectionVerdict &verdict);

private:
    void onFinished();

    QNetworkAccessManager *m_network;
    QNetworkReply *m_reply = nullptr; // the request in flight
    QElapsedTimer m_clock;
    ProviderKind m_kind = ProviderKind::Mock;
    QString m_credentialNote;
};

} // namespace understudy
