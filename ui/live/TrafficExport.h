#pragma once

// Turning request trails into things other tools read: HAR 1.2 (browser
// devtools, HTTP Toolkit, Charles), JSON Lines (jq, log pipelines) and a
// curl command line. Trails carry no headers or bodies, so the HAR entries
// and curl line hold what the trail knows (method, URL from the route path,
// status, timings) plus the attempt trail under "_understudy".

#include "core/Result.h"
#include "fallback/AttemptTrail.h"

#include <QJsonObject>
#include <QString>

#include <vector>

namespace understudy {

// "http://127.0.0.1:8787" + "/v1/chat" -> the request's URL.
QString trafficRequestUrl(const RequestTrail &trail, const QString &baseUrl);
QJsonObject trailToJson(const RequestTrail &trail);
QJsonObject harDocument(const std::vector<RequestTrail> &rows, const QString &baseUrl);
QString curlCommand(const RequestTrail &trail, const QString &baseUrl);

// Both write the file whole (QSaveFile); errors say which file and why.
Result<void> exportHar(const QString &path, const std::vector<RequestTrail> &rows, const QString &baseUrl);
Result<void> exportJsonl(const QString &path, const std::vector<RequestTrail> &rows);

} // namespace understudy
