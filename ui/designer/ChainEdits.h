#pragma once

// The designer's edits as pure functions from one Config to the next. Every
// undoable edit of the chain designer is one of these, so an edit, its undo
// and its redo are plain Config values that can be compared exactly.

#include "config/Config.h"
#include "core/Result.h"

#include <QString>

namespace understudy::designer {

// Inserts `step` at `index` (0..steps.size()) of chain `chainName`.
Result<Config> insertStep(const Config &config, const QString &chainName, int index, const Step &step);
Result<Config> removeStep(const Config &config, const QString &chainName, int index);
// Moves the step at `from` so that it ends up at index `to`.
Result<Config> moveStep(const Config &config, const QString &chainName, int from, int to);
// Inserts a copy right after the original, named "<name> copy".
Result<Config> duplicateStep(const Config &config, const QString &chainName, int index);
Result<Config> replaceStep(const Config &config, const QString &chainName, int index, const Step &step);
Result<Config> setChainPolicy(const Config &config, const QString &chainName, const ChainPolicy &policy);

// A new step as the palette creates it: sensible defaults for its kind.
Step newProviderStep(const QString &provider, const QString &model);
Step newGroupStep(const std::vector<Target> &targets);
Step newChainStep(const QString &chainName);
Step newCacheStep();
Step newStaticStep();

// "primary", "group (a, b)", "→ backup", "cache", "static": the card title.
QString stepTitle(const Step &step, int index);

} // namespace understudy::designer
