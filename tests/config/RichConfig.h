#pragma once

#include "config/Config.h"

namespace understudy::test {

// A config that sets every field to a non-default value and uses every
// value of every enum somewhere, so a round trip through JSON exercises
// the whole schema. It is not meant to pass validation.
Config richConfig();

} // namespace understudy::test
