#include "TestHandler.h"

#include <QPointer>
#include <QTimer>
#include <QUrlQuery>

using namespace understudy;

TestHandlerProbe g_probe;

namespace {

void echo(HttpExchange *exchange)
{
    const HttpRequest &r = exchange->request();
    const QByteArray version = QByteArray::number(r.versionMajor) + '.' + QByteArray::number(r.versionMinor);
    exchange->respond(200,
                      {{"Content-Type", "application/octet-stream"},
                       {"x-method", r.method},
                       {"x-path", r.path},
                       {"x-query", r.query},
                       {"x-version", version}},
                      r.body);
}

// Lives as a child of its exchange, so it dies with it.
class Streamer final : public QObject
{
public:
    Streamer(HttpExchange *exchange, qint64 total, bool declareLength)
        : QObject(exchange), m_exchange(exchange), m_total(total)
    {
        connect(exchange, &HttpExchange::writable, this, &Streamer::pump);
        connect(exchange, &HttpExchange::clientGone, this, [] { g_probe.clientsGone.fetch_add(1); });
        exchange->startResponse(200, {{"Content-Type", "application/octet-stream"}}, declareLength ? total : -1);
    }

    void pump()
    {
        while (m_sent < m_total) {
            const qint64 size = std::min<qint64>(64 * 1024, m_total - m_sent);
            m_sent += size;
            if (!m_exchange->write(QByteArray(static_cast<qsizetype>(size), 'x'))) {
                g_probe.blockedWrites.fetch_add(1);
                return; // resume on writable()
            }
        }
        g_probe.streamsFinished.fetch_add(1);
        m_exchange->finish();
    }

private:
    HttpExchange *m_exchange;
    qint64 m_total;
    qint64 m_sent = 0;
};

int queryInt(const HttpRequest &r, const QString &key)
{
    return QUrlQuery(QString::fromLatin1(r.query)).queryItemValue(key).toInt();
}

} // namespace

void TestHandler::handle(HttpExchange *exchange)
{
    g_probe.handled.fetch_add(1);
    const HttpRequest &r = exchange->request();
    if (r.path == "/echo") {
        echo(exchange);
    } else if (r.path == "/slow") {
        QPointer<HttpExchange> guarded(exchange);
        QTimer::singleShot(queryInt(r, QStringLiteral("ms")), exchange, [guarded] {
            if (guarded)
                echo(guarded);
        });
    } else if (r.path == "/stream") {
        auto *streamer = new Streamer(exchange, qint64(queryInt(r, QStringLiteral("kib"))) * 1024,
                                      queryInt(r, QStringLiteral("len")) == 1);
        streamer->pump();
    } else {
        exchange->respondError(404, QStringLiteral("no such path"));
    }
}
