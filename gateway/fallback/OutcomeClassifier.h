#pragma once

// Turns an upstream HTTP response (status, headers and a bounded prefix of
// the body) into the outcome class of SPEC §3, plus what the decision and
// the attempt trail need: the exact status, the Retry-After in ms, and the
// provider's own error code and message (returned to the client on a
// content-policy stop).
//
// Transport-level classes (connect errors, resets, timeouts, malformed or
// truncated streams) are decided by the executor from socket events; this
// class only reads responses that arrived.

#include "config/Outcome.h"
#include "fallback/RetryAfter.h"

#include <QByteArrayView>
#include <QString>

#include <optional>

namespace understudy {

class Clock;

struct ResponseClassification
{
    OutcomeClass outcome = OutcomeClass::Ok;
    int status = 0;                     // the upstream's exact status (e.g. 529)
    std::optional<qint64> retryAfterMs; // from the headers, when present and valid
    QString providerCode;               // e.g. "context_length_exceeded", "overloaded_error"
    QString providerMessage;            // the provider's human text, bounded
};

class OutcomeClassifier final
{
public:
    // Bodies are only inspected up to this many bytes: error bodies are small
    // and the phrase we look for sits near the start.
    static constexpr qsizetype kBodyPrefixBytes = 16 * 1024;

    explicit OutcomeClassifier(const Clock &clock);

    ResponseClassification classify(int status, const HeaderList &headers, QByteArrayView bodyPrefix = {}) const;

private:
    const Clock &m_clock;
};

} // namespace understudy
