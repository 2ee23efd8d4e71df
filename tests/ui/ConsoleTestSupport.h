#pragma once

// Helpers shared by the console tests that run the hosted gateway: a demo
// workspace on an ephemeral port and one chat completion over loopback.

#include <QByteArray>
#include <QString>

namespace understudy {
class MainWindow;
}

namespace understudy::testsupport {

// Creates a demo workspace `name`.understudy in `folder` whose listener
// binds `port` (0: any free port). Returns its path.
QString createDemoWorkspace(const QString &folder, const QString &name, int port = 0);

// Waits (event loop running) until the window's gateway runs.
bool waitRunning(MainWindow &window);

// One chat completion over a raw socket; returns everything the gateway
// sent. The event loop keeps running: the gateway accepts on this thread.
QByteArray chat(quint16 port);

} // namespace understudy::testsupport
