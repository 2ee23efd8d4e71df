// The admin API's pure parts: the chaos registry on a manual clock, token
// generation, storage and comparison, and the parsers of request bodies
// and query strings.

#include "admin/AdminJson.h"
#include "admin/AdminToken.h"
#include "config/DemoWorkspace.h"
#include "fallback/ChaosRegistry.h"
#include "fallback/Clock.h"
#include "store/Workspace.h"

#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace understudy;
using nlohmann::json;

namespace {

ChaosRequest chaosRequest(const QString &provider, const QString &model, MockFault fault, qint64 durationMs)
{
    ChaosRequest request;
    request.provider = provider;
    request.model = model;
    request.fault.fault = fault;
    request.durationMs = durationMs;
    return request;
}

} // namespace

class TestAdminParts final : public QObject
{
    Q_OBJECT

private slots:
    void chaosInjectionExpires()
    {
        ManualClock clock;
        ChaosRegistry chaos(clock);
        auto started = chaos.start(chaosRequest(QStringLiteral("openai"), {}, MockFault::ErrorStatus, 1000));
        QVERIFY(started);
        QCOMPARE(started->expiresAtMs - started->startedAtMs, qint64(1000));
        auto fault = chaos.active(QStringLiteral("openai"), QStringLiteral("gpt-4o"));
        QVERIFY(fault);
        QCOMPARE(fault->fault, MockFault::ErrorStatus);
        QVERIFY(!chaos.active(QStringLiteral("anthropic"), QStringLiteral("gpt-4o")));
        clock.advance(999);
        QVERIFY(chaos.active(QStringLiteral("openai"), {}));
        clock.advance(1);
        QVERIFY(!chaos.active(QStringLiteral("openai"), {}));
        QVERIFY(chaos.list().empty());
        QVERIFY(!chaos.stop(started->id));
    }

