#pragma once

// A chain flattened for execution, built once per applied config: nested
// `chain` steps are expanded in place (validation rejects cycles), each
// step's conditions are compiled and each group gets its balancer. Shared
// read-only by every worker; the balancers inside are thread-safe.

#include "config/Config.h"
#include "fallback/ConditionEvaluator.h"
#include "fallback/GroupBalancer.h"

#include <map>
#include <memory>
#include <vector>

namespace understudy {

struct PlannedStep
{
    const Step *step = nullptr;
    QString path; // "chat/steps[1]" or "chat/steps[3]/backup/steps[0]"
    ConditionEvaluator conditions;
    std::shared_ptr<GroupBalancer> balancer; // groups only
    int depth = 0;                           // nesting level, for trails
};

struct ChainPlan
{
    const Chain *chain = nullptr;
    std::vector<PlannedStep> steps;
    bool usesHeaders = false; // some step's conditions look at request headers
};

// Plans for every chain of `config`; pointers refer into `config`, which
// must outlive the plans (RuntimeSnapshot keeps both).
std::map<QString, std::shared_ptr<const ChainPlan>> buildChainPlans(const Config &config);

} // namespace understudy
