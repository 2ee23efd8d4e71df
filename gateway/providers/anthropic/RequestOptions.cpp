// Request translation, options: max_tokens (required by Anthropic),
// temperature and top_p within Anthropic's ranges, stop sequences, and
// response_format, which the Messages API can only be asked for in the
// system prompt.

#include "providers/anthropic/AnthropicAdapter.h"
#include "providers/anthropic/RequestParts.h"

#include <algorithm>

namespace understudy::anthropic::detail {

void takeSampling(RequestIssues &issues, const ojson &doc, ojson &out)
{
    qint64 maxTokens = kDefaultMaxTokens;
    for (const char *key : {"max_tokens", "max_completion_tokens"}) { // the newer name wins
        const ojson *value = member(doc, key);
        if (!value || value->is_null())
            continue;
        if (!value->is_number_integer()) {
            issues.wrongType(QString::fromLatin1(key), QStringLiteral("an integer"), *value);
            return;
        }
        if (value->get<qint64>() < 1) {
            issues.wrongValue(QString::fromLatin1(key),
                              QStringLiteral("expected a value of at least 1, but got %1.").arg(value->get<qint64>()));
            return;
        }
        maxTokens = value->get<qint64>();
    }
    // After "model", as in Anthropic's examples.
    out["max_tokens"] = maxTokens;

    const ojson *temperature = member(doc, "temperature");
    const bool hasTemperature = temperature && !temperature->is_null();
    if (hasTemperature) {
        if (!temperature->is_number()) {
            issues.wrongType(QStringLiteral("temperature"), QStringLiteral("a number"), *temperature);
            return;
        }
        // OpenAI's range is [0, 2], Anthropic's [0, 1].
        out["temperature"] = std::clamp(temperature->get<double>(), 0.0, 1.0);
    }
    if (const ojson *topP = member(doc, "top_p"); topP && !topP->is_null()) {
        if (!topP->is_number()) {
            issues.wrongType(QStringLiteral("top_p"), QStringLiteral("a number"), *topP);
            return;
        }
        // Recent Claude models refuse temperature and top_p together
        // ("cannot both be specified for this model"); temperature wins.
        if (!hasTemperature)
            out["top_p"] = std::clamp(topP->get<double>(), 0.0, 1.0);
    }
    if (const ojson *stop = member(doc, "stop"); stop && !stop->is_null()) {
        ojson sequences = ojson::array();
        if (stop->is_string()) {
            sequences.push_back(*stop);
        } else if (stop->is_array()) {
            for (size_t i = 0; i < stop->size(); ++i) {
                if (!(*stop)[i].is_string()) {
                    issues.wrongType(QStringLiteral("stop[%1]").arg(i), QStringLiteral("a string"), (*stop)[i]);
                    return;
                }
                sequences.push_back((*stop)[i]);
            }
        } else {
            issues.wrongType(QStringLiteral("stop"), QStringLiteral("a string or an array of strings"), *stop);
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

void takeResponseFormat(RequestIssues &issues, const ojson &doc, std::vector<std::string> &system)
{
    const ojson *format = member(doc, "response_format");
    if (!format || format->is_null() || issues.failed())
        return;
    if (!format->is_object()) {
        issues.wrongType(QStringLiteral("response_format"), QStringLiteral("an object"), *format);
        return;
    }
    // The Messages API has no JSON mode (without a beta header): the format
    // is asked for in the system prompt, and is not enforced.
    const std::string type = str(*format, "type");
    if (type == "text")
        return;
    if (type == "json_object") {
        system.emplace_back("Respond with a single valid JSON object and nothing else: no prose before or after "
                            "it, no Markdown code fences.");
        return;
    }
    if (type == "json_schema") {
        const ojson *wrapper = member(*format, "json_schema");
        const ojson *schema = wrapper ? member(*wrapper, "schema") : nullptr;
        if (!wrapper || !wrapper->is_object()) {
            issues.missing(QStringLiteral("response_format.json_schema"));
            return;
        }
        std::string text = "Respond with a single valid JSON value and nothing else: no prose before or after it, "
                           "no Markdown code fences.";
        if (schema && schema->is_object()) {
            const std::string name = str(*wrapper, "name");
            text += " It must conform to this JSON Schema" + (name.empty() ? std::string() : " (\"" + name + "\")") +
                    ":\n" + schema->dump(-1, ' ', false, ojson::error_handler_t::replace);
        }
        system.push_back(std::move(text));
        return;
    }
    issues.wrongValue(
        QStringLiteral("response_format.type"),
        QStringLiteral("'%1' is not one of text, json_object, json_schema.").arg(fromUtf8(type).left(64)));
}

} // namespace understudy::anthropic::detail
