#include "ObserveTestSupport.h"

#include "config/DemoWorkspace.h"
#include "store/Workspace.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

using namespace understudy;

QString createWorkspace(const QString &path)
{
    auto ws = Workspace::create(path, demoConfig(), QStringLiteral("test"), QStringLiteral("observe test"));
    return ws.ok() ? QString() : ws.error().message;
}

RequestTrail makeTrail(int n, qint64 startedAtMs, const QString &route, bool fellBack)
{
    RequestTrail t;
    t.requestId = "req-" + QByteArray::number(n);
    t.route = route;
    t.method = QStringLiteral("POST");
    t.path = QStringLiteral("/v1/chat/completions");
    t.consumer = QStringLiteral("team-a");
    t.startedAtMs = startedAtMs;
    t.durationMs = 100 + n % 50;
    t.ttftMs = 40;
    t.status = 200;
    t.stream = n % 2 == 0;
    t.promptTokens = 12;
    t.completionTokens = 30;
    t.cost = 0.0005;
    t.bytesIn = 321;
    t.bytesOut = 1234;
    if (fellBack) {
        AttemptRecord failed;
        failed.stepPath = QStringLiteral("chat/steps[0]");
        failed.target = QStringLiteral("primary/m");
        failed.durationMs = 30;
        failed.outcome = OutcomeClass::Status5xx;
        failed.upstreamStatus = 503;
        failed.retryAfterMs = 2000;
        failed.breakerState = QStringLiteral("closed");
        failed.decision = QStringLiteral("next: status_5xx");
        t.attempts.push_back(failed);
    }
    AttemptRecord ok;
    ok.stepPath = fellBack ? QStringLiteral("chat/steps[1]") : QStringLiteral("chat/steps[0]");
    ok.target = fellBack ? QStringLiteral("backup/m") : QStringLiteral("primary/m");
    ok.startOffsetMs = fellBack ? 31 : 0;
    ok.durationMs = 60;
    ok.ttftMs = 9;
    ok.bytes = 1234;
    ok.breakerState = QStringLiteral("closed");
    ok.decision = QStringLiteral("served");
    t.attempts.push_back(ok);
    t.servedBy = ok.stepPath + QLatin1Char(' ') + ok.target;
    t.servedModel = QStringLiteral("m");
    t.fallbackDepth = fellBack ? 1 : 0;
    return t;
}

SqlProbe::SqlProbe(const QString &path) : m_name(QUuid::createUuid().toString())
{
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
    m_db.setDatabaseName(path);
    m_db.open();
}

SqlProbe::~SqlProbe()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
}

QVariant SqlProbe::value(const QString &sql)
{
    QSqlQuery q(m_db);
    if (!q.exec(sql) || !q.next()) {
        qWarning("SqlProbe: %s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        return {};
    }
    return q.value(0);
}

QList<qint64> SqlProbe::column(const QString &sql)
{
    QList<qint64> out;
    QSqlQuery q(m_db);
    if (!q.exec(sql)) {
        qWarning("SqlProbe: %s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        return out;
    }
    while (q.next())
        out << q.value(0).toLongLong();
    return out;
}
