#include "routing/RouteTable.h"

#include <QTest>

using namespace understudy;

namespace {

Route makeRoute(const char *name, PathMatch kind, const char *path, QStringList methods = {}, QString host = {},
                std::vector<HeaderMatch> headers = {}, QString listener = {})
{
    Route r;
    r.name = QString::fromLatin1(name);
    r.chain = QStringLiteral("c");
    r.match.pathMatch = kind;
    r.match.path = QString::fromLatin1(path);
    r.match.methods = std::move(methods);
    r.match.host = std::move(host);
    r.match.headers = std::move(headers);
    r.match.listener = std::move(listener);
    return r;
}

ConfigSnapshot routingConfig()
{
    auto config = std::make_shared<Config>();
    config->routes = {
        makeRoute("catch-all", PathMatch::Prefix, "/"),
        makeRoute("v1", PathMatch::Prefix, "/v1"),
        makeRoute("v1-chat", PathMatch::Prefix, "/v1/chat"),
        makeRoute("chat-exact", PathMatch::Exact, "/v1/chat/completions", {QStringLiteral("POST")}),
        makeRoute("models-pattern", PathMatch::Pattern, "/v1/models(/[^/]+)?", {QStringLiteral("GET")}),
        makeRoute("api-host", PathMatch::Prefix, "/api", {}, QStringLiteral("API.example.com")),
        makeRoute("api", PathMatch::Prefix, "/api"),
        makeRoute("beta", PathMatch::Prefix, "/api", {}, {}, {{QStringLiteral("X-Beta"), QStringLiteral("1"), false}}),
        makeRoute("tier", PathMatch::Prefix, "/api", {}, {},
                  {{QStringLiteral("x-tier"), QStringLiteral("gold|platinum"), true}}),
        makeRoute("admin-only", PathMatch::Prefix, "/internal", {}, {}, {}, QStringLiteral("admin")),
    };
    return config;
}

} // namespace

class TestRouteTable final : public QObject
{
    Q_OBJECT

private slots:
    void match_data()
    {
        QTest::addColumn<QString>("listener");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("host");
        QTest::addColumn<QByteArray>("headerName");
        QTest::addColumn<QByteArray>("headerValue");
        QTest::addColumn<QString>("expected");

        const QString any = QStringLiteral("default");
        QTest::newRow("exact wins over prefixes")
            << any << QByteArray("POST") << QByteArray("/v1/chat/completions") << QByteArray() << QByteArray()
            << QByteArray() << QStringLiteral("chat-exact");
        QTest::newRow("exact needs its method")
            << any << QByteArray("GET") << QByteArray("/v1/chat/completions") << QByteArray() << QByteArray()
            << QByteArray() << QStringLiteral("v1-chat");
        QTest::newRow("longest prefix") << any << QByteArray("GET") << QByteArray("/v1/chat/other") << QByteArray()
                                        << QByteArray() << QByteArray() << QStringLiteral("v1-chat");
        QTest::newRow("prefix respects segments") << any << QByteArray("GET") << QByteArray("/v10/x") << QByteArray()
                                                  << QByteArray() << QByteArray() << QStringLiteral("catch-all");
        QTest::newRow("prefix equals path") << any << QByteArray("GET") << QByteArray("/v1") << QByteArray()
                                            << QByteArray() << QByteArray() << QStringLiteral("v1");
        QTest::newRow("pattern") << any << QByteArray("GET") << QByteArray("/v1/models/gpt-4") << QByteArray()
                                 << QByteArray() << QByteArray() << QStringLiteral("models-pattern");
        QTest::newRow("pattern anchored") << any << QByteArray("GET") << QByteArray("/v1/models/a/b") << QByteArray()
                                          << QByteArray() << QByteArray() << QStringLiteral("v1");
        QTest::newRow("host predicate, case-insensitive")
            << any << QByteArray("GET") << QByteArray("/api/x") << QByteArray("api.EXAMPLE.com") << QByteArray()
            << QByteArray() << QStringLiteral("api-host");
        QTest::newRow("header equals") << any << QByteArray("GET") << QByteArray("/api/x") << QByteArray()
                                       << QByteArray("x-beta") << QByteArray("1") << QStringLiteral("beta");
        QTest::newRow("header regex") << any << QByteArray("GET") << QByteArray("/api/x") << QByteArray()
                                      << QByteArray("X-Tier") << QByteArray("gold") << QStringLiteral("tier");
        QTest::newRow("header mismatch falls back") << any << QByteArray("GET") << QByteArray("/api/x") << QByteArray()
                                                    << QByteArray("x-beta") << QByteArray("2") << QStringLiteral("api");
        QTest::newRow("listener predicate")
            << QStringLiteral("admin") << QByteArray("GET") << QByteArray("/internal") << QByteArray() << QByteArray()
            << QByteArray() << QStringLiteral("admin-only");
        QTest::newRow("other listener skips it") << any << QByteArray("GET") << QByteArray("/internal") << QByteArray()
                                                 << QByteArray() << QByteArray() << QStringLiteral("catch-all");
    }

    void match()
    {
        QFETCH(QString, listener);
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, host);
        QFETCH(QByteArray, headerName);
        QFETCH(QByteArray, headerValue);
        QFETCH(QString, expected);

        const RouteTable table(routingConfig());
        std::vector<std::pair<QByteArray, QByteArray>> headers;
        if (!headerName.isEmpty())
            headers.emplace_back(headerName, headerValue);
        const Route *route = table.match({listener, method, path, host, &headers});
        QVERIFY(route);
        QCOMPARE(route->name, expected);
    }

    void noMatchIsNull()
    {
        auto config = std::make_shared<Config>();
        config->routes = {makeRoute("only", PathMatch::Exact, "/health", {QStringLiteral("GET")})};
        const RouteTable table(config);
        QVERIFY(!table.match({QStringLiteral("default"), "GET", "/other", {}, nullptr}));
        QVERIFY(!table.match({QStringLiteral("default"), "POST", "/health", {}, nullptr}));
        QVERIFY(table.match({QStringLiteral("default"), "GET", "/health", {}, nullptr}));
    }
};

QTEST_GUILESS_MAIN(TestRouteTable)
#include "tst_routetable.moc"
