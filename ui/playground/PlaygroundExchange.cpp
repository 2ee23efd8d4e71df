#include "PlaygroundExchange.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace understudy {

namespace {

// How much of an error body the one-line problem quotes (the raw tab has it all).
constexpr qsizetype kQuotedBodyChars = 300;

bool hasHeader(const std::vector<Header> &headers, QLatin1StringView name)
{
    for (const Header &header : headers) {
        if (header.name.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

PlaygroundExchange::PlaygroundExchange(QObject *parent) : QObject(parent), m_network(new QNetworkAccessManager(this))
{
    // Only the local gateway is ever asked: a system proxy must not sit in
    // between, and a redirect is an answer to show, not to follow.
    m_network->setProxy(QNetworkProxy::NoProxy);
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

PlaygroundExchange::~PlaygroundExchange()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
    }
}

void PlaygroundExchange::send(const QString &baseUrl, const PlaygroundRequest &request, const QByteArray &requestId)
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
    m_request = request;
    m_baseUrl = baseUrl;
    m_parser.reset();
    m_body.clear();
    m_finishedMs = -1;
    m_ttftMs = -1;
    m_status = 0;
    m_eventStream = false;
    m_cancelled = false;

    QString base = baseUrl;
    while (base.endsWith(u'/'))
        base.chop(1);
    QNetworkRequest networkRequest(QUrl(base + request.path, QUrl::TolerantMode));
    networkRequest.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    for (const Header &header : request.headers)
        networkRequest.setRawHeader(header.name.toLatin1(), header.value.toUtf8());
    if (!hasHeader(request.headers, QLatin1StringView("x-request-id")))
        networkRequest.setRawHeader(QByteArrayLiteral("x-request-id"), requestId);
    if (request.stream && !hasHeader(request.headers, QLatin1StringView("accept")))
        networkRequest.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("text/event-stream"));

    m_clock.start();
    m_reply = m_network->sendCustomRequest(networkRequest, request.method, request.body);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &PlaygroundExchange::onMetaData);
    connect(m_reply, &QNetworkReply::readyRead, this, &PlaygroundExchange::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &PlaygroundExchange::onFinished);
}

void PlaygroundExchange::cancel()
{
    if (!m_reply)
        return;
    m_cancelled = true;
    m_reply->abort(); // emits finished synchronously
}

qint64 PlaygroundExchange::elapsedMs() const
{
    if (m_finishedMs >= 0)
        return m_finishedMs;
    return m_clock.isValid() ? m_clock.elapsed() : 0;
}

void PlaygroundExchange::onMetaData()
{
    const QVariant status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    // Meta data may change again (trailers); the head is reported once.
    if (!status.isValid() || m_status != 0)
        return;
    m_status = status.toInt();
    m_eventStream =
        m_reply->header(QNetworkRequest::ContentTypeHeader).toString().startsWith(QLatin1String("text/event-stream"));
    QString head = QStringLiteral("HTTP/1.1 %1 %2\n")
                       .arg(m_status)
                       .arg(m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString());
    for (const QNetworkReply::RawHeaderPair &pair : m_reply->rawHeaderPairs())
        head += QString::fromLatin1(pair.first) + QStringLiteral(": ") + QString::fromUtf8(pair.second) + u'\n';
    emit headReceived(m_status, head, m_reply->rawHeader(QByteArrayLiteral("x-understudy-request-id")));
}

void PlaygroundExchange::noteContent()
{
    if (m_ttftMs >= 0)
        return;
    m_ttftMs = m_clock.elapsed();
    emit firstContent(m_ttftMs);
}

void PlaygroundExchange::onReadyRead()
{
    if (!m_reply->isOpen())
        return; // aborted: nothing more to read
    const QByteArray bytes = m_reply->readAll();
    if (bytes.isEmpty())
        return;
    m_body += bytes;
    emit bodyReceived(bytes);
    if (!(m_request.chat && m_eventStream)) {
        noteContent(); // first body byte
        return;
    }
    const QString delta = m_parser.feed(bytes);
    if (delta.isEmpty())
        return;
    noteContent();
    emit answerReceived(delta);
}

void PlaygroundExchange::onFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    onReadyRead(); // whatever is left
    m_finishedMs = m_clock.elapsed();
    m_reply = nullptr;
    reply->deleteLater();

    QString problem;
    const bool gotHead = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid();
    if (m_cancelled) {
        problem = tr("Cancelled after %1 ms.").arg(m_finishedMs);
    } else if (!gotHead) {
        problem = transportProblem(reply);
    } else if (m_request.chat && !m_eventStream) {
        const QString content = m_parser.parseCompletion(m_body);
        if (!content.isEmpty())
            emit answerReceived(content);
    }
    if (problem.isEmpty() && gotHead && !m_cancelled) {
        if (m_status >= 400) {
            // Both the http and the OpenAI error shapes are {"error": {...}}.
            if (m_parser.errorMessage().isEmpty() && !m_eventStream)
                m_parser.parseCompletion(m_body);
            QString message = m_parser.errorMessage();
            if (message.isEmpty())
                message = QString::fromUtf8(m_body.left(kQuotedBodyChars)).trimmed();
            problem = tr("HTTP %1 from the gateway: %2").arg(m_status).arg(message);
        } else if (m_request.chat && m_eventStream && !m_parser.errorMessage().isEmpty()) {
            problem = tr("The stream ended with an error event: %1").arg(m_parser.errorMessage());
        } else if (m_request.chat && m_eventStream && !m_parser.sawDone() && m_parser.finishReason().isEmpty()) {
            problem = tr("The stream ended without a finish reason: the answer is cut off.");
        } else if (reply->error() != QNetworkReply::NoError && reply->error() < QNetworkReply::ContentAccessDenied) {
            // A transport error after the head: the body was cut.
            problem = tr("The connection broke during the answer: %1").arg(reply->errorString());
        }
    }
    emit finished(problem);
}

QString PlaygroundExchange::transportProblem(const QNetworkReply *reply) const
{
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        return tr("Nothing answers at %1: the gateway is not running. Start it with Gateway > Start Gateway (F5) "
                  "and send again.")
            .arg(m_baseUrl);
    case QNetworkReply::RemoteHostClosedError:
        return tr("The gateway at %1 closed the connection before answering.").arg(m_baseUrl);
    case QNetworkReply::TimeoutError:
        return tr("The gateway at %1 did not answer in time.").arg(m_baseUrl);
    default:
        return tr("The request to %1 failed: %2").arg(m_baseUrl, reply->errorString());
    }
}

} // namespace understudy
