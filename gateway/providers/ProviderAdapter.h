#pragma once

// The seam between the executor, which speaks the OpenAI Chat Completions
// format on llm routes, and providers that speak something else (Anthropic
// Messages, Gemini generateContent). An adapter has two halves:
//
//  - a request translation: the client's OpenAI chat request (already
//    validated) becomes the provider's HTTP request;
//  - a ResponseTranslator: the provider's response, fed incrementally as it
//    arrives, comes out as the OpenAI response the executor and the client
//    expect (a chat.completion object, or "data: {chunk}\n\n" events ending
//    with "data: [DONE]\n\n").
//
// The executor classifies what comes out of the translator, so translators
// keep the evidence it needs: error statuses are kept as they are (429, 529,
// 400...), error bodies become OpenAI-shaped errors that keep the provider's
// type/code and message, in-stream errors become OpenAI in-band error
// events, a malformed provider event is forwarded as a malformed event (the
// executor drops and counts it), and a stream that ends without the
// provider's end marker ends without a finish chunk or [DONE] (the executor
// then reports it truncated; a translator never invents a success).

#include "config/Config.h"
#include "config/Outcome.h"
#include "core/Result.h"
#include "upstream/HttpHeaders.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>
#include <optional>

namespace understudy {

struct AdapterRequestInput
{
    QByteArray openAiBody; // the client's OpenAI chat request body (valid JSON object)
    QString model;         // the model to ask for (target model, or the requested one)
    QString prefill;       // non-empty: continue an assistant answer already streamed
    QByteArray credential; // resolved secret; empty = send no auth header
    QString baseUrlPath;   // path part of the provider's base URL, e.g. "" or "/v1" or "/v1beta"
};

struct AdapterRequest
{
    QByteArray method = QByteArrayLiteral("POST");
    QString path;        // absolute path (+ query) on the provider's origin
    HttpHeaders headers; // provider headers (auth, version, content type); no Host
    QByteArray body;
    bool stream = false;
};

// What the translator found wrong with the response as a whole, reported
// when the upstream body is complete (e.g. a 200 whose JSON is not a valid
// answer). Not used for error statuses: those are translated and classified.
struct AdapterFailure
{
    OutcomeClass outcome = OutcomeClass::MalformedResponse;
    QString detail;
};

class ResponseTranslator
{
public:
    virtual ~ResponseTranslator() = default;

    // The provider's status and headers; returns the headers to present
    // (content type of the translated body; never Content-Length or
    // Transfer-Encoding, the translated length differs).
    virtual HttpHeaders head(int status, const HttpHeaders &headers) = 0;
    // Provider body bytes in, translated bytes out (may be empty). Streams
    // are translated event by event; non-stream bodies are buffered (bounded
    // by the caller) and translated in finish().
    virtual QByteArray feed(QByteArrayView bytes) = 0;
    // The provider body is complete: any remaining translated bytes.
    virtual QByteArray finish() = 0;
    // Set after finish() when the whole answer was unusable.
    virtual std::optional<AdapterFailure> failure() const = 0;
};

} // namespace understudy
