#pragma once

// Internal to providers/anthropic: the pieces translateRequest
// (AnthropicRequest.cpp) assembles a Messages request from. Each piece
// reports the first problem it meets to a shared RequestIssues, so the
// client hears about the first bad field, named the way OpenAI names it.
//
//   RequestIssues.cpp   the error sink and its OpenAI-style messages
//   RequestContent.cpp  content parts -> text, image and document blocks
//   RequestTools.cpp    tools, tool_choice, assistant tool calls -> tool_use
//   RequestOptions.cpp  max_tokens, sampling, stop, response_format

#include "providers/ProviderAdapter.h"
#include "providers/anthropic/AnthropicJson.h"

#include <QString>

#include <optional>
#include <string>
#include <vector>

namespace understudy::anthropic::detail {

// The first problem found while translating; later ones are ignored, since
// the first is the one that explains the others.
class RequestIssues final
{
public:
    bool failed() const { return m_error.has_value(); }
    const std::optional<Error> &error() const { return m_error; }

    void fail(const QString &code, const QString &message);
    void missing(const QString &param);
    void wrongType(const QString &param, const QString &expected, const ojson &got);
    void wrongValue(const QString &param, const QString &why);
    void unsupported(const QString &param, const QString &why);

private:
    std::optional<Error> m_error;
};

// Empty or whitespace only: Anthropic refuses such text blocks and stop
// sequences.
bool isBlank(const std::string &text);

// ---- content (RequestContent.cpp)

// Content (a string or an array of parts) as Anthropic blocks; blank text
// is dropped. `images` says whether image and file parts may appear.
ojson contentBlocks(RequestIssues &issues, const ojson &content, const QString &at, bool images);

// ---- tools (RequestTools.cpp)

// An assistant message's tool_calls[i] as a tool_use block.
std::optional<ojson> toolUseBlock(RequestIssues &issues, const ojson &call, const QString &at);
// OpenAI's arguments text as the object Anthropic wants.
std::optional<ojson> toolInput(RequestIssues &issues, const ojson &arguments, const QString &at);
// "tools" / legacy "functions", then "tool_choice" / legacy "function_call"
// and "parallel_tool_calls", into `out`.
void takeTools(RequestIssues &issues, const ojson &doc, ojson &out);

// ---- options (RequestOptions.cpp)

// max_tokens, temperature, top_p and stop into `out`.
void takeSampling(RequestIssues &issues, const ojson &doc, ojson &out);
// response_format as an instruction appended to `system`.
void takeResponseFormat(RequestIssues &issues, const ojson &doc, std::vector<std::string> &system);

} // namespace understudy::anthropic::detail
