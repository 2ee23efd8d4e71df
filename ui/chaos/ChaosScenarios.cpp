#include "ChaosScenarios.h"

#include <QCoreApplication>

#include <set>

namespace understudy {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("understudy::ChaosScenarios", text);
}

void collectProviders(const Config &config, const QString &chainName, QStringList &out, std::set<QString> &seen)
{
    // A chain that nests itself is invalid config; `seen` keeps us finite.
    if (!seen.insert(chainName).second)
        return;
    const Chain *chain = config.chain(chainName);
    if (!chain)
        return;
    for (const Step &step : chain->steps) {
        if (step.kind == StepKind::Provider || step.kind == StepKind::Group) {
            for (const Target &t : step.targets) {
                if (!t.provider.isEmpty() && !out.contains(t.provider))
                    out << t.provider;
            }
        } else if (step.kind == StepKind::Chain) {
            collectProviders(config, step.chain, out, seen);
        }
    }
}

const Route *rehearsalRoute(const Config &config)
{
    for (const Route &r : config.routes) {
        if (r.kind == RouteKind::Llm && !chainProviders(config, r.chain).isEmpty())
            return &r;
    }
    for (const Route &r : config.routes) {
        if (!chainProviders(config, r.chain).isEmpty())
            return &r;
    }
    return nullptr;
}

ChaosRequest request(const QString &provider, MockSettings fault, int seconds, const QString &note)
{
    ChaosRequest r;
    r.provider = provider;
    r.fault = fault;
    r.durationMs = qint64(seconds) * 1000;
    r.note = note;
    return r;
}

MockSettings errorStatus(int status)
{
    MockSettings s;
    s.fault = MockFault::ErrorStatus;
    s.status = status;
    return s;
}

} // namespace

QStringList chainProviders(const Config &config, const QString &chainName)
{
    QStringList out;
    std::set<QString> seen;
    collectProviders(config, chainName, out, seen);
    return out;
}

std::vector<ChaosScenario> chaosScenarios(const Config &config)
{
    std::vector<ChaosScenario> out;
    const Route *route = rehearsalRoute(config);
    if (!route)
        return out;
    const QStringList providers = chainProviders(config, route->chain);
    const QString primary = providers.first();

    ChaosScenario down;
    down.id = QStringLiteral("primary-down");
    down.title = tr("Primary down for 60 s");
    down.description = tr("%1 (first provider of route %2) answers 503 for 60 s; the chain should fall back.")
                           .arg(primary, route->name);
    down.requests.push_back(request(primary, errorStatus(503), 60, down.title));
    out.push_back(std::move(down));

    ChaosScenario slow;
    slow.id = QStringLiteral("primary-slow");
    slow.title = tr("Primary slow (first token 5 s) for 60 s");
    slow.description =
        tr("%1 sends its first token only after 5 s for 60 s; watch TTFT, first-byte timeouts and hedging.")
            .arg(primary);
    MockSettings slowFault;
    slowFault.fault = MockFault::SlowFirstToken;
    slowFault.delayMs = 5000;
    slow.requests.push_back(request(primary, slowFault, 60, slow.title));
    out.push_back(std::move(slow));

    ChaosScenario flapping;
    flapping.id = QStringLiteral("primary-flapping");
    flapping.title = tr("Primary flapping (10 s down, 10 s up) for 60 s");
    flapping.description =
        tr("%1 alternates between 10 s of 503s and 10 s of mock answers; watch the breaker open and close.")
            .arg(primary);
    MockSettings flap;
    flap.fault = MockFault::Flapping;
    flap.downMs = 10000;
    flap.upMs = 10000;
    flapping.requests.push_back(request(primary, flap, 60, flapping.title));
    out.push_back(std::move(flapping));

    if (providers.size() > 1) {
        ChaosScenario allButLast;
        allButLast.id = QStringLiteral("all-but-last-down");
        allButLast.title = tr("Everything but the last provider down for 30 s");
        const QStringList downList = providers.mid(0, providers.size() - 1);
        allButLast.description = tr("%1 answer 503 for 30 s; only %2 (and any cache or static step) is left.")
                                     .arg(downList.join(QStringLiteral(", ")), providers.last());
        for (const QString &p : downList)
            allButLast.requests.push_back(request(p, errorStatus(503), 30, allButLast.title));
        out.push_back(std::move(allButLast));
    }
    return out;
}

} // namespace understudy
