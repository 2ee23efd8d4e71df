// Request translation, tools: OpenAI tools (and legacy functions) as
// Anthropic tool definitions, tool_choice / function_call and
// parallel_tool_calls as tool_choice, and assistant tool calls as tool_use
// blocks with their arguments parsed to an object.

#include "providers/anthropic/RequestParts.h"

namespace understudy::anthropic::detail {

namespace {

std::optional<ojson> toolDefinition(RequestIssues &issues, const ojson &function, const QString &at)
{
    if (!function.is_object()) {
        issues.wrongType(at, QStringLiteral("an object"), function);
        return std::nullopt;
    }
    const ojson *name = member(function, "name");
    if (!name) {
        issues.missing(at + QStringLiteral(".name"));
        return std::nullopt;
    }
    if (!name->is_string() || name->get<std::string>().empty()) {
        issues.wrongType(at + QStringLiteral(".name"), QStringLiteral("a non-empty string"), *name);
        return std::nullopt;
    }
    ojson tool{{"name", *name}};
    if (const std::string description = str(function, "description"); !description.empty())
        tool["description"] = description;
    ojson schema = ojson::object();
    if (const ojson *parameters = member(function, "parameters"); parameters && !parameters->is_null()) {
        if (!parameters->is_object()) {
            issues.wrongType(at + QStringLiteral(".parameters"), QStringLiteral("an object"), *parameters);
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

void takeToolChoice(RequestIssues &issues, const ojson &doc, ojson &out)
{
    ojson choice;
    const ojson *given = member(doc, "tool_choice");
    const char *param = "tool_choice";
    if (!given || given->is_null()) {
        given = member(doc, "function_call"); // legacy: "none", "auto" or {"name": ...}
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
                issues.wrongValue(
                    at, QStringLiteral("'%1' is not one of none, auto, required.").arg(fromUtf8(mode).left(64)));
        } else if (given->is_object()) {
            const ojson *function = member(*given, "function");
            const std::string name = str(function ? *function : *given, "name");
            const std::string type = str(*given, "type");
            if (param == std::string("tool_choice") && type != "function") {
                issues.unsupported(
                    at + QStringLiteral(".type"),
                    QStringLiteral("'%1': only a named function maps onto Anthropic.").arg(fromUtf8(type).left(64)));
            } else if (name.empty()) {
                issues.missing(at + (function ? QStringLiteral(".function.name") : QStringLiteral(".name")));
            } else {
                choice = ojson{{"type", "tool"}, {"name", name}};
            }
        } else {
            issues.wrongType(at, QStringLiteral("a string or an object"), *given);
        }
    }
    if (issues.failed())
        return;
    const ojson *parallel = member(doc, "parallel_tool_calls");
    const bool serial = parallel && parallel->is_boolean() && !parallel->get<bool>();
    if (serial && (choice.is_null() || choice["type"] != "none")) {
        if (choice.is_null())
            choice = ojson{{"type", "auto"}};
        choice["disable_parallel_tool_use"] = true;
    }
    if (!choice.is_null())
        out["tool_choice"] = std::move(choice);
}

} // namespace

std::optional<ojson> toolUseBlock(RequestIssues &issues, const ojson &call, const QString &at)
{
    if (!call.is_object()) {
        issues.wrongType(at, QStringLiteral("an object"), call);
        return std::nullopt;
    }
    const ojson *id = member(call, "id");
    if (!id) {
        issues.missing(at + QStringLiteral(".id"));
        return std::nullopt;
    }
    if (!id->is_string() || id->get<std::string>().empty()) {
        issues.wrongType(at + QStringLiteral(".id"), QStringLiteral("a non-empty string"), *id);
        return std::nullopt;
    }
    if (const std::string type = str(call, "type"); !type.empty() && type != "function") {
        issues.unsupported(at + QStringLiteral(".type"),
                           QStringLiteral("'%1': only function tool calls map onto Anthropic.").arg(fromUtf8(type)));
        return std::nullopt;
    }
    const ojson *function = member(call, "function");
    if (!function) {
        issues.missing(at + QStringLiteral(".function"));
        return std::nullopt;
    }
    if (!function->is_object()) {
        issues.wrongType(at + QStringLiteral(".function"), QStringLiteral("an object"), *function);
        return std::nullopt;
    }
    const ojson *name = member(*function, "name");
    if (!name || !name->is_string() || name->get<std::string>().empty()) {
        if (!name)
            issues.missing(at + QStringLiteral(".function.name"));
        else
            issues.wrongType(at + QStringLiteral(".function.name"), QStringLiteral("a non-empty string"), *name);
        return std::nullopt;
    }
    const ojson arguments = function->contains("arguments") ? (*function)["arguments"] : ojson();
    std::optional<ojson> input = toolInput(issues, arguments, at + QStringLiteral(".function.arguments"));
    if (!input)
        return std::nullopt;
    return ojson{{"type", "tool_use"}, {"id", *id}, {"name", *name}, {"input", std::move(*input)}};
}

std::optional<ojson> toolInput(RequestIssues &issues, const ojson &arguments, const QString &at)
{
    // OpenAI carries arguments as a JSON text; Anthropic wants the object.
    if (arguments.is_null())
        return ojson::object();
    if (arguments.is_object())
        return arguments; // some clients send the object itself
    if (!arguments.is_string()) {
        issues.wrongType(at, QStringLiteral("a string"), arguments);
        return std::nullopt;
    }
    const std::string text = arguments.get<std::string>();
    if (isBlank(text))
        return ojson::object();
    const ojson input = parse(QByteArrayView(text.data(), qsizetype(text.size())));
    if (!parsed(input) || !input.is_object()) {
        issues.wrongValue(
            at, QStringLiteral("expected a JSON object in a string; Anthropic needs tool input as an object."));
        return std::nullopt;
    }
    return input;
}

void takeTools(RequestIssues &issues, const ojson &doc, ojson &out)
{
    ojson tools = ojson::array();
    if (const ojson *list = member(doc, "tools"); list && !list->is_null()) {
        if (!list->is_array()) {
            issues.wrongType(QStringLiteral("tools"), QStringLiteral("an array"), *list);
            return;
        }
        for (size_t i = 0; i < list->size() && !issues.failed(); ++i) {
            const ojson &tool = (*list)[i];
            const QString at = QStringLiteral("tools[%1]").arg(i);
            if (!tool.is_object()) {
                issues.wrongType(at, QStringLiteral("an object"), tool);
                return;
            }
            const std::string type = str(tool, "type");
            if (type != "function") {
                issues.unsupported(
                    at + QStringLiteral(".type"),
                    QStringLiteral("'%1': only function tools map onto Anthropic.").arg(fromUtf8(type).left(64)));
                return;
            }
            const ojson *function = member(tool, "function");
            if (!function) {
                issues.missing(at + QStringLiteral(".function"));
                return;
            }
            if (std::optional<ojson> definition = toolDefinition(issues, *function, at + QStringLiteral(".function")))
                tools.push_back(std::move(*definition));
        }
    }
    // Legacy "functions": the same definitions without the wrapper.
    if (const ojson *list = member(doc, "functions"); list && !list->is_null() && !issues.failed()) {
        if (!list->is_array()) {
            issues.wrongType(QStringLiteral("functions"), QStringLiteral("an array"), *list);
            return;
        }
        for (size_t i = 0; i < list->size() && !issues.failed(); ++i) {
            if (std::optional<ojson> definition =
                    toolDefinition(issues, (*list)[i], QStringLiteral("functions[%1]").arg(i)))
                tools.push_back(std::move(*definition));
        }
    }
    if (issues.failed() || tools.empty())
        return; // without tools a tool_choice means nothing; Anthropic would refuse it
    out["tools"] = std::move(tools);
    takeToolChoice(issues, doc, out);
}

} // namespace understudy::anthropic::detail
