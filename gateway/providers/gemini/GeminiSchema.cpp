#include "providers/gemini/GeminiSchema.h"

#include <array>
#include <string_view>

namespace understudy::gemini::detail {

using json = nlohmann::json;

namespace {

constexpr std::array<std::string_view, 16> kScalarKeywords = {
    "format",        "title",     "description", "nullable", "enum",    "minItems", "maxItems", "minProperties",
    "maxProperties", "minLength", "maxLength",   "minimum",  "maximum", "pattern",  "example",  "default",
};

constexpr int kMaxDepth = 64; // a schema nested deeper is cut there rather than recursed without end

json convert(const json &schema, int depth)
{
    json out = json::object();
    if (!schema.is_object() || depth > kMaxDepth)
        return out;
    for (auto it = schema.begin(); it != schema.end(); ++it) {
        const std::string &key = it.key();
        const json &value = it.value();
        if (key == "type") {
            if (value.is_string()) {
                out["type"] = value;
            } else if (value.is_array()) {
                // ["string","null"]: Gemini spells optional values as nullable.
                for (const json &type : value) {
                    if (!type.is_string())
                        continue;
                    if (type == "null")
                        out["nullable"] = true;
                    else if (!out.contains("type"))
                        out["type"] = type;
                }
            }
        } else if (key == "properties" && value.is_object()) {
            json properties = json::object();
            for (auto property = value.begin(); property != value.end(); ++property)
                properties[property.key()] = convert(property.value(), depth + 1);
            out["properties"] = std::move(properties);
        } else if (key == "items" && value.is_object()) {
            out["items"] = convert(value, depth + 1);
        } else if (key == "anyOf" && value.is_array()) {
            json variants = json::array();
            for (const json &variant : value) {
                // {"type":"null"} inside anyOf is how Pydantic writes Optional[T].
                if (variant.is_object() && variant.size() == 1 && variant.value("type", json()) == "null")
                    out["nullable"] = true;
                else
                    variants.push_back(convert(variant, depth + 1));
            }
            if (variants.size() == 1)
                out.update(variants.front());
            else if (!variants.empty())
                out["anyOf"] = std::move(variants);
        } else if ((key == "required" || key == "propertyOrdering") && value.is_array()) {
            out[key] = value;
        } else {
            for (std::string_view keyword : kScalarKeywords) {
                if (key == keyword) {
                    out[key] = value;
                    break;
                }
            }
        }
    }
    // "enum" needs a string type in Gemini's Schema.
    if (out.contains("enum") && !out.contains("type"))
        out["type"] = "string";
    return out;
}

} // namespace

json geminiSchema(const json &schema)
{
    return convert(schema, 0);
}

bool isEmptyObjectSchema(const json &schema)
{
    if (!schema.is_object())
        return true;
    const auto type = schema.find("type");
    if (type == schema.end() || *type != "object")
        return false;
    const auto properties = schema.find("properties");
    return properties == schema.end() || !properties->is_object() || properties->empty();
}

} // namespace understudy::gemini::detail
