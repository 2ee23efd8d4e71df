#include "providers/gemini/GeminiAdapter.h"

#include "providers/gemini/GeminiSchema.h"
#include "providers/openai/OpenAiJson.h"

#include <QHash>
#include <QUrl>

#include <algorithm>
#include <array>
#include <limits>
#include <optional>

namespace understudy::gemini {

using openai::detail::json;
using openai::detail::quoted;
using openai::detail::typeName;

namespace {

Error missing(const QString &param)
{
    return Error{QStringLiteral("missing_required_parameter"),
                 QStringLiteral("Missing required parameter: %1.").arg(quoted(param))};
}

Error wrongType(const QString &param, const QString &expected, const json &got)
{
    return Error{QStringLiteral("invalid_type"), QStringLiteral("Invalid type for %1: expected %2, but got %3 instead.")
                                                     .arg(quoted(param), expected, typeName(got))};
}

Error wrongValue(const QString &param, const QString &why)
{
    return Error{QStringLiteral("invalid_value"), QStringLiteral("Invalid value for %1: %2").arg(quoted(param), why)};
}

// The request being built; the first problem found wins.
struct Builder
{
    std::optional<Error> error;
    json systemParts = json::array();
    json contents = json::array();
    QHash<QString, QString> toolNames; // tool_call_id -> function name, from assistant messages

    bool failed() const { return error.has_value(); }
    void fail(Error problem)
    {
        if (!error)
            error = std::move(problem);
    }

