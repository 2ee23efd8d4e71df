// translateRequest: the OpenAI chat request as a Messages request. This file
// holds the conversation (system prompt, turns, tool results, prefill) and
// the request's envelope (path, headers, stream, metadata); the other
// parts come from RequestContent, RequestTools and RequestOptions (see
// RequestParts.h).

#include "providers/anthropic/AnthropicAdapter.h"
#include "providers/anthropic/RequestParts.h"

#include <algorithm>
#include <optional>
#include <vector>

namespace understudy::anthropic {

using detail::ojson;

namespace {

std::string withoutTrailingSpace(const std::string &text)
{
    QString value = detail::fromUtf8(text);
    qsizetype end = value.size();
    while (end > 0 && value.at(end - 1).isSpace())
        --end;
    value.truncate(end);
    return detail::toUtf8(value);
}

// Builds the Messages request; the first problem found wins.
class RequestBuilder
{
public:
    explicit RequestBuilder(const AdapterRequestInput &input) : m_input(input) {}

    Result<AdapterRequest> build();

private:
    struct Turn
    {
        std::string role; // "user" or "assistant"
        ojson blocks = ojson::array();
    };

    bool failed() const { return m_issues.failed(); }

    void takeMessages(const ojson &messages);
    void takeSystem(const ojson &message, const QString &at);
    void takeUser(const ojson &message, const QString &at);
    void takeAssistant(const ojson &message, const QString &at);
    void takeToolResult(const ojson &message, const QString &at, const std::string &toolUseId);
    std::optional<std::string> toolUseIdForFunction(const ojson &message, const QString &at);

    void addTurn(const std::string &role, ojson blocks);
    void applyPrefillAndTrim();
    ojson messagesJson() const;

