#include "fallback/ChainPlan.h"

#include <QSet>

namespace understudy {

namespace {

void expand(const Config &config, const Chain &chain, const QString &prefix, int depth, QSet<QString> &visiting,
            std::vector<PlannedStep> &out)
{
    visiting.insert(chain.name);
    for (size_t i = 0; i < chain.steps.size(); ++i) {
        const Step &step = chain.steps[i];
        const QString path = QStringLiteral("%1%2/steps[%3]").arg(prefix, chain.name).arg(i);
        if (step.kind == StepKind::Chain) {
            const Chain *nested = config.chain(step.chain);
            // Validation guarantees the reference and the absence of cycles;
            // the guard keeps a bad config from recursing forever anyway.
            if (nested && !visiting.contains(nested->name))
                expand(config, *nested, path + QLatin1Char('/'), depth + 1, visiting, out);
            continue;
        }
        PlannedStep planned;
        planned.step = &step;
        planned.path = path;
        planned.depth = depth;
        if (auto compiled = ConditionEvaluator::compile(step.conditions); compiled)
            planned.conditions = std::move(compiled).value();
        if (step.kind == StepKind::Group) {
            std::vector<int> weights;
            for (const Target &t : step.targets)
                weights.push_back(t.weight);
            planned.balancer = std::make_shared<GroupBalancer>(step.balance, std::move(weights));
        }
        out.push_back(std::move(planned));
    }
    visiting.remove(chain.name);
}

} // namespace

std::map<QString, std::shared_ptr<const ChainPlan>> buildChainPlans(const Config &config)
{
    std::map<QString, std::shared_ptr<const ChainPlan>> plans;
    for (const Chain &chain : config.chains) {
        auto plan = std::make_shared<ChainPlan>();
        plan->chain = &chain;
        QSet<QString> visiting;
        expand(config, chain, QString(), 0, visiting, plan->steps);
        for (const PlannedStep &planned : plan->steps) {
            for (const Condition &c : planned.step->conditions)
                plan->usesHeaders = plan->usesHeaders || c.kind == ConditionKind::Header;
        }
        plans.emplace(chain.name, std::move(plan));
    }
    return plans;
}

} // namespace understudy