    // Appends parts to the conversation, merging into the last turn when it
    // has the same role (Gemini wants function responses to parallel calls
    // in one turn, and some models reject consecutive turns of one role).
    void addTurn(const char *role, json parts)
    {
        if (parts.empty())
            return;
        if (!contents.empty() && contents.back()["role"] == role) {
            for (json &part : parts)
                contents.back()["parts"].push_back(std::move(part));
            return;
        }
        contents.push_back(json{{"role", role}, {"parts", std::move(parts)}});
    }
};

QString guessMimeType(const QString &url)
{
    const QString path = QUrl(url).path().toLower();
    static const std::array<std::pair<const char *, const char *>, 12> kTypes = {{
        {".png", "image/png"},
        {".jpg", "image/jpeg"},
        {".jpeg", "image/jpeg"},
        {".webp", "image/webp"},
        {".gif", "image/gif"},
        {".heic", "image/heic"},
        {".pdf", "application/pdf"},
        {".mp3", "audio/mp3"},
        {".wav", "audio/wav"},
        {".mp4", "video/mp4"},
        {".txt", "text/plain"},
        {".json", "application/json"},
    }};
    for (const auto &[suffix, type] : kTypes) {
        if (path.endsWith(QLatin1String(suffix)))
            return QString::fromLatin1(type);
    }
    return {};
}

// data:<mime>;base64,<data> -> inlineData; anything else -> fileData.
std::optional<json> mediaPart(const QString &url, const QString &param, Builder &b)
{
    if (url.startsWith(QLatin1String("data:"), Qt::CaseInsensitive)) {
        const qsizetype comma = url.indexOf(QLatin1Char(','));
        const QString header = url.mid(5, comma - 5);
        if (comma < 0 || !header.endsWith(QLatin1String(";base64"), Qt::CaseInsensitive)) {
            b.fail(wrongValue(param, QStringLiteral("a data: URL must be base64 encoded (data:<type>;base64,...).")));
            return std::nullopt;
        }
        const QString mime = header.chopped(7);
        return json{{"inlineData",
                     json{{"mimeType", mime.isEmpty() ? std::string("application/octet-stream") : mime.toStdString()},
                          {"data", url.mid(comma + 1).toStdString()}}}};
    }
    if (url.isEmpty()) {
        b.fail(wrongValue(param, QStringLiteral("the URL is empty.")));
        return std::nullopt;
    }
    json fileData{{"fileUri", url.toStdString()}};
    if (const QString mime = guessMimeType(url); !mime.isEmpty())
        fileData["mimeType"] = mime.toStdString();
    return json{{"fileData", std::move(fileData)}};
}

json contentParts(const json &content, const QString &at, bool textOnly, Builder &b)
{
    json parts = json::array();
    if (content.is_null())
        return parts;
    if (content.is_string()) {
        if (!content.get_ref<const std::string &>().empty())
            parts.push_back(json{{"text", content}});
        return parts;
    }
    if (!content.is_array()) {
        b.fail(wrongType(at, QStringLiteral("a string or an array of content parts"), content));
        return parts;
    }
    for (size_t j = 0; j < content.size() && !b.failed(); ++j) {
        const json &part = content[j];
        const QString partAt = at + QStringLiteral("[%1]").arg(j);
        if (!part.is_object()) {
            b.fail(wrongType(partAt, QStringLiteral("an object"), part));
            break;
        }
        const QString type = openai::detail::string(part, "type");
        if (type == QLatin1String("text")) {
            const json *text = openai::detail::member(part, "text");
            if (!text || !text->is_string())
                b.fail(wrongType(partAt + QStringLiteral(".text"), QStringLiteral("a string"), text ? *text : json()));
            else if (!text->get_ref<const std::string &>().empty())
                parts.push_back(json{{"text", *text}});
            continue;
        }
        if (textOnly) {
            b.fail(wrongValue(partAt + QStringLiteral(".type"),
                              QStringLiteral("only text parts are supported in this message (got '%1').").arg(type)));
            break;
        }
        if (type == QLatin1String("image_url")) {
            const json *image = openai::detail::member(part, "image_url");
            QString url;
            if (image && image->is_string())
                url = QString::fromStdString(image->get<std::string>());
            else if (image && image->is_object() && image->contains("url") && (*image)["url"].is_string())
                url = openai::detail::string(*image, "url");
            else {
                b.fail(missing(partAt + QStringLiteral(".image_url.url")));
                break;
            }
            if (auto media = mediaPart(url, partAt + QStringLiteral(".image_url.url"), b))
                parts.push_back(std::move(*media));
        } else if (type == QLatin1String("input_audio")) {
            const json *audio = openai::detail::member(part, "input_audio");
            const QString data = audio ? openai::detail::string(*audio, "data") : QString();
            const QString format = audio ? openai::detail::string(*audio, "format") : QString();
            if (data.isEmpty() || format.isEmpty()) {
                b.fail(missing(partAt + (data.isEmpty() ? QStringLiteral(".input_audio.data")
                                                        : QStringLiteral(".input_audio.format"))));
                break;
            }
            parts.push_back(json{
                {"inlineData", json{{"mimeType", "audio/" + format.toStdString()}, {"data", data.toStdString()}}}});
        } else if (type == QLatin1String("file")) {
            const json *file = openai::detail::member(part, "file");
            const QString data = file ? openai::detail::string(*file, "file_data") : QString();
            if (data.isEmpty()) {
                b.fail(wrongValue(partAt + QStringLiteral(".file.file_data"),
                                  QStringLiteral("Gemini needs the file's content as a data: URL (file ids are "
                                                 "OpenAI's own).")));
                break;
            }
            if (auto media = mediaPart(data, partAt + QStringLiteral(".file.file_data"), b))
                parts.push_back(std::move(*media));
        } else {
            b.fail(wrongValue(partAt + QStringLiteral(".type"),
                              QStringLiteral("content part type '%1' is not supported.").arg(type)));
        }
    }
    return parts;
}

// One {"name","arguments"} function object as a functionCall part.
std::optional<json> functionCallPart(const json *function, const QString &at, Builder &b)
{
    if (!function || !function->is_object()) {
        b.fail(missing(at));
        return std::nullopt;
    }
    const QString name = openai::detail::string(*function, "name");
    if (name.isEmpty()) {
        b.fail(missing(at + QStringLiteral(".name")));
        return std::nullopt;
    }
    json args = json::object();
    const json *arguments = openai::detail::member(*function, "arguments");
    if (arguments && arguments->is_string() && !arguments->get_ref<const std::string &>().empty()) {
        args = openai::detail::parse(QByteArray::fromStdString(arguments->get<std::string>()));
        if (!args.is_object()) {
            b.fail(wrongValue(at + QStringLiteral(".arguments"),
                              QStringLiteral("expected a JSON object encoded as a string.")));
            return std::nullopt;
        }
    } else if (arguments && arguments->is_object()) {
        args = *arguments;
    }
    return json{{"functionCall", json{{"name", name.toStdString()}, {"args", std::move(args)}}}};
}

// tool_calls, and the legacy single function_call.
json functionCallParts(const json &message, const QString &at, Builder &b)
{
    json parts = json::array();
    const json *toolCalls = openai::detail::member(message, "tool_calls");
    if (toolCalls && !toolCalls->is_null() && !toolCalls->is_array()) {
        b.fail(wrongType(at + QStringLiteral(".tool_calls"), QStringLiteral("an array"), *toolCalls));
        return parts;
    }
    for (size_t k = 0; toolCalls && toolCalls->is_array() && k < toolCalls->size() && !b.failed(); ++k) {
        const json &call = (*toolCalls)[k];
        const json *function = openai::detail::member(call, "function");
        auto part = functionCallPart(function, at + QStringLiteral(".tool_calls[%1].function").arg(k), b);
        if (!part)
            break;
        const QString id = openai::detail::string(call, "id");
        if (!id.isEmpty())
            b.toolNames.insert(id, openai::detail::string(*function, "name"));
        parts.push_back(std::move(*part));
    }
    const json *legacy = openai::detail::member(message, "function_call");
    if (legacy && !legacy->is_null() && !b.failed()) {
        if (auto part = functionCallPart(legacy, at + QStringLiteral(".function_call"), b))
            parts.push_back(std::move(*part));
    }
    return parts;
}

// A tool result: a JSON object is the response itself, anything else
// (plain text, a JSON array or number) is wrapped as {"content": ...}.
json toolResponse(const json &content, const QString &at, Builder &b)
{
    QByteArray text;
    if (content.is_string()) {
        text = QByteArray::fromStdString(content.get<std::string>());
    } else if (content.is_array()) {
        const json parts = contentParts(content, at, true, b);
        for (const json &part : parts)
            text += QByteArray::fromStdString(part["text"].get<std::string>());
    } else if (!content.is_null()) {
        b.fail(wrongType(at, QStringLiteral("a string or an array of text parts"), content));
    }
    json parsed = openai::detail::parse(text);
    if (parsed.is_object())
        return parsed;
    return json{{"content", text.toStdString()}};
}

void addMessage(const json &message, size_t i, Builder &b)
{
    const QString at = QStringLiteral("messages[%1]").arg(i);
    if (!message.is_object()) {
        b.fail(wrongType(at, QStringLiteral("an object"), message));
        return;
    }
    const json *roleValue = openai::detail::member(message, "role");
    if (!roleValue || !roleValue->is_string()) {
        b.fail(roleValue ? wrongType(at + QStringLiteral(".role"), QStringLiteral("a string"), *roleValue)
                         : missing(at + QStringLiteral(".role")));
        return;
    }
    const QString role = QString::fromStdString(roleValue->get<std::string>());
    const json content = message.value("content", json());
    const QString contentAt = at + QStringLiteral(".content");

    if (role == QLatin1String("system") || role == QLatin1String("developer")) {
        for (json &part : contentParts(content, contentAt, true, b))
            b.systemParts.push_back(std::move(part));
    } else if (role == QLatin1String("user")) {
        b.addTurn("user", contentParts(content, contentAt, false, b));
    } else if (role == QLatin1String("assistant")) {
        json parts = contentParts(content, contentAt, true, b);
        for (json &part : functionCallParts(message, at, b))
            parts.push_back(std::move(part));
        b.addTurn("model", std::move(parts));
    } else if (role == QLatin1String("tool") || role == QLatin1String("function")) {
        QString name = openai::detail::string(message, "name");
        if (role == QLatin1String("tool")) {
            const QString callId = openai::detail::string(message, "tool_call_id");
            if (callId.isEmpty()) {
                b.fail(missing(at + QStringLiteral(".tool_call_id")));
                return;
            }
            name = b.toolNames.value(callId, name);
            if (name.isEmpty()) {
                b.fail(wrongValue(
                    at + QStringLiteral(".tool_call_id"),
                    QStringLiteral("'%1' does not match a tool call of an earlier assistant message.").arg(callId)));
                return;
            }
        } else if (name.isEmpty()) {
            b.fail(missing(at + QStringLiteral(".name")));
            return;
        }
        json response = toolResponse(content, contentAt, b);
        b.addTurn("user", json::array({json{{"functionResponse",
                                             json{{"name", name.toStdString()}, {"response", std::move(response)}}}}}));
    } else {
        b.fail(wrongValue(
            at + QStringLiteral(".role"),
            QStringLiteral("'%1' is not one of 'system', 'developer', 'user', 'assistant', 'tool'.").arg(role)));
    }
}

void addPrefill(const QString &prefill, Builder &b)
{
    if (prefill.isEmpty())
        return;
    // A trailing assistant text is continued in place, as the OpenAI prefill does.
    if (!b.contents.empty() && b.contents.back()["role"] == "model") {
        json &last = b.contents.back()["parts"].back();
        if (last.is_object() && last.contains("text") && last["text"].is_string()) {
            last["text"] = last["text"].get<std::string>() + prefill.toStdString();
            return;
        }
    }
    b.addTurn("model", json::array({json{{"text", prefill.toStdString()}}}));
}

json functionDeclarations(const json &tools, Builder &b)
{
    json declarations = json::array();
    if (!tools.is_array()) {
        b.fail(wrongType(QStringLiteral("tools"), QStringLiteral("an array"), tools));
        return declarations;
    }
    for (size_t i = 0; i < tools.size() && !b.failed(); ++i) {
        const json &tool = tools[i];
        const QString at = QStringLiteral("tools[%1]").arg(i);
        const QString type = openai::detail::string(tool, "type");
        if (type != QLatin1String("function")) {
            b.fail(wrongValue(at + QStringLiteral(".type"),
                              QStringLiteral("only 'function' tools can be sent to Gemini (got '%1').").arg(type)));
            break;
        }
        const json *function = openai::detail::member(tool, "function");
        const QString name = function ? openai::detail::string(*function, "name") : QString();
        if (name.isEmpty()) {
            b.fail(missing(at + QStringLiteral(".function.name")));
            break;
        }
        json declaration{{"name", name.toStdString()}};
        const QString description = openai::detail::string(*function, "description");
        if (!description.isEmpty())
            declaration["description"] = description.toStdString();
        const json *parameters = openai::detail::member(*function, "parameters");
        if (parameters && !parameters->is_null() && !parameters->is_object()) {
            b.fail(wrongType(at + QStringLiteral(".function.parameters"), QStringLiteral("an object"), *parameters));
            break;
        }
        if (parameters && !detail::isEmptyObjectSchema(*parameters))
            declaration["parameters"] = detail::geminiSchema(*parameters);
        declarations.push_back(std::move(declaration));
    }
    return declarations;
}

std::optional<json> toolConfig(const json &choice, Builder &b)
{
    if (choice.is_string()) {
        static const std::array<std::pair<const char *, const char *>, 3> kModes = {
            {{"auto", "AUTO"}, {"none", "NONE"}, {"required", "ANY"}}};
        for (const auto &[openAi, mode] : kModes) {
            if (choice == openAi)
                return json{{"functionCallingConfig", json{{"mode", mode}}}};
        }
        b.fail(wrongValue(QStringLiteral("tool_choice"), QStringLiteral("expected 'none', 'auto' or 'required'.")));
        return std::nullopt;
    }
    if (choice.is_object()) {
        const json *function = openai::detail::member(choice, "function");
        const QString name = function ? openai::detail::string(*function, "name") : QString();
        if (name.isEmpty()) {
            b.fail(missing(QStringLiteral("tool_choice.function.name")));
            return std::nullopt;
        }
        return json{{"functionCallingConfig",
                     json{{"mode", "ANY"}, {"allowedFunctionNames", json::array({name.toStdString()})}}}};
    }
    if (!choice.is_null())
        b.fail(wrongType(QStringLiteral("tool_choice"), QStringLiteral("a string or an object"), choice));
    return std::nullopt;
}

void copyNumber(const json &doc, const char *from, const char *to, json &config, Builder &b)
{
    const json *value = openai::detail::member(doc, from);
    if (!value || value->is_null())
        return;
    if (!value->is_number()) {
        b.fail(wrongType(QString::fromLatin1(from), QStringLiteral("a number"), *value));
        return;
    }
    config[to] = *value;
}

void copyInteger(const json &doc, const char *from, const char *to, qint64 minimum, json &config, Builder &b)
{
    const json *value = openai::detail::member(doc, from);
    if (!value || value->is_null())
        return;
    if (!value->is_number_integer()) {
        b.fail(wrongType(QString::fromLatin1(from), QStringLiteral("an integer"), *value));
        return;
    }
    if (value->get<qint64>() < minimum) {
        b.fail(wrongValue(QString::fromLatin1(from), QStringLiteral("expected a value of at least %1.").arg(minimum)));
        return;
    }
    config[to] = *value;
}

json generationConfig(const json &doc, Builder &b)
{
    json config = json::object();
    copyNumber(doc, "temperature", "temperature", config, b);
    copyNumber(doc, "top_p", "topP", config, b);
    copyNumber(doc, "presence_penalty", "presencePenalty", config, b);
    copyNumber(doc, "frequency_penalty", "frequencyPenalty", config, b);
    copyInteger(doc, "max_tokens", "maxOutputTokens", 1, config, b);
    // The newer name wins when a client sends both.
    copyInteger(doc, "max_completion_tokens", "maxOutputTokens", 1, config, b);
    copyInteger(doc, "seed", "seed", std::numeric_limits<qint32>::min(), config, b);
    copyInteger(doc, "n", "candidateCount", 1, config, b);

    if (const json *stop = openai::detail::member(doc, "stop"); stop && !stop->is_null()) {
        if (stop->is_string()) {
            config["stopSequences"] = json::array({*stop});
        } else if (stop->is_array() &&
                   std::all_of(stop->begin(), stop->end(), [](const json &s) { return s.is_string(); })) {
            if (!stop->empty())
                config["stopSequences"] = *stop;
        } else {
            b.fail(wrongType(QStringLiteral("stop"), QStringLiteral("a string or an array of strings"), *stop));
        }
    }

    if (const json *format = openai::detail::member(doc, "response_format"); format && !format->is_null()) {
        const QString type = openai::detail::string(*format, "type");
        if (type == QLatin1String("json_object")) {
            config["responseMimeType"] = "application/json";
        } else if (type == QLatin1String("json_schema")) {
            config["responseMimeType"] = "application/json";
            const json *spec = openai::detail::member(*format, "json_schema");
            const json *schema = spec ? openai::detail::member(*spec, "schema") : nullptr;
            if (schema && schema->is_object())
                config["responseSchema"] = detail::geminiSchema(*schema);
            else if (schema && !schema->is_null())
                b.fail(wrongType(QStringLiteral("response_format.json_schema.schema"), QStringLiteral("an object"),
                                 *schema));
        } else if (type != QLatin1String("text")) {
            b.fail(wrongValue(QStringLiteral("response_format.type"),
                              QStringLiteral("expected 'text', 'json_object' or 'json_schema'.")));
        }
    }
    return config;
}

QString requestPath(const AdapterRequestInput &input, bool stream)
{
    QString base = input.baseUrlPath;
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    if (base.isEmpty())
        base = QStringLiteral("/v1beta");
    QString model = input.model;
    if (model.startsWith(QLatin1String("models/")))
        model = model.mid(7);
    const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(model, "-._~"));
    return base + QStringLiteral("/models/") + encoded +
           (stream ? QStringLiteral(":streamGenerateContent?alt=sse") : QStringLiteral(":generateContent"));
}

} // namespace

