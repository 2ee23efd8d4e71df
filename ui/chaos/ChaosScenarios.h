#pragma once

// One-click outage rehearsals built from the current config: "primary down
// for 60 s" and friends. "Primary" is the first provider of the chain of
// the first llm route (the first http route when there is no llm route),
// so the scenarios follow whatever the operator's workspace calls it.

#include "config/Config.h"
#include "fallback/ChaosRegistry.h"

#include <QString>

#include <vector>

namespace understudy {

struct ChaosScenario
{
    QString id;          // stable, for tests and object names
    QString title;       // button text
    QString description; // what it will do, naming the providers
    std::vector<ChaosRequest> requests;
};

// Providers a route's chain calls, in chain order, each once (nested
// chains followed, groups contribute every target).
QStringList chainProviders(const Config &config, const QString &chainName);

// Empty when the config has no route whose chain reaches a provider.
std::vector<ChaosScenario> chaosScenarios(const Config &config);

} // namespace understudy
