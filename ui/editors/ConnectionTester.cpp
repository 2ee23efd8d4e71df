#include "editors/ConnectionTester.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>

namespace understudy {

namespace {

QString joinUrl(QString base, const QString &tail)
{
    while (base.endsWith(u'/'))
        base.chop(1);
    return base + tail;
}

// How many entries a models listing holds ({"data": [...]}, {"models": [...]}).
int listedModels(const QByteArray &body)
{
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    if (object.value(QStringLiteral("data")).isArray())
        return int(object.value(QStringLiteral("data")).toArray().size());
    if (object.value(QStringLiteral("models")).isArray())
        return int(object.value(QStringLiteral("models")).toArray().size());
    return -1;
}

} // namespace

ConnectionTester::ConnectionTester(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{}

ConnectionTester::~ConnectionTester()
{
    if (m_reply)
        m_reply->abort();
}

void ConnectionTester::start(const Provider &provider)
{
    if (m_reply) {
        QNetworkReply *old = m_reply;
        m_reply = nullptr;
        old->disconnect(this);
        old->abort();
        old->deleteLater();
    }
    m_kind = provider.kind;
    if (provider.kind == ProviderKind::Mock) {
        ConnectionVerdict verdict;
        verdict.outcome = ConnectionVerdict::Outcome::Ok;
        verdict.text = tr("OK: built-in mock provider, always reachable");
        // Queued, so callers see the same order of events for every kind.
        QTimer::singleShot(0, this, [this, verdict] { emit finished(verdict); });
        return;
    }

    QString secret;
    m_credentialNote.clear();
    if (provider.credentials.startsWith(QStringLiteral("env:"))) {
        const QString variable = provider.credentials.mid(4);
        secret = qEnvironmentVariable(variable.toLocal8Bit().constData());
        if (secret.isEmpty())
            m_credentialNote = tr("environment variable %1 is not set").arg(variable);
    } else if (provider.credentials.startsWith(QStringLiteral("keychain:"))) {
        m_credentialNote = tr("keychain credentials are used by the gateway only; sent without one");
    }

    QNetworkRequest request;
    request.setTransferTimeout(kTimeoutMs);
    for (const Header &h : provider.headers)
        request.setRawHeader(h.name.toUtf8(), h.value.toUtf8());
    QByteArray body;
    QByteArray verb = "GET";
    switch (provider.kind) {
    case ProviderKind::OpenAI:
    case ProviderKind::OpenAICompatible:
        request.setUrl(QUrl(joinUrl(provider.baseUrl, QStringLiteral("/models"))));
        if (!secret.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + secret.toUtf8());
        break;
    case ProviderKind::Anthropic: {
        request.setUrl(QUrl(joinUrl(provider.baseUrl, QStringLiteral("/v1/messages"))));
        if (!secret.isEmpty())
            request.setRawHeader("x-api-key", secret.toUtf8());
        request.setRawHeader("anthropic-version", "2023-06-01");
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        const QString model = provider.models.empty() ? QStringLiteral("claude-3-5-haiku-latest")
                                                      : provider.models.front().name;
        const QJsonObject message{{QStringLiteral("role"), QStringLiteral("user")},
                                  {QStringLiteral("content"), QStringLiteral("ping")}};
        body = QJsonDocument(QJsonObject{{QStringLiteral("model"), model},
                                         {QStringLiteral("max_tokens"), 1},
                                         {QStringLiteral("messages"), QJsonArray{message}}})
                   .toJson(QJsonDocument::Compact);
        verb = "POST";
        break;
    }
    case ProviderKind::Gemini:
        request.setUrl(QUrl(joinUrl(provider.baseUrl, QStringLiteral("/v1beta/models"))));
        if (!secret.isEmpty())
            request.setRawHeader("x-goog-api-key", secret.toUtf8());
        break;
    case ProviderKind::Http:
    case ProviderKind::Mock:
        request.setUrl(QUrl(provider.baseUrl));
        break;
    }

    if (!provider.proxy.isEmpty()) {
        const QUrl proxy(provider.proxy);
        m_network->setProxy(QNetworkProxy(QNetworkProxy::HttpProxy, proxy.host(), quint16(proxy.port(3128))));
    } else {
        m_network->setProxy(QNetworkProxy(QNetworkProxy::NoProxy));
    }

    m_clock.start();
    m_reply = m_network->sendCustomRequest(request, verb, body);
    if (!provider.tls.verifyPeer)
        m_reply->ignoreSslErrors();
    connect(m_reply, &QNetworkReply::finished, this, &ConnectionTester::onFinished);
}

void ConnectionTester::onFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    m_reply = nullptr;
    reply->deleteLater();

    ConnectionVerdict verdict;
    verdict.latencyMs = m_clock.elapsed();
    verdict.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    const QString timing = tr("%1 ms").arg(verdict.latencyMs);
    const QString note = m_credentialNote.isEmpty() ? QString() : QStringLiteral(" (") + m_credentialNote + u')';

    if (verdict.status == 0) {
        const bool timedOut = reply->error() == QNetworkReply::OperationCanceledError
                              || reply->error() == QNetworkReply::TimeoutError;
        verdict.outcome = timedOut ? ConnectionVerdict::Outcome::TimedOut : ConnectionVerdict::Outcome::Unreachable;
        verdict.text = timedOut ? tr("No answer within %1 s").arg(kTimeoutMs / 1000)
                                : tr("Unreachable: %1").arg(reply->errorString());
    } else if (verdict.status >= 200 && verdict.status < 300) {
        verdict.outcome = ConnectionVerdict::Outcome::Ok;
        const int models = m_kind == ProviderKind::Http ? -1 : listedModels(reply->readAll());
        verdict.text = tr("OK: HTTP %1 in %2").arg(verdict.status).arg(timing);
        if (models >= 0)
            verdict.text += tr(", %n model(s) listed", nullptr, models);
    } else if (verdict.status == 401 || verdict.status == 403) {
        verdict.outcome = ConnectionVerdict::Outcome::CredentialRefused;
        verdict.text = tr("Credential refused: HTTP %1 %2 in %3").arg(verdict.status).arg(reason, timing) + note;
    } else {
        verdict.outcome = ConnectionVerdict::Outcome::HttpError;
        verdict.text = tr("Reachable, but HTTP %1 %2 in %3").arg(verdict.status).arg(reason, timing) + note;
    }
    emit finished(verdict);
}

} // namespace understudy
