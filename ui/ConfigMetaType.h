#pragma once

// Config snapshots, revision lists and a workspace's Observability cross
// between the store thread and the GUI thread in queued signals and
// invocations; the metatypes live here so the engine headers stay free of
// them.

#include "config/Config.h"
#include "store/Workspace.h"

#include <QList>
#include <QMetaType>

#include <memory>

namespace understudy {
class Observability;
}

Q_DECLARE_METATYPE(understudy::ConfigSnapshot)
Q_DECLARE_METATYPE(understudy::RevisionInfo)
Q_DECLARE_METATYPE(std::shared_ptr<understudy::Observability>)
