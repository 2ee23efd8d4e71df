#include "AdminApiFixture.h"

#include "admin/RequestFeed.h"
#include "store/Workspace.h"

#include <QElapsedTimer>
#include <QTcpSocket>

namespace understudy::test {

using cli::AdminClient;
using cli::AdminResponse;
using nlohmann::json;

QByteArray rawExchange(quint16 port, const QByteArray &bytes)
{
    return offThread([port, bytes] {
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), port);
        if (!socket.waitForConnected(5'000))
            return QByteArray();
        socket.write(bytes);
        QByteArray answer;
        QElapsedTimer timer;
        timer.start();
        while (!timer.hasExpired(10'000) && socket.state() == QAbstractSocket::ConnectedState) {
            if (socket.waitForReadyRead(200))
                answer += socket.readAll();
        }
        answer += socket.readAll();
        return answer;
    });
}

json bodyOf(const AdminResponse &response)
{
    return json::parse(response.body.toStdString(), nullptr, false);
}

QString errorCode(const AdminResponse &response)
{
    const json body = bodyOf(response);
    if (!body.is_object() || !body.contains("error"))
        return {};
    return QString::fromStdString(body["error"].value("code", std::string()));
}

StreamFollower::StreamFollower(AdminClient client, QByteArray path)
    : m_client(std::move(client)), m_path(std::move(path))
{
    m_thread = QThread::create([this] {
        auto result = m_client.stream(
            m_path,
            [this](const QByteArray &event, const QByteArray &data) {
                std::lock_guard lock(m_mutex);
                m_events.emplace_back(event, data);
                return true;
            },
            [this] { return m_stop.load(); }, 10'000);
        std::lock_guard lock(m_mutex);
        m_error = result ? QString() : result.error().code;
    });
    m_thread->start();
}

StreamFollower::~StreamFollower()
{
    m_stop = true;
    m_thread->wait();
    delete m_thread;
}

bool StreamFollower::waitFor(const QByteArray &event, int count)
{
    return QTest::qWaitFor([&] { return this->count(event) >= count; }, 10'000);
}

int StreamFollower::count(const QByteArray &event)
{
    std::lock_guard lock(m_mutex);
    return int(std::count_if(m_events.begin(), m_events.end(), [&](const auto &e) { return e.first == event; }));
}

QByteArray StreamFollower::lastData(const QByteArray &event)
{
    std::lock_guard lock(m_mutex);
    for (auto it = m_events.rbegin(); it != m_events.rend(); ++it) {
        if (it->first == event)
            return it->second;
    }
    return {};
}

void StreamFollower::stop()
{
    m_stop = true;
    (void)QTest::qWaitFor([&] { return m_thread->isFinished(); }, 10'000);
}

void AdminApiFixture::start()
{
    QVERIFY(m_dir.isValid());
    m_workspacePath = m_dir.filePath(QStringLiteral("admin.understudy"));
    m_initial = adminTestConfig();
    QVERIFY(Workspace::create(m_workspacePath, m_initial, QStringLiteral("test"), QStringLiteral("initial")));

    m_engine = std::make_unique<Engine>();
    AdminServerOptions options;
    options.port = 0;
    options.token = m_token;
    options.workspacePath = m_workspacePath;
    options.heartbeatMs = 100;
    m_admin = std::make_unique<AdminServer>(*m_engine, options);
    m_observe = std::make_shared<FakeObservability>();
    m_chaos = std::make_shared<ChaosRegistry>(m_clock);
    m_admin->setObservability(m_observe);
    m_admin->setChaos(m_chaos);
    RequestFeed::chainInto(m_engine->services(), m_admin->requestFeed());
    QVERIFY(m_engine->start(std::make_shared<const Config>(m_initial)));
    auto started = m_admin->start();
    QVERIFY2(started, started ? "" : qPrintable(started.error().message));
    QVERIFY(m_admin->port() != 0);
    QCOMPARE(m_admin->url(), QStringLiteral("http://127.0.0.1:%1").arg(m_admin->port()));
}

void AdminApiFixture::stop()
{
    m_admin.reset();
    m_engine.reset();
}

AdminClient AdminApiFixture::client(const QByteArray &token)
{
    return *AdminClient::create(QStringLiteral("http://127.0.0.1:%1").arg(m_admin->port()),
                                token.isEmpty() ? m_token : token, 10'000);
}

AdminResponse AdminApiFixture::call(QByteArrayView method, const QByteArray &path, const QByteArray &body)
{
    AdminClient c = client();
    const QByteArray m = method.toByteArray();
    auto response = offThread([&] { return c.request(m, path, body); });
    if (!response)
        qWarning() << "admin call failed:" << response.error().message;
    return response ? *response : AdminResponse{};
}

int AdminApiFixture::revisionCount()
{
    auto ws = Workspace::open(m_workspacePath);
    return ws ? int((*ws)->revisions()->size()) : -1;
}

} // namespace understudy::test
