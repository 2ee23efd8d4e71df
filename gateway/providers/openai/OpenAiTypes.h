#pragma once

// Small value types shared by the OpenAI Chat Completions wire helpers.

#include <QString>

namespace understudy::openai {

// Token counts as the provider reported them; -1 = not reported.
struct TokenUsage
{
    qint64 prompt = -1;
    qint64 completion = -1;
    qint64 total = -1;

    bool known() const { return prompt >= 0 || completion >= 0 || total >= 0; }
};

// An OpenAI-shaped error object ({"error":{"message","type","code","param"}}).
// `code` and `param` are kept as text even when a provider sends numbers.
struct ApiError
{
    QString message;
    QString type;
    QString code;
    QString param;
};

} // namespace understudy::openai
