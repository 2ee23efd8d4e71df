#include "LoadGenerator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrl>

#include <algorithm>
#include <cmath>

namespace understudy {

namespace {

constexpr int kTickMs = 10;
constexpr int kReportMs = 250;
constexpr int kTransferTimeoutMs = 120000;

} // namespace

LoadGenerator::LoadGenerator(QObject *parent) : QObject(parent)
{
    m_tick.setTimerType(Qt::PreciseTimer);
    m_tick.setInterval(kTickMs);
    connect(&m_tick, &QTimer::timeout, this, &LoadGenerator::tick);
    m_report.setInterval(kReportMs);
    connect(&m_report, &QTimer::timeout, this, [this] { emit statsChanged(stats()); });
}

LoadGenerator::~LoadGenerator()
{
    // No signals from a half-destroyed generator: abort quietly.
    for (QNetworkReply *reply : m_replies) {
        reply->disconnect(this);
        reply->abort();
    }
    m_replies.clear();
}

QStringList LoadGenerator::builtInPrompts()
{
    return {tr("Say hello in five words."),
            tr("What is a circuit breaker in distributed systems?"),
            tr("Summarise the plot of Hamlet in two sentences."),
            tr("Give me three names for a grey cat."),
            tr("Translate 'good morning' into French, German and Spanish."),
            tr("Explain exponential backoff to a new engineer.")};
}

bool LoadGenerator::start(const LoadSettings &settings, QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    const QUrl base(settings.baseUrl);
    if (!base.isValid() || base.host().isEmpty() || !base.scheme().startsWith(QLatin1String("http")))
        return fail(tr("The gateway address '%1' is not an http(s) URL.").arg(settings.baseUrl));
    if (!(settings.rate > 0))
        return fail(tr("The rate must be above 0 requests per second."));
    if (settings.concurrency < 1 || settings.concurrency > kMaxConcurrency)
        return fail(tr("The concurrency cap must be between 1 and %1.").arg(kMaxConcurrency));
    if (settings.durationSeconds < 1)
        return fail(tr("The duration must be at least 1 second."));

    if (m_running)
        stop();
    m_settings = settings;
    if (m_settings.prompts.isEmpty())
        m_settings.prompts = builtInPrompts();
    if (!m_settings.path.startsWith(QLatin1Char('/')))
        m_settings.path.prepend(QLatin1Char('/'));

    const size_t managers = size_t((settings.concurrency + kConnectionsPerManager - 1) / kConnectionsPerManager);
    while (m_managers.size() < managers) {
        auto manager = std::make_unique<QNetworkAccessManager>();
        // System proxies are for the outside world, not for our gateway.
        manager->setProxy(QNetworkProxy::NoProxy);
        m_managers.push_back(std::move(manager));
    }
    m_stats = LoadStats{};
    m_due = 0;
    m_promptIndex = 0;
    m_running = true;
    m_sending = true;
    m_clock.start();
    m_tick.start();
    m_report.start();
    tick(); // the first request goes out now, not after a tick
    emit statsChanged(stats());
    return true;
}

void LoadGenerator::stop()
{
    if (!m_running)
        return;
    for (QNetworkReply *reply : m_replies) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    m_replies.clear();
    m_stats.inFlight = 0;
    finish();
}

LoadStats LoadGenerator::stats() const
{
    LoadStats s = m_stats;
    if (m_clock.isValid()) {
        s.elapsedMs = m_running ? m_clock.elapsed() : m_stats.elapsedMs;
        const qint64 window = std::clamp<qint64>(s.elapsedMs, 1, qint64(m_settings.durationSeconds) * 1000);
        s.achievedRate = double(s.sent) * 1000.0 / double(window);
    }
    return s;
}

void LoadGenerator::tick()
{
    if (!m_sending)
        return;
    const qint64 elapsed = m_clock.elapsed();
    const qint64 total = std::max<qint64>(1, std::llround(m_settings.rate * m_settings.durationSeconds));
    // A late last tick still settles the whole schedule, so a run always
    // accounts for rate x duration requests (sent or skipped).
    const qint64 due = elapsed >= qint64(m_settings.durationSeconds) * 1000
                           ? total
                           : std::min(total, qint64(std::floor(m_settings.rate * double(elapsed) / 1000.0)) + 1);
    while (m_due < due) {
        ++m_due;
        if (m_stats.inFlight < m_settings.concurrency)
            send();
        else
            ++m_stats.skipped;
    }
    if (m_due >= total) {
        m_sending = false;
        m_tick.stop();
        if (m_stats.inFlight == 0)
            finish();
    }
}

QNetworkAccessManager *LoadGenerator::leastBusyManager()
{
    QNetworkAccessManager *best = nullptr;
    qsizetype bestLoad = 0;
    for (const auto &manager : m_managers) {
        const qsizetype load = std::count_if(m_replies.begin(), m_replies.end(),
                                             [&](QNetworkReply *r) { return r->manager() == manager.get(); });
        if (!best || load < bestLoad) {
            best = manager.get();
            bestLoad = load;
        }
    }
    return best;
}

void LoadGenerator::send()
{
    const QString prompt = m_settings.prompts.at(qsizetype(m_promptIndex++ % m_settings.prompts.size()));
    QJsonObject body{
        {QStringLiteral("model"), m_settings.model.isEmpty() ? QStringLiteral("demo") : m_settings.model},
        {QStringLiteral("messages"), QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                                            {QStringLiteral("content"), prompt}}}},
        {QStringLiteral("stream"), m_settings.stream}};

    QUrl url(m_settings.baseUrl);
    url.setPath(url.path().chopped(url.path().endsWith(QLatin1Char('/')) ? 1 : 0) + m_settings.path);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("understudy-load-generator"));
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setTransferTimeout(kTransferTimeoutMs);

    QNetworkReply *reply = leastBusyManager()->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    m_replies.push_back(reply);
    ++m_stats.sent;
    ++m_stats.inFlight;
    m_stats.maxInFlight = std::max(m_stats.maxInFlight, m_stats.inFlight);
    // Streamed answers are read as they come so they are not buffered whole.
    connect(reply, &QNetworkReply::readyRead, this, [reply] { reply->skip(reply->bytesAvailable()); });
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onFinished(reply); });
}

void LoadGenerator::onFinished(QNetworkReply *reply)
{
    std::erase(m_replies, reply);
    reply->deleteLater();
    --m_stats.inFlight;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() == QNetworkReply::NoError && status >= 200 && status < 300) {
        ++m_stats.ok;
    } else {
        ++m_stats.failed;
        m_stats.lastError = status > 0 ? tr("HTTP %1").arg(status) : reply->errorString();
    }
    if (!m_sending && m_stats.inFlight == 0)
        finish();
}

void LoadGenerator::finish()
{
    if (!m_running)
        return;
    m_stats.elapsedMs = m_clock.elapsed();
    m_running = false;
    m_sending = false;
    m_tick.stop();
    m_report.stop();
    const LoadStats final = stats();
    emit statsChanged(final);
    emit finished(final);
}

} // namespace understudy