    void chaosModelInjectionWinsAndReplaces()
    {
        ManualClock clock;
        ChaosRegistry chaos(clock);
        QVERIFY(chaos.start(chaosRequest(QStringLiteral("p"), {}, MockFault::NoResponse, 10'000)));
        auto modelWide =
            chaos.start(chaosRequest(QStringLiteral("p"), QStringLiteral("m"), MockFault::ContentPolicy, 10'000));
        QVERIFY(modelWide);
        QCOMPARE(chaos.active(QStringLiteral("p"), QStringLiteral("m"))->fault, MockFault::ContentPolicy);
        QCOMPARE(chaos.active(QStringLiteral("p"), QStringLiteral("other"))->fault, MockFault::NoResponse);
        // Same provider and model: the new injection replaces the old one.
        auto replaced =
            chaos.start(chaosRequest(QStringLiteral("p"), QStringLiteral("m"), MockFault::ContextLength, 10'000));
        QVERIFY(replaced);
        QCOMPARE(chaos.list().size(), size_t(2));
        QVERIFY(!chaos.find(modelWide->id));
        QCOMPARE(chaos.active(QStringLiteral("p"), QStringLiteral("m"))->fault, MockFault::ContextLength);
        QVERIFY(chaos.stop(replaced->id));
        QCOMPARE(chaos.active(QStringLiteral("p"), QStringLiteral("m"))->fault, MockFault::NoResponse);
        QCOMPARE(chaos.stopAll(), 1);
        QVERIFY(!chaos.active(QStringLiteral("p"), QStringLiteral("m")));
    }

    void chaosRejectsUnboundedOrEmptyInjections_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<int>("fault");
        QTest::addColumn<qint64>("durationMs");
        QTest::newRow("no provider") << QString() << int(MockFault::ErrorStatus) << qint64(1000);
        QTest::newRow("fault none") << QStringLiteral("p") << int(MockFault::None) << qint64(1000);
        QTest::newRow("zero duration") << QStringLiteral("p") << int(MockFault::ErrorStatus) << qint64(0);
        QTest::newRow("over a day") << QStringLiteral("p") << int(MockFault::ErrorStatus)
                                    << ChaosRegistry::kMaxDurationMs + 1;
    }

    void chaosRejectsUnboundedOrEmptyInjections()
    {
        QFETCH(QString, provider);
        QFETCH(int, fault);
        QFETCH(qint64, durationMs);
        ManualClock clock;
        ChaosRegistry chaos(clock);
        auto started = chaos.start(chaosRequest(provider, {}, MockFault(fault), durationMs));
        QVERIFY(!started);
        QCOMPARE(started.error().code, QStringLiteral("invalid_chaos"));
        QVERIFY(chaos.list().empty());
    }

    void chaosRequestParsing_data()
    {
        QTest::addColumn<QByteArray>("document");
        QTest::addColumn<QString>("error"); // empty = valid
        QTest::newRow("valid") << QByteArray("{\"provider\":\"p\",\"fault\":\"error_status\",\"status\":429,"
                                             "\"retry_after_seconds\":3,\"duration_ms\":5000}")
                               << QString();
        QTest::newRow("unknown fault") << QByteArray("{\"provider\":\"p\",\"fault\":\"meteor\",\"duration_ms\":5}")
                                       << QStringLiteral("meteor");
        QTest::newRow("typo field") << QByteArray("{\"provider\":\"p\",\"fault\":\"no_response\",\"duration_ms\":5,"
                                                  "\"stauts\":1}")
                                    << QStringLiteral("stauts");
        QTest::newRow("missing duration")
            << QByteArray("{\"provider\":\"p\",\"fault\":\"no_response\"}") << QStringLiteral("duration_ms");
        QTest::newRow("bad status") << QByteArray("{\"provider\":\"p\",\"fault\":\"error_status\",\"status\":42,"
                                                  "\"duration_ms\":5}")
                                    << QStringLiteral("status");
        QTest::newRow("not an object") << QByteArray("[1]") << QStringLiteral("expected a JSON object");
    }

    void chaosRequestParsing()
    {
        QFETCH(QByteArray, document);
        QFETCH(QString, error);
        auto parsed = chaosRequestFromJson(json::parse(document.toStdString()));
        if (error.isEmpty()) {
            QVERIFY2(parsed, parsed ? "" : qPrintable(parsed.error().message));
            QCOMPARE(parsed->fault.fault, MockFault::ErrorStatus);
            QCOMPARE(parsed->fault.status, 429);
            QCOMPARE(parsed->fault.retryAfterSeconds, 3);
            QCOMPARE(parsed->durationMs, qint64(5000));
        } else {
            QVERIFY(!parsed);
            QVERIFY2(parsed.error().message.contains(error), qPrintable(parsed.error().message));
        }
    }

    void requestQueryParsing_data()
    {
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<bool>("valid");
        QTest::newRow("empty") << QByteArray() << true;
        QTest::newRow("all") << QByteArray("from=2026-01-01T00:00:00Z&to=1767312000000&route=chat&outcome=status_5xx"
                                           "&status=503&provider=openai&q=abc%20d&cursor=xyz&limit=50")
                             << true;
        QTest::newRow("limit zero") << QByteArray("limit=0") << false;
        QTest::newRow("limit huge") << QByteArray("limit=100000") << false;
        QTest::newRow("bad time") << QByteArray("from=yesterday") << false;
        QTest::newRow("to before from") << QByteArray("from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z") << false;
        QTest::newRow("unknown outcome") << QByteArray("outcome=fine") << false;
        QTest::newRow("bad status") << QByteArray("status=abc") << false;
        QTest::newRow("unknown key") << QByteArray("rout=chat") << false;
    }

    void requestQueryParsing()
    {
        QFETCH(QByteArray, query);
        QFETCH(bool, valid);
        auto parsed = requestLogQueryFromUrl(query);
        QCOMPARE(parsed.ok(), valid);
        if (!valid) {
            QCOMPARE(parsed.error().code, QStringLiteral("bad_query"));
            return;
        }
        if (query.startsWith("from")) {
            QCOMPARE(*parsed->from, QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC));
            QCOMPARE(*parsed->to, QDateTime(QDate(2026, 1, 2), QTime(0, 0), Qt::UTC));
            QCOMPARE(parsed->route, QStringLiteral("chat"));
            QCOMPARE(parsed->outcome, QStringLiteral("status_5xx"));
            QCOMPARE(*parsed->status, 503);
            QCOMPARE(parsed->provider, QStringLiteral("openai"));
            QCOMPARE(parsed->text, QStringLiteral("abc d"));
            QCOMPARE(parsed->cursor, QStringLiteral("xyz"));
            QCOMPARE(parsed->limit, 50);
        } else {
            QCOMPARE(parsed->limit, 100);
            QVERIFY(!parsed->status);
        }
    }

    void eventQueryParsing()
    {
        auto parsed = eventQueryFromUrl("kind=breaker_transition&limit=5");
        QVERIFY(parsed);
        QCOMPARE(parsed->kind, QStringLiteral("breaker_transition"));
        QCOMPARE(parsed->limit, 5);
        QVERIFY(!eventQueryFromUrl("route=chat"));
    }

    void tokensAreRandomHex()
    {
        QSet<QByteArray> seen;
        for (int i = 0; i < 50; ++i) {
            const QByteArray token = generateAdminToken();
            QCOMPARE(token.size(), 64);
            for (char c : token)
                QVERIFY((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
            seen.insert(token);
        }
        QCOMPARE(seen.size(), 50);
    }

    void tokenComparison()
    {
        const QByteArray token = generateAdminToken();
        QVERIFY(adminTokenEquals(token, token));
        QVERIFY(!adminTokenEquals(token, token.left(63)));
        QVERIFY(!adminTokenEquals(token, QByteArray(token + 'a')));
        QByteArray flipped = token;
        flipped[63] = flipped[63] == 'a' ? 'b' : 'a';
        QVERIFY(!adminTokenEquals(token, flipped));
        QVERIFY(!adminTokenEquals(QByteArray(), QByteArray()));
        QVERIFY(bearerAuthorizes(QByteArray("Bearer " + token), token));
        QVERIFY(bearerAuthorizes(QByteArray("bearer  " + token), token));
        QVERIFY(!bearerAuthorizes(QByteArray("Basic " + token), token));
        QVERIFY(!bearerAuthorizes(token, token));
        QVERIFY(!bearerAuthorizes("Bearer ", token));
    }

    void workspaceKeepsItsToken()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("t.understudy"));
        {
            auto ws = Workspace::create(path, demoConfig(), QStringLiteral("test"), QStringLiteral("initial"));
            QVERIFY(ws);
        }
        auto first = loadOrCreateWorkspaceToken(path);
        QVERIFY2(first, first ? "" : qPrintable(first.error().message));
        QVERIFY(first->created);
        QCOMPARE(first->token.size(), 64);
        auto second = loadOrCreateWorkspaceToken(path);
        QVERIFY(second);
        QVERIFY(!second->created);
        QCOMPARE(second->token, first->token);
        // The workspace still opens and its config is untouched.
        auto ws = Workspace::open(path);
        QVERIFY(ws);
        QCOMPARE(*(*ws)->loadConfig(), demoConfig());
    }
};

QTEST_GUILESS_MAIN(TestAdminParts)
#include "tst_adminparts.moc"
