#pragma once

// Turns a parsed JSON document into a Config, type-checking every field.
// Used by configFromJson after the size/depth/syntax guards have run.

#include "config/Config.h"
#include "core/Result.h"

#include <nlohmann/json_fwd.hpp>

namespace understudy {

Result<Config> readConfigDocument(const nlohmann::json &doc);

} // namespace understudy