Result<AdapterRequest> translateRequest(const AdapterRequestInput &input)
{
    const json doc = openai::detail::parse(input.openAiBody);
    if (!doc.is_object())
        return Error{QStringLiteral("invalid_json"), QStringLiteral("The request body must be a JSON object.")};
    if (input.model.isEmpty() && openai::detail::string(doc, "model").isEmpty())
        return missing(QStringLiteral("model"));

    Builder b;
    const json *messages = openai::detail::member(doc, "messages");
    if (!messages)
        return missing(QStringLiteral("messages"));
    if (!messages->is_array())
        return wrongType(QStringLiteral("messages"), QStringLiteral("an array"), *messages);
    for (size_t i = 0; i < messages->size() && !b.failed(); ++i)
        addMessage((*messages)[i], i, b);
    if (!b.failed())
        addPrefill(input.prefill, b);
    if (!b.failed() && b.contents.empty())
        b.fail(wrongValue(QStringLiteral("messages"),
                          QStringLiteral("Gemini needs at least one user, assistant or tool message with content.")));

    json request{{"contents", b.contents}};
    if (!b.systemParts.empty())
        request["systemInstruction"] = json{{"parts", b.systemParts}};
    if (const json *tools = openai::detail::member(doc, "tools"); tools && !tools->is_null()) {
        json declarations = functionDeclarations(*tools, b);
        if (!declarations.empty())
            request["tools"] = json::array({json{{"functionDeclarations", std::move(declarations)}}});
    }
    if (const json *choice = openai::detail::member(doc, "tool_choice")) {
        if (auto config = toolConfig(*choice, b))
            request["toolConfig"] = std::move(*config);
    }
    json config = generationConfig(doc, b);
    if (!config.empty())
        request["generationConfig"] = std::move(config);
    if (b.failed())
        return *b.error;

    const json *streamValue = openai::detail::member(doc, "stream");
    AdapterRequest out;
    out.stream = streamValue && streamValue->is_boolean() && streamValue->get<bool>();
    AdapterRequestInput named = input;
    if (named.model.isEmpty())
        named.model = openai::detail::string(doc, "model");
    out.path = requestPath(named, out.stream);
    if (!input.credential.isEmpty())
        out.headers.emplace_back(QByteArrayLiteral("x-goog-api-key"), input.credential);
    out.headers.emplace_back(QByteArrayLiteral("content-type"), QByteArrayLiteral("application/json"));
    out.body = openai::detail::dump(request);
    return out;
}

} // namespace understudy::gemini
