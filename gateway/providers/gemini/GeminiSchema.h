#pragma once

// Internal to providers/gemini: JSON Schema (as OpenAI clients write it for
// function parameters and json_schema response formats) narrowed to the
// OpenAPI 3.0 subset Gemini's Schema object accepts. Gemini rejects a
// request naming a keyword it does not know, so unknown keywords are
// dropped rather than forwarded.

#include <nlohmann/json.hpp>

namespace understudy::gemini::detail {

// Keeps type, format, title, description, nullable, enum, items,
// properties, required, propertyOrdering, anyOf, minItems/maxItems,
// minProperties/maxProperties, minLength/maxLength, minimum/maximum,
// pattern, example and default; a type list ["string","null"] becomes
// "string" + nullable. $ref/$defs are not resolved: a property that is
// only a reference loses its constraint.
nlohmann::json geminiSchema(const nlohmann::json &schema);

// True when `schema` is an object schema without properties: Gemini
// rejects such function parameters, a function without arguments is
// declared without "parameters".
bool isEmptyObjectSchema(const nlohmann::json &schema);

} // namespace understudy::gemini::detail
