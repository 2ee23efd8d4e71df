#pragma once

// What the Playground sends, derived from a route of the current config:
// the path a route answers (its match turned back into a concrete path),
// whether it serves chat completions, the models its chain can reach, and
// the OpenAI chat body built from the form. Pure functions, no widgets, so
// the derivations are tested on their own.

#include "config/Config.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace understudy {

// One request as the page sends it.
struct PlaygroundRequest
{
    QByteArray method = QByteArrayLiteral("POST");
    QString path;                // with an optional query string
    std::vector<Header> headers; // as typed; empty names are dropped by the sender
    QByteArray body;
    bool stream = false; // parse the answer as OpenAI SSE chunks
    bool chat = false;   // the answer is an OpenAI chat completion
};

// The chat form's fields.
struct ChatFields
{
    QString model;
    QString system; // empty = no system message
    QString user;
    bool stream = true;
    std::optional<double> temperature;
    std::optional<int> maxTokens;
};

// True for llm routes whose path is a chat completions endpoint (not the
// models list, embeddings or the Anthropic messages edge) and that accept
// POST.
bool routeServesChat(const Route &route);

// A concrete path the route matches: the exact path; a prefix with
// "/chat/completions" appended for chat routes that do not already end in
// it; a regex pattern's literal text when it has no regex syntax left after
// removing anchors. `literal` is false when the path is only a guess the
// user should edit (patterns with real regex syntax).
struct RoutePath
{
    QString path;
    bool literal = true;
};
RoutePath requestPathFor(const Route &route);

// The method a raw request to the route should start with.
QByteArray defaultMethodFor(const Route &route);

// Headers the route requires to match (non-regex header matches and the
// host), so a first Send reaches the picked route.
std::vector<Header> requiredHeadersFor(const Route &route);

// "model" values the route's chain can reach: each target's model, or its
// provider's catalogue when the target takes the client's model; nested
// chains and group members included, in chain order, without repeats.
QStringList reachableModels(const Config &config, const Route &route);

// The OpenAI chat completions request body.
QByteArray chatBody(const ChatFields &fields);

} // namespace understudy
