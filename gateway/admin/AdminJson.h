#pragma once

// The admin API's JSON: the one error shape
//   {"error": {"code": "...", "message": "...", "details": ...}}
// and the documents each endpoint reads or writes (docs/admin-openapi.yaml
// describes the same shapes). Pure functions, usable on any thread.

#include "admin/AdminObservability.h"
#include "config/Validation.h"
#include "core/Result.h"
#include "fallback/AttemptTrail.h"
#include "fallback/ChaosRegistry.h"
#include "fallback/CircuitBreaker.h"
#include "store/Workspace.h"

#include <QByteArray>
#include <QByteArrayView>

#include <nlohmann/json.hpp>

namespace understudy {

// `details` is omitted when null.
QByteArray adminErrorBody(QByteArrayView code, const QString &message, const nlohmann::json &details = nullptr);

nlohmann::json revisionInfoJson(const RevisionInfo &info);
nlohmann::json issuesJson(const std::vector<ValidationIssue> &issues);
nlohmann::json breakerJson(const BreakerSnapshot &breaker);
// remaining_ms is computed against `nowMs` (the registry's clock).
nlohmann::json chaosJson(const ChaosInjection &injection, qint64 nowMs);
// One line of `tail`: the request's final outcome without its attempts.
nlohmann::json requestSummaryJson(const RequestTrail &trail);

// {"provider": "...", "model": "...", "duration_ms": N, "note": "...",
//  "fault": "error_status", "status": 503, ...the other mock fault fields}
// Error code "invalid_chaos" naming the field; unknown fields are errors.
Result<ChaosRequest> chaosRequestFromJson(const nlohmann::json &document);

// Query strings of the log endpoints; error code "bad_query".
Result<RequestQuery> requestLogQueryFromUrl(QByteArrayView query);
Result<EventQuery> eventQueryFromUrl(QByteArrayView query);

// One Server-Sent Event; `data` must be a single line (compact JSON).
QByteArray sseEvent(QByteArrayView event, QByteArrayView data);

} // namespace understudy
