// Anthropic Messages request -> OpenAI chat request (see InboundMessages.h).

#include "providers/anthropic/AnthropicJson.h"
#include "providers/anthropic/InboundMessages.h"

namespace understudy::anthropic {

using namespace detail;

namespace {

QString at(const QString &field, size_t index)
{
    return field + QLatin1Char('.') + QString::number(index);
}

QString at(const QString &field, const char *key)
{
    return field.isEmpty() ? QString::fromLatin1(key) : field + QLatin1Char('.') + QLatin1String(key);
}

// One translation. The first error wins; after it every step returns early
// (values read after a failure are empty and never used).
class Translator
{
public:
    ojson translate(const ojson &in);
    const QString &error() const { return m_error; }

private:
    bool failed() const { return !m_error.isEmpty(); }
    void fail(const QString &field, const QString &what)
    {
        if (m_error.isEmpty())
            m_error = field + QStringLiteral(": ") + what;
    }
    const ojson &require(const ojson &object, const char *key, const QString &field);
    std::string requireString(const ojson &object, const char *key, const QString &field);
    std::string sourceUrl(const ojson &block, const QString &field, bool document);
    std::string toolResultText(const ojson &block, const QString &field);
    void translateUser(const ojson &content, const QString &field, ojson &messages);
    void translateAssistant(const ojson &content, const QString &field, ojson &messages);
    std::string systemText(const ojson &system);
    ojson translateTools(const ojson &tools);
    void translateToolChoice(const ojson &choice, ojson &out);

