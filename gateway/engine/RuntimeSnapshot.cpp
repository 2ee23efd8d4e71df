#include "engine/RuntimeSnapshot.h"

namespace understudy {

RuntimeSnapshot::RuntimeSnapshot(ConfigSnapshot cfg) : config(cfg), routes(std::move(cfg))
{}

} // namespace understudy
