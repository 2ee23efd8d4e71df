// What the Playground derives from a route (path, chat or not, method,
// required headers, reachable models), the chat body, and the SSE answer
// parser fed in arbitrary pieces.

#include "playground/ChatAnswerParser.h"
#include "playground/PlaygroundRequest.h"
#include "playground/TrailCatcher.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace understudy;

namespace {

Route route(RouteKind kind, PathMatch match, const QString &path, const QStringList &methods = {})
{
    Route r;
    r.name = QStringLiteral("r");
    r.kind = kind;
    r.match.pathMatch = match;
    r.match.path = path;
    r.match.methods = methods;
    r.chain = QStringLiteral("main");
    return r;
}

Step providerStep(const QString &provider, const QString &model)
{
    Step s;
    s.kind = StepKind::Provider;
    s.targets.push_back(Target{provider, model, 1, {}});
    return s;
}

const QByteArray kStream = QByteArrayLiteral(
    ": keep-alive\n\n"
    "data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"}}]}\n\n"
    "data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}\r\n\r\n"
    "data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo "
    "\\u00e9\"}}]}\n\n"
    "data: {not json\n\n"
    "data: "
    "{\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
    "data: [DONE]\n\n");

} // namespace

class TestPlaygroundRequest : public QObject
{
    Q_OBJECT

private slots:
    void requestPath_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("match");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<bool>("literal");
        QTest::addColumn<bool>("chat");
        const int llm = int(RouteKind::Llm);
        const int http = int(RouteKind::Http);
        QTest::newRow("exact chat") << llm << int(PathMatch::Exact) << QStringLiteral("/v1/chat/completions")
                                    << QStringLiteral("/v1/chat/completions") << true << true;
        QTest::newRow("llm prefix") << llm << int(PathMatch::Prefix) << QStringLiteral("/openai/v1/")
                                    << QStringLiteral("/openai/v1/chat/completions") << true << true;
        QTest::newRow("llm prefix already chat")
            << llm << int(PathMatch::Prefix) << QStringLiteral("/v1/chat/completions")
            << QStringLiteral("/v1/chat/completions") << true << true;
        QTest::newRow("llm models") << llm << int(PathMatch::Exact) << QStringLiteral("/v1/models")
                                    << QStringLiteral("/v1/models") << true << false;
        QTest::newRow("llm messages") << llm << int(PathMatch::Exact) << QStringLiteral("/v1/messages")
                                      << QStringLiteral("/v1/messages") << true << false;
        QTest::newRow("literal pattern") << llm << int(PathMatch::Pattern) << QStringLiteral("^/v2/chat$")
                                         << QStringLiteral("/v2/chat") << true << true;
        QTest::newRow("escaped pattern") << http << int(PathMatch::Pattern) << QStringLiteral("/a\\.b")
                                         << QStringLiteral("/a.b") << true << false;
        QTest::newRow("regex pattern") << http << int(PathMatch::Pattern) << QStringLiteral("/items/[0-9]+")
                                       << QStringLiteral("/") << false << false;
        QTest::newRow("http prefix") << http << int(PathMatch::Prefix) << QStringLiteral("/api")
                                     << QStringLiteral("/api") << true << false;
    }

    void requestPath()
    {
        QFETCH(int, kind);
        QFETCH(int, match);
        QFETCH(QString, path);
        QFETCH(QString, expected);
        QFETCH(bool, literal);
        QFETCH(bool, chat);
        const Route r = route(RouteKind(kind), PathMatch(match), path);
        QCOMPARE(routeServesChat(r), chat);
        const RoutePath derived = requestPathFor(r);
        QCOMPARE(derived.path, expected);
        QCOMPARE(derived.literal, literal);
    }

    void methodsAndHeaders()
    {
        Route models = route(RouteKind::Llm, PathMatch::Exact, QStringLiteral("/v1/models"));
        QCOMPARE(defaultMethodFor(models), QByteArray("GET"));
        Route getOnly =
            route(RouteKind::Llm, PathMatch::Exact, QStringLiteral("/v1/chat/completions"), {QStringLiteral("GET")});
        QVERIFY(!routeServesChat(getOnly));
        QCOMPARE(defaultMethodFor(getOnly), QByteArray("GET"));
        Route http = route(RouteKind::Http, PathMatch::Prefix, QStringLiteral("/"), {QStringLiteral("put")});
        QCOMPARE(defaultMethodFor(http), QByteArray("PUT"));

        http.match.host = QStringLiteral("api.example");
        http.match.headers = {{QStringLiteral("x-tier"), QStringLiteral("gold"), false},
                              {QStringLiteral("x-id"), QStringLiteral("[0-9]+"), true}};
        const std::vector<Header> headers = requiredHeadersFor(http);
        QCOMPARE(int(headers.size()), 3);
        QCOMPARE(headers[0], (Header{QStringLiteral("Host"), QStringLiteral("api.example")}));
        QCOMPARE(headers[1], (Header{QStringLiteral("x-tier"), QStringLiteral("gold")}));
        QCOMPARE(headers[2], (Header{QStringLiteral("x-id"), QString()}));
    }

    void reachableModelsWalksNestedChains()
    {
        Config config;
        Provider a;
        a.name = QStringLiteral("a");
        for (const QString &name : {QStringLiteral("a-big"), QStringLiteral("a-small")}) {
            ModelInfo model;
            model.name = name;
            a.models.push_back(model);
        }
        Provider b;
        b.name = QStringLiteral("b");
        config.providers = {a, b};
        Chain inner;
        inner.name = QStringLiteral("inner");
        inner.steps = {providerStep(QStringLiteral("b"), QStringLiteral("b-model"))};
        Step nested;
        nested.kind = StepKind::Chain;
        nested.chain = QStringLiteral("inner");
        Step group;
        group.kind = StepKind::Group;
        group.targets = {Target{QStringLiteral("b"), QStringLiteral("b-model"), 1, {}},
                         Target{QStringLiteral("a"), QString(), 1, {}}};
        Step cache;
        cache.kind = StepKind::Cache;
        Chain main;
        main.name = QStringLiteral("main");
        main.steps = {providerStep(QStringLiteral("a"), QStringLiteral("a-big")), nested, group, cache};
        // A cycle must not hang the picker.
        Step back;
        back.kind = StepKind::Chain;
        back.chain = QStringLiteral("main");
        inner.steps.push_back(back);
        config.chains = {main, inner};
        const Route r = route(RouteKind::Llm, PathMatch::Exact, QStringLiteral("/v1/chat/completions"));
        QCOMPARE(reachableModels(config, r),
                 (QStringList{QStringLiteral("a-big"), QStringLiteral("b-model"), QStringLiteral("a-small")}));
    }

    void chatBodyCarriesTheFields()
    {
        ChatFields fields;
        fields.model = QStringLiteral("m");
        fields.system = QStringLiteral("be brief");
        fields.user = QStringLiteral("hi");
        fields.stream = false;
        fields.temperature = 0.5;
        QJsonObject body = QJsonDocument::fromJson(chatBody(fields)).object();
        QCOMPARE(body.value(QStringLiteral("model")).toString(), QStringLiteral("m"));
        QCOMPARE(body.value(QStringLiteral("stream")).toBool(true), false);
        QCOMPARE(body.value(QStringLiteral("temperature")).toDouble(), 0.5);
        QVERIFY(!body.contains(QStringLiteral("max_tokens")));
        const QJsonArray messages = body.value(QStringLiteral("messages")).toArray();
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages[0].toObject().value(QStringLiteral("role")).toString(), QStringLiteral("system"));
        QCOMPARE(messages[1].toObject().value(QStringLiteral("content")).toString(), QStringLiteral("hi"));

        fields.system.clear();
        fields.maxTokens = 64;
        body = QJsonDocument::fromJson(chatBody(fields)).object();
        QCOMPARE(body.value(QStringLiteral("messages")).toArray().size(), 1);
        QCOMPARE(body.value(QStringLiteral("max_tokens")).toInt(), 64);
    }

    void parserHandlesAnySplit_data()
    {
        QTest::addColumn<int>("pieceSize");
        for (int size : {1, 2, 7, 64, 100000})
            QTest::newRow(qPrintable(QString::number(size))) << size;
    }

    void parserHandlesAnySplit()
    {
        QFETCH(int, pieceSize);
        ChatAnswerParser parser;
        QString answer;
        for (qsizetype at = 0; at < kStream.size(); at += pieceSize)
            answer += parser.feed(kStream.mid(at, pieceSize));
        QCOMPARE(answer, QStringLiteral("Hello \u00e9"));
        QVERIFY(parser.sawDone());
        QCOMPARE(parser.finishReason(), QStringLiteral("stop"));
        QCOMPARE(parser.malformedEvents(), 1);
        QVERIFY(parser.errorMessage().isEmpty());
    }

    void parserReadsErrorsAndCompletions()
    {
        ChatAnswerParser parser;
        parser.feed(QByteArrayLiteral("data: {\"error\":{\"message\":\"upstream cut\",\"type\":\"server_error\"}}\n"));
        QCOMPARE(parser.errorMessage(), QStringLiteral("server_error: upstream cut"));
        QVERIFY(!parser.sawDone());

        parser.reset();
        const QString content = parser.parseCompletion(QByteArrayLiteral(
            "{\"object\":\"chat.completion\",\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"Hi!\"},"
            "\"finish_reason\":\"stop\"}]}"));
        QCOMPARE(content, QStringLiteral("Hi!"));
        QCOMPARE(parser.finishReason(), QStringLiteral("stop"));
    }

    void catcherKeepsOnlyTheExpectedTrail()
    {
        TrailCatcher catcher;
        const auto sink = catcher.sink();
        RequestTrail other;
        other.requestId = "other";
        RequestTrail mine;
        mine.requestId = "mine";
        catcher.expect("mine");
        sink(other);
        QVERIFY(!catcher.take());
        sink(mine);
        const std::optional<RequestTrail> caught = catcher.take();
        QVERIFY(caught);
        QCOMPARE(caught->requestId, QByteArray("mine"));
        QVERIFY(!catcher.take());
        // A new expectation drops what was caught for the old one.
        sink(mine);
        catcher.expect("next");
        QVERIFY(!catcher.take());
    }
};

QTEST_MAIN(TestPlaygroundRequest)
#include "tst_playgroundrequest.moc"
