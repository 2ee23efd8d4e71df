#include "providers/anthropic/AnthropicAdapter.h"
#include "providers/anthropic/AnthropicJson.h"

#include <QStringList>

#include <algorithm>
#include <optional>
#include <vector>

namespace understudy::anthropic {

using detail::ojson;

namespace {

QString quoted(const QString &param)
{
    return QLatin1Char('\'') + param + QLatin1Char('\'');
}

bool isBlank(const std::string &text)
{
    return detail::fromUtf8(text).trimmed().isEmpty();
}

std::string withoutTrailingSpace(const std::string &text)
{
    QString value = detail::fromUtf8(text);
    qsizetype end = value.size();
    while (end > 0 && value.at(end - 1).isSpace())
        --end;
    value.truncate(end);
    return detail::toUtf8(value);
}

// The image types the Messages API accepts as base64 sources.
bool supportedImageType(const QString &mediaType)
{
    static const QStringList types{QStringLiteral("image/jpeg"), QStringLiteral("image/png"),
                                   QStringLiteral("image/gif"), QStringLiteral("image/webp")};
    return types.contains(mediaType);
}

struct DataUrl
{
    QString mediaType;
    QByteArray base64;
};

// "data:[<media type>][;param...][;base64],<data>" (RFC 2397). Percent-encoded
// payloads are decoded and re-encoded as base64, the only form Anthropic takes.
std::optional<DataUrl> parseDataUrl(const std::string &url)
{
    const QByteArray bytes = QByteArray::fromStdString(url);
    if (!bytes.startsWith("data:"))
        return std::nullopt;
    const qsizetype comma = bytes.indexOf(',');
    if (comma < 0)
        return std::nullopt;
    const QList<QByteArray> params = bytes.mid(5, comma - 5).split(';');
    DataUrl out;
    out.mediaType = QString::fromLatin1(params.value(0).trimmed().toLower());
    const bool base64 = params.size() > 1 && params.last().trimmed().toLower() == "base64";
    const QByteArray payload = bytes.mid(comma + 1);
    if (base64) {
        QByteArray compact = payload;
        compact.replace(' ', "").replace('\n', "").replace('\r', "");
        out.base64 = compact;
    } else {
        out.base64 = QByteArray::fromPercentEncoding(payload).toBase64();
    }
    return out;
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

    bool failed() const { return m_error.has_value(); }
    void fail(const QString &code, const QString &message)
    {
        if (!m_error)
            m_error = Error{code, message};
    }
    void missing(const QString &param)
    {
        fail(QStringLiteral("missing_required_parameter"),
             QStringLiteral("Missing required parameter: %1.").arg(quoted(param)));
    }
    void wrongType(const QString &param, const QString &expected, const ojson &got)
    {
        fail(QStringLiteral("invalid_type"), QStringLiteral("Invalid type for %1: expected %2, but got %3 instead.")
                                                 .arg(quoted(param), expected, detail::typeName(got)));
    }
    void wrongValue(const QString &param, const QString &why)
    {
        fail(QStringLiteral("invalid_value"), QStringLiteral("Invalid value for %1: %2").arg(quoted(param), why));
    }
    void unsupported(const QString &param, const QString &why)
    {
        fail(QStringLiteral("unsupported_parameter"),
             QStringLiteral("Unsupported parameter: %1 %2").arg(quoted(param), why));
    }

    void takeMessages(const ojson &messages);
    void takeSystem(const ojson &message, const QString &at);
    void takeUser(const ojson &message, const QString &at);
    void takeAssistant(const ojson &message, const QString &at);
    void takeToolResult(const ojson &message, const QString &at, const std::string &toolUseId);
    std::optional<std::string> toolUseIdForFunction(const ojson &message, const QString &at);

    // Content (a string or an array of parts) as Anthropic blocks; blank
    // text is dropped. `images` says whether image and file parts may appear.
    ojson contentBlocks(const ojson &content, const QString &at, bool images);
    std::optional<ojson> imageBlock(const ojson &part, const QString &at);
    std::optional<ojson> fileBlock(const ojson &part, const QString &at);
    std::optional<ojson> toolUseBlock(const ojson &call, const QString &at);
    std::optional<ojson> toolInput(const ojson &arguments, const QString &at);

    void addTurn(const std::string &role, ojson blocks);
    void applyPrefillAndTrim();
    ojson messagesJson() const;

    void takeTools(const ojson &doc, ojson &out);
    std::optional<ojson> toolDefinition(const ojson &function, const QString &at);
    void takeToolChoice(const ojson &doc, ojson &out);
    void takeSampling(const ojson &doc, ojson &out);
    void takeResponseFormat(const ojson &doc);

    const AdapterRequestInput &m_input;
    std::optional<Error> m_error;
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
        missing(QStringLiteral("model"));

    if (const ojson *n = detail::member(doc, "n"); n && !n->is_null()) {
        if (!n->is_number_integer())
            wrongType(QStringLiteral("n"), QStringLiteral("an integer"), *n);
        else if (n->get<qint64>() != 1)
            unsupported(QStringLiteral("n"),
                        QStringLiteral("must be 1: Anthropic's Messages API returns a single choice."));
    }

    const ojson *messages = detail::member(doc, "messages");
    if (!messages)
        missing(QStringLiteral("messages"));
    else if (!messages->is_array())
        wrongType(QStringLiteral("messages"), QStringLiteral("an array of objects"), *messages);
    else
        takeMessages(*messages);
    if (failed())
        return *m_error;
    applyPrefillAndTrim();

    ojson body = ojson::object();
    body["model"] = model;
    takeSampling(doc, body); // max_tokens first, the order Anthropic documents
    takeResponseFormat(doc);
    if (failed())
        return *m_error;
    if (!m_system.empty()) {
        std::string system;
        for (const std::string &part : m_system)
            system += (system.empty() ? "" : "\n\n") + part;
        body["system"] = system;
    }
    body["messages"] = messagesJson();
    takeTools(doc, body);
    if (failed())
        return *m_error;

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
            wrongType(at, QStringLiteral("an object"), message);
            return;
        }
        const ojson *role = detail::member(message, "role");
        if (!role) {
            missing(at + QStringLiteral(".role"));
            return;
        }
        if (!role->is_string()) {
            wrongType(at + QStringLiteral(".role"), QStringLiteral("a string"), *role);
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
                missing(at + QStringLiteral(".tool_call_id"));
            else if (!id->is_string() || id->get<std::string>().empty())
                wrongType(at + QStringLiteral(".tool_call_id"), QStringLiteral("a non-empty string"), *id);
            else
                takeToolResult(message, at, id->get<std::string>());
        } else if (name == "function") {
            if (const std::optional<std::string> id = toolUseIdForFunction(message, at))
                takeToolResult(message, at, *id);
        } else {
            wrongValue(at + QStringLiteral(".role"),
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
    const ojson blocks = contentBlocks(*content, at + QStringLiteral(".content"), false);
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
        missing(at + QStringLiteral(".content"));
        return;
    }
    addTurn("user", contentBlocks(*content, at + QStringLiteral(".content"), true));
}

void RequestBuilder::takeAssistant(const ojson &message, const QString &at)
{
    ojson blocks = ojson::array();
    if (const ojson *content = detail::member(message, "content"); content && !content->is_null())
        blocks = contentBlocks(*content, at + QStringLiteral(".content"), false);
    if (const ojson *calls = detail::member(message, "tool_calls"); calls && !calls->is_null()) {
        if (!calls->is_array()) {
            wrongType(at + QStringLiteral(".tool_calls"), QStringLiteral("an array"), *calls);
            return;
        }
        for (size_t j = 0; j < calls->size() && !failed(); ++j) {
            if (std::optional<ojson> block = toolUseBlock((*calls)[j], at + QStringLiteral(".tool_calls[%1]").arg(j)))
                blocks.push_back(std::move(*block));
        }
    }
    if (const ojson *call = detail::member(message, "function_call"); call && !call->is_null() && !failed()) {
        // Legacy function calling: no ids on the wire, so one is made up
        // here and handed to the "function" message that answers it.
        const QString callAt = at + QStringLiteral(".function_call");
        const std::string name = detail::str(*call, "name");
        if (!call->is_object()) {
            wrongType(callAt, QStringLiteral("an object"), *call);
        } else if (name.empty()) {
            missing(callAt + QStringLiteral(".name"));
        } else {
            const ojson arguments = call->contains("arguments") ? (*call)["arguments"] : ojson();
            if (std::optional<ojson> input = toolInput(arguments, callAt + QStringLiteral(".arguments"))) {
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
        missing(at + QStringLiteral(".name"));
        return std::nullopt;
    }
    auto pending = std::find_if(m_pendingFunctionCalls.begin(), m_pendingFunctionCalls.end(),
                                [&](const auto &call) { return call.first == name; });
    if (pending == m_pendingFunctionCalls.end()) {
        wrongValue(at + QStringLiteral(".name"),
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
        ojson blocks = contentBlocks(*content, at + QStringLiteral(".content"), true);
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

ojson RequestBuilder::contentBlocks(const ojson &content, const QString &at, bool images)
{
    ojson blocks = ojson::array();
    if (content.is_string()) {
        if (!isBlank(content.get<std::string>()))
            blocks.push_back(ojson{{"type", "text"}, {"text", content}});
        return blocks;
    }
    if (!content.is_array()) {
        wrongType(at, QStringLiteral("a string or an array of content parts"), content);
        return blocks;
    }
    for (size_t j = 0; j < content.size() && !failed(); ++j) {
        const ojson &part = content[j];
        const QString partAt = at + QStringLiteral("[%1]").arg(j);
        if (!part.is_object()) {
            wrongType(partAt, QStringLiteral("an object"), part);
            break;
        }
        const ojson *type = detail::member(part, "type");
        if (!type) {
            missing(partAt + QStringLiteral(".type"));
            break;
        }
        if (!type->is_string()) {
            wrongType(partAt + QStringLiteral(".type"), QStringLiteral("a string"), *type);
            break;
        }
        const std::string kind = type->get<std::string>();
        if (kind == "text" || kind == "refusal") {
            const char *key = kind == "text" ? "text" : "refusal";
            const ojson *text = detail::member(part, key);
            if (!text || !text->is_string()) {
                wrongType(partAt + QLatin1Char('.') + QLatin1String(key), QStringLiteral("a string"),
                          text ? *text : ojson());
                break;
            }
            if (!isBlank(text->get<std::string>()))
                blocks.push_back(ojson{{"type", "text"}, {"text", *text}});
        } else if ((kind == "image_url" || kind == "file") && !images) {
            unsupported(
                partAt + QStringLiteral(".type"),
                QStringLiteral("'%1' is only supported in user and tool messages.").arg(detail::fromUtf8(kind)));
        } else if (kind == "image_url") {
            if (std::optional<ojson> block = imageBlock(part, partAt))
                blocks.push_back(std::move(*block));
        } else if (kind == "file") {
            if (std::optional<ojson> block = fileBlock(part, partAt))
                blocks.push_back(std::move(*block));
        } else if (kind == "input_audio") {
            unsupported(partAt + QStringLiteral(".type"),
                        QStringLiteral("'input_audio' is not supported by Anthropic's Messages API."));
        } else {
            wrongValue(partAt + QStringLiteral(".type"),
                       QStringLiteral("'%1' is not one of text, image_url, file, refusal.")
                           .arg(detail::fromUtf8(kind).left(64)));
        }
    }
    return blocks;
}

std::optional<ojson> RequestBuilder::imageBlock(const ojson &part, const QString &at)
{
    // {"image_url": {"url": ..., "detail": ...}}; some clients send the URL
    // as a plain string. "detail" has no Anthropic equivalent.
    const ojson *image = detail::member(part, "image_url");
    const QString urlAt = at + QStringLiteral(".image_url.url");
    const ojson *url = image && image->is_object() ? detail::member(*image, "url") : image;
    if (!url) {
        missing(image ? urlAt : at + QStringLiteral(".image_url"));
        return std::nullopt;
    }
    if (!url->is_string() || url->get<std::string>().empty()) {
        wrongType(urlAt, QStringLiteral("a non-empty string"), *url);
        return std::nullopt;
    }
    const std::string text = url->get<std::string>();
    if (text.starts_with("data:")) {
        const std::optional<DataUrl> data = parseDataUrl(text);
        if (!data || data->base64.isEmpty()) {
            wrongValue(urlAt, QStringLiteral("expected a data URL of the form data:<type>;base64,<data>."));
            return std::nullopt;
        }
        if (!supportedImageType(data->mediaType)) {
            unsupported(urlAt, QStringLiteral("has image type '%1'; Anthropic accepts image/jpeg, image/png, "
                                              "image/gif and image/webp.")
                                   .arg(data->mediaType.left(64)));
            return std::nullopt;
        }
        return ojson{{"type", "image"},
                     {"source", ojson{{"type", "base64"},
                                      {"media_type", detail::toUtf8(data->mediaType)},
                                      {"data", data->base64.toStdString()}}}};
    }
    return ojson{{"type", "image"}, {"source", ojson{{"type", "url"}, {"url", text}}}};
}

std::optional<ojson> RequestBuilder::fileBlock(const ojson &part, const QString &at)
{
    // Only inline PDFs map onto Anthropic (a base64 document block);
    // OpenAI file ids name files stored at OpenAI.
    const ojson *file = detail::member(part, "file");
    if (!file || !file->is_object()) {
        wrongType(at + QStringLiteral(".file"), QStringLiteral("an object"), file ? *file : ojson());
        return std::nullopt;
    }
    const std::string data = detail::str(*file, "file_data");
    const QString dataAt = at + QStringLiteral(".file.file_data");
    if (data.empty()) {
        unsupported(at + QStringLiteral(".file"),
                    QStringLiteral("needs inline 'file_data': file ids are not available to Anthropic."));
        return std::nullopt;
    }
    const std::optional<DataUrl> url = parseDataUrl(data);
    if (!url || url->base64.isEmpty() || url->mediaType != QLatin1String("application/pdf")) {
        unsupported(dataAt, QStringLiteral("must be a data:application/pdf;base64 URL: Anthropic documents are PDFs."));
        return std::nullopt;
    }
    ojson block{
        {"type", "document"},
        {"source", ojson{{"type", "base64"}, {"media_type", "application/pdf"}, {"data", url->base64.toStdString()}}}};
    if (const std::string name = detail::str(*file, "filename"); !name.empty())
        block["title"] = name;
    return block;
}

std::optional<ojson> RequestBuilder::toolUseBlock(const ojson &call, const QString &at)
{
    if (!call.is_object()) {
        wrongType(at, QStringLiteral("an object"), call);
        return std::nullopt;
    }
    const ojson *id = detail::member(call, "id");
    if (!id) {
        missing(at + QStringLiteral(".id"));
        return std::nullopt;
    }
    if (!id->is_string() || id->get<std::string>().empty()) {
        wrongType(at + QStringLiteral(".id"), QStringLiteral("a non-empty string"), *id);
        return std::nullopt;
    }
    if (const std::string type = detail::str(call, "type"); !type.empty() && type != "function") {
        unsupported(at + QStringLiteral(".type"),
                    QStringLiteral("'%1': only function tool calls map onto Anthropic.").arg(detail::fromUtf8(type)));
        return std::nullopt;
    }
    const ojson *function = detail::member(call, "function");
    if (!function) {
        missing(at + QStringLiteral(".function"));
        return std::nullopt;
    }
    if (!function->is_object()) {
        wrongType(at + QStringLiteral(".function"), QStringLiteral("an object"), *function);
        return std::nullopt;
    }
    const ojson *name = detail::member(*function, "name");
    if (!name || !name->is_string() || name->get<std::string>().empty()) {
        if (!name)
            missing(at + QStringLiteral(".function.name"));
        else
            wrongType(at + QStringLiteral(".function.name"), QStringLiteral("a non-empty string"), *name);
        return std::nullopt;
    }
    const ojson arguments = function->contains("arguments") ? (*function)["arguments"] : ojson();
    std::optional<ojson> input = toolInput(arguments, at + QStringLiteral(".function.arguments"));
    if (!input)
        return std::nullopt;
    return ojson{{"type", "tool_use"}, {"id", *id}, {"name", *name}, {"input", std::move(*input)}};
}

std::optional<ojson> RequestBuilder::toolInput(const ojson &arguments, const QString &at)
{
    // OpenAI carries arguments as a JSON text; Anthropic wants the object.
    if (arguments.is_null())
        return ojson::object();
    if (arguments.is_object())
        return arguments; // some clients send the object itself
    if (!arguments.is_string()) {
        wrongType(at, QStringLiteral("a string"), arguments);
        return std::nullopt;
    }
    const std::string text = arguments.get<std::string>();
    if (isBlank(text))
        return ojson::object();
    const ojson input = detail::parse(QByteArrayView(text.data(), qsizetype(text.size())));
    if (!detail::parsed(input) || !input.is_object()) {
        wrongValue(at, QStringLiteral("expected a JSON object in a string; Anthropic needs tool input as an object."));
        return std::nullopt;
    }
    return input;
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

void RequestBuilder::takeTools(const ojson &doc, ojson &out)
{
    ojson tools = ojson::array();
    if (const ojson *list = detail::member(doc, "tools"); list && !list->is_null()) {
        if (!list->is_array()) {
            wrongType(QStringLiteral("tools"), QStringLiteral("an array"), *list);
            return;
        }
        for (size_t i = 0; i < list->size() && !failed(); ++i) {
            const ojson &tool = (*list)[i];
            const QString at = QStringLiteral("tools[%1]").arg(i);
            if (!tool.is_object()) {
                wrongType(at, QStringLiteral("an object"), tool);
                return;
            }
            const std::string type = detail::str(tool, "type");
            if (type != "function") {
                unsupported(at + QStringLiteral(".type"),
                            QStringLiteral("'%1': only function tools map onto Anthropic.")
                                .arg(detail::fromUtf8(type).left(64)));
                return;
            }
            const ojson *function = detail::member(tool, "function");
            if (!function) {
                missing(at + QStringLiteral(".function"));
                return;
            }
            if (std::optional<ojson> definition = toolDefinition(*function, at + QStringLiteral(".function")))
                tools.push_back(std::move(*definition));
        }
    }
    // Legacy "functions": the same definitions without the wrapper.
    if (const ojson *list = detail::member(doc, "functions"); list && !list->is_null() && !failed()) {
        if (!list->is_array()) {
            wrongType(QStringLiteral("functions"), QStringLiteral("an array"), *list);
            return;
        }
        for (size_t i = 0; i < list->size() && !failed(); ++i) {
            if (std::optional<ojson> definition = toolDefinition((*list)[i], QStringLiteral("functions[%1]").arg(i)))
                tools.push_back(std::move(*definition));
        }
    }
    if (failed() || tools.empty())
        return; // without tools a tool_choice means nothing; Anthropic would refuse it
    out["tools"] = std::move(tools);
    takeToolChoice(doc, out);
}

std::optional<ojson> RequestBuilder::toolDefinition(const ojson &function, const QString &at)
{
    if (!function.is_object()) {
        wrongType(at, QStringLiteral("an object"), function);
        return std::nullopt;
    }
    const ojson *name = detail::member(function, "name");
    if (!name) {
        missing(at + QStringLiteral(".name"));
        return std::nullopt;
    }
    if (!name->is_string() || name->get<std::string>().empty()) {
        wrongType(at + QStringLiteral(".name"), QStringLiteral("a non-empty string"), *name);
        return std::nullopt;
    }
    ojson tool{{"name", *name}};
    if (const std::string description = detail::str(function, "description"); !description.empty())
        tool["description"] = description;
    ojson schema = ojson::object();
    if (const ojson *parameters = detail::member(function, "parameters"); parameters && !parameters->is_null()) {
        if (!parameters->is_object()) {
            wrongType(at + QStringLiteral(".parameters"), QStringLiteral("an object"), *parameters);
            return std::nullopt;
        }
        schema = *parameters;
    }
    // Anthropic requires an object schema; OpenAI allows omitting it for
    // functions without parameters.
    if (!schema.contains("type")) {
        ojson typed{{"type", "object"}};
        for (auto it = schema.begin(); it != schema.end(); ++it)
            typed[it.key()] = it.value();
        schema = std::move(typed);
    }
    if (schema["type"] == "object" && !schema.contains("properties"))
        schema["properties"] = ojson::object();
    tool["input_schema"] = std::move(schema);
    return tool;
}

void RequestBuilder::takeToolChoice(const ojson &doc, ojson &out)
{
    ojson choice;
    const ojson *given = detail::member(doc, "tool_choice");
    const char *param = "tool_choice";
    if (!given || given->is_null()) {
        given = detail::member(doc, "function_call"); // legacy: "none", "auto" or {"name": ...}
        param = "function_call";
    }
    if (given && !given->is_null()) {
        const QString at = QString::fromLatin1(param);
        if (given->is_string()) {
            const std::string mode = given->get<std::string>();
            if (mode == "auto")
                choice = ojson{{"type", "auto"}};
            else if (mode == "required")
                choice = ojson{{"type", "any"}};
            else if (mode == "none")
                choice = ojson{{"type", "none"}};
            else
                wrongValue(
                    at,
                    QStringLiteral("'%1' is not one of none, auto, required.").arg(detail::fromUtf8(mode).left(64)));
        } else if (given->is_object()) {
            const ojson *function = detail::member(*given, "function");
            const std::string name = detail::str(function ? *function : *given, "name");
            const std::string type = detail::str(*given, "type");
            if (param == std::string("tool_choice") && type != "function") {
                unsupported(at + QStringLiteral(".type"),
                            QStringLiteral("'%1': only a named function maps onto Anthropic.")
                                .arg(detail::fromUtf8(type).left(64)));
            } else if (name.empty()) {
                missing(at + (function ? QStringLiteral(".function.name") : QStringLiteral(".name")));
            } else {
                choice = ojson{{"type", "tool"}, {"name", name}};
            }
        } else {
            wrongType(at, QStringLiteral("a string or an object"), *given);
        }
    }
    if (failed())
        return;
    const ojson *parallel = detail::member(doc, "parallel_tool_calls");
    const bool serial = parallel && parallel->is_boolean() && !parallel->get<bool>();
    if (serial && (choice.is_null() || choice["type"] != "none")) {
        if (choice.is_null())
            choice = ojson{{"type", "auto"}};
        choice["disable_parallel_tool_use"] = true;
    }
    if (!choice.is_null())
        out["tool_choice"] = std::move(choice);
}

void RequestBuilder::takeSampling(const ojson &doc, ojson &out)
{
    qint64 maxTokens = kDefaultMaxTokens;
    for (const char *key : {"max_tokens", "max_completion_tokens"}) { // the newer name wins
        const ojson *value = detail::member(doc, key);
        if (!value || value->is_null())
            continue;
        if (!value->is_number_integer()) {
            wrongType(QString::fromLatin1(key), QStringLiteral("an integer"), *value);
            return;
        }
        if (value->get<qint64>() < 1) {
            wrongValue(QString::fromLatin1(key),
                       QStringLiteral("expected a value of at least 1, but got %1.").arg(value->get<qint64>()));
            return;
        }
        maxTokens = value->get<qint64>();
    }
    // After "model", as in Anthropic's examples.
    out["max_tokens"] = maxTokens;

    const ojson *temperature = detail::member(doc, "temperature");
    const bool hasTemperature = temperature && !temperature->is_null();
    if (hasTemperature) {
        if (!temperature->is_number()) {
            wrongType(QStringLiteral("temperature"), QStringLiteral("a number"), *temperature);
            return;
        }
        // OpenAI's range is [0, 2], Anthropic's [0, 1].
        out["temperature"] = std::clamp(temperature->get<double>(), 0.0, 1.0);
    }
    if (const ojson *topP = detail::member(doc, "top_p"); topP && !topP->is_null()) {
        if (!topP->is_number()) {
            wrongType(QStringLiteral("top_p"), QStringLiteral("a number"), *topP);
            return;
        }
        // Recent Claude models refuse temperature and top_p together
        // ("cannot both be specified for this model"); temperature wins.
        if (!hasTemperature)
            out["top_p"] = std::clamp(topP->get<double>(), 0.0, 1.0);
    }
    if (const ojson *stop = detail::member(doc, "stop"); stop && !stop->is_null()) {
        ojson sequences = ojson::array();
        if (stop->is_string()) {
            sequences.push_back(*stop);
        } else if (stop->is_array()) {
            for (size_t i = 0; i < stop->size(); ++i) {
                if (!(*stop)[i].is_string()) {
                    wrongType(QStringLiteral("stop[%1]").arg(i), QStringLiteral("a string"), (*stop)[i]);
                    return;
                }
                sequences.push_back((*stop)[i]);
            }
        } else {
            wrongType(QStringLiteral("stop"), QStringLiteral("a string or an array of strings"), *stop);
            return;
        }
        // Anthropic refuses empty and whitespace-only stop sequences ("each
        // stop sequence must contain non-whitespace"); a "\n" stop is lost.
        ojson kept = ojson::array();
        for (const ojson &sequence : sequences) {
            if (!isBlank(sequence.get<std::string>()))
                kept.push_back(sequence);
        }
        if (!kept.empty())
            out["stop_sequences"] = std::move(kept);
    }
}

void RequestBuilder::takeResponseFormat(const ojson &doc)
{
    const ojson *format = detail::member(doc, "response_format");
    if (!format || format->is_null() || failed())
        return;
    if (!format->is_object()) {
        wrongType(QStringLiteral("response_format"), QStringLiteral("an object"), *format);
        return;
    }
    // The Messages API has no JSON mode (without a beta header): the format
    // is asked for in the system prompt, and is not enforced.
    const std::string type = detail::str(*format, "type");
    if (type == "text")
        return;
    if (type == "json_object") {
        m_system.emplace_back("Respond with a single valid JSON object and nothing else: no prose before or after "
                              "it, no Markdown code fences.");
        return;
    }
    if (type == "json_schema") {
        const ojson *wrapper = detail::member(*format, "json_schema");
        const ojson *schema = wrapper ? detail::member(*wrapper, "schema") : nullptr;
        if (!wrapper || !wrapper->is_object()) {
            missing(QStringLiteral("response_format.json_schema"));
            return;
        }
        std::string text = "Respond with a single valid JSON value and nothing else: no prose before or after it, "
                           "no Markdown code fences.";
        if (schema && schema->is_object()) {
            const std::string name = detail::str(*wrapper, "name");
            text += " It must conform to this JSON Schema" + (name.empty() ? std::string() : " (\"" + name + "\")") +
                    ":\n" + schema->dump(-1, ' ', false, ojson::error_handler_t::replace);
        }
        m_system.push_back(std::move(text));
        return;
    }
    wrongValue(
        QStringLiteral("response_format.type"),
        QStringLiteral("'%1' is not one of text, json_object, json_schema.").arg(detail::fromUtf8(type).left(64)));
}

} // namespace

Result<AdapterRequest> translateRequest(const AdapterRequestInput &input)
{
    return RequestBuilder(input).build();
}

} // namespace understudy::anthropic
