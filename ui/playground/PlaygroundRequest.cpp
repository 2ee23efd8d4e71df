#include "PlaygroundRequest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <set>

namespace understudy {

namespace {

const QString kChatSuffix = QStringLiteral("/chat/completions");

bool endsWithSegment(const QString &path, QLatin1StringView segment)
{
    QString trimmed = path;
    while (trimmed.endsWith(u'/'))
        trimmed.chop(1);
    return trimmed.endsWith(u'/' + QString(segment)) || trimmed == segment;
}

// A regex pattern with its anchors removed and escapes resolved, or nothing
// when it still holds regex syntax (then no single path stands for it).
std::optional<QString> literalPattern(QString pattern)
{
    if (pattern.startsWith(u'^'))
        pattern.remove(0, 1);
    if (pattern.endsWith(u'$') && !pattern.endsWith(QLatin1String("\\$")))
        pattern.chop(1);
    QString out;
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern.at(i);
        if (c == u'\\' && i + 1 < pattern.size() && !pattern.at(i + 1).isLetterOrNumber()) {
            out += pattern.at(++i);
            continue;
        }
        if (QStringLiteral(".*+?()[]{}|^$\\").contains(c))
            return std::nullopt;
        out += c;
    }
    return out;
}

QString joinChatSuffix(QString prefix)
{
    while (prefix.endsWith(u'/'))
        prefix.chop(1);
    if (prefix.endsWith(kChatSuffix))
        return prefix;
    return prefix + kChatSuffix;
}

void collectModels(const Config &config, const QString &chainName, std::set<QString> &visitedChains,
                   std::set<QString> &seen, QStringList &out)
{
    // Cycles are rejected by validation, but the picker must not hang on a
    // config that is still being edited.
    if (!visitedChains.insert(chainName).second)
        return;
    const Chain *chain = config.chain(chainName);
    if (!chain)
        return;
    auto add = [&](const QString &model) {
        if (!model.isEmpty() && seen.insert(model).second)
            out << model;
    };
    for (const Step &step : chain->steps) {
        if (step.kind == StepKind::Chain) {
            collectModels(config, step.chain, visitedChains, seen, out);
            continue;
        }
        if (step.kind != StepKind::Provider && step.kind != StepKind::Group)
            continue;
        for (const Target &target : step.targets) {
            if (!target.model.isEmpty()) {
                add(target.model);
                continue;
            }
            if (const Provider *provider = config.provider(target.provider)) {
                for (const ModelInfo &model : provider->models)
                    add(model.name);
            }
        }
    }
}

} // namespace

bool routeServesChat(const Route &route)
{
    if (route.kind != RouteKind::Llm)
        return false;
    if (!route.match.methods.isEmpty() && !route.match.methods.contains(QStringLiteral("POST"), Qt::CaseInsensitive))
        return false;
    if (route.match.pathMatch == PathMatch::Prefix)
        return true; // a prefix serves <prefix>/chat/completions
    const QString &path = route.match.path;
    return !endsWithSegment(path, QLatin1StringView("models")) &&
           !endsWithSegment(path, QLatin1StringView("embeddings")) &&
           !endsWithSegment(path, QLatin1StringView("messages"));
}

RoutePath requestPathFor(const Route &route)
{
    const bool chat = routeServesChat(route);
    switch (route.match.pathMatch) {
    case PathMatch::Exact:
        return {route.match.path, true};
    case PathMatch::Prefix:
        if (chat)
            return {joinChatSuffix(route.match.path), true};
        return {route.match.path.isEmpty() ? QStringLiteral("/") : route.match.path, true};
    case PathMatch::Pattern:
        if (const std::optional<QString> literal = literalPattern(route.match.path))
            return {*literal, true};
        return {chat ? QStringLiteral("/v1/chat/completions") : QStringLiteral("/"), false};
    }
    return {QStringLiteral("/"), false};
}

QByteArray defaultMethodFor(const Route &route)
{
    if (routeServesChat(route))
        return QByteArrayLiteral("POST");
    if (!route.match.methods.isEmpty())
        return route.match.methods.first().toUpper().toLatin1();
    if (route.kind == RouteKind::Llm && !endsWithSegment(route.match.path, QLatin1StringView("models")))
        return QByteArrayLiteral("POST");
    return QByteArrayLiteral("GET");
}

std::vector<Header> requiredHeadersFor(const Route &route)
{
    std::vector<Header> headers;
    if (!route.match.host.isEmpty())
        headers.push_back({QStringLiteral("Host"), route.match.host});
    for (const HeaderMatch &match : route.match.headers) {
        // A regex needs a value the user picks; the name is still a hint.
        headers.push_back({match.name, match.regex ? QString() : match.value});
    }
    return headers;
}

QStringList reachableModels(const Config &config, const Route &route)
{
    QStringList out;
    std::set<QString> visited;
    std::set<QString> seen;
    collectModels(config, route.chain, visited, seen, out);
    return out;
}

QByteArray chatBody(const ChatFields &fields)
{
    QJsonArray messages;
    if (!fields.system.trimmed().isEmpty())
        messages.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("system")},
                                    {QStringLiteral("content"), fields.system}});
    messages.append(
        QJsonObject{{QStringLiteral("role"), QStringLiteral("user")}, {QStringLiteral("content"), fields.user}});
    QJsonObject body{{QStringLiteral("model"), fields.model},
                     {QStringLiteral("messages"), messages},
                     {QStringLiteral("stream"), fields.stream}};
    if (fields.temperature)
        body.insert(QStringLiteral("temperature"), *fields.temperature);
    if (fields.maxTokens)
        body.insert(QStringLiteral("max_tokens"), *fields.maxTokens);
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

} // namespace understudy