    const AdapterRequestInput &m_input;
    detail::RequestIssues m_issues;
    std::vector<std::string> m_system;
    std::vector<Turn> m_turns;
    // Legacy function calls (assistant function_call) waiting for their
    // "function" role result: name and the tool_use id we made up.
    std::vector<std::pair<std::string, std::string>> m_pendingFunctionCalls;
    int m_functionCallCount = 0;
};

Result<AdapterRequest> RequestBuilder::build()
{
    const ojson doc = detail::parse(m_input.openAiBody);
    if (!detail::parsed(doc) || !doc.is_object())
        return Error{QStringLiteral("invalid_json"),
                     QStringLiteral("We could not parse the JSON body of your request: expected a JSON object.")};

    std::string model = detail::toUtf8(m_input.model);
    if (model.empty())
        model = detail::str(doc, "model");
    if (model.empty())
        m_issues.missing(QStringLiteral("model"));

    if (const ojson *n = detail::member(doc, "n"); n && !n->is_null()) {
        if (!n->is_number_integer())
            m_issues.wrongType(QStringLiteral("n"), QStringLiteral("an integer"), *n);
        else if (n->get<qint64>() != 1)
            m_issues.unsupported(QStringLiteral("n"),
                                 QStringLiteral("must be 1: Anthropic's Messages API returns a single choice."));
    }

    const ojson *messages = detail::member(doc, "messages");
    if (!messages)
        m_issues.missing(QStringLiteral("messages"));
    else if (!messages->is_array())
        m_issues.wrongType(QStringLiteral("messages"), QStringLiteral("an array of objects"), *messages);
    else
        takeMessages(*messages);
    if (failed())
        return *m_issues.error();
    applyPrefillAndTrim();

    ojson body = ojson::object();
    body["model"] = model;
    detail::takeSampling(m_issues, doc, body); // max_tokens first, the order Anthropic documents
    detail::takeResponseFormat(m_issues, doc, m_system);
    if (failed())
        return *m_issues.error();
    if (!m_system.empty()) {
        std::string system;
        for (const std::string &part : m_system)
            system += (system.empty() ? "" : "\n\n") + part;
        body["system"] = system;
    }
    body["messages"] = messagesJson();
    detail::takeTools(m_issues, doc, body);
    if (failed())
        return *m_issues.error();

    const ojson *stream = detail::member(doc, "stream");
    const bool streaming = stream && stream->is_boolean() && stream->get<bool>();
    if (stream && !stream->is_boolean() && !stream->is_null())
        return Error{QStringLiteral("invalid_type"),
                     QStringLiteral("Invalid type for 'stream': expected a boolean, but got %1 instead.")
                         .arg(detail::typeName(*stream))};
    if (streaming)
        body["stream"] = true;

    for (const char *key : {"user", "safety_identifier"}) {
        const std::string user = detail::str(doc, key);
        if (!user.empty() && user.size() <= 256 && !body.contains("metadata"))
            body["metadata"] = ojson{{"user_id", user}};
    }

    AdapterRequest request;
    QString base = m_input.baseUrlPath;
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    // Absolute on the provider's origin (ProviderAdapter.h): the base URL's
    // own path, then the endpoint; a base that already ends in /v1 keeps it.
    request.path =
        base + (base.endsWith(QLatin1String("/v1")) ? QStringLiteral("/messages") : QStringLiteral("/v1/messages"));
    if (!m_input.credential.isEmpty())
        request.headers.emplace_back(QByteArrayLiteral("x-api-key"), m_input.credential);
    request.headers.emplace_back(QByteArrayLiteral("anthropic-version"), QByteArray(kApiVersion));
    request.headers.emplace_back(QByteArrayLiteral("content-type"), QByteArrayLiteral("application/json"));
    request.body = detail::dump(body);
    request.stream = streaming;
    return request;
}

void RequestBuilder::takeMessages(const ojson &messages)
{
    for (size_t i = 0; i < messages.size() && !failed(); ++i) {
        const ojson &message = messages[i];
        const QString at = QStringLiteral("messages[%1]").arg(i);
        if (!message.is_object()) {
            m_issues.wrongType(at, QStringLiteral("an object"), message);
            return;
        }
        const ojson *role = detail::member(message, "role");
        if (!role) {
            m_issues.missing(at + QStringLiteral(".role"));
            return;
        }
        if (!role->is_string()) {
            m_issues.wrongType(at + QStringLiteral(".role"), QStringLiteral("a string"), *role);
            return;
        }
        const std::string name = role->get<std::string>();
        if (name == "system" || name == "developer") {
            takeSystem(message, at);
        } else if (name == "user") {
            takeUser(message, at);
        } else if (name == "assistant") {
            takeAssistant(message, at);
        } else if (name == "tool") {
            const ojson *id = detail::member(message, "tool_call_id");
            if (!id)
                m_issues.missing(at + QStringLiteral(".tool_call_id"));
            else if (!id->is_string() || id->get<std::string>().empty())
                m_issues.wrongType(at + QStringLiteral(".tool_call_id"), QStringLiteral("a non-empty string"), *id);
            else
                takeToolResult(message, at, id->get<std::string>());
        } else if (name == "function") {
            if (const std::optional<std::string> id = toolUseIdForFunction(message, at))
                takeToolResult(message, at, *id);
        } else {
            m_issues.wrongValue(at + QStringLiteral(".role"),
                                QStringLiteral("'%1' is not one of system, developer, user, assistant, tool, function.")
                                    .arg(detail::fromUtf8(name).left(64)));
        }
    }
}

void RequestBuilder::takeSystem(const ojson &message, const QString &at)
{
    // Anthropic has one system prompt, before the conversation; system and
    // developer messages found later in the conversation join it too.
    const ojson *content = detail::member(message, "content");
    if (!content || content->is_null())
        return;
    const ojson blocks = detail::contentBlocks(m_issues, *content, at + QStringLiteral(".content"), false);
    std::string text;
    for (const ojson &block : blocks)
        text += (text.empty() ? "" : "\n") + detail::str(block, "text");
    if (!text.empty())
        m_system.push_back(std::move(text));
}

void RequestBuilder::takeUser(const ojson &message, const QString &at)
{
    const ojson *content = detail::member(message, "content");
    if (!content || content->is_null()) {
        m_issues.missing(at + QStringLiteral(".content"));
        return;
    }
    addTurn("user", detail::contentBlocks(m_issues, *content, at + QStringLiteral(".content"), true));
}

void RequestBuilder::takeAssistant(const ojson &message, const QString &at)
{
    ojson blocks = ojson::array();
    if (const ojson *content = detail::member(message, "content"); content && !content->is_null())
        blocks = detail::contentBlocks(m_issues, *content, at + QStringLiteral(".content"), false);
    if (const ojson *calls = detail::member(message, "tool_calls"); calls && !calls->is_null()) {
        if (!calls->is_array()) {
            m_issues.wrongType(at + QStringLiteral(".tool_calls"), QStringLiteral("an array"), *calls);
            return;
        }
        for (size_t j = 0; j < calls->size() && !failed(); ++j) {
            if (std::optional<ojson> block =
                    detail::toolUseBlock(m_issues, (*calls)[j], at + QStringLiteral(".tool_calls[%1]").arg(j)))
                blocks.push_back(std::move(*block));
        }
    }
    if (const ojson *call = detail::member(message, "function_call"); call && !call->is_null() && !failed()) {
        // Legacy function calling: no ids on the wire, so one is made up
        // here and handed to the "function" message that answers it.
        const QString callAt = at + QStringLiteral(".function_call");
        const std::string name = detail::str(*call, "name");
        if (!call->is_object()) {
            m_issues.wrongType(callAt, QStringLiteral("an object"), *call);
        } else if (name.empty()) {
            m_issues.missing(callAt + QStringLiteral(".name"));
        } else {
            const ojson arguments = call->contains("arguments") ? (*call)["arguments"] : ojson();
            if (std::optional<ojson> input =
                    detail::toolInput(m_issues, arguments, callAt + QStringLiteral(".arguments"))) {
                const std::string id = "toolu_understudy_fn_" + std::to_string(++m_functionCallCount);
                m_pendingFunctionCalls.emplace_back(name, id);
                blocks.push_back(ojson{{"type", "tool_use"}, {"id", id}, {"name", name}, {"input", *input}});
            }
        }
    }
    if (!failed())
        addTurn("assistant", std::move(blocks));
}

std::optional<std::string> RequestBuilder::toolUseIdForFunction(const ojson &message, const QString &at)
{
    const std::string name = detail::str(message, "name");
    if (name.empty()) {
        m_issues.missing(at + QStringLiteral(".name"));
        return std::nullopt;
    }
    auto pending = std::find_if(m_pendingFunctionCalls.begin(), m_pendingFunctionCalls.end(),
                                [&](const auto &call) { return call.first == name; });
    if (pending == m_pendingFunctionCalls.end()) {
        m_issues.wrongValue(at + QStringLiteral(".name"),
                            QStringLiteral("no earlier assistant function_call named '%1' to answer.")
                                .arg(detail::fromUtf8(name).left(64)));
        return std::nullopt;
    }
    std::string id = pending->second;
    m_pendingFunctionCalls.erase(pending);
    return id;
}

void RequestBuilder::takeToolResult(const ojson &message, const QString &at, const std::string &toolUseId)
{
    ojson result{{"type", "tool_result"}, {"tool_use_id", toolUseId}};
    if (const ojson *content = detail::member(message, "content"); content && !content->is_null()) {
        ojson blocks = detail::contentBlocks(m_issues, *content, at + QStringLiteral(".content"), true);
        if (failed())
            return;
        // A plain string when the result is text only, as most tools answer.
        const bool textOnly = std::all_of(blocks.begin(), blocks.end(),
                                          [](const ojson &block) { return detail::str(block, "type") == "text"; });
        if (textOnly && !blocks.empty() && content->is_string())
            result["content"] = blocks[0]["text"];
        else if (!blocks.empty())
            result["content"] = std::move(blocks);
    }
    addTurn("user", ojson::array({std::move(result)}));
}

void RequestBuilder::addTurn(const std::string &role, ojson blocks)
{
    // A message whose content was all blank has nothing Anthropic accepts.
    if (blocks.empty())
        return;
    if (!m_turns.empty() && m_turns.back().role == role) {
        for (ojson &block : blocks)
            m_turns.back().blocks.push_back(std::move(block));
        return;
    }
    m_turns.push_back(Turn{role, std::move(blocks)});
}

void RequestBuilder::applyPrefillAndTrim()
{
    if (!m_input.prefill.isEmpty()) {
        const std::string prefill = detail::toUtf8(m_input.prefill);
        Turn *last = m_turns.empty() || m_turns.back().role != "assistant" ? nullptr : &m_turns.back();
        if (last && !last->blocks.empty() && detail::str(last->blocks.back(), "type") == "text") {
            ojson &text = last->blocks.back()["text"];
            text = text.get<std::string>() + prefill;
        } else if (last) {
            last->blocks.push_back(ojson{{"type", "text"}, {"text", prefill}});
        } else {
            m_turns.push_back(Turn{"assistant", ojson::array({ojson{{"type", "text"}, {"text", prefill}}})});
        }
    }
    // "final assistant content cannot end with trailing whitespace": trim the
    // last text of a final assistant message, whether it came from the client
    // or from the prefill (see translateRequest on what the model then does).
    if (m_turns.empty() || m_turns.back().role != "assistant")
        return;
    ojson &blocks = m_turns.back().blocks;
    if (!blocks.empty() && detail::str(blocks.back(), "type") == "text") {
        const std::string trimmed = withoutTrailingSpace(blocks.back()["text"].get<std::string>());
        if (trimmed.empty())
            blocks.erase(blocks.size() - 1);
        else
            blocks.back()["text"] = trimmed;
    }
    if (blocks.empty())
        m_turns.pop_back();
}

ojson RequestBuilder::messagesJson() const
{
    ojson messages = ojson::array();
    for (const Turn &turn : m_turns) {
        ojson blocks = turn.blocks;
        if (turn.role == "user") {
            // Tool results must open a user message, before any other content.
            ojson results = ojson::array();
            ojson others = ojson::array();
            for (const ojson &block : turn.blocks)
                (detail::str(block, "type") == "tool_result" ? results : others).push_back(block);
            for (ojson &block : others)
                results.push_back(std::move(block));
            blocks = std::move(results);
        }
        ojson message{{"role", turn.role}};
        if (blocks.size() == 1 && detail::str(blocks[0], "type") == "text")
            message["content"] = blocks[0]["text"];
        else
            message["content"] = std::move(blocks);
        messages.push_back(std::move(message));
    }
    return messages;
}

} // namespace

Result<AdapterRequest> translateRequest(const AdapterRequestInput &input)
{
    return RequestBuilder(input).build();
}

} // namespace understudy::anthropic