    QString m_error;
};

const ojson &Translator::require(const ojson &object, const char *key, const QString &field)
{
    static const ojson missing;
    const ojson *value = member(object, key);
    if (!value) {
        fail(at(field, key), QStringLiteral("Field required"));
        return missing;
    }
    return *value;
}

std::string Translator::requireString(const ojson &object, const char *key, const QString &field)
{
    const ojson &value = require(object, key, field);
    if (failed())
        return {};
    if (!value.is_string()) {
        fail(at(field, key), QStringLiteral("Input should be a valid string, not %1").arg(typeName(value)));
        return {};
    }
    return value.get<std::string>();
}

// An image or document source as a URL (data: URL for base64).
std::string Translator::sourceUrl(const ojson &block, const QString &field, bool document)
{
    const QString sourceField = at(field, "source");
    const ojson &source = require(block, "source", field);
    if (failed())
        return {};
    if (!source.is_object()) {
        fail(sourceField, QStringLiteral("Input should be an object, not %1").arg(typeName(source)));
        return {};
    }
    const std::string type = requireString(source, "type", sourceField);
    if (type == "base64") {
        const QString media = fromUtf8(requireString(source, "media_type", sourceField));
        if (document && !failed() && media != QLatin1String("application/pdf"))
            fail(at(sourceField, "media_type"), QStringLiteral("only application/pdf documents are supported"));
        if (!document && !failed() && !media.startsWith(QLatin1String("image/")))
            fail(at(sourceField, "media_type"), QStringLiteral("Input should be an image media type"));
        const std::string data = requireString(source, "data", sourceField);
        return failed() ? std::string() : "data:" + toUtf8(media) + ";base64," + data;
    }
    if (type == "url" && !document)
        return requireString(source, "url", sourceField);
    if (!failed())
        fail(at(sourceField, "type"), QStringLiteral("unsupported source type '%1'").arg(fromUtf8(type)));
    return {};
}

// A tool_result's content as text (OpenAI tool messages carry text only).
std::string Translator::toolResultText(const ojson &block, const QString &field)
{
    const ojson *content = member(block, "content");
    std::string text;
    if (content && content->is_string()) {
        text = content->get<std::string>();
    } else if (content && content->is_array()) {
        const QString contentField = at(field, "content");
        for (size_t i = 0; i < content->size() && !failed(); ++i) {
            const ojson &part = (*content)[i];
            const QString partField = at(contentField, i);
            if (!part.is_object()) {
                fail(partField, QStringLiteral("Input should be an object, not %1").arg(typeName(part)));
                break;
            }
            const std::string type = requireString(part, "type", partField);
            if (!failed() && type != "text")
                fail(at(partField, "type"),
                     QStringLiteral("only text content is supported in tool results, not '%1'").arg(fromUtf8(type)));
            const std::string piece = requireString(part, "text", partField);
            if (!text.empty())
                text += "\n";
            text += piece;
        }
    } else if (content && !content->is_null()) {
        fail(at(field, "content"),
             QStringLiteral("Input should be a string or a list of blocks, not %1").arg(typeName(*content)));
    }
    const ojson *isError = member(block, "is_error");
    if (isError && !isError->is_boolean() && !isError->is_null())
        fail(at(field, "is_error"), QStringLiteral("Input should be a valid boolean"));
    if (isError && isError->is_boolean() && isError->get<bool>())
        text = "Error: " + text;
    return text;
}

void Translator::translateUser(const ojson &content, const QString &field, ojson &messages)
{
    if (content.is_string()) {
        messages.push_back(ojson{{"role", "user"}, {"content", content}});
        return;
    }
    ojson parts = ojson::array();
    for (size_t i = 0; i < content.size() && !failed(); ++i) {
        const ojson &block = content[i];
        const QString blockField = at(field, i);
        if (!block.is_object()) {
            fail(blockField, QStringLiteral("Input should be an object, not %1").arg(typeName(block)));
            return;
        }
        const std::string type = requireString(block, "type", blockField);
        if (failed())
            return;
        if (type == "text") {
            parts.push_back(ojson{{"type", "text"}, {"text", requireString(block, "text", blockField)}});
        } else if (type == "image") {
            parts.push_back(
                ojson{{"type", "image_url"}, {"image_url", ojson{{"url", sourceUrl(block, blockField, false)}}}});
        } else if (type == "document") {
            ojson file{{"file_data", sourceUrl(block, blockField, true)}};
            if (const std::string title = str(block, "title"); !title.empty())
                file["filename"] = title;
            parts.push_back(ojson{{"type", "file"}, {"file", std::move(file)}});
        } else if (type == "tool_result") {
            // OpenAI wants tool answers right after the assistant's calls.
            const std::string id = requireString(block, "tool_use_id", blockField);
            messages.push_back(
                ojson{{"role", "tool"}, {"tool_call_id", id}, {"content", toolResultText(block, blockField)}});
        } else {
            fail(at(blockField, "type"),
                 QStringLiteral("unsupported content block type '%1' in a user message").arg(fromUtf8(type)));
        }
    }
    if (!parts.empty())
        messages.push_back(ojson{{"role", "user"}, {"content", std::move(parts)}});
}

void Translator::translateAssistant(const ojson &content, const QString &field, ojson &messages)
{
    if (content.is_string()) {
        messages.push_back(ojson{{"role", "assistant"}, {"content", content}});
        return;
    }
    std::string text;
    ojson calls = ojson::array();
    for (size_t i = 0; i < content.size() && !failed(); ++i) {
        const ojson &block = content[i];
        const QString blockField = at(field, i);
        if (!block.is_object()) {
            fail(blockField, QStringLiteral("Input should be an object, not %1").arg(typeName(block)));
            return;
        }
        const std::string type = requireString(block, "type", blockField);
        if (failed())
            return;
        if (type == "text") {
            text += requireString(block, "text", blockField);
        } else if (type == "tool_use") {
            const std::string id = requireString(block, "id", blockField);
            const std::string name = requireString(block, "name", blockField);
            const ojson &input = require(block, "input", blockField);
            if (failed())
                return;
            if (!input.is_object()) {
                fail(at(blockField, "input"), QStringLiteral("Input should be an object, not %1").arg(typeName(input)));
                return;
            }
            calls.push_back(ojson{
                {"id", id}, {"type", "function"}, {"function", ojson{{"name", name}, {"arguments", input.dump()}}}});
        } else if (type == "thinking" || type == "redacted_thinking") {
            continue; // the model's private reasoning: other providers cannot take it back
        } else {
            fail(at(blockField, "type"),
                 QStringLiteral("unsupported content block type '%1' in an assistant message").arg(fromUtf8(type)));
        }
    }
    ojson message{{"role", "assistant"}};
    message["content"] = text.empty() && !calls.empty() ? ojson() : ojson(text);
    if (!calls.empty())
        message["tool_calls"] = std::move(calls);
    messages.push_back(std::move(message));
}

std::string Translator::systemText(const ojson &system)
{
    if (system.is_string())
        return system.get<std::string>();
    if (!system.is_array()) {
        fail(QStringLiteral("system"),
             QStringLiteral("Input should be a string or a list of text blocks, not %1").arg(typeName(system)));
        return {};
    }
    std::string text;
    for (size_t i = 0; i < system.size() && !failed(); ++i) {
        const ojson &block = system[i];
        const QString field = at(QStringLiteral("system"), i);
        if (!block.is_object()) {
            fail(field, QStringLiteral("Input should be an object, not %1").arg(typeName(block)));
            break;
        }
        if (requireString(block, "type", field) != "text" && !failed())
            fail(at(field, "type"), QStringLiteral("Input should be 'text'"));
        const std::string piece = requireString(block, "text", field);
        if (!text.empty())
            text += "\n\n";
        text += piece;
    }
    return text;
}

ojson Translator::translateTools(const ojson &tools)
{
    const QString field = QStringLiteral("tools");
    ojson out = ojson::array();
    if (!tools.is_array()) {
        fail(field, QStringLiteral("Input should be a valid list, not %1").arg(typeName(tools)));
        return out;
    }
    for (size_t i = 0; i < tools.size() && !failed(); ++i) {
        const ojson &tool = tools[i];
        const QString toolField = at(field, i);
        if (!tool.is_object()) {
            fail(toolField, QStringLiteral("Input should be an object, not %1").arg(typeName(tool)));
            break;
        }
        if (const ojson *type = member(tool, "type"); type && !type->is_null() && *type != "custom") {
            fail(at(toolField, "type"),
                 QStringLiteral("server tools are not supported through this gateway (%1)")
                     .arg(type->is_string() ? fromUtf8(type->get<std::string>()) : typeName(*type)));
            break;
        }
        ojson function{{"name", requireString(tool, "name", toolField)}};
        if (const ojson *description = member(tool, "description"); description && !description->is_null()) {
            if (!description->is_string())
                fail(at(toolField, "description"), QStringLiteral("Input should be a valid string"));
            function["description"] = *description;
        }
        const ojson &schema = require(tool, "input_schema", toolField);
        if (!failed() && !schema.is_object())
            fail(at(toolField, "input_schema"),
                 QStringLiteral("Input should be an object, not %1").arg(typeName(schema)));
        function["parameters"] = schema;
        out.push_back(ojson{{"type", "function"}, {"function", std::move(function)}});
    }
    return out;
}

void Translator::translateToolChoice(const ojson &choice, ojson &out)
{
    const QString field = QStringLiteral("tool_choice");
    if (!choice.is_object()) {
        fail(field, QStringLiteral("Input should be an object, not %1").arg(typeName(choice)));
        return;
    }
    const std::string type = requireString(choice, "type", field);
    if (failed())
        return;
    if (type == "auto")
        out["tool_choice"] = "auto";
    else if (type == "any")
        out["tool_choice"] = "required";
    else if (type == "none")
        out["tool_choice"] = "none";
    else if (type == "tool")
        out["tool_choice"] =
            ojson{{"type", "function"}, {"function", ojson{{"name", requireString(choice, "name", field)}}}};
    else
        fail(at(field, "type"), QStringLiteral("Input should be 'auto', 'any', 'tool' or 'none'"));
    if (const ojson *parallel = member(choice, "disable_parallel_tool_use"); parallel && !parallel->is_null()) {
        if (!parallel->is_boolean())
            fail(at(field, "disable_parallel_tool_use"), QStringLiteral("Input should be a valid boolean"));
        else if (parallel->get<bool>() && type != "none")
            out["parallel_tool_calls"] = false;
    }
}

ojson Translator::translate(const ojson &in)
{
    ojson out = ojson::object();
    if (!in.is_object()) {
        fail(QStringLiteral("body"), QStringLiteral("the request body must be a JSON object"));
        return out;
    }
    const std::string model = requireString(in, "model", {});
    if (!failed() && model.empty())
        fail(QStringLiteral("model"), QStringLiteral("must not be empty"));
    out["model"] = model;

    const ojson &maxTokens = require(in, "max_tokens", {});
    if (!failed() && (!maxTokens.is_number_integer() || maxTokens.get<qint64>() < 1))
        fail(QStringLiteral("max_tokens"), QStringLiteral("Input should be a positive integer"));
    if (failed())
        return out;

    ojson messages = ojson::array();
    if (const ojson *system = member(in, "system"); system && !system->is_null()) {
        const std::string text = systemText(*system);
        if (!text.empty())
            messages.push_back(ojson{{"role", "system"}, {"content", text}});
    }
    const ojson &inMessages = require(in, "messages", {});
    if (failed())
        return out;
    if (!inMessages.is_array()) {
        fail(QStringLiteral("messages"),
             QStringLiteral("Input should be a valid list, not %1").arg(typeName(inMessages)));
        return out;
    }
    if (inMessages.empty())
        fail(QStringLiteral("messages"), QStringLiteral("at least one message is required"));
    for (size_t i = 0; i < inMessages.size() && !failed(); ++i) {
        const ojson &message = inMessages[i];
        const QString field = at(QStringLiteral("messages"), i);
        if (!message.is_object()) {
            fail(field, QStringLiteral("Input should be an object, not %1").arg(typeName(message)));
            break;
        }
        const std::string role = requireString(message, "role", field);
        const ojson &content = require(message, "content", field);
        if (failed())
            break;
        if (!content.is_string() && !content.is_array()) {
            fail(at(field, "content"),
                 QStringLiteral("Input should be a string or a list of blocks, not %1").arg(typeName(content)));
            break;
        }
        if (role == "user")
            translateUser(content, at(field, "content"), messages);
        else if (role == "assistant")
            translateAssistant(content, at(field, "content"), messages);
        else
            fail(at(field, "role"), QStringLiteral("Input should be 'user' or 'assistant'"));
    }
    out["messages"] = std::move(messages);
    out["max_tokens"] = maxTokens;

    if (const ojson *tools = member(in, "tools"); tools && !tools->is_null()) {
        ojson translated = translateTools(*tools);
        if (!translated.empty())
            out["tools"] = std::move(translated);
    }
    if (const ojson *choice = member(in, "tool_choice"); choice && !choice->is_null())
        translateToolChoice(*choice, out);
    if (const ojson *stops = member(in, "stop_sequences"); stops && !stops->is_null()) {
        if (!stops->is_array()) {
            fail(QStringLiteral("stop_sequences"), QStringLiteral("Input should be a valid list"));
        } else {
            for (size_t i = 0; i < stops->size(); ++i) {
                if (!(*stops)[i].is_string())
                    fail(at(QStringLiteral("stop_sequences"), i), QStringLiteral("Input should be a valid string"));
            }
            if (!stops->empty())
                out["stop"] = *stops;
        }
    }
    for (const char *key : {"temperature", "top_p"}) {
        if (const ojson *value = member(in, key); value && !value->is_null()) {
            if (!value->is_number())
                fail(QLatin1String(key),
                     QStringLiteral("Input should be a valid number, not %1").arg(typeName(*value)));
            out[key] = *value;
        }
    }
    if (const ojson *topK = member(in, "top_k"); topK && !topK->is_null() && !topK->is_number_integer())
        fail(QStringLiteral("top_k"), QStringLiteral("Input should be a valid integer"));
    if (const ojson *stream = member(in, "stream"); stream && !stream->is_null()) {
        if (!stream->is_boolean()) {
            fail(QStringLiteral("stream"),
                 QStringLiteral("Input should be a valid boolean, not %1").arg(typeName(*stream)));
        } else if (stream->get<bool>()) {
            out["stream"] = true;
            out["stream_options"] = ojson{{"include_usage", true}};
        }
    }
    if (const ojson *metadata = member(in, "metadata"); metadata && !metadata->is_null()) {
        if (!metadata->is_object()) {
            fail(QStringLiteral("metadata"),
                 QStringLiteral("Input should be an object, not %1").arg(typeName(*metadata)));
        } else if (const ojson *user = member(*metadata, "user_id"); user && !user->is_null()) {
            if (!user->is_string())
                fail(QStringLiteral("metadata.user_id"), QStringLiteral("Input should be a valid string"));
            out["user"] = *user;
        }
    }
    return out;
}

} // namespace

Result<QByteArray> openAiRequestFromMessages(QByteArrayView body)
{
    const ojson doc = parse(body);
    if (!parsed(doc))
        return Error{QStringLiteral("invalid_request_error"), QStringLiteral("the request body is not valid JSON")};
    Translator translator;
    const ojson out = translator.translate(doc);
    if (!translator.error().isEmpty())
        return Error{QStringLiteral("invalid_request_error"), translator.error()};
    return dump(out);
}

} // namespace understudy::anthropic
