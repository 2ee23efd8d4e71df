#include "upstream/UpstreamRequest.h"

namespace understudy {

UpstreamOriginOptions originOptionsFor(const Provider &provider)
{
    UpstreamOriginOptions options;
    options.maxConnections = provider.limits.maxConnections;
    options.maxIdle = provider.limits.maxIdle;
    options.idleTimeoutMs = provider.limits.idleTimeoutMs;
    options.tls = provider.tls;
    if (!provider.proxy.isEmpty())
        options.proxy = QUrl(provider.proxy);
    return options;
}

UpstreamTimeouts upstreamTimeoutsFor(const Timeouts &timeouts)
{
    return UpstreamTimeouts{timeouts.connectMs, timeouts.firstByteMs, timeouts.idleMs, timeouts.totalMs};
}

UpstreamRequest upstreamRequestFor(const Provider &provider, const Timeouts &timeouts, const QByteArray &method,
                                   const QString &path)
{
    UpstreamRequest request;
    request.method = method;
    QString base = provider.baseUrl;
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    QString suffix = path;
    if (!suffix.isEmpty() && !suffix.startsWith(QLatin1Char('/')))
        suffix.prepend(QLatin1Char('/'));
    request.url = QUrl(base + suffix);
    for (const Header &header : provider.headers)
        request.headers.emplace_back(header.name.toLatin1(), header.value.toUtf8());
    request.timeouts = upstreamTimeoutsFor(timeouts);
    request.origin = originOptionsFor(provider);
    return request;
}

QString originKey(const UpstreamRequest &request)
{
    const QUrl &url = request.url;
    const bool tls = url.scheme() == QLatin1String("https");
    const int port = url.port(tls ? 443 : 80);
    QString key = url.scheme() + QLatin1String("://") + url.host().toLower() + QLatin1Char(':') + QString::number(port);
    if (tls) {
        const TlsOptions &options = request.origin.tls;
        key += QLatin1String("|verify=") + (options.verifyPeer ? QLatin1String("1") : QLatin1String("0")) +
               QLatin1String("|ca=") + options.caFile + QLatin1String("|sni=") + options.serverName;
    }
    if (!request.origin.proxy.isEmpty())
        key += QLatin1String("|proxy=") + request.origin.proxy.toString(QUrl::FullyEncoded);
    return key;
}

} // namespace understudy
