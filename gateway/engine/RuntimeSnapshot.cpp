#include "engine/RuntimeSnapshot.h"

namespace understudy {

RuntimeSnapshot::RuntimeSnapshot(ConfigSnapshot cfg) : config(cfg), routes(cfg), plans(buildChainPlans(*cfg))
{}

} // namespace understudy
