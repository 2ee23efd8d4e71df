#include "providers/openai/OpenAiCompletion.h"

#include "providers/openai/OpenAiJson.h"

namespace understudy::openai {

using detail::json;

namespace {

CompletionInfo problem(CompletionInfo::Problem kind, QString reason)
{
    CompletionInfo info;
    info.problem = kind;
    info.malformedReason = std::move(reason);
    return info;
}

} // namespace

CompletionInfo inspectCompletion(QByteArrayView body)
{
    using P = CompletionInfo::Problem;
    if (body.trimmed().isEmpty())
        return problem(P::Empty, QStringLiteral("the answer has no body"));
    const json doc = detail::parse(body);
    if (!detail::parsed(doc)) {
        return detail::endsEarly(body) ? problem(P::CutJson, QStringLiteral("the answer's JSON stops early"))
                                       : problem(P::NotJson, QStringLiteral("the answer is not JSON"));
    }
    if (!doc.is_object())
        return problem(P::NotObject, QStringLiteral("the answer is not a JSON object"));
    if (const json *error = detail::member(doc, "error"); error && !error->is_null()) {
        CompletionInfo info = problem(P::InBandError, QStringLiteral("the answer is an error object"));
        info.error = detail::errorFrom(*error);
        return info;
    }

    CompletionInfo info;
    info.id = detail::string(doc, "id");
    info.model = detail::string(doc, "model");
    if (const json *usage = detail::member(doc, "usage"))
        info.usage = detail::usageFrom(*usage);

    const json *choices = detail::member(doc, "choices");
    if (!choices || !choices->is_array() || choices->empty()) {
        info.problem = P::NoChoices;
        info.malformedReason = QStringLiteral("the answer has no \"choices\"");
        return info;
    }
    const json &choice = (*choices)[0];
    const json *message = detail::member(choice, "message");
    if (!message || !message->is_object()) {
        info.problem = P::NoMessage;
        info.malformedReason = QStringLiteral("the answer has no choices[0].message");
        return info;
    }
    info.text = detail::string(*message, "content");
    const json *toolCalls = detail::member(*message, "tool_calls");
    info.hasToolCalls = toolCalls && toolCalls->is_array() && !toolCalls->empty();
    info.finishReason = detail::string(choice, "finish_reason");
    if (info.finishReason.isEmpty()) {
        info.problem = P::NoFinishReason;
        info.malformedReason = QStringLiteral("the answer has no finish_reason");
        return info;
    }
    info.valid = true;
    return info;
}

OutcomeClass outcomeOf(const CompletionInfo &info)
{
    using P = CompletionInfo::Problem;
    switch (info.problem) {
    case P::None:
        return OutcomeClass::Ok;
    case P::Empty:
    case P::CutJson:
    case P::NoFinishReason:
        // A body that stops mid-JSON or before its finish reason was cut.
        return OutcomeClass::Truncated;
    case P::InBandError:
        return OutcomeClass::InBandError;
    case P::NotJson:
    case P::NotObject:
    case P::NoChoices:
    case P::NoMessage:
        break;
    }
    return OutcomeClass::MalformedResponse;
}

} // namespace understudy::openai
