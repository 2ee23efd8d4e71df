#pragma once

// What a worker needs to know about the listener a connection arrived on.
// Immutable once built; shared between the acceptor and the workers.

#include <QSslConfiguration>
#include <QString>

namespace understudy {

struct ListenerContext
{
    QString name;
    bool tls = false;
    QSslConfiguration ssl; // local certificate and key when tls
};

} // namespace understudy
