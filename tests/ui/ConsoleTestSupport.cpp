#include "ConsoleTestSupport.h"

#include "EngineHost.h"
#include "MainWindow.h"
#include "config/DemoWorkspace.h"
#include "store/Workspace.h"

#include <QDir>
#include <QTcpSocket>
#include <QTest>

namespace understudy::testsupport {

QString createDemoWorkspace(const QString &folder, const QString &name, int port)
{
    const QString path = QDir(folder).filePath(name + QStringLiteral(".understudy"));
    Config config = demoConfig();
    config.listeners.front().port = port;
    auto workspace = Workspace::create(path, config, QStringLiteral("test"), QStringLiteral("initial"));
    if (!workspace)
        qWarning() << workspace.error().message;
    return path;
}

bool waitRunning(MainWindow &window)
{
    return QTest::qWaitFor([&] { return window.engineHost()->state() == EngineHost::State::Running; }, 20000);
}

QByteArray chat(quint16 port)
{
    QTcpSocket socket;
    QByteArray answer;
    QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [&] { answer += socket.readAll(); });
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!QTest::qWaitFor(
            [&] {
                return socket.state() != QAbstractSocket::HostLookupState &&
                       socket.state() != QAbstractSocket::ConnectingState;
            },
            5000) ||
        socket.state() != QAbstractSocket::ConnectedState)
        return QByteArrayLiteral("<connect failed: ") + socket.errorString().toUtf8() + '>';
    const QByteArray body = "{\"model\":\"gpt-demo-large\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
    socket.write("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                 "Connection: close\r\nContent-Length: " +
                 QByteArray::number(body.size()) + "\r\n\r\n" + body);
    // The mock answers after its latency; the gateway closes afterwards.
    if (!QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::UnconnectedState; }, 20000))
        answer += "<no end of answer>";
    return answer + socket.readAll();
}

} // namespace understudy::testsupport
