#include "designer/ChainEdits.h"

#include <QCoreApplication>

namespace understudy::designer {

namespace {

Result<Chain *> chainIn(Config &config, const QString &chainName)
{
    for (Chain &chain : config.chains) {
        if (chain.name == chainName)
            return &chain;
    }
    return Error{QStringLiteral("not_found"), QStringLiteral("No chain named \"%1\".").arg(chainName)};
}

Error badIndex(int index, std::size_t count)
{
    return Error{QStringLiteral("out_of_range"),
                 QStringLiteral("Step %1 does not exist; the chain has %2 steps.").arg(index).arg(count)};
}

bool validIndex(int index, std::size_t count)
{
    return index >= 0 && std::size_t(index) < count;
}

} // namespace

Result<Config> insertStep(const Config &config, const QString &chainName, int index, const Step &step)
{
    Config next = config;
    auto chain = chainIn(next, chainName);
    if (!chain)
        return chain.error();
    auto &steps = (*chain)->steps;
    if (index < 0 || std::size_t(index) > steps.size())
        return badIndex(index, steps.size());
    steps.insert(steps.begin() + index, step);
    return next;
}

Result<Config> removeStep(const Config &config, const QString &chainName, int index)
{
    Config next = config;
    auto chain = chainIn(next, chainName);
    if (!chain)
        return chain.error();
    auto &steps = (*chain)->steps;
    if (!validIndex(index, steps.size()))
        return badIndex(index, steps.size());
    steps.erase(steps.begin() + index);
    return next;
}

Result<Config> moveStep(const Config &config, const QString &chainName, int from, int to)
{
    Config next = config;
    auto chain = chainIn(next, chainName);
    if (!chain)
        return chain.error();
    auto &steps = (*chain)->steps;
    if (!validIndex(from, steps.size()))
        return badIndex(from, steps.size());
    if (!validIndex(to, steps.size()))
        return badIndex(to, steps.size());
    Step moved = std::move(steps[std::size_t(from)]);
    steps.erase(steps.begin() + from);
    steps.insert(steps.begin() + to, std::move(moved));
    return next;
}

Result<Config> duplicateStep(const Config &config, const QString &chainName, int index)
{
    const Chain *chain = config.chain(chainName);
    if (!chain)
        return Error{QStringLiteral("not_found"), QStringLiteral("No chain named \"%1\".").arg(chainName)};
    if (!validIndex(index, chain->steps.size()))
        return badIndex(index, chain->steps.size());
    Step copy = chain->steps[std::size_t(index)];
    if (!copy.name.isEmpty())
        copy.name = QCoreApplication::translate("ChainDesigner", "%1 copy").arg(copy.name);
    return insertStep(config, chainName, index + 1, copy);
}

Result<Config> replaceStep(const Config &config, const QString &chainName, int index, const Step &step)
{
    Config next = config;
    auto chain = chainIn(next, chainName);
    if (!chain)
        return chain.error();
    auto &steps = (*chain)->steps;
    if (!validIndex(index, steps.size()))
        return badIndex(index, steps.size());
    steps[std::size_t(index)] = step;
    return next;
}

Result<Config> setChainPolicy(const Config &config, const QString &chainName, const ChainPolicy &policy)
{
    Config next = config;
    auto chain = chainIn(next, chainName);
    if (!chain)
        return chain.error();
    (*chain)->policy = policy;
    return next;
}

Step newProviderStep(const QString &provider, const QString &model)
{
    Step step;
    step.kind = StepKind::Provider;
    step.name = provider;
    step.targets.push_back(Target{provider, model, 1, {}});
    return step;
}

Step newGroupStep(const std::vector<Target> &targets)
{
    Step step;
    step.kind = StepKind::Group;
    step.name = QStringLiteral("group");
    step.targets = targets;
    return step;
}

Step newChainStep(const QString &chainName)
{
    Step step;
    step.kind = StepKind::Chain;
    step.name = chainName;
    step.chain = chainName;
    return step;
}

Step newCacheStep()
{
    Step step;
    step.kind = StepKind::Cache;
    step.name = QStringLiteral("cache");
    return step;
}

Step newStaticStep()
{
    Step step;
    step.kind = StepKind::Static;
    step.name = QStringLiteral("static");
    step.response.status = 200;
    step.response.body = QCoreApplication::translate(
        "ChainDesigner", "The service is degraded right now; please try again in a few minutes.");
    return step;
}

QString stepTitle(const Step &step, int index)
{
    if (!step.name.isEmpty())
        return step.name;
    switch (step.kind) {
    case StepKind::Provider:
        if (!step.targets.empty())
            return step.targets.front().provider;
        break;
    case StepKind::Group: {
        QStringList members;
        for (const Target &target : step.targets)
            members << target.provider;
        return QStringLiteral("group (%1)").arg(members.join(QStringLiteral(", ")));
    }
    case StepKind::Chain:
        return QStringLiteral("→ ") + step.chain;
    case StepKind::Cache:
    case StepKind::Static:
        break;
    }
    return stepKindName(step.kind) + u' ' + QString::number(index + 1);
}

} // namespace understudy::designer
